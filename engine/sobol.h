/*
 * Sensitivity analysis: which uncertain factor drives the uncertainty
 * of a ranking.  Variance-based (Sobol) indices by Saltelli's scheme:
 * two matrices A and B of n rows of independent uniform factors, and
 * for each factor i the matrix A_B^i, A with column i from B; the
 * first-order index by Saltelli (2010), the total-order index by
 * Jansen (1999), and bootstrap intervals (doc/uncertainty.md).
 *
 * The estimators take the model's outputs only, so a model with known
 * indices tests the same code (tests/test_sobol.c).
 */
#ifndef CR_SOBOL_H
#define CR_SOBOL_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "mc.h"

#define CR_SOBOL_BOOT	500	/* bootstrap replicates by default */
#define CR_SOBOL_BOOT_MAX	100000

struct cr_sobol_opts {
	size_t	 n;		/* base samples: n * (d + 2) evaluations */
	int	 unit;		/* -1: mean |rank change|; else its rank */
	size_t	 boot;		/* bootstrap replicates, 0: no intervals */
	double	 conf;		/* interval level, e.g. 0.95 */
	uint64_t seed;		/* the bootstrap's (cr_sobol_run: the spec's) */
};

struct cr_sobol {
	size_t	 d, n;
	double	*first, *first_lo, *first_hi;	/* d each */
	double	*total, *total_lo, *total_hi;
	double	 mean, var;	/* of the output over A and B */
	size_t	 evals;
};

void	cr_sobol_init(struct cr_sobol *);
void	cr_sobol_free(struct cr_sobol *);

/*
 * Indices from outputs: fA and fB (n each), fAB (d * n, factor-major).
 * Variance over A and B together (divided by 2n).  Indices are NAN
 * when the output has no variance.  Intervals are percentile bootstrap
 * intervals over opts->boot resamples of the n rows, seeded with
 * opts->seed: the same seed, the same intervals.
 */
void	cr_sobol_indices(const double *fA, const double *fB,
	    const double *fAB, size_t n, size_t d,
	    const struct cr_sobol_opts *, int threads, struct cr_sobol *);

/*
 * The analysis of a prepared run's factors (cr_mc_factors()): uniform
 * weights only, as Dirichlet draws a group's weights together, which
 * are then not independent factors.  The spec's seed; its samples are
 * not used (opts->n is).  0, -1 with *cause, or CR_MC_CANCELLED.
 */
int	cr_sobol_run(const struct cr_mc *, const struct cr_sobol_opts *,
	    int threads, volatile sig_atomic_t *cancel, cr_mc_progress_fn,
	    void *arg, struct cr_sobol *, char **cause);

#endif
