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

struct view_scatter {
	struct axis	x, y;
	int		y_follows;	/* Y is the node ranked by */
	int		log_x;
	int		ascii;		/* forced ASCII canvas */
	int		sel;		/* selected entity, -1 none */
	int		init;
};

void	view_scatter_draw(struct app *, int y, int x, int h, int w);
int	view_scatter_key(struct app *, int key);

#endif
