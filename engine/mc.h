/*
 * Uncertainty analysis: score a scenario many times with its weights,
 * and optionally its methods, drawn at random around it, and say how
 * far each unit's rank moves (doc/uncertainty.md).  Pure C, no I/O.
 *
 * Use: cr_mc_new() checks a spec against a model and a base scenario
 * and prepares what every sample shares (normalised leaves, the
 * aggregates no factor reaches); cr_mc_run() scores samples [from, to)
 * on any number of threads; cr_mc_summarise() turns a result into one
 * line per unit.  A prepared run is read-only: a front end may call
 * cr_mc_run() from a worker thread while it draws, reading the progress
 * with cr_mc_done() and stopping it through the cancel flag.
 *
 * Reproducible: sample s depends only on the seed and s (its stream is
 * that of its block of CR_MC_BLOCK samples, drawn from the block's
 * start), never on the threads or on which range a call covers, so the
 * same seed gives the same bytes with one thread or many, and parts
 * run apart merge into exactly one run (mcpart.h).
 */
#ifndef CR_MC_H
#define CR_MC_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "progress.h"
#include "score.h"

/* Samples that share a random stream. */
#define CR_MC_BLOCK	64
/* Limits a caller validates options against. */
#define CR_MC_SAMPLES_MAX	100000000
#define CR_MC_THREADS_MAX	256
#define CR_MC_CONC_MAX		1e6

enum cr_mc_dist {
	CR_MC_UNIFORM,		/* each weight times 1 + noise * U(-1, 1) */
	CR_MC_DIRICHLET		/* each group's shares ~ Dirichlet(c * shares) */
};

struct cr_mc_spec {
	int		 node;		/* the node analysed: the index is 0 */
	int		 weights;	/* 1: weights vary */
	int		 level;		/* their depth; 0: every depth */
	enum cr_mc_dist	 dist;
	double		 noise;		/* uniform: 0 <= noise < 1 */
	double		 conc;		/* Dirichlet: 0 < c <= CR_MC_CONC_MAX */
	/*
	 * Methods drawn from, one bit (1u << method) each, every one
	 * equally likely; 0 keeps the scenario's.  Min-max keeps the
	 * scenario's range when it is min-max, else 0-100.
	 */
	unsigned	 norms;
	unsigned	 aggs;
	size_t		 samples;	/* 1 to CR_MC_SAMPLES_MAX */
	uint64_t	 seed;
	int		 top;		/* P(rank <= top), 1 or more */
};

/* The defaults: weights at every level, +-25%, 1,000 samples, top 10. */
void	cr_mc_spec_init(struct cr_mc_spec *);

enum cr_factor_kind { CR_FACTOR_WEIGHT, CR_FACTOR_NORM, CR_FACTOR_AGG };

/* An uncertain factor: one weight, or the choice of a method. */
struct cr_factor {
	enum cr_factor_kind	 kind;
	int			 node;	/* a weight's node, else -1 */
};

struct cr_mc;

/*
 * Prepares a run.  -1 and *cause when the spec cannot apply: nothing
 * varies (no weight at that level beneath the node, or a single method
 * to draw from), a method drawn cannot score the data (a geometric
 * mean of negative scores), or the base scenario does not score.
 */
int	 cr_mc_new(const struct cr_model *, const struct cr_scenario *base,
	    const struct cr_mc_spec *, struct cr_mc **, char **cause);
void	 cr_mc_free(struct cr_mc *);
const struct cr_mc_spec *cr_mc_spec(const struct cr_mc *);
const struct cr_model *cr_mc_model(const struct cr_mc *);
/*
 * The factors: the weights group by group (parents in node order, each
 * one's children in tree order), then the methods.
 */
size_t	 cr_mc_factors(const struct cr_mc *, const struct cr_factor **);
/* The methods drawn from, in enum order (the scenario's when fixed). */
size_t	 cr_mc_norms(const struct cr_mc *, const enum cr_norm **);
size_t	 cr_mc_aggs(const struct cr_mc *, const enum cr_agg **);
/* The base scenario's score and rank (0: missing) of each unit. */
const double *cr_mc_nominal_score(const struct cr_mc *);
const int *cr_mc_nominal_rank(const struct cr_mc *);

/* Samples [from, to): the node's score and rank of every unit. */
struct cr_mc_result {
	size_t	 n_entities;
	size_t	 from, to;
	double	*score;		/* (to - from) * n_entities; NAN missing */
	int	*rank;		/* the same; 0 missing */
};

void	 cr_mc_result_init(struct cr_mc_result *);
void	 cr_mc_result_free(struct cr_mc_result *);
/*
 * Bytes a run of that many samples holds: every sample's score and rank
 * of every unit (1 GB for 1,000 samples at 84,000 units), and what
 * cr_mc_summarise() adds.  For a check before the run: past it the
 * kernel would end the process without a word.
 */
uint64_t cr_mc_bytes(const struct cr_mc *, size_t samples);

/*
 * Called from the calling thread only, between blocks: samples done of
 * the call's total.
 */
typedef cr_progress_fn	cr_mc_progress_fn;

/* Returned when the cancel flag was set; the result is then freed. */
#define CR_MC_CANCELLED	1

/*
 * Scores samples [from, to) of the spec's into *res (allocated here)
 * with threads threads (1: the calling thread alone).  cancel (may be
 * NULL) is read before every sample.  0, or CR_MC_CANCELLED.
 */
int	 cr_mc_run(const struct cr_mc *, size_t from, size_t to, int threads,
	    volatile sig_atomic_t *cancel, cr_mc_progress_fn, void *arg,
	    struct cr_mc_result *);
/* The version of the random number library (GSL's), for --version. */
const char *cr_mc_rng_version(void);
/* Samples scored so far by a cr_mc_run() under way, from any thread. */
size_t	 cr_mc_done(const struct cr_mc *);

/*
 * One sample's weights and methods, as cr_mc_run() scores them, into
 * a scenario (of the model, with the base's weights): for tests and
 * for showing a sample.
 */
void	 cr_mc_sample_scenario(const struct cr_mc *, size_t sample,
	    struct cr_scenario *);

/* What the samples say of one unit. */
struct cr_mc_unit {
	int	 nominal_rank;		/* 0: missing */
	size_t	 ranked;		/* samples where it had a rank */
	double	 median_rank, mean_rank, p05_rank, p95_rank;
	double	 score_p05, score_p95;
	double	 p_top;			/* share of samples in the top k */
};

/*
 * Per unit (n_entities, caller's array), over samples [from, to) of
 * the result.  Quantiles by linear interpolation between order
 * statistics (R's type 7, GSL's); NAN where a unit never ranked.
 */
void	 cr_mc_summarise(const struct cr_mc *, const struct cr_mc_result *,
	    struct cr_mc_unit *);

#endif
