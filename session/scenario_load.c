/*
 * Saved scenarios into and out of a session: weights by node code, so a
 * scenario made on one data set can be checked against another.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cause.h"
#include "session.h"
#include "session_priv.h"
#include "xmalloc.h"

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
	v->norm = s->sc->norm;
	v->norm_lo = s->sc->norm_lo;
	v->norm_hi = s->sc->norm_hi;
	v->agg = s->sc->agg;
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
    const char *gone, const char *no_year)
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
	return (w);
}

/* Weights from the codes found here; *gone lists the others. */
static int
to_scenario(const struct session *s, const struct cr_saved *v,
    struct cr_scenario **out, char **gone, char **cause)
{
	const struct cr_model	*m = s->ds->model;
	struct cr_scenario	*sc;
	size_t			 i, found = 0;
	int			 node;

	*gone = NULL;
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
	sc->norm = v->norm;
	sc->norm_lo = v->norm_lo;
	sc->norm_hi = v->norm_hi;
	sc->agg = v->agg;
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
	*gone = NULL;
	return (-1);
}

int
session_saved_scenario(const struct session *s, const struct cr_saved *v,
    struct cr_scenario **out, char **warning, char **cause)
{
	char	*gone;

	*warning = NULL;
	if (to_scenario(s, v, out, &gone, cause) != 0)
		return (-1);
	*warning = other_data(s, v, gone, NULL);
	free(gone);
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
	char			*w, *gone;

	*warning = NULL;
	if (to_scenario(s, v, &sc, &gone, cause) != 0)
		return (-1);
	period = wanted_period(s, v, &missing);
	w = other_data(s, v, gone, missing);
	free(gone);
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
