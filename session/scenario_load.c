/*
 * Saved scenarios into and out of a session: weights by node code, so a
 * scenario made on one data set can be checked against another.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cause.h"
#include "session.h"
#include "session_priv.h"
#include "xmalloc.h"

void
session_methods_to_saved(const struct cr_model *m,
    const struct cr_scenario *sc, struct cr_saved *v)
{
	struct cr_norm_spec	 n;
	struct cr_agg_spec	 a;
	size_t			 l, d;

	cr_scenario_norm(sc, &n);
	cr_saved_set_norm(v, &n);
	cr_scenario_agg(sc, &a);
	cr_saved_set_agg(v, &a);
	cr_saved_clear_own(v);
	for (l = 0; sc->leaf_norm != NULL && l < sc->n_leaf_norm; l++)
		if (sc->leaf_norm[l].method != CR_NORM_COUNT &&
		    cr_saved_add_leaf(v, m->nodes[m->leaf_node[l]].code,
		    &sc->leaf_norm[l], NULL) != 0)
			abort();	/* codes are unique, methods checked */
	for (d = 0; d < sc->n_levels; d++)
		if (sc->level_agg[d].method != CR_AGG_COUNT &&
		    cr_saved_add_level(v, (int)d, &sc->level_agg[d],
		    NULL) != 0)
			abort();
}

struct cr_saved *
session_to_saved(const struct session *s, const char *name,
    const char *note)
{
	const struct cr_model	*m = s->ds->model;
	struct cr_saved		*v = cr_saved_new();
	size_t			 i;

	cr_saved_set(&v->name, name);
	cr_saved_set(&v->note, note);
	cr_saved_set(&v->dataset, s->hash);
	cr_saved_set(&v->title, s->ds->title_zh[0] != '\0' ?
	    s->ds->title_zh : s->ds->title_en[0] != '\0' ? s->ds->title_en :
	    m->name);
	cr_saved_set(&v->period, s->ds->period);
	cr_saved_set(&v->recipe, s->recipe != NULL ? s->recipe : "");
	session_methods_to_saved(m, s->sc, v);
	/* The root has no siblings: its weight means nothing. */
	for (i = 1; i < m->n_nodes; i++)
		if (cr_saved_add(v, m->nodes[i].code, s->sc->weight[i],
		    NULL) != 0)
			abort();	/* codes are unique, weights checked */
	return (v);
}

static void
append(char **list, const char *item)
{
	char	*t = xasprintf("%s%s%s", *list != NULL ? *list : "",
	    *list != NULL ? ", " : "", item);

	free(*list);
	*list = t;
}

/* The warning for a scenario of another data set, or NULL. */
static char *
other_data(const struct session *s, const struct cr_saved *v,
    const char *gone, const char *no_year, const char *unused)
{
	char	*w = NULL, *t;

	if (strcmp(v->dataset, s->hash) != 0) {
		if (gone != NULL)
			w = xasprintf("made on another data set (%s): no "
			    "longer here: %s; their siblings keep the "
			    "baseline's weights", v->title, gone);
		else
			w = xasprintf("made on another data set (%s): every "
			    "code matches, but the numbers differ", v->title);
	}
	if (no_year != NULL) {
		t = xasprintf("%s%syear %s is not in this data set, kept %s",
		    w != NULL ? w : "", w != NULL ? "; " : "", no_year,
		    s->ds->period);
		free(w);
		w = t;
	}
	if (unused != NULL) {
		t = xasprintf("%s%sown methods with no leaf or level here, "
		    "left out: %s", w != NULL ? w : "", w != NULL ? "; " : "",
		    unused);
		free(w);
		w = t;
	}
	return (w);
}

/* Whether the depth has an aggregate node, whose children it combines. */
static int
has_aggregate(const struct cr_model *m, int depth)
{
	size_t	 i;

	for (i = 0; i < m->n_nodes; i++)
		if (m->nodes[i].leaf == -1 && m->nodes[i].depth == depth)
			return (1);
	return (0);
}

/* The saved methods; *unused lists the leaves and depths not here. */
static void
methods_from_saved(const struct cr_model *m, const struct cr_saved *v,
    struct cr_scenario *sc, char **unused)
{
	struct cr_norm_spec	 n;
	struct cr_agg_spec	 a;
	char			 d[32];
	size_t			 i;
	int			 node;

	cr_saved_norm(v, &n);
	cr_scenario_set_norm(sc, &n);
	/* A range is kept whatever the method, as it was saved. */
	sc->norm_lo = v->norm_lo;
	sc->norm_hi = v->norm_hi;
	cr_saved_agg(v, &a);
	cr_scenario_set_agg(sc, &a);
	cr_scenario_clear_overrides(sc);
	for (i = 0; i < v->n_leaf; i++) {
		node = cr_model_find_node(m, v->leaf[i].code);
		if (node < 0 || m->nodes[node].leaf == -1) {
			append(unused, v->leaf[i].code);
			continue;
		}
		cr_scenario_set_leaf_norm(m, sc, (size_t)m->nodes[node].leaf,
		    &v->leaf[i].norm);
	}
	for (i = 0; i < v->n_level; i++) {
		if (!has_aggregate(m, v->level[i].depth)) {
			snprintf(d, sizeof d, "depth %d", v->level[i].depth);
			append(unused, d);
			continue;
		}
		cr_scenario_set_level_agg(sc, (size_t)v->level[i].depth,
		    &v->level[i].agg);
	}
}

/*
 * Weights from the codes found here; *gone lists the others, *unused
 * the leaves' and depths' own methods that have no leaf or depth here.
 */
static int
to_scenario(const struct session *s, const struct cr_saved *v,
    struct cr_scenario **out, char **gone, char **unused, char **cause)
{
	const struct cr_model	*m = s->ds->model;
	struct cr_scenario	*sc;
	size_t			 i, found = 0;
	int			 node;

	*gone = *unused = NULL;
	sc = cr_scenario_copy(m, s->base);
	memset(sc->locked, 0, m->n_nodes);
	for (i = 0; i < v->n; i++) {
		if ((node = cr_model_find_node(m, v->code[i])) < 0) {
			append(gone, v->code[i]);
			continue;
		}
		sc->weight[node] = v->weight[i];
		found++;
	}
	methods_from_saved(m, v, sc, unused);
	free(sc->name);
	sc->name = xstrdup(v->name[0] != '\0' ? v->name : "last");
	if (found == 0 && v->n > 0)
		cr_cause(cause, "scenario '%s' was made on another data set "
		    "(%s): none of its %zu codes exist here", sc->name,
		    v->title, v->n);
	else if (cr_scenario_check(m, sc, cause) == 0) {
		*out = sc;
		return (0);
	}
	cr_scenario_free(sc);
	free(*gone);
	free(*unused);
	*gone = *unused = NULL;
	return (-1);
}

int
session_saved_scenario(const struct session *s, const struct cr_saved *v,
    struct cr_scenario **out, char **warning, char **cause)
{
	char	*gone, *unused;

	*warning = NULL;
	if (to_scenario(s, v, out, &gone, &unused, cause) != 0)
		return (-1);
	*warning = other_data(s, v, gone, NULL, unused);
	free(gone);
	free(unused);
	return (0);
}

static int
has_period(const struct cr_dataset *ds, const char *p)
{
	size_t	i;

	for (i = 0; i < ds->n_periods; i++)
		if (strcmp(ds->periods[i], p) == 0)
			return (1);
	return (0);
}

/* The year a scenario asks for, if the data set has it; else NULL. */
static const char *
wanted_period(const struct session *s, const struct cr_saved *v,
    const char **missing)
{
	*missing = NULL;
	if (v->period[0] == '\0' || strcmp(v->period, s->ds->period) == 0)
		return (s->ds->period);
	if (has_period(s->ds, v->period))
		return (v->period);
	*missing = v->period;
	return (s->ds->period);
}

int
session_load(struct session *s, const struct cr_saved *v, char **warning,
    char **cause)
{
	struct cr_scenario	*sc;
	struct snap		*to, *before;
	const char		*period, *missing;
	char			*w, *gone, *unused;

	*warning = NULL;
	if (to_scenario(s, v, &sc, &gone, &unused, cause) != 0)
		return (-1);
	period = wanted_period(s, v, &missing);
	w = other_data(s, v, gone, missing, unused);
	free(gone);
	free(unused);
	before = snap_take(s);
	to = snap_take(s);
	scenario_assign(s->ds->model, to->sc, sc);
	scenario_assign(s->ds->model, to->origin, sc);
	free(to->note);
	to->note = xstrdup(v->note);
	free(to->period);
	to->period = xstrdup(period);
	free(to->origin_period);
	to->origin_period = xstrdup(period);
	free(to->recipe);
	to->recipe = session_saved_recipe(s, v);
	free(to->origin_recipe);
	to->origin_recipe = session_saved_recipe(s, v);
	cr_scenario_free(sc);
	if (snap_go(s, to, cause) != 0) {
		snap_free(to);
		snap_free(before);
		free(w);
		return (-1);
	}
	snap_free(to);
	push_undo(s, before);
	*warning = w;
	return (0);
}

int
session_set_baseline(struct session *s, const struct cr_saved *v,
    char **cause)
{
	struct cr_scenario	*sc;
	struct snap		*to, *before;
	char			*w;

	if (session_saved_scenario(s, v, &sc, &w, cause) != 0)
		return (-1);
	free(w);
	before = snap_take(s);
	to = snap_take(s);
	scenario_assign(s->ds->model, to->base, sc);
	cr_scenario_free(sc);
	if (snap_go(s, to, cause) != 0) {
		snap_free(to);
		snap_free(before);
		return (-1);
	}
	snap_free(to);
	push_undo(s, before);
	return (0);
}
