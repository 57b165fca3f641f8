/*
 * A page of text over the view: lines wrapped to the width (never
 * cut), scrolled with the list keys, a footer of what the keys do.
 * The solver's answer (K) and "about this data set" (i) use it.
 */
#ifndef CR_PAGER_H
#define CR_PAGER_H

#include <stddef.h>

struct app;

struct pager {
	int		 open;
	char		**lines;
	size_t		 n, top;
	const char	*foot;		/* static */
};

/* Takes the lines (malloc'd, each and the array) and opens. */
void	pager_open(struct pager *, char **lines, size_t n, const char *foot);
void	pager_add(struct pager *, char *line);
void	pager_close(struct pager *);
void	pager_draw(struct app *, const struct pager *, int y, int x, int h,
	    int w);
/* 1 when the key scrolled the page. */
int	pager_scroll(struct pager *, int key);

#endif
