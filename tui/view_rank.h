/* The ranking view: every city by one node's score, with dimensions. */
#ifndef CR_VIEW_RANK_H
#define CR_VIEW_RANK_H

#include <stddef.h>

#include "rankcols.h"

struct app;
struct keymap;

struct view_rank {
	int	*order;		/* entities shown, in display order */
	size_t	 n;		/* rows shown (after the filter) */
	size_t	 known;		/* rows of order made: n, or a top part */
	size_t	 top;		/* first row on screen */
	size_t	 cur;		/* selected row */
	int	 rows;		/* rows visible at the last draw */
	int	 y0;		/* screen line of the first row */
	struct rc_set cols;	/* the columns there are, which show */
	int	 sort_id;	/* the sort column: a column id (rankcols.h) */
	int	 sort_desc;
	int	 one_name;	/* every city's two names are the same */
	int	 name_w[2];	/* the widest name_zh, name_en (ASCII) */
	int	 hscroll;	/* the first scrolling column shown */
	int	 max_scroll;	/* at the last draw */
	int	 width;		/* of the last draw */
	int	 chooser;	/* the column chooser is open */
	size_t	 chooser_cur;
	size_t	 chooser_top;
	/* A slide's transition: each entity's row before, and how far. */
	const int *from;	/* entity -> row, -1 if not shown; or NULL */
	double	 moved;		/* 0 at the old rows, 1 at the new */
	int	 en_w;		/* the widest English name */
};

void	view_rank_init(struct app *);
void	view_rank_free(struct app *);
/*
 * Re-filter and re-sort, keeping the selected city selected.  By rank
 * and unfiltered, only the rows from the top to a screen past the
 * cursor are made (cr_scores_top()): whoever reads a row beyond known
 * asks for it first with view_rank_need(), which sorts them all.
 */
void	view_rank_refresh(struct app *);
void	view_rank_need(struct app *, size_t rows);
void	view_rank_draw(struct app *, int y, int x, int h, int w);
/* A narrow ranking (rank, move, city, score) beside the weights. */
void	view_rank_draw_compact(struct app *, int y, int x, int h, int w,
	    int focused);
/* The view's keys: its handlers and its part of the help. */
extern const struct keymap	view_rank_keys;
int	view_rank_key(struct app *, int key);
int	view_rank_click(struct app *, int y, int x);
/*
 * The columns shown at a width, in order, into ids (room for cols.n):
 * the chosen ones, else the default set, those the width keeps first
 * (*keep of them: rankcols.h) and then the others, to scroll to.
 */
size_t	view_rank_shown(const struct app *, int width, int *ids,
	    size_t *keep);
/*
 * Sort by a column (an id) in its natural direction, best first, and
 * scroll it into sight.
 */
void	view_rank_sort(struct app *, int id);
/* Open the column chooser (the key C). */
int	view_rank_cols_open(struct app *, int key);
/* The chooser's width on a screen w wide, and the chooser there. */
int	view_rank_cols_width(int w);
void	view_rank_cols_draw(struct app *, int y, int x, int h, int w);
/* The column chooser's keys (C), while it is open: it takes every key. */
extern const struct keymap	view_rank_cols_keys;
int	view_rank_cols_key(struct app *, int key);
/* The columns a setting names (rankcols.h); -1 and *why when bad. */
int	view_rank_set_columns(struct app *, const char *spec, char **why);
/* Select the next (dir 1) or previous (-1) row matching the search. */
/* The selected row's place among the search's matches, and their count. */
void	view_rank_match_pos(struct app *, size_t *at, size_t *total);
int	view_rank_find(struct app *, int dir);
void	view_rank_select_entity(struct app *, int entity);

#endif
