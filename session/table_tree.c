/*
 * cityrank tree: the framework with weights, each node's share of the
 * index (its effective weight, COINr's get_eff_weights) and how its
 * scores correlate with the index's and its parent's (get_corr).
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "corr.h"
#include "session.h"
#include "tables.h"
#include "xmalloc.h"

/* Its correlations with the index and its parent, empty when undefined. */
static void
correlations(struct out_table *t, struct cr_corr *c, int node)
{
	double	r_index, r_parent;

	cr_corr_node(c, node, &r_index, &r_parent);
	out_num(t, r_index, 3);
	out_num(t, r_parent, 3);
}

static void
row(struct out_table *t, struct session *ss, int node, int text,
    struct cr_corr *c)
{
	const struct cr_model	*m = ss->ds->model;
	const struct cr_node	*n = &m->nodes[node];
	char			*s;

	s = xasprintf("%*s%s", text ? 2 * n->depth : 0, "", n->code);
	out_str(t, s);
	free(s);
	out_str(t, n->parent >= 0 ? m->nodes[n->parent].code : "");
	out_str(t, n->name_zh);
	out_str(t, n->name_en);
	out_num(t, ss->sc->weight[node], 3);
	out_num(t, 100 * cr_scenario_share(m, ss->sc, node), 1);
	if (n->leaf >= 0)
		out_int(t, n->direction);
	else
		out_num(t, NAN, 0);
	correlations(t, c, node);
	out_str(t, n->unit);
}

static void
preset_notes(struct out_table *t, struct session *ss)
{
	const struct cr_preset	*p;
	char			*s;
	size_t			 i;

	for (i = 0; i < ss->ds->n_presets; i++) {
		p = &ss->ds->presets[i];
		s = xasprintf("preset %s (%s / %s): %s", p->code, p->name_zh,
		    p->name_en, p->description);
		out_note(t, s);
		free(s);
	}
}

void
table_tree(struct session *ss, struct out_table *t)
{
	const struct cr_model	*m = ss->ds->model;
	struct cr_corr		*c;
	size_t			 node;
	char			*s;
	int			 text;

	text = out_is_text(t);
	session_scenario_meta(ss, t);
	out_col(t, "code", "Node", 0);
	out_col(t, "parent", "Parent", 0);
	out_col(t, "name_zh", "名称", 0);
	out_col(t, "name_en", "Name", 0);
	out_col(t, "weight", "Weight", 1);
	out_col(t, "share_pct", "Share %", 1);
	out_col(t, "direction", "Dir", 1);
	out_col(t, "r_index", "r index", 1);
	out_col(t, "r_parent", "r parent", 1);
	out_col(t, "unit", "Unit", 0);
	c = cr_corr_new(m, ss->scores);
	for (node = 0; node < m->n_nodes; node++)
		row(t, ss, (int)node, text, c);
	cr_corr_free(c);
	out_note(t, "Weight: relative among siblings; Share: of the whole "
	    "index, the effective weight (the product of the shares down "
	    "the tree); Dir: +1 higher is better, -1 lower is better");
	out_note(t, "r index, r parent: Pearson's correlation of the node's "
	    "scores with the index's and its parent's, across the units "
	    "with both; a heavy weight with a low r moves the index little");
	preset_notes(t, ss);
	if (*ss->ds->prep != '\0') {
		s = xasprintf("values prepared at import: %s (imputed values "
		    "are marked ~)", ss->ds->prep);
		out_note(t, s);
		free(s);
	}
}
