/*
 * Scoring: method parsing, normalisation, aggregation, ranks, weight
 * specifications, shares, and the incremental re-score.
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <cmocka.h>

#include "child.h"
#include "light.h"
#include "model.h"
#include "normalize.h"
#include "bitcol.h"
#include "score.h"
#include "xmalloc.h"

#define EPS	1e-9

static void
expect_near(double got, double want)
{
	if (!(fabs(got - want) <= EPS * fmax(1, fabs(want))))
		fail_msg("got %.17g, want %.17g", got, want);
}

static void
expect_cause(int rc, char *cause, const char *want)
{
	assert_int_equal(rc, -1);
	assert_non_null(cause);
	if (strcmp(cause, want) != 0)
		fail_msg("cause \"%s\", want \"%s\"", cause, want);
	free(cause);
}

static void
node(struct cr_model *m, const char *code, const char *parent, double w,
    int dir)
{
	assert_int_equal(cr_model_add_node(m, code, parent, code, code, "",
	    w, dir, NULL), 0);
}

static void
entity(struct cr_model *m, const char *code)
{
	assert_int_equal(cr_model_add_entity(m, code, code, code, NULL), 0);
}

static void
value(struct cr_model *m, const char *ent, const char *nd, double v,
    enum cr_prov p)
{
	int	 e, n;

	e = cr_model_find_entity(m, ent);
	n = cr_model_find_node(m, nd);
	assert_true(e >= 0 && n >= 0);
	assert_int_equal(cr_model_set_value(m, e, m->nodes[n].leaf, v, p), 0);
}

static double
score_of(const struct cr_model *m, const struct cr_scores *s,
    const char *ent, const char *nd)
{
	int	 e, n;

	e = cr_model_find_entity(m, ent);
	n = cr_model_find_node(m, nd);
	assert_true(e >= 0 && n >= 0);
	return cr_scores_score(s, e, n);
}

static int
rank_of(const struct cr_model *m, struct cr_scores *s, const char *ent,
    const char *nd)
{
	return cr_scores_rank(s, cr_model_find_entity(m, ent),
	    cr_model_find_node(m, nd));
}

static int
missing_of(const struct cr_model *m, const struct cr_scores *s,
    const char *ent, const char *nd)
{
	return cr_scores_missing(s, cr_model_find_entity(m, ent),
	    cr_model_find_node(m, nd));
}

static enum cr_prov
prov_of(const struct cr_model *m, const struct cr_scores *s,
    const char *ent, const char *nd)
{
	return cr_scores_prov(s, cr_model_find_entity(m, ent),
	    cr_model_find_node(m, nd));
}

/* ---- method names ---- */

static void
test_norm_parse(void **state)
{
	enum cr_norm	 n;
	double		 lo = -1, hi = -1;
	char		*cause;
	int		 rc;

	(void)state;
	assert_int_equal(cr_norm_parse("none", &n, &lo, &hi, NULL), 0);
	assert_int_equal(n, CR_NORM_NONE);
	assert_int_equal(cr_norm_parse("zscore", &n, &lo, &hi, NULL), 0);
	assert_int_equal(n, CR_NORM_ZSCORE);
	assert_int_equal(cr_norm_parse("rank", &n, &lo, &hi, NULL), 0);
	assert_int_equal(n, CR_NORM_RANK);
	assert_int_equal(cr_norm_parse("minmax", &n, &lo, &hi, NULL), 0);
	assert_int_equal(n, CR_NORM_MINMAX);
	assert_true(lo == 0 && hi == 100);
	assert_int_equal(cr_norm_parse("minmax:1:100", &n, &lo, &hi, NULL), 0);
	assert_int_equal(n, CR_NORM_MINMAX);
	assert_true(lo == 1 && hi == 100);
	assert_int_equal(cr_norm_parse("minmax:-0.5:2.5", &n, &lo, &hi,
	    NULL), 0);
	assert_true(lo == -0.5 && hi == 2.5);

	cause = NULL;
	rc = cr_norm_parse("z-score", &n, &lo, &hi, &cause);
	expect_cause(rc, cause, "unknown normalisation 'z-score' (expected "
	    "none, minmax[:LO:HI], zscore, rank, prank, borda, "
	    "fracmax, goalposts[:LO:HI[:SCALE]], dist2max, "
	    "dist2targ[:TARGET][:cap] or dist2ref:UNIT[:cap])");
	cause = NULL;
	rc = cr_norm_parse("", &n, &lo, &hi, &cause);
	expect_cause(rc, cause, "unknown normalisation '' (expected "
	    "none, minmax[:LO:HI], zscore, rank, prank, borda, "
	    "fracmax, goalposts[:LO:HI[:SCALE]], dist2max, "
	    "dist2targ[:TARGET][:cap] or dist2ref:UNIT[:cap])");
	/* Bad ranges: reversed, equal, missing, junk, infinite. */
	assert_int_equal(cr_norm_parse("minmax:100:1", &n, &lo, &hi, NULL),
	    -1);
	assert_int_equal(cr_norm_parse("minmax:5:5", &n, &lo, &hi, NULL), -1);
	assert_int_equal(cr_norm_parse("minmax:1", &n, &lo, &hi, NULL), -1);
	assert_int_equal(cr_norm_parse("minmax:", &n, &lo, &hi, NULL), -1);
	assert_int_equal(cr_norm_parse("minmax:1:2x", &n, &lo, &hi, NULL),
	    -1);
	assert_int_equal(cr_norm_parse("minmax:1:2:3", &n, &lo, &hi, NULL),
	    -1);
	assert_int_equal(cr_norm_parse("minmax:0:inf", &n, &lo, &hi, NULL),
	    -1);
	cause = NULL;
	rc = cr_norm_parse("minmax:9:1", &n, &lo, &hi, &cause);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(cause, "'minmax:9:1'"));
	free(cause);
	/* The last good parse is untouched by the failures. */
	assert_true(lo == -0.5 && hi == 2.5);

	assert_int_equal(cr_norm_parse("prank", &n, &lo, &hi, NULL), 0);
	assert_int_equal(n, CR_NORM_PRANK);
	assert_int_equal(cr_norm_parse("Borda", &n, &lo, &hi, NULL), 0);
	assert_int_equal(n, CR_NORM_BORDA);
	assert_int_equal(cr_norm_parse("fracmax", &n, &lo, &hi, NULL), 0);
	assert_int_equal(n, CR_NORM_FRACMAX);
	assert_int_equal(cr_norm_parse("fracmax:0:1", &n, &lo, &hi, NULL),
	    -1);

	assert_string_equal(cr_norm_name(CR_NORM_NONE), "none");
	assert_string_equal(cr_norm_name(CR_NORM_MINMAX), "minmax");
	assert_string_equal(cr_norm_name(CR_NORM_ZSCORE), "zscore");
	assert_string_equal(cr_norm_name(CR_NORM_RANK), "rank");
	assert_string_equal(cr_norm_name(CR_NORM_PRANK), "prank");
	assert_string_equal(cr_norm_name(CR_NORM_BORDA), "borda");
	assert_string_equal(cr_norm_name(CR_NORM_FRACMAX), "fracmax");
	assert_true(cr_norm_ranked(CR_NORM_PRANK) &&
	    cr_norm_ranked(CR_NORM_BORDA) && cr_norm_ranked(CR_NORM_RANK) &&
	    !cr_norm_ranked(CR_NORM_FRACMAX) && !cr_norm_ranked(CR_NORM_NONE));
}

static void
test_agg_parse(void **state)
{
	enum cr_agg	 a;
	char		*cause = NULL;
	int		 rc;

	(void)state;
	assert_int_equal(cr_agg_parse("arith", &a, NULL), 0);
	assert_int_equal(a, CR_AGG_ARITH);
	assert_int_equal(cr_agg_parse("geometric", &a, NULL), 0);
	assert_int_equal(a, CR_AGG_GEOM);
	assert_int_equal(cr_agg_parse("arithmetic", &a, NULL), 0);
	assert_int_equal(a, CR_AGG_ARITH);
	assert_int_equal(cr_agg_parse("geom", &a, NULL), 0);
	assert_int_equal(a, CR_AGG_GEOM);
	assert_int_equal(cr_agg_parse("harmonic", &a, NULL), 0);
	assert_int_equal(a, CR_AGG_HARM);
	assert_int_equal(cr_agg_parse("HARM", &a, NULL), 0);
	assert_int_equal(a, CR_AGG_HARM);
	rc = cr_agg_parse("power", &a, &cause);
	expect_cause(rc, cause, "power needs its exponent: power:P (1 "
	    "arithmetic, 0 geometric, -1 harmonic)");
	cause = NULL;
	rc = cr_agg_parse("median", &a, &cause);
	expect_cause(rc, cause, "unknown aggregation 'median' (expected "
	    "arith, geom, harm, power:P or copeland)");
	assert_string_equal(cr_agg_name(CR_AGG_ARITH), "arith");
	assert_string_equal(cr_agg_name(CR_AGG_GEOM), "geom");
	assert_string_equal(cr_agg_name(CR_AGG_HARM), "harm");
}

/* ---- normalisation ---- */

/*
 * Four cities A-D, leaves:
 *   x (+1)  10  20  30  50
 *   y (-1)   5   1   3   -     (lower is better; D missing)
 *   z (+1)   7   7   7   7     (constant)
 *   t (+1)   1   2   2   3     (a tie)
 *   s (+1)   -   -   8   -     (a single value)
 */
static struct cr_model *
norm_model(void)
{
	static const double	 vals[5][4] = {
		{ 10, 20, 30, 50 },
		{ 5, 1, 3, NAN },
		{ 7, 7, 7, 7 },
		{ 1, 2, 2, 3 },
		{ NAN, NAN, 8, NAN },
	};
	static const char	*ents[] = { "A", "B", "C", "D" };
	static const char	*leaves[] = { "x", "y", "z", "t", "s" };
	struct cr_model		*m;
	int			 e, l;

	m = cr_model_new("norm");
	node(m, "root", NULL, 1, 1);
	node(m, "x", "root", 1, 1);
	node(m, "y", "root", 1, -1);
	node(m, "z", "root", 1, 1);
	node(m, "t", "root", 1, 1);
	node(m, "s", "root", 1, 1);
	assert_int_equal(cr_model_freeze(m, NULL), 0);
	for (e = 0; e < 4; e++)
		entity(m, ents[e]);
	for (l = 0; l < 5; l++)
		for (e = 0; e < 4; e++)
			if (!isnan(vals[l][e]))
				value(m, ents[e], leaves[l], vals[l][e],
				    CR_PROV_REPORT);
	return m;
}

/* Expected values of one leaf for A-D; NAN means missing. */
static void
expect_leaf(const struct cr_model *m, const struct cr_scores *s,
    const char *leaf, double a, double b, double c, double d)
{
	const double	 want[4] = { a, b, c, d };
	const char	*ents[] = { "A", "B", "C", "D" };
	int		 e, l;
	double		 got;

	l = m->nodes[cr_model_find_node(m, leaf)].leaf;
	for (e = 0; e < 4; e++) {
		got = cr_scores_score(s, e, m->leaf_node[l]);
		if (isnan(want[e])) {
			if (!isnan(got))
				fail_msg("%s/%s: got %g, want missing", leaf,
				    ents[e], got);
			assert_true(isnan(score_of(m, s, ents[e], leaf)));
			continue;
		}
		expect_near(got, want[e]);
		/* A leaf's score is its normalised value. */
		assert_true(score_of(m, s, ents[e], leaf) == got);
	}
}

static void
run_norm(struct cr_model *m, struct cr_scenario *sc, struct cr_scores *s,
    enum cr_norm method, double lo, double hi)
{
	sc->norm = method;
	sc->norm_lo = lo;
	sc->norm_hi = hi;
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
}

static void
test_norm_minmax(void **state)
{
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s;

	(void)state;
	m = norm_model();
	sc = cr_scenario_new(m, "t");
	s = cr_scores_new(m);
	run_norm(m, sc, s, CR_NORM_MINMAX, 0, 100);
	/* x: (x - 10) / 40 * 100 */
	expect_leaf(m, s, "x", 0, 25, 50, 100);
	/* y: -y is -5 -1 -3, range 4: B best, A worst, C halfway */
	expect_leaf(m, s, "y", 0, 100, 50, NAN);
	/* constant: everyone in the middle */
	expect_leaf(m, s, "z", 50, 50, 50, 50);
	expect_leaf(m, s, "t", 0, 50, 50, 100);
	expect_leaf(m, s, "s", NAN, NAN, 50, NAN);

	run_norm(m, sc, s, CR_NORM_MINMAX, 1, 100);
	/* 1 + (x - 10) / 40 * 99 */
	expect_leaf(m, s, "x", 1, 25.75, 50.5, 100);
	expect_leaf(m, s, "z", 50.5, 50.5, 50.5, 50.5);
	cr_scores_free(s);
	cr_scenario_free(sc);
	cr_model_free(m);
}

static void
test_norm_zscore(void **state)
{
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s;
	double			 sd;

	(void)state;
	m = norm_model();
	sc = cr_scenario_new(m, "t");
	s = cr_scores_new(m);
	run_norm(m, sc, s, CR_NORM_ZSCORE, 0, 100);
	/*
	 * x: mean 27.5, deviations -17.5 -7.5 2.5 22.5, squares sum to
	 * 306.25 + 56.25 + 6.25 + 506.25 = 875, sd = sqrt(875 / 3).
	 */
	sd = sqrt(875.0 / 3);
	expect_leaf(m, s, "x", -17.5 / sd, -7.5 / sd, 2.5 / sd, 22.5 / sd);
	/* -y: -5 -1 -3, mean -3, squares 4 + 4 + 0 = 8, sd = sqrt(8/2) = 2 */
	expect_leaf(m, s, "y", -1, 1, 0, NAN);
	expect_leaf(m, s, "z", 0, 0, 0, 0);
	/* t: mean 2, squares 1 + 0 + 0 + 1 = 2, sd = sqrt(2/3) */
	sd = sqrt(2.0 / 3);
	expect_leaf(m, s, "t", -1 / sd, 0, 0, 1 / sd);
	expect_leaf(m, s, "s", NAN, NAN, 0, NAN);
	cr_scores_free(s);
	cr_scenario_free(sc);
	cr_model_free(m);
}

static void
test_norm_rank(void **state)
{
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s;

	(void)state;
	m = norm_model();
	sc = cr_scenario_new(m, "t");
	s = cr_scores_new(m);
	run_norm(m, sc, s, CR_NORM_RANK, 0, 100);
	/* ranks 1 2 3 4 of n = 4: 100 * (r - 1) / 3 */
	expect_leaf(m, s, "x", 0, 100.0 / 3, 200.0 / 3, 100);
	/* -y ranks 1 3 2 of n = 3: 100 * (r - 1) / 2 */
	expect_leaf(m, s, "y", 0, 100, 50, NAN);
	/* all tied at rank 2.5: 100 * 1.5 / 3 */
	expect_leaf(m, s, "z", 50, 50, 50, 50);
	/* ranks 1 2.5 2.5 4 */
	expect_leaf(m, s, "t", 0, 50, 50, 100);
	expect_leaf(m, s, "s", NAN, NAN, 50, NAN);
	cr_scores_free(s);
	cr_scenario_free(sc);
	cr_model_free(m);
}

/*
 * The whole-column reference (cr_normalize_leaf) agrees with the scores
 * read one value at a time, bit for bit.
 */
static void
expect_column(const struct cr_model *m, const struct cr_scores *s,
    enum cr_norm norm)
{
	double	 col[4], got;
	size_t	 l;
	int	 e;

	for (l = 0; l < m->n_leaves; l++) {
		cr_normalize_leaf(m, norm, 0, 100, l, 4, col);
		for (e = 0; e < 4; e++) {
			got = cr_scores_score(s, e, m->leaf_node[l]);
			assert_true((isnan(got) && isnan(col[e])) ||
			    memcmp(&got, &col[e], sizeof(got)) == 0);
		}
	}
}

/* COINr's n_prank: 100 (r - 1) / (k - 1), r the lowest rank of a tie. */
static void
test_norm_prank(void **state)
{
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s;

	(void)state;
	m = norm_model();
	sc = cr_scenario_new(m, "t");
	s = cr_scores_new(m);
	run_norm(m, sc, s, CR_NORM_PRANK, 0, 100);
	expect_leaf(m, s, "x", 0, 100.0 / 3, 200.0 / 3, 100);
	/* -y: -5 -1 -3, ranks 1 3 2 of 3 */
	expect_leaf(m, s, "y", 0, 100, 50, NAN);
	/* all tied: everyone rank 1, so 0 (rank gives the average, 50) */
	expect_leaf(m, s, "z", 0, 0, 0, 0);
	/* 1 2 2 3: ranks 1 2 2 4 */
	expect_leaf(m, s, "t", 0, 100.0 / 3, 100.0 / 3, 100);
	/* a lone value sits in the middle, as under rank */
	expect_leaf(m, s, "s", NAN, NAN, 50, NAN);
	expect_column(m, s, CR_NORM_PRANK);
	cr_scores_free(s);
	cr_scenario_free(sc);
	cr_model_free(m);
}

/* COINr's n_borda: the number of values below, ties at the lowest. */
static void
test_norm_borda(void **state)
{
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s;

	(void)state;
	m = norm_model();
	sc = cr_scenario_new(m, "t");
	s = cr_scores_new(m);
	run_norm(m, sc, s, CR_NORM_BORDA, 0, 100);
	expect_leaf(m, s, "x", 0, 1, 2, 3);
	expect_leaf(m, s, "y", 0, 2, 1, NAN);
	expect_leaf(m, s, "z", 0, 0, 0, 0);
	expect_leaf(m, s, "t", 0, 1, 1, 3);
	expect_leaf(m, s, "s", NAN, NAN, 0, NAN);
	expect_column(m, s, CR_NORM_BORDA);
	cr_scores_free(s);
	cr_scenario_free(sc);
	cr_model_free(m);
}

/*
 * The fraction of the best: 100 x / max; lower is better, 100 min / x.
 * Values of the wrong sign are refused by name.
 */
static void
test_norm_fracmax(void **state)
{
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s;
	char			*cause = NULL;
	int			 rc;

	(void)state;
	m = norm_model();
	sc = cr_scenario_new(m, "t");
	s = cr_scores_new(m);
	run_norm(m, sc, s, CR_NORM_FRACMAX, 0, 100);
	/* x / 50 */
	expect_leaf(m, s, "x", 20, 40, 60, 100);
	/* y lower is better, 5 1 3: 1 / y */
	expect_leaf(m, s, "y", 20, 100, 100.0 / 3, NAN);
	expect_leaf(m, s, "z", 100, 100, 100, 100);
	/* t / 3 */
	expect_leaf(m, s, "t", 100.0 / 3, 200.0 / 3, 200.0 / 3, 100);
	expect_leaf(m, s, "s", NAN, NAN, 100, NAN);
	expect_column(m, s, CR_NORM_FRACMAX);
	/* A 0 is the worst a higher-is-better value can be... */
	value(m, "A", "x", 0, CR_PROV_REPORT);
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	expect_leaf(m, s, "x", 0, 40, 60, 100);
	/* ...but a lower-is-better 0 has no fraction, nor a negative. */
	value(m, "B", "y", 0, CR_PROV_REPORT);
	rc = cr_score(m, sc, s, &cause);
	expect_cause(rc, cause, "fracmax normalisation needs values > 0 (it "
	    "is lower-is-better): y has values from 0 to 5");
	value(m, "B", "y", 1, CR_PROV_REPORT);
	value(m, "C", "x", -30, CR_PROV_REPORT);
	cause = NULL;
	rc = cr_score(m, sc, s, &cause);
	expect_cause(rc, cause, "fracmax normalisation needs values >= 0, "
	    "not all 0: x has values from -30 to 50");
	cr_scores_free(s);
	cr_scenario_free(sc);
	cr_model_free(m);
}

static void
test_norm_none(void **state)
{
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s;

	(void)state;
	m = norm_model();
	sc = cr_scenario_new(m, "t");
	s = cr_scores_new(m);
	run_norm(m, sc, s, CR_NORM_NONE, 0, 100);
	expect_leaf(m, s, "x", 10, 20, 30, 50);
	expect_leaf(m, s, "y", -5, -1, -3, NAN);
	/* Geometric means cannot take the negative y. */
	sc->agg = CR_AGG_GEOM;
	assert_int_equal(cr_score(m, sc, s, NULL), -1);
	cr_scores_free(s);
	cr_scenario_free(sc);
	cr_model_free(m);
}

static void
test_norm_values_direct(void **state)
{
	double	 x[3] = { NAN, NAN, NAN };
	double	 y[2] = { 3, 1 };

	(void)state;
	cr_norm_values(CR_NORM_MINMAX, 0, 100, x, 3);
	assert_true(isnan(x[0]) && isnan(x[1]) && isnan(x[2]));
	cr_norm_values(CR_NORM_RANK, 0, 100, x, 0);
	cr_norm_values(CR_NORM_RANK, 0, 100, y, 2);
	assert_true(y[0] == 100 && y[1] == 0);
}

/* ---- aggregation ---- */

/*
 * root -> A (w 2) -> a1 (w 1), a2 (w 3)
 *      -> B (w 1, a leaf)
 * Normalisation "none" so the leaf scores are the raw values.
 */
static struct cr_model *
agg_model(void)
{
	struct cr_model	*m;

	m = cr_model_new("agg");
	node(m, "root", NULL, 1, 1);
	node(m, "A", "root", 2, 1);
	node(m, "a1", "A", 1, 1);
	node(m, "a2", "A", 3, 1);
	node(m, "B", "root", 1, 1);
	assert_int_equal(cr_model_freeze(m, NULL), 0);
	entity(m, "e1");
	entity(m, "e2");
	entity(m, "e3");
	entity(m, "e4");
	value(m, "e1", "a1", 10, CR_PROV_REPORT);
	value(m, "e1", "a2", 20, CR_PROV_ESTIMATED);
	value(m, "e1", "B", 40, CR_PROV_OFFICIAL);
	/* e2: a1 missing (its provenance must not count) */
	value(m, "e2", "a1", NAN, CR_PROV_RECONSTRUCTED);
	value(m, "e2", "a2", 20, CR_PROV_OFFICIAL);
	value(m, "e2", "B", 10, CR_PROV_REPORT);
	/* e3: all of A missing */
	value(m, "e3", "B", 30, CR_PROV_USER);
	/* e4: a zero */
	value(m, "e4", "a1", 0, CR_PROV_REPORT);
	value(m, "e4", "a2", 20, CR_PROV_REPORT);
	value(m, "e4", "B", 5, CR_PROV_REPORT);
	return m;
}

static void
test_aggregate_arith(void **state)
{
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s;

	(void)state;
	m = agg_model();
	sc = cr_scenario_new(m, "t");
	sc->norm = CR_NORM_NONE;
	s = cr_scores_new(m);
	assert_int_equal(cr_score(m, sc, s, NULL), 0);

	/* e1: A = (1*10 + 3*20) / 4 = 17.5; root = (2*17.5 + 40) / 3 = 25 */
	expect_near(score_of(m, s, "e1", "A"), 17.5);
	expect_near(score_of(m, s, "e1", "root"), 25);
	/* e2: a1 dropped, A = 20; root = (2*20 + 10) / 3 = 50/3 */
	expect_near(score_of(m, s, "e2", "A"), 20);
	expect_near(score_of(m, s, "e2", "root"), 50.0 / 3);
	/* e3: A has nothing; root is B alone */
	assert_true(isnan(score_of(m, s, "e3", "A")));
	expect_near(score_of(m, s, "e3", "root"), 30);
	/* e4: A = (0 + 60) / 4 = 15; root = (30 + 5) / 3 */
	expect_near(score_of(m, s, "e4", "A"), 15);
	expect_near(score_of(m, s, "e4", "root"), 35.0 / 3);

	/* Missing leaves beneath each node. */
	assert_int_equal(missing_of(m, s, "e1", "root"), 0);
	assert_int_equal(missing_of(m, s, "e2", "a1"), 1);
	assert_int_equal(missing_of(m, s, "e2", "a2"), 0);
	assert_int_equal(missing_of(m, s, "e2", "A"), 1);
	assert_int_equal(missing_of(m, s, "e2", "root"), 1);
	assert_int_equal(missing_of(m, s, "e3", "A"), 2);
	assert_int_equal(missing_of(m, s, "e3", "root"), 2);

	/* The least official provenance among the values present. */
	assert_int_equal(prov_of(m, s, "e1", "A"), CR_PROV_ESTIMATED);
	assert_int_equal(prov_of(m, s, "e1", "root"), CR_PROV_ESTIMATED);
	assert_int_equal(prov_of(m, s, "e1", "B"), CR_PROV_OFFICIAL);
	assert_int_equal(prov_of(m, s, "e2", "A"), CR_PROV_OFFICIAL);
	assert_int_equal(prov_of(m, s, "e2", "root"), CR_PROV_OFFICIAL);
	assert_int_equal(prov_of(m, s, "e2", "a1"), CR_PROV_RECONSTRUCTED);
	assert_int_equal(prov_of(m, s, "e3", "A"), CR_PROV_REPORT);
	assert_int_equal(prov_of(m, s, "e3", "root"), CR_PROV_USER);

	/* A zero weight leaves the child out: A = a1 alone. */
	sc->weight[cr_model_find_node(m, "a2")] = 0;
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	expect_near(score_of(m, s, "e1", "A"), 10);
	assert_true(isnan(score_of(m, s, "e2", "A")));
	/* root of e2: A missing, B alone */
	expect_near(score_of(m, s, "e2", "root"), 10);
	/* Weights are relative: scaling siblings changes nothing. */
	sc->weight[cr_model_find_node(m, "a2")] = 3;
	sc->weight[cr_model_find_node(m, "A")] = 20;
	sc->weight[cr_model_find_node(m, "B")] = 10;
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	expect_near(score_of(m, s, "e1", "root"), 25);

	cr_scores_free(s);
	cr_scenario_free(sc);
	cr_model_free(m);
}

static void
test_aggregate_geom(void **state)
{
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s;
	char			*cause;
	double			 a;
	int			 rc;

	(void)state;
	m = agg_model();
	sc = cr_scenario_new(m, "t");
	sc->norm = CR_NORM_NONE;
	sc->agg = CR_AGG_GEOM;
	s = cr_scores_new(m);
	assert_int_equal(cr_score(m, sc, s, NULL), 0);

	/* e1: A = 10^(1/4) 20^(3/4); root = A^(2/3) 40^(1/3) */
	a = pow(10, 0.25) * pow(20, 0.75);
	expect_near(score_of(m, s, "e1", "A"), a);
	expect_near(score_of(m, s, "e1", "root"),
	    pow(a, 2.0 / 3) * cbrt(40));
	/* e2: a1 dropped, A = 20; root = 20^(2/3) 10^(1/3) */
	expect_near(score_of(m, s, "e2", "A"), 20);
	expect_near(score_of(m, s, "e2", "root"), cbrt(20 * 20 * 10));
	expect_near(score_of(m, s, "e3", "root"), 30);
	/* e4: a zero is not compensated, all the way up */
	assert_true(score_of(m, s, "e4", "A") == 0);
	assert_true(score_of(m, s, "e4", "root") == 0);

	/* A negative score in a weighted child is an error... */
	value(m, "e2", "a2", -1, CR_PROV_USER);
	cause = NULL;
	rc = cr_score(m, sc, s, &cause);
	expect_cause(rc, cause, "geometric aggregation needs scores >= 0: "
	    "node a2 has a negative score for e2; use minmax or rank "
	    "normalisation");
	/* ...but not in a child that weighs nothing. */
	sc->weight[cr_model_find_node(m, "a2")] = 0;
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	expect_near(score_of(m, s, "e1", "A"), 10);
	/* Arithmetic means take it. */
	sc->weight[cr_model_find_node(m, "a2")] = 3;
	sc->agg = CR_AGG_ARITH;
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	expect_near(score_of(m, s, "e2", "A"), -1);

	cr_scores_free(s);
	cr_scenario_free(sc);
	cr_model_free(m);
}

/* W / sum(w / x), by hand on the same tree. */
static void
test_aggregate_harm(void **state)
{
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s;
	char			*cause;
	int			 rc;

	(void)state;
	m = agg_model();
	sc = cr_scenario_new(m, "t");
	sc->norm = CR_NORM_NONE;
	sc->agg = CR_AGG_HARM;
	s = cr_scores_new(m);
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	/* e1: A = 4 / (1/10 + 3/20) = 16; root = 3 / (2/16 + 1/40) = 20 */
	expect_near(score_of(m, s, "e1", "A"), 16);
	expect_near(score_of(m, s, "e1", "root"), 20);
	/* e2: a1 dropped, A = 20; root = 3 / (2/20 + 1/10) = 15 */
	expect_near(score_of(m, s, "e2", "A"), 20);
	expect_near(score_of(m, s, "e2", "root"), 15);
	expect_near(score_of(m, s, "e3", "root"), 30);
	/* e4: a zero, the limit 0, all the way up */
	assert_true(score_of(m, s, "e4", "A") == 0);
	assert_true(score_of(m, s, "e4", "root") == 0);
	value(m, "e2", "a2", -1, CR_PROV_USER);
	cause = NULL;
	rc = cr_score(m, sc, s, &cause);
	expect_cause(rc, cause, "harmonic aggregation needs scores >= 0: "
	    "node a2 has a negative score for e2; use minmax or rank "
	    "normalisation");
	/* The analyses that solve for weights say they cannot. */
	cause = NULL;
	rc = cr_agg_solvable(sc->agg, "stability", &cause);
	expect_cause(rc, cause, "stability works with the arithmetic and "
	    "geometric means only, not harm; use --aggregate arith or geom");
	assert_int_equal(cr_agg_solvable(CR_AGG_GEOM, "x", NULL), 0);
	assert_int_equal(cr_agg_solvable(CR_AGG_ARITH, "x", NULL), 0);
	cr_scores_free(s);
	cr_scenario_free(sc);
	cr_model_free(m);
}

static void
test_score_errors(void **state)
{
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s;
	char			*cause = NULL;
	int			 rc;

	(void)state;
	m = cr_model_new("unfrozen");
	node(m, "root", NULL, 1, 1);
	sc = cr_scenario_new(m, "t");
	s = cr_scores_new(m);
	rc = cr_score(m, sc, s, &cause);
	expect_cause(rc, cause, "the model is not frozen");
	assert_int_equal(cr_model_freeze(m, NULL), 0);
	sc->weight[0] = -1;
	cause = NULL;
	rc = cr_score(m, sc, s, &cause);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(cause, "'root'"));
	free(cause);
	cr_scores_free(s);
	cr_scenario_free(sc);
	cr_model_free(m);
}

/* Entities added after scoring are picked up by the next score. */
static void
test_scores_grow(void **state)
{
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s;

	(void)state;
	m = agg_model();
	sc = cr_scenario_new(m, "t");
	sc->norm = CR_NORM_NONE;
	s = cr_scores_new(m);
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	entity(m, "e5");
	value(m, "e5", "B", 100, CR_PROV_USER);
	/* The incremental path falls back to a full score. */
	assert_int_equal(cr_score_weight_changed(m, sc, s, 2, NULL), 0);
	assert_int_equal(s->n_entities, 5);
	expect_near(score_of(m, s, "e5", "root"), 100);
	assert_int_equal(rank_of(m, s, "e5", "root"), 1);
	assert_int_equal(missing_of(m, s, "e5", "root"), 2);
	cr_scores_free(s);
	cr_scenario_free(sc);
	cr_model_free(m);
}

/* ---- ranks ---- */

static void
test_rank(void **state)
{
	const double	 v[] = { 10, 8, 8, 5 };
	const double	 w[] = { NAN, 3, 7, 3, NAN, 7, 1 };
	/* the values at even positions of this, stride 2: 2, 9, 2 */
	const double	 strided[] = { 2, -1, 9, -1, 2, -1 };
	int		 r[7], rs[6] = { 0 };

	(void)state;
	cr_rank(v, 4, 1, r, 1);
	assert_int_equal(r[0], 1);
	assert_int_equal(r[1], 2);
	assert_int_equal(r[2], 2);
	assert_int_equal(r[3], 4);

	cr_rank(w, 7, 1, r, 1);
	assert_int_equal(r[0], 0);
	assert_int_equal(r[1], 3);
	assert_int_equal(r[2], 1);
	assert_int_equal(r[3], 3);
	assert_int_equal(r[4], 0);
	assert_int_equal(r[5], 1);
	assert_int_equal(r[6], 5);

	rs[1] = rs[3] = rs[5] = 77;
	cr_rank(strided, 3, 2, rs, 2);
	assert_int_equal(rs[0], 2);
	assert_int_equal(rs[2], 1);
	assert_int_equal(rs[4], 2);
	/* Other columns are not touched. */
	assert_int_equal(rs[1], 77);
	assert_int_equal(rs[5], 77);

	cr_rank(v, 0, 1, r, 1);
}

/* A large input must finish quickly and agree with counting. */
static void
test_rank_large(void **state)
{
	double	*v;
	int	*r;
	size_t	 n = 100000, i;

	(void)state;
	v = malloc(n * sizeof(*v));
	r = malloc(n * sizeof(*r));
	assert_non_null(v);
	assert_non_null(r);
	/* Values 0..999 repeated; value k is beaten by (999 - k) * 100. */
	for (i = 0; i < n; i++)
		v[i] = (double)((i * 7919) % 1000);
	cr_rank(v, n, 1, r, 1);
	for (i = 0; i < n; i++)
		assert_int_equal(r[i], (999 - (int)v[i]) * 100 + 1);
	free(v);
	free(r);
}

static void
test_score_ranks(void **state)
{
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s;

	(void)state;
	m = agg_model();
	sc = cr_scenario_new(m, "t");
	sc->norm = CR_NORM_NONE;
	s = cr_scores_new(m);
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	/* A: e1 17.5, e2 20, e3 missing, e4 15 */
	assert_int_equal(rank_of(m, s, "e1", "A"), 2);
	assert_int_equal(rank_of(m, s, "e2", "A"), 1);
	assert_int_equal(rank_of(m, s, "e3", "A"), 0);
	assert_int_equal(rank_of(m, s, "e4", "A"), 3);
	/* root: 25, 16.67, 30, 11.67 */
	assert_int_equal(rank_of(m, s, "e1", "root"), 2);
	assert_int_equal(rank_of(m, s, "e2", "root"), 3);
	assert_int_equal(rank_of(m, s, "e3", "root"), 1);
	assert_int_equal(rank_of(m, s, "e4", "root"), 4);
	/* a2: 20, 20, -, 20: all tied first */
	assert_int_equal(rank_of(m, s, "e1", "a2"), 1);
	assert_int_equal(rank_of(m, s, "e2", "a2"), 1);
	assert_int_equal(rank_of(m, s, "e3", "a2"), 0);
	assert_int_equal(rank_of(m, s, "e4", "a2"), 1);
	cr_scores_free(s);
	cr_scenario_free(sc);
	cr_model_free(m);
}

/* ---- scenarios ---- */

/* root -> iot (1), ai (1), data (2) -> d1 (1), d2 (3) */
static struct cr_model *
weight_model(void)
{
	struct cr_model	*m;

	m = cr_model_new("w");
	node(m, "root", NULL, 1, 1);
	node(m, "iot", "root", 1, 1);
	node(m, "ai", "root", 1, 1);
	node(m, "data", "root", 2, 1);
	node(m, "d1", "data", 1, 1);
	node(m, "d2", "data", 3, 1);
	assert_int_equal(cr_model_freeze(m, NULL), 0);
	return m;
}

static void
bad_spec(const struct cr_model *m, struct cr_scenario *sc, const char *spec,
    const char *want)
{
	double	 before[6];
	char	*cause = NULL;
	int	 rc;

	memcpy(before, sc->weight, sizeof(before));
	rc = cr_scenario_parse_weights(m, sc, spec, &cause);
	expect_cause(rc, cause, want);
	assert_memory_equal(before, sc->weight, sizeof(before));
	assert_int_equal(cr_scenario_parse_weights(m, sc, spec, NULL), -1);
}

static void
test_parse_weights(void **state)
{
	struct cr_model		*m;
	struct cr_scenario	*sc;

	(void)state;
	m = weight_model();
	sc = cr_scenario_new(m, "t");
	assert_int_equal(cr_scenario_parse_weights(m, sc, "iot=2,ai=0.5",
	    NULL), 0);
	assert_true(sc->weight[1] == 2 && sc->weight[2] == 0.5);
	assert_true(sc->weight[3] == 2 && sc->weight[5] == 3);
	assert_int_equal(cr_scenario_parse_weights(m, sc,
	    "  d1 = 1e1 ,\td2=0 , root=7 ", NULL), 0);
	assert_true(sc->weight[4] == 10 && sc->weight[5] == 0);
	assert_true(sc->weight[0] == 7);
	assert_true(sc->weight[1] == 2);

	bad_spec(m, sc, "", "empty --weights specification");
	bad_spec(m, sc, "  ", "empty --weights specification");
	bad_spec(m, sc, "iot", "missing '=' in 'iot' (expected CODE=WEIGHT)");
	bad_spec(m, sc, "iot=1,,ai=2", "empty item in --weights");
	bad_spec(m, sc, "iot=1,", "empty item in --weights");
	bad_spec(m, sc, "cloud=1", "unknown node 'cloud' in --weights");
	bad_spec(m, sc, "=1", "unknown node '' in --weights");
	bad_spec(m, sc, "iot=abc", "weight 'abc' for 'iot' is not a number");
	bad_spec(m, sc, "iot=1x", "weight '1x' for 'iot' is not a number");
	bad_spec(m, sc, "iot=", "weight '' for 'iot' is not a number");
	bad_spec(m, sc, "iot=nan", "weight 'nan' for 'iot' is not a number");
	bad_spec(m, sc, "iot=inf", "weight 'inf' for 'iot' is not a number");
	bad_spec(m, sc, "iot=1e999", "weight '1e999' for 'iot' is too "
	    "large (the largest number is about 1.8e308)");
	/* One parser for every number a user writes (num.h). */
	bad_spec(m, sc, "iot=0x10", "weight '0x10' for 'iot' is not a number");
	bad_spec(m, sc, "iot=1e-400", "weight '1e-400' for 'iot' is too "
	    "small (not 0, yet below 4.9e-324, the least number above 0)");
	bad_spec(m, sc, "iot=infinity",
	    "weight 'infinity' for 'iot' is not a number");
	bad_spec(m, sc, "iot=1,ai=2,iot=3",
	    "node 'iot' is given twice in --weights");
	bad_spec(m, sc, "iot=1 2", "weight '1 2' for 'iot' is not a number");
	bad_spec(m, sc, "iot=-1", "weight -1 for 'iot' is negative");
	/* An error after good items still changes nothing. */
	bad_spec(m, sc, "iot=5,ai=x", "weight 'x' for 'ai' is not a number");
	bad_spec(m, sc, "iot=5,d1=0", "all weights under 'data' are zero");
	bad_spec(m, sc, "iot=0,ai=0,data=0",
	    "all weights under 'root' are zero");

	/* A subnormal is a number, and a weight above 0. */
	assert_int_equal(cr_scenario_parse_weights(m, sc, "iot=4.9e-324",
	    NULL), 0);
	assert_true(sc->weight[1] == 4.9e-324 && sc->weight[1] > 0);
	/* -0 is zero, not negative. */
	assert_int_equal(cr_scenario_parse_weights(m, sc, "iot=-0", NULL), 0);
	assert_false(signbit(sc->weight[1]));
	cr_scenario_free(sc);
	cr_model_free(m);
}

static void
test_check(void **state)
{
	struct cr_model		*m;
	struct cr_scenario	*sc;
	char			*cause = NULL;
	int			 rc;

	(void)state;
	m = weight_model();
	sc = cr_scenario_new(m, "t");
	assert_int_equal(cr_scenario_check(m, sc, NULL), 0);
	sc->weight[4] = 0;
	assert_int_equal(cr_scenario_check(m, sc, NULL), 0);
	sc->weight[5] = 0;
	rc = cr_scenario_check(m, sc, &cause);
	expect_cause(rc, cause, "all weights under 'data' are zero");
	sc->weight[5] = NAN;
	assert_int_equal(cr_scenario_check(m, sc, NULL), -1);
	cr_scenario_free(sc);
	cr_model_free(m);
}

static void
test_share(void **state)
{
	struct cr_model		*m;
	struct cr_scenario	*sc;
	double			 total;
	size_t			 i;

	(void)state;
	m = weight_model();
	sc = cr_scenario_new(m, "t");
	expect_near(cr_scenario_share(m, sc, 0), 1);
	/* root children weigh 1, 1, 2 */
	expect_near(cr_scenario_share(m, sc, 1), 0.25);
	expect_near(cr_scenario_share(m, sc, 3), 0.5);
	/* d2: 2/4 * 3/4 */
	expect_near(cr_scenario_share(m, sc, 5), 0.375);
	expect_near(cr_scenario_share(m, sc, 4), 0.125);
	/* The shares of the leaves add up to one. */
	total = 0;
	for (i = 0; i < m->n_leaves; i++)
		total += cr_scenario_share(m, sc, m->leaf_node[i]);
	expect_near(total, 1);
	/* The root's own weight is irrelevant. */
	sc->weight[0] = 0;
	expect_near(cr_scenario_share(m, sc, 5), 0.375);
	sc->weight[1] = 0;
	expect_near(cr_scenario_share(m, sc, 1), 0);
	expect_near(cr_scenario_share(m, sc, 5), 2.0 / 3 * 0.75);
	cr_scenario_free(sc);
	cr_model_free(m);
}

static void
test_differs(void **state)
{
	struct cr_model		*m;
	struct cr_scenario	*a, *b;

	(void)state;
	m = weight_model();
	a = cr_scenario_new(m, "a");
	b = cr_scenario_copy(m, a);
	assert_string_equal(b->name, "a");
	assert_false(cr_scenario_differs(m, a, b));

	/* Scaling all children of a parent is no change. */
	b->weight[4] = 2;
	b->weight[5] = 6;
	assert_false(cr_scenario_differs(m, a, b));
	b->weight[1] = 10;
	b->weight[2] = 10;
	b->weight[3] = 20;
	assert_false(cr_scenario_differs(m, a, b));
	/* Nor is the root's weight, nor the locks. */
	b->weight[0] = 5;
	b->locked[2] = 1;
	assert_false(cr_scenario_differs(m, a, b));
	/* Far below the tolerance. */
	b->weight[1] = 10 * (1 + 1e-15);
	assert_false(cr_scenario_differs(m, a, b));
	/* Well above it. */
	b->weight[1] = 10 * (1 + 1e-9);
	assert_true(cr_scenario_differs(m, a, b));
	assert_true(cr_scenario_differs(m, b, a));
	b->weight[1] = 10;

	b->norm = CR_NORM_RANK;
	assert_true(cr_scenario_differs(m, a, b));
	b->norm = CR_NORM_MINMAX;
	b->norm_hi = 10;
	assert_true(cr_scenario_differs(m, a, b));
	b->norm_hi = 100;
	b->agg = CR_AGG_GEOM;
	assert_true(cr_scenario_differs(m, a, b));
	b->agg = CR_AGG_ARITH;
	assert_false(cr_scenario_differs(m, a, b));

	/* The copy is deep. */
	a->weight[4] = 9;
	assert_true(b->weight[4] == 2);
	cr_scenario_free(a);
	cr_scenario_free(b);
	cr_model_free(m);
}

/* ---- incremental re-scoring ---- */

/* xorshift64*: a fixed, portable sequence. */
static uint64_t
next_rand(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

static double
uniform(uint64_t *s)
{
	return (double)(next_rand(s) >> 11) / 9007199254740992.0;
}

static int
below(uint64_t *s, int n)
{
	return (int)(next_rand(s) % (uint64_t)n);
}

/* 30 cities, root -> 4 dimensions -> 2-4 domains -> 1-4 indicators. */
static struct cr_model *
random_model(uint64_t *rs)
{
	struct cr_model	*m;
	char		 code[64], dim[16], dom[32];
	int		 d, k, l, nk, nl, e;
	size_t		 i;

	m = cr_model_new("random");
	node(m, "root", NULL, 1, 1);
	for (d = 0; d < 4; d++) {
		snprintf(dim, sizeof(dim), "D%d", d);
		node(m, dim, "root", 1 + below(rs, 3), 1);
		nk = 2 + below(rs, 3);
		for (k = 0; k < nk; k++) {
			snprintf(dom, sizeof(dom), "D%dK%d", d, k);
			node(m, dom, dim, 0.5 + uniform(rs), 1);
			nl = 1 + below(rs, 4);
			for (l = 0; l < nl; l++) {
				snprintf(code, sizeof(code), "%sL%d", dom, l);
				node(m, code, dom, uniform(rs) * 3,
				    below(rs, 2) ? 1 : -1);
			}
		}
	}
	assert_int_equal(cr_model_freeze(m, NULL), 0);
	for (e = 0; e < 30; e++) {
		snprintf(code, sizeof(code), "city%02d", e);
		entity(m, code);
		for (i = 0; i < m->n_leaves; i++) {
			if (below(rs, 10) == 0)
				continue;
			/* Few distinct values, so ties happen. */
			assert_int_equal(cr_model_set_value(m, e, (int)i,
			    below(rs, 4) == 0 ? below(rs, 5) :
			    uniform(rs) * 1000,
			    (enum cr_prov)below(rs, CR_PROV_COUNT)), 0);
		}
	}
	return m;
}

/* The same double, bit for bit: NAN equals NAN, -0 does not equal 0. */
static void
assert_same_bits(double a, double b)
{
	if (memcmp(&a, &b, sizeof(a)) != 0)
		fail_msg("%.17g and %.17g differ in their bits", a, b);
}

/* Every score bit for bit, and every rank, missing count and provenance. */
static void
assert_same_scores(struct cr_scores *a, struct cr_scores *b)
{
	int	 e, nd;

	assert_int_equal(a->n_entities, b->n_entities);
	assert_int_equal(a->n_nodes, b->n_nodes);
	for (e = 0; e < (int)a->n_entities; e++) {
		for (nd = 0; nd < (int)a->n_nodes; nd++) {
			assert_same_bits(cr_scores_score(a, e, nd),
			    cr_scores_score(b, e, nd));
			assert_int_equal(cr_scores_rank(a, e, nd),
			    cr_scores_rank(b, e, nd));
			assert_int_equal(cr_scores_missing(a, e, nd),
			    cr_scores_missing(b, e, nd));
			assert_int_equal(cr_scores_prov(a, e, nd),
			    cr_scores_prov(b, e, nd));
		}
	}
}

/*
 * Packed columns hold what an array of ints holds, at every width, and
 * a write leaves its neighbours alone, across the word boundaries too.
 */
static void
test_bitcol(void **state)
{
	uint64_t	*c;
	uint32_t	*plain, v;
	uint64_t	 rs = 5;
	size_t		 n = 1000, i, k;
	unsigned	 w;

	(void)state;
	assert_int_equal(cr_bits_for(0), 1);
	assert_int_equal(cr_bits_for(1), 1);
	assert_int_equal(cr_bits_for(2), 2);
	assert_int_equal(cr_bits_for(26), 5);
	assert_int_equal(cr_bits_for(65535), 16);
	assert_int_equal(cr_bits_for(65536), 17);
	assert_int_equal(cr_bits_for(84000), 17);
	assert_int_equal(cr_bits_for(4294967295u), 32);
	plain = calloc(n, sizeof(*plain));
	assert_non_null(plain);
	for (w = 1; w <= 32; w++) {
		c = calloc(cr_bits_words(n, w), sizeof(*c));
		assert_non_null(c);
		memset(plain, 0, n * sizeof(*plain));
		for (k = 0; k < 4 * n; k++) {
			i = below(&rs, (int)n);
			v = (uint32_t)(next_rand(&rs) & ((w == 32 ? 0 :
			    (uint64_t)1 << w) - 1));
			cr_bits_set(c, w, i, v);
			plain[i] = v;
		}
		for (i = 0; i < n; i++)
			assert_int_equal(cr_bits_get(c, w, i), plain[i]);
		/* The spare word is never written. */
		assert_true(c[cr_bits_words(n, w) - 1] == 0);
		free(c);
	}
	free(plain);
}

/*
 * Ranks packed as they are made are the ranks cr_rank() makes, with the
 * same order, by merge sort (few values) and by radix (many), with
 * ties and missing values.
 */
static void
test_rank_bits(void **state)
{
	static const size_t	 sizes[] = { 1, 26, 2047, 2048, 5000 };
	uint64_t		 rs = 9, *col;
	double			*v;
	int			*r, *o1, *o2;
	size_t			 z, n, i;
	unsigned		 w;

	(void)state;
	for (z = 0; z < sizeof(sizes) / sizeof(*sizes); z++) {
		n = sizes[z];
		w = cr_bits_for(n);
		v = calloc(n, sizeof(*v));
		r = calloc(n, sizeof(*r));
		o1 = calloc(n, sizeof(*o1));
		o2 = calloc(n, sizeof(*o2));
		col = calloc(cr_bits_words(n, w), sizeof(*col));
		assert_true(v && r && o1 && o2 && col);
		for (i = 0; i < n; i++)
			v[i] = below(&rs, 10) == 0 ? NAN :
			    (double)below(&rs, (int)n / 3 + 2);
		cr_rank_order(v, n, 1, r, 1, o1);
		/* Garbage first: every rank is written. */
		memset(col, 0xa5, (cr_bits_words(n, w) - 1) * sizeof(*col));
		cr_rank_bits(v, n, 1, col, w, o2);
		for (i = 0; i < n; i++) {
			assert_int_equal(cr_bits_get(col, w, i), r[i]);
			assert_int_equal(o1[i], o2[i]);
		}
		memset(col, 0, cr_bits_words(n, w) * sizeof(*col));
		cr_rank_bits(v, n, 1, col, w, NULL);
		for (i = 0; i < n; i++)
			assert_int_equal(cr_bits_get(col, w, i), r[i]);
		free(v);
		free(r);
		free(o1);
		free(o2);
		free(col);
	}
}

/*
 * Missing leaves and the least official provenance of the values
 * beneath a node, by walking its children: how the score kept them per
 * aggregate before they were counted when asked.
 */
static void
facts_by_tree(const struct cr_model *m, int e, int node, int *miss,
    int *worst)
{
	size_t	 k;
	int	 c;

	if (m->nodes[node].leaf != -1) {
		k = (size_t)e * m->n_leaves + (size_t)m->nodes[node].leaf;
		if (isnan(m->raw[k]))
			(*miss)++;
		else if ((int)cr_model_prov_at(m, k) > *worst)
			*worst = (int)cr_model_prov_at(m, k);
		return;
	}
	for (c = m->nodes[node].first_child; c != -1;
	    c = m->nodes[c].next_sibling)
		facts_by_tree(m, e, c, miss, worst);
}

/*
 * Missing counts and provenance at every node agree with the tree's,
 * for units with nothing missing and one provenance (read from the
 * unit's summary), with a value missing, with provenances mixed, and
 * with no value at all.
 */
static void
test_facts_on_demand(void **state)
{
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s;
	uint64_t		 rs = 77;
	int			 e, nd, miss, worst, round, uniform_seen = 0;
	size_t			 l;
	double			 v;

	(void)state;
	for (round = 0; round < 4; round++) {
		m = random_model(&rs);
		entity(m, "empty");
		/* Even units: one provenance for all their values. */
		for (e = 0; e < 30; e += 2)
			for (l = 0; l < m->n_leaves; l++) {
				v = m->raw[(size_t)e * m->n_leaves + l];
				if (e % 4 == 0 && isnan(v))
					v = 1;
				if (!isnan(v))
					assert_int_equal(cr_model_set_value(m,
					    e, (int)l, v, (enum cr_prov)
					    ((e / 2 + round) % CR_PROV_COUNT)),
					    0);
			}
		sc = cr_scenario_new(m, "t");
		s = cr_scores_new(m);
		assert_int_equal(cr_score(m, sc, s, NULL), 0);
		for (e = 0; e < (int)m->n_entities; e++)
			for (nd = 0; nd < (int)m->n_nodes; nd++) {
				miss = 0;
				worst = CR_PROV_REPORT;
				facts_by_tree(m, e, nd, &miss, &worst);
				assert_int_equal(cr_scores_missing(s, e, nd),
				    miss);
				/* A leaf's is its value's, even missing. */
				if (m->nodes[nd].leaf != -1)
					worst = (int)cr_model_prov_at(m, (size_t)e *
					    m->n_leaves + (size_t)
					    m->nodes[nd].leaf);
				assert_int_equal(cr_scores_prov(s, e, nd),
				    worst);
				if (e % 4 == 0 && nd == 0 && worst != 0)
					uniform_seen++;
			}
		/* The unit with no value: all missing, the report's. */
		e = cr_model_find_entity(m, "empty");
		assert_int_equal(cr_scores_missing(s, e, 0),
		    (int)m->n_leaves);
		assert_int_equal(cr_scores_prov(s, e, 0), CR_PROV_REPORT);
		cr_scores_free(s);
		cr_scenario_free(sc);
		cr_model_free(m);
	}
	assert_true(uniform_seen > 0);
}

/*
 * cr_scores_top() at an aggregate of inc: the first rows of full's
 * order and their ranks, which inc reads without ranking the rest.
 * Whether it took the short way (not every row).
 */
static int
top_matches(struct cr_scores *inc, struct cr_scores *full, int nd, size_t k)
{
	size_t	 ne = inc->n_entities, c, i;
	int	*got = malloc((ne + 1) * sizeof(*got));
	int	*want = malloc((ne + 1) * sizeof(*want));

	assert_true(got != NULL && want != NULL);
	c = cr_scores_top(inc, nd, k, got);
	cr_scores_order(full, nd, want);
	assert_true(c >= k && c <= ne);
	for (i = 0; i < c; i++) {
		assert_int_equal(got[i], want[i]);
		assert_int_equal(cr_scores_rank(inc, got[i], nd),
		    cr_scores_rank(full, got[i], nd));
	}
	free(got);
	free(want);
	return (c < ne);
}

static void
incremental_run(enum cr_norm norm, double lo, enum cr_agg agg, uint64_t seed)
{
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*inc, *full;
	uint64_t		 rs = seed;
	double			*prev;
	size_t			 n;
	int			 i, nd, changed = 0, top = 0;

	m = random_model(&rs);
	sc = cr_scenario_new(m, "t");
	sc->norm = norm;
	sc->norm_lo = lo;
	sc->agg = agg;
	inc = cr_scores_new(m);
	full = cr_scores_new(m);
	assert_int_equal(cr_score(m, sc, inc, NULL), 0);
	/* Weights move the aggregates only. */
	n = inc->n_entities * inc->n_aggs;
	prev = malloc(n * sizeof(*prev));
	assert_non_null(prev);
	memcpy(prev, inc->agg_score, n * sizeof(*prev));
	for (i = 0; i < 200; i++) {
		nd = 1 + below(&rs, (int)m->n_nodes - 1);
		/* Zeros too, so whole subtrees come and go. */
		sc->weight[nd] = below(&rs, 5) == 0 ? 0 : uniform(&rs) * 5;
		assert_int_equal(cr_score_weight_changed(m, sc, inc, nd,
		    NULL), 0);
		assert_int_equal(cr_score(m, sc, full, NULL), 0);
		/*
		 * The top of an aggregate's ranking now and then: then every
		 * rank read below, of a row in it or not, is still right.
		 */
		if (below(&rs, 2) == 0) {
			/* The root waits to be ranked after every change. */
			nd = 0;
			if (below(&rs, 2))
				do
					nd = below(&rs, (int)m->n_nodes);
				while (inc->agg[nd] == -1);
			top += top_matches(inc, full, nd, 1 + below(&rs, 2));
		}
		assert_same_scores(inc, full);
		/* Count the steps that moved some score, lest this be idle. */
		if (memcmp(inc->agg_score, prev, n * sizeof(*prev)) != 0)
			changed++;
		memcpy(prev, inc->agg_score, n * sizeof(*prev));
	}
	if (changed < 150)
		fail_msg("only %d of 200 weight changes moved a score",
		    changed);
	if (top < 20)
		fail_msg("the top of a ranking made its own way %d times", top);
	free(prev);
	cr_scores_free(inc);
	cr_scores_free(full);
	cr_scenario_free(sc);
	cr_model_free(m);
}

static void
test_incremental(void **state)
{
	static const struct {
		enum cr_norm	 norm;
		double		 lo;
		enum cr_agg	 agg;
		uint64_t	 seed;
	} c[] = {
		{ CR_NORM_MINMAX, 0, CR_AGG_ARITH, 0x9e3779b97f4a7c15ULL },
		/* 1-100 as COINr does for geometric means, so few zeros. */
		{ CR_NORM_MINMAX, 1, CR_AGG_GEOM, 0x0123456789abcdefULL },
		{ CR_NORM_RANK, 0, CR_AGG_GEOM, 42 },
		{ CR_NORM_RANK, 0, CR_AGG_ARITH, 43 },
		{ CR_NORM_ZSCORE, 0, CR_AGG_ARITH, 7 },
		{ CR_NORM_PRANK, 0, CR_AGG_ARITH, 44 },
		{ CR_NORM_BORDA, 0, CR_AGG_GEOM, 45 },
		{ CR_NORM_MINMAX, 1, CR_AGG_HARM, 46 },
	};
	int	 i, n = test_cases(8);

	(void)state;
	for (i = 0; i < n; i++)
		incremental_run(c[i].norm, c[i].lo, c[i].agg, c[i].seed);
}

/* A weight change reaches the parent and the root. */
static void
test_incremental_moves(void **state)
{
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s;
	double			 before;
	int			 leaf;

	(void)state;
	m = agg_model();
	sc = cr_scenario_new(m, "t");
	sc->norm = CR_NORM_NONE;
	s = cr_scores_new(m);
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	before = score_of(m, s, "e1", "root");
	expect_near(before, 25);
	leaf = cr_model_find_node(m, "a1");
	sc->weight[leaf] = 3;
	assert_int_equal(cr_score_weight_changed(m, sc, s, leaf, NULL), 0);
	/* A = (30 + 60) / 6 = 15; root = (30 + 40) / 3 */
	expect_near(score_of(m, s, "e1", "A"), 15);
	expect_near(score_of(m, s, "e1", "root"), 70.0 / 3);
	cr_scores_free(s);
	cr_scenario_free(sc);
	cr_model_free(m);
}

/* cr_scores_order() against the ranks read one by one: 0 last. */
static void
expect_order(const struct cr_model *m, struct cr_scores *s, int node)
{
	int	*ord = malloc((m->n_entities + 1) * sizeof(*ord));
	int	 i, r0, r1;

	unsigned char	*seen = calloc(m->n_entities + 1, 1);

	assert_non_null(ord);
	assert_non_null(seen);
	cr_scores_order(s, node, ord);
	/* Every entity once. */
	for (i = 0; i < (int)m->n_entities; i++) {
		assert_true(ord[i] >= 0 && ord[i] < (int)m->n_entities);
		assert_false(seen[ord[i]]);
		seen[ord[i]] = 1;
	}
	free(seen);
	for (i = 0; i + 1 < (int)m->n_entities; i++) {
		r0 = cr_scores_rank(s, ord[i], node);
		r1 = cr_scores_rank(s, ord[i + 1], node);
		if (r0 == 0)
			assert_true(r1 == 0);
		else if (r1 != 0)
			assert_true(r0 <= r1);
		if (r0 == r1)
			assert_true(ord[i] < ord[i + 1]);
	}
	free(ord);
}

/*
 * The order of a ranking: an aggregate waiting to be ranked after a
 * weight change (ranked by the same sort), one ranked already, a leaf.
 */
static void
test_scores_order(void **state)
{
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s;
	uint64_t		 rs = 0x0de4;
	int			 leaf, dim;

	(void)state;
	m = random_model(&rs);
	sc = cr_scenario_new(m, "t");
	s = cr_scores_new(m);
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	dim = cr_model_find_node(m, "D1");
	leaf = m->leaf_node[2];
	sc->weight[dim] = 2.5;
	assert_int_equal(cr_score_weight_changed(m, sc, s, dim, NULL), 0);
	expect_order(m, s, 0);
	expect_order(m, s, 0);
	expect_order(m, s, dim);
	expect_order(m, s, leaf);
	cr_scores_free(s);
	cr_scenario_free(sc);
	cr_model_free(m);
}

/* A failed incremental re-score leaves the results as they were. */
static void
test_incremental_error(void **state)
{
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s, *copy;
	char			*cause = NULL;
	int			 leaf, rc;

	(void)state;
	m = agg_model();
	value(m, "e3", "a1", -2, CR_PROV_USER);
	sc = cr_scenario_new(m, "t");
	sc->norm = CR_NORM_NONE;
	sc->agg = CR_AGG_GEOM;
	leaf = cr_model_find_node(m, "a1");
	sc->weight[leaf] = 0;
	s = cr_scores_new(m);
	copy = cr_scores_new(m);
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	assert_int_equal(cr_score(m, sc, copy, NULL), 0);
	sc->weight[leaf] = 1;
	rc = cr_score_weight_changed(m, sc, s, leaf, &cause);
	expect_cause(rc, cause, "geometric aggregation needs scores >= 0: "
	    "node a1 has a negative score for e3; use minmax or rank "
	    "normalisation");
	assert_same_scores(s, copy);
	cause = NULL;
	rc = cr_score_weight_changed(m, sc, s, 99, &cause);
	assert_int_equal(rc, -1);
	free(cause);
	cr_scores_free(s);
	cr_scores_free(copy);
	cr_scenario_free(sc);
	cr_model_free(m);
}

/* ---- stored and on-demand ranks, missing counts, provenance ---- */

/*
 * Every leaf's ranks through the accessor against cr_rank() run here on
 * the leaf's column normalised whole (normalize.c): first counted, which
 * keeps nothing, then from the column cr_scores_rank_all() ranks and
 * keeps.  cr_score() must not have ranked any leaf: that is the work
 * the lazy path saves.
 */
static void
expect_lazy_leaf_ranks(const struct cr_model *m, struct cr_scores *s)
{
	double	*col;
	int	*want;
	size_t	 l;
	int	 e, nd, ranked = 0;

	want = malloc(m->n_entities * sizeof(*want));
	col = malloc(m->n_entities * sizeof(*col));
	assert_non_null(want);
	assert_non_null(col);
	for (l = 0; l < m->n_leaves; l++)
		assert_null(s->leaf_rank[l]);
	for (l = 0; l < m->n_leaves; l++) {
		nd = m->leaf_node[l];
		cr_normalize_leaf(m, s->norm, s->norm_lo, s->norm_hi, l,
		    m->n_entities, col);
		cr_rank(col, m->n_entities, 1, want, 1);
		for (e = 0; e < (int)m->n_entities; e++) {
			assert_int_equal(cr_scores_rank(s, e, nd), want[e]);
			ranked += want[e] > 0;
		}
		assert_null(s->leaf_rank[l]);
		cr_scores_rank_all(s, nd);
		assert_non_null(s->leaf_rank[l]);
		for (e = 0; e < (int)m->n_entities; e++)
			assert_int_equal(cr_scores_rank(s, e, nd), want[e]);
	}
	/* Lest every rank be 0 and the comparison idle. */
	assert_true(ranked > (int)(m->n_leaves * m->n_entities) / 2);
	free(col);
	free(want);
}

static void
test_leaf_ranks_lazy(void **state)
{
	static const enum cr_norm norms[] = {
		CR_NORM_NONE, CR_NORM_MINMAX, CR_NORM_ZSCORE, CR_NORM_RANK
	};
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s;
	uint64_t		 rs = 0x5eed;
	size_t			 i;

	(void)state;
	m = random_model(&rs);
	sc = cr_scenario_new(m, "t");
	s = cr_scores_new(m);
	for (i = 0; i < sizeof(norms) / sizeof(norms[0]); i++) {
		sc->norm = norms[i];
		assert_int_equal(cr_score(m, sc, s, NULL), 0);
		expect_lazy_leaf_ranks(m, s);
	}
	cr_scores_free(s);
	cr_scenario_free(sc);
	cr_model_free(m);
}

/*
 * Leaves whose ranks depend on the normalisation, because floating
 * point is not exact arithmetic:
 *   x  0, 1, 1 + 1e-9, -   min-max to [999999999, 1e9] rounds the top
 *                          two together (1e9 has no room for 1e-9)
 *   h  1e308, 1.5e308, 0, -   z-score's sum would overflow: the values
 *                             are scaled first, and rank as raw
 */
static struct cr_model *
rounding_model(void)
{
	struct cr_model	*m;

	m = cr_model_new("rounding");
	node(m, "root", NULL, 1, 1);
	node(m, "x", "root", 1, 1);
	node(m, "h", "root", 1, 1);
	assert_int_equal(cr_model_freeze(m, NULL), 0);
	entity(m, "e1");
	entity(m, "e2");
	entity(m, "e3");
	entity(m, "e4");
	value(m, "e1", "x", 0, CR_PROV_REPORT);
	value(m, "e2", "x", 1, CR_PROV_REPORT);
	value(m, "e3", "x", 1 + 1e-9, CR_PROV_REPORT);
	value(m, "e1", "h", 1e308, CR_PROV_REPORT);
	value(m, "e2", "h", 1.5e308, CR_PROV_REPORT);
	value(m, "e3", "h", 0, CR_PROV_REPORT);
	return m;
}

static void
expect_ranks(const struct cr_model *m, struct cr_scores *s, const char *nd,
    int r1, int r2, int r3, int r4)
{
	assert_int_equal(rank_of(m, s, "e1", nd), r1);
	assert_int_equal(rank_of(m, s, "e2", nd), r2);
	assert_int_equal(rank_of(m, s, "e3", nd), r3);
	assert_int_equal(rank_of(m, s, "e4", nd), r4);
}

static void
set_norm(struct cr_scenario *sc, enum cr_norm norm, double lo, double hi)
{
	sc->norm = norm;
	sc->norm_lo = lo;
	sc->norm_hi = hi;
}

/* A full cr_score() drops the leaf ranks computed before it. */
static void
test_leaf_ranks_refreshed(void **state)
{
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s;

	(void)state;
	m = rounding_model();
	sc = cr_scenario_new(m, "t");
	s = cr_scores_new(m);
	set_norm(sc, CR_NORM_RANK, 0, 100);
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	expect_ranks(m, s, "x", 3, 2, 1, 0);
	expect_ranks(m, s, "h", 2, 1, 3, 0);

	set_norm(sc, CR_NORM_MINMAX, 999999999, 1e9);
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	expect_ranks(m, s, "x", 3, 1, 1, 0);
	set_norm(sc, CR_NORM_ZSCORE, 0, 100);
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	expect_ranks(m, s, "h", 2, 1, 3, 0);
	set_norm(sc, CR_NORM_MINMAX, 0, 100);
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	expect_ranks(m, s, "x", 3, 2, 1, 0);
	expect_ranks(m, s, "h", 2, 1, 3, 0);
	cr_scores_free(s);
	cr_scenario_free(sc);
	cr_model_free(m);
}

/*
 * Weight changes keep the leaf ranks (the same columns, not recomputed)
 * and every rank equals a full cr_score()'s.
 */
static void
test_weight_changed_leaf_ranks(void **state)
{
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*inc, *full;
	int			**kept;
	uint64_t		 rs = 0xfeed;
	size_t			 l;
	int			 i, nd;

	(void)state;
	m = random_model(&rs);
	sc = cr_scenario_new(m, "t");
	inc = cr_scores_new(m);
	full = cr_scores_new(m);
	assert_int_equal(cr_score(m, sc, inc, NULL), 0);
	for (l = 0; l < m->n_leaves; l++)
		cr_scores_rank_all(inc, m->leaf_node[l]);
	kept = malloc(m->n_leaves * sizeof(*kept));
	assert_non_null(kept);
	memcpy(kept, inc->leaf_rank, m->n_leaves * sizeof(*kept));
	for (i = 0; i < 50; i++) {
		nd = 1 + below(&rs, (int)m->n_nodes - 1);
		sc->weight[nd] = below(&rs, 5) == 0 ? 0 : uniform(&rs) * 5;
		assert_int_equal(cr_score_weight_changed(m, sc, inc, nd,
		    NULL), 0);
		assert_memory_equal(kept, inc->leaf_rank,
		    m->n_leaves * sizeof(*kept));
		assert_int_equal(cr_score(m, sc, full, NULL), 0);
		assert_same_scores(inc, full);
	}
	free(kept);
	cr_scores_free(inc);
	cr_scores_free(full);
	cr_scenario_free(sc);
	cr_model_free(m);
}

/*
 * root -> A (a1, a2), B (b1, b2, b3), c, worked by hand.  A missing
 * value's provenance does not count, nor does that of a child with
 * nothing beneath it; a leaf still reports its own.
 *
 *        a1    a2    b1    b2    b3    c      A      B      root
 *   e1   1 R   - X   1 O   1 U   - E   1 R    1 R    1 U    2 U
 *   e2   - E   - X   1 R   1 R   1 R   - U    2 R    0 R    3 R
 *   e3   1 X   1 O   1 E   - O   1 R   1 O    0 X    1 E    1 X
 *
 * R report, O official, U user, E estimated, X reconstructed; aggregate
 * cells are missing count and provenance.
 */
static struct cr_model *
facts_model(void)
{
	static const struct {
		const char	*ent, *leaf;
		double		 v;
		enum cr_prov	 p;
	} vals[] = {
		{ "e1", "a1", 1, CR_PROV_REPORT },
		{ "e1", "a2", NAN, CR_PROV_RECONSTRUCTED },
		{ "e1", "b1", 1, CR_PROV_OFFICIAL },
		{ "e1", "b2", 1, CR_PROV_USER },
		{ "e1", "b3", NAN, CR_PROV_ESTIMATED },
		{ "e1", "c", 1, CR_PROV_REPORT },
		{ "e2", "a1", NAN, CR_PROV_ESTIMATED },
		{ "e2", "a2", NAN, CR_PROV_RECONSTRUCTED },
		{ "e2", "b1", 1, CR_PROV_REPORT },
		{ "e2", "b2", 1, CR_PROV_REPORT },
		{ "e2", "b3", 1, CR_PROV_REPORT },
		{ "e2", "c", NAN, CR_PROV_USER },
		{ "e3", "a1", 1, CR_PROV_RECONSTRUCTED },
		{ "e3", "a2", 1, CR_PROV_OFFICIAL },
		{ "e3", "b1", 1, CR_PROV_ESTIMATED },
		{ "e3", "b2", NAN, CR_PROV_OFFICIAL },
		{ "e3", "b3", 1, CR_PROV_REPORT },
		{ "e3", "c", 1, CR_PROV_OFFICIAL },
	};
	struct cr_model	*m;
	size_t		 i;

	m = cr_model_new("facts");
	node(m, "root", NULL, 1, 1);
	node(m, "A", "root", 1, 1);
	node(m, "a1", "A", 1, 1);
	node(m, "a2", "A", 1, 1);
	node(m, "B", "root", 1, 1);
	node(m, "b1", "B", 1, 1);
	node(m, "b2", "B", 1, 1);
	node(m, "b3", "B", 1, 1);
	node(m, "c", "root", 1, 1);
	assert_int_equal(cr_model_freeze(m, NULL), 0);
	entity(m, "e1");
	entity(m, "e2");
	entity(m, "e3");
	for (i = 0; i < sizeof(vals) / sizeof(vals[0]); i++)
		value(m, vals[i].ent, vals[i].leaf, vals[i].v, vals[i].p);
	return m;
}

static void
expect_fact(const struct cr_model *m, const struct cr_scores *s,
    const char *ent, const char *nd, int missing, enum cr_prov prov)
{
	assert_int_equal(missing_of(m, s, ent, nd), missing);
	assert_int_equal(prov_of(m, s, ent, nd), prov);
}

static void
expect_facts(const struct cr_model *m, const struct cr_scores *s)
{
	expect_fact(m, s, "e1", "A", 1, CR_PROV_REPORT);
	expect_fact(m, s, "e1", "B", 1, CR_PROV_USER);
	expect_fact(m, s, "e1", "root", 2, CR_PROV_USER);
	expect_fact(m, s, "e2", "A", 2, CR_PROV_REPORT);
	expect_fact(m, s, "e2", "B", 0, CR_PROV_REPORT);
	expect_fact(m, s, "e2", "root", 3, CR_PROV_REPORT);
	expect_fact(m, s, "e3", "A", 0, CR_PROV_RECONSTRUCTED);
	expect_fact(m, s, "e3", "B", 1, CR_PROV_ESTIMATED);
	expect_fact(m, s, "e3", "root", 1, CR_PROV_RECONSTRUCTED);
	/* Leaves: the raw value's, missing or not. */
	expect_fact(m, s, "e1", "a2", 1, CR_PROV_RECONSTRUCTED);
	expect_fact(m, s, "e1", "b2", 0, CR_PROV_USER);
	expect_fact(m, s, "e2", "c", 1, CR_PROV_USER);
	expect_fact(m, s, "e3", "a1", 0, CR_PROV_RECONSTRUCTED);
	expect_fact(m, s, "e3", "b2", 1, CR_PROV_OFFICIAL);
}

static void
test_facts(void **state)
{
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s;

	(void)state;
	m = facts_model();
	sc = cr_scenario_new(m, "t");
	s = cr_scores_new(m);
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	expect_facts(m, s);
	/* Weights leave them alone, in full and in part. */
	sc->weight[cr_model_find_node(m, "B")] = 0;
	assert_int_equal(cr_score_weight_changed(m, sc, s,
	    cr_model_find_node(m, "B"), NULL), 0);
	expect_facts(m, s);
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	expect_facts(m, s);
	cr_scores_free(s);
	cr_scenario_free(sc);
	cr_model_free(m);
}

/* A ranks-only result answers every node's rank as it was scored. */
static void
expect_same_ranks(struct cr_scores *a, struct cr_scores *b)
{
	int	 e, nd;

	for (e = 0; e < (int)a->n_entities; e++)
		for (nd = 0; nd < (int)a->n_nodes; nd++)
			assert_int_equal(cr_scores_rank(a, e, nd),
			    cr_scores_rank(b, e, nd));
}

static void
test_ranks_only(void **state)
{
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s, *then, *copy, *base;
	uint64_t		 rs = 0xba5e;
	int			 e, nd, moved = 0;

	(void)state;
	m = random_model(&rs);
	sc = cr_scenario_new(m, "t");
	s = cr_scores_new(m);
	then = cr_scores_new(m);
	base = cr_scores_new(m);
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	assert_int_equal(cr_score(m, sc, then, NULL), 0);
	assert_int_equal(cr_score(m, sc, base, NULL), 0);
	cr_scores_ranks_only(base);
	assert_null(base->ent_fact);
	/* One leaf's ranks already there, the others not. */
	cr_scores_rank_all(s, m->leaf_node[0]);
	/* The index ranked in the original before the copy, no other. */
	(void)cr_scores_rank(s, 0, 0);
	copy = cr_scores_ranks_copy(s);
	assert_null(copy->ent_fact);
	/*
	 * It keeps no scores, twice the size of ranks, and no ranks of
	 * its own yet: an aggregate's are read in the original.
	 */
	assert_null(copy->agg_score);
	assert_ptr_equal(copy->src, s);
	expect_same_ranks(copy, then);
	/* Read, they were ranked in the original; the copy has none. */
	for (nd = 0; nd < (int)m->n_nodes; nd++) {
		if (s->agg[nd] == -1)
			continue;
		assert_int_equal(s->agg_stale[s->agg[nd]], 0);
		assert_int_not_equal(copy->agg_stale[copy->agg[nd]], 0);
	}
	cr_scores_ranks_settle(copy);
	assert_null(copy->src);
	for (nd = 0; nd < (int)m->n_nodes; nd++)
		if (copy->agg[nd] != -1)
			assert_int_equal(copy->agg_stale[copy->agg[nd]], 0);

	/* The live result moves on; the copies keep the ranks of then. */
	sc->weight[1] = 10;
	sc->weight[m->nodes[m->leaf_node[0]].parent] = 7;
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	for (e = 0; e < (int)m->n_entities; e++)
		moved += cr_scores_rank(s, e, 0) != cr_scores_rank(then, e, 0);
	assert_true(moved > 0);
	expect_same_ranks(copy, then);
	expect_same_ranks(base, then);
	for (nd = 0; nd < (int)m->n_nodes; nd++)
		assert_int_equal(copy->agg[nd] == -1,
		    m->nodes[nd].leaf != -1);
	/* Every aggregate read: a ranks-only result then drops its scores. */
	cr_scores_ranks_only(copy);
	assert_null(copy->agg_score);
	expect_same_ranks(copy, then);
	cr_scores_free(copy);
	cr_scores_free(base);
	cr_scores_free(then);
	cr_scores_free(s);
	cr_scenario_free(sc);
	cr_model_free(m);
}

/*
 * A ranks-only baseline normalised otherwise than the live scores ranks
 * its leaves its own way: the live ranks are not its ranks.
 */
static void
test_ranks_only_own_norm(void **state)
{
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s, *base, *copy;

	(void)state;
	m = rounding_model();
	sc = cr_scenario_new(m, "t");
	s = cr_scores_new(m);
	base = cr_scores_new(m);
	set_norm(sc, CR_NORM_MINMAX, 999999999, 1e9);
	assert_int_equal(cr_score(m, sc, base, NULL), 0);
	cr_scores_ranks_only(base);
	set_norm(sc, CR_NORM_ZSCORE, 0, 100);
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	copy = cr_scores_ranks_copy(s);
	cr_scores_ranks_settle(copy);
	set_norm(sc, CR_NORM_RANK, 0, 100);
	assert_int_equal(cr_score(m, sc, s, NULL), 0);

	expect_ranks(m, s, "x", 3, 2, 1, 0);
	expect_ranks(m, s, "h", 2, 1, 3, 0);
	expect_ranks(m, base, "x", 3, 1, 1, 0);
	expect_ranks(m, base, "h", 2, 1, 3, 0);
	expect_ranks(m, copy, "x", 3, 2, 1, 0);
	expect_ranks(m, copy, "h", 2, 1, 3, 0);
	cr_scores_free(copy);
	cr_scores_free(base);
	cr_scores_free(s);
	cr_scenario_free(sc);
	cr_model_free(m);
}

/*
 * A lazy copy settled for one weight makes its own only the aggregates
 * that weight's change moves; those it still shares are read in the
 * original after the change, and all are the ranks of then.
 */
static void
test_ranks_copy_settle_node(void **state)
{
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s, *then, *copy;
	uint64_t		 rs = 0x57e9;
	int			 leaf, nd, e, own = 0, shared = 0, moved = 0;

	(void)state;
	m = random_model(&rs);
	sc = cr_scenario_new(m, "t");
	s = cr_scores_new(m);
	then = cr_scores_new(m);
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	assert_int_equal(cr_score(m, sc, then, NULL), 0);
	copy = cr_scores_ranks_copy(s);
	leaf = m->leaf_node[0];
	cr_scores_ranks_settle_node(copy, leaf);
	assert_ptr_equal(copy->src, s);
	for (nd = 0; nd < (int)m->n_nodes; nd++) {
		if (copy->agg[nd] == -1)
			continue;
		if (cr_model_under(m, m->nodes[leaf].parent, nd)) {
			assert_int_equal(copy->agg_stale[copy->agg[nd]], 0);
			own++;
		} else {
			assert_int_not_equal(copy->agg_stale[copy->agg[nd]],
			    0);
			shared++;
		}
	}
	assert_true(own >= 2 && shared >= 2);
	sc->weight[leaf] = 25;
	assert_int_equal(cr_score_weight_changed(m, sc, s, leaf, NULL), 0);
	for (e = 0; e < (int)m->n_entities; e++)
		moved += cr_scores_rank(s, e, 0) != cr_scores_rank(then, e, 0);
	assert_true(moved > 0);
	expect_same_ranks(copy, then);
	/* Settled whole, it is free of the original. */
	cr_scores_ranks_settle(copy);
	assert_null(copy->src);
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	expect_same_ranks(copy, then);
	cr_scores_free(copy);
	cr_scores_free(then);
	cr_scores_free(s);
	cr_scenario_free(sc);
	cr_model_free(m);
}

/* The original changed, then the copy read: in a child, which aborts. */
struct stale_args {
	const struct cr_model	*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s, *copy;
	int			 settled, changed;	/* leaves */
};

static void
read_stale(void *arg)
{
	struct stale_args	*a = arg;

	a->sc->weight[1] = 10;
	if (cr_score(a->m, a->sc, a->s, NULL) == 0)
		(void)cr_scores_rank(a->copy, 0, 0);
}

/* Settled for one leaf, the original changed at another's parent. */
static void
read_stale_node(void *arg)
{
	struct stale_args	*a = arg;
	int			 p = a->m->nodes[a->changed].parent;

	cr_scores_ranks_settle_node(a->copy, a->settled);
	a->sc->weight[a->changed] = 10;
	if (cr_score_weight_changed(a->m, a->sc, a->s, a->changed, NULL) == 0)
		(void)cr_scores_rank(a->copy, 0, p);
}

/*
 * Read after its original changed, a lazy copy would give the new
 * ranks for the old: it stops the program instead (a bug in the
 * caller, who must settle it first).
 */
static void
test_ranks_copy_stale(void **state)
{
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s, *copy;
	struct stale_args	 a;
	uint64_t		 rs = 0x57a1e;
	char			 buf[128];
	int			 status;

	(void)state;
	m = random_model(&rs);
	sc = cr_scenario_new(m, "t");
	s = cr_scores_new(m);
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	copy = cr_scores_ranks_copy(s);
	a = (struct stale_args){ m, sc, s, copy, 0, 0 };
	status = child_stderr(read_stale, &a, buf, sizeof buf);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGABRT);
	/* First: under valgrind its own report of the signal follows. */
	assert_true(strncmp(buf, "cityrank: internal error: stale ranks "
	    "copy\n", 43) == 0);
	/*
	 * Settled for a leaf of the first pillar, changed at the last
	 * leaf, of another: the last leaf's parent was shared still.
	 */
	a.settled = m->leaf_node[0];
	a.changed = m->leaf_node[m->n_leaves - 1];
	assert_false(cr_model_under(m, a.settled,
	    m->nodes[a.changed].parent));
	status = child_stderr(read_stale_node, &a, buf, sizeof buf);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGABRT);
	assert_true(strncmp(buf, "cityrank: internal error: stale ranks "
	    "copy\n", 43) == 0);
	/* Settled, the same reads are fine. */
	cr_scores_ranks_settle(copy);
	sc->weight[1] = 10;
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	assert_true(cr_scores_rank(copy, 0, 0) > 0);
	cr_scores_free(copy);
	cr_scores_free(s);
	cr_scenario_free(sc);
	cr_model_free(m);
}

/* ---- leaf scores computed when read, leaf ranks counted ---- */

/* The normalisations the checks below go through. */
static const struct {
	enum cr_norm	 norm;
	double		 lo, hi;
} norm_cases[] = {
	{ CR_NORM_NONE, 0, 100 },
	{ CR_NORM_MINMAX, 0, 100 },
	{ CR_NORM_MINMAX, -5, 5 },
	{ CR_NORM_MINMAX, 999999999, 1e9 },
	/* The middle is lo + (hi - lo) / 2, not (lo + hi) / 2: 0.4. */
	{ CR_NORM_MINMAX, 0.1, 0.7 },
	{ CR_NORM_ZSCORE, 0, 100 },
	{ CR_NORM_RANK, 0, 100 },
};
#define N_NORM_CASES	(sizeof(norm_cases) / sizeof(norm_cases[0]))

/*
 * Columns where the arithmetic has edges: ties, missing values, all
 * equal, one entity, nothing at all, signed zeros (a tie), a sum that
 * would overflow and a range that would (so the values are scaled
 * first), values too close for the target range.
 */
static const double col_ties[] = { 5, 3, 3, 1, 3 };
static const double col_nan[] = { NAN, 2, NAN, 7, 2 };
static const double col_equal[] = { 4, 4, 4 };
static const double col_one[] = { 9 };
static const double col_one_nan[] = { NAN };
static const double col_none[] = { NAN, NAN };
static const double col_zeros[] = { 0, -0.0, 1, -1, -0.0 };
static const double col_huge[] = { 1e308, 1.5e308, 0, -1e308, 1e308 };
static const double col_close[] = { 0, 1, 1 + 1e-9, 1 + 2e-9, NAN };
static const struct {
	const double	*v;
	size_t		 n;
} columns[] = {
	{ col_ties, 5 }, { col_nan, 5 }, { col_equal, 3 }, { col_one, 1 },
	{ col_one_nan, 1 }, { col_none, 2 }, { col_zeros, 5 },
	{ col_huge, 5 }, { col_close, 5 },
};
#define N_COLUMNS	(sizeof(columns) / sizeof(columns[0]))

/* root -> up (higher is better), down (lower is better), both = v. */
static struct cr_model *
column_model(const double *v, size_t n)
{
	struct cr_model	*m;
	char		 code[32];
	size_t		 e;

	m = cr_model_new("column");
	node(m, "root", NULL, 1, 1);
	node(m, "up", "root", 1, 1);
	node(m, "down", "root", 1, -1);
	assert_int_equal(cr_model_freeze(m, NULL), 0);
	for (e = 0; e < n; e++) {
		snprintf(code, sizeof(code), "e%zu", e);
		entity(m, code);
		value(m, code, "up", v[e], CR_PROV_REPORT);
		value(m, code, "down", v[e], CR_PROV_REPORT);
	}
	return m;
}

/*
 * Every leaf score read through the accessor is bit for bit the value
 * the whole-column normalisation (cr_normalize_leaf(), the code that
 * used to fill the stored scores) gives that leaf.
 */
static void
expect_leaf_scores(const struct cr_model *m, const struct cr_scores *s)
{
	double	*col;
	size_t	 l;
	int	 e;

	col = malloc((m->n_entities ? m->n_entities : 1) * sizeof(*col));
	assert_non_null(col);
	for (l = 0; l < m->n_leaves; l++) {
		cr_normalize_leaf(m, s->norm, s->norm_lo, s->norm_hi, l,
		    m->n_entities, col);
		for (e = 0; e < (int)m->n_entities; e++)
			assert_same_bits(cr_scores_score(s, e, m->leaf_node[l]),
			    col[e]);
	}
	free(col);
}

static void
set_case(struct cr_scenario *sc, size_t i)
{
	set_norm(sc, norm_cases[i].norm, norm_cases[i].lo, norm_cases[i].hi);
}

static void
test_leaf_scores_reference(void **state)
{
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s;
	uint64_t		 rs = 0x1eaf;
	size_t			 c, i;
	int			 k;

	(void)state;
	for (c = 0; c <= N_COLUMNS + 3; c++) {
		if (c < N_COLUMNS)
			m = column_model(columns[c].v, columns[c].n);
		else if (c == N_COLUMNS)
			m = rounding_model();
		else
			m = random_model(&rs);
		sc = cr_scenario_new(m, "t");
		s = cr_scores_new(m);
		for (i = 0; i < N_NORM_CASES; i++) {
			set_case(sc, i);
			assert_int_equal(cr_score(m, sc, s, NULL), 0);
			expect_leaf_scores(m, s);
			/* The leaves are stored only to normalise by rank. */
			if (sc->norm == CR_NORM_RANK)
				assert_non_null(s->leaf_rank2);
			else
				assert_null(s->leaf_rank2);
			/* Weights do not touch them. */
			for (k = 1; k < (int)m->n_nodes; k++) {
				sc->weight[k] *= 2;
				assert_int_equal(cr_score_weight_changed(m, sc,
				    s, k, NULL), 0);
			}
			expect_leaf_scores(m, s);
		}
		cr_scores_free(s);
		cr_scenario_free(sc);
		cr_model_free(m);
	}
}

/*
 * A leaf rank asked of one entity is counted, keeps nothing, and is
 * cr_rank()'s on the leaf's column normalised whole; the count of
 * entities ranked is that of scores that are not NAN.  The same holds
 * in ranks-only results, where by rank the column is normalised again.
 */
static void
expect_counted_ranks(const struct cr_model *m, struct cr_scores *s)
{
	double	*col;
	int	*want;
	size_t	 l, ranked, n;
	int	 e, nd;

	col = malloc((m->n_entities ? m->n_entities : 1) * sizeof(*col));
	want = malloc((m->n_entities ? m->n_entities : 1) * sizeof(*want));
	assert_non_null(col);
	assert_non_null(want);
	for (l = 0; l < m->n_leaves; l++) {
		nd = m->leaf_node[l];
		assert_null(s->leaf_rank[l]);
		cr_normalize_leaf(m, s->norm, s->norm_lo, s->norm_hi, l,
		    m->n_entities, col);
		cr_rank(col, m->n_entities, 1, want, 1);
		for (n = 0, e = 0; e < (int)m->n_entities; e++)
			n += !isnan(col[e]);
		for (e = 0; e < (int)m->n_entities; e++) {
			assert_int_equal(cr_scores_rank(s, e, nd), want[e]);
			ranked = 12345;
			assert_int_equal(cr_scores_rank_among(s, e, nd,
			    &ranked), want[e]);
			assert_int_equal(ranked, n);
		}
		assert_null(s->leaf_rank[l]);
		/* And from a kept column, the same. */
		cr_scores_rank_all(s, nd);
		assert_non_null(s->leaf_rank[l]);
		for (e = 0; e < (int)m->n_entities; e++) {
			assert_int_equal(cr_scores_rank_among(s, e, nd,
			    &ranked), want[e]);
			assert_int_equal(ranked, n);
		}
	}
	free(want);
	free(col);
}

/* Drops the leaf ranks kept, so that the next check counts again. */
static void
forget_leaf_ranks(struct cr_scores *s)
{
	size_t	 l;

	for (l = 0; l < s->n_leaves; l++) {
		free(s->leaf_rank[l]);
		s->leaf_rank[l] = NULL;
	}
}

static void
test_leaf_ranks_counted(void **state)
{
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s, *copy;
	uint64_t		 rs = 0xc0de;
	size_t			 c, i;

	(void)state;
	for (c = 0; c <= N_COLUMNS + 3; c++) {
		if (c < N_COLUMNS)
			m = column_model(columns[c].v, columns[c].n);
		else if (c == N_COLUMNS)
			m = rounding_model();
		else
			m = random_model(&rs);
		sc = cr_scenario_new(m, "t");
		s = cr_scores_new(m);
		for (i = 0; i < N_NORM_CASES; i++) {
			set_case(sc, i);
			assert_int_equal(cr_score(m, sc, s, NULL), 0);
			expect_counted_ranks(m, s);
			forget_leaf_ranks(s);
			copy = cr_scores_ranks_copy(s);
			expect_counted_ranks(m, copy);
			cr_scores_free(copy);
			cr_scores_ranks_only(s);
			expect_counted_ranks(m, s);
		}
		cr_scores_free(s);
		cr_scenario_free(sc);
		cr_model_free(m);
	}
}

/*
 * The geometric mean's check of a newly weighted leaf reads the leaf's
 * scores: negative with no normalisation or by z-score, or by min-max
 * to a range below 0; never to a positive range or by rank.  The first
 * negative score is e1's, so that a check made while aggregating, too
 * late, would have changed e0's root already.
 */
static void
test_geom_negative_leaf(void **state)
{
	static const double	 v[] = { 0, -3, -1, -5, 0 };
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s, *full;
	char			*cause = NULL;
	size_t			 i;
	int			 up, down, rc;

	(void)state;
	m = column_model(v, 5);
	up = cr_model_find_node(m, "up");
	down = cr_model_find_node(m, "down");
	sc = cr_scenario_new(m, "t");
	sc->agg = CR_AGG_GEOM;
	s = cr_scores_new(m);
	full = cr_scores_new(m);
	for (i = 0; i < N_NORM_CASES; i++) {
		set_case(sc, i);
		sc->weight[up] = 0;
		sc->weight[down] = 0;
		assert_int_equal(cr_score(m, sc, s, NULL), 0);
		assert_int_equal(cr_score(m, sc, full, NULL), 0);
		sc->weight[up] = 1;
		rc = cr_score_weight_changed(m, sc, s, up, &cause);
		if (sc->norm == CR_NORM_NONE || sc->norm == CR_NORM_ZSCORE ||
		    (sc->norm == CR_NORM_MINMAX && sc->norm_lo < 0)) {
			expect_cause(rc, cause, "geometric aggregation needs "
			    "scores >= 0: node up has a negative score for "
			    "e1; use minmax or rank normalisation");
			cause = NULL;
			assert_same_scores(s, full);
			continue;
		}
		assert_int_equal(rc, 0);
		assert_int_equal(cr_score(m, sc, full, NULL), 0);
		assert_same_scores(s, full);
		assert_false(isnan(score_of(m, s, "e0", "root")));
	}
	cr_scores_free(full);
	cr_scores_free(s);
	cr_scenario_free(sc);
	cr_model_free(m);
}

/*
 * A weight step moves the whole sibling group (wedit.h): lowering a
 * gives weight to its sibling b, which had none.  Under z-score b is
 * negative for e1 and e2, so the geometric mean must fail, and fail
 * before touching anything: e0 has no a, so a check made while
 * aggregating, too late, would have given e0's root b's score already.
 * Checking only the node stepped (a, constant: z-scores of 0) misses b.
 */
static void
test_geom_step_sibling(void **state)
{
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s, *before;
	char			*cause = NULL;
	int			 a, b, rc;

	(void)state;
	m = cr_model_new("step");
	node(m, "root", NULL, 1, 1);
	node(m, "P", "root", 1, 1);
	node(m, "a", "P", 1, 1);
	node(m, "b", "P", 0, 1);
	assert_int_equal(cr_model_freeze(m, NULL), 0);
	entity(m, "e0");
	entity(m, "e1");
	entity(m, "e2");
	value(m, "e1", "a", 5, CR_PROV_REPORT);
	value(m, "e2", "a", 5, CR_PROV_REPORT);
	value(m, "e0", "b", 10, CR_PROV_REPORT);
	value(m, "e1", "b", 1, CR_PROV_REPORT);
	value(m, "e2", "b", 4, CR_PROV_REPORT);
	a = cr_model_find_node(m, "a");
	b = cr_model_find_node(m, "b");
	sc = cr_scenario_new(m, "t");
	sc->norm = CR_NORM_ZSCORE;
	sc->agg = CR_AGG_GEOM;
	s = cr_scores_new(m);
	before = cr_scores_new(m);
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	assert_int_equal(cr_score(m, sc, before, NULL), 0);
	assert_true(isnan(score_of(m, s, "e0", "P")));
	assert_true(score_of(m, s, "e1", "P") == 0);

	sc->weight[a] = 0.5;
	sc->weight[b] = 0.5;
	rc = cr_score_weight_changed(m, sc, s, a, &cause);
	expect_cause(rc, cause, "geometric aggregation needs scores >= 0: "
	    "node b has a negative score for e1; use minmax or rank "
	    "normalisation");
	assert_same_scores(s, before);
	cr_scores_free(before);
	cr_scores_free(s);
	cr_scenario_free(sc);
	cr_model_free(m);
}

/* ---- any finite value scores ---- */

/* e0..e(n-1)'s scores at a node. */
static void
expect_scores(const struct cr_model *m, const struct cr_scores *s,
    const char *nd, const double *want, size_t n)
{
	char	 code[32];
	size_t	 e;

	for (e = 0; e < n; e++) {
		snprintf(code, sizeof(code), "e%zu", e);
		expect_near(score_of(m, s, code, nd), want[e]);
	}
}

static void
expect_col_ranks(const struct cr_model *m, struct cr_scores *s,
    const char *nd, const int *want, size_t n)
{
	char	 code[32];
	size_t	 e;

	for (e = 0; e < n; e++) {
		snprintf(code, sizeof(code), "e%zu", e);
		assert_int_equal(rank_of(m, s, code, nd), want[e]);
	}
}

/*
 * The import of 1e308, -1e308 and 0 (tests/cli.sh imports it too):
 * their min-max range and z-score sums overflow, which left the first
 * unit's score NAN (inf / inf), ranked it last, and reported nothing
 * missing.  Values near 1e-300 underflow the squares instead: every
 * z-score was 0.  By z-score the three are -1, 0, 1 times their common
 * scale, whatever it is.
 */
static void
test_extreme_columns(void **state)
{
	static const double	 big[] = { 1e308, -1e308, 0 };
	static const double	 tiny[] = { 1e-300, 2e-300, 3e-300 };
	static const double	 sub[] = { 4.9e-324, 0, 9.9e-324 };
	static const double	 mm_up[] = { 100, 0, 50 };
	static const double	 mm_down[] = { 0, 100, 50 };
	static const double	 z_up[] = { 1, -1, 0 };
	static const double	 z_down[] = { -1, 1, 0 };
	static const double	 half[] = { 50, 50, 50 };
	static const double	 zero[] = { 0, 0, 0 };
	static const int	 r_up[] = { 1, 3, 2 };
	static const int	 r_down[] = { 3, 1, 2 };
	static const double	 t_up[] = { -1, 0, 1 };
	static const double	 t_down[] = { 1, 0, -1 };
	static const double	 s_up[] = { 0, -1, 1 };
	static const double	 s_mm[] = { 50, 0, 100 };
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s;
	int			 e;

	(void)state;
	m = column_model(big, 3);
	sc = cr_scenario_new(m, "t");
	s = cr_scores_new(m);
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	expect_scores(m, s, "up", mm_up, 3);
	expect_scores(m, s, "down", mm_down, 3);
	expect_scores(m, s, "root", half, 3);
	expect_col_ranks(m, s, "up", r_up, 3);
	expect_col_ranks(m, s, "down", r_down, 3);
	for (e = 0; e < 3; e++)
		assert_int_equal(cr_scores_missing(s, e, 0), 0);
	set_norm(sc, CR_NORM_ZSCORE, 0, 100);
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	expect_scores(m, s, "up", z_up, 3);
	expect_scores(m, s, "down", z_down, 3);
	expect_scores(m, s, "root", zero, 3);
	expect_col_ranks(m, s, "up", r_up, 3);
	expect_col_ranks(m, s, "down", r_down, 3);
	expect_leaf_scores(m, s);
	cr_scores_free(s);
	cr_scenario_free(sc);
	cr_model_free(m);

	m = column_model(tiny, 3);
	sc = cr_scenario_new(m, "t");
	s = cr_scores_new(m);
	set_norm(sc, CR_NORM_ZSCORE, 0, 100);
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	expect_scores(m, s, "up", t_up, 3);
	expect_scores(m, s, "down", t_down, 3);
	expect_leaf_scores(m, s);
	cr_scores_free(s);
	cr_scenario_free(sc);
	cr_model_free(m);

	/* Subnormals: 4.9e-324 is half of 9.9e-324, exactly. */
	m = column_model(sub, 3);
	sc = cr_scenario_new(m, "t");
	s = cr_scores_new(m);
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	expect_scores(m, s, "up", s_mm, 3);
	set_norm(sc, CR_NORM_ZSCORE, 0, 100);
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	expect_scores(m, s, "up", s_up, 3);
	expect_leaf_scores(m, s);
	cr_scores_free(s);
	cr_scenario_free(sc);
	cr_model_free(m);
}

/*
 * A weighted mean of scores near the largest double overflows on the
 * way (1.5e308 + 1.5e308) though it lies between them: with no
 * normalisation it was inf, or NAN where inf met -inf.
 */
static void
test_extreme_mean(void **state)
{
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s;
	char			*cause = NULL;
	int			 rc;

	(void)state;
	m = cr_model_new("mean");
	node(m, "root", NULL, 1, 1);
	node(m, "a", "root", 1, 1);
	node(m, "b", "root", 3, 1);
	assert_int_equal(cr_model_freeze(m, NULL), 0);
	entity(m, "e0");
	entity(m, "e1");
	entity(m, "e2");
	value(m, "e0", "a", 1.5e308, CR_PROV_REPORT);
	value(m, "e0", "b", 1.5e308, CR_PROV_REPORT);
	value(m, "e1", "a", -DBL_MAX, CR_PROV_REPORT);
	value(m, "e1", "b", DBL_MAX, CR_PROV_REPORT);
	value(m, "e2", "a", DBL_MAX, CR_PROV_REPORT);
	value(m, "e2", "b", DBL_MAX, CR_PROV_REPORT);
	sc = cr_scenario_new(m, "t");
	s = cr_scores_new(m);
	set_norm(sc, CR_NORM_NONE, 0, 100);
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	expect_near(score_of(m, s, "e0", "root"), 1.5e308);
	expect_near(score_of(m, s, "e1", "root"), DBL_MAX / 2);
	assert_true(score_of(m, s, "e2", "root") == DBL_MAX);
	sc->agg = CR_AGG_GEOM;
	rc = cr_score(m, sc, s, &cause);
	expect_cause(rc, cause, "geometric "
	    "aggregation needs scores >= 0: node a has a negative score for "
	    "e1; use minmax or rank normalisation");
	value(m, "e1", "a", DBL_MAX, CR_PROV_REPORT);
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	expect_near(score_of(m, s, "e0", "root"), 1.5e308);
	assert_true(isfinite(score_of(m, s, "e2", "root")));
	expect_near(score_of(m, s, "e2", "root"), DBL_MAX);
	cr_scores_free(s);
	cr_scenario_free(sc);
	cr_model_free(m);
}

/* A double of any magnitude: subnormal to the largest, some NAN. */
static double
any_double(uint64_t *rs)
{
	double	 v;

	switch (below(rs, 12)) {
	case 0:
		return NAN;
	case 1:
		return below(rs, 2) ? DBL_MAX : -DBL_MAX;
	case 2:
		return (below(rs, 2) ? 1 : -1) * 4.9406564584124654e-324 *
		    (double)below(rs, 4);
	default:
		v = ldexp(0.5 + uniform(rs) / 2, below(rs, 2099) - 1074);
		return below(rs, 2) ? v : -v;
	}
}

/*
 * Every finite value, of any magnitude, scores under every method: the
 * leaf scores are finite and in the order of the values (ties allowed:
 * rounding can join close values), the whole-column normalisation
 * agrees bit for bit, and the root has a score wherever a leaf has.
 * Columns of one magnitude band (tiny, huge) and of all of them.
 */
static void
test_extreme_random(void **state)
{
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s;
	uint64_t		 rs = 0xbadf00d;
	double			 vi, vj, si, sj;
	size_t			 c, i, ne = 9;
	int			 e, f, nd, any;
	char			*cause;

	(void)state;
	for (c = 0; c < 300; c++) {
		double	 v[9];

		for (i = 0; i < ne; i++) {
			v[i] = any_double(&rs);
			if (v[i] == 0 || isnan(v[i]))
				continue;
			if (c % 3 == 1)
				v[i] = ldexp(v[i], -ilogb(v[i]) - 1000 +
				    below(&rs, 8));
			else if (c % 3 == 2)
				v[i] = ldexp(v[i], -ilogb(v[i]) + 1016 +
				    below(&rs, 8));
		}
		m = column_model(v, ne);
		sc = cr_scenario_new(m, "t");
		s = cr_scores_new(m);
		for (i = 0; i < N_NORM_CASES; i++) {
			set_case(sc, i);
			cause = NULL;
			if (cr_score(m, sc, s, &cause) != 0)
				fail_msg("column %zu, case %zu: %s", c, i,
				    cause);
			expect_leaf_scores(m, s);
			for (nd = 1; nd < (int)m->n_nodes; nd++) {
				for (e = 0; e < (int)ne; e++) {
					vi = v[e] * m->nodes[nd].direction;
					si = cr_scores_score(s, e, nd);
					if (isnan(vi)) {
						assert_true(isnan(si));
						continue;
					}
					if (!isfinite(si))
						fail_msg("column %zu, case %zu: "
						    "%g scores %g", c, i, vi,
						    si);
					for (f = 0; f < (int)ne; f++) {
						vj = v[f] *
						    m->nodes[nd].direction;
						sj = cr_scores_score(s, f, nd);
						if (vi < vj && !(si <= sj))
							fail_msg("column %zu, "
							    "case %zu: %g < %g "
							    "score %g > %g", c,
							    i, vi, vj, si, sj);
					}
				}
			}
			for (e = 0; e < (int)ne; e++) {
				any = !isnan(v[e]);
				if (any != isfinite(cr_scores_score(s, e, 0)))
					fail_msg("column %zu, case %zu: root "
					    "of e%d is %g", c, i, e,
					    cr_scores_score(s, e, 0));
			}
		}
		cr_scores_free(s);
		cr_scenario_free(sc);
		cr_model_free(m);
	}
}

/*
 * cr_model_set_value() refuses an infinite value; one written into the
 * model past it must be refused by cr_score() with a cause, under every
 * method, never scored NAN without a word.
 */
static void
test_infinite_value(void **state)
{
	static const double	 v[] = { 1, 2, 3 };
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s;
	char			*cause;
	size_t			 i;
	int			 rc;

	(void)state;
	m = column_model(v, 3);
	assert_int_equal(cr_model_set_value(m, 1, 0, INFINITY,
	    CR_PROV_REPORT), -1);
	m->raw[1 * m->n_leaves + 1] = -INFINITY;
	sc = cr_scenario_new(m, "t");
	s = cr_scores_new(m);
	for (i = 0; i < N_NORM_CASES; i++) {
		set_case(sc, i);
		cause = NULL;
		rc = cr_score(m, sc, s, &cause);
		expect_cause(rc, cause, "the value of down for e1 is -inf, "
		    "not a finite number");
	}
	cr_scores_free(s);
	cr_scenario_free(sc);
	cr_model_free(m);
}

/*
 * Past one block of entities and past the radix sort's threshold: 2,100
 * entities (2,048 start the radix sort), 40 leaves in 8 pillars and 2
 * sub-indices.  The scores are
 * checked against min-max and weighted means worked out here, the ranks
 * against counting, before and after weight changes, and in a copy.
 */
#define BIG_E	2100

static struct cr_model *
big_model(uint64_t *rs)
{
	struct cr_model	*m;
	char		 code[64], par[64];
	int		 d, k, l, e;
	size_t		 i;

	m = cr_model_new("big");
	node(m, "root", NULL, 1, 1);
	for (d = 0; d < 2; d++) {
		snprintf(code, sizeof code, "S%d", d);
		node(m, code, "root", 1 + d, 1);
		for (k = 0; k < 4; k++) {
			snprintf(par, sizeof par, "S%d", d);
			snprintf(code, sizeof code, "S%dP%d", d, k);
			node(m, code, par, 0.5 + uniform(rs), 1);
			for (l = 0; l < 5; l++) {
				snprintf(par, sizeof par, "S%dP%d", d, k);
				snprintf(code, sizeof code, "S%dP%dL%d", d, k,
				    l);
				node(m, code, par, 0.5 + uniform(rs) * 2,
				    below(rs, 4) ? 1 : -1);
			}
		}
	}
	assert_int_equal(cr_model_freeze(m, NULL), 0);
	for (e = 0; e < BIG_E; e++) {
		snprintf(code, sizeof code, "u%04d", e);
		entity(m, code);
		for (i = 0; i < m->n_leaves; i++)
			if (below(rs, 20) != 0)
				assert_int_equal(cr_model_set_value(m, e,
				    (int)i, below(rs, 3) == 0 ?
				    (double)below(rs, 7) : uniform(rs) * 500,
				    CR_PROV_OFFICIAL), 0);
	}
	return m;
}

/* Min-max to 0-100 and the weighted mean, missing children left out. */
static double
big_expected(const struct cr_model *m, const struct cr_scenario *sc,
    int e, int nd, const double *lo, const double *hi)
{
	double	 v, sum = 0, wsum = 0;
	int	 c, l;

	if ((l = m->nodes[nd].leaf) != -1) {
		v = m->raw[(size_t)e * m->n_leaves + (size_t)l] *
		    m->nodes[nd].direction;
		if (isnan(v))
			return NAN;
		return (v - lo[l]) / (hi[l] - lo[l]) * 100;
	}
	for (c = m->nodes[nd].first_child; c != -1;
	    c = m->nodes[c].next_sibling) {
		v = big_expected(m, sc, e, c, lo, hi);
		if (isnan(v) || !(sc->weight[c] > 0))
			continue;
		sum += sc->weight[c] * v;
		wsum += sc->weight[c];
	}
	return wsum > 0 ? sum / wsum : NAN;
}

static void
big_check(const struct cr_model *m, const struct cr_scenario *sc,
    struct cr_scores *s)
{
	double	*lo, *hi, v, x;
	size_t	 l, e, j, ne = m->n_entities;
	int	 nd, r;

	lo = malloc(m->n_leaves * sizeof *lo);
	hi = malloc(m->n_leaves * sizeof *hi);
	assert_true(lo != NULL && hi != NULL);
	for (l = 0; l < m->n_leaves; l++) {
		lo[l] = INFINITY;
		hi[l] = -INFINITY;
		for (e = 0; e < ne; e++) {
			v = m->raw[e * m->n_leaves + l] *
			    m->nodes[m->leaf_node[l]].direction;
			if (!isnan(v)) {
				lo[l] = fmin(lo[l], v);
				hi[l] = fmax(hi[l], v);
			}
		}
	}
	for (nd = 0; nd < (int)m->n_nodes; nd++) {
		if (m->nodes[nd].leaf != -1 && nd % 7 != 0)
			continue;
		for (e = 0; e < ne; e++) {
			v = cr_scores_score(s, (int)e, nd);
			x = big_expected(m, sc, (int)e, nd, lo, hi);
			if (isnan(x) != isnan(v) || (!isnan(x) &&
			    !(fabs(v - x) <= 1e-9)))
				fail_msg("%s of %zu: %.17g, want %.17g",
				    m->nodes[nd].code, e, v, x);
			/* Ranks by counting, of every fifth: O(n^2) each. */
			if (e % 5 != 0)
				continue;
			for (r = 1, j = 0; j < ne && !isnan(v); j++)
				r += cr_scores_score(s, (int)j, nd) > v;
			assert_int_equal(cr_scores_rank(s, (int)e, nd),
			    isnan(v) ? 0 : r);
		}
	}
	free(lo);
	free(hi);
}

/* Reads a rank of every aggregate, so that all are in agg_rank. */
static void
rank_all_aggs(struct cr_scores *s)
{
	size_t	 nd;

	for (nd = 0; nd < s->n_nodes; nd++)
		if (s->agg[nd] != -1)
			(void)cr_scores_rank(s, 0, (int)nd);
}

static void
big_blocks(size_t thread_min)
{
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s, *copy;
	uint64_t		 rs = 0x5eed;
	int			 nd;

	m = big_model(&rs);
	sc = cr_scenario_new(m, "t");
	sc->norm = CR_NORM_MINMAX;
	sc->agg = CR_AGG_ARITH;
	s = cr_scores_new(m);
	s->thread_min = thread_min;
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	big_check(m, sc, s);
	/* A pillar, then a sub-index: their ancestors read afresh. */
	nd = cr_model_find_node(m, "S1P2");
	sc->weight[nd] = 4;
	assert_int_equal(cr_score_weight_changed(m, sc, s, nd, NULL), 0);
	/*
	 * A copy made before any rank was read has fresh ranks too, made
	 * (two threads from thread_min) before the original moves on.
	 */
	copy = cr_scores_ranks_copy(s);
	cr_scores_ranks_settle(copy);
	nd = cr_model_find_node(m, "S0");
	sc->weight[nd] = 0.25;
	assert_int_equal(cr_score_weight_changed(m, sc, s, nd, NULL), 0);
	big_check(m, sc, s);
	/* Back as the copy was taken: its ranks are those of a full score. */
	sc->weight[nd] = 1;
	assert_int_equal(cr_score_weight_changed(m, sc, s, nd, NULL), 0);
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	rank_all_aggs(s);
	rank_all_aggs(copy);
	assert_memory_equal(copy->agg_rank, s->agg_rank,
	    s->n_aggs * s->rank_words * sizeof *s->agg_rank);
	cr_scores_free(copy);
	cr_scores_free(s);
	cr_scenario_free(sc);
	cr_model_free(m);
}

/* One thread, then the second half of the entities on another. */
static void
test_big_blocks(void **state)
{
	(void)state;
	/* Light, the threads: the single thread's path is a part of it. */
	if (test_cases(2) == 2)
		big_blocks(20000);
	big_blocks(1000);
}

/*
 * A weight change over two threads: a leaf with a negative score in
 * both halves of the entities is weighted in, and the error names the
 * first entity, as on one thread; the scores are as they were.
 */
static void
test_big_weight_error(void **state)
{
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s;
	uint64_t		 rs = 0x5eed;
	char			*cause = NULL, *want;
	double			*before;
	size_t			 n;
	int			 nd, leaf = -1, l, rc;

	(void)state;
	m = big_model(&rs);
	sc = cr_scenario_new(m, "t");
	sc->norm = CR_NORM_NONE;
	sc->agg = CR_AGG_GEOM;
	for (nd = 0; nd < (int)m->n_nodes; nd++) {
		if ((l = m->nodes[nd].leaf) == -1)
			continue;
		if (m->nodes[nd].direction < 0)
			sc->weight[nd] = 0;
		else if (leaf == -1 && strncmp(m->nodes[nd].code, "S1P1", 4)
		    == 0)
			leaf = nd;
	}
	assert_true(leaf != -1);
	assert_int_equal(cr_model_set_value(m, BIG_E - 7,
	    m->nodes[leaf].leaf, -2, CR_PROV_USER), 0);
	assert_int_equal(cr_model_set_value(m, 12, m->nodes[leaf].leaf, -1,
	    CR_PROV_USER), 0);
	sc->weight[leaf] = 0;
	s = cr_scores_new(m);
	s->thread_min = 1000;
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	n = s->n_entities * s->n_aggs;
	before = xmalloc(n * sizeof *before);
	memcpy(before, s->agg_score, n * sizeof *before);
	sc->weight[leaf] = 1;
	want = xasprintf("geometric aggregation needs scores >= 0: node %s "
	    "has a negative score for u0012; use minmax or rank "
	    "normalisation", m->nodes[leaf].code);
	rc = cr_score_weight_changed(m, sc, s, leaf, &cause);
	expect_cause(rc, cause, want);
	assert_memory_equal(before, s->agg_score, n * sizeof *before);
	free(want);
	free(before);
	cr_scores_free(s);
	cr_scenario_free(sc);
	cr_model_free(m);
}

/*
 * Geometric means over blocks: with a negative score in two places,
 * the error names the one a node at a time meets first (the last
 * pillar, aggregated first, for the last entity), not the one the
 * first block meets (the first pillar, for entity 10).
 */
static void
test_big_error_order(void **state)
{
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s;
	uint64_t		 rs = 0x5eed;
	char			*cause = NULL, *want;
	int			 first = -1, last = -1, nd, l, rc;

	(void)state;
	m = big_model(&rs);
	sc = cr_scenario_new(m, "t");
	sc->norm = CR_NORM_NONE;
	sc->agg = CR_AGG_GEOM;
	/* Unnormalised, a leaf of direction -1 is negative: left out. */
	for (nd = 0; nd < (int)m->n_nodes; nd++) {
		if ((l = m->nodes[nd].leaf) == -1)
			continue;
		if (m->nodes[nd].direction < 0) {
			sc->weight[nd] = 0;
			continue;
		}
		if (first == -1 && strncmp(m->nodes[nd].code, "S0P0", 4) == 0)
			first = nd;
		if (strncmp(m->nodes[nd].code, "S1P3", 4) == 0)
			last = nd;
	}
	assert_true(first != -1 && last != -1);
	assert_int_equal(cr_model_set_value(m, 10, m->nodes[first].leaf, -1,
	    CR_PROV_USER), 0);
	assert_int_equal(cr_model_set_value(m, BIG_E - 1,
	    m->nodes[last].leaf, -1, CR_PROV_USER), 0);
	/* The two halves on two threads: the error is still the first. */
	s = cr_scores_new(m);
	s->thread_min = 1000;
	want = xasprintf("geometric aggregation needs scores >= 0: node %s "
	    "has a negative score for u%04d; use minmax or rank "
	    "normalisation", m->nodes[last].code, BIG_E - 1);
	rc = cr_score(m, sc, s, &cause);
	expect_cause(rc, cause, want);
	free(want);
	cr_scores_free(s);
	cr_scenario_free(sc);
	cr_model_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_norm_parse),
		cmocka_unit_test(test_agg_parse),
		cmocka_unit_test(test_norm_minmax),
		cmocka_unit_test(test_norm_zscore),
		cmocka_unit_test(test_norm_rank),
		cmocka_unit_test(test_norm_prank),
		cmocka_unit_test(test_norm_borda),
		cmocka_unit_test(test_norm_fracmax),
		cmocka_unit_test(test_norm_none),
		cmocka_unit_test(test_norm_values_direct),
		cmocka_unit_test(test_aggregate_arith),
		cmocka_unit_test(test_aggregate_geom),
		cmocka_unit_test(test_aggregate_harm),
		cmocka_unit_test(test_score_errors),
		cmocka_unit_test(test_scores_grow),
		cmocka_unit_test(test_rank),
		cmocka_unit_test(test_rank_large),
		cmocka_unit_test(test_score_ranks),
		cmocka_unit_test(test_parse_weights),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_share),
		cmocka_unit_test(test_differs),
		cmocka_unit_test(test_incremental),
		cmocka_unit_test(test_incremental_moves),
		cmocka_unit_test(test_scores_order),
		cmocka_unit_test(test_incremental_error),
		cmocka_unit_test(test_leaf_ranks_lazy),
		cmocka_unit_test(test_leaf_ranks_refreshed),
		cmocka_unit_test(test_weight_changed_leaf_ranks),
		cmocka_unit_test(test_facts),
		cmocka_unit_test(test_ranks_only),
		cmocka_unit_test(test_ranks_only_own_norm),
		cmocka_unit_test(test_ranks_copy_settle_node),
		cmocka_unit_test(test_ranks_copy_stale),
		cmocka_unit_test(test_leaf_scores_reference),
		cmocka_unit_test(test_leaf_ranks_counted),
		cmocka_unit_test(test_geom_negative_leaf),
		cmocka_unit_test(test_geom_step_sibling),
		cmocka_unit_test(test_extreme_columns),
		cmocka_unit_test(test_extreme_mean),
		cmocka_unit_test(test_extreme_random),
		cmocka_unit_test(test_infinite_value),
		cmocka_unit_test(test_big_blocks),
		cmocka_unit_test(test_facts_on_demand),
		cmocka_unit_test(test_bitcol),
		cmocka_unit_test(test_rank_bits),
		cmocka_unit_test(test_big_error_order),
		cmocka_unit_test(test_big_weight_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
