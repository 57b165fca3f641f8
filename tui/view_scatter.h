/*
 * The scatter view: any two measures against each other on a braille
 * (or ASCII) canvas, the least-squares line under the points, and the
 * selected city's numbers in the message line.  Points move live with
 * the weights.
 */
#ifndef CR_VIEW_SCATTER_H
#define CR_VIEW_SCATTER_H

#include "scatter.h"

struct app;
struct keymap;

struct scatter_memo;

struct view_scatter {
	struct axis	x, y;
	int		y_follows;	/* Y is the node ranked by */
	int		log_x;
	int		ascii;		/* forced ASCII canvas */
	int		sel;		/* selected entity, -1 none */
	int		init;
};

void	view_scatter_draw(struct app *, int y, int x, int h, int w);
void	view_scatter_free(struct app *);
/* The view's keys: its handlers and its part of the help. */
extern const struct keymap	view_scatter_keys;
int	view_scatter_key(struct app *, int key);

#endif
