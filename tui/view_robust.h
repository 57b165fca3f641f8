/*
 * The robustness view: each unit's 5-95% rank band under weights drawn
 * around the scenario, its median and P(top k), and the Sobol indices
 * of the ranked node's weights.  The work runs off the input thread
 * (robust_job.h) and follows every change.
 */
#ifndef CR_VIEW_ROBUST_H
#define CR_VIEW_ROBUST_H

#include <stddef.h>

struct app;
struct keymap;

struct view_robust {
	size_t	 top, cur;
	int	 rows, y0;
};

void	view_robust_draw(struct app *, int y, int x, int h, int w);
/* The view's keys: its handlers and its part of the help. */
extern const struct keymap	view_robust_keys;
int	view_robust_key(struct app *, int key);

#endif
