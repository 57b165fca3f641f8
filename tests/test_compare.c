/*
 * Comparison: gap decomposition (arithmetic, geometric, missing
 * children, zeros, ties) and the single weight change that swaps two
 * entities, checked by re-scoring a copy of the scenario.
 *
 * The model throughout, raw values on a common scale (CR_NORM_NONE, so
 * a leaf's score is its raw value):
 *
 *	idx +- d1 (2) +- a1 (1)	shares under idx: .5 .25 .25
 *	    |	      +- a2 (1)	under d1: .5 .5
 *	    +- d2 (1) +- b1 (1)	under d2: .25 .75
 *	    |	      +- b2 (3)
 *	    +- d3 (1) +- c1 (1)	under d3: .5 .5
 *		      +- c2 (1)
 *
 *	    a1  a2  b1  b2  c1  c2   arith: d1  d2  d3  idx
 *	P   80  60  40  40  50  70	    70  40  60  60
 *	Q   50  50  80  60  40  60	    50  65  50  53.75
 *	R   60  40  20  40  30  50	    50  35  40  43.75
 *	S   60  60  60  60  60  60	    60  60  60  60
 *	T   90   -  40  40  60  60	    90  40  60  70
 *	U   50  50  60  60   -   -	    50  60   -  160/3
 *	W    -   -   -   -   -   -	     -   -   -   -
 *
 * Powers of two for the geometric mean; on the right log2 of the
 * scores (Z's d3 and idx are 0, which has no log):
 *
 *	    a1  a2  b1  b2  c1  c2   geom:  d1  d2  d3  idx
 *	G   16  64   8   8   2  32	     5   3   3   4	(16)
 *	H    8   8   2  32   4   4	     3   4   2   3	(8)
 *	V    4   4   2  32   -   -	     2   4   -  8/3
 *	E   16  16  16  16  16  16	     4   4   4   4	(16)
 *	Z    8   8   2  32   0   4	     3   4   0   0
 *	Y    8   8   0   0   4   4	     3   0   2   0
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

#include "compare.h"
#include "model.h"
#include "score.h"

#define EPS	1e-9

enum { IDX, D1, D2, D3, A1, A2, B1, B2, C1, C2, N_NODES };
enum { P, Q, R, S, T, U, W, G, H, V, E, Z, Y, N_ENT };

static const char *const ent_codes[N_ENT] = {
	"P", "Q", "R", "S", "T", "U", "W", "G", "H", "V", "E", "Z", "Y"
};

#define X	NAN
static const double values[N_ENT][6] = {
	{ 80, 60, 40, 40, 50, 70 },	/* P */
	{ 50, 50, 80, 60, 40, 60 },	/* Q */
	{ 60, 40, 20, 40, 30, 50 },	/* R */
	{ 60, 60, 60, 60, 60, 60 },	/* S */
	{ 90,  X, 40, 40, 60, 60 },	/* T */
	{ 50, 50, 60, 60,  X,  X },	/* U */
	{  X,  X,  X,  X,  X,  X },	/* W */
	{ 16, 64,  8,  8,  2, 32 },	/* G */
	{  8,  8,  2, 32,  4,  4 },	/* H */
	{  4,  4,  2, 32,  X,  X },	/* V */
	{ 16, 16, 16, 16, 16, 16 },	/* E */
	{  8,  8,  2, 32,  0,  4 },	/* Z */
	{  8,  8,  0,  0,  4,  4 },	/* Y */
};
#undef X

struct fix {
	struct cr_model		*m;
	struct cr_scenario	*sc;	/* arith or geom, norm none */
	struct cr_scores	*s;
};

static void
expect_near(double got, double want)
{
	if (!(fabs(got - want) <= EPS * fmax(1, fabs(want))))
		fail_msg("got %.17g, want %.17g", got, want);
}

static void
expect_str(const char *got, const char *want)
{
	if (got == NULL || strcmp(got, want) != 0)
		fail_msg("got \"%s\", want \"%s\"", got ? got : "(null)",
		    want);
}

static void
node(struct cr_model *m, const char *code, const char *parent, double w)
{
	assert_int_equal(cr_model_add_node(m, code, parent, code, code, "",
	    w, 1, NULL), 0);
}

static void
fix_open(struct fix *f, enum cr_agg agg)
{
	int	 e, l;

	f->m = cr_model_new("t");
	node(f->m, "idx", NULL, 1);
	node(f->m, "d1", "idx", 2);
	node(f->m, "d2", "idx", 1);
	node(f->m, "d3", "idx", 1);
	node(f->m, "a1", "d1", 1);
	node(f->m, "a2", "d1", 1);
	node(f->m, "b1", "d2", 1);
	node(f->m, "b2", "d2", 3);
	node(f->m, "c1", "d3", 1);
	node(f->m, "c2", "d3", 1);
	assert_int_equal(cr_model_freeze(f->m, NULL), 0);
	assert_int_equal(f->m->n_nodes, N_NODES);
	assert_int_equal(f->m->nodes[A1].leaf, 0);
	for (e = 0; e < N_ENT; e++) {
		assert_int_equal(cr_model_add_entity(f->m, ent_codes[e],
		    ent_codes[e], ent_codes[e], NULL), 0);
		for (l = 0; l < 6; l++)
			if (!isnan(values[e][l]))
				assert_int_equal(cr_model_set_value(f->m, e, l,
				    values[e][l], CR_PROV_REPORT), 0);
	}
	f->sc = cr_scenario_new(f->m, "cmp");
	f->sc->norm = CR_NORM_NONE;
	f->sc->agg = agg;
	f->s = cr_scores_new(f->m);
	assert_int_equal(cr_score(f->m, f->sc, f->s, NULL), 0);
}

static void
fix_close(struct fix *f)
{
	cr_scores_free(f->s);
	cr_scenario_free(f->sc);
	cr_model_free(f->m);
}

static double
score(const struct cr_scores *s, int e, int n)
{
	return cr_scores_score(s, e, n);
}

/* Decompose, check ids, gap, approx and contributions, and the sum. */
static void
expect_gap(const struct fix *f, int nd, int ea, int eb, double gap,
    int approx, const double *want)
{
	struct cr_gap	 g;
	double		 sum = 0;
	size_t		 i;
	int		 c;

	assert_int_equal(cr_compare_gap(f->m, f->sc, f->s, nd, ea, eb, &g),
	    0);
	expect_near(g.gap, gap);
	assert_int_equal(g.approx, approx);
	assert_int_equal(g.n, (size_t)f->m->nodes[nd].n_children);
	c = f->m->nodes[nd].first_child;
	for (i = 0; i < g.n; i++, c = f->m->nodes[c].next_sibling) {
		assert_int_equal(g.child[i], c);
		expect_near(g.contrib[i], want[i]);
		sum += g.contrib[i];
	}
	expect_near(sum, g.gap);
	cr_gap_clear(&g);
	assert_null(g.child);
}

/*
 * P - Q at idx = 60 - 53.75 = 6.25, shares .5 .25 .25:
 * d1 .5 (70 - 50) = 10, d2 .25 (40 - 65) = -6.25, d3 .25 (60 - 50) = 2.5.
 * At d2, shares .25 .75: b1 .25 (40 - 80) = -10, b2 .75 (40 - 60) = -15.
 */
static void
test_gap_arith(void **state)
{
	struct fix	 f;
	const double	 idx[] = { 10, -6.25, 2.5 }, d2[] = { -10, -15 };
	const double	 rev[] = { -10, 6.25, -2.5 };

	(void)state;
	fix_open(&f, CR_AGG_ARITH);
	expect_gap(&f, IDX, P, Q, 6.25, 0, idx);
	expect_gap(&f, IDX, Q, P, -6.25, 0, rev);
	expect_gap(&f, D2, P, Q, -25, 0, d2);
	fix_close(&f);
}

/* P and S tie at 60: d1 .5 (70 - 60) = 5, d2 .25 (40 - 60) = -5, d3 0. */
static void
test_gap_tie(void **state)
{
	struct fix	 f;
	const double	 want[] = { 5, -5, 0 };

	(void)state;
	fix_open(&f, CR_AGG_ARITH);
	assert_true(score(f.s, P, IDX) == score(f.s, S, IDX));
	expect_gap(&f, IDX, P, S, 0, 0, want);
	fix_close(&f);
}

/*
 * Different children, so each entity's own shares.
 * P - U at idx = 60 - 160/3 = 20/3; P's shares .5 .25 .25, U's 2/3 1/3
 * (no d3): d1 .5*70 - 2/3*50 = 5/3, d2 .25*40 - 1/3*60 = -10,
 * d3 .25*60 - 0 = 15; 5/3 - 10 + 15 = 20/3.
 * P - T at d1 = 70 - 90 = -20; T has a1 only: a1 .5*80 - 90 = -50,
 * a2 .5*60 - 0 = 30.
 * At idx, T has every dimension: exact, d1 .5 (70 - 90) = -10, 0, 0.
 */
static void
test_gap_missing(void **state)
{
	struct fix	 f;
	const double	 pu[] = { 5.0 / 3, -10, 15 }, pt[] = { -50, 30 };
	const double	 pt_idx[] = { -10, 0, 0 };

	(void)state;
	fix_open(&f, CR_AGG_ARITH);
	expect_gap(&f, IDX, P, U, 20.0 / 3, 1, pu);
	expect_gap(&f, D1, P, T, -20, 1, pt);
	expect_gap(&f, IDX, P, T, -10, 0, pt_idx);
	fix_close(&f);
}

/* A missing score at the node, a leaf, entities out of range. */
static void
test_gap_errors(void **state)
{
	struct fix	 f;
	struct cr_gap	 g;
	size_t		 i;

	(void)state;
	fix_open(&f, CR_AGG_ARITH);
	assert_int_equal(cr_compare_gap(f.m, f.sc, f.s, IDX, P, W, &g), 1);
	assert_true(isnan(g.gap));
	assert_int_equal(g.n, 3);
	assert_int_equal(g.child[2], D3);
	for (i = 0; i < g.n; i++)
		assert_true(isnan(g.contrib[i]));
	cr_gap_clear(&g);
	assert_int_equal(cr_compare_gap(f.m, f.sc, f.s, D3, P, U, &g), 1);
	cr_gap_clear(&g);
	assert_int_equal(cr_compare_gap(f.m, f.sc, f.s, A1, P, Q, &g), -1);
	assert_null(g.child);
	assert_int_equal(cr_compare_gap(f.m, f.sc, f.s, N_NODES, P, Q, &g),
	    -1);
	assert_int_equal(cr_compare_gap(f.m, f.sc, f.s, IDX, P, N_ENT, &g),
	    -1);
	assert_int_equal(cr_compare_gap(f.m, f.sc, f.s, IDX, -1, P, &g), -1);
	cr_gap_clear(&g);
	fix_close(&f);
}

/*
 * G - H at idx = 16 - 8 = 8 and ln 16 - ln 8 = ln 2.  In units of ln 2
 * the log terms are d1 .5 (5 - 3) = 1, d2 .25 (3 - 4) = -.25, d3
 * .25 (3 - 2) = .25, scaled by 8 / ln 2: 8, -2, 2.
 * At d1: 32 - 8 = 24; a1 .5 (4 - 3) = .5, a2 .5 (6 - 3) = 1.5, total 2,
 * scaled by 24 / 2: 6, 18.
 */
static void
test_gap_geom(void **state)
{
	struct fix	 f;
	const double	 idx[] = { 8, -2, 2 }, d1[] = { 6, 18 };

	(void)state;
	fix_open(&f, CR_AGG_GEOM);
	expect_near(score(f.s, G, IDX), 16);
	expect_near(score(f.s, H, IDX), 8);
	expect_gap(&f, IDX, G, H, 8, 0, idx);
	expect_gap(&f, D1, G, H, 24, 0, d1);
	fix_close(&f);
}

/*
 * Harmonic, at d1 (shares .5 .5): G = 1 / (.5/16 + .5/64) = 25.6, H = 8,
 * gap 17.6.  The terms on reciprocals, .5/16 - .5/8 = -.03125 and
 * .5/64 - .5/8 = -.0546875, times -25.6 x 8 = -204.8: 6.4 and 11.2.
 * No weight change is searched for: the swap says why.
 */
static void
test_gap_harm(void **state)
{
	struct fix	 f;
	struct cr_swap	 w;
	const double	 d1[] = { 6.4, 11.2 };

	(void)state;
	fix_open(&f, CR_AGG_HARM);
	expect_near(score(f.s, G, D1), 25.6);
	expect_near(score(f.s, H, D1), 8);
	expect_gap(&f, D1, G, H, 17.6, 0, d1);
	assert_int_equal(cr_compare_swap(f.m, f.sc, f.s, IDX, G, H, &w), 0);
	assert_false(w.found);
	expect_str(w.reason, "no single weight change is searched for under "
	    "the harmonic mean; use --aggregate arith or geom");
	fix_close(&f);
}

/*
 * G and E both score 16 (to rounding).  The factor is then the limit
 * 16 and the log terms, in ln 2, are .5 (5 - 4), .25 (3 - 4),
 * .25 (3 - 4): 8 ln 2, -4 ln 2, -4 ln 2, which add up to 0.
 */
static void
test_gap_geom_tie(void **state)
{
	struct fix	 f;
	const double	 l2 = log(2);
	const double	 want[] = { 8 * l2, -4 * l2, -4 * l2 };

	(void)state;
	fix_open(&f, CR_AGG_GEOM);
	expect_gap(&f, IDX, G, E, 0, 0, want);
	fix_close(&f);
}

/*
 * G - V at idx = 16 - 2^(8/3).  Own shares: G .5 .25 .25, V 2/3 1/3 0.
 * Log terms in ln 2: d1 .5*5 - 2/3*2 = 7/6, d2 .25*3 - 1/3*4 = -7/12,
 * d3 .25*3 - 0 = 3/4; total 4/3 = 4 - 8/3.  Scaled by gap / (4/3):
 * gap * (7/8, -7/16, 9/16).
 */
static void
test_gap_geom_missing(void **state)
{
	struct fix	 f;
	double		 gap = 16 - pow(2, 8.0 / 3), want[3];

	(void)state;
	fix_open(&f, CR_AGG_GEOM);
	want[0] = gap * 7 / 8;
	want[1] = gap * -7 / 16;
	want[2] = gap * 9 / 16;
	expect_gap(&f, IDX, G, V, gap, 1, want);
	fix_close(&f);
}

/*
 * Z has c1 = 0, so d3 = 0 and idx = 0.  Z - H at idx = -8, all on d3;
 * at d3 = 0 - 4 = -4, all on c1.  Z - Z: both zero, all 0.
 * Y has b1 = b2 = 0: Y - H at d2 = 0 - 16, shared by weight 1 : 3.
 */
static void
test_gap_geom_zero(void **state)
{
	struct fix	 f;
	const double	 idx[] = { 0, 0, -8 }, d3[] = { -4, 0 };
	const double	 none[] = { 0, 0, 0 }, d2[] = { -4, -12 };

	(void)state;
	fix_open(&f, CR_AGG_GEOM);
	assert_true(score(f.s, Z, IDX) == 0);
	expect_gap(&f, IDX, Z, H, -8, 1, idx);
	expect_gap(&f, D3, Z, H, -4, 1, d3);
	expect_gap(&f, IDX, Z, Z, 0, 1, none);
	expect_gap(&f, IDX, Z, Y, 0, 1, none);
	expect_gap(&f, D2, Y, H, -16, 1, d2);
	fix_close(&f);
}

/*
 * Score a copy of the scenario in which child d has share t and its
 * siblings keep their proportions; return score(ea) - score(eb).
 */
static double
diff_at(const struct fix *f, int nd, int d, double t, int ea, int eb)
{
	struct cr_scenario	*sc;
	struct cr_scores	*s;
	double			 total = 0, wd, diff;
	int			 c;

	sc = cr_scenario_copy(f->m, f->sc);
	for (c = f->m->nodes[nd].first_child; c != -1;
	    c = f->m->nodes[c].next_sibling)
		total += sc->weight[c];
	wd = sc->weight[d] / total;
	assert_true(wd < 1);
	for (c = f->m->nodes[nd].first_child; c != -1;
	    c = f->m->nodes[c].next_sibling)
		sc->weight[c] = c == d ? t :
		    sc->weight[c] / total * (1 - t) / (1 - wd);
	s = cr_scores_new(f->m);
	assert_int_equal(cr_score(f->m, sc, s, NULL), 0);
	diff = score(s, ea, nd) - score(s, eb, nd);
	cr_scores_free(s);
	cr_scenario_free(sc);
	return diff;
}

/*
 * Find the swap, compare with the hand values, leave the scenario as it
 * was, tie at t* and reverse the order at to_beyond.
 */
static void
expect_swap(const struct fix *f, int nd, int ea, int eb, int d,
    double from, double to, double beyond)
{
	struct cr_swap	 w;
	double		*before, d0, d1;
	size_t		 size = f->m->n_nodes * sizeof(*before);

	before = malloc(size);
	assert_non_null(before);
	memcpy(before, f->sc->weight, size);
	assert_int_equal(cr_compare_swap(f->m, f->sc, f->s, nd, ea, eb, &w),
	    0);
	assert_memory_equal(before, f->sc->weight, size);
	free(before);
	assert_int_equal(w.found, 1);
	assert_null(w.reason);
	assert_int_equal(w.child, d);
	expect_near(w.from, from);
	expect_near(w.to, to);
	expect_near(w.to_beyond, beyond);
	expect_near(w.change, fabs(to - from));

	d0 = score(f->s, ea, nd) - score(f->s, eb, nd);
	assert_true(d0 != 0);
	if (!(fabs(diff_at(f, nd, d, w.to, ea, eb)) <= EPS))
		fail_msg("no tie at t* = %.17g", w.to);
	d1 = diff_at(f, nd, d, w.to_beyond, ea, eb);
	if (!(d0 * d1 < 0))
		fail_msg("order not reversed at %.17g: %g then %g",
		    w.to_beyond, d0, d1);
}

static void
expect_no_swap(const struct fix *f, int nd, int ea, int eb,
    const char *reason)
{
	struct cr_swap	 w;

	assert_int_equal(cr_compare_swap(f->m, f->sc, f->s, nd, ea, eb, &w),
	    0);
	assert_int_equal(w.found, 0);
	assert_int_equal(w.child, -1);
	expect_str(w.reason, reason);
}

/*
 * P - Q at idx: Δ = 20, -25, 10 with shares .5 .25 .25.
 * d1: R = (.25*-25 + .25*10) / .5 = -7.5, t* = -7.5 / -27.5 = 3/11,
 *     change 5/22 = .227.
 * d2: R = (.5*20 + .25*10) / .75 = 50/3, t* = (50/3) / (125/3) = .4,
 *     change .15: the smallest.
 * d3: R = (.5*20 + .25*-25) / .75 = 5, t* = 5 / (5 - 10) = -1: none.
 * At .4 the others have .4 and .2: 8 - 10 + 2 = 0.
 */
static void
test_swap_arith(void **state)
{
	struct fix	 f;

	(void)state;
	fix_open(&f, CR_AGG_ARITH);
	expect_swap(&f, IDX, P, Q, D2, .25, .4, .401);
	expect_swap(&f, IDX, Q, P, D2, .25, .4, .401);
	/*
	 * At d2, P - Q: Δ = -40, -20, shares .25 .75.  b1: R = -20, Δ =
	 * -40: t* = -20 / 20 = -1.  b2: R = -40, t* = -40 / (-40 + 20) = 2.
	 * Q is ahead on both leaves.
	 */
	expect_no_swap(&f, D2, P, Q,
	    "no single weight can: B is ahead or level on every child");
	fix_close(&f);
}

/*
 * Only d1 weighs: d2 = d3 = 0.  d1's share is 1, so it cannot move;
 * d2 goes up from 0 with d1 taking the rest: D(t) = (1 - t) 20 - 25 t,
 * 0 at t = 20/45 = 4/9.  d3: 20 (1 - t) + 10 t > 0 throughout.
 */
static void
test_swap_share_one(void **state)
{
	struct fix	 f;

	(void)state;
	fix_open(&f, CR_AGG_ARITH);
	f.sc->weight[D2] = f.sc->weight[D3] = 0;
	assert_int_equal(cr_score(f.m, f.sc, f.s, NULL), 0);
	expect_near(score(f.s, P, IDX), 70);
	expect_swap(&f, IDX, P, Q, D2, 0, 4.0 / 9, 4.0 / 9 + .001);
	fix_close(&f);
}

/*
 * U has no d3, so it is rescaled over d1 and d2 alone.  Raw weights
 * 2 1 1; put d2 at r and d1, d3 at 2/3 and 1/3 of the rest (3):
 *	S_P(r) = (40 r + 2*70 + 60) / (r + 3)
 *	S_U(r) = (60 r + 2*50) / (r + 2)
 * Equal where (40 r + 200)(r + 2) = (60 r + 100)(r + 3), i.e.
 * -20 r^2 + 100 = 0, r = sqrt 5; share t = r / (r + 3).
 * d1 (r for d1, rest 2): (70 r + 100)(r + 1) = (50 r + 60)(r + 2), i.e.
 * 20 r^2 + 10 r - 20 = 0, r = (sqrt 17 - 1) / 4, t = r / (r + 2) = .281,
 * change .219 against d2's .177.  d3: S_P = 60 whatever r, S_U = 160/3.
 */
static void
test_swap_missing(void **state)
{
	struct fix	 f;
	double		 t = sqrt(5) / (sqrt(5) + 3);

	(void)state;
	fix_open(&f, CR_AGG_ARITH);
	expect_swap(&f, IDX, P, U, D2, .25, t, t + .001);
	fix_close(&f);
}

/* P is ahead of R on every dimension; the other way round names B. */
static void
test_swap_none(void **state)
{
	struct fix	 f;

	(void)state;
	fix_open(&f, CR_AGG_ARITH);
	expect_no_swap(&f, IDX, P, R,
	    "no single weight can: A is ahead or level on every child");
	expect_no_swap(&f, IDX, R, P,
	    "no single weight can: B is ahead or level on every child");
	fix_close(&f);
}

static void
test_swap_tie_missing(void **state)
{
	struct fix	 f;
	struct cr_swap	 w;

	(void)state;
	fix_open(&f, CR_AGG_ARITH);
	expect_no_swap(&f, IDX, P, S, "already tied");
	expect_no_swap(&f, IDX, P, P, "already tied");
	expect_no_swap(&f, IDX, P, W, "missing score");
	expect_no_swap(&f, D3, U, P, "missing score");
	assert_int_equal(cr_compare_swap(f.m, f.sc, f.s, C1, P, Q, &w), -1);
	assert_int_equal(w.found, 0);
	assert_int_equal(w.child, -1);
	fix_close(&f);
}

/*
 * G - H at idx, in log2: Δ = 2, -1, 1, shares .5 .25 .25.
 * d1: R = (.25*-1 + .25*1) / .5 = 0: the tie is at t = 0, an end, so
 *     no reversal.
 * d2: R = (.5*2 + .25*1) / .75 = 5/3, t* = (5/3) / (8/3) = 5/8.
 * d3: R = (.5*2 + .25*-1) / .75 = 1 = Δ: D is flat, never 0.
 * At 5/8: -.625 + .375 (2/3*2 + 1/3*1) = 0.
 */
static void
test_swap_geom(void **state)
{
	struct fix	 f;

	(void)state;
	fix_open(&f, CR_AGG_GEOM);
	expect_swap(&f, IDX, G, H, D2, .25, .625, .626);
	fix_close(&f);
}

/*
 * Z scores 0 through c1.  Against G (d2 16 > 8) Z is not behind on
 * every child, but every candidate involves the zero.  Against H Z is
 * level or behind everywhere, which is the better reason.
 */
static void
test_swap_geom_zero(void **state)
{
	struct fix	 f;

	(void)state;
	fix_open(&f, CR_AGG_GEOM);
	expect_no_swap(&f, IDX, Z, G,
	    "no single weight can: a zero score in a geometric mean");
	expect_no_swap(&f, IDX, Z, H,
	    "no single weight can: B is ahead or level on every child");
	fix_close(&f);
}

/*
 * A flat model: root with n children x, y, z, u of the given weights
 * and two entities a, b (NAN for missing), arithmetic, raw values.
 */
static void
flat_open(struct fix *f, size_t n, const double *w, const double *va,
    const double *vb)
{
	static const char *const codes[] = { "x", "y", "z", "u" };
	size_t	 i;

	f->m = cr_model_new("flat");
	node(f->m, "root", NULL, 1);
	for (i = 0; i < n; i++)
		node(f->m, codes[i], "root", w[i]);
	assert_int_equal(cr_model_freeze(f->m, NULL), 0);
	assert_int_equal(cr_model_add_entity(f->m, "a", "a", "a", NULL), 0);
	assert_int_equal(cr_model_add_entity(f->m, "b", "b", "b", NULL), 0);
	for (i = 0; i < n; i++) {
		if (!isnan(va[i]))
			assert_int_equal(cr_model_set_value(f->m, 0, (int)i,
			    va[i], CR_PROV_REPORT), 0);
		if (!isnan(vb[i]))
			assert_int_equal(cr_model_set_value(f->m, 1, (int)i,
			    vb[i], CR_PROV_REPORT), 0);
	}
	f->sc = cr_scenario_new(f->m, "flat");
	f->sc->norm = CR_NORM_NONE;
	f->s = cr_scores_new(f->m);
	assert_int_equal(cr_score(f->m, f->sc, f->s, NULL), 0);
}

static const double ones[] = { 1, 1, 1, 1 };

/*
 * a = (100, 0, 0), b = (-, 99.95, 99.95): b is ahead, 99.95 to 33.3.
 * Raising x (node 1) to t: S_a = 100 t, S_b stays 99.95 as long as y
 * and z weigh anything; tie at t = .9995.  The nudge would clamp to 1,
 * where b has no child left, so to_beyond is halfway: .99975.  Lowering
 * y or z only moves a towards 50.
 */
static void
test_swap_end_missing(void **state)
{
	struct fix	 f;
	const double	 va[] = { 100, 0, 0 }, vb[] = { NAN, 99.95, 99.95 };

	(void)state;
	flat_open(&f, 3, ones, va, vb);
	expect_swap(&f, 0, 0, 1, 1, 1.0 / 3, .9995, .99975);
	fix_close(&f);
}

/*
 * Downwards, to an end b cannot reach: a = (0, 100, 100), b = (99.95,
 * -, -), weights 1 1 1, b ahead (99.95 to 66.7).  Lowering x to t:
 * S_a = 100 (1 - t), S_b = 99.95 while x weighs anything: tie at
 * t = .0005.  The nudge would clamp to 0, where b has nothing left, so
 * to_beyond is halfway: .00025.  Raising y (or z): S_a = 50 + 50 t,
 * tie at .999, a change of .67 against x's .33.
 */
static void
test_swap_down_missing(void **state)
{
	struct fix	 f;
	const double	 va[] = { 0, 100, 100 }, vb[] = { 99.95, NAN, NAN };

	(void)state;
	flat_open(&f, 3, ones, va, vb);
	expect_swap(&f, 0, 0, 1, 1, 1.0 / 3, .0005, .00025);
	fix_close(&f);
}

/*
 * a = (16, 6, 4), b = (10, 5, 5), weights 1 1 1: Δ = 6, 1, -1, a ahead.
 * x: R = (1 - 1) / 2 = 0, so the tie is at t = 0, an end: no reversal
 *    (a change of 1/3, which would otherwise win).
 * y: R = (6 - 1) / 2 = 2.5 and Δ = 1 > 0: none.
 * z: R = (6 + 1) / 2 = 3.5, t* = 3.5 / 4.5 = 7/9, change 4/9.
 * At 7/9 the others have 1/9 each: (16 + 6 + 28) / 9 = (10 + 5 + 35) / 9.
 */
static void
test_swap_end_tie(void **state)
{
	struct fix	 f;
	const double	 va[] = { 16, 6, 4 }, vb[] = { 10, 5, 5 };

	(void)state;
	flat_open(&f, 3, ones, va, vb);
	expect_swap(&f, 0, 0, 1, 3, 1.0 / 3, 7.0 / 9, 7.0 / 9 + .001);
	fix_close(&f);
}

/*
 * Two crossings closer than the nudge.  Weights x 1, y 1, z 3, u 1;
 * a = (2, 18, 9, 13), b = (3, 19 - k, -, 14) with k = 2^-18.  Put x at
 * r, the others keep 5 (b has 2 of it):
 *	S_a = (2 r + 18 + 27 + 13) / (r + 5)
 *	S_b = (3 r + 19 - k + 14) / (r + 2)
 * (2 r + 58)(r + 2) - (3 r + 33 - k)(r + 5)
 *	= -r^2 + (14 + k) r - 49 + 5k,
 * which is -(r - 7)^2 for k = 0: b would only touch a tie at r = 7.
 * With k, a is ahead between r = ((14 + k) -+ sqrt(48k + k^2)) / 2,
 * 7 -+ .0068, shares t = r / (r + 5) .00047 apart.  From 1/6 the first
 * is the nearest; 0.1 point past it is past the second too, so
 * to_beyond is halfway.  y, z and u never reverse the order.
 */
static void
test_swap_two_crossings(void **state)
{
	struct fix	 f;
	const double	 k = 1.0 / 262144, w[] = { 1, 1, 3, 1 };
	const double	 va[] = { 2, 18, 9, 13 };
	const double	 vb[] = { 3, 19 - k, NAN, 14 };
	double		 r1, r2, t1, t2;

	(void)state;
	r1 = (14 + k - sqrt(48 * k + k * k)) / 2;
	r2 = (14 + k + sqrt(48 * k + k * k)) / 2;
	t1 = r1 / (r1 + 5);
	t2 = r2 / (r2 + 5);
	assert_true(t2 - t1 < .001);
	flat_open(&f, 4, w, va, vb);
	expect_swap(&f, 0, 0, 1, 1, 1.0 / 6, t1, (t1 + t2) / 2);
	fix_close(&f);
}

/* The same with k = 0: a double root, a touch but no reversal. */
static void
test_swap_touch(void **state)
{
	struct fix	 f;
	const double	 w[] = { 1, 1, 3, 1 };
	const double	 va[] = { 2, 18, 9, 13 }, vb[] = { 3, 19, NAN, 14 };

	(void)state;
	flat_open(&f, 4, w, va, vb);
	expect_no_swap(&f, 0, 0, 1,
	    "no single weight can: B is ahead or level on every child");
	fix_close(&f);
}

/* One child: its share is 1 and there is nothing to move. */
static void
test_swap_single_child(void **state)
{
	struct fix	 f;
	const double	 va[] = { 1 }, vb[] = { 2 };

	(void)state;
	flat_open(&f, 1, ones, va, vb);
	expect_no_swap(&f, 0, 0, 1,
	    "no single weight can: the node has a single child");
	fix_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gap_arith),
		cmocka_unit_test(test_gap_tie),
		cmocka_unit_test(test_gap_missing),
		cmocka_unit_test(test_gap_errors),
		cmocka_unit_test(test_gap_geom),
		cmocka_unit_test(test_gap_harm),
		cmocka_unit_test(test_gap_geom_tie),
		cmocka_unit_test(test_gap_geom_missing),
		cmocka_unit_test(test_gap_geom_zero),
		cmocka_unit_test(test_swap_arith),
		cmocka_unit_test(test_swap_share_one),
		cmocka_unit_test(test_swap_missing),
		cmocka_unit_test(test_swap_none),
		cmocka_unit_test(test_swap_tie_missing),
		cmocka_unit_test(test_swap_geom),
		cmocka_unit_test(test_swap_geom_zero),
		cmocka_unit_test(test_swap_end_missing),
		cmocka_unit_test(test_swap_down_missing),
		cmocka_unit_test(test_swap_end_tie),
		cmocka_unit_test(test_swap_two_crossings),
		cmocka_unit_test(test_swap_touch),
		cmocka_unit_test(test_swap_single_child),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
