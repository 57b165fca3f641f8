/*
 * The preparation pipeline on small cases worked by hand: skewness and
 * kurtosis, winsorisation (ties, both ends, the log fallback), every
 * imputation method, denomination, screening and its errors, and the
 * option parsers.  Where a pass or fail decides a case, the skewness
 * and kurtosis were checked with tests/coinr_pipeline.py, written
 * apart from this code.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <cmocka.h>

#include "prepare.h"

static void
expect_near(double got, double want, double eps)
{
	if (!(fabs(got - want) <= eps))
		fail_msg("got %.17g, want %.17g", got, want);
}

static void
expect_values(const double *got, const double *want, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (isnan(want[i]) && isnan(got[i]))
			continue;
		if (!(fabs(got[i] - want[i]) <= 1e-12))
			fail_msg("value %zu: got %.17g, want %.17g", i, got[i],
			    want[i]);
	}
}

/*
 * 1 2 3 4 10: mean 4, deviations -3 -2 -1 0 6, so s2 = 50, s3 = 180,
 * s4 = 1394.  skew = sqrt(5) 180 / 50^1.5 * sqrt(20) / 3 = 1.2
 * sqrt(2); r = 5 * 1394 / 2500 = 2.788, kurt = (6 (r - 3) + 6) 4 / 6 =
 * 3.152.
 */
static void
test_moments(void **state)
{
	const double	x[] = { 1, 2, 3, 4, 10 };
	const double	flat[] = { 3, 3, 3, 3 };

	(void)state;
	expect_near(cr_skew(x, 5), 1.2 * sqrt(2), 1e-13);
	expect_near(cr_kurt(x, 5), 3.152, 1e-13);
	/* Too few values, or no spread: no answer, and a pass. */
	assert_true(isnan(cr_skew(x, 2)));
	assert_true(isnan(cr_kurt(x, 3)));
	assert_true(isnan(cr_skew(flat, 4)));
	assert_true(cr_prep_passes(flat, 4));
	/* |skew| 1.70 < 2: passes whatever the kurtosis. */
	assert_true(cr_prep_passes(x, 5));
}

/* One outlier at the top: moved to the next value, 10; one point. */
static void
test_winsorise_one(void **state)
{
	double		x[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100 };
	const double	want[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10 };

	(void)state;
	assert_false(cr_prep_passes(x, 11));	/* skew 3.26, kurt 10.7 */
	assert_int_equal(cr_winsorise(x, 11, 5), 1);
	expect_values(x, want, 11);
	assert_true(cr_prep_passes(x, 11));
}

/* Tied outliers move together and count as two points (COINr's nwin). */
static void
test_winsorise_ties(void **state)
{
	double	x[22];
	size_t	i;

	(void)state;
	for (i = 0; i < 20; i++)
		x[i] = (double)(i + 1);
	x[20] = x[21] = 200;
	/* Even with winmax 1: one move takes both. */
	assert_int_equal(cr_winsorise(x, 22, 1), 2);
	expect_near(x[20], 20, 0);
	expect_near(x[21], 20, 0);
	expect_near(x[19], 20, 0);
}

/* Negative skew: the minimum moves up. */
static void
test_winsorise_low(void **state)
{
	double		x[] = { -100, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
	const double	want[] = { 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };

	(void)state;
	assert_true(cr_skew(x, 11) < -2);
	assert_int_equal(cr_winsorise(x, 11, 5), 1);
	expect_values(x, want, 11);
}

/*
 * 1..20, 40, 100, 1000 (skew 4.72, kurt 22.5).  winmax 2: 1000 -> 100,
 * then both 100s -> 40, which passes.  winmax 1: 1000 -> 100 still
 * fails, so the original is logged: log(x - 1 + 0.01 * 999).
 */
static double	 big[23];

static void
fill_big(void)
{
	size_t	i;

	for (i = 0; i < 20; i++)
		big[i] = (double)(i + 1);
	big[20] = 40;
	big[21] = 100;
	big[22] = 1000;
}

static struct cr_prep_table *
table_new(size_t n_rows, size_t n_ind, const double *x)
{
	struct cr_prep_table	*t;
	size_t			*z;

	t = calloc(1, sizeof *t);
	z = calloc(n_rows + 1, sizeof *z);
	t->n_rows = n_rows;
	t->n_ind = n_ind;
	t->x = calloc(n_rows * n_ind + 1, sizeof *t->x);
	memcpy(t->x, x, n_rows * n_ind * sizeof *t->x);
	t->unit = calloc(n_rows + 1, sizeof *t->unit);
	for (size_t i = 0; i < n_rows; i++)
		((size_t *)t->unit)[i] = i;
	t->period = z;
	t->n_units = n_rows;
	t->n_periods = 1;
	t->imputed = calloc(n_rows * n_ind + 1, 1);
	t->dropped = calloc(n_rows + 1, 1);
	return (t);
}

static void
table_free(struct cr_prep_table *t)
{
	free(t->x);
	free((void *)t->unit);
	free((void *)t->period);
	free(t->imputed);
	free(t->dropped);
	free(t);
}

static const struct cr_prep_note *
find(const struct cr_prep_report *r, enum cr_prep_what w, size_t nth)
{
	size_t	i;

	for (i = 0; i < r->n_notes; i++)
		if (r->notes[i].what == w && nth-- == 0)
			return (&r->notes[i]);
	fail_msg("no note %s", cr_prep_what_name(w));
	return (NULL);
}

static void
treat(int winmax, struct cr_prep_table **tp, struct cr_prep_report *r)
{
	struct cr_prep_spec	 s;
	char			*cause = NULL;

	fill_big();
	*tp = table_new(23, 1, big);
	cr_prep_spec_init(&s);
	s.treat = 1;
	s.winmax = winmax;
	assert_int_equal(cr_prepare(&s, *tp, r, &cause), 0);
	assert_null(cause);
}

static void
test_treat_log(void **state)
{
	struct cr_prep_table	*t;
	struct cr_prep_report	 r;
	const struct cr_prep_note *n;
	double			 want[23];
	size_t			 i;

	(void)state;
	treat(1, &t, &r);
	for (i = 0; i < 23; i++)
		want[i] = log(big[i] - 1 + 0.01 * 999);
	expect_values(t->x, want, 23);
	n = find(&r, CR_PREP_LOGGED, 0);
	assert_int_equal(n->n, 1);
	expect_near(n->a, cr_skew(big, 23), 0);
	expect_near(n->d, cr_kurt(want, 23), 0);
	assert_int_equal(r.count[CR_PREP_WINSORISED], 0);
	cr_prep_report_free(&r);
	table_free(t);

	treat(2, &t, &r);
	n = find(&r, CR_PREP_WINSORISED, 0);
	assert_int_equal(n->n, 2);
	assert_int_equal(r.n_winsorised, 2);
	expect_near(t->x[20], 40, 0);
	expect_near(t->x[21], 40, 0);
	expect_near(t->x[22], 40, 0);
	expect_near(t->x[19], 20, 0);
	assert_true(fabs(n->c) < 2 || n->d < 3.5);
	cr_prep_report_free(&r);
	table_free(t);
}

/*
 * Missing values and dropped rows take no part in the treatment: the
 * case above with a missing value and two rows of 5000 that screening
 * drops (their second indicator is missing) gives the same result, and
 * the dropped rows keep their values.
 */
static void
test_treat_skips(void **state)
{
	struct cr_prep_table	*t;
	struct cr_prep_report	 r;
	struct cr_prep_spec	 s;
	double			 x[52];
	char			*cause = NULL;
	size_t			 i;

	(void)state;
	fill_big();
	for (i = 0; i < 23; i++) {
		x[2 * i] = big[i];
		x[2 * i + 1] = 1;
	}
	x[46] = NAN;
	x[47] = 1;
	x[48] = x[50] = 5000;
	x[49] = x[51] = NAN;
	t = table_new(26, 2, x);
	cr_prep_spec_init(&s);
	s.treat = 1;
	s.winmax = 2;
	s.screen = 0.9;
	assert_int_equal(cr_prepare(&s, t, &r, &cause), 0);
	assert_int_equal(t->dropped[24] + t->dropped[25], 2);
	assert_int_equal(find(&r, CR_PREP_WINSORISED, 0)->n, 2);
	expect_near(t->x[2 * 22], 40, 0);
	expect_near(t->x[2 * 19], 20, 0);
	assert_true(isnan(t->x[46]));
	expect_near(t->x[48], 5000, 0);
	/* The second indicator has no spread: it passes untouched. */
	assert_int_equal(find(&r, CR_PREP_PASSED, 0)->ind, 1);
	cr_prep_report_free(&r);
	table_free(t);
}

static void
test_too_few(void **state)
{
	const double		 x[] = { 1, NAN, 1000 };
	struct cr_prep_table	*t = table_new(3, 1, x);
	struct cr_prep_report	 r;
	struct cr_prep_spec	 s;
	char			*cause = NULL;

	(void)state;
	cr_prep_spec_init(&s);
	s.treat = 1;
	assert_int_equal(cr_prepare(&s, t, &r, &cause), 0);
	assert_int_equal(find(&r, CR_PREP_TOO_FEW, 0)->n, 2);
	expect_values(t->x, x, 3);
	cr_prep_report_free(&r);
	table_free(t);
}

static void
run_impute(const char *how, struct cr_prep_table *t,
    struct cr_prep_report *r)
{
	struct cr_prep_spec	 s;
	char			*cause = NULL;

	cr_prep_spec_init(&s);
	assert_int_equal(cr_prep_parse_impute(&s, how, &cause), 0);
	assert_int_equal(cr_prepare(&s, t, r, &cause), 0);
	cr_prep_spec_free(&s);
}

static void
test_impute_mean_median(void **state)
{
	const double		 x[] = { 1, NAN, 3, 10 };
	const double		 mean[] = { 1, 14.0 / 3, 3, 10 };
	const double		 median[] = { 1, 3, 3, 10 };
	struct cr_prep_table	*t;
	struct cr_prep_report	 r;

	(void)state;
	t = table_new(4, 1, x);
	run_impute("mean", t, &r);
	expect_values(t->x, mean, 4);
	assert_int_equal(t->imputed[1], 1);
	assert_int_equal(t->imputed[0] + t->imputed[2] + t->imputed[3], 0);
	assert_int_equal(r.n_imputed, 1);
	assert_int_equal(find(&r, CR_PREP_IMPUTED, 0)->n, 1);
	cr_prep_report_free(&r);
	table_free(t);

	t = table_new(4, 1, x);
	run_impute("median", t, &r);
	expect_values(t->x, median, 4);
	cr_prep_report_free(&r);
	table_free(t);
}

/*
 * Two indicators; groups 0 0 1 1 and a unit with none.  Indicator 0:
 * group 0 has 1, group 1 has 5 and 7; indicator 1: group 1 has no
 * value at all, so its two stay missing, and so does the unit with no
 * group (COINr leaves it alone).
 */
static void
test_impute_group(void **state)
{
	const double		 x[] = {
		1, 2,
		NAN, 4,
		5, NAN,
		7, NAN,
		NAN, 9,
	};
	const double		 mean[] = {
		1, 2,
		1, 4,
		5, NAN,
		7, NAN,
		NAN, 9,
	};
	const int		 group[] = { 0, 0, 1, 1, -1 };
	struct cr_prep_table	*t = table_new(5, 2, x);
	struct cr_prep_report	 r;
	const struct cr_prep_note *n;

	(void)state;
	t->group = group;
	t->n_groups = 2;
	run_impute("mean_group:G", t, &r);
	expect_values(t->x, mean, 10);
	assert_int_equal(t->imputed[2], 1);
	assert_int_equal(t->imputed[8], 0);
	n = find(&r, CR_PREP_EMPTY_GROUP, 0);
	assert_int_equal(n->ind, 1);
	assert_int_equal(n->group, 1);
	assert_int_equal(n->n, 2);
	/* Left missing: the unit with no group, then the empty group's. */
	assert_int_equal(find(&r, CR_PREP_NOT_IMPUTED, 0)->n, 1);
	assert_int_equal(find(&r, CR_PREP_NOT_IMPUTED, 1)->n, 2);
	cr_prep_report_free(&r);
	table_free(t);
}

/*
 * A panel: one unit over 2018, 2019, 2021 (no 2020), values 10, -, 40,
 * and a second unit 1, 2, -.  Linear: 10 + 30 (2019 - 2018) / (2021 -
 * 2018) = 20; the second's last stays missing.  Carried forward: 10
 * and 2.
 */
static struct cr_prep_table *
panel(void)
{
	static const size_t	 unit[] = { 0, 0, 0, 1, 1, 1 };
	static const size_t	 period[] = { 0, 1, 2, 0, 1, 2 };
	static const double	 time[] = { 2018, 2019, 2021 };
	const double		 x[] = { 10, NAN, 40, 1, 2, NAN };
	struct cr_prep_table	*t = table_new(6, 1, x);

	free((void *)t->unit);
	free((void *)t->period);
	t->unit = calloc(6, sizeof *t->unit);
	t->period = calloc(6, sizeof *t->period);
	memcpy((void *)t->unit, unit, sizeof unit);
	memcpy((void *)t->period, period, sizeof period);
	t->n_units = 2;
	t->n_periods = 3;
	t->time = time;
	return (t);
}

static void
test_impute_panel(void **state)
{
	const double		 linear[] = { 10, 20, 40, 1, 2, NAN };
	const double		 locf[] = { 10, 10, 40, 1, 2, 2 };
	struct cr_prep_table	*t;
	struct cr_prep_report	 r;

	(void)state;
	t = panel();
	run_impute("linear", t, &r);
	expect_values(t->x, linear, 6);
	assert_int_equal(r.n_imputed, 1);
	assert_int_equal(find(&r, CR_PREP_NOT_IMPUTED, 0)->period, 2);
	cr_prep_report_free(&r);
	table_free(t);

	t = panel();
	run_impute("locf", t, &r);
	expect_values(t->x, locf, 6);
	assert_int_equal(t->imputed[5], 1);
	assert_int_equal(r.n_imputed, 2);
	cr_prep_report_free(&r);
	table_free(t);
}

/* 10 / 2 = 5; a zero and a missing denominator make the value missing. */
static void
test_denominate(void **state)
{
	const double		 x[] = { 10, 7, 10, 7, 10, 7, NAN, 7 };
	const double		 den[] = { 2, 0, NAN, 4 };
	const int		 den_of[] = { 0, -1 };
	const double		 want[] = { 5, 7, NAN, 7, NAN, 7, NAN, 7 };
	struct cr_prep_table	*t = table_new(4, 2, x);
	struct cr_prep_report	 r;
	struct cr_prep_spec	 s;
	char			*cause = NULL;
	const struct cr_prep_note *n;

	(void)state;
	t->den = den;
	t->n_den = 1;
	t->den_of = den_of;
	cr_prep_spec_init(&s);
	s.denominate = 1;
	assert_int_equal(cr_prepare(&s, t, &r, &cause), 0);
	expect_values(t->x, want, 8);
	n = find(&r, CR_PREP_DENOM_ZERO, 0);
	assert_int_equal(n->row, 1);
	assert_int_equal(n->ind, 0);
	assert_int_equal(find(&r, CR_PREP_DENOM_MISSING, 0)->row, 2);
	/* A missing value with a missing denominator says nothing. */
	assert_int_equal(r.n_notes, 2);
	cr_prep_report_free(&r);
	table_free(t);
}

/* Four indicators: availability 1, 0.75, 0.5. */
static const double	 scr[] = {
	1, 2, 3, 4,
	1, NAN, 3, 4,
	NAN, 2, NAN, 4,
};

static void
test_screen(void **state)
{
	struct cr_prep_table	*t = table_new(3, 4, scr);
	struct cr_prep_report	 r;
	struct cr_prep_spec	 s;
	char			*cause = NULL;

	(void)state;
	cr_prep_spec_init(&s);
	/* 0.75 is kept at 0.75: dropped only below. */
	s.screen = 0.75;
	assert_int_equal(cr_prepare(&s, t, &r, &cause), 0);
	assert_int_equal(t->dropped[0] + t->dropped[1], 0);
	assert_int_equal(t->dropped[2], 1);
	assert_int_equal(r.n_dropped, 1);
	expect_near(find(&r, CR_PREP_DROPPED, 0)->a, 0.5, 0);
	cr_prep_report_free(&r);
	s.screen = 0.8;
	assert_int_equal(cr_prepare(&s, t, &r, &cause), 0);
	assert_int_equal(t->dropped[1], 1);
	assert_int_equal(r.n_dropped, 2);
	cr_prep_report_free(&r);
	table_free(t);
}

static void
test_screen_all(void **state)
{
	struct cr_prep_table	*t = table_new(2, 4, scr + 4);
	struct cr_prep_report	 r;
	struct cr_prep_spec	 s;
	char			*cause = NULL;

	(void)state;
	cr_prep_spec_init(&s);
	s.screen = 0.9;
	assert_int_equal(cr_prepare(&s, t, &r, &cause), -1);
	assert_non_null(cause);
	assert_string_equal(cause, "screening at 0.9 drops every unit: the "
	    "most complete has 75.0% of its indicator values");
	assert_int_equal(r.n_notes, 0);
	free(cause);
	table_free(t);
}

static void
expect_parse_error(int (*fn)(struct cr_prep_spec *, const char *,
    char **), const char *arg, const char *want)
{
	struct cr_prep_spec	 s;
	char			*cause = NULL;

	cr_prep_spec_init(&s);
	assert_int_equal(fn(&s, arg, &cause), -1);
	assert_non_null(cause);
	if (strstr(cause, want) == NULL)
		fail_msg("'%s': got '%s', want '%s'", arg, cause, want);
	free(cause);
	cr_prep_spec_free(&s);
}

static void
test_parse(void **state)
{
	struct cr_prep_spec	 s;
	char			*cause = NULL, *recipe;

	(void)state;
	cr_prep_spec_init(&s);
	assert_false(cr_prep_any(&s));
	recipe = cr_prep_recipe(&s);
	assert_string_equal(recipe, "none");
	free(recipe);
	s.denominate = 1;
	assert_int_equal(cr_prep_parse_impute(&s,
	    "mean_group:EurAsia_group", &cause), 0);
	assert_int_equal(s.impute, CR_IMPUTE_MEAN_GROUP);
	assert_string_equal(s.group, "EurAsia_group");
	assert_int_equal(cr_prep_parse_screen(&s, "0.9", &cause), 0);
	assert_int_equal(cr_prep_parse_treat(&s, "winsorise", &cause), 0);
	assert_int_equal(s.winmax, 5);
	recipe = cr_prep_recipe(&s);
	assert_string_equal(recipe, "denominate; impute "
	    "mean_group:EurAsia_group; screen 0.9; treat winsorise:5");
	free(recipe);
	assert_int_equal(cr_prep_parse_treat(&s, "winsorise:3", &cause), 0);
	assert_int_equal(s.winmax, 3);
	assert_int_equal(cr_prep_parse_impute(&s, "locf", &cause), 0);
	assert_null(s.group);
	assert_true(cr_prep_any(&s));
	cr_prep_spec_free(&s);

	expect_parse_error(cr_prep_parse_impute, "average",
	    "'average' is not none, mean");
	expect_parse_error(cr_prep_parse_impute, "mean_group",
	    "needs a group column");
	expect_parse_error(cr_prep_parse_impute, "mean_group:",
	    "needs a group column");
	expect_parse_error(cr_prep_parse_impute, "mean:G", "takes no group");
	expect_parse_error(cr_prep_parse_screen, "1.5", "'1.5' is not a "
	    "share");
	expect_parse_error(cr_prep_parse_screen, "90%", "'90%' is not");
	expect_parse_error(cr_prep_parse_treat, "winsorize", "'winsorize' "
	    "is not winsorise");
	expect_parse_error(cr_prep_parse_treat, "winsorise:0", "WINMAX '0'");
	expect_parse_error(cr_prep_parse_treat, "winsorise:2.5", "WINMAX");
	expect_parse_error(cr_prep_parse_treat, "winsorisex", "is not");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_moments),
		cmocka_unit_test(test_winsorise_one),
		cmocka_unit_test(test_winsorise_ties),
		cmocka_unit_test(test_winsorise_low),
		cmocka_unit_test(test_treat_log),
		cmocka_unit_test(test_treat_skips),
		cmocka_unit_test(test_too_few),
		cmocka_unit_test(test_impute_mean_median),
		cmocka_unit_test(test_impute_group),
		cmocka_unit_test(test_impute_panel),
		cmocka_unit_test(test_denominate),
		cmocka_unit_test(test_screen),
		cmocka_unit_test(test_screen_all),
		cmocka_unit_test(test_parse),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
