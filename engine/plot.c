/*
 * Scatter plots as text.  Points map to whole cells (a lone braille dot
 * is too easy to miss), a fit line goes underneath in braille dots (or
 * '.' in ASCII), and labels are placed without overlap: beside the
 * marker, else with a leader, else as a number with a key.  Every label
 * that did not make it is counted, never silently hidden.
 */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plot.h"
#include "ticks.h"
#include "utf8.h"
#include "xmalloc.h"

#define TICK_LABEL_MAX	48	/* bytes of one formatted tick label */
#define MIN_NC		4	/* data columns below which we give up */
#define LEADER_MAX	3	/* longest leader, cells */

struct glyphs {
	const char	*vline, *ytick, *corner, *hline, *xtick, *leader;
	/* Markers: normal, estimated, highlighted, selected. */
	const char	*mark[4];
};

static const struct glyphs uni = {
	"│", "┤", "└", "─", "┬", "─", { "●", "○", "■", "◉" }
};
static const struct glyphs asc = {
	"|", "+", "+", "-", "+", "-", { "*", "o", "#", "@" }
};

/* Braille dot bits by [column][row] within a cell. */
static const unsigned char braille_bit[2][4] = {
	{ 0x01, 0x02, 0x04, 0x40 },
	{ 0x08, 0x10, 0x20, 0x80 }
};

struct layout {
	const struct cr_plot_opts *o;
	const struct glyphs	*g;
	struct cr_plot		*p;
	double			 dxlo, dxhi, dylo, dyhi; /* data extent */
	int			 ax;		/* Y axis column */
	int			 x0, y0, nc, nr;	/* data area */
	int			 kx, ky;	/* dots a cell across, down */
	struct cr_ticks		 xt, yt;
	char			 xl[CR_TICKS_MAX][TICK_LABEL_MAX];
	char			 yl[CR_TICKS_MAX][TICK_LABEL_MAX];
	double			 xdiv;
	const char		*xsuf;
	unsigned char		*dots;		/* nr x nc dot bits */
	const struct cr_plot_src *src;
	size_t			 n_group[3];	/* drawable, by group_of() */
	size_t			 n_labelled[3];	/* ... with a label */
};

static struct cr_plot_cell *
cell(const struct cr_plot *p, int r, int c)
{
	return &p->cells[(size_t)r * (size_t)p->w + (size_t)c];
}

const struct cr_plot_cell *
cr_plot_cell(const struct cr_plot *p, int row, int col)
{
	if (p->cells == NULL || row < 0 || row >= p->h || col < 0 ||
	    col >= p->w)
		return NULL;
	return cell(p, row, col);
}

static int
clampi(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static void
set_cell(struct cr_plot *p, int r, int c, const char *s, size_t len,
    int role, int pt)
{
	struct cr_plot_cell	*e = cell(p, r, c);

	if (len >= sizeof(e->ch))
		len = sizeof(e->ch) - 1;
	memcpy(e->ch, s, len);
	e->ch[len] = '\0';
	e->role = (unsigned char)role;
	e->cont = 0;
	e->pt = pt;
}

/*
 * Write sanitised text from column c of row r, a wide character taking
 * two cells; combining marks join the cell before while there is room.
 * Stops at the right edge rather than split a character.
 */
static void
put_text(struct cr_plot *p, int r, int c, const char *s, int role, int pt)
{
	struct cr_plot_cell	*e;
	size_t			 len = strlen(s), i, have;
	uint32_t		 cp;
	int			 n, cw, last = -1;

	for (i = 0; i < len; i += (size_t)n) {
		if ((n = cr_utf8_decode(s + i, len - i, &cp)) < 0)
			return;		/* cannot happen after cr_sanitize */
		if ((cw = cr_cp_width(cp)) < 0)
			return;
		if (cw == 0) {
			if (last < 0)
				continue;
			e = cell(p, r, last);
			have = strlen(e->ch);
			if (have + (size_t)n < sizeof(e->ch)) {
				memcpy(e->ch + have, s + i, (size_t)n);
				e->ch[have + (size_t)n] = '\0';
			}
			continue;
		}
		if (c < 0 || c + cw > p->w)
			return;
		set_cell(p, r, c, s + i, (size_t)n, role, pt);
		if (cw == 2) {
			set_cell(p, r, c + 1, "", 0, role, pt);
			cell(p, r, c + 1)->cont = 1;
		}
		last = c;
		c += cw;
	}
}

/* "title (unit)", either part optional; NULL when both are empty. */
static char *
title_text(const char *title, const char *unit)
{
	int	 ht = title != NULL && *title != '\0';
	int	 hu = unit != NULL && *unit != '\0';

	if (ht && hu)
		return xasprintf("%s (%s)", title, unit);
	if (ht)
		return xstrdup(title);
	if (hu)
		return xasprintf("(%s)", unit);
	return NULL;
}

/* Draw a title on row r, left- or right-aligned, cut to fit. */
static void
draw_title(struct layout *l, int r, const char *title, const char *unit,
    int right)
{
	char	*raw, *t;
	int	 tw;

	if ((raw = title_text(title, unit)) == NULL)
		return;
	t = cr_sanitize(raw);
	if ((tw = cr_utf8_width(t)) > l->p->w) {
		free(t);
		t = cr_fit(raw, l->p->w, 0, !l->o->braille);
		tw = l->p->w;
	}
	put_text(l->p, r, right ? l->p->w - tw : 0, t, CR_ROLE_TITLE, -1);
	free(t);
	free(raw);
}

/* Position 0..1 of an x value along the axis. */
static double
xfrac(const struct layout *l, double x)
{
	if (l->o->log_x)
		return log10(x / l->xt.lo) / log10(l->xt.hi / l->xt.lo);
	return (x - l->xt.lo) / (l->xt.hi - l->xt.lo);
}

/* The x value at position f: xfrac's inverse, for the fit line. */
static double
xvalue(const struct layout *l, double f)
{
	if (l->o->log_x)
		return l->xt.lo * pow(l->xt.hi / l->xt.lo, f);
	return l->xt.lo + f * (l->xt.hi - l->xt.lo);
}

static double
yfrac(const struct layout *l, double y)
{
	return (y - l->yt.lo) / (l->yt.hi - l->yt.lo);
}

/*
 * Cell column and row of a value: the range ends fall on the centres
 * of the first and last cells, so ticks and markers line up.
 */
static int
col_of(const struct layout *l, double x)
{
	return l->x0 + clampi((int)floor(xfrac(l, x) * (l->nc - 1) + 0.5),
	    0, l->nc - 1);
}

static int
row_of(const struct layout *l, double y)
{
	return l->y0 + clampi((int)floor((1 - yfrac(l, y)) * (l->nr - 1) +
	    0.5), 0, l->nr - 1);
}

/* Y ticks depend only on the height; they fix the axis column. */
static void
y_axis(struct layout *l)
{
	int	 i, d, w, maxw = 0;

	cr_ticks_linear(l->dylo, l->dyhi, clampi(l->nr / 2 + 2, 4, 7),
	    &l->yt);
	d = cr_tick_decimals(l->yt.step);
	for (i = 0; i < l->yt.n; i++) {
		cr_tick_format(l->yl[i], sizeof(l->yl[i]), l->yt.v[i], 1, d,
		    NULL);
		if ((w = cr_utf8_width(l->yl[i])) > maxw)
			maxw = w;
	}
	/* Labels, a blank column, the axis. */
	l->ax = maxw + 1;
	l->x0 = l->ax + 1;
}

static void
x_ticks(struct layout *l, int maxt)
{
	int	 i, d = 0;

	if (l->o->log_x)
		cr_ticks_log(l->dxlo, l->dxhi, maxt, &l->xt);
	else {
		cr_ticks_linear(l->dxlo, l->dxhi, maxt, &l->xt);
		d = cr_tick_decimals(l->xt.step / l->xdiv);
	}
	for (i = 0; i < l->xt.n; i++) {
		/* Log ticks differ in magnitude: decimals per value. */
		if (l->o->log_x)
			d = cr_tick_decimals(l->xt.v[i] / l->xdiv);
		cr_tick_format(l->xl[i], sizeof(l->xl[i]), l->xt.v[i],
		    l->xdiv, d, l->xsuf);
	}
}

/* First column of X tick label i, centred and kept on the screen. */
static int
xlabel_start(const struct layout *l, int i)
{
	int	 w = cr_utf8_width(l->xl[i]);

	return clampi(col_of(l, l->xt.v[i]) - (w - 1) / 2, 0,
	    l->p->w - w);
}

static int
xlabels_overlap(const struct layout *l)
{
	int	 i, end;

	for (i = 1; i < l->xt.n; i++) {
		end = xlabel_start(l, i - 1) + cr_utf8_width(l->xl[i - 1]) - 1;
		if (xlabel_start(l, i) < end + 2)
			return 1;
	}
	return 0;
}

/*
 * The X ticks set the data width (the last label needs a right margin
 * of half its width) and the data width sets how many ticks fit: try a
 * few times, with fewer ticks while their labels would touch.
 */
static int
x_axis(struct layout *l)
{
	int	 pass, maxt, need, rm = 0;

	for (pass = 0; pass < 3; pass++) {
		l->nc = l->p->w - l->x0 - rm;
		if (l->nc < MIN_NC)
			return -1;
		maxt = clampi(l->nc / 6, 4, 7);
		for (;;) {
			x_ticks(l, maxt);
			if (maxt <= 2 || !xlabels_overlap(l))
				break;
			maxt--;
		}
		need = cr_utf8_width(l->xl[l->xt.n - 1]) / 2;
		if (need <= rm)
			break;
		rm = need;
	}
	return 0;
}

static void
draw_axes(struct layout *l)
{
	struct cr_plot		*p = l->p;
	const struct glyphs	*g = l->g;
	const char		*s;
	int			 i, r, c, w, prev_end = -2;

	for (r = l->y0; r < l->y0 + l->nr; r++)
		put_text(p, r, l->ax, g->vline, CR_ROLE_AXIS, -1);
	for (i = 0; i < l->yt.n; i++) {
		r = row_of(l, l->yt.v[i]);
		put_text(p, r, l->ax, g->ytick, CR_ROLE_AXIS, -1);
		w = cr_utf8_width(l->yl[i]);
		put_text(p, r, l->ax - 1 - w, l->yl[i], CR_ROLE_TICK_LABEL,
		    -1);
	}
	r = l->y0 + l->nr;
	put_text(p, r, l->ax, g->corner, CR_ROLE_AXIS, -1);
	for (c = l->x0; c < l->x0 + l->nc; c++)
		put_text(p, r, c, g->hline, CR_ROLE_AXIS, -1);
	for (i = 0; i < l->xt.n; i++) {
		put_text(p, r, col_of(l, l->xt.v[i]), g->xtick, CR_ROLE_AXIS,
		    -1);
		/* Only when maxt ran down to 2 can labels still touch. */
		c = xlabel_start(l, i);
		if (c < prev_end + 2)
			continue;
		s = l->xl[i];
		put_text(p, r + 1, c, s, CR_ROLE_TICK_LABEL, -1);
		prev_end = c + cr_utf8_width(s) - 1;
	}
}

static void
set_dot(struct layout *l, int dx, int dy)
{
	unsigned char	 bit = 1;

	if (l->kx == 2)
		bit = braille_bit[dx % 2][dy % 4];
	l->dots[(size_t)(dy / l->ky) * (size_t)l->nc + (size_t)(dx / l->kx)] |=
	    bit;
}

/*
 * Sample the line once per dot column (so it curves on a log axis) and
 * fill the gap to the previous column's dot, so a steep line stays
 * connected.  Dots outside the data area are dropped.
 */
static void
draw_fit(struct layout *l)
{
	double	 f, y, pos;
	int	 dx, dy, yy, prev = -1, step;
	int	 ndx = l->kx * l->nc, ndy = l->ky * l->nr;

	for (dx = 0; dx < ndx; dx++) {
		f = ((dx + 0.5) / l->kx - 0.5) / (l->nc - 1);
		y = l->o->a + l->o->b * xvalue(l, f);
		pos = ((1 - yfrac(l, y)) * (l->nr - 1) + 0.5) * l->ky;
		if (!isfinite(pos) || pos < 0 || pos >= ndy) {
			prev = -1;
			continue;
		}
		dy = (int)floor(pos);
		set_dot(l, dx, dy);
		if (prev >= 0 && abs(dy - prev) > 1) {
			step = dy > prev ? 1 : -1;
			for (yy = prev + step; yy != dy; yy += step)
				set_dot(l, dx, yy);
		}
		prev = dy;
	}
}

/* Dots show only where nothing else was drawn: markers and labels win. */
static void
compose_dots(struct layout *l)
{
	unsigned char	 b;
	char		 s[3];
	int		 r, c;

	for (r = 0; r < l->nr; r++)
		for (c = 0; c < l->nc; c++) {
			b = l->dots[(size_t)r * (size_t)l->nc + (size_t)c];
			if (b == 0 || cell(l->p, l->y0 + r, l->x0 + c)->role !=
			    CR_ROLE_NONE)
				continue;
			if (l->kx == 1) {
				set_cell(l->p, l->y0 + r, l->x0 + c, ".", 1,
				    CR_ROLE_FIT, -1);
				continue;
			}
			/* U+2800 + b in UTF-8. */
			s[0] = (char)0xE2;
			s[1] = (char)(0xA0 | b >> 6);
			s[2] = (char)(0x80 | (b & 0x3F));
			set_cell(l->p, l->y0 + r, l->x0 + c, s, 3, CR_ROLE_FIT,
			    -1);
		}
}

static int
mark_kind(int flags)
{
	if (flags & CR_PT_SELECTED)
		return 3;
	if (flags & CR_PT_HIGHLIGHT)
		return 2;
	if (flags & CR_PT_ESTIMATED)
		return 1;
	return 0;
}

static const int	 mark_role[4] = {
	CR_ROLE_POINT, CR_ROLE_POINT_EST, CR_ROLE_POINT_HI, CR_ROLE_POINT_SEL
};

/* Label priority group: 0 selected, 1 highlighted, 2 the rest. */
static int
group_of(int flags)
{
	if (flags & CR_PT_SELECTED)
		return 0;
	return flags & CR_PT_HIGHLIGHT ? 1 : 2;
}

/*
 * Points are read through the source one at a time, in passes over a
 * group (see group_of()): the renderer keeps no array of them, since a
 * plot of 100,000 units would hold several times their values.
 */
static int
read_point(const struct layout *l, size_t i, struct cr_plot_point *pt)
{
	l->src->point(l->src->arg, i, pt);
	return isfinite(pt->x) && isfinite(pt->y) &&
	    (!l->o->log_x || pt->x > 0);
}

static int
has_label(const struct cr_plot_point *pt)
{
	return pt->label != NULL && *pt->label != '\0';
}

static int
is_text_role(int role)
{
	return role == CR_ROLE_LABEL || role == CR_ROLE_LEADER ||
	    role == CR_ROLE_KEY;
}

static int
is_mark_role(int role)
{
	return role == CR_ROLE_POINT || role == CR_ROLE_POINT_EST ||
	    role == CR_ROLE_POINT_HI || role == CR_ROLE_POINT_SEL;
}

/*
 * The cell beside a text (or a leader's end) must hold neither other
 * text, so that two labels never run together, nor another point's
 * marker, which would make "*济南*" ambiguous.  (mr, mc) is the
 * labelled point's own marker.
 */
static int
clear_beside(const struct layout *l, int r, int c, int mr, int mc)
{
	int	 role;

	if (c < 0 || c >= l->p->w || (r == mr && c == mc))
		return 1;
	role = cell(l->p, r, c)->role;
	return !is_text_role(role) && !is_mark_role(role);
}

/* Cells c0..c1 of row r lie in the label area and are empty. */
static int
free_span(const struct layout *l, int r, int c0, int c1)
{
	int	 c;

	if (r < l->y0 || r >= l->y0 + l->nr || c0 < l->x0 || c1 >= l->p->w)
		return 0;
	for (c = c0; c <= c1; c++)
		if (cell(l->p, r, c)->role != CR_ROLE_NONE)
			return 0;
	return 1;
}

/* Text w wide fits at (r, c0) for the point marked at (mr, mc). */
static int
text_fits(const struct layout *l, int r, int c0, int w, int mr, int mc)
{
	return free_span(l, r, c0, c0 + w - 1) &&
	    clear_beside(l, r, c0 - 1, mr, mc) &&
	    clear_beside(l, r, c0 + w, mr, mc);
}

enum side { RIGHT, LEFT, CENTRE };

/* The eight places around a marker, in the order tried. */
static const struct {
	int		 dr;
	enum side	 side;
} around[8] = {
	{ 0, RIGHT }, { 0, LEFT }, { -1, CENTRE }, { 1, CENTRE },
	{ -1, RIGHT }, { -1, LEFT }, { 1, RIGHT }, { 1, LEFT }
};

static int
start_col(enum side side, int c, int w)
{
	if (side == RIGHT)
		return c + 1;
	if (side == LEFT)
		return c - w;
	return c - (w - 1) / 2;
}

/* Put text s (w columns) in the first free place around (r, c). */
static int
place_around(struct layout *l, int r, int c, const char *s, int w,
    int role, int pt)
{
	int	 i, c0;

	for (i = 0; i < 8; i++) {
		c0 = start_col(around[i].side, c, w);
		if (text_fits(l, r + around[i].dr, c0, w, r, c)) {
			put_text(l->p, r + around[i].dr, c0, s, role, pt);
			return 1;
		}
	}
	return 0;
}

/*
 * A leader of 1..3 cells runs along the marker's row and the text
 * starts just past its end on the row above or below: this reaches
 * past a neighbour that blocks the diagonal places.  (Text on the
 * marker's own row could never gain from a leader: the leader would
 * need the very cells that blocked it.)
 */
static int
place_leader(struct layout *l, int r, int c, const char *s, int w,
    int role, int pt)
{
	static const int	 dr[2] = { -1, 1 };
	int			 len, side, k, l0, l1, c0, end, i;

	for (len = 1; len <= LEADER_MAX; len++)
		for (side = 0; side < 2; side++)
			for (k = 0; k < 2; k++) {
				if (side == 0) {
					l0 = c + 1;
					l1 = c + len;
					c0 = l1 + 1;
					end = l1 + 1;
				} else {
					l0 = c - len;
					l1 = c - 1;
					c0 = l0 - w;
					end = l0 - 1;
				}
				if (!free_span(l, r, l0, l1) ||
				    !clear_beside(l, r, end, r, c) ||
				    !text_fits(l, r + dr[k], c0, w, r, c))
					continue;
				for (i = l0; i <= l1; i++)
					put_text(l->p, r, i, l->g->leader,
					    CR_ROLE_LEADER, pt);
				put_text(l->p, r + dr[k], c0, s, role, pt);
				return 1;
			}
	return 0;
}

/* Text s, w wide, beside the marker at (r, c) or on a leader. */
static int
place_text(struct layout *l, int r, int c, const char *s, int w, int role,
    int pt)
{
	return place_around(l, r, c, s, w, role, pt) ||
	    place_leader(l, r, c, s, w, role, pt);
}

static void
add_key(struct cr_plot *p, int num, const char *label)
{
	p->key = xreallocarray(p->key, (size_t)p->n_key + 1,
	    sizeof(*p->key));
	p->key[p->n_key++] = xasprintf("%d %s", num, label);
}

/*
 * The next drawable point of group g (group_of()) from *i on, into pt;
 * 0 when the group has no more.
 */
static int
next_in_group(const struct layout *l, int g, size_t *i,
    struct cr_plot_point *pt)
{
	if (l->n_group[g] == 0)
		return 0;
	for (; *i < l->src->n; (*i)++)
		if (read_point(l, *i, pt) && group_of(pt->flags) == g)
			return 1;
	return 0;
}

/* Point i's label beside it or on a leader, else its number, else none. */
static void
label_one(struct layout *l, const struct cr_plot_point *pt, size_t i)
{
	struct cr_plot	*p = l->p;
	char		*s, num[24];
	int		 w, r = row_of(l, pt->y), c = col_of(l, pt->x);

	s = cr_sanitize(pt->label);
	if ((w = cr_utf8_width(s)) == 0 ||
	    place_text(l, r, c, s, w, CR_ROLE_LABEL, (int)i)) {
		free(s);
		return;
	}
	snprintf(num, sizeof(num), "%d", p->n_key + 1);
	if (place_text(l, r, c, num, (int)strlen(num), CR_ROLE_KEY, (int)i)) {
		add_key(p, p->n_key + 1, s);
		p->n_numbered++;
	} else
		p->n_dropped++;
	free(s);
}

/*
 * Labels in priority order, each group as given.  A label or its number
 * takes a cell or more of the data area, so no more points than its
 * cells can be labelled: past as many tries, the rest (100,000 at the
 * largest) are counted as dropped without trying each.
 */
static void
place_labels(struct layout *l)
{
	struct cr_plot_point	 pt;
	size_t			 i, tries = 0, most, left;
	int			 g;

	most = (size_t)l->nr * (size_t)l->nc;
	left = l->n_labelled[0] + l->n_labelled[1] + l->n_labelled[2];
	for (g = 0; g < 3 && left > 0; g++)
		for (i = 0; left > 0 && next_in_group(l, g, &i, &pt); i++) {
			if (tries++ >= most) {
				l->p->n_dropped += (int)left;
				left = 0;
			} else if (has_label(&pt)) {
				left--;
				label_one(l, &pt, i);
			}
		}
	l->p->n_unplaced = l->p->n_numbered + l->p->n_dropped;
}

/*
 * Markers go in reverse priority (the rest, highlighted, selected),
 * each group as given, so a shared cell shows the selected or
 * highlighted point, else the later one.
 */
static void
draw_markers(struct layout *l)
{
	struct cr_plot_point	 pt;
	size_t			 i;
	int			 g, kind;

	for (g = 2; g >= 0; g--)
		for (i = 0; next_in_group(l, g, &i, &pt); i++) {
			kind = mark_kind(pt.flags);
			put_text(l->p, row_of(l, pt.y), col_of(l, pt.x),
			    l->g->mark[kind], mark_role[kind], (int)i);
			l->p->n_drawn++;
		}
}

/* Which points can be drawn, how many a group, and their extent. */
static void
scan_points(struct layout *l)
{
	struct cr_plot_point	 pt;
	size_t			 i;
	int			 g;

	l->dxlo = l->dylo = INFINITY;
	l->dxhi = l->dyhi = -INFINITY;
	for (i = 0; i < l->src->n; i++) {
		if (!read_point(l, i, &pt)) {
			l->p->n_missing++;
			continue;
		}
		g = group_of(pt.flags);
		l->n_group[g]++;
		if (has_label(&pt))
			l->n_labelled[g]++;
		l->dxlo = fmin(l->dxlo, pt.x);
		l->dxhi = fmax(l->dxhi, pt.x);
		l->dylo = fmin(l->dylo, pt.y);
		l->dyhi = fmax(l->dyhi, pt.y);
	}
	/* No points: the tick functions fall back to a default range. */
}

int
cr_plot_render_src(const struct cr_plot_opts *o, const struct cr_plot_src *src,
    struct cr_plot *out)
{
	struct layout	 l;
	size_t		 i;

	memset(out, 0, sizeof(*out));
	if (o == NULL || src == NULL || o->width < CR_PLOT_MIN_W ||
	    o->height < CR_PLOT_MIN_H || o->width > CR_PLOT_MAX_WH ||
	    o->height > CR_PLOT_MAX_WH || (src->point == NULL && src->n > 0))
		return -1;
	memset(&l, 0, sizeof(l));
	l.o = o;
	l.src = src;
	l.g = o->braille ? &uni : &asc;
	l.p = out;
	l.kx = o->braille ? 2 : 1;
	l.ky = o->braille ? 4 : 1;
	l.xdiv = o->x_yuan ? 10000 : 1;
	l.xsuf = o->x_yuan ? "万" : NULL;
	l.y0 = 1;
	l.nr = o->height - 4;
	out->w = o->width;
	out->h = o->height;

	scan_points(&l);
	y_axis(&l);
	if (x_axis(&l) == -1) {
		memset(out, 0, sizeof(*out));
		return -1;
	}
	out->x0 = l.x0;
	out->y0 = l.y0;
	out->nc = l.nc;
	out->nr = l.nr;
	out->xlo = l.xt.lo;
	out->xhi = l.xt.hi;
	out->ylo = l.yt.lo;
	out->yhi = l.yt.hi;

	out->cells = xcalloc((size_t)out->w * (size_t)out->h,
	    sizeof(*out->cells));
	for (i = 0; i < (size_t)out->w * (size_t)out->h; i++)
		out->cells[i].pt = -1;
	draw_title(&l, 0, o->y_title, o->y_unit, 0);
	draw_title(&l, out->h - 1, o->x_title, o->x_yuan ? "万元" : o->x_unit,
	    1);
	draw_axes(&l);

	l.dots = xcalloc((size_t)l.nr * (size_t)l.nc, 1);
	if (o->have_fit)
		draw_fit(&l);
	draw_markers(&l);
	place_labels(&l);
	compose_dots(&l);
	free(l.dots);
	return 0;
}

static void
array_point(void *arg, size_t i, struct cr_plot_point *pt)
{
	*pt = ((const struct cr_plot_point *)arg)[i];
}

int
cr_plot_render(const struct cr_plot_opts *o, const struct cr_plot_point *pts,
    size_t n, struct cr_plot *out)
{
	struct cr_plot_src	src = { n, array_point, (void *)(uintptr_t)pts };

	if (pts == NULL && n > 0) {
		memset(out, 0, sizeof(*out));
		return -1;
	}
	return cr_plot_render_src(o, &src, out);
}

char *
cr_plot_line(const struct cr_plot *p, int row)
{
	const struct cr_plot_cell	*e;
	char				*s;
	size_t				 len = 0, k;
	int				 c;

	if (p->cells == NULL || row < 0 || row >= p->h)
		return xstrdup("");
	s = xreallocarray(NULL, (size_t)p->w, CR_PLOT_CELL_MAX);
	for (c = 0; c < p->w; c++) {
		e = cell(p, row, c);
		if (e->cont)
			continue;
		if (e->ch[0] == '\0')
			s[len++] = ' ';
		else {
			k = strlen(e->ch);
			memcpy(s + len, e->ch, k);
			len += k;
		}
	}
	while (len > 0 && s[len - 1] == ' ')
		len--;
	s[len] = '\0';
	return s;
}

void
cr_plot_free(struct cr_plot *p)
{
	int	 i;

	for (i = 0; i < p->n_key; i++)
		free(p->key[i]);
	free(p->key);
	free(p->cells);
	memset(p, 0, sizeof(*p));
}
