/*
 * A scenario's own preparation recipe (session.h): the file's raw
 * tables imported again as the recipe says (db/reprepare.c), and the
 * whole data set in the session's place, scores, baseline and weight
 * arithmetic with it, in one step that snap_go() makes all or nothing
 * and undo takes back.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cause.h"
#include "prepare.h"
#include "session.h"
#include "session_priv.h"
#include "swap.h"
#include "wedit.h"
#include "xmalloc.h"

int
same_recipe(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a == b);
	return (strcmp(a, b) == 0);
}

int
load_data(const struct session *s, const char *recipe, const char *period,
    struct cr_dataset **o, char **cause)
{
	struct cr_prep_spec	 spec;
	char			*why = NULL;
	int			 rc;

	if (period != NULL && *period == '\0')
		period = NULL;
	if (recipe == NULL)
		return (cr_db_load_period(s->ds->path, period, o, cause));
	cr_prep_spec_init(&spec);
	if (cr_prep_parse_recipe(&spec, recipe, &why) != 0) {
		cr_cause(cause, "recipe '%s': %s", recipe, why);
		free(why);
		return (-2);
	}
	rc = cr_db_reprepare(s->ds->path, &spec, period, o, cause);
	cr_prep_spec_free(&spec);
	return (rc);
}

/* The same framework: weights by node index stay what they were. */
int
data_fits(const struct session *s, const struct cr_dataset *o,
    char **cause)
{
	const struct cr_model	*m = s->ds->model, *n = o->model;
	size_t			 i;

	if (n->n_nodes != m->n_nodes || n->n_leaves != m->n_leaves)
		return (cr_cause(cause, "%s: the file changed since it was "
		    "opened", s->ds->path));
	for (i = 0; i < m->n_nodes; i++)
		if (strcmp(m->nodes[i].code, n->nodes[i].code) != 0)
			return (cr_cause(cause, "%s: the file changed since "
			    "it was opened", s->ds->path));
	return (0);
}

void
data_swap(struct session *s, struct cr_dataset **o, struct cr_scores **sc,
    struct cr_scores **base, struct cr_wedit **w)
{
	SWAP(s->ds, *o);
	SWAP(s->scores, *sc);
	SWAP(s->base_scores, *base);
	SWAP(s->wedit, *w);
	/* Front ends holding rows of the other data set start afresh. */
	s->data_gen++;
	/* The other years were prepared by the old recipe. */
	session_panel_free(s->panel);
	s->panel = NULL;
}

int
session_set_recipe(struct session *s, const char *recipe, char **cause)
{
	struct cr_prep_spec	 spec;
	struct snap		*before, *to;
	char			*canon = NULL, *why = NULL;
	int			 rc;

	if (recipe != NULL) {
		cr_prep_spec_init(&spec);
		if (cr_prep_parse_recipe(&spec, recipe, &why) != 0) {
			cr_cause(cause, "recipe '%s': %s", recipe, why);
			free(why);
			return (-2);
		}
		canon = cr_prep_recipe(&spec);
		cr_prep_spec_free(&spec);
		/* The file's own recipe is no override. */
		if (strcmp(canon, s->file_recipe) == 0) {
			free(canon);
			canon = NULL;
		}
	}
	if (same_recipe(canon, s->recipe)) {
		free(canon);
		return (1);
	}
	before = snap_take(s);
	to = snap_take(s);
	free(to->recipe);
	to->recipe = canon;
	rc = snap_go(s, to, cause);
	snap_free(to);
	if (rc != 0) {
		snap_free(before);
		return (rc);
	}
	push_undo(s, before);
	return (0);
}

char *
session_saved_recipe(const struct session *s, const struct cr_saved *v)
{
	if (*v->recipe == '\0' || strcmp(v->recipe, s->file_recipe) == 0)
		return (NULL);
	return (xstrdup(v->recipe));
}

const char *
session_recipe(const struct session *s)
{
	return (s->recipe != NULL ? s->recipe : s->file_recipe);
}
