/*
 * The weights view: every node's weight among its siblings (as a share
 * of 100%), its share of the whole index, locks, and beside it a compact
 * ranking that moves with every key press.
 */
#ifndef CR_VIEW_WEIGHTS_H
#define CR_VIEW_WEIGHTS_H

#include <stddef.h>

struct app;
struct keymap;
struct wcorr;

#define WEIGHT_STEP_SMALL	1.0	/* percentage points */
#define WEIGHT_STEP_LARGE	10.0

struct view_weights {
	int	*nodes;		/* every node but the root, depth first */
	size_t	 n;
	size_t	 top, cur;
	int	 rows, y0;
	int	 focus;		/* 0: weights, 1: the ranking beside them */
	int	 split_x;	/* where the ranking pane starts, 0 if none */
	int	 split_y;	/* the same below them, on a narrow screen */
	struct wcorr *corr;	/* the rows' correlations, while valid */
	struct wstab *stab;	/* the cursor row's interval, while valid */
};

void	view_weights_init(struct app *);
void	view_weights_free(struct app *);
void	view_weights_draw(struct app *, int y, int x, int h, int w);
/* The view's keys: its handlers and its part of the help. */
extern const struct keymap	view_weights_keys;
int	view_weights_key(struct app *, int key);
int	view_weights_click(struct app *, int y, int x);
/* Undo (redo = 0) or redo a weight change, from any view. */
/* Apply the next weight preset, from any view. */
int	view_weights_preset(struct app *);

#endif
