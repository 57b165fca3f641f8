/*
 * cityrank target: the answer of the target solver as tables, the new
 * weights with the change of each, the ranking under them, and the
 * ranks each unit can reach.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "session.h"
#include "tables.h"
#include "target.h"
#include "xmalloc.h"

/*
 * "strategy=0.2875,technology=...": what --weights takes back, the
 * weights exactly as re-scored.
 */
char *
target_weights_spec(const struct cr_model *m, const struct cr_target *o)
{
	char	 num[64], *s = xstrdup(""), *next;
	size_t	 j;

	for (j = 0; j < o->n; j++) {
		out_fmt_double(num, sizeof num, o->sc->weight[o->node[j]]);
		next = xasprintf("%s%s%s=%s", s, j > 0 ? "," : "",
		    m->nodes[o->node[j]].code, num);
		free(s);
		s = next;
	}
	return (s);
}

static const char *
result_text(const struct cr_target *o)
{
	switch (o->status) {
	case CR_TARGET_FOUND:
		return ("found");
	case CR_TARGET_INFEASIBLE:
		return ("infeasible");
	default:
		return ("unknown");
	}
}

static void
proof_meta(struct out_table *t, const struct cr_target *o)
{
	char	*s;

	if (o->status == CR_TARGET_FOUND && o->optimal)
		s = xstrdup("proven optimal");
	else if (o->status == CR_TARGET_FOUND)
		s = xasprintf("not proven: the time limit stopped the search "
		    "at a relative gap of %.3g%%", 100 * o->gap);
	else if (o->status == CR_TARGET_INFEASIBLE)
		s = xstrdup("proven: no weights within the floors can");
	else
		s = xstrdup("the time limit stopped the search before an "
		    "answer");
	out_meta(t, "proof", s);
	free(s);
}

static void
goal_meta(struct out_table *t, const struct cr_model *m,
    const struct target_ask *a)
{
	char	*s;

	s = xasprintf("%s %s / %s", m->entities[a->unit].code,
	    m->entities[a->unit].name_zh, m->entities[a->unit].name_en);
	out_meta(t, "unit", s);
	free(s);
	if (a->other >= 0)
		s = xasprintf("above %s %s / %s", m->entities[a->other].code,
		    m->entities[a->other].name_zh,
		    m->entities[a->other].name_en);
	else
		s = xasprintf("rank %d or better", a->k);
	out_meta(t, "goal", s);
	free(s);
}

static void
level_meta(struct out_table *t, const struct cr_model *m,
    const struct cr_target_spec *sp)
{
	char	*s = xstrdup(""), *next;
	size_t	 g;

	for (g = 0; g < sp->n_groups; g++) {
		next = xasprintf("%s%s%s", s, g > 0 ? ", " : "",
		    m->nodes[sp->groups[g]].code);
		free(s);
		s = next;
	}
	next = xasprintf("the children of %s; floor %g%% of their parent",
	    s, 100 * sp->floor);
	out_meta(t, "weights varied", next);
	free(next);
	free(s);
}

static void
answer_meta(struct out_table *t, const struct cr_model *m,
    const struct cr_target_spec *sp, const struct cr_target *o)
{
	char	*s;

	out_meta(t, "result", result_text(o));
	proof_meta(t, o);
	if (o->status == CR_TARGET_FOUND) {
		s = xasprintf("%.4g share points (%s)", 100 * o->distance,
		    sp->norm == CR_TNORM_LINF ? "L-infinity: the largest "
		    "change of one share" : "L1: the sum of the changes of "
		    "the shares");
		out_meta(t, "distance", s);
		free(s);
		s = xasprintf("%d, now %d (re-scored with the new weights)",
		    o->rank_to, o->rank_from);
		out_meta(t, "rank", s);
		free(s);
		s = target_weights_spec(m, o);
		out_meta(t, "weights", s);
		free(s);
	} else {
		s = xasprintf("%d%s, now %d", o->best_rank, o->best_optimal ?
		    " (proven)" : " (the best found; the time limit stopped "
		    "the search)", o->rank_from);
		out_meta(t, "best rank reachable", s);
		free(s);
	}
}

void
table_target(struct session *ss, const struct target_ask *a,
    const struct cr_target *o, struct out_table *t)
{
	const struct cr_model	*m = ss->ds->model;
	const struct cr_node	*n;
	int			 text = out_is_text(t);
	size_t			 j;

	session_scenario_meta(ss, t);
	session_ranked_by_meta(ss, t);
	goal_meta(t, m, a);
	level_meta(t, m, a->spec);
	answer_meta(t, m, a->spec, o);
	out_col(t, "node", "Weight", 0);
	out_col(t, "parent", "Parent", 0);
	out_col(t, "name_zh", "名称", 0);
	out_col(t, "name_en", "Name", 0);
	out_col(t, "share_pct", "Share %", 1);
	out_col(t, "new_share_pct", text ? "New %" : "New share %", 1);
	out_col(t, "change_pp", "Change", 1);
	for (j = 0; j < o->n; j++) {
		n = &m->nodes[o->node[j]];
		out_str(t, n->code);
		out_str(t, m->nodes[n->parent].code);
		out_str(t, n->name_zh);
		out_str(t, n->name_en);
		out_num(t, 100 * o->from[j], 2);
		if (o->status == CR_TARGET_FOUND) {
			out_num(t, 100 * o->to[j], 2);
			out_num(t, 100 * (o->to[j] - o->from[j]), 2);
		} else {
			out_num(t, NAN, 2);
			out_num(t, NAN, 2);
		}
	}
	out_note(t, "Shares in % of the parent; Change in share points.  "
	    "Every answer was re-scored with the new weights through the "
	    "engine before it is shown (doc/target.md)");
	if (o->status == CR_TARGET_FOUND)
		out_note(t, "The ranking under these weights: cityrank rank "
		    "--weights followed by the weights above");
}

/* The ranking under the answer's weights, with the move against now. */
void
table_target_ranking(struct session *ss, const struct cr_target *o,
    struct out_table *t)
{
	const struct cr_model	*m = ss->ds->model;
	struct cr_scores	*s = o->scores;
	int			*order, now, then;
	size_t			 i;
	char			 buf[32];

	out_col(t, "rank", "Rank", 1);
	out_col(t, "move", "Move", 1);
	out_col(t, "name_zh", "City", 0);
	out_col(t, "name_en", "Pinyin", 0);
	out_col(t, "score", "Score", 1);
	cr_scores_rank_all(ss->scores, ss->by);
	order = session_ranked_order(m, s, ss->by);
	for (i = 0; i < m->n_entities; i++) {
		now = cr_scores_rank(s, order[i], ss->by);
		then = cr_scores_rank(ss->scores, order[i], ss->by);
		if (now > 0)
			out_int(t, now);
		else
			out_num(t, NAN, 0);
		session_move_text(buf, sizeof buf, then, now, t->ascii);
		out_str(t, buf);
		out_str(t, m->entities[order[i]].name_zh);
		out_str(t, m->entities[order[i]].name_en);
		out_num_mark(t, cr_scores_score(s, order[i], ss->by), 2,
		    session_prov_mark(cr_scores_prov(s, order[i], ss->by)));
	}
	free(order);
	out_note(t, "The ranking under the new weights; Move: against the "
	    "current weights");
}

void
table_target_range(struct session *ss, const struct cr_target_spec *sp,
    const struct cr_reach *r, struct out_table *t)
{
	const struct cr_model	*m = ss->ds->model;
	int			*order, e, text = out_is_text(t);
	size_t			 i;

	session_scenario_meta(ss, t);
	session_ranked_by_meta(ss, t);
	level_meta(t, m, sp);
	out_col(t, "rank", "Rank", 1);
	if (!text)
		out_col(t, "code", "Code", 0);
	out_col(t, "name_zh", "City", 0);
	out_col(t, "name_en", "Pinyin", 0);
	out_col(t, "best_rank", "Best", 1);
	out_col(t, "worst_rank", "Worst", 1);
	out_col(t, "proven", "Proven", 0);
	cr_scores_rank_all(ss->scores, ss->by);
	order = session_ranked_order(m, ss->scores, ss->by);
	for (i = 0; i < m->n_entities; i++) {
		e = order[i];
		if (cr_scores_rank(ss->scores, e, ss->by) == 0)
			continue;
		out_int(t, cr_scores_rank(ss->scores, e, ss->by));
		if (!text)
			out_str(t, m->entities[e].code);
		out_str(t, m->entities[e].name_zh);
		out_str(t, m->entities[e].name_en);
		out_int(t, r[e].best);
		out_int(t, r[e].worst);
		out_str(t, r[e].best_optimal && r[e].worst_optimal ? "yes" :
		    "no");
	}
	free(order);
	out_note(t, "Best, Worst: the best and worst rank each unit can reach "
	    "with the varied weights anywhere within the floors (a mixed "
	    "integer programme per unit and bound, re-scored; doc/target.md)");
	out_note(t, "Proven: no: the time limit stopped a search; the rank "
	    "shown was reached, a better bound may exist");
}
