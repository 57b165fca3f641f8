/*
 * The ranking's move since the year before, for a data set with
 * several years: beside the move against the baseline, never instead.
 */
#ifndef CR_RANK_YEAR_H
#define CR_RANK_YEAR_H

#include <curses.h>

struct app;

/* The column's width with its gap; 0 when there is no year before. */
int	rank_year_width(struct app *);
/* "vs 2021", or "" when there is no year before (static). */
const char *rank_year_title(const struct app *);
/* The entity's rank the year before, on the scenario in force; or 0. */
int	rank_year_then(struct app *, int entity);
/* The entity's places gained since that year, in w columns. */
void	rank_year_cell(struct app *, int y, int x, int w, int entity,
	    attr_t base);
/* After any change: the year before re-scored, its column ranked. */
void	rank_year_refresh(struct app *);
/* "↑3" (then 5, now 2), "=" or "↓1", coloured up or down; w columns. */
void	rank_move_cell(struct app *, int y, int x, int then, int now, int w,
	    attr_t base);

#endif
