/* The framework tree view. */
#include "config.h"

#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "keys.h"
#include "list.h"
#include "session.h"
#include "xmalloc.h"

static void
add_visible(struct view_tree *t, const struct cr_model *m, int node)
{
	int	ch;

	t->visible[t->n++] = node;
	if (!t->open[node])
		return;
	for (ch = m->nodes[node].first_child; ch >= 0;
	    ch = m->nodes[ch].next_sibling)
		add_visible(t, m, ch);
}

static void
rebuild(struct app *a)
{
	struct view_tree	*t = &a->tree;
	int			 keep = t->n > 0 ? t->visible[t->cur] : 0;
	size_t			 i;

	t->n = 0;
	add_visible(t, a->sess->ds->model, 0);
	t->cur = 0;
	for (i = 0; i < t->n; i++)
		if (t->visible[i] == keep)
			t->cur = i;
}

void
view_tree_init(struct app *a)
{
	const struct cr_model	*m = a->sess->ds->model;
	struct view_tree	*t = &a->tree;
	size_t			 i;

	memset(t, 0, sizeof *t);
	t->open = xcalloc(m->n_nodes + 1, 1);
	t->visible = xcalloc(m->n_nodes + 1, sizeof *t->visible);
	/* Open the index and its dimensions: the framework at a glance. */
	for (i = 0; i < m->n_nodes; i++)
		t->open[i] = m->nodes[i].depth < 2;
	rebuild(a);
}

void
view_tree_free(struct app *a)
{
	free(a->tree.open);
	free(a->tree.visible);
}

static void
draw_node(struct app *a, int y, int x, int w, size_t i)
{
	const struct cr_model	*m = a->sess->ds->model;
	struct view_tree	*t = &a->tree;
	int			 node = t->visible[i];
	const struct cr_node	*n = &m->nodes[node];
	char			*s, *name, num[64];
	const char		*mark;
	int			 namew = w - 26;

	if (n->first_child < 0)
		mark = a->d.ascii ? "-" : "·";
	else if (t->open[node])
		mark = a->d.ascii ? "v" : "▾";
	else
		mark = a->d.ascii ? ">" : "▸";
	attrset(i == t->cur ? draw_attr(&a->d, ROLE_CURSOR) : A_NORMAL);
	draw_text(stdscr, y, x, "", w, 0);
	name = session_node_both(a->sess, node);
	s = xasprintf("%s%*s%s %s %s", node == a->sess->by ? "*" : " ",
	    2 * n->depth, "", mark, n->code, name);
	draw_text(stdscr, y, x, s, namew > 10 ? namew : 10, 0);
	free(s);
	free(name);
	if (namew > 10) {
		snprintf(num, sizeof num, "%6.1f%% %6.1f%% %s",
		    100 * cr_scenario_share(m, a->sess->sc, node) /
		    (n->parent >= 0 ? cr_scenario_share(m, a->sess->sc,
		    n->parent) : 1), 100 * cr_scenario_share(m, a->sess->sc,
		    node), n->leaf < 0 ? "   " : n->direction > 0 ? " +1" :
		    " -1");
		draw_text(stdscr, y, x + namew + 1, num, 25, 1);
	}
	attrset(A_NORMAL);
}

void
view_tree_draw(struct app *a, int y, int x, int h, int w)
{
	struct view_tree	*t = &a->tree;
	int			 r;

	attrset(draw_attr(&a->d, ROLE_HEADER));
	draw_text(stdscr, y, x, " Node (* = ranked by)", w, 0);
	if (w - 26 > 10)
		draw_text(stdscr, y, x + w - 25, " In parent  Of index Dir",
		    25, 1);
	attrset(A_NORMAL);
	t->y0 = y + 1;
	t->rows = h - 1 > 0 ? h - 1 : 1;
	if (t->cur < t->top)
		t->top = t->cur;
	if (t->cur >= t->top + (size_t)t->rows)
		t->top = t->cur - (size_t)t->rows + 1;
	for (r = 0; r < t->rows; r++) {
		if (t->top + (size_t)r < t->n)
			draw_node(a, y + 1 + r, x, w, t->top + (size_t)r);
		else
			draw_text(stdscr, y + 1 + r, x, "", w, 0);
	}
}

static void
set_open(struct app *a, int open)
{
	struct view_tree	*t = &a->tree;
	const struct cr_model	*m = a->sess->ds->model;
	int			 node = t->visible[t->cur];

	if (!open && (!t->open[node] || m->nodes[node].first_child < 0)) {
		/* Collapsing a closed node goes to its parent, as in tig. */
		if (m->nodes[node].parent >= 0)
			node = m->nodes[node].parent;
		t->open[node] = 0;
		t->visible[t->cur] = node;
	} else if (m->nodes[node].first_child >= 0)
		t->open[node] = (unsigned char)open;
	rebuild(a);
}

static int
key_open(struct app *a, int key)
{
	set_open(a, key == 'l' || key == KEY_RIGHT);
	return (TUI_REDRAW);
}

static int
key_rank_by(struct app *a, int key)
{
	(void)key;
	app_rank_by(a, a->tree.visible[a->tree.cur]);
	a->view = VIEW_RANK;
	return (TUI_REDRAW);
}

static const struct binding bindings[] = {
	{ { 'l', KEY_RIGHT, 'h', KEY_LEFT }, 0, "l h → ←",
	    "expand / collapse", key_open, 0 },
	{ { '\r', '\n', KEY_ENTER }, 0, "Enter",
	    "rank by the node (the ranking follows)", key_rank_by, 0 },
};

const struct keymap view_tree_keys = KEYMAP("Framework tree (2)", bindings, KEYS_LISTS);

int
view_tree_key(struct app *a, int key)
{
	struct view_tree	*t = &a->tree;

	if (list_move(&t->cur, t->n, (size_t)t->rows, key))
		return (TUI_REDRAW);
	return (keys_run(&view_tree_keys, a, key) < 0 ? 0 : TUI_REDRAW);
}

int
view_tree_click(struct app *a, int y, int x)
{
	struct view_tree	*t = &a->tree;
	size_t			 row;

	(void)x;
	if (y < t->y0 || y >= t->y0 + t->rows)
		return (0);
	row = t->top + (size_t)(y - t->y0);
	if (row < t->n)
		t->cur = row;
	return (TUI_REDRAW);
}
