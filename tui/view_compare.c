/* The compare view. */
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
#include "compare.h"
#include "xmalloc.h"

int
view_compare_marked(const struct app *a, int e)
{
	int	i;

	for (i = 0; i < a->compare.nmarks; i++)
		if (a->compare.marks[i] == e)
			return (1);
	return (0);
}

int
view_compare_toggle(struct app *a, int e)
{
	struct view_compare	*v = &a->compare;
	int			 i;

	for (i = 0; i < v->nmarks; i++)
		if (v->marks[i] == e) {
			memmove(v->marks + i, v->marks + i + 1,
			    (size_t)(v->nmarks - i - 1) * sizeof *v->marks);
			v->nmarks--;
			return (0);
		}
	if (v->nmarks == COMPARE_MAX) {
		app_msg(a, 1, "%d cities are marked already: unmark one with "
		    "Space", COMPARE_MAX);
		return (-1);
	}
	v->marks[v->nmarks++] = e;
	return (0);
}

static const char *
city(const struct app *a, int e)
{
	return (session_unit_name(a->sess, e));
}

/*
 * Each city: 6 columns of score, a 5-column bar, a space and the rank,
 * as wide as the largest (3 at least).
 */
#define CITY_W(rw)		(12 + (rw))
#define CITY_W_NARROW(rw)	(7 + (rw))	/* without the bar */

static int
rank_width(size_t n)
{
	return (draw_digits(n) > 3 ? draw_digits(n) : 3);
}

static void
draw_header(struct app *a, int y, int x, int w, int namew)
{
	struct view_compare	*v = &a->compare;
	int			 i;

	attrset(draw_attr(&a->d, ROLE_HEADER));
	draw_text(stdscr, y, x, " Node", w, 0);
	for (i = 0; i < v->nmarks; i++)
		draw_text(stdscr, y, x + namew + i * (v->city_w + 1),
		    city(a, v->marks[i]), v->city_w, 0);
	draw_text(stdscr, y, x + namew + v->nmarks * (v->city_w + 1), "   A-B  "
	    "Gap part", 17, 0);
	attrset(A_NORMAL);
}

static void
draw_node(struct app *a, int y, int x, int namew, int node,
    const struct cr_gap *g)
{
	const struct cr_model	*m = a->sess->ds->model;
	struct view_compare	*v = &a->compare;
	const struct cr_scores	*s = a->sess->scores;
	char			*name, *t, buf[32];
	double			 sc;
	size_t			 j;
	int			 i, cx;

	name = session_node_both(a->sess, node);
	t = xasprintf("%*s%s", 2 * m->nodes[node].depth, "", name);
	draw_text(stdscr, y, x, t, namew - 1, 0);
	free(t);
	free(name);
	for (i = 0; i < v->nmarks; i++) {
		cx = x + namew + i * (v->city_w + 1);
		sc = cr_scores_score(s, v->marks[i], node);
		snprintf(buf, sizeof buf, "%5.1f%s", sc,
		    cr_prov_is_derived(cr_scores_prov(s, v->marks[i], node)) ?
		    "~" : " ");
		draw_text(stdscr, y, cx, buf, 6, 1);
		if (v->city_w == CITY_W(v->rank_w))
			draw_bar(&a->d, stdscr, y, cx + 6, sc, 100, 5);
		attrset(A_NORMAL);
		snprintf(buf, sizeof buf, "%d", cr_scores_rank(s, v->marks[i],
		    node));
		draw_text(stdscr, y, cx + v->city_w - v->rank_w - 1, buf,
		    v->rank_w, 1);
	}
	cx = x + namew + v->nmarks * (v->city_w + 1);
	snprintf(buf, sizeof buf, "%+6.1f", cr_scores_score(s, v->marks[0],
	    node) - cr_scores_score(s, v->marks[1], node));
	draw_text(stdscr, y, cx, buf, 7, 1);
	for (j = 0; j < g->n; j++)
		if (g->child[j] == node) {
			snprintf(buf, sizeof buf, "%+6.2f", g->contrib[j]);
			draw_text(stdscr, y, cx + 8, buf, 8, 1);
		}
}

/* The summary's two sentences: the gap, and what would swap them. */
static void
summary_text(struct app *a, const struct cr_gap *g, const struct cr_swap *sw,
    char **gap, char **take)
{
	const struct cr_model	*m = a->sess->ds->model;
	struct view_compare	*v = &a->compare;
	int			 ahead;

	*gap = xasprintf("A %s − B %s = %+.2f at %s: the column 'Gap part' "
	    "splits it by weighted contribution%s", city(a, v->marks[0]),
	    city(a, v->marks[1]), g->gap, m->nodes[g->node].code,
	    g->approx ? " (approximate: a value is missing)" : "");
	ahead = g->gap >= 0 ? v->marks[0] : v->marks[1];
	if (!sw->found)
		*take = xasprintf("What would it take: %s", sw->reason);
	else
		*take = xasprintf("What would it take: %s's share of %s from "
		    "%.1f%% to beyond %.1f%% puts %s ahead of %s",
		    m->nodes[sw->child].code, m->nodes[g->node].code,
		    100 * sw->from, 100 * sw->to, city(a, ahead ==
		    v->marks[0] ? v->marks[1] : v->marks[0]), city(a, ahead));
}

/*
 * Wrapped, never cut: each sentence takes the lines it needs, up to
 * three; the table above gives them up.  The lines used.
 */
static int
draw_summary(struct app *a, int y, int x, int w, const char *gap,
    const char *take, int count)
{
	int	r;

	r = draw_wrapped(count ? NULL : stdscr, y, x, gap, w, 3);
	if (!count)
		attrset(draw_attr(&a->d, ROLE_HIGHLIGHT));
	r += draw_wrapped(count ? NULL : stdscr, y + r, x, take, w, 3);
	attrset(A_NORMAL);
	return (r);
}

void
view_compare_draw(struct app *a, int y, int x, int h, int w)
{
	const struct cr_model	*m = a->sess->ds->model;
	struct view_compare	*v = &a->compare;
	struct cr_gap		 g;
	struct cr_swap		 sw;
	char			*gap, *take;
	int			 namew, r, sumh, by = a->sess->by;

	if (v->nmarks < 2) {
		draw_text(stdscr, y + 1, x, "  Mark 2 to 4 cities in the "
		    "ranking with Space (or search with / and press Space), "
		    "then press c.", w, 0);
		return;
	}
	/* The gap is split over the children of the ranked node. */
	if (m->nodes[by].first_child < 0)
		by = m->nodes[by].parent;
	memset(&g, 0, sizeof g);
	memset(&sw, 0, sizeof sw);
	cr_compare_gap(m, a->sess->sc, a->sess->scores, by, v->marks[0],
	    v->marks[1], &g);
	if (cr_compare_swap(m, a->sess->sc, a->sess->scores, by, v->marks[0],
	    v->marks[1], &sw) != 0)
		sw.reason = "a score is missing";
	/* Drop the bars before the names get too short to read. */
	v->rank_w = rank_width(m->n_entities);
	v->city_w = CITY_W(v->rank_w);
	namew = w - v->nmarks * (v->city_w + 1) - 17;
	if (namew < 14) {
		v->city_w = CITY_W_NARROW(v->rank_w);
		namew = w - v->nmarks * (v->city_w + 1) - 17;
	}
	if (namew < 8)
		namew = 8;
	summary_text(a, &g, &sw, &gap, &take);
	sumh = draw_summary(a, 0, x, w, gap, take, 1);
	draw_header(a, y, x, w, namew);
	v->rows = h - 2 - sumh > 1 ? h - 2 - sumh : 1;
	if (v->top + (size_t)v->rows > m->n_nodes)
		v->top = m->n_nodes > (size_t)v->rows ? m->n_nodes -
		    (size_t)v->rows : 0;
	for (r = 0; r < v->rows && v->top + (size_t)r < m->n_nodes; r++)
		draw_node(a, y + 1 + r, x, namew, (int)(v->top + (size_t)r),
		    &g);
	draw_summary(a, y + h - sumh, x, w, gap, take, 0);
	free(gap);
	free(take);
	cr_gap_clear(&g);
}

/* Swap A and B: the gap and the question turn round. */
static int
key_swap(struct app *a, int key)
{
	struct view_compare	*v = &a->compare;
	int			 t;

	(void)key;
	if (v->nmarks >= 2) {
		t = v->marks[0];
		v->marks[0] = v->marks[1];
		v->marks[1] = t;
	}
	return (TUI_REDRAW);
}

static const struct binding bindings[] = {
	{ { 'x' }, 0, "x", "swap A and B (the gap and the question turn "
	    "round)", key_swap, 0 },
};

const struct keymap view_compare_keys = KEYMAP("Compare (4)", bindings, KEYS_LISTS);

int
view_compare_key(struct app *a, int key)
{
	struct view_compare	*v = &a->compare;

	/* The rows scroll: one a node. */
	if (list_move(&v->top, a->sess->ds->model->n_nodes, (size_t)v->rows,
	    key))
		return (TUI_REDRAW);
	return (keys_run(&view_compare_keys, a, key) < 0 ? 0 : TUI_REDRAW);
}
