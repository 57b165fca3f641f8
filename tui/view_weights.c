/* The weights view. */
#include "config.h"

#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "list.h"
#include "session.h"
#include "stability.h"
#include "utf8.h"
#include "xmalloc.h"

#define RANK_PANE	26	/* columns of the compact ranking */
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

void
view_weights_free(struct app *a)
{
	free(a->weights.nodes);
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
static int
stab_of(struct app *a, int node, struct cr_stab *st)
{
	const struct session	*ss = a->sess;
	char			*why = NULL;

	if (cr_stab_interval(ss->ds->model, ss->sc, ss->scores, ss->by, node,
	    app_selected_entity(a), st, &why) != 0) {
		free(why);
		return (-1);
	}
	return (st->movable ? 0 : -1);
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

	if (stab_of(a, node, &st) != 0)
		return (xasprintf("%s does not move the ranking by %s",
		    m->nodes[node].code, m->nodes[a->sess->by].code));
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

static void
draw_row(struct app *a, int y, int x, int w, size_t i)
{
	const struct cr_model	*m = a->sess->ds->model;
	struct view_weights	*v = &a->weights;
	int			 node = v->nodes[i];
	const struct cr_node	*n = &m->nodes[node];
	double			 pct = session_pct(a->sess, node);
	int			 namew = w - 31, locked;
	char			*s, *name, num[32];
	attr_t			 base;

	base = i == v->cur && v->focus == 0 ? draw_attr(&a->d, ROLE_CURSOR) :
	    A_NORMAL;
	locked = a->sess->sc->locked[node];
	attrset(base);
	draw_text(stdscr, y, x, "", w, 0);
	name = session_node_both(a->sess, node);
	if (cut_alike(a, node, namew))
		s = xasprintf("%*s%s %s", 2 * (n->depth - 1), "", n->code,
		    name);
	else
		s = xasprintf("%*s%s", 2 * (n->depth - 1), "", name);
	draw_text(stdscr, y, x, s, namew, 0);
	free(s);
	free(name);
	snprintf(num, sizeof num, "%5.1f%%", pct);
	draw_text(stdscr, y, x + namew + 1, num, 6, 1);
	draw_bar(&a->d, stdscr, y, x + namew + 8, pct, 100, 10);
	attrset(base);
	if (i == v->cur)
		draw_interval(a, y, x + namew + 8, node);
	snprintf(num, sizeof num, "%5.1f%%", 100 * cr_scenario_share(m,
	    a->sess->sc, node));
	draw_text(stdscr, y, x + namew + 19, num, 6, 1);
	draw_text(stdscr, y, x + namew + 27, locked ? (a->sess->lang ==
	    CR_LANG_EN ? "lock" : "锁") : "", 4, 0);
	attrset(A_NORMAL);
}

static void
draw_list(struct app *a, int y, int x, int h, int w)
{
	struct view_weights	*v = &a->weights;
	int			 r;

	attrset(draw_attr(&a->d, ROLE_HEADER));
	draw_text(stdscr, y, x, " Node", w - 31, 0);
	draw_text(stdscr, y, x + w - 31, " In parent       Of index Lock",
	    31, 0);
	attrset(A_NORMAL);
	v->y0 = y + 1;
	v->rows = h - 1 > 0 ? h - 1 : 1;
	if (v->cur < v->top)
		v->top = v->cur;
	if (v->cur >= v->top + (size_t)v->rows)
		v->top = v->cur - (size_t)v->rows + 1;
	for (r = 0; r < v->rows; r++) {
		if (v->top + (size_t)r < v->n)
			draw_row(a, y + 1 + r, x, w, v->top + (size_t)r);
		else
			draw_text(stdscr, y + 1 + r, x, "", w, 0);
	}
}

void
view_weights_draw(struct app *a, int y, int x, int h, int w)
{
	struct view_weights	*v = &a->weights;
	int			 listw = w, rank_h;

	/*
	 * The ranking beside the weights when there is room for both,
	 * else below them: a weight change must show its re-rank.
	 */
	v->split_x = v->split_y = 0;
	if (w >= 40 + RANK_PANE) {
		listw = w - RANK_PANE - 1;
		v->split_x = x + listw + 1;
		view_rank_draw_compact(a, y, v->split_x, h, RANK_PANE,
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

static int
edit_key(struct app *a, int key)
{
	char	*why = NULL;
	int	 node = selected(a);

	switch (key) {
	case '+':
	case '=':
	case KEY_RIGHT:
	case 'l':
		return (step(a, WEIGHT_STEP_SMALL));
	case '-':
	case '_':
	case KEY_LEFT:
	case 'h':
		return (step(a, -WEIGHT_STEP_SMALL));
	case '>':
	case KEY_SRIGHT:
		return (step(a, WEIGHT_STEP_LARGE));
	case '<':
	case KEY_SLEFT:
		return (step(a, -WEIGHT_STEP_LARGE));
	case 'x':
		if (app_changed(a, session_lock(a->sess, node,
		    !a->sess->sc->locked[node], &why), why) == 0)
			app_msg(a, 0, "%s %s", a->sess->sc->locked[node] ?
			    "locked" : "unlocked", a->sess->ds->model->
			    nodes[node].code);
		return (TUI_REDRAW);
	case 'r':
		if (app_changed(a, session_reset(a->sess, node, &why),
		    why) == 1)
			app_msg(a, 0, "already the baseline's weights");
		return (TUI_REDRAW);
	case 'R':
		if (app_changed(a, session_reset(a->sess, -1, &why),
		    why) == 1)
			app_msg(a, 0, "already the baseline's weights");
		return (TUI_REDRAW);
	}
	return (0);
}

int
view_weights_key(struct app *a, int key)
{
	struct view_weights	*v = &a->weights;
	int			 rc;

	if (key == '\t' || key == KEY_BTAB) {
		v->focus = v->split_x > 0 || v->split_y > 0 ? !v->focus : 0;
		return (TUI_REDRAW);
	}
	if (v->focus == 1 && (rc = view_rank_key(a, key)) != 0)
		return (rc);
	if ((rc = edit_key(a, key)) != 0)
		return (rc);
	return (list_move(&v->cur, v->n, (size_t)v->rows, key) ? TUI_REDRAW :
	    0);
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
