/*
 * "What would it take": the target solver from the explorer.  A key
 * asks for a rank or a city to be above, for the city in view; the
 * answer (the batch command's table, the same words) opens over the
 * view, and Enter applies its weights as an unsaved change (u undoes).
 */
#ifndef CR_VIEW_TARGET_H
#define CR_VIEW_TARGET_H

#include <stddef.h>

#include "pager.h"

struct app;

struct view_target {
	struct pager	 page;	/* the answer, open while shown */
	int		 unit;	/* the city asked for */
	char		*spec;	/* its weights, "CODE=W,...", or NULL */
};

/* The key: ask for the goal of the city in view. */
int	view_target_ask(struct app *, int key);
/* The prompt's answer: a rank (a number) or a city to be above. */
void	view_target_solve(struct app *, const char *goal);
void	view_target_draw(struct app *, int y, int x, int h, int w);
int	view_target_key(struct app *, int key);
void	view_target_close(struct app *);

#endif
