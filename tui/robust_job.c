/*
 * The explorer's robustness worker (robust_job.h).  The engine's run is
 * prepared on the main thread (cr_mc_new copies the scenario and the
 * normalised rows it needs), so the worker reads nothing the session
 * may change while it runs: a key that changes the weights only makes
 * the result stale.
 */
#include "config.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "robust_job.h"
#include "session.h"
#include "xmalloc.h"

/*
 * What a run may cost: about 2e6 unit-samples, 20 ms at 26 units and
 * 200 samples at 10,000; and the Sobol run's base samples.
 */
static size_t	budget = 2000000, least = 200, sobol_n = 1000;

void
robust_job_budget(size_t unit_samples, size_t min_samples, size_t sobol)
{
	budget = unit_samples;
	least = min_samples;
	sobol_n = sobol;
}

/* Every level, +-25%: what 'cityrank robust' does by default. */
static void
spec_every(struct cr_mc_spec *sp, const struct session *ss)
{
	size_t	n = ss->ds->model->n_entities;

	cr_mc_spec_init(sp);
	sp->node = ss->by;
	sp->noise = ROBUST_NOISE;
	sp->samples = n > 0 ? budget / n : 1;
	if (sp->samples > 10000)
		sp->samples = 10000;
	if (sp->samples < least)
		sp->samples = least;
	if (sp->samples < 1)
		sp->samples = 1;
	sp->top = n < 20 ? (int)(n + 1) / 2 : 10;
}

static void *
work(void *arg)
{
	struct robust_job	*j = arg;
	struct cr_sobol_opts	 o;
	char			*why = NULL;
	size_t			 n = cr_mc_spec(j->mc)->samples;

	j->rc = cr_mc_run(j->mc, 0, n, 1, &j->cancel, NULL, NULL, &j->res);
	if (j->rc == 0) {
		j->next = xcalloc(j->res.n_entities + 1, sizeof *j->next);
		cr_mc_summarise(j->mc, &j->res, j->next);
	}
	if (j->rc == 0 && j->mc_top != NULL) {
		memset(&o, 0, sizeof o);
		o.n = sobol_n;
		o.unit = -1;
		o.boot = sobol_n / 10;
		o.conf = 0.9;
		o.seed = 1;
		if (cr_sobol_run(j->mc_top, &o, 1, &j->cancel, NULL, NULL,
		    &j->next_sobol, &why) != 0)
			cr_sobol_free(&j->next_sobol);
		free(why);
	}
	atomic_store(&j->finished, 1);
	return (NULL);
}

void
robust_job_init(struct robust_job *j)
{
	memset(j, 0, sizeof *j);
	cr_mc_result_init(&j->res);
	cr_sobol_init(&j->sobol);
	cr_sobol_init(&j->next_sobol);
}

/* Wait for the worker and drop what it made (cancelled or not taken). */
static void
stop(struct robust_job *j)
{
	if (!j->running)
		return;
	j->cancel = 1;
	if (!j->joined)
		pthread_join(j->thread, NULL);
	j->joined = 0;
	j->running = 0;
	cr_mc_result_free(&j->res);
	free(j->next);
	j->next = NULL;
	cr_sobol_free(&j->next_sobol);
	cr_sobol_init(&j->next_sobol);
	cr_mc_free(j->mc);
	cr_mc_free(j->mc_top);
	j->mc = j->mc_top = NULL;
	cr_scenario_free(j->want_sc);
	j->want_sc = NULL;
	free(j->want_period);
	j->want_period = NULL;
}

void
robust_job_free(struct robust_job *j)
{
	stop(j);
	robust_job_resume(j);
	free(j->units);
	free(j->sobol_node);
	cr_sobol_free(&j->sobol);
	cr_scenario_free(j->sc);
	free(j->period);
	memset(j, 0, sizeof *j);
}

static int
same_state(const struct session *ss, const struct cr_scenario *sc, int by,
    const char *period)
{
	return (sc != NULL && by == ss->by && period != NULL &&
	    strcmp(period, ss->ds->period) == 0 &&
	    !cr_scenario_differs(ss->ds->model, sc, ss->sc));
}

int
robust_job_stale(const struct robust_job *j, const struct session *ss)
{
	return (!same_state(ss, j->sc, j->by, j->period));
}

int
robust_job_cancel(struct robust_job *j, const struct session *ss)
{
	int	was = j->running;

	if (!was)
		return (0);
	stop(j);
	robust_job_resume(j);
	j->held_sc = cr_scenario_copy(ss->ds->model, ss->sc);
	j->held_by = ss->by;
	j->held_period = xstrdup(ss->ds->period);
	return (was);
}

void
robust_job_resume(struct robust_job *j)
{
	cr_scenario_free(j->held_sc);
	free(j->held_period);
	j->held_sc = NULL;
	j->held_period = NULL;
}

int
robust_job_held(const struct robust_job *j, const struct session *ss)
{
	return (same_state(ss, j->held_sc, j->held_by, j->held_period));
}

int
robust_job_want(struct robust_job *j, struct session *ss)
{
	const struct cr_model	*m = ss->ds->model;
	struct cr_mc_spec	 sp;
	char			*why = NULL;

	if (robust_job_held(j, ss))
		return (0);
	robust_job_resume(j);
	if (!robust_job_stale(j, ss) ||
	    (j->running && same_state(ss, j->want_sc, j->want_by,
	    j->want_period)))
		return (0);
	stop(j);
	j->why[0] = '\0';
	spec_every(&sp, ss);
	if (cr_mc_new(m, ss->sc, &sp, &j->mc, &why) != 0 ||
	    session_mc_fits(j->mc, sp.samples, &why) != 0) {
		snprintf(j->why, sizeof j->why, "%s", why);
		free(why);
		cr_mc_free(j->mc);
		j->mc = NULL;
		return (-1);
	}
	/* Sobol over the ranked node's own weights: few, independent. */
	sp.level = m->nodes[ss->by].depth + 1;
	if (cr_mc_new(m, ss->sc, &sp, &j->mc_top, &why) != 0) {
		free(why);
		j->mc_top = NULL;
	}
	j->want_sc = cr_scenario_copy(m, ss->sc);
	j->want_by = ss->by;
	j->want_period = xstrdup(ss->ds->period);
	j->cancel = 0;
	atomic_store(&j->finished, 0);
	j->rc = -1;
	if (pthread_create(&j->thread, NULL, work, j) != 0) {
		snprintf(j->why, sizeof j->why, "cannot start a thread");
		cr_mc_free(j->mc);
		cr_mc_free(j->mc_top);
		j->mc = j->mc_top = NULL;
		return (-1);
	}
	j->running = 1;
	return (1);
}

int
robust_job_poll(struct robust_job *j)
{
	const struct cr_factor	*f;
	size_t			 i;

	if (!j->running || !atomic_load(&j->finished))
		return (0);
	/* stop() below frees what the worker made: once joined here. */
	if (!j->joined)
		pthread_join(j->thread, NULL);
	j->joined = 1;
	if (j->rc == 0) {
		free(j->units);
		j->units = j->next;
		j->next = NULL;
		cr_sobol_free(&j->sobol);
		j->sobol = j->next_sobol;
		cr_sobol_init(&j->next_sobol);
		cr_scenario_free(j->sc);
		j->sc = j->want_sc;
		j->want_sc = NULL;
		free(j->period);
		j->period = j->want_period;
		j->want_period = NULL;
		j->by = j->want_by;
		j->samples = cr_mc_spec(j->mc)->samples;
		j->top = cr_mc_spec(j->mc)->top;
		j->n = j->res.n_entities;
		if (j->mc_top != NULL && j->sobol.d > 0) {
			/* Kept as node ids: the run is freed below. */
			cr_mc_factors(j->mc_top, &f);
			j->sobol_node = xreallocarray(j->sobol_node,
			    j->sobol.d + 1, sizeof *j->sobol_node);
			for (i = 0; i < j->sobol.d; i++)
				j->sobol_node[i] = f[i].node;
		}
	}
	stop(j);
	return (1);
}

void
robust_job_wait(struct robust_job *j)
{
	if (!j->running)
		return;
	pthread_join(j->thread, NULL);
	atomic_store(&j->finished, 1);
	/* Joined: poll's own join must not run again. */
	j->joined = 1;
	robust_job_poll(j);
}

int
robust_job_busy(const struct robust_job *j)
{
	return (j->running);
}

int
robust_job_progress(const struct robust_job *j)
{
	size_t	n;

	if (!j->running || j->mc == NULL)
		return (0);
	n = cr_mc_spec(j->mc)->samples;
	return (n > 0 ? (int)(100 * cr_mc_done(j->mc) / n) : 0);
}

int
robust_job_fragile(const struct robust_job *j, int e)
{
	const struct cr_mc_unit	*u;

	if (j->units == NULL || e < 0 || (size_t)e >= j->n)
		return (0);
	u = &j->units[e];
	return (u->ranked > 0 && u->p95_rank - u->p05_rank >= ROBUST_FRAGILE);
}
