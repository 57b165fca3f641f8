/* cityrank rank: the cities ordered by one node's score. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "session.h"
#include "tables.h"
#include "xmalloc.h"

static void
columns(struct out_table *t, int moved, int published)
{
	int	text = out_is_text(t);

	out_col(t, "rank", "Rank", 1);
	if (moved)
		out_col(t, "move", text ? "Move" : "move", 1);
	if (!text)
		out_col(t, "code", "Code", 0);
	out_col(t, "name_zh", "City", 0);
	out_col(t, "name_en", "Pinyin", 0);
	out_col(t, "score", "Score", 1);
	if (!text)
		out_col(t, "provenance", "Provenance", 0);
	if (moved || !text)
		out_col(t, "baseline_rank", "Base", 1);
	if (published)
		out_col(t, "report_rank", "Report", 1);
	out_col(t, "missing", "Missing", 1);
}

static void
row(struct out_table *t, struct session *ss, int e, int moved, int published)
{
	const struct cr_model		*m = ss->ds->model;
	const struct cr_published	*p;
	enum cr_prov			 prov;
	int				 text, now, base;
	char				 buf[32];

	text = out_is_text(t);
	now = cr_scores_rank(ss->scores, e, ss->by);
	base = cr_scores_rank(ss->base_scores, e, ss->by);
	if (now > 0)
		out_int(t, now);
	else
		out_num(t, NAN, 0);
	if (moved && text) {
		session_move_text(buf, sizeof buf, base, now, t->ascii);
		out_str(t, buf);
	} else if (moved) {
		/* Scripts get a number: places gained against the baseline. */
		if (base > 0 && now > 0)
			out_int(t, base - now);
		else
			out_num(t, NAN, 0);
	}
	if (!text)
		out_str(t, m->entities[e].code);
	out_str(t, m->entities[e].name_zh);
	out_str(t, m->entities[e].name_en);
	prov = cr_scores_prov(ss->scores, e, ss->by);
	out_num_mark(t, cr_scores_score(ss->scores, e, ss->by), 2,
	    session_prov_mark(prov));
	if (!text)
		out_str(t, cr_prov_name(prov));
	if (moved || !text) {
		if (base > 0)
			out_int(t, base);
		else
			out_num(t, NAN, 0);
	}
	if (published) {
		p = cr_dataset_published(ss->ds, e, ss->by, CR_PUB_RANK);
		out_num(t, p != NULL ? p->value : NAN, 0);
		t->cells[t->ncells - 1].is_int = 1;
	}
	out_int(t, cr_scores_missing(ss->scores, e, ss->by));
}

static int
has_published_ranks(struct session *ss)
{
	size_t	e;

	for (e = 0; e < ss->ds->model->n_entities; e++)
		if (cr_dataset_published(ss->ds, (int)e, ss->by, CR_PUB_RANK))
			return (1);
	return (0);
}

static void
notes(struct out_table *t, struct session *ss, int published)
{
	const struct cr_model	*m = ss->ds->model;
	size_t			 e;
	int			 derived = 0;

	for (e = 0; e < m->n_entities; e++)
		if (cr_prov_is_derived(cr_scores_prov(ss->scores, (int)e,
		    ss->by)))
			derived = 1;
	if (derived)
		out_note(t, "~ computed from reconstructed, estimated or "
		    "imputed values, not published by the source (see "
		    "'cityrank show CITY' and data/README.md)");
	out_note(t, "Base: rank under the baseline preset; Missing: leaf "
	    "values missing beneath the node (dropped, weights rescaled)");
	if (published)
		out_note(t, "Report: the rank the source publishes");
}

void
table_rank(struct session *ss, struct out_table *t)
{
	const struct cr_model	*m = ss->ds->model;
	const struct cr_node	*n = &m->nodes[ss->by];
	int			*order, moved, published;
	size_t			 i;
	char			*s;

	moved = cr_scenario_differs(m, ss->sc, ss->base);
	published = has_published_ranks(ss);
	session_scenario_meta(ss, t);
	s = xasprintf("%s %s / %s", n->code, n->name_zh, n->name_en);
	out_meta(t, "ranked by", s);
	free(s);
	columns(t, moved, published);
	/* Every row reads both ranks at the node: rank it once. */
	cr_scores_rank_all(ss->scores, ss->by);
	cr_scores_rank_all(ss->base_scores, ss->by);
	order = session_ranked_order(m, ss->scores, ss->by);
	for (i = 0; i < m->n_entities; i++)
		row(t, ss, order[i], moved, published);
	notes(t, ss, published);
	free(order);
}
