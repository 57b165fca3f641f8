/*
 * The session's side of the user's scenarios file: save the current
 * state under a name, list, rename, delete, and the last state kept at
 * exit.  A file that cannot be opened costs the scenarios, not the
 * session: every call returns its cause and the state is untouched.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cause.h"
#include "session.h"
#include "session_priv.h"
#include "store.h"
#include "xmalloc.h"

static struct cr_store *
store(struct session *s, char **cause)
{
	if (s->store != NULL)
		return (s->store);
	if (s->store_path == NULL) {
		cr_cause(cause, "no place for saved scenarios: set HOME or "
		    "XDG_DATA_HOME");
		return (NULL);
	}
	if (cr_store_open(s->store_path, &s->store, cause) != 0)
		s->store = NULL;
	return (s->store);
}

void
session_set_store(struct session *s, const char *path)
{
	if (s->store != NULL)
		cr_store_close(s->store);
	s->store = NULL;
	free(s->store_path);
	s->store_path = path != NULL ? xstrdup(path) : NULL;
}

int
session_save(struct session *s, const char *name, const char *note,
    int replace, char **cause)
{
	struct cr_store	*st;
	struct cr_saved	*v;
	int		 rc;

	if (cr_saved_check_name(name, cause) != 0)
		return (-1);
	if ((st = store(s, cause)) == NULL)
		return (-1);
	v = session_to_saved(s, name, note != NULL ? note : s->note);
	rc = cr_store_save(st, v, replace, cause);
	if (rc == 0) {
		free(s->sc->name);
		s->sc->name = xstrdup(name);
		free(s->note);
		s->note = xstrdup(v->note);
		scenario_assign(s->ds->model, s->origin, s->sc);
		free(s->origin_period);
		s->origin_period = xstrdup(s->ds->period);
		free(s->origin_recipe);
		s->origin_recipe = s->recipe != NULL ? xstrdup(s->recipe) :
		    NULL;
	}
	cr_saved_free(v);
	return (rc);
}

int
session_store_put(struct session *s, const struct cr_saved *v, int replace,
    char **cause)
{
	struct cr_store	*st;

	if ((st = store(s, cause)) == NULL)
		return (-1);
	return (cr_store_save(st, v, replace, cause));
}

int
session_save_last(struct session *s, char **cause)
{
	struct cr_store	*st;
	struct cr_saved	*v;
	int		 rc;

	if ((st = store(s, cause)) == NULL)
		return (-1);
	v = session_to_saved(s, s->sc->name, s->note);
	rc = cr_store_save_last(st, v, cause);
	cr_saved_free(v);
	return (rc);
}

/*
 * The last state was a saved scenario, perhaps changed since: the
 * modified mark compares with that scenario as it is saved.
 */
static void
set_origin(struct session *s, struct cr_store *st)
{
	struct cr_scenario	*sc;
	struct cr_saved		*v;
	const struct cr_preset	*p;
	char			*warn = NULL;

	if ((p = cr_dataset_preset(s->ds, s->sc->name)) != NULL) {
		scenario_assign(s->ds->model, s->origin, p->scenario);
		free(s->origin->name);
		s->origin->name = xstrdup(p->code);
		return;
	}
	if (cr_store_load(st, s->sc->name, &v, NULL) != 0)
		return;
	if (session_saved_scenario(s, v, &sc, &warn, NULL) == 0) {
		scenario_assign(s->ds->model, s->origin, sc);
		free(s->origin_period);
		s->origin_period = xstrdup(v->period[0] != '\0' ? v->period :
		    s->ds->period);
		free(s->origin_recipe);
		s->origin_recipe = session_saved_recipe(s, v);
		cr_scenario_free(sc);
	}
	free(warn);
	cr_saved_free(v);
}

int
session_load_last(struct session *s, char **warning, char **cause)
{
	struct cr_store	*st;
	struct cr_saved	*v;
	int		 rc;

	*warning = NULL;
	if ((st = store(s, cause)) == NULL)
		return (-1);
	if ((rc = cr_store_load_last(st, s->hash, &v, cause)) != 0)
		return (rc);
	rc = session_load(s, v, warning, cause);
	cr_saved_free(v);
	if (rc == 0)
		set_origin(s, st);
	return (rc);
}

int
session_last(struct session *s, struct cr_saved **out, char **cause)
{
	struct cr_store	*st;

	*out = NULL;
	if ((st = store(s, cause)) == NULL)
		return (-1);
	return (cr_store_load_last(st, s->hash, out, cause));
}

int
session_list(struct session *s, struct cr_saved ***list, size_t *n,
    char **cause)
{
	struct cr_store	*st;

	*list = NULL;
	*n = 0;
	if ((st = store(s, cause)) == NULL)
		return (-1);
	return (cr_store_list(st, list, n, cause));
}

void
session_list_free(struct cr_saved **list, size_t n)
{
	cr_store_list_free(list, n);
}

/* A preset as a saved scenario of this data set. */
struct cr_saved *
session_preset_saved(const struct session *s, const struct cr_preset *p)
{
	const struct cr_model	*m = s->ds->model;
	struct cr_saved		*v = session_to_saved(s, p->code,
	    p->description);
	size_t			 i;

	for (i = 1; i < m->n_nodes; i++)
		v->weight[i - 1] = p->scenario->weight[i];
	session_methods_to_saved(m, p->scenario, v);
	return (v);
}

int
session_find(struct session *s, const char *name, struct cr_saved **out,
    char **cause)
{
	const struct cr_preset	*p;
	struct cr_store		*st;
	char			*why = NULL;

	if ((st = store(s, &why)) != NULL &&
	    cr_store_load(st, name, out, NULL) == 0) {
		free(why);
		return (0);
	}
	if ((p = cr_dataset_preset(s->ds, name)) != NULL) {
		free(why);
		*out = session_preset_saved(s, p);
		return (0);
	}
	if (why != NULL) {
		cr_cause(cause, "no preset named '%s', and the saved "
		    "scenarios cannot be read: %s", name, why);
		free(why);
		return (-1);
	}
	return (cr_cause(cause, "no scenario or preset named '%s' (see "
	    "'cityrank scenario list')", name));
}

int
session_rename(struct session *s, const char *from, const char *to,
    char **cause)
{
	struct cr_store	*st;

	if (cr_saved_check_name(to, cause) != 0)
		return (-1);
	if ((st = store(s, cause)) == NULL)
		return (-1);
	if (cr_store_rename(st, from, to, cause) != 0)
		return (-1);
	if (strcmp(s->sc->name, from) == 0) {
		free(s->sc->name);
		s->sc->name = xstrdup(to);
		free(s->origin->name);
		s->origin->name = xstrdup(to);
	}
	return (0);
}

int
session_delete(struct session *s, const char *name, char **cause)
{
	struct cr_store	*st;

	if ((st = store(s, cause)) == NULL)
		return (-1);
	return (cr_store_delete(st, name, cause));
}
