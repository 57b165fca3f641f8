/* Pieces every table shares: marks, the scenario above it, rank order. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "session.h"
#include "tables.h"
#include "xmalloc.h"

const char *
session_prov_mark(enum cr_prov p)
{
	return (cr_prov_is_derived(p) ? "~" : " ");
}

void
session_ranked_by_meta(struct session *ss, struct out_table *t)
{
	const struct cr_node	*n = &ss->ds->model->nodes[ss->by];
	char			*s;

	s = xasprintf("%s %s / %s", n->code, n->name_zh, n->name_en);
	out_meta(t, "ranked by", s);
	free(s);
}

void
session_scenario_data(struct session *ss, struct out_table *t)
{
	out_meta(t, "data set", session_title(ss));
	if (ss->ds->period[0] != '\0')
		out_meta(t, "year", ss->ds->period);
	session_ranked_by_meta(ss, t);
}

/*
 * The leaves' and depths' own methods, when there are: "normalize
 * leaves" and "aggregate depths", as --normalize-leaf and
 * --aggregate-level take them.
 */
static void
own_methods(struct session *ss, struct out_table *t)
{
	const struct cr_model	*m = ss->ds->model;
	struct cr_saved		*v = cr_saved_new();
	char			*s;

	session_methods_to_saved(m, ss->sc, v);
	if (v->n_leaf > 0) {
		s = cr_saved_leaves_text(v);
		out_meta(t, "normalize leaves", s);
		free(s);
	}
	if (v->n_level > 0) {
		s = cr_saved_levels_text(v);
		out_meta(t, "aggregate depths", s);
		free(s);
	}
	cr_saved_free(v);
}

void
session_scenario_meta(struct session *ss, struct out_table *t)
{
	struct cr_norm_spec	 n;
	struct cr_agg_spec	 a;
	char			*s;

	out_meta(t, "data set", session_title(ss));
	if (ss->ds->period[0] != '\0')
		out_meta(t, "year", ss->ds->period);
	s = xasprintf("%s%s", ss->sc->name, session_modified(ss) ?
	    " (modified since loaded or saved)" : "");
	out_meta(t, "scenario", s);
	free(s);
	if (ss->recipe != NULL) {
		s = xasprintf("%s (the scenario's; the data set's own: %s)",
		    ss->recipe, ss->file_recipe);
		out_meta(t, "prepared", s);
		free(s);
	}
	s = xasprintf("%s%s", ss->base->name, session_differs_base(ss) ?
	    " (weights or methods differ from it)" : " (the same weights "
	    "and methods)");
	out_meta(t, "baseline", s);
	free(s);
	cr_scenario_norm(ss->sc, &n);
	cr_scenario_agg(ss->sc, &a);
	if (ss->sc->norm == CR_NORM_MINMAX)
		s = xasprintf("minmax %g-%g", ss->sc->norm_lo,
		    ss->sc->norm_hi);
	else
		s = cr_norm_spec_format(&n);
	out_meta(t, "normalize", s);
	free(s);
	s = cr_agg_spec_format(&a);
	out_meta(t, "aggregate", s);
	free(s);
	own_methods(ss, t);
}

int *
session_ranked_order(const struct cr_model *m, struct cr_scores *s, int by)
{
	int	*order = xcalloc(m->n_entities + 1, sizeof *order);

	cr_scores_order(s, by, order);
	return (order);
}

void
session_move_text(char *buf, size_t len, int base, int now, int ascii)
{
	if (base == 0 || now == 0)
		snprintf(buf, len, "%s", "");
	else if (base == now)
		snprintf(buf, len, "=");
	else if (base > now)
		snprintf(buf, len, "%s%d", ascii ? "+" : "↑", base - now);
	else
		snprintf(buf, len, "%s%d", ascii ? "-" : "↓", now - base);
}
