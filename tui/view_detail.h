/* One city: every node's score and rank, raw values and their sources. */
#ifndef CR_VIEW_DETAIL_H
#define CR_VIEW_DETAIL_H

#include <stddef.h>

struct app;
struct keymap;

struct detail_profile;

struct view_detail {
	int	entity;
	size_t	top;		/* first line of the scrolled part */
	int	rows;
	size_t	nlines;		/* lines of the node table */
	struct detail_profile *profile;	/* the unit's, kept: view_detail.c */
};

void	view_detail_draw(struct app *, int y, int x, int h, int w);
void	view_detail_free(struct app *);
/* The view's keys: its handlers and its part of the help. */
extern const struct keymap	view_detail_keys;
int	view_detail_key(struct app *, int key);

#endif
