/*
 * cityrank compare A B [C D]: cities side by side, the gap between the
 * first two split into each child's weighted contribution, and the
 * smallest single weight change that would swap them.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "session.h"
#include "compare.h"
#include "match.h"
#include "tables.h"
#include "xmalloc.h"

#define MAX_CITIES	4

static void
columns(struct out_table *t, struct session *ss, const int *e, int n, int text)
{
	const struct cr_model	*m = ss->ds->model;
	char			*k;
	int			 i;

	out_col(t, "node", "Node", 0);
	/* Text has room for one name, in the language; CSV and JSON both. */
	if (text && ss->lang == CR_LANG_EN)
		out_col(t, "name_en", "Name", 0);
	else
		out_col(t, "name_zh", "名称", 0);
	if (!text)
		out_col(t, "name_en", "Name", 0);
	for (i = 0; i < n; i++) {
		k = xasprintf("score_%s", m->entities[e[i]].code);
		out_col(t, k, session_unit_name(ss, e[i]), 1);
		free(k);
		k = xasprintf("rank_%s", m->entities[e[i]].code);
		out_col(t, k, "#", 1);
		free(k);
	}
	out_col(t, "diff", text ? "A-B" : "diff", 1);
	out_col(t, "contrib", text ? "Share of gap" : "contrib", 1);
}

/* The contribution of node to the gap, when it is a child of `by`. */
static double
contribution(const struct cr_gap *g, int node)
{
	size_t	i;

	for (i = 0; i < g->n; i++)
		if (g->child[i] == node)
			return (g->contrib[i]);
	return (NAN);
}

static void
row(struct out_table *t, struct session *ss, const int *e, int n, int node,
    const struct cr_gap *g, int text)
{
	const struct cr_model	*m = ss->ds->model;
	const struct cr_node	*nd = &m->nodes[node];
	char			*s;
	int			 i, r;

	s = xasprintf("%*s%s", text ? 2 * nd->depth : 0, "", nd->code);
	out_str(t, s);
	free(s);
	out_str(t, text ? session_node_name(ss, node) : nd->name_zh);
	if (!text)
		out_str(t, nd->name_en);
	for (i = 0; i < n; i++) {
		out_num_mark(t, cr_scores_score(ss->scores, e[i], node), 1,
		    session_prov_mark(cr_scores_prov(ss->scores, e[i], node)));
		if ((r = cr_scores_rank(ss->scores, e[i], node)) > 0)
			out_int(t, r);
		else
			out_num(t, NAN, 0);
	}
	out_num(t, cr_scores_score(ss->scores, e[0], node) -
	    cr_scores_score(ss->scores, e[1], node), 2);
	out_num(t, contribution(g, node), 2);
}

static void
gap_note(struct out_table *t, struct session *ss, const int *e,
    const struct cr_gap *g)
{
	const struct cr_model	*m = ss->ds->model;
	char			*s, *u;
	size_t			 i;

	if (isnan(g->gap)) {
		s = xasprintf("Gap %s - %s at %s: none, as %s's score there "
		    "is missing", session_unit_name(ss, e[0]),
		    session_unit_name(ss, e[1]), m->nodes[g->node].code,
		    session_unit_name(ss, e[isnan(g->score_a) ? 0 : 1]));
		out_note(t, s);
		free(s);
		return;
	}
	if (g->undivided) {
		s = xasprintf("Gap %s - %s at %s: %+.0f units beaten (a "
		    "Copeland count: no child's share of it)",
		    session_unit_name(ss, e[0]), session_unit_name(ss, e[1]),
		    m->nodes[g->node].code, g->gap);
		out_note(t, s);
		free(s);
		return;
	}
	s = xasprintf("Gap %s - %s at %s: %+.2f =",
	    session_unit_name(ss, e[0]), session_unit_name(ss, e[1]),
	    m->nodes[g->node].code, g->gap);
	for (i = 0; i < g->n; i++) {
		u = xasprintf("%s %s %+.2f", s, m->nodes[g->child[i]].code,
		    g->contrib[i]);
		free(s);
		s = u;
	}
	if (g->approx) {
		u = xasprintf("%s (approximate: a value is missing for one "
		    "city, or a zero under geometric aggregation)", s);
		free(s);
		s = u;
	}
	out_note(t, s);
	free(s);
}

static void
swap_note(struct out_table *t, struct session *ss, const int *e,
    const struct cr_swap *w)
{
	const struct cr_model	*m = ss->ds->model;
	const char		*ahead, *behind;
	char			*s;
	int			 a_ahead;

	a_ahead = cr_scores_score(ss->scores, e[0], ss->by) >=
	    cr_scores_score(ss->scores, e[1], ss->by);
	ahead = session_unit_name(ss, a_ahead ? e[0] : e[1]);
	behind = session_unit_name(ss, a_ahead ? e[1] : e[0]);
	if (!w->found && strcmp(w->reason, "missing score") == 0)
		s = xstrdup("What would it take: nothing, while a score is "
		    "missing");
	else if (!w->found)
		s = xasprintf("What would it take: %s (A = %s, B = %s)",
		    w->reason, session_unit_name(ss, e[0]),
		    session_unit_name(ss, e[1]));
	else
		s = xasprintf("What would it take: %s %s's share of %s from "
		    "%.1f%% to beyond %.1f%% (others rescaled in proportion) "
		    "puts %s ahead of %s", w->to > w->from ? "raising" :
		    "lowering", m->nodes[w->child].code, m->nodes[ss->by].code,
		    100 * w->from, 100 * w->to, behind, ahead);
	out_note(t, s);
	free(s);
}

int
table_compare(struct session *ss, const int *e, int n, struct out_table *t)
{
	const struct cr_model	*m = ss->ds->model;
	struct cr_gap		 g;
	struct cr_swap		 w;
	int			 node, text;

	text = out_is_text(t);
	memset(&g, 0, sizeof g);
	/* A missing score (1) leaves a gap of NAN: the table still stands. */
	if (cr_compare_gap(m, ss->sc, ss->scores, ss->by, e[0], e[1], &g) < 0 ||
	    cr_compare_swap(m, ss->sc, ss->scores, ss->by, e[0], e[1], &w) != 0) {
		cr_gap_clear(&g);
		return (-1);
	}
	session_scenario_meta(ss, t);
	columns(t, ss, e, n, text);
	for (node = 0; node < (int)m->n_nodes; node++)
		row(t, ss, e, n, node, &g, text);
	gap_note(t, ss, e, &g);
	swap_note(t, ss, e, &w);
	out_note(t, "A-B and the gap compare the first two cities; ~ marks "
	    "numbers computed from reconstructed, estimated or imputed "
	    "values");
	cr_gap_clear(&g);
	return (0);
}
