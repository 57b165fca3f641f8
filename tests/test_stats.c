/* Correlations, the least-squares line and average ranks. */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>

#include "stats.h"

static void
expect_near(double got, double want, double eps)
{
	if (!(fabs(got - want) <= eps))
		fail_msg("got %.17g, want %.17g", got, want);
}

/*
 * x = 1..5, y = 2 4 5 4 5: means 3 and 4, deviations -2 -1 0 1 2 and
 * -2 0 1 0 1, so Sxx = 10, Syy = 6, Sxy = 4 + 0 + 0 + 0 + 2 = 6.
 * b = 6/10, a = 4 - 0.6 * 3 = 2.2, r2 = 36 / 60, r = sqrt(0.6).
 */
static const double	 X[] = { 1, 2, 3, 4, 5 };
static const double	 Y[] = { 2, 4, 5, 4, 5 };

static void
test_pearson(void **state)
{
	const double	 x2[] = { 1, NAN, 2, 3, 4, 6, 5 };
	const double	 y2[] = { 2, 100, 4, 5, 4, NAN, 5 };
	const double	 neg[] = { 10, 8, 6, 4, 2 };

	(void)state;
	expect_near(cr_pearson(X, Y, 5), 0.7745966692, 1e-10);
	expect_near(cr_pearson(X, Y, 5), sqrt(0.6), 1e-13);
	/* Pairs with a NAN on either side are skipped. */
	expect_near(cr_pearson(x2, y2, 7), sqrt(0.6), 1e-13);
	/* Symmetric, and exactly -1 on a falling line. */
	expect_near(cr_pearson(Y, X, 5), sqrt(0.6), 1e-13);
	assert_true(cr_pearson(X, neg, 5) == -1);
	assert_true(cr_pearson(X, X, 5) == 1);
	/* Too few pairs, or no variance. */
	assert_true(isnan(cr_pearson(X, Y, 1)));
	assert_true(isnan(cr_pearson(X, Y, 0)));
	assert_true(isnan(cr_pearson(x2 + 1, y2 + 5, 1)));
	assert_true(isnan(cr_pearson((const double[]){ 3, 3, 3 }, X, 3)));
	assert_true(isnan(cr_pearson(X, (const double[]){ 1, 1, 1 }, 3)));
}

static void
test_pearson_offset(void **state)
{
	double	 x[5], y[5];
	int	 i;

	(void)state;
	/* A large common offset must not destroy the precision. */
	for (i = 0; i < 5; i++) {
		x[i] = 1e9 + X[i];
		y[i] = 1e9 + Y[i];
	}
	expect_near(cr_pearson(x, y, 5), sqrt(0.6), 1e-9);
}

static void
test_linfit(void **state)
{
	const double	 x2[] = { NAN, 1, 2, 3, 4, 5, 9 };
	const double	 y2[] = { 7, 2, 4, 5, 4, 5, NAN };
	struct cr_fit	 f;

	(void)state;
	assert_int_equal(cr_linfit(X, Y, 5, &f), 0);
	expect_near(f.b, 0.6, 1e-12);
	expect_near(f.a, 2.2, 1e-12);
	expect_near(f.r2, 0.6, 1e-12);
	assert_int_equal(f.n, 5);

	assert_int_equal(cr_linfit(x2, y2, 7, &f), 0);
	expect_near(f.b, 0.6, 1e-12);
	expect_near(f.a, 2.2, 1e-12);
	assert_int_equal(f.n, 5);

	/* y = 3 - 2x exactly */
	assert_int_equal(cr_linfit(X, (const double[]){ 1, -1, -3, -5, -7 },
	    5, &f), 0);
	expect_near(f.b, -2, 1e-12);
	expect_near(f.a, 3, 1e-12);
	expect_near(f.r2, 1, 1e-12);

	/* A flat y: slope 0 through the mean, nothing to explain. */
	assert_int_equal(cr_linfit(X, (const double[]){ 4, 4, 4, 4, 4 }, 5,
	    &f), 0);
	assert_true(f.b == 0 && f.a == 4);
	assert_true(isnan(f.r2));

	assert_int_equal(cr_linfit((const double[]){ 2, 2, 2 }, X, 3, &f), -1);
	assert_int_equal(cr_linfit(X, Y, 1, &f), -1);
	assert_int_equal(f.n, 1);
	assert_int_equal(cr_linfit(x2, y2, 1, &f), -1);
	assert_int_equal(f.n, 0);
}

/* Ranks equal to want's, NAN where want is. */
static void
expect_ranks(const double *r, const double *want, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (isnan(want[i]))
			assert_true(isnan(r[i]));
		else
			assert_true(r[i] == want[i]);
	}
}

static void
test_avg_ranks(void **state)
{
	const double	 v[] = { 3, 1, 4, 1, 5, NAN, 9, 2, 6, 5 };
	/* sorted: 1 1 | 2 | 3 | 4 | 5 5 | 6 | 9 -> 1.5 1.5 3 4 5 6.5 6.5 8 9 */
	const double	 want[] = {
		4, 1.5, 5, 1.5, 6.5, NAN, 9, 3, 8, 6.5
	};
	double		 r[10];
	int		 i;

	(void)state;
	cr_avg_ranks(v, 10, r);
	expect_ranks(r, want, 10);
	/* In place: the same ranks over the values. */
	memcpy(r, v, sizeof r);
	cr_avg_ranks(r, 10, r);
	expect_ranks(r, want, 10);
	/* All tied: everyone has the middle rank (1 + 4) / 2. */
	cr_avg_ranks((const double[]){ 7, 7, 7, 7 }, 4, r);
	for (i = 0; i < 4; i++)
		assert_true(r[i] == 2.5);
	cr_avg_ranks(v, 0, r);
}

static void
test_spearman(void **state)
{
	const double	 inv[] = { 1, 0.5, 1.0 / 3, 0.25, 0.2 };
	const double	 x2[] = { 1, 2, NAN, 3, 4, 5 };
	const double	 y2[] = { 2, 4, 4.5, 5, 4, 5 };

	(void)state;
	/*
	 * Ranks of y = 2 4 5 4 5 are 1 2.5 4.5 2.5 4.5 (mean 3), ranks of
	 * x are 1..5.  Deviations -2 -1 0 1 2 and -2 -0.5 1.5 -0.5 1.5:
	 * Sxy = 4 + 0.5 + 0 - 0.5 + 3 = 7, Sxx = 10,
	 * Syy = 4 + 0.25 + 2.25 + 0.25 + 2.25 = 9, rho = 7 / sqrt(90).
	 */
	expect_near(cr_spearman(X, Y, 5), 7 / sqrt(90), 1e-13);
	expect_near(cr_spearman(X, Y, 5), 0.7378647873726218, 1e-12);
	/* The NAN pair goes before ranking: its 4.5 must not reorder y. */
	expect_near(cr_spearman(x2, y2, 6), 7 / sqrt(90), 1e-13);
	/* Monotone but not linear: exactly -1. */
	assert_true(cr_spearman(X, inv, 5) == -1);
	assert_true(cr_pearson(X, inv, 5) > -1);
	assert_true(isnan(cr_spearman(X, Y, 1)));
	assert_true(isnan(cr_spearman(X, (const double[]){ 1, 1, 1 }, 3)));
}

/*
 * No spread is judged on the values, not on the centred sums: the mean
 * of three 0.1s is not 0.1 in floating point, so their deviations are
 * rounding noise, not zero, and a correlation or a slope made of noise
 * is no number to print.
 */
static void
test_no_spread(void **state)
{
	const double	 flat[] = { 0.1, 0.1, 0.1 };
	struct cr_fit	 f;

	(void)state;
	assert_true(isnan(cr_pearson(flat, X, 3)));
	assert_true(isnan(cr_pearson(X, flat, 3)));
	assert_true(isnan(cr_spearman(flat, X, 3)));
	assert_int_equal(cr_linfit(flat, X, 3, &f), -1);
	/* A flat y: exactly the flat line, and r2 undefined. */
	assert_int_equal(cr_linfit(X, flat, 3, &f), 0);
	assert_true(f.b == 0 && f.a == 0.1);
	assert_true(isnan(f.r2));

	/* What a caller prints instead of "nan". */
	assert_string_equal(f.undefined, "no spread in y");
	assert_string_equal(cr_corr_undefined(X, flat, 3), "no spread in y");
	assert_string_equal(cr_corr_undefined(flat, X, 3), "no spread in x");
	assert_string_equal(cr_corr_undefined(flat, flat, 3),
	    "no spread in x");
	assert_string_equal(cr_corr_undefined(X, Y, 1),
	    "fewer than two points");
	assert_string_equal(cr_corr_undefined(X, (const double[]){ NAN, 1,
	    NAN }, 3), "fewer than two points");
	assert_null(cr_corr_undefined(X, Y, 5));
	assert_int_equal(cr_linfit(flat, X, 3, &f), -1);
	assert_string_equal(f.undefined, "no spread in x");
	assert_true(isnan(f.a) && isnan(f.b) && isnan(f.r2));
	assert_int_equal(cr_linfit(X, Y, 1, &f), -1);
	assert_string_equal(f.undefined, "fewer than two points");
	assert_int_equal(cr_linfit(X, Y, 5, &f), 0);
	assert_null(f.undefined);
	/* -0 and 0 are the same value: no spread. */
	assert_string_equal(cr_corr_undefined((const double[]){ 0, -0.0 },
	    X, 2), "no spread in x");
}

/*
 * The statistics of any finite values: the sums of squares of values
 * near 1e308 overflow and those near 1e-300 underflow, so the values
 * are scaled by a power of two first.  x = 1e308 -1e308 0 against 1 2 3
 * is -(1 2 3) scaled and reordered: deviations 1 -1 0 and -1 0 1 times
 * the scales, r = -1 / 2, the ranks 3 1 2 give rho = -1 / 2 too.
 */
static void
test_extreme_values(void **state)
{
	const double	 big[] = { 1e308, -1e308, 0 };
	const double	 tiny[] = { 1e-300, 2e-300, 3e-300 };
	const double	 one[] = { 1, 2, 3 };
	struct cr_fit	 f;

	(void)state;
	expect_near(cr_pearson(big, one, 3), -0.5, 1e-15);
	expect_near(cr_pearson(one, big, 3), -0.5, 1e-15);
	expect_near(cr_spearman(big, one, 3), -0.5, 1e-15);
	assert_int_equal(cr_linfit(big, one, 3, &f), 0);
	expect_near(f.b / -5e-309, 1, 1e-12);
	expect_near(f.a, 2, 1e-15);
	expect_near(f.r2, 0.25, 1e-15);
	assert_int_equal(cr_linfit(one, big, 3, &f), 0);
	expect_near(f.b / -5e307, 1, 1e-15);
	expect_near(f.r2, 0.25, 1e-15);

	assert_true(cr_pearson(tiny, one, 3) == 1);
	assert_int_equal(cr_linfit(tiny, one, 3, &f), 0);
	expect_near(f.b / 1e300, 1, 1e-12);
	expect_near(f.a, 0, 1e-12);
	expect_near(f.r2, 1, 1e-15);
	assert_null(f.undefined);

	/* A slope of 1e600 is no double: no line, and a cause. */
	assert_int_equal(cr_linfit(tiny, big, 3, &f), -1);
	assert_true(isnan(f.a) && isnan(f.b) && isnan(f.r2));
	assert_non_null(f.undefined);
	assert_null(cr_corr_undefined(tiny, big, 3));
	expect_near(cr_pearson(tiny, big, 3), -0.5, 1e-15);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pearson),
		cmocka_unit_test(test_pearson_offset),
		cmocka_unit_test(test_linfit),
		cmocka_unit_test(test_avg_ranks),
		cmocka_unit_test(test_spearman),
		cmocka_unit_test(test_no_spread),
		cmocka_unit_test(test_extreme_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
