/*
 * cityrank stability: each weight's stability interval, the shares over
 * which the ranking (and one unit's rank) stays the same.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "session.h"
#include "stability.h"
#include "tables.h"
#include "xmalloc.h"

/* Whether a weight belongs to one of the groups asked (none: all). */
static int
in_groups(const struct cr_model *m, int node, const int *groups, size_t n)
{
	size_t	 i;

	if (groups == NULL)
		return (1);
	for (i = 0; i < n; i++)
		if (m->nodes[node].parent == groups[i])
			return (1);
	return (0);
}

static void
columns(struct out_table *t, int unit)
{
	int	text = out_is_text(t);

	out_col(t, "node", "Weight", 0);
	out_col(t, "parent", "Parent", 0);
	if (!text) {
		out_col(t, "name_zh", "名称", 0);
		out_col(t, "name_en", "Name", 0);
	}
	out_col(t, "share_pct", "Share %", 1);
	out_col(t, "ranking_lo_pct", "Ranking from", 1);
	out_col(t, "ranking_hi_pct", "to", 1);
	if (text) {
		out_col(t, "lo_swap", "Below: who passes whom", 0);
		out_col(t, "hi_swap", "Above: who passes whom", 0);
	} else {
		out_col(t, "lo_up", "lo_up", 0);
		out_col(t, "lo_down", "lo_down", 0);
		out_col(t, "hi_up", "hi_up", 0);
		out_col(t, "hi_down", "hi_down", 0);
	}
	if (unit >= 0) {
		out_col(t, "unit_lo_pct", "Rank from", 1);
		out_col(t, "unit_hi_pct", "to", 1);
		out_col(t, "unit_lo_by", text ? "Below: with" : "unit_lo_by",
		    0);
		out_col(t, "unit_hi_by", text ? "Above: with" : "unit_hi_by",
		    0);
	}
}

static const char *
ent_code(const struct cr_model *m, int e)
{
	return (e >= 0 ? m->entities[e].code : "");
}

/* "Shanghai over Beijing": who is above past the end (text). */
static void
swap_text(struct out_table *t, const struct session *ss, int up, int down)
{
	char	*s;

	if (up < 0) {
		out_str(t, "");
		return;
	}
	s = xasprintf("%s over %s", session_unit_name(ss, up),
	    session_unit_name(ss, down));
	out_str(t, s);
	free(s);
}

/* Past an end the pair's order is reversed: b (below now) goes up. */
static void
swap_cells(struct out_table *t, const struct session *ss, int a, int b)
{
	const struct cr_model	*m = ss->ds->model;

	if (out_is_text(t))
		swap_text(t, ss, b, a);
	else {
		out_str(t, ent_code(m, b));
		out_str(t, ent_code(m, a));
	}
}

static void
row(struct out_table *t, const struct session *ss, const struct cr_stab *st)
{
	const struct cr_model	*m = ss->ds->model;
	const struct cr_node	*n = &m->nodes[st->node];
	int			 text = out_is_text(t);

	out_str(t, n->code);
	out_str(t, m->nodes[n->parent].code);
	if (!text) {
		out_str(t, n->name_zh);
		out_str(t, n->name_en);
	}
	out_num(t, 100 * st->share, 1);
	out_num(t, 100 * st->lo, 1);
	out_num(t, 100 * st->hi, 1);
	swap_cells(t, ss, st->lo_a, st->lo_b);
	swap_cells(t, ss, st->hi_a, st->hi_b);
	if (st->unit >= 0) {
		out_num(t, 100 * st->unit_lo, 1);
		out_num(t, 100 * st->unit_hi, 1);
		out_str(t, text && st->unit_lo_by >= 0 ?
		    session_unit_name(ss, st->unit_lo_by) :
		    ent_code(m, st->unit_lo_by));
		out_str(t, text && st->unit_hi_by >= 0 ?
		    session_unit_name(ss, st->unit_hi_by) :
		    ent_code(m, st->unit_hi_by));
	}
}

int
table_stability(struct session *ss, int unit, const int *groups,
    size_t n_groups, struct out_table *t, char **cause)
{
	const struct cr_model	*m = ss->ds->model;
	struct cr_stab		 st;
	int			*nodes, rank = 0;
	size_t			 n, i;
	char			*s;

	nodes = xreallocarray(NULL, m->n_nodes + 1, sizeof(*nodes));
	n = cr_stab_weights(m, ss->by, nodes);
	session_scenario_meta(ss, t);
	session_ranked_by_meta(ss, t);
	columns(t, unit);
	for (i = 0; i < n; i++) {
		if (!in_groups(m, nodes[i], groups, n_groups))
			continue;
		if (cr_stab_interval(m, ss->sc, ss->scores, ss->by, nodes[i],
		    unit, &st, cause) == -1) {
			free(nodes);
			return (-1);
		}
		if (!st.movable)
			continue;
		rank = st.rank;
		row(t, ss, &st);
	}
	free(nodes);
	if (unit >= 0) {
		s = xasprintf("%s %s / %s, rank %d", m->entities[unit].code,
		    m->entities[unit].name_zh, m->entities[unit].name_en,
		    rank);
		out_meta(t, "unit", s);
		free(s);
	}
	out_note(t, "One weight moves, its siblings keep their proportions: "
	    "the ranking stays the same for every share strictly between "
	    "'from' and 'to' (% of the parent); at an end two units tie, and "
	    "past it the first named is above the second");
	if (unit >= 0)
		out_note(t, "Rank from/to: the same for the unit's rank; "
		    "'with': the unit whose crossing changes it");
	out_note(t, "Exact for arithmetic and geometric means, missing "
	    "values included (doc/target.md)");
	return (0);
}
