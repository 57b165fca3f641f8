/* Compare 2 to 4 marked cities, live under the current weights. */
#ifndef CR_VIEW_COMPARE_H
#define CR_VIEW_COMPARE_H

#include <stddef.h>

struct app;
struct keymap;

#define COMPARE_MAX	4

struct view_compare {
	int	marks[COMPARE_MAX];	/* in the order they were marked */
	int	nmarks;
	size_t	top;
	int	rows;
	int	city_w;		/* columns a city takes at the last draw */
	int	rank_w;		/* of which the rank, at the last draw */
};

/* Mark or unmark a city; 0, or -1 with a message when four are marked. */
int	view_compare_toggle(struct app *, int entity);
int	view_compare_marked(const struct app *, int entity);
void	view_compare_draw(struct app *, int y, int x, int h, int w);
/* The view's keys: its handlers and its part of the help. */
extern const struct keymap	view_compare_keys;
int	view_compare_key(struct app *, int key);

#endif
