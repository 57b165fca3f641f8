/*
 * The session's rules, without a terminal: every change is undoable,
 * and a change that fails leaves weights, locks, methods, period,
 * scores and history exactly as they were.
 */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "import.h"
#include "scores_key.h"
#include "session.h"
#include "tables.h"
#include "xmalloc.h"

static char	tmpdir[] = "/tmp/cityrank-test-session.XXXXXX";
static char	*panel;		/* the ASEM panel: several years */

/* Everything a user can see of a state, to compare bit for bit. */
struct state {
	size_t		 n_nodes, n_entities;
	double		*weight;
	unsigned char	*locked;
	int		 norm, agg;
	double		 lo, hi;
	char		*name, *period, *base;
	double		*score;
	int		*rank, *base_rank;
	size_t		 n_undo, n_redo;
	int		 modified;
};

static struct state *
capture(struct session *s)
{
	const struct cr_model	*m = s->ds->model;
	struct state		*st = xcalloc(1, sizeof *st);
	size_t			 e, n, i;

	st->n_nodes = m->n_nodes;
	st->n_entities = m->n_entities;
	st->weight = xcalloc(m->n_nodes, sizeof *st->weight);
	st->locked = xcalloc(m->n_nodes, 1);
	memcpy(st->weight, s->sc->weight, m->n_nodes * sizeof *st->weight);
	memcpy(st->locked, s->sc->locked, m->n_nodes);
	st->norm = s->sc->norm;
	st->agg = s->sc->agg;
	st->lo = s->sc->norm_lo;
	st->hi = s->sc->norm_hi;
	st->name = xstrdup(s->sc->name);
	st->period = xstrdup(s->ds->period);
	st->base = xstrdup(s->base->name);
	st->score = xcalloc(m->n_nodes * m->n_entities, sizeof *st->score);
	st->rank = xcalloc(m->n_nodes * m->n_entities, sizeof *st->rank);
	st->base_rank = xcalloc(m->n_nodes * m->n_entities,
	    sizeof *st->base_rank);
	for (e = 0; e < m->n_entities; e++)
		for (n = 0; n < m->n_nodes; n++) {
			i = e * m->n_nodes + n;
			st->score[i] = cr_scores_score(s->scores, (int)e,
			    (int)n);
			st->rank[i] = cr_scores_rank(s->scores, (int)e, (int)n);
			st->base_rank[i] = cr_scores_rank(s->base_scores,
			    (int)e, (int)n);
		}
	st->n_undo = s->n_undo;
	st->n_redo = s->n_redo;
	st->modified = session_modified(s);
	return (st);
}

static void
state_free(struct state *st)
{
	free(st->weight);
	free(st->locked);
	free(st->name);
	free(st->period);
	free(st->base);
	free(st->score);
	free(st->rank);
	free(st->base_rank);
	free(st);
}

/* Scores compared as bits: NAN equals NAN, nothing else is close. */
static void
assert_same(const struct state *a, const struct state *b, int history)
{
	size_t	i, n = a->n_nodes * a->n_entities;

	assert_int_equal(a->n_nodes, b->n_nodes);
	assert_memory_equal(a->weight, b->weight,
	    a->n_nodes * sizeof *a->weight);
	assert_memory_equal(a->locked, b->locked, a->n_nodes);
	assert_int_equal(a->norm, b->norm);
	assert_int_equal(a->agg, b->agg);
	assert_true(a->lo == b->lo && a->hi == b->hi);
	assert_string_equal(a->name, b->name);
	assert_string_equal(a->period, b->period);
	assert_string_equal(a->base, b->base);
	assert_int_equal(a->modified, b->modified);
	for (i = 0; i < n; i++) {
		if (!(isnan(a->score[i]) && isnan(b->score[i])))
			assert_memory_equal(&a->score[i], &b->score[i],
			    sizeof a->score[i]);
		assert_int_equal(a->rank[i], b->rank[i]);
		assert_int_equal(a->base_rank[i], b->base_rank[i]);
	}
	if (history) {
		assert_int_equal(a->n_undo, b->n_undo);
		assert_int_equal(a->n_redo, b->n_redo);
	}
}

static struct session *
open_bundled(void)
{
	struct session	*s;
	char		*why = NULL;

	if (session_open(getenv("CITYRANK_DB"), NULL, &s, &why) != 0)
		fail_msg("%s", why);
	session_set_store(s, NULL);	/* these tests touch no file */
	return (s);
}

static int
node(struct session *s, const char *code)
{
	int	n = cr_model_find_node(s->ds->model, code);

	assert_true(n > 0);
	return (n);
}

/* A change that must succeed. */
#define OK(rc)	assert_int_equal((rc), 0)

/* Undo gives the state before a change whole, and redo the one after. */
static void
undo_redo_round(struct session *s, struct state *before)
{
	struct state	*after = capture(s), *back, *again;
	char		*why = NULL;

	if (session_undo(s, &why) != 0)
		fail_msg("undo: %s", why ? why : "nothing to undo");
	back = capture(s);
	assert_same(before, back, 0);
	assert_int_equal(back->n_undo, before->n_undo);
	if (session_redo(s, &why) != 0)
		fail_msg("redo: %s", why ? why : "nothing to redo");
	again = capture(s);
	assert_same(after, again, 1);
	state_free(after);
	state_free(back);
	state_free(again);
}

static void
test_every_change_undoable(void **state)
{
	struct session	*s = open_bundled();
	struct state	*before;
	char		*why = NULL, *note = NULL;
	int		 innov = node(s, "innovation");

	(void)state;
	before = capture(s);
	OK(session_step(s, innov, 10, &why));
	undo_redo_round(s, before);
	state_free(before);

	before = capture(s);
	OK(session_lock(s, innov, 1, &why));
	undo_redo_round(s, before);
	state_free(before);

	before = capture(s);
	OK(session_reset(s, innov, &why));
	undo_redo_round(s, before);
	state_free(before);

	OK(session_step(s, node(s, "strategy"), -5, &why));
	before = capture(s);
	OK(session_reset(s, -1, &why));
	undo_redo_round(s, before);
	state_free(before);

	before = capture(s);
	OK(session_apply_preset(s, &s->ds->presets[2], &note,
	    &why));
	free(note);
	undo_redo_round(s, before);
	state_free(before);

	before = capture(s);
	OK(session_set_methods(s, CR_NORM_MINMAX, 0, 100,
	    CR_AGG_GEOM, &why));
	undo_redo_round(s, before);
	state_free(before);

	before = capture(s);
	OK(session_set_weights(s, "innovation=3", &why));
	undo_redo_round(s, before);
	state_free(before);

	/* The root's weight changes no score, but it is a change: kept
	 * for undo, not reported as nothing (fuzz_session found this). */
	before = capture(s);
	OK(session_set_weights(s, "index=5", &why));
	assert_true(s->sc->weight[0] == 5);
	undo_redo_round(s, before);
	state_free(before);
	session_free(s);
}

/* The ranks of two results, equal at every unit and node. */
static void
expect_same(const struct cr_model *m, const struct cr_scores *a,
    const struct cr_scores *b)
{
	int	e, n;

	for (e = 0; e < (int)m->n_entities; e++)
		for (n = 0; n < (int)m->n_nodes; n++)
			assert_int_equal(cr_scores_rank(a, e, n),
			    cr_scores_rank(b, e, n));
}

/*
 * The baseline at open shares the scores' ranks.  A weight change
 * makes its own those the change moves, the index's for a dimension's
 * weight, the domain penetration's too for a domain's, and leaves the
 * rest shared; a whole score makes all its own.  All the while they
 * are the ranks of the open, as an untouched session's scores are.
 */
static void
test_baseline_lazy(void **state)
{
	struct session	*s = open_bundled(), *t = open_bundled();
	const struct cr_model *m = s->ds->model;
	char		*why = NULL;
	int		 e, n, moved = 0, own = 0;

	(void)state;
	assert_ptr_equal(s->base_scores->src, s->scores);
	OK(session_step(s, node(s, "innovation"), 10, &why));
	assert_ptr_equal(s->base_scores->src, s->scores);
	expect_same(m, s->base_scores, t->scores);
	OK(session_step(s, node(s, "environment"), 10, &why));
	assert_ptr_equal(s->base_scores->src, s->scores);
	for (n = 0; n < (int)m->n_nodes; n++)
		if (s->base_scores->agg[n] != -1)
			own += s->base_scores->agg_stale[s->base_scores->agg[n]]
			    == 0;
	assert_int_equal(own, 2);
	expect_same(m, s->base_scores, t->scores);
	/* A whole score settles it first. */
	OK(session_set_weights(s, "technology=4", &why));
	assert_null(s->base_scores->src);
	expect_same(m, s->base_scores, t->scores);
	assert_ptr_equal(t->base_scores->src, t->scores);
	expect_same(m, t->base_scores, t->scores);
	for (e = 0; e < (int)m->n_entities; e++)
		for (n = 0; n < (int)m->n_nodes; n++)
			moved += cr_scores_rank(s->scores, e, n) !=
			    cr_scores_rank(t->scores, e, n);
	assert_true(moved > 0);
	session_free(s);
	session_free(t);
}

/* Loading a scenario and setting a baseline are undone too. */
static void
test_load_and_baseline_undoable(void **state)
{
	struct session	*s = open_bundled();
	struct cr_saved	*v;
	struct state	*before;
	char		*why = NULL, *warn = NULL;

	(void)state;
	OK(session_set_weights(s, "technology=4", &why));
	v = session_to_saved(s, "tech", "more technology");
	OK(session_undo(s, &why));
	before = capture(s);
	OK(session_load(s, v, &warn, &why));
	assert_null(warn);	/* the same data set: no word */
	assert_string_equal(s->sc->name, "tech");
	assert_string_equal(s->note, "more technology");
	assert_int_equal(session_modified(s), 0);
	assert_int_equal(session_differs_base(s), 1);
	undo_redo_round(s, before);
	state_free(before);

	before = capture(s);
	OK(session_set_baseline(s, v, &why));
	assert_int_equal(session_differs_base(s), 0);
	undo_redo_round(s, before);
	state_free(before);
	cr_saved_free(v);
	session_free(s);
}

static void
same_str(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		assert_true(a == b);
	else
		assert_string_equal(a, b);
}

/*
 * The values' sources and the context's texts and sources, as a session
 * opened on that period has them: the other period's data set is freed
 * once its values are swapped in, and its strings must have come along.
 */
static void
same_strings(struct session *s, struct session *o)
{
	const struct cr_model	*m = s->ds->model, *n = o->ds->model;
	size_t			 e, k, v;

	for (e = 0; e < m->n_entities; e++)
		for (k = 0; k < m->n_leaves; k++)
			same_str(cr_dataset_value_source(s->ds, (int)e, (int)k),
			    cr_dataset_value_source(o->ds, (int)e, (int)k));
	assert_int_equal(m->n_ctx, n->n_ctx);
	for (v = 0; v < m->n_ctx; v++)
		for (e = 0; e < m->n_entities; e++) {
			if (m->ctx[v].text != NULL)
				same_str(m->ctx[v].text[e], n->ctx[v].text[e]);
			same_str(cr_model_ctx_source(m, (int)v, (int)e),
			    cr_model_ctx_source(n, (int)v, (int)e));
		}
}

static void
test_period_undoable(void **state)
{
	struct session	*s, *o;
	struct state	*before, *after;
	char		*why = NULL, *was;

	(void)state;
	if (session_open(panel, NULL, &s, &why) != 0)
		fail_msg("%s", why);
	session_set_store(s, NULL);
	assert_true(s->ds->n_periods > 1);
	was = xstrdup(s->ds->period);
	before = capture(s);
	OK(session_set_period(s, s->ds->periods[0], &why));
	assert_string_not_equal(s->ds->period, was);
	if (session_open(panel, s->ds->periods[0], &o, &why) != 0)
		fail_msg("%s", why);
	session_set_store(o, NULL);
	same_strings(s, o);
	session_free(o);
	after = capture(s);
	/* Other values: some score must differ. */
	assert_true(memcmp(before->score, after->score, before->n_nodes *
	    before->n_entities * sizeof *before->score) != 0);
	state_free(after);
	undo_redo_round(s, before);
	state_free(before);
	free(was);
	session_free(s);
}

/* Every rank of every node in period i agrees with the session o's. */
static void
same_ranks(struct session *s, size_t i, struct session *o)
{
	const struct cr_model	*m = s->ds->model;
	struct cr_scores	*p;
	char			*why = NULL;
	size_t			 e, n;

	if ((p = session_period_scores(s, i, &why)) == NULL)
		fail_msg("period %zu: %s", i, why != NULL ? why : "none");
	for (e = 0; e < m->n_entities; e++)
		for (n = 0; n < m->n_nodes; n++)
			if (cr_scores_rank(p, (int)e, (int)n) !=
			    cr_scores_rank(o->scores, (int)e, (int)n))
				fail_msg("period %zu unit %zu node %zu: rank "
				    "%d, want %d", i, e, n, cr_scores_rank(p,
				    (int)e, (int)n), cr_scores_rank(o->scores,
				    (int)e, (int)n));
}

/* Some unit's index rank is not what it was (before[]): a real change. */
static int
moved(struct session *o, const int *before)
{
	size_t	e;

	for (e = 0; e < o->ds->model->n_entities; e++)
		if (cr_scores_rank(o->scores, (int)e, 0) != before[e])
			return (1);
	return (0);
}

/*
 * Another year's scores, for the ranking's move and the detail's line:
 * those of a session opened on that year with the same weights, and
 * they follow a weight change, a change of methods and its undo.  The
 * year in view is the session's own scores.  Nothing of it is history.
 */
static void
test_period_scores(void **state)
{
	struct session	*s, *o;
	char		*why = NULL;
	size_t		 n_undo, e;
	int		 before[64];

	(void)state;
	if (session_open(panel, NULL, &s, &why) != 0 ||
	    session_open(panel, "2018", &o, &why) != 0)
		fail_msg("%s", why);
	session_set_store(s, NULL);
	session_set_store(o, NULL);
	assert_int_equal(s->ds->n_periods, 5);
	assert_string_equal(s->ds->periods[0], "2018");
	assert_int_equal(session_period_at(s), 4);
	assert_int_equal(session_period_at(o), 0);
	assert_ptr_equal(session_period_scores(s, 4, &why), s->scores);
	assert_null(session_period_scores(s, 5, &why));
	assert_null(why);
	same_ranks(s, 0, o);
	n_undo = s->n_undo;
	assert_true(o->ds->model->n_entities <= 64);
	for (e = 0; e < o->ds->model->n_entities; e++)
		before[e] = cr_scores_rank(o->scores, (int)e, 0);
	/* The same change on both: 2018's ranks follow it. */
	OK(session_step(s, 1, 10, &why));
	OK(session_step(o, 1, 10, &why));
	same_ranks(s, 0, o);
	assert_true(moved(o, before));
	OK(session_set_methods(s, CR_NORM_ZSCORE, 0, 100, CR_AGG_ARITH,
	    &why));
	OK(session_set_methods(o, CR_NORM_ZSCORE, 0, 100, CR_AGG_ARITH,
	    &why));
	same_ranks(s, 0, o);
	OK(session_undo(s, &why));
	OK(session_undo(o, &why));
	same_ranks(s, 0, o);
	/* Reading another year changed nothing of the history. */
	assert_int_equal(s->n_undo, n_undo + 1);
	session_free(o);
	session_free(s);
	/* A single year: no other. */
	if (session_open(getenv("CITYRANK_DB"), NULL, &s, &why) != 0)
		fail_msg("%s", why);
	assert_null(session_period_scores(s, 0, &why));
	assert_null(why);
	session_free(s);
}

/* Each failure: -1 with a cause, and the state exactly as it was. */
static void
expect_failure(struct session *s, int rc, char *why, struct state *before)
{
	struct state	*now = capture(s);

	assert_int_equal(rc, -1);
	assert_non_null(why);
	free(why);
	assert_same(before, now, 1);
	state_free(now);
}

/* The call first: an argument's order of evaluation is unspecified. */
#define FAILS(call) do {						\
	why = NULL;							\
	rc = (call);							\
	expect_failure(s, rc, why, before);				\
} while (0)

static void
test_failures_change_nothing(void **state)
{
	struct session	*s = open_bundled();
	struct state	*before;
	struct cr_saved	*v;
	char		*why = NULL, *warn = NULL;
	int		 rc;

	(void)state;
	/* Some history, so that a failure could lose it. */
	OK(session_step(s, node(s, "innovation"), 5, &why));
	OK(session_undo(s, &why));
	before = capture(s);
	assert_int_equal(before->n_redo, 1);

	/* z-scores are negative: no geometric mean of them. */
	FAILS(session_set_methods(s, CR_NORM_ZSCORE, 0, 0,
	    CR_AGG_GEOM, &why));
	FAILS(session_set_weights(s, "innovation=2,nosuch=1",
	    &why));
	FAILS(session_set_weights(s, "strategy=0,technology=0,"
	    "penetration=0,innovation=0", &why));
	FAILS(session_step(s, 9999, 1, &why));
	FAILS(session_set_period(s, "1999", &why));
	FAILS(session_set_methods(s, CR_NORM_MINMAX, 5, 5,
	    CR_AGG_ARITH, &why));

	/* A scenario of another data set with none of our codes. */
	v = cr_saved_new();
	cr_saved_set(&v->name, "foreign");
	cr_saved_set(&v->dataset, "0123");
	cr_saved_set(&v->title, "elsewhere");
	assert_int_equal(cr_saved_add(v, "GDP", 1, NULL), 0);
	FAILS(session_load(s, v, &warn, &why));
	assert_null(warn);
	FAILS(session_set_baseline(s, v, &why));
	cr_saved_free(v);
	state_free(before);
	session_free(s);
}

/* Codes that still match load; the rest are named in a warning. */
static void
test_other_data_set_warns(void **state)
{
	struct session	*s = open_bundled();
	struct cr_saved	*v;
	char		*why = NULL, *warn = NULL;
	int		 innov = node(s, "innovation");

	(void)state;
	v = session_to_saved(s, "moved", "");
	cr_saved_set(&v->dataset, "another");
	assert_int_equal(cr_saved_add(v, "gone_node", 2, NULL), 0);
	v->weight[innov - 1] = 7;	/* weights start at node 1 */
	assert_int_equal(session_load(s, v, &warn, &why), 0);
	assert_non_null(warn);
	assert_non_null(strstr(warn, "gone_node"));
	assert_non_null(strstr(warn, "another data set"));
	assert_true(s->sc->weight[innov] == 7);
	free(warn);
	cr_saved_free(v);
	session_free(s);
}

/* A preset is its weights and its methods, and says what it unlocked. */
static void
test_preset_is_weights_and_methods(void **state)
{
	struct session		*s = open_bundled();
	const struct cr_preset	*p = &s->ds->presets[3];
	char			*why = NULL, *note = NULL;
	int			 strat = node(s, "strategy");

	(void)state;
	OK(session_set_methods(s, CR_NORM_RANK, 0, 0,
	    CR_AGG_GEOM, &why));
	OK(session_lock(s, strat, 1, &why));
	OK(session_apply_preset(s, p, &note, &why));
	assert_memory_equal(s->sc->weight, p->scenario->weight,
	    s->ds->model->n_nodes * sizeof *s->sc->weight);
	assert_int_equal(s->sc->norm, p->scenario->norm);
	assert_int_equal(s->sc->agg, p->scenario->agg);
	assert_int_equal(s->sc->locked[strat], 0);
	assert_non_null(note);
	assert_non_null(strstr(note, "strategy"));
	assert_string_equal(s->sc->name, p->code);
	assert_int_equal(session_modified(s), 0);
	free(note);
	session_free(s);
}

/*
 * The status line's facts after 'p' then 'R': the name is the preset's,
 * marked modified, and the weights are the baseline's.  After 'p p u'
 * the name is the first preset's again.
 */
static void
test_name_follows_state(void **state)
{
	struct session	*s = open_bundled();
	char		*why = NULL, *note = NULL;

	(void)state;
	OK(session_apply_preset(s, &s->ds->presets[1], &note,
	    &why));
	OK(session_reset(s, -1, &why));
	assert_string_equal(s->sc->name, s->ds->presets[1].code);
	assert_int_equal(session_modified(s), 1);
	assert_int_equal(session_differs_base(s), 0);
	OK(session_apply_preset(s, &s->ds->presets[2], &note,
	    &why));
	OK(session_undo(s, &why));
	assert_string_equal(s->sc->name, s->ds->presets[1].code);
	session_free(s);
}

/* Saved and loaded on a fresh session: the same weights and scores. */
static void
test_saved_round_trip(void **state)
{
	struct session	*a = open_bundled(), *b = open_bundled();
	struct cr_saved	*v;
	struct state	*sa, *sb;
	char		*why = NULL, *warn = NULL;

	(void)state;
	OK(session_set_weights(a, "innovation=2.5,"
	    "environment=0.1", &why));
	OK(session_set_methods(a, CR_NORM_MINMAX, 10, 90,
	    CR_AGG_GEOM, &why));
	v = session_to_saved(a, "trip", "");
	OK(session_load(b, v, &warn, &why));
	assert_null(warn);
	free(a->sc->name);
	a->sc->name = xstrdup("trip");
	sa = capture(a);
	sb = capture(b);
	/* Only the history and the modified mark may differ. */
	sa->modified = sb->modified;
	assert_same(sa, sb, 0);
	state_free(sa);
	state_free(sb);
	cr_saved_free(v);
	session_free(a);
	session_free(b);
}

/*
 * Every method of issue 13 through the session: one undoable change,
 * all or nothing, kept by a saved scenario; on another data set the
 * leaves and depths it lacks are left out, by name.
 */
static void
test_method_specs(void **state)
{
	struct session		*s = open_bundled(), *b = open_bundled();
	struct cr_norm_spec	 n, worst;
	struct cr_agg_spec	 g = { CR_AGG_POWER, 2 };
	struct cr_saved		*v;
	struct state		*before, *sa, *sb;
	char			*why = NULL, *warn = NULL, *label;
	int			 rc;

	(void)state;
	cr_norm_spec_init(&n);
	cr_norm_spec_init(&worst);
	assert_int_equal(cr_norm_spec_parse("dist2ref:北京", &n, NULL), 0);
	assert_int_equal(cr_norm_spec_parse("dist2ref:哈尔滨", &worst, NULL),
	    0);
	before = capture(s);
	/* Bad lists, and a reference at a worst value: nothing changes. */
	FAILS(session_set_method_specs(s, NULL, NULL, "iot=sum", NULL,
	    &why));
	FAILS(session_set_method_specs(s, NULL, &g, NULL, "1=geom,1=harm",
	    &why));
	FAILS(session_set_method_specs(s, &worst, NULL, NULL, NULL, &why));
	/* Later items win: technology's leaves, iot too, by rank. */
	OK(session_set_method_specs(s, &n, &g, "iot=goalposts:0:50,"
	    "technology=rank", "0=arith", &why));
	undo_redo_round(s, before);
	/* The unit named as a user names it is kept by its code. */
	assert_string_equal(s->sc->norm_par.ref, "beijing");
	assert_int_equal(s->sc->agg, CR_AGG_POWER);
	label = session_methods(s);
	assert_string_equal(label, "dist2ref:beijing (4 leaves own) · "
	    "power:2, depth 0 arith");
	free(label);

	v = session_to_saved(s, "trip", "");
	assert_int_equal(v->n_leaf, 4);
	assert_int_equal(v->n_level, 1);
	OK(session_load(b, v, &warn, &why));
	assert_null(warn);
	free(s->sc->name);
	s->sc->name = xstrdup("trip");
	sa = capture(s);
	sb = capture(b);
	sa->modified = sb->modified;
	assert_same(sa, sb, 0);
	assert_true(cr_scenario_methods_identical(s->sc, b->sc));

	/* Leaves and depths that are not here: left out, by name. */
	cr_norm_spec_clear(&n);
	cr_norm_spec_init(&n);
	assert_int_equal(cr_saved_add_leaf(v, "LPI", &n, NULL), 0);
	assert_int_equal(cr_saved_add_leaf(v, "strategy", &n, NULL), 0);
	assert_int_equal(cr_saved_add_level(v, 7, &g, NULL), 0);
	OK(session_load(b, v, &warn, &why));
	assert_non_null(warn);
	assert_string_equal(warn, "own methods with no leaf or level here, "
	    "left out: LPI, strategy, depth 7");
	free(warn);
	assert_true(cr_scenario_methods_identical(s->sc, b->sc));
	state_free(before);
	state_free(sa);
	state_free(sb);
	cr_saved_free(v);
	cr_norm_spec_clear(&n);
	cr_norm_spec_clear(&worst);
	session_free(s);
	session_free(b);
}

/*
 * The explorer's M: one line, the batch flags' text after a word, one
 * undoable change that is the same as the flags; a bad clause changes
 * nothing; the line for what is in force reads back as the same
 * methods, and leaves the overrides out rather than cut them.
 */
static void
test_methods_line(void **state)
{
	struct session		*s = open_bundled(), *b = open_bundled();
	struct cr_norm_spec	 n;
	struct cr_agg_spec	 g = { CR_AGG_GEOM, 0 };
	struct state		*before;
	char			*why = NULL, *line;
	int			 rc;

	(void)state;
	before = capture(s);
	FAILS(session_set_methods_line(s, "normalize zscore; leaf iot=sum",
	    &why));
	FAILS(session_set_methods_line(s, "normalise zscore", &why));
	FAILS(session_set_methods_line(s, "normalize zscore; normalize rank",
	    &why));
	FAILS(session_set_methods_line(s, "level", &why));
	FAILS(session_set_methods_line(s, "aggregate power", &why));
	FAILS(session_set_methods_line(s, "normalize dist2targ", &why));
	why = NULL;
	assert_int_equal(session_set_methods_line(s, " ; ", &why), 1);
	assert_null(why);
	OK(session_set_methods_line(s, "Normalize prank ;LEAF iot = rank, "
	    "technology=minmax;level 1=geom; aggregate harm", &why));
	undo_redo_round(s, before);
	cr_norm_spec_init(&n);
	assert_int_equal(cr_norm_spec_parse("prank", &n, NULL), 0);
	g.method = CR_AGG_HARM;
	OK(session_set_method_specs(b, &n, &g, "iot=rank,technology=minmax",
	    "1=geom", &why));
	assert_true(cr_scenario_methods_identical(s->sc, b->sc));
	/* On top of what is in force, as the flags: iot back to global. */
	OK(session_set_methods_line(s, "leaf iot=global", &why));
	OK(session_set_method_specs(b, NULL, NULL, "iot=global", NULL, &why));
	assert_true(cr_scenario_methods_identical(s->sc, b->sc));
	line = session_methods_line(s, 1000);
	/* technology's four leaves but iot, which is back to the global. */
	assert_string_equal(line, "normalize prank; aggregate harm; leaf "
	    "cloud=minmax:0:100,ai=minmax:0:100,broadband=minmax:0:100; "
	    "level 1=geom");
	free(line);
	line = session_methods_line(s, 40);
	assert_string_equal(line, "normalize prank; aggregate harm");
	free(line);
	state_free(before);
	cr_norm_spec_clear(&n);
	session_free(s);
	session_free(b);
}

/* Past SESSION_HISTORY steps the oldest is dropped, never the newest. */
static void
test_history_bounded(void **state)
{
	struct session	*s = open_bundled();
	char		*why = NULL;
	int		 i, innov = node(s, "innovation");

	(void)state;
	for (i = 0; i < SESSION_HISTORY + 20; i++)
		OK(session_step(s, innov, i % 2 ? 1 : -1,
		    &why));
	assert_int_equal(s->n_undo, SESSION_HISTORY);
	for (i = 0; i < SESSION_HISTORY; i++)
		OK(session_undo(s, &why));
	assert_int_equal(session_undo(s, &why), 1);
	session_free(s);
}

/*
 * The move text both front ends show: no rank, no move (the explorer
 * used to show "=" where 'rank' showed nothing).
 */
static void
test_move_text(void **state)
{
	char	buf[16];

	(void)state;
	session_move_text(buf, sizeof buf, 0, 3, 0);
	assert_string_equal(buf, "");
	session_move_text(buf, sizeof buf, 3, 0, 0);
	assert_string_equal(buf, "");
	session_move_text(buf, sizeof buf, 4, 4, 0);
	assert_string_equal(buf, "=");
	session_move_text(buf, sizeof buf, 5, 2, 0);
	assert_string_equal(buf, "↑3");
	session_move_text(buf, sizeof buf, 2, 5, 1);
	assert_string_equal(buf, "-3");
}

static int
setup(void **state)
{
	struct cr_import	*imp;
	char			*d, *m, *why = NULL;

	(void)state;
	cr_db_init();
	if (mkdtemp(tmpdir) == NULL)
		return (-1);
	d = xasprintf("%s/tests/fixtures/coinr-asem/ASEM_iData_p.csv",
	    getenv("SRCDIR"));
	m = xasprintf("%s/tests/fixtures/coinr-asem/ASEM_iMeta.csv",
	    getenv("SRCDIR"));
	panel = xasprintf("%s/panel.db", tmpdir);
	imp = cr_import_read(d, m);
	if (imp->n_errors != 0 || cr_import_write(imp, panel, 1, &why) != 0)
		return (-1);
	cr_import_free(imp);
	free(d);
	free(m);
	return (0);
}

static int
teardown(void **state)
{
	(void)state;
	unlink(panel);
	free(panel);
	return (rmdir(tmpdir));
}

/*
 * A figure's key holds while the scores do, and not after a weight,
 * the methods or an undo changes them; an empty key never holds.
 */
static void
test_scores_key(void **state)
{
	struct session		*s;
	struct scores_key	 k;
	char			*why = NULL;

	(void)state;
	memset(&k, 0, sizeof k);
	if (session_open(getenv("CITYRANK_DB"), NULL, &s, &why) != 0)
		fail_msg("%s", why);
	assert_false(scores_key_same(&k, s));
	scores_key_take(&k, s);
	assert_true(scores_key_same(&k, s));
	OK(session_step(s, node(s, "strategy"), -5, &why));
	assert_false(scores_key_same(&k, s));
	scores_key_take(&k, s);
	assert_true(scores_key_same(&k, s));
	OK(session_undo(s, &why));
	assert_false(scores_key_same(&k, s));
	OK(session_set_methods(s, CR_NORM_ZSCORE, 0, 0, CR_AGG_ARITH,
	    &why));
	scores_key_take(&k, s);
	assert_true(scores_key_same(&k, s));
	s->data_gen++;
	assert_false(scores_key_same(&k, s));
	scores_key_free(&k);
	assert_false(scores_key_same(&k, s));
	session_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_change_undoable),
		cmocka_unit_test(test_scores_key),
		cmocka_unit_test(test_load_and_baseline_undoable),
		cmocka_unit_test(test_period_undoable),
		cmocka_unit_test(test_period_scores),
		cmocka_unit_test(test_failures_change_nothing),
		cmocka_unit_test(test_other_data_set_warns),
		cmocka_unit_test(test_preset_is_weights_and_methods),
		cmocka_unit_test(test_name_follows_state),
		cmocka_unit_test(test_saved_round_trip),
		cmocka_unit_test(test_method_specs),
		cmocka_unit_test(test_baseline_lazy),
		cmocka_unit_test(test_methods_line),
		cmocka_unit_test(test_history_bounded),
		cmocka_unit_test(test_move_text),
	};

	return (cmocka_run_group_tests(tests, setup, teardown));
}
