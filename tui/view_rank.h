/* The ranking view: every city by one node's score, with dimensions. */
#ifndef CR_VIEW_RANK_H
#define CR_VIEW_RANK_H

#include <stddef.h>

struct app;

enum rank_col {
	COL_RANK, COL_MOVE, COL_CITY, COL_SCORE, COL_DIM	/* + i */
};

struct view_rank {
	int	*order;		/* entities shown, in display order */
	size_t	 n;		/* rows shown (after the filter) */
	size_t	 top;		/* first row on screen */
	size_t	 cur;		/* selected row */
	int	 rows;		/* rows visible at the last draw */
	int	 y0;		/* screen line of the first row */
	int	 dims[8];	/* children of the root, shown as columns */
	int	 ndims;
	int	 sort_col;	/* enum rank_col, or COL_DIM + i */
	int	 sort_desc;
	int	 one_name;	/* every city's two names are the same */
	int	 en_w;		/* the widest English name */
};

void	view_rank_init(struct app *);
void	view_rank_free(struct app *);
/* Re-filter and re-sort, keeping the selected city selected. */
void	view_rank_refresh(struct app *);
void	view_rank_draw(struct app *, int y, int x, int h, int w);
/* A narrow ranking (rank, move, city, score) beside the weights. */
void	view_rank_draw_compact(struct app *, int y, int x, int h, int w,
	    int focused);
int	view_rank_key(struct app *, int key);
int	view_rank_click(struct app *, int y, int x);
/* Select the next (dir 1) or previous (-1) row matching the search. */
/* The selected row's place among the search's matches, and their count. */
void	view_rank_match_pos(struct app *, size_t *at, size_t *total);
int	view_rank_find(struct app *, int dir);
void	view_rank_select_entity(struct app *, int entity);

#endif
