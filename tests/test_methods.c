/*
 * The methods of issue 13: goalposts, distance to the maximum, to a
 * target and to a reference unit; a leaf's own normalisation; the power
 * mean, Copeland, a depth's own aggregation.  Every expected value is
 * worked by hand from the formulas in score.h (COINr's n_goalposts,
 * n_dist2max, n_dist2targ, n_dist2ref, a_genmean, a_copeland), written
 * out in the comments.
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

#include "aggregate.h"
#include "compare.h"
#include "model.h"
#include "score.h"

#define EPS	1e-12

static void
expect_near(double got, double want)
{
	if (!(fabs(got - want) <= EPS * fmax(1, fabs(want))))
		fail_msg("got %.17g, want %.17g", got, want);
}

/* By address: read after the call that fills it, whatever the order. */
static void
expect_cause(int rc, char **causep, const char *want)
{
	char	*cause = *causep;

	*causep = NULL;
	assert_int_equal(rc, -1);
	assert_non_null(cause);
	if (strcmp(cause, want) != 0) {
		fprintf(stderr, "cause: %s\nwant:  %s\n", cause, want);
		fail();
	}
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
value(struct cr_model *m, int e, const char *nd, double v)
{
	int	 n = cr_model_find_node(m, nd);

	assert_true(n >= 0);
	assert_int_equal(cr_model_set_value(m, e, m->nodes[n].leaf, v,
	    CR_PROV_REPORT), 0);
}

static double
score(const struct cr_model *m, const struct cr_scores *s, int e,
    const char *nd)
{
	return cr_scores_score(s, e, cr_model_find_node(m, nd));
}

/*
 * root -> P (a, b), Q (c); a higher is better, b lower is better.
 *	e0: a 2, b 1, c 7
 *	e1: a 4, b 3, c 7
 *	e2: a 6, b 5, c 1
 *	e3: a 10, b 9, c 3
 */
static struct cr_model *
model4(void)
{
	static const double	 a[] = { 2, 4, 6, 10 }, b[] = { 1, 3, 5, 9 };
	static const double	 c[] = { 7, 7, 1, 3 };
	struct cr_model		*m = cr_model_new("m4");
	char			 code[16];
	int			 e;

	node(m, "root", NULL, 1, 1);
	node(m, "P", "root", 1, 1);
	node(m, "Q", "root", 1, 1);
	node(m, "a", "P", 1, 1);
	node(m, "b", "P", 1, -1);
	node(m, "c", "Q", 1, 1);
	assert_int_equal(cr_model_freeze(m, NULL), 0);
	for (e = 0; e < 4; e++) {
		snprintf(code, sizeof code, "e%d", e);
		assert_int_equal(cr_model_add_entity(m, code, code, code,
		    NULL), 0);
		value(m, e, "a", a[e]);
		value(m, e, "b", b[e]);
		value(m, e, "c", c[e]);
	}
	return m;
}

/* Score a global method; 0, or -1 and the cause. */
static int
score_norm(struct cr_model *m, struct cr_scores *s, const char *method,
    char **cause)
{
	struct cr_scenario	*sc = cr_scenario_new(m, "t");
	struct cr_norm_spec	 sp;
	int			 rc;

	cr_norm_spec_init(&sp);
	assert_int_equal(cr_norm_spec_parse(method, &sp, NULL), 0);
	cr_scenario_set_norm(sc, &sp);
	cr_norm_spec_clear(&sp);
	rc = cr_score(m, sc, s, cause);
	cr_scenario_free(sc);
	return rc;
}

static void
expect_leaf(const struct cr_model *m, const struct cr_scores *s,
    const char *nd, double w0, double w1, double w2, double w3)
{
	expect_near(score(m, s, 0, nd), w0);
	expect_near(score(m, s, 1, nd), w1);
	expect_near(score(m, s, 2, nd), w2);
	expect_near(score(m, s, 3, nd), w3);
}

/* ---- parsing and formatting ---- */

static void
round_trip(const char *in, const char *out)
{
	struct cr_norm_spec	 sp, back;
	char			*f, *g;

	cr_norm_spec_init(&sp);
	cr_norm_spec_init(&back);
	if (cr_norm_spec_parse(in, &sp, NULL) != 0)
		fail_msg("'%s' does not parse", in);
	assert_true(cr_norm_spec_valid(&sp));
	f = cr_norm_spec_format(&sp);
	assert_string_equal(f, out);
	assert_int_equal(cr_norm_spec_parse(f, &back, NULL), 0);
	assert_true(cr_norm_spec_equal(&sp, &back));
	g = cr_norm_spec_format(&back);
	assert_string_equal(g, out);
	free(f);
	free(g);
	cr_norm_spec_clear(&sp);
	cr_norm_spec_clear(&back);
}

static void
norm_error(const char *in, const char *want)
{
	struct cr_norm_spec	 sp;
	char			*cause = NULL;

	cr_norm_spec_init(&sp);
	sp.method = CR_NORM_RANK;
	expect_cause(cr_norm_spec_parse(in, &sp, &cause), &cause, want);
	/* Unchanged on error. */
	assert_int_equal(sp.method, CR_NORM_RANK);
	cr_norm_spec_clear(&sp);
}

static void
test_norm_spec_parse(void **state)
{
	struct cr_norm_spec	 sp;

	(void)state;
	round_trip("minmax", "minmax:0:100");
	round_trip("MinMax:-1:2.5", "minmax:-1:2.5");
	round_trip("zscore", "zscore");
	round_trip("goalposts", "goalposts");
	round_trip("goalposts:1:5", "goalposts:1:5");
	round_trip("goalposts:1:5:100", "goalposts:1:5");
	round_trip("goalposts:-0.5:1e12:10", "goalposts:-0.5:1000000000000:10");
	round_trip("dist2max", "dist2max");
	round_trip("dist2targ", "dist2targ");
	round_trip("dist2targ:cap", "dist2targ:cap");
	round_trip("dist2targ:4.25", "dist2targ:4.25");
	round_trip("dist2targ:-3:CAP", "dist2targ:-3:cap");
	round_trip("dist2ref:CHN", "dist2ref:CHN");
	round_trip("dist2ref:北京:cap", "dist2ref:北京:cap");
	round_trip("dist2ref:a:b", "dist2ref:a:b");

	cr_norm_spec_init(&sp);
	assert_int_equal(cr_norm_spec_parse("goalposts:1:5:10", &sp, NULL),
	    0);
	assert_int_equal(sp.method, CR_NORM_GOALPOSTS);
	assert_true(sp.par.lo == 1 && sp.par.hi == 5 && sp.par.scale == 10);
	assert_int_equal(cr_norm_spec_parse("goalposts", &sp, NULL), 0);
	assert_true(isnan(sp.par.lo) && isnan(sp.par.hi) &&
	    sp.par.scale == 100);
	assert_int_equal(cr_norm_spec_parse("dist2ref:X:cap", &sp, NULL), 0);
	assert_string_equal(sp.par.ref, "X");
	assert_int_equal(sp.par.cap, 1);
	assert_int_equal(cr_norm_spec_parse("dist2targ:7", &sp, NULL), 0);
	assert_null(sp.par.ref);
	assert_true(sp.par.target == 7 && sp.par.cap == 0);
	cr_norm_spec_clear(&sp);

	norm_error("goalposts:1", "goalposts needs both posts, low and high "
	    "(expected goalposts[:LO:HI[:SCALE]])");
	norm_error("goalposts:5:1", "the goalposts 5 and 1 must be low, then "
	    "high (expected goalposts[:LO:HI[:SCALE]])");
	norm_error("goalposts:2:2", "the goalposts 2 and 2 must be low, then "
	    "high (expected goalposts[:LO:HI[:SCALE]])");
	norm_error("goalposts:x:1", "the low goalpost 'x' is not a number "
	    "(expected goalposts[:LO:HI[:SCALE]])");
	norm_error("goalposts:-1e308:1e308", "the goalposts -1e+308 and "
	    "1e+308 are too far apart: their distance is beyond the doubles");
	norm_error("goalposts:0:1:0", "the goalposts' scale 0 is not above 0 "
	    "and at most 1e9");
	norm_error("dist2targ:cop", "the target 'cop' is not a number "
	    "(expected dist2targ[:TARGET][:cap])");
	norm_error("dist2targ:1:cop", "dist2targ: 'cop' is not 'cap' "
	    "(expected dist2targ[:TARGET][:cap])");
	norm_error("dist2ref", "dist2ref needs the reference unit: "
	    "dist2ref:UNIT[:cap]");
	norm_error("dist2ref:", "dist2ref: the reference unit's code must be "
	    "given, without ',', control characters or blanks at its ends "
	    "(expected dist2ref:UNIT[:cap])");
	norm_error("dist2ref:a,b", "dist2ref: the reference unit's code must "
	    "be given, without ',', control characters or blanks at its ends "
	    "(expected dist2ref:UNIT[:cap])");
	norm_error("dist2max:1", "dist2max takes no parameters: 'dist2max:1'");
}

static void
agg_round_trip(const char *in, const char *out, enum cr_agg a, double p)
{
	struct cr_agg_spec	 sp, back;
	char			*f;

	assert_int_equal(cr_agg_spec_parse(in, &sp, NULL), 0);
	assert_int_equal(sp.method, a);
	if (a == CR_AGG_POWER)
		assert_true(sp.p == p);
	f = cr_agg_spec_format(&sp);
	assert_string_equal(f, out);
	assert_int_equal(cr_agg_spec_parse(f, &back, NULL), 0);
	assert_true(cr_agg_spec_equal(&sp, &back));
	assert_true(cr_agg_spec_valid(&sp));
	free(f);
}

static void
test_agg_spec_parse(void **state)
{
	struct cr_agg_spec	 sp = { CR_AGG_GEOM, 1 };
	char			*cause = NULL;

	(void)state;
	agg_round_trip("arith", "arith", CR_AGG_ARITH, 1);
	agg_round_trip("harmonic", "harm", CR_AGG_HARM, 1);
	agg_round_trip("power:0.5", "power:0.5", CR_AGG_POWER, 0.5);
	agg_round_trip("POWER:-2", "power:-2", CR_AGG_POWER, -2);
	agg_round_trip("power:-0", "power:0", CR_AGG_POWER, 0);
	agg_round_trip("copeland", "copeland", CR_AGG_COPELAND, 1);
	expect_cause(cr_agg_spec_parse("power:inf", &sp, &cause), &cause,
	    "the power mean's exponent 'inf' is not a number: p must be a "
	    "finite number (1 arithmetic, 0 geometric, -1 harmonic)");
	expect_cause(cr_agg_spec_parse("power:1e999", &sp, &cause), &cause,
	    "the power mean's exponent '1e999' is too large (the largest "
	    "number is about 1.8e308): p must be a finite number (1 "
	    "arithmetic, 0 geometric, -1 harmonic)");
	expect_cause(cr_agg_spec_parse("power", &sp, &cause), &cause,
	    "power needs its exponent: power:P (1 arithmetic, 0 geometric, "
	    "-1 harmonic)");
	assert_int_equal(sp.method, CR_AGG_GEOM);
	sp.method = CR_AGG_POWER;
	sp.p = NAN;
	assert_false(cr_agg_spec_valid(&sp));
	assert_true(cr_agg_spec_v1(&(struct cr_agg_spec){ CR_AGG_HARM, 1 }));
	assert_false(cr_agg_spec_v1(&(struct cr_agg_spec){ CR_AGG_COPELAND,
	    1 }));
}

/* ---- normalisations, e0..e3 of model4 ---- */

static void
test_goalposts(void **state)
{
	struct cr_model		*m = model4();
	struct cr_scores	*s = cr_scores_new(m);

	(void)state;
	/*
	 * a, posts 3 and 8: 100 (x - 3) / 5, clipped: 2 -> -20 -> 0,
	 * 4 -> 20, 6 -> 60, 10 -> 140 -> 100.  b is lower-is-better:
	 * 100 (8 - x) / 5: 1 -> 140 -> 100, 3 -> 100, 5 -> 60, 9 -> 0.
	 */
	assert_int_equal(score_norm(m, s, "goalposts:3:8", NULL), 0);
	expect_leaf(m, s, "a", 0, 20, 60, 100);
	expect_leaf(m, s, "b", 100, 100, 60, 0);
	/* The scale: the same times 10 / 100. */
	assert_int_equal(score_norm(m, s, "goalposts:3:8:10", NULL), 0);
	expect_leaf(m, s, "a", 0, 2, 6, 10);
	/* P = mean(a, b): e1 (2 + 10) / 2. */
	expect_near(score(m, s, 1, "P"), 6);
	cr_scores_free(s);
	cr_model_free(m);
}

/*
 * COINr's documented examples of n_goalposts (its help page):
 * n_goalposts(1, gposts = c(0, 10, 1)) is (1 - 0) / (10 - 0) = 0.1,
 * and with direction = -1 (1 - 10) / (0 - 10) = 0.9, the same raw
 * value scored from the other post.
 */
static void
test_goalposts_coinr(void **state)
{
	struct cr_model		*m = cr_model_new("gp");
	struct cr_scores	*s;

	(void)state;
	node(m, "root", NULL, 1, 1);
	node(m, "up", "root", 1, 1);
	node(m, "down", "root", 1, -1);
	assert_int_equal(cr_model_freeze(m, NULL), 0);
	assert_int_equal(cr_model_add_entity(m, "u", "u", "u", NULL), 0);
	value(m, 0, "up", 1);
	value(m, 0, "down", 1);
	s = cr_scores_new(m);
	assert_int_equal(score_norm(m, s, "goalposts:0:10:1", NULL), 0);
	expect_near(score(m, s, 0, "up"), 0.1);
	expect_near(score(m, s, 0, "down"), 0.9);
	cr_scores_free(s);
	cr_model_free(m);
}

/* The data set's goalposts and targets, where the spec gives none. */
static void
test_metadata(void **state)
{
	struct cr_model		*m = model4();
	struct cr_scores	*s = cr_scores_new(m);
	char			*cause = NULL;
	int			 a, b, c;

	(void)state;
	a = cr_model_find_node(m, "a");
	b = cr_model_find_node(m, "b");
	c = cr_model_find_node(m, "c");
	expect_cause(score_norm(m, s, "goalposts", &cause), &cause,
	    "goalposts: the data set gives no goalposts for a; give them: "
	    "goalposts:LO:HI");
	expect_cause(score_norm(m, s, "dist2targ", &cause), &cause,
	    "dist2targ: the data set gives no target for a; give one: "
	    "dist2targ:TARGET");
	m->nodes[a].post_lo = 0;
	m->nodes[a].post_hi = 20;
	m->nodes[b].post_lo = 1;
	m->nodes[b].post_hi = 11;
	m->nodes[c].post_lo = 1;
	m->nodes[c].post_hi = 2;
	/* a: 100 x / 20; b: 100 (11 - x) / 10; c: clipped to 100 or 0. */
	assert_int_equal(score_norm(m, s, "goalposts", NULL), 0);
	expect_leaf(m, s, "a", 10, 20, 30, 50);
	expect_leaf(m, s, "b", 100, 80, 60, 20);
	expect_leaf(m, s, "c", 100, 100, 0, 100);
	/* The spec's posts win over the data set's. */
	assert_int_equal(score_norm(m, s, "goalposts:0:10", NULL), 0);
	expect_leaf(m, s, "a", 20, 40, 60, 100);
	m->nodes[c].post_hi = 1;
	expect_cause(score_norm(m, s, "goalposts", &cause), &cause,
	    "goalposts: the data set's goalposts of c, 1 and 1, are not low, "
	    "then high");

	/*
	 * Targets: a 6: 100 (x - 2) / 4: 0, 50, 100, 200.  b 3, lower is
	 * better: 100 (9 - x) / (9 - 3): 133.3.., 100, 66.6.., 0.  c 7:
	 * 100 (x - 1) / 6: 100, 100, 0, 33.3...
	 */
	m->nodes[a].target = 6;
	m->nodes[b].target = 3;
	m->nodes[c].target = 7;
	assert_int_equal(score_norm(m, s, "dist2targ", NULL), 0);
	expect_leaf(m, s, "a", 0, 50, 100, 200);
	expect_leaf(m, s, "b", 400.0 / 3, 100, 200.0 / 3, 0);
	expect_leaf(m, s, "c", 100, 100, 0, 100.0 / 3);
	assert_int_equal(score_norm(m, s, "dist2targ:cap", NULL), 0);
	expect_leaf(m, s, "a", 0, 50, 100, 100);
	expect_leaf(m, s, "b", 100, 100, 200.0 / 3, 0);
	cr_scores_free(s);
	cr_model_free(m);
}

static void
test_dist2max(void **state)
{
	struct cr_model		*m = model4();
	struct cr_scores	*s = cr_scores_new(m);

	(void)state;
	/*
	 * a: 100 (1 - (10 - x) / 8): 0, 25, 50, 100.  b: v = -x from -9
	 * to -1: 100 (1 - (-1 - v) / 8): 100, 75, 50, 0.  c: 1 to 7:
	 * 100 (1 - (7 - x) / 6): 100, 100, 0, 33.3...
	 */
	assert_int_equal(score_norm(m, s, "dist2max", NULL), 0);
	expect_leaf(m, s, "a", 0, 25, 50, 100);
	expect_leaf(m, s, "b", 100, 75, 50, 0);
	expect_leaf(m, s, "c", 100, 100, 0, 100.0 / 3);
	/* Every value the same: 50, as min-max gives the middle. */
	value(m, 2, "c", 7);
	value(m, 3, "c", 7);
	assert_int_equal(score_norm(m, s, "dist2max", NULL), 0);
	expect_leaf(m, s, "c", 50, 50, 50, 50);
	cr_scores_free(s);
	cr_model_free(m);
}

static void
test_dist2targ(void **state)
{
	struct cr_model		*m = model4();
	struct cr_scores	*s = cr_scores_new(m);
	char			*cause = NULL;

	(void)state;
	/* a, target 8: 100 (x - 2) / 6: 0, 33.3.., 66.6.., 133.3.. */
	assert_int_equal(score_norm(m, s, "dist2targ:8", NULL), 0);
	expect_leaf(m, s, "a", 0, 100.0 / 3, 200.0 / 3, 400.0 / 3);
	/* b, target 8, lower is better: 100 (9 - x) / 1: 800, 600, ... */
	expect_leaf(m, s, "b", 800, 600, 400, 0);
	assert_int_equal(score_norm(m, s, "dist2targ:8:cap", NULL), 0);
	expect_leaf(m, s, "a", 0, 100.0 / 3, 200.0 / 3, 100);
	/* A target below the minimum gives scores below 0, as COINr's. */
	assert_int_equal(score_norm(m, s, "dist2targ:0", NULL), 0);
	expect_leaf(m, s, "a", 0, -100, -200, -400);
	/* The worst value as the target: no distance. */
	expect_cause(score_norm(m, s, "dist2targ:2", &cause), &cause,
	    "dist2targ: the target of a, 2, is its worst value: there is no "
	    "distance to it");
	cr_scores_free(s);
	cr_model_free(m);
}

static void
test_dist2ref(void **state)
{
	struct cr_model		*m = model4();
	struct cr_scores	*s = cr_scores_new(m);
	char			*cause = NULL;

	(void)state;
	/*
	 * Reference e1.  a: r 4, min 2: 100 (1 - (4 - x) / 2): 0, 100,
	 * 200, 400.  b: v = -x, r -3, min -9: 100 (1 - (-3 - v) / 6):
	 * 133.3.., 100, 66.6.., 0.  c: r 7, min 1: 100 (1 - (7 - x) / 6):
	 * 100, 100, 0, 33.3...
	 */
	assert_int_equal(score_norm(m, s, "dist2ref:e1", NULL), 0);
	expect_leaf(m, s, "a", 0, 100, 200, 400);
	expect_leaf(m, s, "b", 400.0 / 3, 100, 200.0 / 3, 0);
	expect_leaf(m, s, "c", 100, 100, 0, 100.0 / 3);
	assert_int_equal(score_norm(m, s, "dist2ref:e1:cap", NULL), 0);
	expect_leaf(m, s, "a", 0, 100, 100, 100);
	expect_leaf(m, s, "b", 100, 100, 200.0 / 3, 0);

	expect_cause(score_norm(m, s, "dist2ref:e9", &cause), &cause,
	    "dist2ref: no unit 'e9' in the data set");
	/* e0 has the worst a: the distance to it is not defined. */
	expect_cause(score_norm(m, s, "dist2ref:e0", &cause), &cause,
	    "dist2ref: the reference unit e0 has the worst value of a (2): "
	    "there is no distance to it; give a another method "
	    "(--normalize-leaf)");
	cr_model_set_value(m, 2, 0, NAN, CR_PROV_REPORT);
	expect_cause(score_norm(m, s, "dist2ref:e2", &cause), &cause,
	    "dist2ref: the reference unit e2 has no value of a; give a "
	    "another method (--normalize-leaf)");
	cr_scores_free(s);
	cr_model_free(m);
}

/* ---- a leaf's own normalisation ---- */

static void
test_leaf_norms(void **state)
{
	struct cr_model		*m = model4();
	struct cr_scenario	*sc = cr_scenario_new(m, "t"), *cp;
	struct cr_scores	*s = cr_scores_new(m);
	struct cr_norm_spec	 sp;
	char			*cause = NULL, *label;

	(void)state;
	/* Global min-max; a by goalposts 3-8, the leaves of Q by rank. */
	assert_int_equal(cr_scenario_parse_leaf_norms(m, sc,
	    "a=goalposts:3:8, Q=rank", NULL), 0);
	assert_int_equal(cr_scenario_n_leaf_norms(sc, m), 2);
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	expect_leaf(m, s, "a", 0, 20, 60, 100);
	/* b by min-max, lower is better: 100 (9 - x) / 8. */
	expect_leaf(m, s, "b", 100, 75, 50, 0);
	/* c 7, 7, 1, 3 by percentile of the average rank: 3.5, 3.5, 1, 2. */
	expect_leaf(m, s, "c", 250.0 / 3, 250.0 / 3, 0, 100.0 / 3);
	/* P = (a + b) / 2, root = (P + Q) / 2. */
	expect_near(score(m, s, 1, "P"), 47.5);
	expect_near(score(m, s, 1, "root"), (47.5 + 250.0 / 3) / 2);
	label = cr_scenario_methods_label(m, sc);
	assert_string_equal(label, "minmax (2 leaves own) · arith");
	free(label);

	/* A copy is deep and the same; the global method changes a bit. */
	cp = cr_scenario_copy(m, sc);
	assert_true(cr_scenario_methods_identical(sc, cp));
	assert_false(cr_scenario_differs(m, sc, cp));
	cr_norm_spec_init(&sp);
	sp.method = CR_NORM_ZSCORE;
	cr_scenario_set_norm(cp, &sp);
	assert_true(cr_scenario_differs(m, sc, cp));
	/* Not when every leaf has its own. */
	assert_int_equal(cr_scenario_parse_leaf_norms(m, sc, "b=zscore",
	    NULL), 0);
	assert_int_equal(cr_scenario_parse_leaf_norms(m, cp, "b=zscore",
	    NULL), 0);
	assert_false(cr_scenario_differs(m, sc, cp));
	assert_false(cr_scenario_methods_identical(sc, cp));

	/* "global" gives a leaf the global method again. */
	assert_int_equal(cr_scenario_parse_leaf_norms(m, sc,
	    "a=global,b=global,c=GLOBAL", NULL), 0);
	assert_int_equal(cr_scenario_n_leaf_norms(sc, m), 0);
	assert_null(sc->leaf_norm);

	/* Errors change nothing. */
	assert_int_equal(cr_scenario_n_leaf_norms(cp, m), 3);
	expect_cause(cr_scenario_parse_leaf_norms(m, cp, "a=rank,zz=rank",
	    &cause), &cause, "unknown node 'zz'");
	expect_cause(cr_scenario_parse_leaf_norms(m, cp, "a=rank,a=zscore",
	    &cause), &cause, "node 'a' is given twice");
	expect_cause(cr_scenario_parse_leaf_norms(m, cp, "a=sum", &cause),
	    &cause, "a: unknown normalisation 'sum' (expected none, "
	    "minmax[:LO:HI], zscore, rank, prank, borda, fracmax, "
	    "goalposts[:LO:HI[:SCALE]], dist2max, dist2targ[:TARGET][:cap] "
	    "or dist2ref:UNIT[:cap])");
	expect_cause(cr_scenario_parse_leaf_norms(m, cp, "a", &cause),
	    &cause, "missing '=' in 'a' (expected "
	    "CODE=METHOD[,CODE=METHOD...])");
	expect_cause(cr_scenario_parse_leaf_norms(m, cp, " ", &cause),
	    &cause, "nothing given (expected CODE=METHOD[,CODE=METHOD...])");
	expect_cause(cr_scenario_parse_leaf_norms(m, cp, "a=rank,,b=rank",
	    &cause), &cause, "empty item in the leaves' methods");
	assert_int_equal(cr_scenario_n_leaf_norms(cp, m), 3);
	cr_scenario_leaf_norm(cp, 0, &sp);
	assert_int_equal(sp.method, CR_NORM_GOALPOSTS);

	/* A leaf's own method fails by its name. */
	assert_int_equal(cr_scenario_parse_leaf_norms(m, cp, "c=dist2ref:e2",
	    NULL), 0);
	expect_cause(cr_score(m, cp, s, &cause), &cause, "dist2ref: the "
	    "reference unit e2 has the worst value of c (1): there is no "
	    "distance to it; give c another method (--normalize-leaf)");
	cr_scores_free(s);
	cr_scenario_free(cp);
	cr_scenario_free(sc);
	cr_model_free(m);
}

/* ---- aggregations ---- */

/*
 * root -> x (weight 1), y (weight 3), raw values, no normalisation:
 *	e0: x 1, y 4
 *	e1: x 0, y 2
 *	e2: x 9, y 9
 *	e3: x -, y 5
 */
static struct cr_model *
model_xy(void)
{
	static const double	 x[] = { 1, 0, 9, NAN }, y[] = { 4, 2, 9, 5 };
	struct cr_model		*m = cr_model_new("xy");
	char			 code[16];
	int			 e;

	node(m, "root", NULL, 1, 1);
	node(m, "x", "root", 1, 1);
	node(m, "y", "root", 3, 1);
	assert_int_equal(cr_model_freeze(m, NULL), 0);
	for (e = 0; e < 4; e++) {
		snprintf(code, sizeof code, "e%d", e);
		assert_int_equal(cr_model_add_entity(m, code, code, code,
		    NULL), 0);
		if (!isnan(x[e]))
			value(m, e, "x", x[e]);
		value(m, e, "y", y[e]);
	}
	return m;
}

static int
score_agg(struct cr_model *m, struct cr_scores *s, enum cr_norm norm,
    const char *agg, char **cause)
{
	struct cr_scenario	*sc = cr_scenario_new(m, "t");
	struct cr_agg_spec	 a;
	int			 rc;

	sc->norm = norm;
	assert_int_equal(cr_agg_spec_parse(agg, &a, NULL), 0);
	cr_scenario_set_agg(sc, &a);
	rc = cr_score(m, sc, s, cause);
	cr_scenario_free(sc);
	return rc;
}

static void
test_power_mean(void **state)
{
	struct cr_model		*m = model_xy();
	struct cr_scores	*s = cr_scores_new(m);
	char			*cause = NULL;

	(void)state;
	/* p = 2: sqrt((1 + 3 16) / 4) = 3.5; e1 sqrt(12 / 4); e3 y. */
	assert_int_equal(score_agg(m, s, CR_NORM_NONE, "power:2", NULL), 0);
	expect_leaf(m, s, "root", 3.5, sqrt(3), 9, 5);
	/* p = 0.5: ((1 + 3 2) / 4)^2; e1 ((3 sqrt 2) / 4)^2 = 18 / 16. */
	assert_int_equal(score_agg(m, s, CR_NORM_NONE, "power:0.5", NULL),
	    0);
	expect_leaf(m, s, "root", 49.0 / 16, 18.0 / 16, 9, 5);
	/* p = -2: ((1 + 3 / 16) / 4)^(-1/2) = 8 / sqrt 19; a 0 gives 0. */
	assert_int_equal(score_agg(m, s, CR_NORM_NONE, "power:-2", NULL), 0);
	expect_leaf(m, s, "root", 8 / sqrt(19), 0, 9, 5);
	/* p = 1, 0, -1: the arithmetic, geometric, harmonic means. */
	assert_int_equal(score_agg(m, s, CR_NORM_NONE, "power:1", NULL), 0);
	expect_leaf(m, s, "root", 13.0 / 4, 6.0 / 4, 9, 5);
	assert_int_equal(score_agg(m, s, CR_NORM_NONE, "power:0", NULL), 0);
	expect_leaf(m, s, "root", pow(4, 0.75), 0, 9, 5);
	assert_int_equal(score_agg(m, s, CR_NORM_NONE, "power:-1", NULL), 0);
	expect_leaf(m, s, "root", 16.0 / 7, 0, 9, 5);
	/* A large p tends to the largest score, without overflow. */
	assert_int_equal(score_agg(m, s, CR_NORM_NONE, "power:1000", NULL),
	    0);
	assert_true(fabs(score(m, s, 0, "root") - 4) < 0.01);

	/* z-scores below 0: refused but by p = 1, the arithmetic mean. */
	expect_cause(score_agg(m, s, CR_NORM_ZSCORE, "power:2", &cause),
	    &cause, "power:2 aggregation needs scores >= 0: node x has a "
	    "negative score for e0; use minmax or rank normalisation");
	expect_cause(score_agg(m, s, CR_NORM_ZSCORE, "power:0", &cause),
	    &cause, "power:0 aggregation needs scores >= 0: node x has a "
	    "negative score for e0; use minmax or rank normalisation");
	assert_int_equal(score_agg(m, s, CR_NORM_ZSCORE, "power:1", NULL), 0);
	cr_scores_free(s);
	cr_model_free(m);
}

static void
test_power_direct(void **state)
{
	static const double	 x[] = { 1e300, 1e-300, 3 }, w[] = { 1, 1, 2 };
	double			 out;
	size_t			 bad = 99;

	(void)state;
	/* Values far apart: no power overflows, the mean is between. */
	assert_int_equal(cr_power_mean(x, w, 3, 2, &out, &bad), 0);
	expect_near(out, 1e300 / 2);
	assert_int_equal(cr_power_mean(x, w, 3, -2, &out, &bad), 0);
	expect_near(out, 1e-300 * 2);
	assert_int_equal(cr_power_mean(x, w, 0, 2, &out, &bad), 0);
	assert_true(isnan(out));
	assert_int_equal(cr_power_mean((const double[]){ 2, -1 }, w, 2, 3,
	    &out, &bad), -1);
	assert_int_equal(bad, 1);
}

/*
 * Copeland, three columns weighing 1, 1, 2:
 *	e0: 1 5 3
 *	e1: 2 4 3
 *	e2: 3 3 1
 *	e3: 4 - 2
 * e0-e1: 1 against 1 (the third level): a tie.  e0-e2: 3 against 1,
 * e0 wins.  e0-e3 (no second): 2 against 1, e0.  e1-e2: 3 against 1,
 * e1.  e1-e3: 2 against 1, e1.  e2-e3: 0 against 3, e3.
 * e0: 0 + 1 + 1 = 2; e1: 2; e2: -3; e3: -1.
 */
static void
test_copeland_direct(void **state)
{
	static const double	 x[] = {
		1, 2, 3, 4,
		5, 4, 3, NAN,
		3, 3, 1, 2,
		NAN, NAN, NAN, NAN
	};
	static const double	 w[] = { 1, 1, 2, 1 };
	double			 out[5];

	(void)state;
	cr_copeland(x, w, 3, 4, out);
	assert_true(out[0] == 2 && out[1] == 2 && out[2] == -3 &&
	    out[3] == -1);
	/* A unit with no score at all is missing and nobody's opponent. */
	cr_copeland((const double[]){ 1, NAN, 2 }, w, 1, 3, out);
	assert_true(out[0] == -1 && isnan(out[1]) && out[2] == 1);
	/*
	 * The weights decide: with the third column at 0.5, e0-e1 tie,
	 * e0 beats e2 (1.5 to 1), e3 beats e0 (1 to 0.5), e1 beats e2
	 * (1.5 to 1), e3 beats e1 and e2: e0 0, e1 0, e2 -3, e3 3.
	 */
	cr_copeland(x, (const double[]){ 1, 1, 0.5 }, 3, 4, out);
	assert_true(out[0] == 0 && out[1] == 0 && out[2] == -3 &&
	    out[3] == 3);
}

static void
test_copeland_score(void **state)
{
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s, *full;
	struct cr_agg_spec	 a = { CR_AGG_COPELAND, 1 };
	static const double	 v[4][3] = {
		{ 1, 5, 3 }, { 2, 4, 3 }, { 3, 3, 1 }, { 4, NAN, 2 }
	};
	char			 code[16];
	int			 e, z;

	(void)state;
	m = cr_model_new("cop");
	node(m, "root", NULL, 1, 1);
	node(m, "x1", "root", 1, 1);
	node(m, "x2", "root", 1, 1);
	node(m, "x3", "root", 2, 1);
	assert_int_equal(cr_model_freeze(m, NULL), 0);
	for (e = 0; e < 4; e++) {
		snprintf(code, sizeof code, "e%d", e);
		assert_int_equal(cr_model_add_entity(m, code, code, code,
		    NULL), 0);
		value(m, e, "x1", v[e][0]);
		if (!isnan(v[e][1]))
			value(m, e, "x2", v[e][1]);
		value(m, e, "x3", v[e][2]);
	}
	sc = cr_scenario_new(m, "t");
	cr_scenario_set_agg(sc, &a);
	s = cr_scores_new(m);
	full = cr_scores_new(m);
	/* Min-max keeps every order: the counts of test_copeland_direct. */
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	expect_leaf(m, s, "root", 2, 2, -3, -1);
	assert_int_equal(cr_scores_rank(s, 0, 0), 1);
	assert_int_equal(cr_scores_rank(s, 1, 0), 1);
	assert_int_equal(cr_scores_rank(s, 3, 0), 3);
	assert_int_equal(cr_scores_rank(s, 2, 0), 4);
	/*
	 * x3 weighs nothing: e0-e1 tie, e0-e2 tie, e3 beats e0, e1 and e2
	 * on x1 alone, e1-e2 tie: e0 -1, e1 -1, e2 -1, e3 3.
	 */
	z = cr_model_find_node(m, "x3");
	sc->weight[z] = 0;
	assert_int_equal(cr_score_weight_changed(m, sc, s, z, NULL), 0);
	expect_leaf(m, s, "root", -1, -1, -1, 3);
	assert_int_equal(cr_score(m, sc, full, NULL), 0);
	expect_leaf(m, full, "root", -1, -1, -1, 3);
	cr_scores_free(full);
	cr_scores_free(s);
	cr_scenario_free(sc);
	cr_model_free(m);
}

/* ---- a depth's own aggregation ---- */

static void
test_level_aggs(void **state)
{
	struct cr_model		*m = model4();
	struct cr_scenario	*sc = cr_scenario_new(m, "t");
	struct cr_scores	*s = cr_scores_new(m), *before;
	struct cr_agg_spec	 a;
	char			*cause = NULL, *label;
	double			 pa, pb, p, q;
	int			 e, b;

	(void)state;
	assert_int_equal(cr_scenario_parse_level_aggs(m, sc, "1=geom",
	    NULL), 0);
	assert_int_equal(cr_scenario_n_level_aggs(sc), 1);
	cr_scenario_node_agg(m, sc, cr_model_find_node(m, "P"), &a);
	assert_int_equal(a.method, CR_AGG_GEOM);
	cr_scenario_node_agg(m, sc, 0, &a);
	assert_int_equal(a.method, CR_AGG_ARITH);
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	/*
	 * Min-max: a (x - 2) / 8, b (9 - x) / 8, c (x - 1) / 6, all x100.
	 * P = sqrt(a b) at depth 1, Q = c, root = (P + Q) / 2 at depth 0.
	 */
	for (e = 0; e < 4; e++) {
		pa = 100 * (((const double[]){ 2, 4, 6, 10 })[e] - 2) / 8;
		pb = 100 * (9 - ((const double[]){ 1, 3, 5, 9 })[e]) / 8;
		q = 100 * (((const double[]){ 7, 7, 1, 3 })[e] - 1) / 6;
		p = sqrt(pa * pb);
		expect_near(score(m, s, e, "P"), p);
		expect_near(score(m, s, e, "root"), (p + q) / 2);
	}
	label = cr_scenario_methods_label(m, sc);
	assert_string_equal(label, "minmax · arith, depth 1 geom");
	free(label);
	expect_cause(cr_scenario_solvable(m, sc, "stability", &cause), &cause,
	    "stability needs one aggregation at every depth, not arith at "
	    "depth 0 and geom at depth 1; use --aggregate arith or geom "
	    "without --aggregate-level");
	assert_int_equal(cr_scenario_uniform_agg(m, sc, &a), -1);

	/* Errors change nothing. */
	expect_cause(cr_scenario_parse_level_aggs(m, sc, "0=harm,2=geom",
	    &cause), &cause, "depth 2 has no aggregate node (they are at "
	    "depths 0 to 1)");
	expect_cause(cr_scenario_parse_level_aggs(m, sc, "one=geom", &cause),
	    &cause, "'one' is not a depth (0 the index, 1 the level below it, "
	    "...)");
	expect_cause(cr_scenario_parse_level_aggs(m, sc, "0=geom,0=harm",
	    &cause), &cause, "depth 0 is given twice");
	expect_cause(cr_scenario_parse_level_aggs(m, sc, "0=power", &cause),
	    &cause, "depth 0: power needs its exponent: power:P (1 arithmetic, "
	    "0 geometric, -1 harmonic)");
	assert_int_equal(cr_scenario_n_level_aggs(sc), 1);
	cr_scenario_node_agg(m, sc, 0, &a);
	assert_int_equal(a.method, CR_AGG_ARITH);

	/* Both geometric: solvable, uniform. */
	assert_int_equal(cr_scenario_parse_level_aggs(m, sc, "0=geom", NULL),
	    0);
	assert_int_equal(cr_scenario_solvable(m, sc, "x", NULL), 0);
	assert_int_equal(cr_scenario_uniform_agg(m, sc, &a), 0);
	assert_int_equal(a.method, CR_AGG_GEOM);
	/* Copeland at depth 1 is for no solver. */
	assert_int_equal(cr_scenario_parse_level_aggs(m, sc,
	    "0=global,1=copeland", NULL), 0);
	assert_int_equal(cr_scenario_n_level_aggs(sc), 1);
	expect_cause(cr_scenario_solvable(m, sc, "the target solver", &cause),
	    &cause, "the target solver works with the arithmetic and geometric "
	    "means only, not copeland (at depth 1); use --aggregate arith or "
	    "geom");

	/*
	 * A geometric index over Copeland counts below 0: refused, and a
	 * weight change that meets the count changes nothing.  With a
	 * weighing 2 and b 1, a decides P: e0 -3, e1 -1, e2 1, e3 3.
	 */
	sc->weight[cr_model_find_node(m, "a")] = 2;
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	expect_leaf(m, s, "P", -3, -1, 1, 3);
	assert_int_equal(cr_scenario_parse_level_aggs(m, sc, "0=geom", NULL),
	    0);
	expect_cause(cr_score(m, sc, s, &cause), &cause, "geometric "
	    "aggregation needs scores >= 0: node P has a negative score for "
	    "e0; use minmax or rank normalisation");
	assert_int_equal(cr_scenario_parse_level_aggs(m, sc, "0=arith",
	    NULL), 0);
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	before = cr_scores_new(m);
	assert_int_equal(cr_score(m, sc, before, NULL), 0);
	assert_int_equal(cr_scenario_parse_level_aggs(m, sc, "0=geom", NULL),
	    0);
	b = cr_model_find_node(m, "c");
	sc->weight[b] = 2;
	expect_cause(cr_score_weight_changed(m, sc, s, b, &cause), &cause,
	    "geometric aggregation needs scores >= 0: node P has a negative "
	    "score for e0; use minmax or rank normalisation");
	for (e = 0; e < 4; e++) {
		assert_true(score(m, s, e, "P") == score(m, before, e, "P"));
		assert_true(score(m, s, e, "root") ==
		    score(m, before, e, "root"));
		assert_int_equal(cr_scores_rank(s, e, 0),
		    cr_scores_rank(before, e, 0));
	}
	cr_scores_free(before);
	cr_scores_free(s);
	cr_scenario_free(sc);
	cr_model_free(m);
}

/*
 * The gap of e0 and e2 under power:2 (model_xy): S 3.5 and 9.  On
 * x^2, with shares 1/4 and 3/4: x 1/4 (1 - 81) = -20, y 3/4 (16 - 81)
 * = -48.75, adding up to 3.5^2 - 9^2 = -68.75; each times -5.5 /
 * -68.75 = 0.08: x -1.6, y -3.9.  Under Copeland no child has a share.
 */
static void
test_compare_methods(void **state)
{
	struct cr_model		*m = model_xy();
	struct cr_scenario	*sc = cr_scenario_new(m, "t");
	struct cr_scores	*s = cr_scores_new(m);
	struct cr_agg_spec	 a = { CR_AGG_POWER, 2 };
	struct cr_gap		 g;
	struct cr_swap		 w;

	(void)state;
	sc->norm = CR_NORM_NONE;
	cr_scenario_set_agg(sc, &a);
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	assert_int_equal(cr_compare_gap(m, sc, s, 0, 0, 2, &g), 0);
	expect_near(g.gap, -5.5);
	expect_near(g.contrib[0], -1.6);
	expect_near(g.contrib[1], -3.9);
	assert_false(g.undivided);
	cr_gap_clear(&g);
	assert_int_equal(cr_compare_swap(m, sc, s, 0, 0, 2, &w), 0);
	assert_false(w.found);
	assert_string_equal(w.reason, "no single weight change is searched "
	    "for under a power mean; use --aggregate arith or geom");

	a.method = CR_AGG_COPELAND;
	cr_scenario_set_agg(sc, &a);
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
	/*
	 * x weighs 1, y 3: e0 beats e1; e2 beats all; e3 (y alone) beats
	 * e0 and e1.  e0 -1, e1 -3, e2 3, e3 1.
	 */
	expect_leaf(m, s, "root", -1, -3, 3, 1);
	assert_int_equal(cr_compare_gap(m, sc, s, 0, 2, 1, &g), 0);
	assert_true(g.undivided);
	assert_true(isnan(g.contrib[0]) && isnan(g.contrib[1]));
	expect_near(g.gap, 6);
	cr_gap_clear(&g);
	cr_scores_free(s);
	cr_scenario_free(sc);
	cr_model_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_norm_spec_parse),
		cmocka_unit_test(test_agg_spec_parse),
		cmocka_unit_test(test_goalposts),
		cmocka_unit_test(test_goalposts_coinr),
		cmocka_unit_test(test_metadata),
		cmocka_unit_test(test_dist2max),
		cmocka_unit_test(test_dist2targ),
		cmocka_unit_test(test_dist2ref),
		cmocka_unit_test(test_leaf_norms),
		cmocka_unit_test(test_power_mean),
		cmocka_unit_test(test_power_direct),
		cmocka_unit_test(test_copeland_direct),
		cmocka_unit_test(test_copeland_score),
		cmocka_unit_test(test_level_aggs),
		cmocka_unit_test(test_compare_methods),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
