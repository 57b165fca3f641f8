/*
 * Panels: a file with several periods (years), its other periods scored
 * on the current scenario, for a ranking's move against the previous
 * year and a unit's rank over the years.  Not history: nothing here
 * changes what the session shows or what undo puts back.
 *
 * A period is loaded when first asked for and kept (its values do not
 * change); its scores are redone only when asked for after the weights
 * or methods changed, so a weight change costs nothing more until a
 * view reads another year.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "session.h"
#include "session_priv.h"
#include "xmalloc.h"

struct session_panel {
	size_t			  n;		/* the file's periods */
	struct cr_dataset	**ds;		/* NULL until asked for */
	struct cr_scores	**scores;	/* ranks only, or NULL */
	struct cr_scenario	**at;		/* what they were scored on */
};

void
session_panel_free(struct session_panel *p)
{
	size_t	i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++) {
		cr_scores_free(p->scores[i]);
		cr_dataset_free(p->ds[i]);
		cr_scenario_free(p->at[i]);
	}
	free(p->ds);
	free(p->scores);
	free(p->at);
	free(p);
}

int
session_period_at(const struct session *s)
{
	size_t	i;

	for (i = 0; i < s->ds->n_periods; i++)
		if (strcmp(s->ds->periods[i], s->ds->period) == 0)
			return ((int)i);
	return (-1);
}

static struct session_panel *
panel_of(struct session *s)
{
	struct session_panel	*p;
	size_t			 n = s->ds->n_periods;

	if (s->panel == NULL) {
		p = xcalloc(1, sizeof *p);
		p->n = n;
		p->ds = xcalloc(n, sizeof *p->ds);
		p->scores = xcalloc(n, sizeof *p->scores);
		p->at = xcalloc(n, sizeof *p->at);
		s->panel = p;
	}
	return (s->panel);
}

struct cr_scores *
session_period_scores(struct session *s, size_t i, char **cause)
{
	const struct cr_model	*m = s->ds->model;
	struct session_panel	*p;
	struct cr_scores	*r;

	if (s->ds->n_periods < 2 || i >= s->ds->n_periods)
		return (NULL);
	if (strcmp(s->ds->periods[i], s->ds->period) == 0)
		return (s->scores);
	p = panel_of(s);
	if (p->ds[i] == NULL &&
	    (p->ds[i] = session_load_period(s, s->ds->periods[i],
	    cause)) == NULL)
		return (NULL);
	if (p->scores[i] != NULL && cr_scenario_same(m, p->at[i], s->sc))
		return (p->scores[i]);
	r = p->scores[i] != NULL ? p->scores[i] :
	    cr_scores_new(p->ds[i]->model);
	p->scores[i] = NULL;
	cr_scenario_free(p->at[i]);
	p->at[i] = NULL;
	if (cr_score(p->ds[i]->model, s->sc, r, cause) != 0) {
		cr_scores_free(r);
		return (NULL);
	}
	cr_scores_ranks_only(r);
	p->scores[i] = r;
	p->at[i] = cr_scenario_copy(m, s->sc);
	return (r);
}
