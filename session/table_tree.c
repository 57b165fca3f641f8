/* cityrank tree: the framework with weights and each node's share. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "session.h"
#include "tables.h"
#include "xmalloc.h"

static void
row(struct out_table *t, struct session *ss, int node, int text)
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
	out_col(t, "unit", "Unit", 0);
	for (node = 0; node < m->n_nodes; node++)
		row(t, ss, (int)node, text);
	out_note(t, "Weight: relative among siblings; Share: of the whole "
	    "index; Dir: +1 higher is better, -1 lower is better");
	preset_notes(t, ss);
	if (*ss->ds->prep != '\0') {
		s = xasprintf("values prepared at import: %s (imputed values "
		    "are marked ~)", ss->ds->prep);
		out_note(t, s);
		free(s);
	}
}
