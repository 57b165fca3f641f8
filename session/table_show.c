/* cityrank show CITY: one city, every node, with where numbers came from. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "session.h"
#include "match.h"
#include "tables.h"
#include "xmalloc.h"

static void
ctx_meta(struct out_table *t, const struct cr_model *m, int e)
{
	const struct cr_ctxvar	*v;
	const char		*src;
	char			*s, num[64];
	size_t			 i;

	for (i = 0; i < m->n_ctx; i++) {
		v = &m->ctx[i];
		if (v->kind == CR_CTX_TEXT) {
			if (v->text[e] == NULL)
				continue;
			s = xasprintf("%s", v->text[e]);
		} else {
			if (isnan(v->num[e]))
				continue;
			out_fmt_double(num, sizeof num, v->num[e]);
			src = cr_model_ctx_source(m, (int)i, e);
			s = xasprintf("%s%s%s (%s%s%s)", num,
			    *v->unit != '\0' ? " " : "", v->unit,
			    cr_prov_name(v->prov[e]), src != NULL ? ": " : "",
			    src != NULL ? src : "");
		}
		out_meta(t, v->name_en, s);
		free(s);
	}
}

static void
columns(struct out_table *t, int text)
{
	out_col(t, "node", "Node", 0);
	out_col(t, "name_zh", "名称", 0);
	out_col(t, "name_en", "Name", 0);
	out_col(t, "score", "Score", 1);
	out_col(t, "rank", "Rank", 1);
	out_col(t, "report_score", "Report score", 1);
	out_col(t, "report_rank", "Report rank", 1);
	out_col(t, "raw", "Raw", 1);
	out_col(t, "unit", "Unit", 0);
	out_col(t, "provenance", text ? "Provenance" : "provenance", 0);
	out_col(t, "source", "Source", 0);
}

static void
published(struct out_table *t, struct session *ss, int e, int node,
    enum cr_pub_kind kind)
{
	const struct cr_published	*p;

	p = cr_dataset_published(ss->ds, e, node, kind);
	out_num(t, p != NULL ? p->value : NAN, 1);
	t->cells[t->ncells - 1].is_int = kind == CR_PUB_RANK;
	if (p != NULL && cr_prov_is_derived(p->prov))
		t->cells[t->ncells - 1].mark = "~";
}

static void
row(struct out_table *t, struct session *ss, int e, int node, int text)
{
	const struct cr_model	*m = ss->ds->model;
	const struct cr_node	*n = &m->nodes[node];
	char			*s;
	int			 r = cr_scores_rank(ss->scores, e, node);

	s = xasprintf("%*s%s", text ? 2 * n->depth : 0, "", n->code);
	out_str(t, s);
	free(s);
	out_str(t, n->name_zh);
	out_str(t, n->name_en);
	out_num_mark(t, cr_scores_score(ss->scores, e, node), 2,
	    session_prov_mark(cr_scores_prov(ss->scores, e, node)));
	if (r > 0)
		out_int(t, r);
	else
		out_num(t, NAN, 0);
	published(t, ss, e, node, CR_PUB_SCORE);
	published(t, ss, e, node, CR_PUB_RANK);
	if (n->leaf >= 0) {
		out_num(t, cr_model_raw(m, e, n->leaf), 1);
		out_str(t, n->unit);
		out_str(t, isnan(cr_model_raw(m, e, n->leaf)) ? "missing" :
		    cr_prov_name(cr_model_prov(m, e, n->leaf)));
		out_str(t, cr_dataset_value_source(ss->ds, e, n->leaf));
	} else {
		out_num(t, NAN, 0);
		out_str(t, "");
		out_str(t, "computed");
		out_str(t, "");
	}
}

void
table_show(struct session *ss, int e, struct out_table *t)
{
	const struct cr_model	*m = ss->ds->model;
	size_t			 node;
	char			*s;
	int			 text;

	text = out_is_text(t);
	/* Imported data often has one name for both. */
	if (strcmp(m->entities[e].name_zh, m->entities[e].name_en) == 0)
		s = xasprintf("%s (%s)", m->entities[e].name_en,
		    m->entities[e].code);
	else
		s = xasprintf("%s %s (%s)", m->entities[e].name_zh,
		    m->entities[e].name_en, m->entities[e].code);
	out_meta(t, "city", s);
	free(s);
	ctx_meta(t, m, e);
	session_scenario_meta(ss, t);
	columns(t, text);
	for (node = 0; node < m->n_nodes; node++)
		row(t, ss, e, (int)node, text);
	out_note(t, "~ not published or official: reconstructed, "
	    "estimated or imputed (the source says how)");
	s = xasprintf("Rank is among %zu cities; scores of aggregates are "
	    "computed from the leaves under the scenario", m->n_entities);
	out_note(t, s);
	free(s);
}
