/*
 * The session's state and the calls that change it.  Every change
 * follows one pattern: take a snapshot of the state, change it, re-score;
 * on failure put the snapshot back and re-score it whole (it scored
 * before, so it scores again), on success keep the snapshot for undo.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cause.h"
#include "dshash.h"
#include "match.h"
#include "session.h"
#include "session_priv.h"
#include "store.h"
#include "wedit.h"
#include "xmalloc.h"

static void
set_str(char **field, const char *value)
{
	char	*old = *field;

	*field = xstrdup(value != NULL ? value : "");
	free(old);
}

struct snap *
snap_take(const struct session *s)
{
	const struct cr_model	*m = s->ds->model;
	struct snap		*p = xcalloc(1, sizeof *p);

	p->sc = cr_scenario_copy(m, s->sc);
	p->base = cr_scenario_copy(m, s->base);
	p->origin = cr_scenario_copy(m, s->origin);
	p->origin_period = xstrdup(s->origin_period);
	p->note = xstrdup(s->note);
	p->period = xstrdup(s->ds->period);
	p->recipe = s->recipe != NULL ? xstrdup(s->recipe) : NULL;
	p->origin_recipe = s->origin_recipe != NULL ?
	    xstrdup(s->origin_recipe) : NULL;
	return (p);
}

void
snap_free(struct snap *p)
{
	if (p == NULL)
		return;
	cr_scenario_free(p->sc);
	cr_scenario_free(p->base);
	cr_scenario_free(p->origin);
	free(p->origin_period);
	free(p->note);
	free(p->period);
	free(p->recipe);
	free(p->origin_recipe);
	free(p);
}

/* Copy a scenario's contents into one whose address others keep. */
void
scenario_assign(const struct cr_model *m, struct cr_scenario *dst,
    const struct cr_scenario *src)
{
	memcpy(dst->weight, src->weight, m->n_nodes * sizeof *dst->weight);
	memcpy(dst->locked, src->locked, m->n_nodes * sizeof *dst->locked);
	cr_scenario_copy_methods(m, dst, src);
	set_str(&dst->name, src->name);
}

/*
 * Bit for bit, unlike cr_scenario_differs(): any change a call made is
 * one to keep for undo, and one to put back when it fails.
 */
static int
exactly_differ(const struct cr_model *m, const struct cr_scenario *a,
    const struct cr_scenario *b)
{
	return (memcmp(a->weight, b->weight, m->n_nodes * sizeof *a->weight)
	    != 0 || !cr_scenario_methods_identical(a, b));
}

static int
locks_differ(const struct cr_model *m, const struct cr_scenario *a,
    const struct cr_scenario *b)
{
	return (memcmp(a->locked, b->locked, m->n_nodes) != 0);
}

/* What differs between the state and a snapshot of it. */
#define D_SCORE	0x1	/* weights or methods: re-score */
#define D_BASE	0x2	/* the baseline: re-rank it */
#define D_OTHER	0x4	/* name, note, locks, what was loaded */
#define D_PERIOD 0x8

static int
snap_diff(const struct session *s, const struct snap *p)
{
	const struct cr_model	*m = s->ds->model;
	int			 d = 0;

	if (exactly_differ(m, s->sc, p->sc))
		d |= D_SCORE;
	if (exactly_differ(m, s->base, p->base) ||
	    strcmp(s->base->name, p->base->name) != 0)
		d |= D_BASE;
	if (strcmp(s->ds->period, p->period) != 0 ||
	    !same_recipe(s->recipe, p->recipe))
		d |= D_PERIOD;
	if (strcmp(s->sc->name, p->sc->name) != 0 ||
	    strcmp(s->note, p->note) != 0 ||
	    locks_differ(m, s->sc, p->sc) ||
	    exactly_differ(m, s->origin, p->origin) ||
	    strcmp(s->origin_period, p->origin_period) != 0 ||
	    !same_recipe(s->origin_recipe, p->origin_recipe))
		d |= D_OTHER;
	return (d);
}

/*
 * The baseline's ranks.  When the scenario is the baseline they are the
 * scenario's ranks, and copying them saves a second score.
 */
int
score_base(struct session *s, char **cause)
{
	const struct cr_model	*m = s->ds->model;
	struct cr_scores	*b;

	if (!cr_scenario_differs(m, s->sc, s->base)) {
		b = cr_scores_ranks_copy(s->scores);
		/*
		 * Every weight change moves the index: its ranks are made
		 * the copy's own now, not at the first key (a sort, 5 ms
		 * at 100,000 units, of a top-level key's 8).
		 */
		cr_scores_ranks_own(b, 0);
		cr_scores_free(s->base_scores);
		s->base_scores = b;
		return (0);
	}
	if (s->base_scores == NULL)
		s->base_scores = cr_scores_new(m);
	if (cr_score(m, s->base, s->base_scores, cause) != 0)
		return (-1);
	cr_scores_ranks_only(s->base_scores);
	return (0);
}

/*
 * The baseline copied lazily shares the scores' ranks (score_base()):
 * it takes those it shares before they change, all of them, or node >=
 * 0: those a change of one weight group changes.
 */
static void
base_settle(struct session *s, int node)
{
	if (node >= 0)
		cr_scores_ranks_settle_node(s->base_scores, node);
	else
		cr_scores_ranks_settle(s->base_scores);
}

/* Score everything from scratch: after a failure, or a new period. */
static int
score_all(struct session *s, char **cause)
{
	base_settle(s, -1);
	if (cr_score(s->ds->model, s->sc, s->scores, cause) != 0)
		return (-1);
	return (score_base(s, cause));
}

static void
set_recipe(char **field, const char *value)
{
	char	*old = *field;

	*field = value != NULL ? xstrdup(value) : NULL;
	free(old);
}

/* Put back a scored state of the same period; it cannot fail. */
static void
put_back(struct session *s, const struct snap *p)
{
	const struct cr_model	*m = s->ds->model;

	scenario_assign(m, s->sc, p->sc);
	scenario_assign(m, s->base, p->base);
	scenario_assign(m, s->origin, p->origin);
	set_str(&s->origin_period, p->origin_period);
	set_recipe(&s->origin_recipe, p->origin_recipe);
	set_str(&s->note, p->note);
	/* It was scored before: the same numbers come back. */
	(void)score_all(s, NULL);
}

static void
stack_push(struct snap **st, size_t *n, struct snap *p)
{
	if (*n == SESSION_HISTORY) {
		snap_free(st[0]);
		memmove(st, st + 1, (SESSION_HISTORY - 1) * sizeof *st);
		(*n)--;
	}
	st[(*n)++] = p;
}

static void
stack_clear(struct snap **st, size_t *n)
{
	while (*n > 0)
		snap_free(st[--*n]);
}

/*
 * After the state was changed in place from before: re-score what the
 * change needs (node >= 0: one weight group), then keep before for
 * undo; or put before back.  Takes before.
 */
int
commit(struct session *s, struct snap *before, int node, char **cause)
{
	int	d = snap_diff(s, before), rc = 0;

	if (d == 0) {
		snap_free(before);
		return (1);
	}
	if (d & D_SCORE)
		base_settle(s, node);
	if ((d & D_SCORE) && node >= 0)
		rc = cr_score_weight_changed(s->ds->model, s->sc, s->scores,
		    node, cause);
	else if (d & D_SCORE)
		rc = cr_score(s->ds->model, s->sc, s->scores, cause);
	/* The baseline's ranks depend on the baseline and the data only. */
	if (rc == 0 && (d & D_BASE))
		rc = score_base(s, cause);
	if (rc != 0) {
		put_back(s, before);
		snap_free(before);
		return (-1);
	}
	push_undo(s, before);
	return (0);
}

void
push_undo(struct session *s, struct snap *before)
{
	stack_push(s->undo, &s->n_undo, before);
	stack_clear(s->redo, &s->n_redo);
}

/* The other period's values, loaded; they must fit this model. */
struct cr_dataset *
session_load_period(struct session *s, const char *period, char **cause)
{
	struct cr_dataset	*o;
	int			 rc;

	rc = load_data(s, s->recipe, period, &o, cause);
	if (rc != 0)
		return (NULL);
	if (o->model->n_entities != s->ds->model->n_entities ||
	    o->model->n_leaves != s->ds->model->n_leaves) {
		cr_dataset_free(o);
		cr_cause(cause, "%s: the file changed since it was opened",
		    s->ds->path);
		return (NULL);
	}
	return (o);
}

static void
against_free(struct session *s)
{
	cr_scores_free(s->against);
	cr_dataset_free(s->against_ds);
	s->against = NULL;
	s->against_ds = NULL;
}

int
session_set_against(struct session *s, const char *period, char **cause)
{
	struct cr_dataset	*o;
	struct cr_scores	*r;
	int			 rc;

	if ((rc = load_data(s, s->recipe, period, &o, cause)) != 0)
		return (rc);
	if (o->model->n_entities != s->ds->model->n_entities ||
	    o->model->n_leaves != s->ds->model->n_leaves) {
		cr_dataset_free(o);
		return (cr_cause(cause, "%s: the file changed since it was "
		    "opened", s->ds->path));
	}
	r = cr_scores_new(o->model);
	if (cr_score(o->model, s->sc, r, cause) != 0) {
		cr_scores_free(r);
		cr_dataset_free(o);
		return (-1);
	}
	cr_scores_ranks_only(r);
	against_free(s);
	s->against = r;
	s->against_ds = o;
	return (0);
}

/*
 * Go to a whole state, its period too: for undo and redo.  On failure
 * the values and state in force before are put back.
 */
/*
 * Another recipe's data set, whole, in the session's place; what was
 * there is given back in the held fields, to free or to put back.
 */
struct held {
	struct cr_dataset	*ds;
	struct cr_scores	*scores, *base;
	struct cr_wedit		*wedit;
};

static int
hold_new(struct session *s, const struct snap *to, struct held *h,
    char **cause)
{
	int	rc;

	memset(h, 0, sizeof *h);
	if ((rc = load_data(s, to->recipe, to->period, &h->ds, cause)) != 0)
		return (rc);
	if (data_fits(s, h->ds, cause) != 0) {
		cr_dataset_free(h->ds);
		h->ds = NULL;
		return (-1);
	}
	h->scores = cr_scores_new(h->ds->model);
	h->base = cr_scores_new(h->ds->model);
	h->wedit = cr_wedit_new(h->ds->model, s->sc, s->base);
	data_swap(s, &h->ds, &h->scores, &h->base, &h->wedit);
	return (0);
}

static void
held_free(struct held *h)
{
	cr_dataset_free(h->ds);
	cr_scores_free(h->scores);
	cr_scores_free(h->base);
	cr_wedit_free(h->wedit);
}

int
snap_go(struct session *s, const struct snap *to, char **cause)
{
	struct cr_dataset	*o = NULL;
	struct snap		*was = snap_take(s);
	struct held		 h;
	int			 whole = !same_recipe(to->recipe, s->recipe);
	int			 rc;

	memset(&h, 0, sizeof h);
	if (whole) {
		if ((rc = hold_new(s, to, &h, cause)) != 0) {
			snap_free(was);
			return (rc);
		}
		set_recipe(&s->recipe, to->recipe);
	} else if (strcmp(to->period, s->ds->period) != 0) {
		if ((o = session_load_period(s, to->period, cause)) == NULL) {
			snap_free(was);
			return (-1);
		}
		cr_dataset_swap_values(s->ds, o);
	}
	scenario_assign(s->ds->model, s->sc, to->sc);
	scenario_assign(s->ds->model, s->base, to->base);
	scenario_assign(s->ds->model, s->origin, to->origin);
	set_str(&s->origin_period, to->origin_period);
	set_recipe(&s->origin_recipe, to->origin_recipe);
	set_str(&s->note, to->note);
	if (score_all(s, cause) != 0) {
		if (o != NULL)
			cr_dataset_swap_values(s->ds, o);
		if (whole) {
			data_swap(s, &h.ds, &h.scores, &h.base, &h.wedit);
			set_recipe(&s->recipe, was->recipe);
		}
		put_back(s, was);
		snap_free(was);
		cr_dataset_free(o);
		held_free(&h);
		return (-1);
	}
	/* Another period of other values: not the one against now. */
	if (whole)
		against_free(s);
	snap_free(was);
	cr_dataset_free(o);
	held_free(&h);
	return (0);
}

static int
history(struct session *s, int redo, char **cause)
{
	struct snap	**from = redo ? s->redo : s->undo;
	struct snap	**to = redo ? s->undo : s->redo;
	size_t		*nfrom = redo ? &s->n_redo : &s->n_undo;
	size_t		*nto = redo ? &s->n_undo : &s->n_redo;
	struct snap	*now;

	if (*nfrom == 0)
		return (1);
	now = snap_take(s);
	if (snap_go(s, from[*nfrom - 1], cause) != 0) {
		snap_free(now);
		return (-1);
	}
	snap_free(from[--*nfrom]);
	stack_push(to, nto, now);
	return (0);
}

int
session_undo(struct session *s, char **cause)
{
	return (history(s, 0, cause));
}

int
session_redo(struct session *s, char **cause)
{
	return (history(s, 1, cause));
}

int
session_set_period(struct session *s, const char *period, char **cause)
{
	struct cr_dataset	*o;
	struct snap		*before;

	if (strcmp(period, s->ds->period) == 0)
		return (1);
	if ((o = session_load_period(s, period, cause)) == NULL)
		return (-1);
	before = snap_take(s);
	cr_dataset_swap_values(s->ds, o);
	if (score_all(s, cause) != 0) {
		cr_dataset_swap_values(s->ds, o);
		put_back(s, before);
		snap_free(before);
		cr_dataset_free(o);
		return (-1);
	}
	cr_dataset_free(o);
	push_undo(s, before);
	return (0);
}

int
session_step(struct session *s, int node, double delta_pct, char **cause)
{
	struct snap	*before = snap_take(s);

	if (cr_wedit_step(s->wedit, node, delta_pct, cause) != 0) {
		snap_free(before);
		return (-1);
	}
	return (commit(s, before, node, cause));
}

int
session_lock(struct session *s, int node, int on, char **cause)
{
	struct snap	*before;

	if (node <= 0 || (size_t)node >= s->ds->model->n_nodes)
		return (cr_cause(cause, "only a node with siblings can be "
		    "locked"));
	before = snap_take(s);
	cr_wedit_lock(s->wedit, node, on);
	return (commit(s, before, node, cause));
}

int
session_reset(struct session *s, int node, char **cause)
{
	struct snap	*before;
	int		 rc;

	if (node < -1 || (node >= 0 && (size_t)node >= s->ds->model->n_nodes))
		return (cr_cause(cause, "no node %d", node));
	before = snap_take(s);
	rc = node < 0 ? cr_wedit_reset_all(s->wedit) :
	    cr_wedit_reset_node(s->wedit, node);
	if (rc < 0) {
		snap_free(before);
		return (cr_cause(cause, "cannot reset node %d", node));
	}
	return (commit(s, before, node < 0 ? -1 : node, cause));
}

int
session_set_weights(struct session *s, const char *spec, char **cause)
{
	struct snap	*before = snap_take(s);

	if (cr_scenario_parse_weights(s->ds->model, s->sc, spec, cause) != 0) {
		snap_free(before);
		return (-1);
	}
	return (commit(s, before, -1, cause));
}

/* Names of the locked nodes, "a, b", or NULL. */
static char *
locked_names(const struct session *s)
{
	const struct cr_model	*m = s->ds->model;
	char			*list = NULL, *t;
	size_t			 i;

	for (i = 0; i < m->n_nodes; i++) {
		if (!s->sc->locked[i])
			continue;
		t = xasprintf("%s%s%s", list != NULL ? list : "",
		    list != NULL ? ", " : "", m->nodes[i].code);
		free(list);
		list = t;
	}
	return (list);
}

int
session_apply_preset(struct session *s, const struct cr_preset *p,
    char **note, char **cause)
{
	const struct cr_model	*m = s->ds->model;
	struct snap		*before;
	char			*locks;
	int			 rc;

	if (note != NULL)
		*note = NULL;
	if (cr_scenario_check(m, p->scenario, cause) != 0)
		return (-1);
	before = snap_take(s);
	locks = locked_names(s);
	scenario_assign(m, s->sc, p->scenario);
	memset(s->sc->locked, 0, m->n_nodes);
	set_str(&s->sc->name, p->code);
	/* A preset's description is not the user's note. */
	set_str(&s->note, "");
	scenario_assign(m, s->origin, s->sc);
	set_str(&s->origin_period, s->ds->period);
	rc = commit(s, before, -1, cause);
	if (rc >= 0 && locks != NULL && note != NULL)
		*note = xasprintf("locks released: %s", locks);
	free(locks);
	return (rc);
}

int
session_set_methods(struct session *s, enum cr_norm norm, double lo,
    double hi, enum cr_agg agg, char **cause)
{
	struct snap	*before;

	if ((unsigned)norm >= CR_NORM_COUNT || (unsigned)agg >= CR_AGG_COUNT)
		return (cr_cause(cause, "no such method"));
	if (norm == CR_NORM_MINMAX && !(lo < hi))
		return (cr_cause(cause, "min-max range %g to %g is empty",
		    lo, hi));
	before = snap_take(s);
	s->sc->norm = norm;
	if (norm == CR_NORM_MINMAX) {
		s->sc->norm_lo = lo;
		s->sc->norm_hi = hi;
	}
	s->sc->agg = agg;
	return (commit(s, before, -1, cause));
}

/*
 * A reference unit as a user names it (Chinese or pinyin name, code,
 * pattern: cr_match_city), made its code, which is what a scenario
 * keeps.
 */
static int
resolve_ref(const struct cr_model *m, struct cr_norm_par *p, char **cause)
{
	char	*why = NULL;
	int	 e;

	if (p->ref == NULL || cr_model_find_entity(m, p->ref) != -1)
		return (0);
	if ((e = cr_match_city(m, p->ref, &why)) < 0) {
		cr_cause(cause, "dist2ref: %s", why);
		free(why);
		return (-1);
	}
	free(p->ref);
	p->ref = xstrdup(m->entities[e].code);
	return (0);
}

static int
resolve_refs(const struct cr_model *m, struct cr_scenario *sc, char **cause)
{
	size_t	 l;

	if (sc->norm == CR_NORM_DIST2REF &&
	    resolve_ref(m, &sc->norm_par, cause) != 0)
		return (-1);
	for (l = 0; sc->leaf_norm != NULL && l < sc->n_leaf_norm; l++)
		if (sc->leaf_norm[l].method == CR_NORM_DIST2REF &&
		    resolve_ref(m, &sc->leaf_norm[l].par, cause) != 0)
			return (-1);
	return (0);
}

int
session_set_method_specs(struct session *s, const struct cr_norm_spec *norm,
    const struct cr_agg_spec *agg, const char *leaf_norms,
    const char *level_aggs, char **cause)
{
	return (set_method_specs(s, norm, agg, leaf_norms, level_aggs,
	    "--normalize-leaf", "--aggregate-level", cause));
}

/* The lists' errors start with what the user called them. */
int
set_method_specs(struct session *s, const struct cr_norm_spec *norm,
    const struct cr_agg_spec *agg, const char *leaf_norms,
    const char *level_aggs, const char *leaf_label, const char *level_label,
    char **cause)
{
	const struct cr_model	*m = s->ds->model;
	struct cr_scenario	*sc;
	struct snap		*before;
	char			*why = NULL;
	int			 rc = -1;

	/* On a copy, so that a bad list changes nothing. */
	sc = cr_scenario_copy(m, s->sc);
	if (norm != NULL && !cr_norm_spec_valid(norm))
		cr_cause(cause, "no such normalisation");
	else if (agg != NULL && !cr_agg_spec_valid(agg))
		cr_cause(cause, "no such aggregation");
	else if (leaf_norms != NULL &&
	    cr_scenario_parse_leaf_norms(m, sc, leaf_norms, &why) != 0)
		cr_cause(cause, "%s: %s", leaf_label, why);
	else if (level_aggs != NULL &&
	    cr_scenario_parse_level_aggs(m, sc, level_aggs, &why) != 0)
		cr_cause(cause, "%s: %s", level_label, why);
	else
		rc = 0;
	free(why);
	if (rc == 0) {
		if (norm != NULL)
			cr_scenario_set_norm(sc, norm);
		if (agg != NULL)
			cr_scenario_set_agg(sc, agg);
		rc = resolve_refs(m, sc, cause);
	}
	if (rc == 0) {
		before = snap_take(s);
		cr_scenario_copy_methods(m, s->sc, sc);
		rc = commit(s, before, -1, cause);
	}
	cr_scenario_free(sc);
	return (rc);
}

char *
session_methods(const struct session *s)
{
	return (cr_scenario_methods_label(s->ds->model, s->sc));
}

void
session_rank_by(struct session *s, int node)
{
	if (node >= 0 && (size_t)node < s->ds->model->n_nodes)
		s->by = node;
}

double
session_pct(const struct session *s, int node)
{
	return (cr_wedit_pct(s->wedit, node));
}

int
session_modified(const struct session *s)
{
	return (cr_scenario_differs(s->ds->model, s->sc, s->origin) ||
	    strcmp(s->origin_period, s->ds->period) != 0 ||
	    !same_recipe(s->recipe, s->origin_recipe));
}

int
session_differs_base(const struct session *s)
{
	return (cr_scenario_differs(s->ds->model, s->sc, s->base));
}

int
session_open(const char *path, const char *period, struct session **out,
    char **cause)
{
	struct session		*s;
	const struct cr_model	*m;
	int			 rc;

	s = xcalloc(1, sizeof *s);
	if ((rc = cr_db_load_period(path, period, &s->ds, cause)) != 0) {
		free(s);
		return (rc);
	}
	/* The load's freed buffers, before the scores need more. */
	xtrim();
	m = s->ds->model;
	s->base = cr_scenario_copy(m, s->ds->presets[0].scenario);
	set_str(&s->base->name, s->ds->presets[0].code);
	s->sc = cr_scenario_copy(m, s->base);
	s->origin = cr_scenario_copy(m, s->base);
	s->origin_period = xstrdup(s->ds->period);
	s->note = xstrdup("");
	s->scores = cr_scores_new(m);
	/* score_all() makes the baseline, a copy of the ranks mostly. */
	s->hash = cr_model_hash(m);
	s->wedit = cr_wedit_new(m, s->sc, s->base);
	s->store_path = cr_store_default_path();
	s->file_recipe = xstrdup(*s->ds->prep != '\0' ? s->ds->prep : "none");
	if (score_all(s, cause) != 0) {
		session_free(s);
		return (-1);
	}
	*out = s;
	return (0);
}

void
session_free(struct session *s)
{
	if (s == NULL)
		return;
	stack_clear(s->undo, &s->n_undo);
	stack_clear(s->redo, &s->n_redo);
	against_free(s);
	session_panel_free(s->panel);
	cr_wedit_free(s->wedit);
	cr_scores_free(s->scores);
	cr_scores_free(s->base_scores);
	cr_scenario_free(s->sc);
	cr_scenario_free(s->base);
	cr_scenario_free(s->origin);
	free(s->origin_period);
	free(s->note);
	free(s->hash);
	free(s->store_path);
	free(s->recipe);
	free(s->origin_recipe);
	free(s->file_recipe);
	if (s->store != NULL)
		cr_store_close(s->store);
	cr_dataset_free(s->ds);
	free(s);
}
