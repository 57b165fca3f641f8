/*
 * The city detail's node table: which columns fit a width.  Names are
 * cut last: the report's figures, the source, the unit's width, the
 * provenance's word (a ~ after the value and a legend line instead),
 * the unit and the rank's "/N" give way first; a wide screen shows
 * every column at its own width and leaves the rest blank.  No curses.
 */
#ifndef CR_DETAIL_COLS_H
#define CR_DETAIL_COLS_H

#define DETAIL_SCORE_W	7	/* "  85.0~" */
#define DETAIL_RAW_MIN	8	/* "computed", "missing" */
#define DETAIL_UNIT_MIN	10	/* a unit cut shorter says little */
#define DETAIL_SRC_MIN	20	/* a source is shown at least this wide */
#define DETAIL_NAME_MIN	8

struct detail_cols {
	/* What each column needs, set by the caller (0: nothing to show). */
	int	name, rank, rank_short, raw, unit, prov, report, source;
	/* What fits: widths, 0 for a column left out. */
	int	namew, rankw, raww, unitw, provw, reportw, sourcew;
	int	compact;	/* provenance as a mark after the raw value */
};

/* Fit the columns to w; the widths are set, never wider than needed. */
void	detail_cols_fit(struct detail_cols *, int w);
/* The columns' total width as fitted. */
int	detail_cols_width(const struct detail_cols *);

#endif
