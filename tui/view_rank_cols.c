/*
 * The ranking's columns in the explorer: the default set, what a
 * columns setting chooses, and the chooser (C) where Space shows or
 * hides a column and J K move it.  The model and the layout are
 * rankcols.c's; this file knows the data set and the screen.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "db.h"
#include "keys.h"
#include "list.h"
#include "rank_year.h"
#include "rankcols.h"
#include "session.h"
#include "xmalloc.h"

/*
 * When a narrow screen drops a column of the default set: the parts
 * of the dimensions first (all at once), then provenance, the report's
 * rank and pinyin, then the dimensions' bars, then the dimensions from
 * the last; never the first dimension, nor rank, move, the city or the
 * score.
 */
enum {
	DROP_BARS = 999, DROP_NAME2 = 1000, DROP_REPORT = 2000,
	DROP_PROV = 3000, DROP_PARTS = 4000
};

/*
 * Which nodes the source publishes a figure for (marked in pub), and
 * whether it publishes ranks at the ranked node: one pass over what it
 * publishes, not a look-up a unit, as this runs every frame.
 */
static int
published(const struct app *a, unsigned char *pub)
{
	const struct cr_dataset	*ds = a->sess->ds;
	size_t			 i;
	int			 ranks = 0;

	for (i = 0; i < ds->n_published; i++) {
		if (ds->published[i].node >= 0 &&
		    (size_t)ds->published[i].node < ds->model->n_nodes)
			pub[ds->published[i].node] = 1;
		if (ds->published[i].node == a->sess->by &&
		    ds->published[i].kind == CR_PUB_RANK &&
		    ds->published[i].entity >= 0)
			ranks = 1;
	}
	return (ranks);
}

/*
 * The parts a wide screen shows beside the dimensions: those the source
 * publishes figures for (the report's six domains), else the parts of
 * the dimension that has the most.
 */
static size_t
parts(const struct cr_model *m, const unsigned char *pub, struct rc_col *c)
{
	size_t	n = 0;
	int	d, g, most = -1;

	for (d = m->nodes[0].first_child; d >= 0;
	    d = m->nodes[d].next_sibling) {
		for (g = m->nodes[d].first_child; g >= 0;
		    g = m->nodes[g].next_sibling)
			if (pub[g])
				c[n++] = (struct rc_col){ RC_NODE + g,
				    DROP_PARTS };
		if (most < 0 || m->nodes[d].n_children >
		    m->nodes[most].n_children)
			most = d;
	}
	if (n > 0 || most < 0)
		return (n);
	for (g = m->nodes[most].first_child; g >= 0;
	    g = m->nodes[g].next_sibling)
		c[n++] = (struct rc_col){ RC_NODE + g, DROP_PARTS };
	return (n);
}

static size_t
default_cols(const struct app *a, struct rc_col *c)
{
	const struct cr_model	*m = a->sess->ds->model;
	unsigned char		*pub = xcalloc(m->n_nodes + 1, 1);
	size_t			 n = 0;
	int			 d, k = 0, report = published(a, pub);

	c[n++] = (struct rc_col){ RC_RANK, 0 };
	c[n++] = (struct rc_col){ RC_MOVE, 0 };
	/* Data with several years: the move since the year before too. */
	if (rank_year_width((struct app *)a) > 0)
		c[n++] = (struct rc_col){ RC_YEAR, 0 };
	c[n++] = (struct rc_col){ RC_CITY, 0 };
	/* In English a second name would say the first again. */
	if (a->sess->lang != CR_LANG_EN)
		c[n++] = (struct rc_col){ RC_NAME2, DROP_NAME2 };
	c[n++] = (struct rc_col){ RC_SCORE, 0 };
	if (report)
		c[n++] = (struct rc_col){ RC_REPORT, DROP_REPORT };
	c[n++] = (struct rc_col){ RC_PROV, DROP_PROV };
	for (d = m->nodes[0].first_child; d >= 0; d = m->nodes[d].next_sibling,
	    k++)
		c[n++] = (struct rc_col){ RC_NODE + d, k < DROP_BARS ? k :
		    DROP_BARS - 1 };
	n += parts(m, pub, c + n);
	free(pub);
	return (n);
}

size_t
view_rank_shown(const struct app *a, int width, int *ids, size_t *keep)
{
	const struct view_rank	*v = &a->rank;
	struct rc_col		*c;
	size_t			 n, i;

	if (v->cols.user)
		return (*keep = rc_set_shown(&v->cols, ids));
	c = xcalloc(v->cols.n + 1, sizeof *c);
	n = default_cols(a, c);
	*keep = rc_fit(c, n, width, DROP_BARS, a->sess->ds->model->n_entities);
	for (i = 0; i < n; i++)
		ids[i] = c[i].id;
	free(c);
	return (n);
}

int
view_rank_set_columns(struct app *a, const char *spec, char **why)
{
	int	*ids;
	size_t	 n;

	if (rc_parse(spec, a->sess->ds->model, &ids, &n, why) != 0)
		return (-1);
	rc_set_choose(&a->rank.cols, ids, n);
	a->rank.cols.user = 1;
	free(ids);
	return (0);
}

/* The chooser's list: the columns as they show now, then the rest. */
static void
list_shown(struct app *a)
{
	struct view_rank	*v = &a->rank;
	int			*ids = xcalloc(v->cols.n + 1, sizeof *ids);
	size_t			 keep, n;

	n = view_rank_shown(a, v->width, ids, &keep);
	rc_set_choose(&v->cols, ids, n);
	free(ids);
}

int
view_rank_cols_open(struct app *a, int key)
{
	struct view_rank	*v = &a->rank;

	(void)key;
	if (a->view != VIEW_RANK)
		return (-1);
	if (!v->cols.user)
		list_shown(a);
	v->chooser = 1;
	v->chooser_cur = v->chooser_top = 0;
	return (TUI_REDRAW);
}

static char *
label(const struct app *a, int id)
{
	const struct cr_model	*m;
	const struct cr_node	*n;
	char			*names, *s;

	switch (id) {
	case RC_RANK:
		return (xstrdup("Rank · stays at the left"));
	case RC_MOVE:
		return (xstrdup("Move · stays at the left"));
	case RC_CITY:
		return (xstrdup("City · always, at the left"));
	case RC_NAME2:
		return (xstrdup(a->rank.one_name ? "Code" : "Pinyin"));
	case RC_SCORE:
		return (xstrdup("Score, and its bar"));
	case RC_REPORT:
		return (xstrdup("Report: the source's rank"));
	case RC_PROV:
		return (xstrdup("Provenance of the score"));
	case RC_YEAR:
		return (xstrdup("Move since the year before (several years)"));
	}
	/* Its parent, unless the root: the list's order is the columns'. */
	m = a->sess->ds->model;
	n = &m->nodes[id - RC_NODE];
	names = session_node_both(a->sess, id - RC_NODE);
	if (n->parent <= 0)
		return (names);
	s = xasprintf("%s · in %s", names, session_node_name(a->sess,
	    n->parent));
	free(names);
	return (s);
}

/* One line of the chooser's box, its left edge a rule. */
static void
box_line(struct app *a, int y, int x, int w, const char *s, attr_t at)
{
	attrset(A_NORMAL);
	draw_text(stdscr, y, x, a->d.ascii ? "|" : "│", 1, 0);
	attrset(at);
	draw_text(stdscr, y, x + 1, s, w - 1, 0);
	attrset(A_NORMAL);
}

int
view_rank_cols_width(int w)
{
	return (w >= 80 ? 36 : w / 2);
}

void
view_rank_cols_draw(struct app *a, int y, int x, int h, int w)
{
	struct view_rank	*v = &a->rank;
	int			 rows = h - 2, r;
	size_t			 i;
	char			*s, *l;

	if (rows < 1 || w < 4)
		return;
	if (v->chooser_cur >= v->cols.n)
		v->chooser_cur = v->cols.n > 0 ? v->cols.n - 1 : 0;
	if (v->chooser_cur < v->chooser_top)
		v->chooser_top = v->chooser_cur;
	if (v->chooser_cur >= v->chooser_top + (size_t)rows)
		v->chooser_top = v->chooser_cur - (size_t)rows + 1;
	box_line(a, y, x, w, " Columns · Space: show, hide",
	    draw_attr(&a->d, ROLE_HEADER));
	for (r = 0; r < rows; r++) {
		i = v->chooser_top + (size_t)r;
		if (i >= v->cols.n) {
			box_line(a, y + 1 + r, x, w, "", A_NORMAL);
			continue;
		}
		l = label(a, v->cols.ids[i]);
		s = xasprintf(" [%s] %s", v->cols.on[i] ? "x" : " ", l);
		box_line(a, y + 1 + r, x, w, s, i == v->chooser_cur ?
		    draw_attr(&a->d, ROLE_CURSOR) : A_NORMAL);
		free(s);
		free(l);
	}
	box_line(a, y + h - 1, x, w, " J K move · d default · Enter done",
	    draw_attr(&a->d, ROLE_HEADER));
}

static int
key_toggle(struct app *a, int key)
{
	struct view_rank	*v = &a->rank;
	int			 id = v->cols.ids[v->chooser_cur], on;

	(void)key;
	if ((on = rc_set_toggle(&v->cols, v->chooser_cur)) < 0) {
		app_msg(a, 0, "the city always shows");
		return (TUI_REDRAW);
	}
	v->cols.user = 1;
	/* No sorting by a column out of sight. */
	if (!on && id == v->sort_id)
		view_rank_sort(a, RC_RANK);
	return (TUI_REDRAW);
}

static int
key_move(struct app *a, int key)
{
	struct view_rank	*v = &a->rank;
	int			 j;

	j = rc_set_move(&v->cols, v->chooser_cur, key == 'K' ||
	    key == KEY_SR ? -1 : 1);
	if (j < 0) {
		if (rc_pinned(v->cols.ids[v->chooser_cur]) ||
		    (v->chooser_cur > 0 &&
		    rc_pinned(v->cols.ids[v->chooser_cur - 1])))
			app_msg(a, 0, "rank, move and the city stay at the "
			    "left, above the rest");
		return (TUI_REDRAW);
	}
	v->chooser_cur = (size_t)j;
	v->cols.user = 1;
	return (TUI_REDRAW);
}

static int
key_default(struct app *a, int key)
{
	(void)key;
	a->rank.cols.user = 0;
	list_shown(a);
	app_msg(a, 0, "the default columns: as many as the width shows");
	return (TUI_REDRAW);
}

static int
key_close(struct app *a, int key)
{
	(void)key;
	a->rank.chooser = 0;
	return (TUI_REDRAW);
}

static const struct binding chooser[] = {
	{ { ' ' }, 0, "Space", "show or hide the column", key_toggle, 0 },
	{ { 'K', KEY_SR, 'J', KEY_SF }, 0, "K J", "move the column up / "
	    "down: left / right in the ranking (also Shift-↑ Shift-↓)",
	    key_move, 0 },
	{ { 'd' }, 0, "d", "the default columns: as many as the width "
	    "shows", key_default, 0 },
	{ { '\r', '\n', KEY_ENTER, 27, 'q', 'C' }, 0, "Enter Esc q C",
	    "done: close the chooser", key_close, 0 },
};

const struct keymap view_rank_cols_keys = KEYMAP("Ranking's columns (C)",
    chooser, KEYS_LISTS | KEYS_MODAL);

int
view_rank_cols_key(struct app *a, int key)
{
	struct view_rank	*v = &a->rank;
	MEVENT			 ev;

	if (key == KEY_RESIZE)
		return (TUI_REDRAW);
	if (key == KEY_MOUSE) {
		getmouse(&ev);
		return (TUI_REDRAW);
	}
	if (list_move(&v->chooser_cur, v->cols.n, 10, key))
		return (TUI_REDRAW);
	if (keys_run(&view_rank_cols_keys, a, key) < 0)
		app_msg(a, 0, "columns: Space shows or hides, J K move, d: "
		    "default, Enter: done");
	return (TUI_REDRAW);
}
