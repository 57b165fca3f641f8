/*
 * The target solver (engine/target.h) against a brute force: a grid
 * over the 4-dimension simplex within the floors, each point scored by
 * cr_score().  The grid's best rank must not beat the programme's, its
 * worst not be worse, and its least distance to a goal not be below the
 * solver's; every answer is re-scored here as well.  And a unit beaten
 * on every dimension, which no weights can lift to first: proven
 * infeasible.
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
#include "target.h"

#define NE	10
#define ND	4
/* Grid: shares floor + (1 - 4 floor) i / G, i summing to G. */
#define G	40
#define FLOOR	0.05

struct fix {
	struct cr_model		*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s;
	int			 dims[ND];
};

static uint64_t rng_state;

static double
rnd(void)
{
	rng_state = rng_state * 6364136223846793005ULL +
	    1442695040888963407ULL;
	return (double)(rng_state >> 11) / 9007199254740992.0;
}

static void
node(struct cr_model *m, const char *code, const char *parent, double w)
{
	assert_int_equal(cr_model_add_node(m, code, parent, code, code, "",
	    w, 1, NULL), 0);
}

/*
 * idx - d0..d3 - two leaves each.  Unit 0 is beaten by unit 1 on every
 * leaf, so it cannot be first within any floors.
 */
static void
fix_open(struct fix *f, unsigned seed, enum cr_agg agg)
{
	char	 code[32], parent[32];
	int	 d, j, e, l;
	double	 v[NE][2 * ND];

	rng_state = seed;
	f->m = cr_model_new("grid");
	node(f->m, "idx", NULL, 1);
	for (d = 0; d < ND; d++) {
		snprintf(code, sizeof code, "d%d", d);
		node(f->m, code, "idx", 0.5 + rnd());
		for (j = 0; j < 2; j++) {
			snprintf(parent, sizeof parent, "d%d", d);
			snprintf(code, sizeof code, "l%d_%d", d, j);
			node(f->m, code, parent, 0.5 + rnd());
		}
	}
	assert_int_equal(cr_model_freeze(f->m, NULL), 0);
	for (e = 0; e < NE; e++)
		for (l = 0; l < 2 * ND; l++)
			v[e][l] = 10 + rnd() * 90;
	for (l = 0; l < 2 * ND; l++)
		v[0][l] = v[1][l] - 1 - rnd() * 5;
	for (e = 0; e < NE; e++) {
		snprintf(code, sizeof code, "u%d", e);
		assert_int_equal(cr_model_add_entity(f->m, code, code, code,
		    NULL), 0);
		for (l = 0; l < 2 * ND; l++)
			assert_int_equal(cr_model_set_value(f->m, e, l,
			    v[e][l], CR_PROV_REPORT), 0);
	}
	for (d = 0; d < ND; d++) {
		snprintf(code, sizeof code, "d%d", d);
		f->dims[d] = cr_model_find_node(f->m, code);
	}
	f->sc = cr_scenario_new(f->m, "t");
	f->sc->norm = CR_NORM_NONE;
	f->sc->agg = agg;
	f->s = cr_scores_new(f->m);
	assert_int_equal(cr_score(f->m, f->sc, f->s, NULL), 0);
}

static void
fix_free(struct fix *f)
{
	cr_scores_free(f->s);
	cr_scenario_free(f->sc);
	cr_model_free(f->m);
}

static void
spec_of(struct cr_target_spec *sp, int *root, enum cr_tnorm norm)
{
	memset(sp, 0, sizeof(*sp));
	*root = 0;
	sp->by = 0;
	sp->groups = root;
	sp->n_groups = 1;
	sp->floor = FLOOR;
	sp->norm = norm;
	sp->seconds = 10;
}

/* What the grid found: per unit, best and worst rank; per goal, distance. */
struct grid {
	int	 best[NE], worst[NE];
	double	 l1_rank[NE][NE + 1];	/* least L1 to rank <= k */
	double	 li_rank[NE][NE + 1];
	double	 l1_above[NE][NE];	/* least L1 to be above */
	double	 li_above[NE][NE];
};

static void
grid_point(struct fix *f, const double *v, const double *v0, struct grid *g,
    struct cr_scenario *sc, struct cr_scores *s)
{
	double	 l1 = 0, li = 0, sx;
	int	 d, x, y, r, k;

	for (d = 0; d < ND; d++) {
		sc->weight[f->dims[d]] = v[d];
		l1 += fabs(v[d] - v0[d]);
		li = fmax(li, fabs(v[d] - v0[d]));
	}
	assert_int_equal(cr_score(f->m, sc, s, NULL), 0);
	for (x = 0; x < NE; x++) {
		r = cr_scores_rank(s, x, 0);
		if (r < g->best[x])
			g->best[x] = r;
		if (r > g->worst[x])
			g->worst[x] = r;
		for (k = r; k <= NE; k++) {
			g->l1_rank[x][k] = fmin(g->l1_rank[x][k], l1);
			g->li_rank[x][k] = fmin(g->li_rank[x][k], li);
		}
		sx = cr_scores_score(s, x, 0);
		for (y = 0; y < NE; y++)
			if (sx > cr_scores_score(s, y, 0)) {
				g->l1_above[x][y] = fmin(g->l1_above[x][y],
				    l1);
				g->li_above[x][y] = fmin(g->li_above[x][y],
				    li);
			}
	}
}

static void
grid_run(struct fix *f, struct grid *g)
{
	struct cr_scenario	*sc = cr_scenario_copy(f->m, f->sc);
	struct cr_scores	*s = cr_scores_new(f->m);
	double			 v[ND], v0[ND], sum = 0, step;
	int			 i, j, k, x, y, d;

	for (x = 0; x < NE; x++) {
		g->best[x] = NE + 1;
		g->worst[x] = 0;
		for (y = 0; y <= NE; y++)
			g->l1_rank[x][y] = g->li_rank[x][y] = INFINITY;
		for (y = 0; y < NE; y++)
			g->l1_above[x][y] = g->li_above[x][y] = INFINITY;
	}
	for (d = 0; d < ND; d++)
		sum += f->sc->weight[f->dims[d]];
	for (d = 0; d < ND; d++)
		v0[d] = f->sc->weight[f->dims[d]] / sum;
	step = (1 - ND * FLOOR) / G;
	for (i = 0; i <= G; i++)
		for (j = 0; i + j <= G; j++)
			for (k = 0; i + j + k <= G; k++) {
				v[0] = FLOOR + step * i;
				v[1] = FLOOR + step * j;
				v[2] = FLOOR + step * k;
				v[3] = FLOOR + step * (G - i - j - k);
				grid_point(f, v, v0, g, sc, s);
			}
	cr_scores_free(s);
	cr_scenario_free(sc);
}

/* The answer's weights, scored here again. */
static int
rescored_rank(const struct fix *f, const struct cr_target *o, int x,
    double *sx, int other, double *so)
{
	struct cr_scores	*s = cr_scores_new(f->m);
	size_t			 j;
	double			 sum = 0, groups = 0;
	int			 r;

	assert_non_null(o->sc);
	/* Each group's shares sum to 1: as many as there are groups. */
	for (j = 0; j < o->n; j++) {
		assert_true(o->to[j] >= FLOOR - 1e-9);
		sum += o->to[j];
		groups += j == 0 || f->m->nodes[o->node[j]].parent !=
		    f->m->nodes[o->node[j - 1]].parent;
	}
	assert_true(fabs(sum - groups) < 1e-9);
	assert_int_equal(cr_score(f->m, o->sc, s, NULL), 0);
	r = cr_scores_rank(s, x, 0);
	*sx = cr_scores_score(s, x, 0);
	*so = other >= 0 ? cr_scores_score(s, other, 0) : 0;
	cr_scores_free(s);
	return r;
}

/* Grid resolution in L1 and L-infinity: a step in two coordinates. */
#define RES_L1	(2 * (1 - ND * FLOOR) / G + 1e-9)
#define RES_LI	((1 - ND * FLOOR) / G + 1e-9)

static void
check_model(unsigned seed, enum cr_agg agg)
{
	struct fix		 f;
	struct grid		*g = calloc(1, sizeof(*g));
	struct cr_target_spec	 sp;
	struct cr_reach		 reach[NE];
	struct cr_target	 o;
	int			 root, x, y, k, r, ranked;
	double			 sx, sy;
	enum cr_tnorm		 norm;

	fix_open(&f, seed, agg);
	grid_run(&f, g);
	spec_of(&sp, &root, CR_TNORM_L1);
	assert_int_equal(cr_target_range(f.m, f.sc, f.s, &sp, reach, NULL, NULL,
	    NULL),
	    0);
	for (x = 0; x < NE; x++) {
		assert_true(reach[x].best_optimal && reach[x].worst_optimal);
		if (g->best[x] < reach[x].best || g->worst[x] > reach[x].worst)
			fail_msg("seed %u unit %d: grid reaches %d-%d, the "
			    "solver %d-%d", seed, x, g->best[x], g->worst[x],
			    reach[x].best, reach[x].worst);
	}
	/* Unit 0 is beaten by unit 1 everywhere. */
	assert_true(reach[0].best >= 2);
	for (norm = CR_TNORM_L1; norm <= CR_TNORM_LINF; norm++) {
		spec_of(&sp, &root, norm);
		for (x = 0; x < NE; x++) {
			ranked = cr_scores_rank(f.s, x, 0);
			for (k = 1; k <= ranked; k++) {
				assert_int_equal(cr_target_rank(f.m, f.sc, f.s,
				    &sp, x, k, &o, NULL), 0);
				if (k < reach[x].best) {
					assert_int_equal(o.status,
					    CR_TARGET_INFEASIBLE);
					assert_int_equal(o.optimal, 1);
					assert_int_equal(o.best_rank,
					    reach[x].best);
					cr_target_clear(&o);
					continue;
				}
				assert_int_equal(o.status, CR_TARGET_FOUND);
				assert_int_equal(o.optimal, 1);
				r = rescored_rank(&f, &o, x, &sx, -1, &sy);
				assert_true(r <= k);
				assert_int_equal(r, o.rank_to);
				if ((norm == CR_TNORM_L1 ? g->l1_rank[x][k] :
				    g->li_rank[x][k]) < o.distance -
				    (norm == CR_TNORM_L1 ? RES_L1 : RES_LI))
					fail_msg("seed %u unit %d rank %d: grid "
					    "%.6f below the solver's %.6f",
					    seed, x, k, norm == CR_TNORM_L1 ?
					    g->l1_rank[x][k] :
					    g->li_rank[x][k], o.distance);
				if (getenv("TARGET_DEBUG") != NULL)
					fprintf(stderr, "u%d k%d: solver %.5f "
					    "grid %.5f\n", x, k, o.distance,
					    norm == CR_TNORM_L1 ?
					    g->l1_rank[x][k] :
					    g->li_rank[x][k]);
				cr_target_clear(&o);
			}
			for (y = 0; y < NE; y++) {
				if (y == x)
					continue;
				assert_int_equal(cr_target_above(f.m, f.sc,
				    f.s, &sp, x, y, &o, NULL), 0);
				if (o.status != CR_TARGET_FOUND) {
					assert_int_equal(o.status,
					    CR_TARGET_INFEASIBLE);
					assert_true(isinf(g->l1_above[x][y]));
					cr_target_clear(&o);
					continue;
				}
				rescored_rank(&f, &o, x, &sx, y, &sy);
				assert_true(sx > sy);
				if ((norm == CR_TNORM_L1 ? g->l1_above[x][y] :
				    g->li_above[x][y]) < o.distance -
				    (norm == CR_TNORM_L1 ? RES_L1 : RES_LI))
					fail_msg("seed %u %d above %d: grid "
					    "below the solver", seed, x, y);
				cr_target_clear(&o);
			}
		}
	}
	free(g);
	fix_free(&f);
}

static void
test_grid_arith(void **state)
{
	(void)state;
	check_model(1, CR_AGG_ARITH);
	check_model(2, CR_AGG_ARITH);
}

static void
test_grid_geom(void **state)
{
	(void)state;
	check_model(3, CR_AGG_GEOM);
}

/* Beaten on every leaf by unit 1: neither first nor above unit 1. */
static void
test_infeasible(void **state)
{
	struct fix		 f;
	struct cr_target_spec	 sp;
	struct cr_target	 o;
	int			 root;

	(void)state;
	fix_open(&f, 7, CR_AGG_ARITH);
	spec_of(&sp, &root, CR_TNORM_L1);
	assert_int_equal(cr_target_rank(f.m, f.sc, f.s, &sp, 0, 1, &o, NULL),
	    0);
	assert_int_equal(o.status, CR_TARGET_INFEASIBLE);
	assert_int_equal(o.optimal, 1);
	assert_true(o.best_rank >= 2);
	assert_null(o.sc);
	cr_target_clear(&o);
	assert_int_equal(cr_target_above(f.m, f.sc, f.s, &sp, 0, 1, &o,
	    NULL), 0);
	assert_int_equal(o.status, CR_TARGET_INFEASIBLE);
	cr_target_clear(&o);
	/* The other way round it holds already: no change. */
	assert_int_equal(cr_target_above(f.m, f.sc, f.s, &sp, 1, 0, &o,
	    NULL), 0);
	assert_int_equal(o.status, CR_TARGET_FOUND);
	assert_true(o.distance < 1e-9);
	cr_target_clear(&o);
	fix_free(&f);
}

/* Every group at depth 2 at once: answers hold when re-scored. */
static void
test_depth(void **state)
{
	struct fix		 f;
	struct cr_target_spec	 sp;
	struct cr_target	 o;
	int			*groups, x;
	size_t			 n;
	double			 sx, sy;
	char			*why = NULL;

	(void)state;
	fix_open(&f, 9, CR_AGG_ARITH);
	assert_int_equal(cr_target_level(f.m, 0, "2", &groups, &n, NULL), 0);
	assert_int_equal(n, ND);
	memset(&sp, 0, sizeof(sp));
	sp.groups = groups;
	sp.n_groups = n;
	sp.floor = FLOOR;
	sp.seconds = 10;
	for (x = 0; x < NE; x++) {
		assert_int_equal(cr_target_rank(f.m, f.sc, f.s, &sp, x, 1, &o,
		    NULL), 0);
		if (o.status == CR_TARGET_FOUND) {
			assert_int_equal(o.n, 2 * ND);
			assert_int_equal(rescored_rank(&f, &o, x, &sx, -1,
			    &sy), 1);
		}
		cr_target_clear(&o);
	}
	free(groups);
	/* Levels by code, and ones that are not. */
	assert_int_equal(cr_target_level(f.m, 0, "d2", &groups, &n, NULL), 0);
	assert_int_equal(n, 1);
	assert_int_equal(groups[0], f.dims[2]);
	free(groups);
	assert_int_equal(cr_target_level(f.m, 0, NULL, &groups, &n, NULL), 0);
	assert_int_equal(groups[0], 0);
	free(groups);
	assert_int_equal(cr_target_level(f.m, 0, "nosuch", &groups, &n,
	    &why), -1);
	assert_non_null(strstr(why, "nosuch"));
	free(why);
	assert_int_equal(cr_target_level(f.m, 0, "l0_0", &groups, &n, &why),
	    -1);
	free(why);
	assert_int_equal(cr_target_level(f.m, 0, "3", &groups, &n, &why), -1);
	free(why);
	assert_int_equal(cr_target_level(f.m, 0, "1.5", &groups, &n, &why),
	    -1);
	free(why);
	assert_int_equal(cr_target_level(f.m, f.dims[1], "d2", &groups, &n,
	    &why), -1);
	free(why);
	fix_free(&f);
}

static void
test_errors(void **state)
{
	struct fix		 f;
	struct cr_target_spec	 sp;
	struct cr_target	 o;
	struct cr_reach		 r[NE];
	int			 root;
	char			*why = NULL;

	(void)state;
	fix_open(&f, 5, CR_AGG_ARITH);
	spec_of(&sp, &root, CR_TNORM_L1);
	assert_int_equal(cr_target_rank(f.m, f.sc, f.s, &sp, 2, 0, &o, &why),
	    -1);
	assert_non_null(strstr(why, "rank 0"));
	free(why);
	assert_int_equal(cr_target_rank(f.m, f.sc, f.s, &sp, NE, 1, &o, &why),
	    -1);
	free(why);
	assert_int_equal(cr_target_above(f.m, f.sc, f.s, &sp, 2, 2, &o, &why),
	    -1);
	assert_non_null(strstr(why, "itself"));
	free(why);
	/* Four children cannot each have 30%. */
	sp.floor = 0.3;
	assert_int_equal(cr_target_range(f.m, f.sc, f.s, &sp, r, NULL, NULL,
	    &why), -1);
	assert_non_null(strstr(why, "no room"));
	free(why);
	/* Exactly 25% each: one point, and the ranks there. */
	sp.floor = 0.25;
	assert_int_equal(cr_target_range(f.m, f.sc, f.s, &sp, r, NULL, NULL,
	    NULL), 0);
	assert_int_equal(r[3].best, r[3].worst);
	fix_free(&f);
	/* A missing score under a varied weight is refused by name. */
	fix_open(&f, 5, CR_AGG_ARITH);
	cr_model_set_value(f.m, 4, 2, NAN, CR_PROV_REPORT);
	assert_int_equal(cr_score(f.m, f.sc, f.s, NULL), 0);
	spec_of(&sp, &root, CR_TNORM_L1);
	/* d1's score survives: the dimensions are still fine. */
	assert_int_equal(cr_target_range(f.m, f.sc, f.s, &sp, r, NULL, NULL,
	    NULL), 0);
	root = f.dims[1];
	assert_int_equal(cr_target_range(f.m, f.sc, f.s, &sp, r, NULL, NULL,
	    &why), -1);
	assert_non_null(strstr(why, "u4 has no score for l1_0"));
	free(why);
	fix_free(&f);
}

static void
count(size_t done, size_t total, void *arg)
{
	size_t	*h = arg;	/* calls, last done, total, went back */

	if ((h[0] == 0 && done != 0) || (h[0] > 0 && done < h[1]) ||
	    (h[0] > 0 && total != h[2]))
		h[3] = 1;
	h[0]++;
	h[1] = done;
	h[2] = total;
}

/* The reachable ranks say how far they are: from 0, a step a unit. */
static void
test_range_progress(void **state)
{
	struct fix		 f;
	struct cr_target_spec	 sp;
	struct cr_reach		 r[NE], r2[NE];
	size_t			 h[4] = { 0, 0, 0, 0 };
	int			 root;

	(void)state;
	fix_open(&f, 5, CR_AGG_ARITH);
	spec_of(&sp, &root, CR_TNORM_L1);
	assert_int_equal(cr_target_range(f.m, f.sc, f.s, &sp, r, count, h,
	    NULL), 0);
	assert_int_equal(h[0], NE + 1);
	assert_int_equal(h[1], NE);
	assert_int_equal(h[2], NE);
	assert_int_equal(h[3], 0);
	assert_int_equal(cr_target_range(f.m, f.sc, f.s, &sp, r2, NULL, NULL,
	    NULL), 0);
	assert_memory_equal(r, r2, sizeof r);
	fix_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grid_arith),
		cmocka_unit_test(test_grid_geom),
		cmocka_unit_test(test_infeasible),
		cmocka_unit_test(test_depth),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_range_progress),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
