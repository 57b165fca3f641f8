/*
 * Stability intervals and rank-flip distances (engine/stability.h),
 * checked two ways: a small case worked by hand, and random models
 * (arithmetic and geometric, with missing values, zeros and ties) where
 * every interval and flip is checked against the engine itself: the
 * weight swept in small steps through cr_score() and the ranking
 * compared, never the closed form against itself.
 *
 * The hand case: idx with two leaves d1, d2 of weight 1, raw scores
 *
 *	    d1  d2	at share t of d1:	at t = .5
 *	A   90  10	10 + 80 t		50
 *	B   40  70	70 - 30 t		55
 *	C   60  44	44 + 16 t		52
 *
 * A = C at t = 34/64, A = B at 60/110, B = C at 26/46, all above .5.
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
#include "score.h"
#include "stability.h"
#include "light.h"
#include "stopat.h"

#define EPS	1e-9
/* Sweep step, and how far past an end the ranking must differ. */
#define STEP	0.0025
#define PAST	1e-6

struct fix {
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s;
};

static void
expect_near(double got, double want)
{
	if (!(fabs(got - want) <= EPS * fmax(1, fabs(want))))
		fail_msg("got %.17g, want %.17g", got, want);
}

static void
node(struct cr_model *m, const char *code, const char *parent, double w)
{
	assert_int_equal(cr_model_add_node(m, code, parent, code, code, "",
	    w, 1, NULL), 0);
}

static void
fix_free(struct fix *f)
{
	cr_scores_free(f->s);
	cr_scenario_free(f->sc);
	cr_model_free(f->m);
}

/* idx over d1 and d2 weighing w1 and w2; three units' raw scores v. */
static void
three_open(struct fix *f, const double v[3][2], double w1, double w2)
{
	static const char *const codes[3] = { "A", "B", "C" };
	int	 e, l;

	f->m = cr_model_new("hand");
	node(f->m, "idx", NULL, 1);
	node(f->m, "d1", "idx", w1);
	node(f->m, "d2", "idx", w2);
	assert_int_equal(cr_model_freeze(f->m, NULL), 0);
	for (e = 0; e < 3; e++) {
		assert_int_equal(cr_model_add_entity(f->m, codes[e], codes[e],
		    codes[e], NULL), 0);
		for (l = 0; l < 2; l++)
			assert_int_equal(cr_model_set_value(f->m, e, l,
			    v[e][l], CR_PROV_REPORT), 0);
	}
	f->sc = cr_scenario_new(f->m, "t");
	f->sc->norm = CR_NORM_NONE;
	f->s = cr_scores_new(f->m);
	assert_int_equal(cr_score(f->m, f->sc, f->s, NULL), 0);
}

static void
hand_open(struct fix *f)
{
	static const double v[3][2] = { { 90, 10 }, { 40, 70 }, { 60, 44 } };

	three_open(f, v, 1, 1);
}

/*
 * Two units end a third's span at the same share, the one later in
 * data order met first in the ranking: A (60, 40) rises to B (50, 50)
 * at t = .5 as C (40, 60) falls to it; at t0 = 1/3 C ranks first, B
 * second, A third.  The unit's span names A, the first in data order,
 * as a pass in data order would (cr_stab_units()), not C, met first.
 */
static void
test_unit_tie(void **state)
{
	static const double v[3][2] = { { 60, 40 }, { 50, 50 }, { 40, 60 } };
	struct fix	 f;
	struct cr_stab	 st, all[3];

	(void)state;
	three_open(&f, v, 1, 2);
	assert_int_equal(cr_stab_interval(f.m, f.sc, f.s, 0, 1, 1, &st,
	    NULL), 0);
	assert_int_equal(st.rank, 2);
	expect_near(st.unit_hi, 0.5);
	assert_int_equal(st.unit_hi_by, 0);
	assert_int_equal(st.unit_lo_by, -1);
	assert_int_equal(cr_stab_units(f.m, f.sc, f.s, 0, 1, all, NULL), 0);
	assert_memory_equal(&st, &all[1], sizeof(st));
	fix_free(&f);
}

/*
 * Given up when the stop function says so, in each of its two passes
 * (the functions, then the order with the unit's span beside the
 * ranking's), and the same answer as without one when it never does.
 */
static void
test_interval_stop(void **state)
{
	struct fix	 f;
	struct cr_stab	 st, want;
	int		 at, calls, unit;

	(void)state;
	hand_open(&f);
	assert_int_equal(cr_stab_interval(f.m, f.sc, f.s, 0, 1, 0, &want,
	    NULL), 0);
	for (calls = 1; calls <= 2; calls++) {
		at = calls;
		assert_int_equal(cr_stab_interval_until(f.m, f.sc, f.s, 0, 1,
		    0, stop_at, &at, &st, NULL), 1);
		assert_int_equal(at, 0);
	}
	calls = 0;
	assert_int_equal(cr_stab_interval_until(f.m, f.sc, f.s, 0, 1, 0,
	    stop_at, &calls, &st, NULL), 0);
	assert_int_equal(st.movable, want.movable);
	expect_near(st.lo, want.lo);
	expect_near(st.hi, want.hi);
	assert_int_equal(st.hi_a, want.hi_a);
	assert_int_equal(st.rank, want.rank);
	expect_near(st.unit_hi, want.unit_hi);
	/* With a unit or without, two passes: a third ask never comes. */
	for (unit = -1; unit <= 0; unit++) {
		calls = 3;
		assert_int_equal(cr_stab_interval_until(f.m, f.sc, f.s, 0, 1,
		    unit, stop_at, &calls, &st, NULL), 0);
		assert_int_equal(calls, 1);
	}
	fix_free(&f);
}

static void
test_hand_interval(void **state)
{
	struct fix	 f;
	struct cr_stab	 st;

	(void)state;
	hand_open(&f);
	assert_int_equal(cr_stab_interval(f.m, f.sc, f.s, 0, 1, 0, &st,
	    NULL), 0);
	assert_int_equal(st.movable, 1);
	expect_near(st.share, 0.5);
	expect_near(st.lo, 0);
	expect_near(st.hi, 34.0 / 64);
	assert_int_equal(st.lo_a, -1);
	assert_int_equal(st.hi_a, 2);	/* C above A now */
	assert_int_equal(st.hi_b, 0);
	assert_int_equal(st.rank, 3);
	expect_near(st.unit_hi, 34.0 / 64);
	assert_int_equal(st.unit_hi_by, 2);
	/* B's rank holds until A passes it. */
	assert_int_equal(cr_stab_interval(f.m, f.sc, f.s, 0, 1, 1, &st,
	    NULL), 0);
	assert_int_equal(st.rank, 1);
	expect_near(st.unit_hi, 60.0 / 110);
	assert_int_equal(st.unit_hi_by, 0);
	expect_near(st.unit_lo, 0);
	/* The other weight: the mirror image. */
	assert_int_equal(cr_stab_interval(f.m, f.sc, f.s, 0, 2, -1, &st,
	    NULL), 0);
	expect_near(st.lo, 1 - 34.0 / 64);
	expect_near(st.hi, 1);
	/* The root moves nothing. */
	assert_int_equal(cr_stab_interval(f.m, f.sc, f.s, 0, 0, -1, &st,
	    NULL), 0);
	assert_int_equal(st.movable, 0);
	fix_free(&f);
}

/* Progress heard: from 0, never back, ending at the total. */
struct heard {
	size_t	calls, last, total;
	int	back;
};

static void
hear(size_t done, size_t total, void *arg)
{
	struct heard	*h = arg;

	if ((h->calls > 0 && done < h->last) || done > total ||
	    (h->calls > 0 && total != h->total))
		h->back = 1;
	if (h->calls == 0 && done != 0)
		h->back = 1;
	h->calls++;
	h->last = done;
	h->total = total;
}

/* Every unit under every weight that moves the ranking is a step. */
static void
test_flips_progress(void **state)
{
	struct fix	 f;
	struct cr_flip	 up[3], down[3], up2[3], down2[3];
	struct heard	 h;
	int		 nodes[16];
	size_t		 nw;

	(void)state;
	hand_open(&f);
	memset(&h, 0, sizeof h);
	nw = cr_stab_weights(f.m, 0, nodes);
	assert_true(nw > 0);
	assert_int_equal(cr_flips_all(f.m, f.sc, f.s, 0, up, down, hear, &h,
	    NULL), 0);
	assert_false(h.back);
	assert_int_equal(h.calls, 1 + nw * 3);
	assert_int_equal(h.last, nw * 3);
	assert_int_equal(h.total, nw * 3);
	/* Heard or not, the same flips. */
	assert_int_equal(cr_flips_all(f.m, f.sc, f.s, 0, up2, down2, NULL,
	    NULL, NULL), 0);
	assert_memory_equal(up, up2, sizeof up);
	assert_memory_equal(down, down2, sizeof down);
	fix_free(&f);
}

static void
test_hand_flips(void **state)
{
	struct fix	 f;
	struct cr_flip	 up[3], down[3];

	(void)state;
	hand_open(&f);
	assert_int_equal(cr_flips_all(f.m, f.sc, f.s, 0, up, down, NULL, NULL,
	    NULL), 0);
	/* A, third: up past C at 34/64 by d1 (d2 ties; tree order wins). */
	assert_int_equal(up[0].found, 1);
	assert_int_equal(up[0].node, 1);
	expect_near(up[0].to, 34.0 / 64);
	assert_int_equal(up[0].other, 2);
	assert_int_equal(up[0].rank_from, 3);
	assert_int_equal(up[0].rank_to, 2);
	assert_int_equal(down[0].found, 0);
	/* B, first: down when A passes it at 60/110. */
	assert_int_equal(up[1].found, 0);
	assert_int_equal(down[1].found, 1);
	expect_near(down[1].to, 60.0 / 110);
	assert_int_equal(down[1].other, 0);
	assert_int_equal(down[1].rank_to, 2);
	/*
	 * C, second: down under A at 34/64; it does pass B at 26/46, but A
	 * passed both before: no single weight moves C up.
	 */
	assert_int_equal(up[2].found, 0);
	expect_near(down[2].to, 34.0 / 64);
	assert_int_equal(down[2].other, 0);
	assert_int_equal(down[2].rank_to, 3);
	fix_free(&f);
}

static void
test_errors(void **state)
{
	struct fix	 f;
	struct cr_stab	 st;
	struct cr_flip	 up, down;
	char		*why = NULL;

	(void)state;
	hand_open(&f);
	assert_int_equal(cr_stab_interval(f.m, f.sc, f.s, 0, 9, -1, &st,
	    &why), -1);
	assert_non_null(strstr(why, "node"));
	free(why);
	assert_int_equal(cr_stab_interval(f.m, f.sc, f.s, 0, 1, 7, &st,
	    &why), -1);
	assert_non_null(strstr(why, "unit"));
	free(why);
	/* A leaf is nothing to rank by. */
	assert_int_equal(cr_stab_interval(f.m, f.sc, f.s, 1, 1, -1, &st,
	    &why), -1);
	free(why);
	assert_int_equal(cr_flips(f.m, f.sc, f.s, 0, 5, &up, &down, &why),
	    -1);
	free(why);
	fix_free(&f);
}

/* A small generator, the same numbers on every machine. */
static uint64_t rng_state;

static double
rnd(void)
{
	rng_state = rng_state * 6364136223846793005ULL +
	    1442695040888963407ULL;
	return (double)(rng_state >> 11) / 9007199254740992.0;
}

/*
 * idx - 3 dimensions - 2 to 4 leaves each; random weights, values on a
 * coarse grid (so that some tie), some missing, and under geometric
 * some zeros.
 */
static void
random_open(struct fix *f, unsigned seed, enum cr_agg agg, size_t ne,
    double p_missing)
{
	char	 code[32], parent[32];
	int	 d, j, nl, e, l;

	rng_state = seed;
	f->m = cr_model_new("rnd");
	node(f->m, "idx", NULL, 1);
	for (d = 0; d < 3; d++) {
		snprintf(code, sizeof code, "d%d", d);
		node(f->m, code, "idx", 0.5 + rnd() * 1.5);
		nl = 2 + (int)(rnd() * 3);
		for (j = 0; j < nl; j++) {
			snprintf(parent, sizeof parent, "d%d", d);
			snprintf(code, sizeof code, "l%d_%d", d, j);
			node(f->m, code, parent, 0.5 + rnd() * 1.5);
		}
	}
	assert_int_equal(cr_model_freeze(f->m, NULL), 0);
	for (e = 0; e < (int)ne; e++) {
		snprintf(code, sizeof code, "u%d", e);
		assert_int_equal(cr_model_add_entity(f->m, code, code, code,
		    NULL), 0);
		for (l = 0; l < (int)f->m->n_leaves; l++) {
			double	 v = floor(rnd() * 40) * 2.5 + 1;

			if (rnd() < p_missing)
				continue;
			if (agg == CR_AGG_GEOM && rnd() < 0.02)
				v = 0;
			assert_int_equal(cr_model_set_value(f->m, e, l, v,
			    CR_PROV_REPORT), 0);
		}
	}
	f->sc = cr_scenario_new(f->m, "t");
	f->sc->norm = CR_NORM_NONE;
	f->sc->agg = agg;
	f->s = cr_scores_new(f->m);
	assert_int_equal(cr_score(f->m, f->sc, f->s, NULL), 0);
}

/* Child d at share t, its siblings in proportion, then re-scored. */
static void
score_at(const struct fix *f, int dn, double t, struct cr_scenario *sc,
    struct cr_scores *s)
{
	const struct cr_model	*m = f->m;
	double			 w = 0, rest;
	int			 p = m->nodes[dn].parent, j;

	memcpy(sc->weight, f->sc->weight, m->n_nodes * sizeof(double));
	for (j = m->nodes[p].first_child; j != -1;
	    j = m->nodes[j].next_sibling)
		w += f->sc->weight[j];
	rest = w - f->sc->weight[dn];
	for (j = m->nodes[p].first_child; j != -1;
	    j = m->nodes[j].next_sibling)
		sc->weight[j] = j == dn ? t : f->sc->weight[j] / rest * (1 - t);
	assert_int_equal(cr_score(m, sc, s, NULL), 0);
}

static int
same_ranks(const struct cr_model *m, const struct cr_scores *a,
    const struct cr_scores *b, int by)
{
	size_t	 e;

	for (e = 0; e < m->n_entities; e++)
		if (cr_scores_rank(a, (int)e, by) != cr_scores_rank(b, (int)e,
		    by))
			return 0;
	return 1;
}

/* Every step strictly inside (lo, hi) keeps it; just past an end not. */
static void
check_span(const struct fix *f, int dn, int unit, double lo, double hi,
    struct cr_scenario *sc, struct cr_scores *s)
{
	double	 t;
	int	 r0 = unit >= 0 ? cr_scores_rank(f->s, unit, 0) : 0;

	for (t = STEP / 2; t < 1; t += STEP) {
		if (!(t > lo + PAST && t < hi - PAST))
			continue;
		score_at(f, dn, t, sc, s);
		if (unit >= 0 ? cr_scores_rank(s, unit, 0) != r0 :
		    !same_ranks(f->m, f->s, s, 0))
			fail_msg("node %s unit %d: ranking changed at %.6f "
			    "inside (%.9f, %.9f)", f->m->nodes[dn].code, unit,
			    t, lo, hi);
	}
	if (hi < 1 - PAST) {
		score_at(f, dn, hi + PAST, sc, s);
		if (unit >= 0 ? cr_scores_rank(s, unit, 0) == r0 :
		    same_ranks(f->m, f->s, s, 0))
			fail_msg("node %s unit %d: no change past hi %.9f",
			    f->m->nodes[dn].code, unit, hi);
	}
	if (lo > PAST) {
		score_at(f, dn, lo - PAST, sc, s);
		if (unit >= 0 ? cr_scores_rank(s, unit, 0) == r0 :
		    same_ranks(f->m, f->s, s, 0))
			fail_msg("node %s unit %d: no change past lo %.9f",
			    f->m->nodes[dn].code, unit, lo);
	}
}

static void
sweep_model(unsigned seed, enum cr_agg agg, double p_missing)
{
	struct fix		 f;
	struct cr_scenario	*sc;
	struct cr_scores	*s;
	struct cr_stab		 st;
	int			 nodes[64], u;
	size_t			 nw, w, moved = 0;

	random_open(&f, seed, agg, 14, p_missing);
	sc = cr_scenario_copy(f.m, f.sc);
	s = cr_scores_new(f.m);
	nw = cr_stab_weights(f.m, 0, nodes);
	assert_true(nw >= 6);
	for (w = 0; w < nw; w++) {
		for (u = -1; u < (int)f.m->n_entities; u += 3) {
			assert_int_equal(cr_stab_interval(f.m, f.sc, f.s, 0,
			    nodes[w], u, &st, NULL), 0);
			assert_int_equal(st.movable, 1);
			assert_true(st.lo <= st.share && st.share <= st.hi);
			moved += st.hi < 1 || st.lo > 0;
			check_span(&f, nodes[w], -1, st.lo, st.hi, sc, s);
			if (u >= 0) {
				assert_true(st.unit_lo <= st.lo + EPS);
				assert_true(st.unit_hi >= st.hi - EPS);
				check_span(&f, nodes[w], u, st.unit_lo,
				    st.unit_hi, sc, s);
			}
		}
	}
	/* The check must have had ends to check. */
	assert_true(moved > 0);
	/* Every unit at once gives what one at a time does. */
	for (w = 0; w < nw; w++) {
		struct cr_stab	 all[14];

		assert_int_equal(cr_stab_units(f.m, f.sc, f.s, 0, nodes[w],
		    all, NULL), 0);
		for (u = 0; u < 14; u++) {
			assert_int_equal(cr_stab_interval(f.m, f.sc, f.s, 0,
			    nodes[w], u, &st, NULL), 0);
			assert_memory_equal(&st, &all[u], sizeof(st));
		}
	}
	cr_scores_free(s);
	cr_scenario_free(sc);
	fix_free(&f);
}

static void
test_sweep_arith(void **state)
{
	unsigned	 seed;

	(void)state;
	for (seed = 1; seed < 1 + (unsigned)test_cases(4); seed++)
		sweep_model(seed, CR_AGG_ARITH, 0);
}

static void
test_sweep_missing(void **state)
{
	unsigned	 seed;

	(void)state;
	for (seed = 11; seed < 11 + (unsigned)test_cases(4); seed++)
		sweep_model(seed, CR_AGG_ARITH, 0.15);
}

static void
test_sweep_geom(void **state)
{
	unsigned	 seed;

	(void)state;
	for (seed = 21; seed < 21 + (unsigned)test_cases(4); seed++)
		sweep_model(seed, CR_AGG_GEOM, 0.1);
}

/*
 * Flips against a brute force: past `to` the rank is as claimed, and
 * no swept share of any weight closer than `to` (by a step) moves the
 * unit that way.
 */
static void
check_flip(const struct fix *f, int u, const struct cr_flip *fl, int dir,
    struct cr_scenario *sc, struct cr_scores *s)
{
	int	 nodes[64], r0 = cr_scores_rank(f->s, u, 0), r;
	size_t	 nw, w;
	double	 t, t0, best = INFINITY, side;

	nw = cr_stab_weights(f->m, 0, nodes);
	for (w = 0; w < nw; w++) {
		score_at(f, nodes[w], 0.5, sc, s);
		t0 = f->sc->weight[nodes[w]];
		{
			double	 sum = 0;
			int	 j, p = f->m->nodes[nodes[w]].parent;

			for (j = f->m->nodes[p].first_child; j != -1;
			    j = f->m->nodes[j].next_sibling)
				sum += f->sc->weight[j];
			t0 /= sum;
		}
		for (t = STEP / 2; t < 1; t += STEP) {
			score_at(f, nodes[w], t, sc, s);
			r = cr_scores_rank(s, u, 0);
			if ((dir < 0 && r < r0) || (dir > 0 && r > r0))
				best = fmin(best, fabs(t - t0));
		}
	}
	if (!fl->found) {
		if (isfinite(best))
			fail_msg("unit %d: no flip %d claimed, the sweep "
			    "found one %.4f away", u, dir, best);
		return;
	}
	if (fabs(fl->to - fl->from) > best + EPS)
		fail_msg("unit %d: flip %d of %.6f, the sweep found %.6f", u,
		    dir, fabs(fl->to - fl->from), best);
	side = fl->to > fl->from ? 1 : -1;
	score_at(f, fl->node, fl->to + side * PAST, sc, s);
	assert_int_equal(cr_scores_rank(s, u, 0), fl->rank_to);
	assert_true(dir < 0 ? fl->rank_to < r0 : fl->rank_to > r0);
}

static void
flips_model(unsigned seed, enum cr_agg agg, double p_missing)
{
	struct fix		 f;
	struct cr_scenario	*sc;
	struct cr_scores	*s;
	struct cr_flip		 up[12], down[12], one_up, one_down;
	int			 u;

	random_open(&f, seed, agg, 12, p_missing);
	sc = cr_scenario_copy(f.m, f.sc);
	s = cr_scores_new(f.m);
	assert_int_equal(cr_flips_all(f.m, f.sc, f.s, 0, up, down, NULL, NULL,
	    NULL), 0);
	for (u = 0; u < 12; u++) {
		check_flip(&f, u, &up[u], -1, sc, s);
		check_flip(&f, u, &down[u], 1, sc, s);
		assert_int_equal(cr_flips(f.m, f.sc, f.s, 0, u, &one_up,
		    &one_down, NULL), 0);
		assert_memory_equal(&one_up, &up[u], sizeof(one_up));
		assert_memory_equal(&one_down, &down[u], sizeof(one_down));
	}
	cr_scores_free(s);
	cr_scenario_free(sc);
	fix_free(&f);
}

static void
test_flips_sweep(void **state)
{
	static const struct {
		unsigned	 seed;
		enum cr_agg	 agg;
		double		 p_missing;
	} c[] = {
		{ 31, CR_AGG_ARITH, 0 },
		{ 32, CR_AGG_ARITH, 0.15 },
		{ 33, CR_AGG_GEOM, 0.1 },
	};
	int	 i, n = test_cases(3);

	(void)state;
	for (i = 0; i < n; i++)
		flips_model(c[i].seed, c[i].agg, c[i].p_missing);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hand_interval),
		cmocka_unit_test(test_interval_stop),
		cmocka_unit_test(test_unit_tie),
		cmocka_unit_test(test_hand_flips),
		cmocka_unit_test(test_flips_progress),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_sweep_arith),
		cmocka_unit_test(test_sweep_missing),
		cmocka_unit_test(test_sweep_geom),
		cmocka_unit_test(test_flips_sweep),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
