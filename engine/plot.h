/*
 * A scatter plot rendered into a grid of terminal cells, each holding
 * one character and the role it plays, so that a terminal view can
 * colour by role and batch mode can print plain text.  No I/O here.
 *
 * Layout of a w x h plot:
 *	row 0		Y title (and unit)
 *	rows 1..h-4	Y tick labels, Y axis, data area (labels may also
 *			use the columns right of the last X tick)
 *	row h-3		X axis with tick marks
 *	row h-2		X tick labels, centred under the ticks
 *	row h-1		X title, right-aligned
 */
#ifndef CR_PLOT_H
#define CR_PLOT_H

#include <stddef.h>

#define CR_PLOT_MIN_W	20
#define CR_PLOT_MIN_H	8
#define CR_PLOT_MAX_WH	4096		/* either side, to bound memory */

/* Point flags. */
#define CR_PT_ESTIMATED	0x01		/* reconstructed value */
#define CR_PT_HIGHLIGHT	0x02
#define CR_PT_SELECTED	0x04

struct cr_plot_point {
	double		 x, y;		/* NAN or infinite: missing */
	const char	*label;		/* NULL or "": none */
	int		 flags;
};

struct cr_plot_opts {
	int		 width, height;	/* cells, axes and titles included */
	int		 braille;	/* 2x4 dots a cell; 0: ASCII only */
	int		 log_x;		/* x <= 0 then counts as missing */
	const char	*x_title, *x_unit;	/* NULL: none */
	const char	*y_title, *y_unit;
	int		 x_yuan;	/* x ticks in 万 ("8万"), unit 万元 */
	int		 have_fit;	/* draw y = a + b x in data units */
	double		 a, b;
};

enum cr_plot_role {
	CR_ROLE_NONE,
	CR_ROLE_AXIS,
	CR_ROLE_TICK_LABEL,
	CR_ROLE_TITLE,
	CR_ROLE_FIT,
	CR_ROLE_POINT,
	CR_ROLE_POINT_EST,
	CR_ROLE_POINT_HI,
	CR_ROLE_POINT_SEL,
	CR_ROLE_LABEL,
	CR_ROLE_LEADER,
	CR_ROLE_KEY,		/* number standing for a label in the key */
	CR_ROLE_COUNT
};

/* One character: a base and up to a few combining marks. */
#define CR_PLOT_CELL_MAX	16

struct cr_plot_cell {
	char		 ch[CR_PLOT_CELL_MAX];	/* UTF-8; "" is blank */
	unsigned char	 role;		/* enum cr_plot_role */
	unsigned char	 cont;		/* right half of a wide character */
	int		 pt;		/* point marked or labelled here; -1 */
};

struct cr_plot {
	int			 w, h;
	struct cr_plot_cell	*cells;		/* h rows of w, row-major */
	int			 n_drawn;	/* points with a marker */
	int			 n_missing;	/* NAN, inf; x <= 0 on log */
	int			 n_numbered;	/* labels shown as a number */
	int			 n_dropped;	/* not even a number fit */
	int			 n_unplaced;	/* n_numbered + n_dropped */
	char			**key;		/* "1 哈尔滨", sanitised */
	int			 n_key;
	/* Where data goes, so that a view can map cells back to values. */
	int			 x0, y0, nc, nr;	/* data area, cells */
	double			 xlo, xhi, ylo, yhi;	/* its padded range */
};

/*
 * Where the renderer reads its points: point(arg, i, out) fills in
 * point i of n, as often as the renderer needs it, so that a caller
 * with columns of 100,000 values need not copy them into points.
 */
struct cr_plot_src {
	size_t	  n;
	void	(*point)(void *arg, size_t i, struct cr_plot_point *out);
	void	 *arg;
};

/*
 * Render n points (pts may be NULL when n is 0) into out, which the
 * caller frees with cr_plot_free.  Labels go to points in the order
 * selected, highlighted, then as given: beside the marker (8 places),
 * else with a leader, else as a number listed in out->key, else are
 * counted as dropped.  Returns -1, with out empty, when the size is
 * below CR_PLOT_MIN_W x CR_PLOT_MIN_H or the tick labels leave no room.
 */
int	 cr_plot_render(const struct cr_plot_opts *,
	    const struct cr_plot_point *pts, size_t n, struct cr_plot *out);
/* The same, its points read from a source. */
int	 cr_plot_render_src(const struct cr_plot_opts *,
	    const struct cr_plot_src *, struct cr_plot *out);
/* Cell at row, col, or NULL when outside. */
const struct cr_plot_cell *cr_plot_cell(const struct cr_plot *, int row,
	    int col);
/* Row as UTF-8 text without trailing spaces; caller frees. */
char	*cr_plot_line(const struct cr_plot *, int row);
void	 cr_plot_free(struct cr_plot *);

#endif
