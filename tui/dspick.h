/*
 * O: the data sets a user can open (the bundled ones and recent
 * imports, as 'cityrank datasets' lists them), over the view; Enter
 * opens one in place of the open one, asking first about unsaved
 * changes as quitting does.
 */
#ifndef CR_DSPICK_H
#define CR_DSPICK_H

#include <stddef.h>

struct app;
struct keymap;
struct session_dsinfo;

struct dspick {
	int			 open;
	struct session_dsinfo	*list;
	size_t			 n, cur, top;
	char			*pending;	/* awaiting the save question */
};

/* The list's keys: their handlers and their part of the help. */
extern const struct keymap	dspick_keys;
int	dspick_key_open(struct app *, int key);
void	dspick_close(struct dspick *);
void	dspick_draw(struct app *, int y, int x, int h, int w);
int	dspick_key(struct app *, int key);
/* The answer to the unsaved-changes question: s, d, or another key. */
int	dspick_answer(struct app *, int key);
/* After the save the question led to: open the data set, or not. */
void	dspick_saved(struct app *, int saved);

#endif
