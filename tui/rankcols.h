/*
 * The ranking's columns apart from their drawing, as htop keeps its
 * process table apart from its panels: which columns there are, which
 * show and in what order, which of the default set a width keeps, and
 * where each goes at a width and a sideways scroll.  Pure: no curses,
 * so that tests/test_rankcols.c can check the layout at any width.
 */
#ifndef CR_RANKCOLS_H
#define CR_RANKCOLS_H

#include <stddef.h>

struct cr_model;

/* A column's id: one of these, or RC_NODE + a node's index (its score). */
enum rc_kind {
	RC_RANK, RC_MOVE,
	RC_YEAR,	/* the move since the year before (several years) */
	RC_CITY,
	RC_NAME2,	/* pinyin, or the code when the names are one */
	RC_SCORE,	/* the ranked node's score, and a bar */
	RC_REPORT,	/* the rank the source publishes */
	RC_PROV,	/* the score's provenance */
	RC_NODE
};

/* Rank, the moves and the city stay at the left while the rest scroll. */
int	rc_pinned(int id);
/* A column's width with a bar of bar cells (0: none), for so many units. */
int	rc_width(int id, int bar, size_t units);
/* How many columns rank and move are wider than at 26 units. */
int	rc_widened(size_t units);
/* Where in the column its bar starts, or 0 when it takes none. */
int	rc_bar_x(int id);

/*
 * Every column there is, in the chooser's order, and which show.  The
 * pinned columns come first; the city always shows.
 */
struct rc_set {
	int		*ids;
	unsigned char	*on;
	size_t		 n;
	int		 user;	/* chosen; else the default for the width */
};

/*
 * All columns (nodes but the root, depth first), none shown; the move
 * since the year before only when years is set.
 */
void	rc_set_init(struct rc_set *, const struct cr_model *, int years);
void	rc_set_free(struct rc_set *);
/*
 * Show ids (n of them) in that order, the others after them hidden in
 * the order they had.  An id not in the set is left out.
 */
void	rc_set_choose(struct rc_set *, const int *ids, size_t n);
/* The shown columns in order into out (room for s->n); their count. */
size_t	rc_set_shown(const struct rc_set *, int *out);
/* Show or hide column i: -1 for the city, which always shows. */
int	rc_set_toggle(struct rc_set *, size_t i);
/*
 * Move column i one place up (dir -1) or down (1): its new index, or
 * -1 when it cannot go there (a pinned column stays above the rest).
 */
int	rc_set_move(struct rc_set *, size_t i, int dir);

/*
 * A columns setting, "code,code,...": rank, move, city, pinyin (or
 * code), score, report, provenance (or prov), or a node's code.  The
 * ids (malloc'd) and their count; -1 and *why (malloc'd) for a name
 * that is none of these, an empty one, or one given twice.
 */
int	rc_parse(const char *, const struct cr_model *, int **ids,
	    size_t *n, char **why);
/* The name rc_parse() reads for a column. */
const char *rc_code(int id, const struct cr_model *);

/* A column of the default set, and when a narrow screen drops it. */
struct rc_col {
	int	id;
	int	drop;	/* the highest goes first, all of it; 0: never */
};
/*
 * The default set at a width: the columns that fit (dropping by drop)
 * first, in their order, then those dropped, which a scroll reaches.
 * With bar_drop > 0, the nodes' bars count too, at their shortest, and
 * go as a column of that drop would.  Reorders c; returns how many fit.
 */
size_t	rc_fit(struct rc_col *c, size_t n, int width, int bar_drop,
	    size_t units);

/* Where a column goes. */
struct rc_place {
	int	x;		/* -1: off the screen */
	int	w;		/* its width, bar and all */
	int	bar;		/* its bar's cells, 0: none */
};

struct rc_layout {
	int	scroll;		/* the first scrolling column shown */
	int	max_scroll;	/* the least at which the last one shows */
	int	left_mark;	/* x of a mark for columns scrolled off */
	int	right_mark;	/* the same for columns past the edge */
};

/* The columns a layout places. */
struct rc_cols {
	const int	*ids;
	size_t		 n;
	size_t		 keep;	/* the first keep come before the bars */
	int		 name_w; /* the widest city name: its column's want */
	size_t		 units;	/* the data set's: rank and move widths */
};

/*
 * Place the columns in width cells, the pinned ones first, then the
 * rest from the scroll'th on while whole ones fit (a gap after each).
 * The first keep of them are placed first, and the width they leave
 * widens the city's column to its longest name (to 24 at most: names
 * are cut last), then goes to bars (the nodes', all of one size, then
 * the score's), never to widening another column; the others then fill
 * what is left.  scroll is clamped.  at has room for c->n.
 */
void	rc_layout(const struct rc_cols *c, int width, int scroll,
	    struct rc_place *at, struct rc_layout *l);
/* A scroll at which column i shows, as near to scroll as can be. */
int	rc_scroll_to(const struct rc_cols *c, int width, int scroll,
	    size_t i);

#endif
