/* The ranking view: every city by one node's score, with dimensions. */
#ifndef CR_VIEW_RANK_H
#define CR_VIEW_RANK_H

#include <curses.h>
#include <stddef.h>

#include "draw.h"

struct cli;

/* What a key handler asks of the loop. */
#define TUI_REDRAW	0x1
#define TUI_QUIT	0x2

struct view_rank {
	struct cli	*c;
	int		*order;		/* entities in rank order */
	size_t		 n;
	size_t		 top;		/* first row shown */
	size_t		 cur;		/* selected row */
	int		 rows;		/* rows visible at the last draw */
	int		 dims[8];	/* children of the root shown as columns */
	int		 ndims;
};

void	view_rank_init(struct view_rank *, struct cli *);
void	view_rank_free(struct view_rank *);
/* Recompute the order after scores changed. */
void	view_rank_sort(struct view_rank *);
void	view_rank_draw(struct view_rank *, const struct draw *, WINDOW *);
int	view_rank_key(struct view_rank *, int key);

#endif
