/*
 * A city's strongest and weakest nodes.
 *
 * The model: idx (root) with x (an aggregate of xa, xb, weights 1, 1),
 * y, z and w; min-max 0-100, arithmetic mean.  Raw values, higher is
 * better, and the ranks they give:
 *
 *	     A   B   C   D   E	ranks
 *	xa  10  20  50  30  40	C1 E2 D3 B4 A5
 *	xb  50  40  10  20  30	A1 B2 E3 D4 C5
 *	y    2   1   4   3   5	E1 C2 D3 A4 B5
 *	z    1   2   -   3   4	E1 D2 B3 A4	(4 ranked)
 *	w    -   -   7   -   -	C alone: skipped, no one to compare with
 *
 * x: xa normalised is A0 B25 C100 D50 E75, xb A100 B75 C0 D25 E50, so
 * x = A50 B50 C50 D37.5 E62.5: E1, A B C tie at 2, D5.
 *
 * p = (rank - 1) / (n_ranked - 1), node order idx x xa xb y z w:
 *
 *	     x     xa    xb    y     z
 *	A   .25   1     0     .75   1	(3 / 3: z has 4 ranked)
 *	C   .25   0     1     .25   -
 *	E   0     .25   .5    0     0
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

#include "model.h"
#include "profile.h"
#include "score.h"
#include "stopat.h"

enum { IDX, X, XA, XB, Y, Z, W, N_NODES };
enum { EA, EB, EC, ED, EE, N_ENT };

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

/* One leaf's values for A..E; NAN is missing. */
static void
leaf(struct cr_model *m, int nd, const double *v)
{
	int	 e;

	for (e = 0; e < N_ENT; e++)
		if (!isnan(v[e]))
			assert_int_equal(cr_model_set_value(m, e,
			    m->nodes[nd].leaf, v[e], CR_PROV_USER), 0);
}

static void
fix_open(struct fix *f)
{
	static const double	 xa[] = { 10, 20, 50, 30, 40 };
	static const double	 xb[] = { 50, 40, 10, 20, 30 };
	static const double	 y[] = { 2, 1, 4, 3, 5 };
	static const double	 z[] = { 1, 2, NAN, 3, 4 };
	static const double	 w[] = { NAN, NAN, 7, NAN, NAN };
	static const char *const ents[] = { "A", "B", "C", "D", "E" };
	char			*cause = NULL;
	int			 e;

	f->m = cr_model_new("t");
	node(f->m, "idx", NULL);
	node(f->m, "x", "idx");
	node(f->m, "xa", "x");
	node(f->m, "xb", "x");
	node(f->m, "y", "idx");
	node(f->m, "z", "idx");
	node(f->m, "w", "idx");
	assert_int_equal(cr_model_freeze(f->m, NULL), 0);
	assert_int_equal(cr_model_find_node(f->m, "w"), W);
	for (e = 0; e < N_ENT; e++)
		assert_int_equal(cr_model_add_entity(f->m, ents[e], ents[e],
		    ents[e], NULL), 0);
	leaf(f->m, XA, xa);
	leaf(f->m, XB, xb);
	leaf(f->m, Y, y);
	leaf(f->m, Z, z);
	leaf(f->m, W, w);
	f->sc = cr_scenario_new(f->m, "p");
	f->s = cr_scores_new(f->m);
	if (cr_score(f->m, f->sc, f->s, &cause) != 0)
		fail_msg("score: %s", cause);
}

static void
fix_close(struct fix *f)
{
	cr_scores_free(f->s);
	cr_scenario_free(f->sc);
	cr_model_free(f->m);
}

static int
rank_of(const struct fix *f, int e, int nd)
{
	return cr_scores_rank(f->s, e, nd);
}

static void
expect_list(const int *got, int ngot, const int *want, int nwant)
{
	int	 i;

	assert_int_equal(ngot, nwant);
	for (i = 0; i < nwant; i++)
		if (got[i] != want[i])
			fail_msg("item %d is node %d, want %d", i, got[i],
			    want[i]);
}

/* The hand-worked ranks above hold, ties included. */
static void
test_ranks(void **state)
{
	struct fix	 f;

	(void)state;
	fix_open(&f);
	assert_int_equal(rank_of(&f, EE, X), 1);
	assert_int_equal(rank_of(&f, EA, X), 2);
	assert_int_equal(rank_of(&f, EC, X), 2);
	assert_int_equal(rank_of(&f, ED, X), 5);
	assert_int_equal(rank_of(&f, EC, Z), 0);
	assert_int_equal(rank_of(&f, EA, Z), 4);
	assert_int_equal(rank_of(&f, EC, W), 1);
	fix_close(&f);
}

static void
test_profile_c(void **state)
{
	struct fix	 f;
	int		 strong[10], weak[10], ns = -1, nw = -1;

	(void)state;
	fix_open(&f);
	/* xa 0, then x and y tie at .25: node order puts x first. */
	assert_int_equal(cr_profile(f.m, f.s, EC, 2, strong, weak, &ns, &nw),
	    0);
	expect_list(strong, ns, (const int[]){ XA, X }, 2);
	/* xb 1, then the same tie at .25. */
	expect_list(weak, nw, (const int[]){ XB, X }, 2);

	/* Only 4 qualify: z is missing, w has C alone; root never. */
	assert_int_equal(cr_profile(f.m, f.s, EC, 10, strong, weak, &ns,
	    &nw), 0);
	expect_list(strong, ns, (const int[]){ XA, X, Y, XB }, 4);
	expect_list(weak, nw, (const int[]){ XB, X, Y, XA }, 4);
	fix_close(&f);
}

/*
 * Given up when the stop function says so, asked before each node; the
 * answer of cr_profile() when it never does.
 */
static void
test_profile_stop(void **state)
{
	struct fix	 f;
	int		 strong[10], weak[10], ns = -1, nw = -1, left;

	(void)state;
	fix_open(&f);
	for (left = 1; left <= (int)f.m->n_nodes; left++) {
		int	k = left;

		ns = nw = -1;
		assert_int_equal(cr_profile_until(f.m, f.s, EC, 2, strong,
		    weak, &ns, &nw, stop_at, &k), 1);
		assert_int_equal(k, 0);
		assert_int_equal(ns, 0);
		assert_int_equal(nw, 0);
	}
	left = 0;
	assert_int_equal(cr_profile_until(f.m, f.s, EC, 2, strong, weak, &ns,
	    &nw, stop_at, &left), 0);
	expect_list(strong, ns, (const int[]){ XA, X }, 2);
	expect_list(weak, nw, (const int[]){ XB, X }, 2);
	fix_close(&f);
}

static void
test_profile_a_e(void **state)
{
	struct fix	 f;
	int		 strong[10], weak[10], ns, nw;

	(void)state;
	fix_open(&f);
	/*
	 * A: xa and z are both 1 (z is 3 / 3, not 3 / 4: a wrong count
	 * of ranked entities would give .75 and put y, node 4, first).
	 */
	assert_int_equal(cr_profile(f.m, f.s, EA, 2, strong, weak, &ns, &nw),
	    0);
	expect_list(strong, ns, (const int[]){ XB, X }, 2);
	expect_list(weak, nw, (const int[]){ XA, Z }, 2);

	/* E: x, y and z all at 0; xb .5 then xa .25 at the bottom. */
	assert_int_equal(cr_profile(f.m, f.s, EE, 3, strong, weak, &ns, &nw),
	    0);
	expect_list(strong, ns, (const int[]){ X, Y, Z }, 3);
	assert_int_equal(cr_profile(f.m, f.s, EE, 2, NULL, weak, NULL, &nw),
	    0);
	expect_list(weak, nw, (const int[]){ XB, XA }, 2);
	fix_close(&f);
}

/*
 * The profile counts a leaf's rank rather than rank the column (a
 * city's detail page would rank every leaf), and gives the same lists
 * when the columns are ranked and kept.
 */
static void
test_profile_counts(void **state)
{
	struct fix	 f;
	int		 strong[10], weak[10], ks[10], kw[10], ns, nw, kns, knw;
	int		 e;
	size_t		 l;

	(void)state;
	fix_open(&f);
	for (e = 0; e < (int)f.m->n_entities; e++) {
		assert_int_equal(cr_profile(f.m, f.s, e, 10, strong, weak,
		    &ns, &nw), 0);
		for (l = 0; l < f.m->n_leaves; l++)
			assert_null(f.s->leaf_rank[l]);
	}
	for (l = 0; l < f.m->n_leaves; l++)
		cr_scores_rank_all(f.s, f.m->leaf_node[l]);
	for (e = 0; e < (int)f.m->n_entities; e++) {
		assert_int_equal(cr_profile(f.m, f.s, e, 10, strong, weak,
		    &ns, &nw), 0);
		for (l = 0; l < f.m->n_leaves; l++)
			free(f.s->leaf_rank[l]);
		for (l = 0; l < f.m->n_leaves; l++)
			f.s->leaf_rank[l] = NULL;
		assert_int_equal(cr_profile(f.m, f.s, e, 10, ks, kw, &kns,
		    &knw), 0);
		expect_list(ks, kns, strong, ns);
		expect_list(kw, knw, weak, nw);
		for (l = 0; l < f.m->n_leaves; l++)
			cr_scores_rank_all(f.s, f.m->leaf_node[l]);
	}
	fix_close(&f);
}

static void
test_profile_args(void **state)
{
	struct fix	 f;
	int		 strong[1], weak[1], ns = -1, nw = -1;

	(void)state;
	fix_open(&f);
	assert_int_equal(cr_profile(f.m, f.s, N_ENT, 1, strong, weak, &ns,
	    &nw), -1);
	assert_int_equal(cr_profile(f.m, f.s, -1, 1, strong, weak, &ns, &nw),
	    -1);
	assert_int_equal(cr_profile(f.m, f.s, EA, -1, strong, weak, &ns,
	    &nw), -1);
	assert_int_equal(ns, 0);
	assert_int_equal(nw, 0);
	ns = nw = -1;
	assert_int_equal(cr_profile(f.m, f.s, EA, 0, strong, weak, &ns, &nw),
	    0);
	assert_int_equal(ns, 0);
	assert_int_equal(nw, 0);
	fix_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ranks),
		cmocka_unit_test(test_profile_c),
		cmocka_unit_test(test_profile_stop),
		cmocka_unit_test(test_profile_a_e),
		cmocka_unit_test(test_profile_counts),
		cmocka_unit_test(test_profile_args),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
