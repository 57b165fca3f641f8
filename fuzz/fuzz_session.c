/*
 * libFuzzer target: the explorer's changes as a sequence of session
 * calls (what the keys do: steps, locks, resets, presets, methods,
 * weights, loads, baselines, years, undo and redo) on the bundled data
 * set, or, when the input's length is not a multiple of three, on a
 * small imported panel (three years, a unit missing from one, a value
 * missing, a text group), where a change of year swaps another
 * period's values, sources and context in; the session's promises
 * checked after each one:
 * - a call that fails or changes nothing leaves the state as it was,
 *   scores bit for bit;
 * - the scores are always those a full cr_score() of the state gives;
 * - undoing every change gives back the state the run started from.
 * One session serves every run (opening one per run is 50 times slower);
 * its redo history carries over, which only widens what is tried.
 */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "session.h"

#include "panel.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char		 path[] = "/tmp/cityrank-fuzz-session.XXXXXX";
static char		 ppath[] = "/tmp/cityrank-fuzz-panel.XXXXXX";
/* One of each for every run: undone after each. */
static struct session	*bundled, *panel;

static void
open_one(const char *file, struct session **sp)
{
	char	*why = NULL;

	if (session_open(file, NULL, sp, &why) != 0) {
		fprintf(stderr, "fuzz_session: %s\n", why);
		abort();
	}
	session_set_store(*sp, NULL);
}

/* Another year is read from the file: it stays until the process ends. */
static void
remove_panel(void)
{
	unlink(ppath);
}

/* The bundled data set, built from data/ as the build does, and the panel. */
static void
build(void)
{
	char			*why = NULL;
	int			 fd;

	cr_db_init();
	if ((fd = mkstemp(path)) < 0)
		abort();
	close(fd);
	if (cr_db_build(SRC_DATADIR, path, &why) != 0) {
		fprintf(stderr, "fuzz_session: %s\n", why);
		abort();
	}
	open_one(path, &bundled);
	unlink(path);
	if ((fd = mkstemp(ppath)) < 0)
		abort();
	close(fd);
	panel_write(ppath);
	atexit(remove_panel);
	open_one(ppath, &panel);
	if (panel->ds->n_periods != 3)
		abort();
}

struct state {
	double		*weight;
	unsigned char	*locked;
	double		 lo, hi;
	int		 norm, agg;
	char		*name, *period;
	size_t		 strings;	/* their bytes: the same state, the same */
	double		*score;		/* entities x nodes */
	int		*rank;
};

/*
 * Every string the views show of a value or of the context: read whole,
 * so that one left behind by a change of year is an ASan report here.
 */
static size_t
read_strings(const struct session *s)
{
	const struct cr_model	*m = s->ds->model;
	const struct cr_ctxvar	*v;
	const char		*src;
	size_t			 e, l, c, n = 0;

	for (e = 0; e < m->n_entities; e++) {
		n += strlen(m->entities[e].code) +
		    strlen(m->entities[e].name_en);
		for (l = 0; l < m->n_leaves; l++)
			n += strlen(cr_dataset_value_source(s->ds, (int)e,
			    (int)l));
		for (c = 0; c < m->n_ctx; c++) {
			v = &m->ctx[c];
			if (v->text != NULL && v->text[e] != NULL)
				n += strlen(v->text[e]);
			src = cr_model_ctx_source(m, (int)c, (int)e);
			if (src != NULL)
				n += strlen(src);
		}
	}
	return (n);
}

static void
capture(const struct session *s, struct state *st)
{
	const struct cr_model	*m = s->ds->model;
	size_t			 e, n, nn = m->n_nodes;

	st->weight = malloc(nn * sizeof *st->weight);
	st->locked = malloc(nn);
	st->score = malloc(m->n_entities * nn * sizeof *st->score);
	st->rank = malloc(m->n_entities * nn * sizeof *st->rank);
	if (st->weight == NULL || st->locked == NULL || st->score == NULL ||
	    st->rank == NULL)
		abort();
	memcpy(st->weight, s->sc->weight, nn * sizeof *st->weight);
	memcpy(st->locked, s->sc->locked, nn);
	st->lo = s->sc->norm_lo;
	st->hi = s->sc->norm_hi;
	st->norm = s->sc->norm;
	st->agg = s->sc->agg;
	st->name = strdup(s->sc->name);
	st->period = strdup(s->ds->period);
	if (st->name == NULL || st->period == NULL)
		abort();
	st->strings = read_strings(s);
	for (e = 0; e < m->n_entities; e++)
		for (n = 0; n < nn; n++) {
			st->score[e * nn + n] = cr_scores_score(s->scores,
			    (int)e, (int)n);
			/* A leaf's rank follows from its scores, and counting
			 * it is O(n): the aggregates' are the stored ones. */
			st->rank[e * nn + n] = m->nodes[n].leaf >= 0 ? 0 :
			    cr_scores_rank(s->scores, (int)e, (int)n);
		}
}

static void
release(struct state *st)
{
	free(st->weight);
	free(st->locked);
	free(st->name);
	free(st->period);
	free(st->score);
	free(st->rank);
}

static int
same_double(double a, double b)
{
	return ((isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof a) == 0);
}

static void
assert_same(const struct session *s, const struct state *a,
    const struct state *b)
{
	const struct cr_model	*m = s->ds->model;
	size_t			 i, nn = m->n_nodes;

	if (memcmp(a->weight, b->weight, nn * sizeof *a->weight) != 0 ||
	    memcmp(a->locked, b->locked, nn) != 0 || a->norm != b->norm ||
	    a->agg != b->agg || !same_double(a->lo, b->lo) ||
	    !same_double(a->hi, b->hi) || strcmp(a->name, b->name) != 0 ||
	    strcmp(a->period, b->period) != 0 || a->strings != b->strings)
		abort();
	for (i = 0; i < m->n_entities * nn; i++)
		if (!same_double(a->score[i], b->score[i]) ||
		    a->rank[i] != b->rank[i])
			abort();
}

/* The session's scores are a full score's, whatever path led there. */
static void
assert_scored(const struct session *s)
{
	const struct cr_model	*m = s->ds->model;
	struct cr_scores	*full = cr_scores_new(m);
	size_t			 e, n;

	if (cr_score(m, s->sc, full, NULL) != 0)
		abort();
	for (e = 0; e < m->n_entities; e++)
		for (n = 0; n < m->n_nodes; n++)
			if (!same_double(cr_scores_score(full, (int)e,
			    (int)n), cr_scores_score(s->scores, (int)e,
			    (int)n)) || (m->nodes[n].leaf < 0 &&
			    cr_scores_rank(full, (int)e, (int)n) !=
			    cr_scores_rank(s->scores, (int)e, (int)n)))
				abort();
	cr_scores_free(full);
}

/* One change from three bytes; its return code. */
static int
apply(struct session *s, const uint8_t *d)
{
	const struct cr_model	*m = s->ds->model;
	int			 node = (int)(d[1] % m->n_nodes);
	struct cr_saved		*v;
	char			*why = NULL, *note = NULL, spec[96];
	int			 rc;

	switch (d[0] % 12) {
	case 0:
		rc = session_step(s, node, (int8_t)d[2], &why);
		break;
	case 1:
		rc = session_lock(s, node, d[2] & 1, &why);
		break;
	case 2:
		rc = session_reset(s, d[2] & 1 ? -1 : node, &why);
		break;
	case 3:
		rc = session_apply_preset(s, &s->ds->presets[d[1] %
		    s->ds->n_presets], &note, &why);
		break;
	case 4:
		rc = session_set_methods(s, (enum cr_norm)(d[1] % 5),
		    (double)(d[2] % 7), (double)(d[2] % 11),
		    (enum cr_agg)(d[2] % 3), &why);
		break;
	case 5:
		rc = session_undo(s, &why);
		break;
	case 6:
		rc = session_redo(s, &why);
		break;
	case 7:
		snprintf(spec, sizeof spec, "%s=%g", m->nodes[node].code,
		    (double)d[2] / 16);
		rc = session_set_weights(s, spec, &why);
		break;
	case 8:
	case 9:
		v = session_to_saved(s, "fuzz", "");
		if (v->n > 0)
			v->weight[d[1] % v->n] = (double)d[2] / 8;
		if (d[0] % 12 == 8)
			rc = session_load(s, v, &note, &why);
		else
			rc = session_set_baseline(s, v, &why);
		cr_saved_free(v);
		break;
	case 10:
		session_rank_by(s, node);
		rc = 1;
		break;
	default:
		/* A year the data set has, or one it has not. */
		rc = session_set_period(s, s->ds->n_periods > 0 &&
		    d[1] % 4 != 3 ? s->ds->periods[d[1] % s->ds->n_periods] :
		    "1999", &why);
		break;
	}
	free(why);
	free(note);
	return (rc);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct state	 start, before, after;
	struct session	*s;
	char		*why = NULL;
	size_t		 i;
	int		 rc;

	if (bundled == NULL)
		build();
	if (size > 3 * 60)
		return (0);	/* well within the history's 200 steps */
	s = size % 3 != 0 ? panel : bundled;
	capture(s, &start);
	for (i = 0; i + 3 <= size; i += 3) {
		capture(s, &before);
		rc = apply(s, data + i);
		if (rc != 0) {
			capture(s, &after);
			assert_same(s, &before, &after);
			release(&after);
		}
		release(&before);
		assert_scored(s);
	}
	while ((rc = session_undo(s, &why)) == 0)
		;
	if (rc != 1)
		abort();
	capture(s, &after);
	assert_same(s, &start, &after);
	release(&after);
	release(&start);
	return (0);
}
