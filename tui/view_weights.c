/* The weights view. */
#include "config.h"

#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "keys.h"
#include "corr.h"
#include "list.h"
#include "rankcols.h"
#include "session.h"
#include "scores_key.h"
#include "stability.h"
#include "utf8.h"
#include "xmalloc.h"

/*
 * Columns of the compact ranking at 26 units; as many more as its rank
 * and move columns widen for a large data set (rankcols.c), so that
 * the names keep theirs.
 */
#define RANK_PANE	26
#define STAB_LINES	3	/* the stability sentence under the list */

static void
add_dfs(struct view_weights *v, const struct cr_model *m, int node)
{
	int	ch;

	if (node != 0)
		v->nodes[v->n++] = node;
	for (ch = m->nodes[node].first_child; ch >= 0;
	    ch = m->nodes[ch].next_sibling)
		add_dfs(v, m, ch);
}

void
view_weights_init(struct app *a)
{
	const struct cr_model	*m = a->sess->ds->model;
	struct view_weights	*v = &a->weights;

	memset(v, 0, sizeof *v);
	v->nodes = xcalloc(m->n_nodes + 1, sizeof *v->nodes);
	add_dfs(v, m, 0);
}

/*
 * The correlations of the rows drawn, kept until the scores change
 * (other weights, methods or year): moving the cursor computes none,
 * and a change only those of the rows in view, the index's scores read
 * once for them all.  10,000 units: about 5 ms for a screenful.
 */
static void	wstab_free(struct wstab *);

struct wcorr {
	struct cr_corr		*c;	/* of the scores as they are */
	struct scores_key	 key;	/* ... which these were */
	double			*ri, *rp;	/* n_nodes */
	unsigned char		*have;
};

static void
wcorr_free(struct wcorr *w)
{
	if (w == NULL)
		return;
	cr_corr_free(w->c);
	scores_key_free(&w->key);
	free(w->ri);
	free(w->rp);
	free(w->have);
	free(w);
}

/* Once a frame: forget what the scores no longer say. */
static void
wcorr_check(struct app *a)
{
	const struct session	*ss = a->sess;
	const struct cr_model	*m = ss->ds->model;
	struct wcorr		*w = a->weights.corr;

	if (w == NULL) {
		w = a->weights.corr = xcalloc(1, sizeof *w);
		w->ri = xcalloc(m->n_nodes, sizeof *w->ri);
		w->rp = xcalloc(m->n_nodes, sizeof *w->rp);
		w->have = xcalloc(m->n_nodes, 1);
	}
	if (scores_key_same(&w->key, ss))
		return;
	cr_corr_free(w->c);
	w->c = NULL;
	scores_key_take(&w->key, ss);
	memset(w->have, 0, m->n_nodes);
}

/* 0, or -1 while a frame in a hurry leaves them for the next. */
static int
wcorr_get(struct app *a, int node, double *ri, double *rp)
{
	struct wcorr	*w = a->weights.corr;

	if (!w->have[node] && app_defer(a))
		return (-1);
	if (!w->have[node]) {
		if (w->c == NULL)
			w->c = cr_corr_new(a->sess->ds->model, a->sess->scores);
		/* A few ms a row at 100,000 units: a key comes first. */
		if (cr_corr_node_until(w->c, node, app_key_waits, a, &w->ri[node],
		    &w->rp[node]) != 0)
			return (-1);
		w->have[node] = 1;
	}
	*ri = w->ri[node];
	*rp = w->rp[node];
	return (0);
}

void
view_weights_free(struct app *a)
{
	free(a->weights.nodes);
	wcorr_free(a->weights.corr);
	wstab_free(a->weights.stab);
}

/*
 * Cut to the column, two siblings' names can read alike ("Synthetic
 * indicat…" twenty times); such a node's short, unique code goes first.
 */
static int
cut_alike(struct app *a, int node, int namew)
{
	const struct cr_model	*m = a->sess->ds->model;
	const struct cr_node	*n = &m->nodes[node];
	char			*mine, *other, *name;
	int			 c, alike = 0;

	name = session_node_both(a->sess, node);
	mine = cr_fit(name, namew - 2 * (n->depth - 1), 0, a->d.ascii);
	free(name);
	c = n->parent < 0 ? -1 : m->nodes[n->parent].first_child;
	for (; c != -1 && !alike; c = m->nodes[c].next_sibling) {
		if (c == node)
			continue;
		name = session_node_both(a->sess, c);
		other = cr_fit(name, namew - 2 * (n->depth - 1), 0,
		    a->d.ascii);
		alike = strcmp(mine, other) == 0;
		free(name);
		free(other);
	}
	free(mine);
	return (alike);
}

/*
 * The selected weight's stability interval (stability.h), drawn on its
 * bar as [ and ]: the shares over which the whole ranking stays as it
 * is, the other weights of its parent rescaled in proportion.
 */
/*
 * The cursor row's stability interval, kept for the frame's two uses
 * (the bar's brackets, the sentence) and the frames after, until the
 * weights, the year, the row, the unit or the ranked node change: at
 * 100,000 units one costs several ms.  0, -1 when the node cannot move
 * the ranking, -2 while a frame in a hurry leaves it for the next.
 */
struct wstab {
	struct scores_key	 key;
	int			 node, unit, by, rc;
	struct cr_stab		 st;
};

static void
wstab_free(struct wstab *w)
{
	if (w == NULL)
		return;
	scores_key_free(&w->key);
	free(w);
}

static int
stab_of(struct app *a, int node, struct cr_stab *st)
{
	const struct session	*ss = a->sess;
	const struct cr_model	*m = ss->ds->model;
	struct wstab		*w = a->weights.stab;
	int			 unit = app_selected_entity(a);
	char			*why = NULL;

	if (w != NULL && w->node == node && w->unit == unit &&
	    w->by == ss->by && scores_key_same(&w->key, ss)) {
		*st = w->st;
		return (w->rc);
	}
	if (app_defer(a))
		return (-2);
	wstab_free(w);
	a->weights.stab = NULL;
	w = xcalloc(1, sizeof *w);
	w->rc = -1;
	/* Tens of ms at 100,000 units: a key typed meanwhile comes first. */
	switch (cr_stab_interval_until(m, ss->sc, ss->scores, ss->by, node,
	    unit, app_key_waits, a, &w->st, &why)) {
	case 1:
		free(w);
		return (-2);
	case -1:
		free(why);
		break;
	default:
		if (w->st.movable)
			w->rc = 0;
	}
	scores_key_take(&w->key, ss);
	w->node = node;
	w->unit = unit;
	w->by = ss->by;
	a->weights.stab = w;
	*st = w->st;
	return (w->rc);
}

static void
draw_interval(struct app *a, int y, int x, int node)
{
	struct cr_stab	st;
	int		lo, hi;

	if (stab_of(a, node, &st) != 0)
		return;
	lo = (int)floor(st.lo * 10);
	hi = (int)ceil(st.hi * 10) - 1;
	if (hi > 9)
		hi = 9;
	if (lo < 0)
		lo = 0;
	attron(A_BOLD);
	mvaddstr(y, x + lo, "[");
	mvaddstr(y, x + (hi > lo ? hi : lo), "]");
	attroff(A_BOLD);
}

/* The sentence under the list: the interval in numbers, and who ties. */
static char *
stab_text(struct app *a, int node)
{
	const struct cr_model	*m = a->sess->ds->model;
	struct cr_stab		 st;
	char			*s, *u;

	switch (stab_of(a, node, &st)) {
	case -2:
		return (xasprintf("[ ] ranking holds for %s: working it "
		    "out...", m->nodes[node].code));
	case -1:
		return (xasprintf("%s does not move the ranking by %s",
		    m->nodes[node].code, m->nodes[a->sess->by].code));
	}
	s = xasprintf("[ ] ranking holds for %s %.1f-%.1f%% (now %.1f%%)",
	    m->nodes[node].code, 100 * st.lo, 100 * st.hi, 100 * st.share);
	if (st.lo_a >= 0) {
		u = xasprintf("%s; below, %s and %s swap", s,
		    session_unit_name(a->sess, st.lo_b),
		    session_unit_name(a->sess, st.lo_a));
		free(s);
		s = u;
	}
	if (st.hi_a >= 0) {
		u = xasprintf("%s; above, %s and %s swap", s,
		    session_unit_name(a->sess, st.hi_b),
		    session_unit_name(a->sess, st.hi_a));
		free(s);
		s = u;
	}
	if (st.unit >= 0 && st.rank > 0) {
		u = xasprintf("%s. %s keeps #%d for %.1f-%.1f%%.", s,
		    session_unit_name(a->sess, st.unit), st.rank,
		    100 * st.unit_lo,
		    100 * st.unit_hi);
		free(s);
		s = u;
	}
	return (s);
}

/* The sentence, wrapped over STAB_LINES lines: none of it is cut. */
static void
draw_stab(struct app *a, int y, int x, int w)
{
	char	*s = stab_text(a, a->weights.nodes[a->weights.cur]), *p, *part;
	size_t	 n;
	int	 r;

	attrset(draw_attr(&a->d, ROLE_LABEL));
	for (p = s, r = 0; r < STAB_LINES; r++) {
		n = cr_utf8_wrap(p, w - 1);
		part = xstrndup(p, n);
		draw_text(stdscr, y + r, x + 1, part, w - 1, 0);
		free(part);
		p += n;
		while (*p == ' ')
			p++;
	}
	attrset(A_NORMAL);
	free(s);
}

/*
 * The columns right of the names, in the order they are given room:
 * the weight in its parent and the lock always; then its share of the
 * index (the effective weight), its correlation with the index, the
 * bar (with the stability interval) and its correlation with its
 * parent, each while the names keep NAME_MIN columns.  A planner sees
 * a heavy weight whose scores barely go with the index's.
 */
#define NAME_MIN	14
#define W_PCT		7
#define W_BAR		11
#define W_EFF		9
#define W_CORR		7
#define W_LOCK		5

struct wcols {
	int	w, namew;
	int	eff, r_index, bar, r_parent;
};

static struct wcols
cols_for(int w)
{
	struct wcols	c = { w, 0, 0, 0, 0, 0 };
	int		used = W_PCT + W_LOCK, room = w - NAME_MIN;

	if ((c.eff = used + W_EFF <= room))
		used += W_EFF;
	if ((c.r_index = used + W_CORR <= room))
		used += W_CORR;
	if ((c.bar = used + W_BAR <= room))
		used += W_BAR;
	if ((c.r_parent = used + W_CORR <= room))
		used += W_CORR;
	c.namew = w - used;
	return (c);
}

/* "  0.87": r, or "     -" when undefined. */
static void
corr_cell(int y, int x, double r)
{
	char	num[32];

	if (isnan(r))
		snprintf(num, sizeof num, "-");
	else if (isinf(r))
		snprintf(num, sizeof num, "...");
	else
		snprintf(num, sizeof num, "%.2f", r);
	draw_text(stdscr, y, x + 1, num, W_CORR - 1, 1);
}

static void
draw_row(struct app *a, int y, int x, const struct wcols *c, size_t i)
{
	const struct cr_model	*m = a->sess->ds->model;
	struct view_weights	*v = &a->weights;
	int			 node = v->nodes[i];
	const struct cr_node	*n = &m->nodes[node];
	double			 pct = session_pct(a->sess, node), ri, rp;
	int			 namew = c->namew, locked, cx;
	char			*s, *name, num[32];
	attr_t			 base;

	base = i == v->cur && v->focus == 0 ? draw_attr(&a->d, ROLE_CURSOR) :
	    A_NORMAL;
	locked = a->sess->sc->locked[node];
	attrset(base);
	draw_text(stdscr, y, x, "", c->w, 0);
	name = session_node_both(a->sess, node);
	if (cut_alike(a, node, namew))
		s = xasprintf("%*s%s %s", 2 * (n->depth - 1), "", n->code,
		    name);
	else
		s = xasprintf("%*s%s", 2 * (n->depth - 1), "", name);
	draw_text(stdscr, y, x, s, namew, 0);
	free(s);
	free(name);
	cx = x + namew;
	snprintf(num, sizeof num, "%5.1f%%", pct);
	draw_text(stdscr, y, cx + 1, num, 6, 1);
	cx += W_PCT;
	if (c->bar) {
		draw_bar(&a->d, stdscr, y, cx + 1, pct, 100, 10);
		attrset(base);
		if (i == v->cur)
			draw_interval(a, y, cx + 1, node);
		cx += W_BAR;
	}
	if (c->eff) {
		snprintf(num, sizeof num, "%5.1f%%", 100 *
		    cr_scenario_share(m, a->sess->sc, node));
		draw_text(stdscr, y, cx + 3, num, 6, 1);
		cx += W_EFF;
	}
	if (c->r_index || c->r_parent) {
		/* Of the scores in force: wcorr_check() saw to it. */
		if (wcorr_get(a, node, &ri, &rp) != 0)
			ri = rp = INFINITY;	/* pending: "..." */
		if (c->r_index) {
			corr_cell(y, cx, ri);
			cx += W_CORR;
		}
		if (c->r_parent) {
			corr_cell(y, cx, rp);
			cx += W_CORR;
		}
	}
	draw_text(stdscr, y, cx + 1, locked ? (a->sess->lang == CR_LANG_EN ?
	    "lock" : "锁") : "", 4, 0);
	attrset(A_NORMAL);
}

static void
draw_head(struct app *a, int y, int x, int w, const struct wcols *c)
{
	int	cx = x + c->namew;

	attrset(draw_attr(&a->d, ROLE_HEADER));
	draw_text(stdscr, y, x, " Node", w, 0);
	if (c->bar)
		draw_text(stdscr, y, cx, " In parent", W_PCT + W_BAR, 0);
	else
		draw_text(stdscr, y, cx, "In par", W_PCT, 1);
	cx += W_PCT + (c->bar ? W_BAR : 0);
	if (c->eff) {
		draw_text(stdscr, y, cx, "Of index", W_EFF, 1);
		cx += W_EFF;
	}
	if (c->r_index) {
		draw_text(stdscr, y, cx, "r idx", W_CORR, 1);
		cx += W_CORR;
	}
	if (c->r_parent) {
		draw_text(stdscr, y, cx, "r par", W_CORR, 1);
		cx += W_CORR;
	}
	draw_text(stdscr, y, cx + 1, "Lock", W_LOCK - 1, 0);
	attrset(A_NORMAL);
}

static void
draw_list(struct app *a, int y, int x, int h, int w)
{
	struct view_weights	*v = &a->weights;
	struct wcols		 c = cols_for(w);
	int			 r;

	if (c.r_index || c.r_parent)
		wcorr_check(a);
	draw_head(a, y, x, w, &c);
	v->y0 = y + 1;
	v->rows = h - 1 > 0 ? h - 1 : 1;
	if (v->cur < v->top)
		v->top = v->cur;
	if (v->cur >= v->top + (size_t)v->rows)
		v->top = v->cur - (size_t)v->rows + 1;
	for (r = 0; r < v->rows; r++) {
		if (v->top + (size_t)r < v->n)
			draw_row(a, y + 1 + r, x, &c, v->top + (size_t)r);
		else
			draw_text(stdscr, y + 1 + r, x, "", w, 0);
	}
}

void
view_weights_draw(struct app *a, int y, int x, int h, int w)
{
	struct view_weights	*v = &a->weights;
	int			 listw = w, rank_h, pane;

	/*
	 * The ranking beside the weights when there is room for both,
	 * else below them: a weight change must show its re-rank.
	 */
	pane = RANK_PANE + rc_widened(a->sess->ds->model->n_entities);
	v->split_x = v->split_y = 0;
	if (w >= 40 + pane) {
		listw = w - pane - 1;
		v->split_x = x + listw + 1;
		view_rank_draw_compact(a, y, v->split_x, h, pane,
		    v->focus == 1);
		mvvline(y, x + listw, a->d.ascii ? '|' : ACS_VLINE, h);
	} else if (h >= 14) {
		rank_h = h * 2 / 5;
		h -= rank_h + 1;
		v->split_y = y + h + 1;
		mvhline(y + h, x, a->d.ascii ? '-' : ACS_HLINE, w);
		view_rank_draw_compact(a, v->split_y, x, rank_h, w,
		    v->focus == 1);
	} else
		v->focus = 0;
	if (h < 10 || v->n == 0) {
		draw_list(a, y, x, h, listw);
		return;
	}
	draw_list(a, y, x, h - STAB_LINES, listw);
	draw_stab(a, y + h - STAB_LINES, x, listw);
}

static int
selected(const struct app *a)
{
	return (a->weights.nodes[a->weights.cur]);
}

static int
step(struct app *a, double delta)
{
	char	*why = NULL;

	app_changed(a, session_step(a->sess, selected(a), delta, &why), why);
	return (TUI_REDRAW);
}

int
view_weights_preset(struct app *a)
{
	const struct cr_dataset	*ds = a->sess->ds;
	const struct cr_preset	*p;
	char			*why = NULL, *note = NULL;
	size_t			 i;

	for (i = 0; i < ds->n_presets; i++)
		if (strcmp(ds->presets[i].code, a->sess->sc->name) == 0)
			break;
	i = i >= ds->n_presets ? 0 : (i + 1) % ds->n_presets;
	p = &ds->presets[i];
	if (app_changed(a, session_apply_preset(a->sess, p, &note, &why),
	    why) < 0)
		return (TUI_REDRAW);
	app_msg(a, 0, "preset %s (weights and methods)%s%s: %s", p->code,
	    note != NULL ? "; " : "", note != NULL ? note : "",
	    p->description);
	free(note);
	return (TUI_REDRAW);
}

/* By a point, or by ten with > < and the shifted arrows. */
static int
key_step(struct app *a, int key)
{
	double	d = WEIGHT_STEP_SMALL;

	if (key == '>' || key == '<' || key == KEY_SRIGHT || key == KEY_SLEFT)
		d = WEIGHT_STEP_LARGE;
	if (key == '-' || key == '_' || key == KEY_LEFT || key == 'h' ||
	    key == '<' || key == KEY_SLEFT)
		d = -d;
	return (step(a, d));
}

static int
key_lock(struct app *a, int key)
{
	char	*why = NULL;
	int	 node = selected(a);

	(void)key;
	if (app_changed(a, session_lock(a->sess, node,
	    !a->sess->sc->locked[node], &why), why) == 0)
		app_msg(a, 0, "%s %s", a->sess->sc->locked[node] ? "locked" :
		    "unlocked", a->sess->ds->model->nodes[node].code);
	return (TUI_REDRAW);
}

static int
key_reset(struct app *a, int key)
{
	char	*why = NULL;

	if (app_changed(a, session_reset(a->sess, key == 'r' ? selected(a) :
	    -1, &why), why) == 1)
		app_msg(a, 0, "already the baseline's weights");
	return (TUI_REDRAW);
}

static int
key_focus(struct app *a, int key)
{
	struct view_weights	*v = &a->weights;

	(void)key;
	v->focus = v->split_x > 0 || v->split_y > 0 ? !v->focus : 0;
	return (TUI_REDRAW);
}

static const struct binding bindings[] = {
	{ { '+', '=', KEY_RIGHT, 'l', '-', '_', KEY_LEFT, 'h' }, 0,
	    "+ - → ←", "raise / lower by 1 point (also l h)", key_step, 0 },
	{ { '>', KEY_SRIGHT, '<', KEY_SLEFT }, 0, "> <",
	    "raise / lower by 10 points (also Shift-→ Shift-←)", key_step,
	    0 },
	{ { 'x' }, 0, "x", "lock / unlock the weight", key_lock, 0 },
	{ { 'r', 'R' }, 0, "r R", "reset the node's siblings / every weight",
	    key_reset, 0 },
	{ { '\t', KEY_BTAB }, 0, "Tab", "move between the weights and the "
	    "ranking", key_focus, 0 },
};

const struct keymap view_weights_keys = KEYMAP("Weights (3): every change "
    "re-ranks at once", bindings, KEYS_LISTS);

int
view_weights_key(struct app *a, int key)
{
	struct view_weights	*v = &a->weights;
	int			 rc;

	if (v->focus == 1 && key != '\t' && key != KEY_BTAB &&
	    (rc = view_rank_key(a, key)) != 0)
		return (rc);
	if (list_move(&v->cur, v->n, (size_t)v->rows, key))
		return (TUI_REDRAW);
	return (keys_run(&view_weights_keys, a, key) < 0 ? 0 : TUI_REDRAW);
}

int
view_weights_click(struct app *a, int y, int x)
{
	struct view_weights	*v = &a->weights;
	size_t			 row;

	if ((v->split_x > 0 && x >= v->split_x) ||
	    (v->split_y > 0 && y >= v->split_y)) {
		v->focus = 1;
		return (view_rank_click(a, y, x));
	}
	v->focus = 0;
	if (y < v->y0 || y >= v->y0 + v->rows)
		return (TUI_REDRAW);
	row = v->top + (size_t)(y - v->y0);
	if (row < v->n)
		v->cur = row;
	return (TUI_REDRAW);
}
