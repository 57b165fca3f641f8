/*
 * The robustness analysis of the explorer, run off the input thread:
 * Monte Carlo bands of every unit's rank (every weight at every level
 * drawn +-25% around the scenario) and the Sobol indices of the ranked
 * node's own weights.  A result carries the state it was computed for;
 * when the weights, the methods, the ranked node or the year change it
 * is stale, and the caller starts a new run (the old one is cancelled).
 */
#ifndef CR_ROBUST_JOB_H
#define CR_ROBUST_JOB_H

#include <pthread.h>
#include <signal.h>
#include <stddef.h>

#include "mc.h"
#include "sobol.h"

struct session;

#define ROBUST_NOISE	0.25
#define ROBUST_FRAGILE	3	/* a band of this many places is fragile */
/* Units up to which the ranking's fragile marks are kept up to date. */
#define ROBUST_AUTO_MAX	2000

struct robust_job {
	/* The worker's: written by it, read once it has finished. */
	pthread_t		 thread;
	int			 running;	/* a worker was started */
	int			 joined;	/* and waited for */
	volatile sig_atomic_t	 cancel;
	_Atomic int		 finished;	/* set last by the worker */
	struct cr_mc		*mc, *mc_top;	/* every level; the top */
	struct cr_mc_result	 res;
	struct cr_mc_unit	*next;		/* its summary */
	struct cr_sobol		 next_sobol;
	int			 rc;
	/* The last finished result, and what it was computed for. */
	struct cr_mc_unit	*units;		/* n_entities, or NULL */
	struct cr_sobol		 sobol;		/* d == 0: none */
	int			*sobol_node;	/* its factors' nodes */
	struct cr_scenario	*sc;		/* of the result */
	int			 by;
	char			*period;
	size_t			 samples, n;
	int			 top;
	/* What the worker runs for, to tell whether it is still wanted. */
	struct cr_scenario	*want_sc;
	int			 want_by;
	char			*want_period;
	char			 why[256];	/* why none could be made */
	/* Cancelled by the user: no new run until the state changes. */
	struct cr_scenario	*held_sc;
	int			 held_by;
	char			*held_period;
};

void	robust_job_init(struct robust_job *);
/*
 * What a run may cost (by default 2e6 unit-samples, at least 200
 * samples, 1,000 Sobol base samples): the key fuzzer makes it small.
 */
void	robust_job_budget(size_t unit_samples, size_t min_samples,
	    size_t sobol_n);
/* Cancels and waits for a worker, then frees everything. */
void	robust_job_free(struct robust_job *);
/*
 * Start a run for the session's state unless one for it is under way
 * or done: 1 when one was started, 0 when none was needed, -1 when the
 * state cannot be analysed (why says so).
 */
int	robust_job_want(struct robust_job *, struct session *);
/*
 * The user's cancel: stop a running worker, and start none for this
 * state again until it changes or robust_job_resume() is called.
 * 1 when a worker was running.
 */
int	robust_job_cancel(struct robust_job *, const struct session *);
void	robust_job_resume(struct robust_job *);
/* 1 while the user's cancel holds for the session's state. */
int	robust_job_held(const struct robust_job *, const struct session *);
/* Take a finished worker's result: 1 when a new one arrived. */
int	robust_job_poll(struct robust_job *);
/* Wait for a running worker and take its result (the key fuzzer). */
void	robust_job_wait(struct robust_job *);
/* 1 while a worker runs. */
int	robust_job_busy(const struct robust_job *);
/* Samples done of the running worker's, 0-100. */
int	robust_job_progress(const struct robust_job *);
/* 1 when the result is not for the session's state now. */
int	robust_job_stale(const struct robust_job *, const struct session *);
/* A unit's band is ROBUST_FRAGILE places or more: 1; no result: 0. */
int	robust_job_fragile(const struct robust_job *, int entity);

#endif
