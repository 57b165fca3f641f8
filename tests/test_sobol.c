/*
 * Sobol indices (engine/sobol.c): the estimators on models whose
 * indices are known in closed form, through the same code the ranking
 * analysis uses: a linear model (each first- and total-order index is
 * its share of the variance, a_i^2 / sum a^2) and the Ishigami function
 * (Saltelli et al. 2008, with a = 7, b = 0.1).  Intervals hold the true
 * values; first order is at most total order within the intervals; the
 * same seed gives the same intervals with any threads; and the run on a
 * ranking refuses what it cannot do.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <gsl/gsl_rng.h>

#include "mc.h"
#include "model.h"
#include "score.h"
#include "sobol.h"

#define N	20000
#define D	3

typedef double	(*model_fn)(const double *x);

static double
linear(const double *u)
{
	return 1 * u[0] + 2 * u[1] + 3 * u[2];
}

/* Inputs uniform on [-pi, pi]. */
static double
ishigami(const double *u)
{
	double	x1 = M_PI * (2 * u[0] - 1), x2 = M_PI * (2 * u[1] - 1);
	double	x3 = M_PI * (2 * u[2] - 1);

	return sin(x1) + 7 * sin(x2) * sin(x2) +
	    0.1 * pow(x3, 4) * sin(x1);
}

struct design {
	double	*fA, *fB, *fAB;
};

/* Saltelli's design for a model, drawn here with GSL's own generator. */
static void
design(model_fn f, struct design *d)
{
	gsl_rng	*r = gsl_rng_alloc(gsl_rng_mt19937);
	double	 a[D], b[D], x[D];
	size_t	 j, i;

	gsl_rng_set(r, 2024);
	d->fA = calloc(N, sizeof(double));
	d->fB = calloc(N, sizeof(double));
	d->fAB = calloc(N * D, sizeof(double));
	for (j = 0; j < N; j++) {
		for (i = 0; i < D; i++)
			a[i] = gsl_rng_uniform(r);
		for (i = 0; i < D; i++)
			b[i] = gsl_rng_uniform(r);
		d->fA[j] = f(a);
		d->fB[j] = f(b);
		for (i = 0; i < D; i++) {
			memcpy(x, a, sizeof x);
			x[i] = b[i];
			d->fAB[i * N + j] = f(x);
		}
	}
	gsl_rng_free(r);
}

static void
design_free(struct design *d)
{
	free(d->fA);
	free(d->fB);
	free(d->fAB);
}

static void
indices(const struct design *d, int threads, struct cr_sobol *out)
{
	struct cr_sobol_opts	o;

	memset(&o, 0, sizeof(o));
	o.n = N;
	o.boot = 300;
	o.conf = 0.95;
	o.seed = 7;
	o.unit = -1;
	cr_sobol_indices(d->fA, d->fB, d->fAB, N, D, &o, threads, out);
}

/* The true value within the interval, widened by a little for luck. */
static void
expect_in(const char *what, size_t i, double got, double lo, double hi,
    double want)
{
	double	slack = 0.01;

	if (!(want >= lo - slack && want <= hi + slack &&
	    fabs(got - want) < 0.05))
		fail_msg("%s %zu: %.4f [%.4f, %.4f], want %.4f", what, i, got,
		    lo, hi, want);
}

static void
check(const double *first, const double *total, model_fn f)
{
	struct design	d;
	struct cr_sobol	r;
	size_t		i;

	design(f, &d);
	cr_sobol_init(&r);
	indices(&d, 2, &r);
	assert_int_equal(r.d, D);
	assert_int_equal(r.evals, N * (D + 2));
	for (i = 0; i < D; i++) {
		expect_in("first", i, r.first[i], r.first_lo[i],
		    r.first_hi[i], first[i]);
		expect_in("total", i, r.total[i], r.total_lo[i],
		    r.total_hi[i], total[i]);
		assert_true(r.first_lo[i] <= r.first[i] &&
		    r.first[i] <= r.first_hi[i]);
		/* First order <= total order, within the intervals. */
		assert_true(r.first_lo[i] <= r.total_hi[i]);
	}
	cr_sobol_free(&r);
	design_free(&d);
}

static void
test_linear(void **state)
{
	/* Var(a U) = a^2 / 12: shares 1, 4, 9 of 14. */
	double	s[D] = { 1.0 / 14, 4.0 / 14, 9.0 / 14 };

	(void)state;
	check(s, s, linear);
}

/*
 * Ishigami with a = 7, b = 0.1: V = a^2/8 + b pi^4/5 + b^2 pi^8/18 +
 * 1/2; V1 = (1 + b pi^4/5)^2 / 2, V2 = a^2/8, V3 = 0, V13 = b^2 pi^8
 * (1/18 - 1/50), so ST1 = (V1 + V13) / V, ST3 = V13 / V.
 */
static void
test_ishigami(void **state)
{
	double	b = 0.1, p4 = pow(M_PI, 4), p8 = pow(M_PI, 8);
	double	v = 49.0 / 8 + b * p4 / 5 + b * b * p8 / 18 + 0.5;
	double	v1 = pow(1 + b * p4 / 5, 2) / 2, v2 = 49.0 / 8;
	double	v13 = b * b * p8 * (1.0 / 18 - 1.0 / 50);
	double	s[D] = { v1 / v, v2 / v, 0 };
	double	t[D] = { (v1 + v13) / v, v2 / v, v13 / v };

	(void)state;
	/* The published values, as a check on the algebra. */
	assert_true(fabs(s[0] - 0.3139) < 1e-3 && fabs(s[1] - 0.4424) < 1e-3);
	assert_true(fabs(t[0] - 0.5576) < 1e-3 && fabs(t[2] - 0.2437) < 1e-3);
	check(s, t, ishigami);
}

static void
test_threads_same(void **state)
{
	struct design	d;
	struct cr_sobol	a, b;

	(void)state;
	design(ishigami, &d);
	indices(&d, 1, &a);
	indices(&d, 3, &b);
	assert_memory_equal(a.first_lo, b.first_lo, D * sizeof(double));
	assert_memory_equal(a.total_hi, b.total_hi, D * sizeof(double));
	cr_sobol_free(&a);
	cr_sobol_free(&b);
	design_free(&d);
}

static double
constant(const double *u)
{
	(void)u;
	return 3;
}

static void
test_no_variance(void **state)
{
	struct design	d;
	struct cr_sobol	r;
	size_t		i;

	(void)state;
	design(constant, &d);
	indices(&d, 1, &r);
	assert_true(r.var == 0);
	for (i = 0; i < D; i++)
		assert_true(isnan(r.first[i]) && isnan(r.total[i]) &&
		    isnan(r.first_lo[i]));
	cr_sobol_free(&r);
	design_free(&d);
}

/* ---- on a ranking ---- */

static void
node(struct cr_model *m, const char *code, const char *parent, double w)
{
	assert_int_equal(cr_model_add_node(m, code, parent, code, code, "",
	    w, 1, NULL), 0);
}

/*
 * Two dimensions decide the ranking and a third is the same for every
 * unit: its weight only shrinks the others' shares together, so it
 * changes no rank alone.  Units sit on a line in (x, y), so that
 * the weight of x against y reorders them.
 */
static struct cr_model *
ranking_model(void)
{
	struct cr_model	*m = cr_model_new("sobol");
	char		 code[16];
	int		 e;

	node(m, "index", NULL, 1);
	node(m, "x", "index", 1);
	node(m, "y", "index", 1);
	node(m, "z", "index", 1);
	assert_int_equal(cr_model_freeze(m, NULL), 0);
	for (e = 0; e < 12; e++) {
		snprintf(code, sizeof code, "u%d", e);
		assert_int_equal(cr_model_add_entity(m, code, code, code,
		    NULL), 0);
		cr_model_set_value(m, e, 0, 10 + e, CR_PROV_REPORT);
		cr_model_set_value(m, e, 1, 40 - 1.1 * e, CR_PROV_REPORT);
		cr_model_set_value(m, e, 2, 50, CR_PROV_REPORT);
	}
	return m;
}

static void
test_ranking(void **state)
{
	struct cr_model		*m = ranking_model();
	struct cr_scenario	*sc = cr_scenario_new(m, "base");
	struct cr_mc_spec	 sp;
	struct cr_sobol_opts	 o;
	struct cr_sobol		 r, r2;
	struct cr_mc		*mc;
	char			*cause = NULL;
	size_t			 i;

	(void)state;
	cr_mc_spec_init(&sp);
	sp.noise = 0.5;
	sp.seed = 3;
	assert_int_equal(cr_mc_new(m, sc, &sp, &mc, NULL), 0);
	memset(&o, 0, sizeof(o));
	o.n = 4000;
	o.unit = -1;
	o.boot = 200;
	o.conf = 0.95;
	assert_int_equal(cr_sobol_run(mc, &o, 1, NULL, NULL, NULL, &r,
	    NULL), 0);
	assert_int_equal(cr_sobol_run(mc, &o, 2, NULL, NULL, NULL, &r2,
	    NULL), 0);
	assert_int_equal(r.d, 3);
	assert_true(r.var > 0);
	assert_memory_equal(r.first, r2.first, 3 * sizeof(double));
	assert_memory_equal(r.total_lo, r2.total_lo, 3 * sizeof(double));
	for (i = 0; i < 3; i++)
		assert_true(r.first_lo[i] <= r.total_hi[i]);
	/* x and y drive the ranks; z only with them. */
	assert_true(r.total[0] > 0.3 && r.total[1] > 0.3);
	assert_true(r.first[2] < 0.05);
	cr_sobol_free(&r);
	cr_sobol_free(&r2);
	/* One unit's rank, and a unit out of range. */
	o.unit = 5;
	assert_int_equal(cr_sobol_run(mc, &o, 2, NULL, NULL, NULL, &r,
	    NULL), 0);
	assert_true(r.var > 0);
	cr_sobol_free(&r);
	o.unit = 99;
	assert_int_equal(cr_sobol_run(mc, &o, 2, NULL, NULL, NULL, &r,
	    &cause), -1);
	assert_non_null(strstr(cause, "no rank to follow"));
	free(cause);
	cr_mc_free(mc);
	/* Dirichlet weights are not independent factors. */
	sp.dist = CR_MC_DIRICHLET;
	assert_int_equal(cr_mc_new(m, sc, &sp, &mc, NULL), 0);
	o.unit = -1;
	assert_int_equal(cr_sobol_run(mc, &o, 1, NULL, NULL, NULL, &r,
	    &cause), -1);
	assert_non_null(strstr(cause, "independent"));
	free(cause);
	cr_mc_free(mc);
	cr_scenario_free(sc);
	cr_model_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_linear),
		cmocka_unit_test(test_ishigami),
		cmocka_unit_test(test_threads_same),
		cmocka_unit_test(test_no_variance),
		cmocka_unit_test(test_ranking),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
