/* The scatter view. */
#include "config.h"

#include <curses.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "keys.h"
#include "session.h"
#include "scores_key.h"
#include "match.h"
#include "plot.h"
#include "xmalloc.h"

static void
setup(struct app *a)
{
	struct view_scatter	*v = &a->scatter;

	if (v->init)
		return;
	axis_defaults(a->sess, &v->x, &v->y);
	v->y_follows = 1;
	v->sel = app_selected_entity(a);
	v->init = 1;
}

static enum role
role_of(int r)
{
	switch (r) {
	case CR_ROLE_AXIS:
	case CR_ROLE_TICK_LABEL:
	case CR_ROLE_TITLE:
		return (ROLE_AXIS);
	case CR_ROLE_FIT:
		return (ROLE_FIT);
	case CR_ROLE_POINT:
		return (ROLE_POINT);
	case CR_ROLE_POINT_EST:
		return (ROLE_POINT_EST);
	case CR_ROLE_POINT_HI:
		return (ROLE_HIGHLIGHT);
	case CR_ROLE_POINT_SEL:
		return (ROLE_CURSOR);
	case CR_ROLE_LABEL:
	case CR_ROLE_LEADER:
	case CR_ROLE_KEY:
		return (ROLE_LABEL);
	}
	return (ROLE_NORMAL);
}

/*
 * The points, fit and correlations of the axes, kept until the axes or
 * the scores change (weights, methods, year or data): a key that moves
 * the selection redraws the plot, and at 100,000 units the Spearman
 * correlation alone is a sort of both axes.  The app keeps it, not the
 * view's state, which a presentation saves and restores by value.
 */
struct scatter_memo {
	struct scatter		 s;
	struct axis		 x, y;
	struct scores_key	 key;
};

void
view_scatter_free(struct app *a)
{
	struct scatter_memo	*mm = a->scatter_memo;

	if (mm == NULL)
		return;
	scatter_free(&mm->s);
	scores_key_free(&mm->key);
	free(mm);
	a->scatter_memo = NULL;
}

static const struct scatter *
computed(struct app *a)
{
	const struct session	*ss = a->sess;
	struct view_scatter	*v = &a->scatter;
	struct scatter_memo	*mm = a->scatter_memo;

	if (mm != NULL && mm->x.node == v->x.node && mm->x.ctx == v->x.ctx &&
	    mm->y.node == v->y.node && mm->y.ctx == v->y.ctx &&
	    scores_key_same(&mm->key, ss))
		return (&mm->s);
	view_scatter_free(a);
	mm = xcalloc(1, sizeof *mm);
	scatter_compute(ss, &v->x, &v->y, &mm->s);
	mm->x = v->x;
	mm->y = v->y;
	scores_key_take(&mm->key, ss);
	a->scatter_memo = mm;
	return (&mm->s);
}

/*
 * The renderer reads each point from the scatter's columns: an array of
 * points would be 32 bytes a unit more.
 */
struct plot_arg {
	struct app		*a;
	const struct scatter	*s;
};

static void
point(void *arg, size_t i, struct cr_plot_point *p)
{
	struct app	*a = ((struct plot_arg *)arg)->a;

	scatter_point(a->sess, ((struct plot_arg *)arg)->s, i, p);
	/* Search matches stand out as the largest residuals do. */
	if (a->search != NULL &&
	    cr_match_entity(a->search, a->sess->ds->model, (int)i))
		p->flags |= CR_PT_HIGHLIGHT;
	if ((int)i == a->scatter.sel)
		p->flags |= CR_PT_SELECTED;
}

static void
draw_cells(struct app *a, const struct cr_plot *p, int y, int x)
{
	const struct cr_plot_cell	*c;
	int				 r, col;

	for (r = 0; r < p->h; r++) {
		move(y + r, x);
		for (col = 0; col < p->w; col++) {
			c = cr_plot_cell(p, r, col);
			if (c->cont)
				continue;
			attrset(draw_attr(&a->d, role_of(c->role)));
			/* Cells hold sanitised text from the renderer. */
			mvaddstr(y + r, x + col, c->ch[0] ? c->ch : " ");
		}
	}
	attrset(A_NORMAL);
}

/* The selected city's numbers, in the message line. */
static void
status(struct app *a, const struct scatter *s)
{
	int	e = a->scatter.sel;
	double	r;

	if (a->msg[0] != '\0' || e < 0 || e >= (int)s->n ||
	    isnan(r = scatter_resid(s, (size_t)e)))
		return;
	app_msg(a, 0, "%s: x %.6g, y %.1f%s, line %.1f: %s by %.1f%s",
	    session_unit_name(a->sess, e),
	    s->x[e], s->y[e], s->derived[e] ? "~" : "", scatter_fitted(s, (size_t)e),
	    r > 0 ? "ahead" : "behind", fabs(r),
	    s->highlight[e] ? " (one of the largest)" : "");
}

/*
 * What goes under the plot, as items that wrap between them: the fit
 * and the legend, then the key naming the numbered labels.  Freed with
 * footer_free().
 */
struct footer {
	char	**fit, **key;
	size_t	  nfit, nkey;
};

static void
add(char ***v, size_t *n, char *s)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = s;
}

static void
footer_make(struct app *a, const struct scatter *s, const struct cr_plot *p,
    struct footer *f)
{
	char	*stats, *part, *next, buf[32];
	int	 i;

	memset(f, 0, sizeof *f);
	/* The statistics are separated by two spaces: one item each. */
	stats = scatter_stats_text(s, a->d.ascii, 1);
	for (part = stats; part != NULL; part = next) {
		if ((next = strstr(part, "  ")) != NULL) {
			*next = '\0';
			next += 2;
		}
		add(&f->fit, &f->nfit, xstrdup(part));
	}
	free(stats);
	if (s->have_fit) {
		add(&f->fit, &f->nfit, xasprintf("%s largest residuals",
		    a->d.ascii ? "#" : "■"));
		add(&f->fit, &f->nfit, xasprintf("%s not official",
		    a->d.ascii ? "o" : "○"));
	}
	/* With thousands of points most have no room even for a number. */
	if (p->n_dropped > 0)
		snprintf(buf, sizeof buf, " (%d unlabelled)", p->n_dropped);
	else
		buf[0] = '\0';
	add(&f->key, &f->nkey, xasprintf("%d label%s numbered%s%s",
	    p->n_numbered, p->n_numbered == 1 ? "" : "s", buf,
	    p->n_key > 0 ? ":" : ""));
	for (i = 0; i < p->n_key; i++)
		add(&f->key, &f->nkey, xstrdup(p->key[i]));
	if (p->n_missing > 0)
		add(&f->key, &f->nkey, xasprintf("· %d not drawn (missing%s)",
		    p->n_missing, a->scatter.log_x ? " or x <= 0" : ""));
}

static void
footer_free(struct footer *f)
{
	size_t	i;

	for (i = 0; i < f->nfit; i++)
		free(f->fit[i]);
	for (i = 0; i < f->nkey; i++)
		free(f->key[i]);
	free(f->fit);
	free(f->key);
}

/* The lines the footer takes at width w. */
static int
footer_lines(const struct footer *f, int w)
{
	return (draw_items(NULL, 0, 0, f->fit, f->nfit, "  ", w, INT_MAX) +
	    draw_items(NULL, 0, 0, f->key, f->nkey, "  ", w, INT_MAX));
}

/* The footer in its lines from y, the key's cut if they are too few. */
static void
footer_draw(struct app *a, const struct footer *f, int y, int x, int w,
    int lines)
{
	int	r;

	attrset(draw_attr(&a->d, ROLE_AXIS));
	r = draw_items(stdscr, y, x, f->fit, f->nfit, "  ", w, lines - 1);
	if (r > lines - 1)
		r = lines - 1;
	draw_items(stdscr, y + r, x, f->key, f->nkey, "  ", w, lines - r);
	attrset(A_NORMAL);
}

/*
 * Render the plot over what the footer leaves.  A smaller plot numbers
 * more labels, and its key may want more lines again: a few rounds
 * settle it, the plot keeping CR_PLOT_MIN_H rows at least.  The
 * footer's lines, or -1 when no plot fits.
 */
static int
render(struct app *a, struct cr_plot_opts *o, const struct scatter *s, int h,
    int w, struct cr_plot *p, struct footer *f)
{
	struct plot_arg		 arg = { a, s };
	struct cr_plot_src	 src = { s->n, point, &arg };
	int	lines = 2, need, most = h - CR_PLOT_MIN_H, round;

	if (most < 2)
		most = 2;
	for (round = 0; ; round++) {
		o->height = h - lines;
		if (cr_plot_render_src(o, &src, p) != 0)
			return (-1);
		footer_make(a, s, p, f);
		need = footer_lines(f, w);
		if (need <= lines || lines == most || round == 3)
			return (lines);
		footer_free(f);
		cr_plot_free(p);
		lines = need < most ? need : most;
	}
}

void
view_scatter_draw(struct app *a, int y, int x, int h, int w)
{
	struct view_scatter	*v = &a->scatter;
	struct cr_plot_opts	 o;
	struct cr_plot		 p;
	const struct scatter	*sp;
	struct footer		 f;
	int			 lines;

	setup(a);
	if (v->y_follows) {
		v->y.node = a->sess->by;
		v->y.ctx = -1;
	}
	sp = computed(a);
	memset(&o, 0, sizeof o);
	o.width = w;
	o.braille = !a->d.ascii && !v->ascii;
	o.log_x = v->log_x;
	o.x_title = axis_title(a->sess, &v->x);
	o.y_title = axis_title(a->sess, &v->y);
	o.x_unit = axis_unit(a->sess, &v->x);
	o.y_unit = axis_unit(a->sess, &v->y);
	/* 万 reads as Chinese: English labels count plain yuan. */
	o.x_yuan = a->sess->lang == CR_LANG_ZH && strcmp(o.x_unit, "yuan") == 0;
	o.have_fit = sp->have_fit;
	o.a = sp->fit.a;
	o.b = sp->fit.b;
	if ((lines = render(a, &o, sp, h, w, &p, &f)) >= 0) {
		draw_cells(a, &p, y, x);
		footer_draw(a, &f, y + h - lines, x, w, lines);
		status(a, sp);
		footer_free(&f);
		cr_plot_free(&p);
	} else
		draw_text(stdscr, y, x, "  too small for a plot", w, 0);
}

/* Step the selection through the points in X order. */
static void
step_point(struct app *a, int dir)
{
	struct view_scatter	*v = &a->scatter;
	const struct scatter	*s;
	size_t			 i;
	int			 best = -1;
	double			 cur;

	s = computed(a);
	cur = v->sel >= 0 ? s->x[v->sel] : (dir > 0 ? -INFINITY : INFINITY);
	for (i = 0; i < s->n; i++) {
		if (isnan(s->x[i]) || isnan(s->y[i]) || (int)i == v->sel)
			continue;
		if (dir > 0 ? (s->x[i] > cur || (s->x[i] == cur &&
		    (int)i > v->sel)) : (s->x[i] < cur || (s->x[i] == cur &&
		    (int)i < v->sel))) {
			if (best < 0 || (dir > 0 ? s->x[i] < s->x[best] :
			    s->x[i] > s->x[best]))
				best = (int)i;
		}
	}
	if (best >= 0)
		v->sel = best;
}

static int
key_step(struct app *a, int key)
{
	step_point(a, key == 'l' || key == 'j' || key == KEY_RIGHT ||
	    key == KEY_DOWN ? 1 : -1);
	return (TUI_REDRAW);
}

static int
key_axis(struct app *a, int key)
{
	struct view_scatter	*v = &a->scatter;
	int			 dir = key == 'x' || key == 'y' ? 1 : -1;

	if (key == 'x' || key == 'X') {
		axis_cycle(a->sess, &v->x, dir);
		app_msg(a, 0, "X: %s", axis_code(a->sess, &v->x));
	} else {
		v->y_follows = 0;
		axis_cycle(a->sess, &v->y, dir);
		app_msg(a, 0, "Y: %s", axis_code(a->sess, &v->y));
	}
	return (TUI_REDRAW);
}

static int
key_log(struct app *a, int key)
{
	struct view_scatter	*v = &a->scatter;

	(void)key;
	v->log_x = !v->log_x;
	app_msg(a, 0, "X axis %s", v->log_x ? "logarithmic" : "linear");
	return (TUI_REDRAW);
}

static int
key_canvas(struct app *a, int key)
{
	struct view_scatter	*v = &a->scatter;

	(void)key;
	v->ascii = !v->ascii;
	app_msg(a, 0, "%s canvas", v->ascii ? "ASCII" : "braille");
	return (TUI_REDRAW);
}

static int
key_open(struct app *a, int key)
{
	(void)key;
	if (a->scatter.sel >= 0)
		app_open_detail(a, a->scatter.sel);
	return (TUI_REDRAW);
}

static const struct binding bindings[] = {
	{ { 'l', 'j', KEY_RIGHT, KEY_DOWN, 'h', 'k', KEY_LEFT, KEY_UP }, 0,
	    "← → ↑ ↓", "previous / next city along X (also h l k j)",
	    key_step, 0 },
	{ { 'x', 'X', 'y', 'Y' }, 0, "x X y Y",
	    "next / previous measure on X or Y", key_axis, 0 },
	{ { 'L' }, 0, "L", "logarithmic X axis, or linear again", key_log,
	    0 },
	{ { 'b' }, 0, "b", "braille or ASCII canvas", key_canvas, 0 },
	{ { '\r', '\n', KEY_ENTER }, 0, "Enter", "open the selected city",
	    key_open, 0 },
};

const struct keymap view_scatter_keys = KEYMAP("Plot (5 or .)", bindings, 0);

int
view_scatter_key(struct app *a, int key)
{
	setup(a);
	return (keys_run(&view_scatter_keys, a, key) < 0 ? 0 : TUI_REDRAW);
}
