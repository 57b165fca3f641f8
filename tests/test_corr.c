/*
 * A node's correlation with the index and with its parent (COINr's
 * get_corr), worked by hand.
 *
 * The model: idx (root) with P (an aggregate of a and b) and c; min-max
 * 0-100, arithmetic mean, weights 1.  Raw values of units A B C D:
 *
 *	a  0 1 2 3	b  0 3 1 2	c  3 0 1 2
 *
 * Min-max makes each 0, 33.3, 66.7, 100: in units of 100/3 the scores
 * are the raw values, and Pearson's r does not see the unit.  Then
 * P = (a + b) / 2 = 0 2 1.5 2.5 and idx = (P + c) / 2 = 1.5 1 1.25 2.25.
 * Deviations from the means (1.5 for each leaf, 1.5 for P and idx):
 *
 *	a  -1.5 -.5 .5 1.5	sum of squares 5
 *	b  -1.5 1.5 -.5 .5	5
 *	c  1.5 -1.5 -.5 .5	5
 *	P  -1.5 .5 0 1		3.5
 *	idx  0 -.5 -.25 .75	.875
 *
 * r(a, P) = 3.5 / sqrt(5 x 3.5) = sqrt(7/10), and b's the same;
 * r(a, idx) = 1.25 / sqrt(5 x .875) = sqrt(5/14); r(b, idx) = -.25 /
 * sqrt(4.375) = -sqrt(1/70); r(c, idx) = 1.25 / sqrt(4.375) = sqrt(5/14),
 * c's parent being idx; r(P, idx) = .5 / sqrt(3.5 x .875) = 2/7.
 *
 * Weights P 3, c 1: idx = (3P + c) / 4 = .75 1.5 1.375 2.375, mean 1.5,
 * deviations -.75 0 -.125 .875, sum of squares 1.34375.  r(P, idx) =
 * (1.125 + .875) / sqrt(3.5 x 1.34375) = 2 / sqrt(4.703125); r(a, idx)
 * = (1.125 - .0625 + 1.3125) / sqrt(5 x 1.34375) = 2.375 / sqrt(6.71875).
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>

#include "corr.h"
#include "model.h"
#include "score.h"
#include "stopat.h"

enum { IDX, P, A, B, C, N_NODES };
#define N_ENT	4

struct fix {
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s;
};

static void
node(struct cr_model *m, const char *code, const char *parent)
{
	assert_int_equal(cr_model_add_node(m, code, parent, code, code, "",
	    1, 1, NULL), 0);
}

static void
leaf(struct cr_model *m, int nd, const double *v)
{
	int	 e;

	for (e = 0; e < N_ENT; e++)
		assert_int_equal(cr_model_set_value(m, e, m->nodes[nd].leaf,
		    v[e], CR_PROV_USER), 0);
}

static void
score(struct fix *f)
{
	char	*cause = NULL;

	if (cr_score(f->m, f->sc, f->s, &cause) != 0)
		fail_msg("score: %s", cause);
}

static void
fix_open(struct fix *f)
{
	static const double	 a[] = { 0, 1, 2, 3 };
	static const double	 b[] = { 0, 3, 1, 2 };
	static const double	 c[] = { 3, 0, 1, 2 };
	static const char *const ents[] = { "A", "B", "C", "D" };
	int			 e;

	f->m = cr_model_new("t");
	node(f->m, "idx", NULL);
	node(f->m, "P", "idx");
	node(f->m, "a", "P");
	node(f->m, "b", "P");
	node(f->m, "c", "idx");
	assert_int_equal(cr_model_freeze(f->m, NULL), 0);
	assert_int_equal(cr_model_find_node(f->m, "c"), C);
	for (e = 0; e < N_ENT; e++)
		assert_int_equal(cr_model_add_entity(f->m, ents[e], ents[e],
		    ents[e], NULL), 0);
	leaf(f->m, A, a);
	leaf(f->m, B, b);
	leaf(f->m, C, c);
	f->sc = cr_scenario_new(f->m, "t");
	f->s = cr_scores_new(f->m);
	score(f);
}

static void
fix_close(struct fix *f)
{
	cr_scores_free(f->s);
	cr_scenario_free(f->sc);
	cr_model_free(f->m);
}

static void
expect(const struct fix *f, int nd, double want_index, double want_parent)
{
	double	ri, rp;

	cr_node_corr(f->m, f->s, nd, &ri, &rp);
	if (fabs(ri - want_index) > 1e-12)
		fail_msg("node %d: r index %.15g, want %.15g", nd, ri,
		    want_index);
	if (isnan(want_parent) ? !isnan(rp) : fabs(rp - want_parent) > 1e-12)
		fail_msg("node %d: r parent %.15g, want %.15g", nd, rp,
		    want_parent);
}

static void
test_corr_equal_weights(void **state)
{
	struct fix	f;

	(void)state;
	fix_open(&f);
	expect(&f, IDX, 1, NAN);
	expect(&f, P, 2.0 / 7, 2.0 / 7);
	expect(&f, A, sqrt(5.0 / 14), sqrt(0.7));
	expect(&f, B, -sqrt(1.0 / 70), sqrt(0.7));
	expect(&f, C, sqrt(5.0 / 14), sqrt(5.0 / 14));
	fix_close(&f);
}

/* Scores, not weights: a weight change changes the answer. */
static void
test_corr_follows_weights(void **state)
{
	struct fix	f;

	(void)state;
	fix_open(&f);
	f.sc->weight[P] = 3;
	f.sc->weight[C] = 1;
	score(&f);
	expect(&f, P, 2 / sqrt(4.703125), 2 / sqrt(4.703125));
	expect(&f, A, 2.375 / sqrt(6.71875), sqrt(0.7));
	fix_close(&f);
}

/*
 * cr_corr_node_until() with a stop at the k-th ask (0: never): its
 * result, and then the asks left unused in *left.
 */
static int
until(struct cr_corr *c, int node, int k, int *left, double *ri, double *rp)
{
	*left = k;
	return (cr_corr_node_until(c, node, stop_at, left, ri, rp));
}

static void
expect_r(const char *what, double ri, double rp, double want_i,
    double want_p)
{
	if (fabs(ri - want_i) > 1e-12 || fabs(rp - want_p) > 1e-12)
		fail_msg("%s: r %.15g %.15g, want %.15g %.15g", what, ri, rp,
		    want_i, want_p);
}

/*
 * Given up when asked to, reading a leaf's scores; the answers after
 * are the same as without a stop.
 */
static void
test_corr_stop(void **state)
{
	struct fix	 f;
	struct cr_corr	*c;
	double		 ri, rp;
	int		 left;

	(void)state;
	fix_open(&f);
	c = cr_corr_new(f.m, f.s);
	/*
	 * Only a leaf's scores are read, and asked about: the index's and
	 * P's are the aggregates' columns as the scores keep them.
	 */
	assert_int_equal(until(c, A, 1, &left, &ri, &rp), 1);
	assert_int_equal(until(c, A, 2, &left, &ri, &rp), 0);
	assert_int_equal(left, 1);
	expect_r("a", ri, rp, sqrt(5.0 / 14), sqrt(0.7));
	/* An aggregate asks nothing. */
	assert_int_equal(until(c, P, 1, &left, &ri, &rp), 0);
	assert_int_equal(left, 1);
	/* B's answer asks once, for B's own. */
	assert_int_equal(until(c, B, 2, &left, &ri, &rp), 0);
	assert_int_equal(left, 1);
	expect_r("b", ri, rp, -sqrt(1.0 / 70), sqrt(0.7));
	/* C's parent is the index: a stop while reading C gives no answer. */
	assert_int_equal(until(c, C, 1, &left, &ri, &rp), 1);
	assert_int_equal(until(c, C, 0, &left, &ri, &rp), 0);
	expect_r("c", ri, rp, sqrt(5.0 / 14), sqrt(5.0 / 14));
	cr_corr_free(c);
	fix_close(&f);
}

/* No spread, or one unit: undefined, as COINr's cor() gives NA. */
static void
test_corr_undefined(void **state)
{
	struct fix	f;
	double		ri, rp;
	int		e;

	(void)state;
	fix_open(&f);
	for (e = 0; e < N_ENT; e++)
		assert_int_equal(cr_model_set_value(f.m, e, f.m->nodes[C].leaf,
		    5, CR_PROV_USER), 0);
	score(&f);
	cr_node_corr(f.m, f.s, C, &ri, &rp);
	assert_true(isnan(ri));
	assert_true(isnan(rp));
	fix_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corr_equal_weights),
		cmocka_unit_test(test_corr_follows_weights),
		cmocka_unit_test(test_corr_undefined),
		cmocka_unit_test(test_corr_stop),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
