/*
 * The uncertainty analysis (engine/mc.c, perturb.c, mc_eval.c) and its
 * part files (mcpart.c): each sample scores bit for bit as cr_score()
 * with the sample's weights; no noise, no band; more noise, wider
 * bands; the same bytes with any threads and any split; the summary's
 * quantiles against ones worked by hand; part files read back exactly,
 * and damaged or foreign ones refused with the file and line.
 */
#include "config.h"

#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mc.h"
#include "mcpart.h"
#include "model.h"
#include "score.h"

/* Units of the test model: more than two of mc_eval.c's chunks of 256. */
#define NE	600
#define HASH	"0123456789abcdef0123456789abcdef"

static uint64_t	lcg = 12345;

/* Data, not a sampler under test: any fixed numbers will do. */
static double
next_value(void)
{
	lcg = lcg * 6364136223846793005ULL + 1442695040888963407ULL;
	return (double)(lcg >> 11) / 9007199254740992.0;
}

static void
node(struct cr_model *m, const char *code, const char *parent, double w,
    int dir)
{
	assert_int_equal(cr_model_add_node(m, code, parent, code, code, "",
	    w, dir, NULL), 0);
}

/*
 * Three levels under the index, uneven groups, a weight of zero, a
 * lower-is-better leaf, missing values (one unit missing a whole
 * dimension), a zero and close scores that rank differently with small
 * changes.
 */
static struct cr_model *
test_model(void)
{
	struct cr_model	*m = cr_model_new("test");
	char		 code[16];
	size_t		 e, l;
	double		 v;

	node(m, "index", NULL, 1, 1);
	node(m, "d1", "index", 1, 1);
	node(m, "d2", "index", 2, 1);
	node(m, "d3", "index", 1.5, 1);
	node(m, "p1", "d1", 1, 1);
	node(m, "p2", "d1", 3, 1);
	node(m, "a", "p1", 1, 1);
	node(m, "b", "p1", 2, -1);
	node(m, "c", "p2", 1, 1);
	node(m, "d", "p2", 1, 1);
	node(m, "f", "d2", 1, 1);
	node(m, "g", "d2", 0.5, 1);
	node(m, "h", "d2", 0, 1);
	node(m, "i", "d3", 1, 1);
	node(m, "j", "d3", 1, 1);
	assert_int_equal(cr_model_freeze(m, NULL), 0);
	for (e = 0; e < NE; e++) {
		snprintf(code, sizeof code, "u%02zu", e);
		assert_int_equal(cr_model_add_entity(m, code, code, code, NULL),
		    0);
		for (l = 0; l < m->n_leaves; l++) {
			v = 10 + 80 * next_value();
			if ((e == 3 && l == 2) || (e == 7 && l == 0) ||
			    (e == 11 && (l == 7 || l == 8)))
				v = NAN;
			if (e == 5 && l == 4)
				v = 0;
			if (!isnan(v))
				assert_int_equal(cr_model_set_value(m, (int)e,
				    (int)l, v, CR_PROV_REPORT), 0);
		}
	}
	return m;
}

static struct cr_mc *
prepare(const struct cr_model *m, const struct cr_scenario *sc,
    const struct cr_mc_spec *sp)
{
	struct cr_mc	*mc = NULL;
	char		*cause = NULL;

	if (cr_mc_new(m, sc, sp, &mc, &cause) != 0)
		fail_msg("cr_mc_new: %s", cause);
	return mc;
}

static void
spec(struct cr_mc_spec *sp, size_t samples, double noise)
{
	cr_mc_spec_init(sp);
	sp->samples = samples;
	sp->noise = noise;
	sp->seed = 42;
}

static int
same_bits(const void *a, const void *b, size_t n)
{
	return memcmp(a, b, n) == 0;
}

/* Every sample against cr_score() with that sample's scenario. */
static void
check_bitwise(const struct cr_model *m, const struct cr_scenario *base,
    const struct cr_mc_spec *sp)
{
	struct cr_mc		*mc = prepare(m, base, sp);
	struct cr_mc_result	 r;
	struct cr_scenario	*sc = cr_scenario_copy(m, base);
	struct cr_scores	*s = cr_scores_new(m);
	double			 want[NE];
	int			 rank[NE];
	size_t			 k, e;

	assert_int_equal(cr_mc_run(mc, 0, sp->samples, 2, NULL, NULL, NULL,
	    &r), 0);
	for (k = 0; k < sp->samples; k++) {
		cr_mc_sample_scenario(mc, k, sc);
		assert_int_equal(cr_score(m, sc, s, NULL), 0);
		for (e = 0; e < NE; e++) {
			want[e] = cr_scores_score(s, (int)e, sp->node);
			rank[e] = cr_scores_rank(s, (int)e, sp->node);
		}
		if (!same_bits(want, r.score + k * NE, sizeof want))
			fail_msg("sample %zu differs from cr_score", k);
		assert_true(same_bits(rank, r.rank + k * NE, sizeof rank));
	}
	cr_mc_result_free(&r);
	cr_scores_free(s);
	cr_scenario_free(sc);
	cr_mc_free(mc);
}

static void
test_bitwise(void **state)
{
	struct cr_model		*m = test_model();
	struct cr_scenario	*base = cr_scenario_new(m, "base");
	struct cr_mc_spec	 sp;

	(void)state;
	spec(&sp, 150, 0.4);
	check_bitwise(m, base, &sp);		/* every level */
	sp.level = 2;
	check_bitwise(m, base, &sp);		/* the pillars' children */
	sp.level = 0;
	sp.node = cr_model_find_node(m, "d1");	/* a dimension analysed */
	check_bitwise(m, base, &sp);
	sp.node = 0;
	sp.dist = CR_MC_DIRICHLET;
	sp.conc = 20;
	check_bitwise(m, base, &sp);
	sp.dist = CR_MC_UNIFORM;
	sp.norms = 1u << CR_NORM_MINMAX | 1u << CR_NORM_RANK;
	sp.aggs = 1u << CR_AGG_ARITH | 1u << CR_AGG_GEOM;
	check_bitwise(m, base, &sp);
	sp.weights = 0;
	check_bitwise(m, base, &sp);
	/* Geometric throughout, with the zero. */
	spec(&sp, 100, 0.3);
	base->agg = CR_AGG_GEOM;
	base->norm = CR_NORM_MINMAX;
	check_bitwise(m, base, &sp);
	cr_scenario_free(base);
	cr_model_free(m);
}

static void
summary(const struct cr_model *m, const struct cr_scenario *base,
    const struct cr_mc_spec *sp, struct cr_mc_unit *u)
{
	struct cr_mc		*mc = prepare(m, base, sp);
	struct cr_mc_result	 r;

	assert_int_equal(cr_mc_run(mc, 0, sp->samples, 1, NULL, NULL, NULL,
	    &r), 0);
	cr_mc_summarise(mc, &r, u);
	cr_mc_result_free(&r);
	cr_mc_free(mc);
}

static void
test_zero_noise(void **state)
{
	struct cr_model		*m = test_model();
	struct cr_scenario	*base = cr_scenario_new(m, "base");
	struct cr_scores	*s = cr_scores_new(m);
	struct cr_mc_spec	 sp;
	struct cr_mc_unit	 u[NE];
	size_t			 e;
	double			 v;
	int			 rank;

	(void)state;
	assert_int_equal(cr_score(m, base, s, NULL), 0);
	spec(&sp, 300, 0);
	summary(m, base, &sp, u);
	for (e = 0; e < NE; e++) {
		rank = cr_scores_rank(s, (int)e, 0);
		v = cr_scores_score(s, (int)e, 0);
		assert_int_equal(u[e].nominal_rank, rank);
		assert_true(u[e].median_rank == rank &&
		    u[e].p05_rank == rank && u[e].p95_rank == rank &&
		    u[e].mean_rank == rank);
		assert_true(u[e].score_p05 == v && u[e].score_p95 == v);
		assert_true(u[e].p_top == (rank <= sp.top ? 1 : 0));
		assert_int_equal(u[e].ranked, 300);
	}
	cr_scores_free(s);
	cr_scenario_free(base);
	cr_model_free(m);
}

/* Sum over units of the width of the 5-95% rank band. */
static double
band(const struct cr_model *m, const struct cr_scenario *base, double noise)
{
	struct cr_mc_spec	 sp;
	struct cr_mc_unit	 u[NE];
	double			 w = 0;
	size_t			 e;

	spec(&sp, 2000, noise);
	summary(m, base, &sp, u);
	for (e = 0; e < NE; e++)
		w += u[e].p95_rank - u[e].p05_rank;
	return w;
}

static void
test_band_grows(void **state)
{
	struct cr_model		*m = test_model();
	struct cr_scenario	*base = cr_scenario_new(m, "base");
	double			 w1, w2, w3;

	(void)state;
	w1 = band(m, base, 0.05);
	w2 = band(m, base, 0.3);
	w3 = band(m, base, 0.9);
	if (!(0 < w1 && w1 < w2 && w2 < w3))
		fail_msg("band widths %g, %g, %g do not grow", w1, w2, w3);
	cr_scenario_free(base);
	cr_model_free(m);
}

static void
run(const struct cr_mc *mc, size_t from, size_t to, int threads,
    struct cr_mc_result *r)
{
	assert_int_equal(cr_mc_run(mc, from, to, threads, NULL, NULL, NULL,
	    r), 0);
}

static void
test_threads_and_ranges(void **state)
{
	struct cr_model		*m = test_model();
	struct cr_scenario	*base = cr_scenario_new(m, "base");
	struct cr_mc_spec	 sp;
	struct cr_mc		*mc;
	struct cr_mc_result	 one, many, a, b;
	size_t			 n = 1000, cut = 333;

	(void)state;
	spec(&sp, n, 0.5);
	sp.norms = 1u << CR_NORM_MINMAX | 1u << CR_NORM_ZSCORE;
	mc = prepare(m, base, &sp);
	run(mc, 0, n, 1, &one);
	run(mc, 0, n, 3, &many);
	assert_true(same_bits(one.score, many.score, n * NE * sizeof(double)));
	assert_true(same_bits(one.rank, many.rank, n * NE * sizeof(int)));
	/* A cut inside a block: the second range starts mid-stream. */
	run(mc, 0, cut, 2, &a);
	run(mc, cut, n, 2, &b);
	assert_true(same_bits(one.score, a.score, cut * NE * sizeof(double)));
	assert_true(same_bits(one.score + cut * NE, b.score,
	    (n - cut) * NE * sizeof(double)));
	assert_int_equal(cr_mc_done(mc), n - cut);
	cr_mc_result_free(&one);
	cr_mc_result_free(&many);
	cr_mc_result_free(&a);
	cr_mc_result_free(&b);
	/* Another seed, other samples. */
	cr_mc_free(mc);
	sp.seed = 43;
	mc = prepare(m, base, &sp);
	run(mc, 0, 64, 1, &a);
	sp.seed = 42;
	cr_mc_free(mc);
	mc = prepare(m, base, &sp);
	run(mc, 0, 64, 1, &b);
	assert_false(same_bits(a.score, b.score, 64 * NE * sizeof(double)));
	cr_mc_result_free(&a);
	cr_mc_result_free(&b);
	cr_mc_free(mc);
	cr_scenario_free(base);
	cr_model_free(m);
}

static void
test_cancel(void **state)
{
	struct cr_model		*m = test_model();
	struct cr_scenario	*base = cr_scenario_new(m, "base");
	struct cr_mc_spec	 sp;
	struct cr_mc		*mc;
	struct cr_mc_result	 r;
	volatile sig_atomic_t	 stop = 1;

	(void)state;
	spec(&sp, 5000, 0.25);
	mc = prepare(m, base, &sp);
	assert_int_equal(cr_mc_run(mc, 0, 5000, 2, &stop, NULL, NULL, &r),
	    CR_MC_CANCELLED);
	assert_null(r.score);
	cr_mc_free(mc);
	cr_scenario_free(base);
	cr_model_free(m);
}

static void
expect_error(const struct cr_model *m, const struct cr_scenario *base,
    const struct cr_mc_spec *sp, const char *want)
{
	struct cr_mc	*mc = NULL;
	char		*cause = NULL;

	assert_int_equal(cr_mc_new(m, base, sp, &mc, &cause), -1);
	assert_null(mc);
	assert_non_null(cause);
	if (strstr(cause, want) == NULL)
		fail_msg("cause \"%s\" lacks \"%s\"", cause, want);
	free(cause);
}

static void
test_errors(void **state)
{
	struct cr_model		*m = test_model();
	struct cr_scenario	*base = cr_scenario_new(m, "base");
	struct cr_mc_spec	 sp;

	(void)state;
	spec(&sp, 10, 0.25);
	sp.node = cr_model_find_node(m, "a");
	expect_error(m, base, &sp, "is an indicator");
	sp.node = 0;
	sp.level = 4;
	expect_error(m, base, &sp, "no weights vary at level 4");
	sp.level = 0;
	sp.weights = 0;
	expect_error(m, base, &sp, "nothing varies");
	sp.weights = 1;
	sp.noise = 1;
	expect_error(m, base, &sp, "noise");
	sp.noise = 0.25;
	sp.norms = 1u << CR_NORM_ZSCORE | 1u << CR_NORM_MINMAX;
	sp.aggs = 1u << CR_AGG_GEOM | 1u << CR_AGG_ARITH;
	expect_error(m, base, &sp, "with zscore normalisation and geom "
	    "aggregation");
	cr_scenario_free(base);
	cr_model_free(m);
}

/* Factors: the weights of groups of two or more, in node order. */
static void
test_factors(void **state)
{
	struct cr_model		*m = test_model();
	struct cr_scenario	*base = cr_scenario_new(m, "base");
	struct cr_mc_spec	 sp;
	struct cr_mc		*mc;
	const struct cr_factor	*f;
	const char		*want[] = { "d1", "d2", "d3", "p1", "p2", "f",
	    "g", "i", "j", "a", "b", "c", "d" };
	size_t			 n, i;

	(void)state;
	spec(&sp, 10, 0.25);
	sp.aggs = 1u << CR_AGG_GEOM | 1u << CR_AGG_ARITH;
	base->norm = CR_NORM_MINMAX;
	mc = prepare(m, base, &sp);
	n = cr_mc_factors(mc, &f);
	assert_int_equal(n, 14);
	for (i = 0; i < 13; i++) {
		assert_int_equal(f[i].kind, CR_FACTOR_WEIGHT);
		assert_string_equal(m->nodes[f[i].node].code, want[i]);
	}
	assert_int_equal(f[13].kind, CR_FACTOR_AGG);
	cr_mc_free(mc);
	sp.aggs = 0;
	sp.level = 1;
	mc = prepare(m, base, &sp);
	assert_int_equal(cr_mc_factors(mc, &f), 3);
	cr_mc_free(mc);
	cr_scenario_free(base);
	cr_model_free(m);
}

/*
 * The summary against quantiles worked by hand.  Unit 0 ranks 1, 2, 2,
 * 3, 5 (type 7: p05 at (5-1) 0.05 = 0.2 between 1 and 2: 1.2; median
 * 2; p95 at 3.8 between 3 and 5: 4.6; mean 13/5); unit 1 is missing in
 * one sample, so ranked 4 times, and its scores 10, 20, 30, 40 give
 * p05 11.5 and p95 38.5.
 */
static void
test_summary_by_hand(void **state)
{
	struct cr_model		*m = cr_model_new("two");
	struct cr_scenario	*base;
	struct cr_mc_spec	 sp;
	struct cr_mc		*mc;
	struct cr_mc_result	 r;
	struct cr_mc_unit	 u[2];
	int			 rank[10] = { 1, 2, 2, 0, 2, 3, 3, 4, 5, 1 };
	double			 score[10] = { 9, 10, 8, NAN, 8, 20, 7, 30,
	    6, 40 };

	(void)state;
	node(m, "index", NULL, 1, 1);
	node(m, "x", "index", 1, 1);
	node(m, "y", "index", 1, 1);
	assert_int_equal(cr_model_freeze(m, NULL), 0);
	assert_int_equal(cr_model_add_entity(m, "p", "p", "p", NULL), 0);
	assert_int_equal(cr_model_add_entity(m, "q", "q", "q", NULL), 0);
	assert_int_equal(cr_model_set_value(m, 0, 0, 1, CR_PROV_REPORT), 0);
	assert_int_equal(cr_model_set_value(m, 1, 1, 1, CR_PROV_REPORT), 0);
	base = cr_scenario_new(m, "base");
	spec(&sp, 5, 0.25);
	sp.top = 2;
	mc = prepare(m, base, &sp);
	cr_mc_result_init(&r);
	r.n_entities = 2;
	r.from = 0;
	r.to = 5;
	r.score = score;
	r.rank = rank;
	cr_mc_summarise(mc, &r, u);
	assert_true(fabs(u[0].p05_rank - 1.2) < 1e-12);
	assert_true(u[0].median_rank == 2);
	assert_true(fabs(u[0].p95_rank - 4.6) < 1e-12);
	assert_true(fabs(u[0].mean_rank - 2.6) < 1e-12);
	assert_true(fabs(u[0].p_top - 0.6) < 1e-12);
	assert_int_equal(u[0].ranked, 5);
	assert_int_equal(u[1].ranked, 4);
	assert_true(fabs(u[1].score_p05 - 11.5) < 1e-12);
	assert_true(fabs(u[1].score_p95 - 38.5) < 1e-12);
	/* Ranks 2, -, 3, 4, 1: two of the 5 samples in the top 2. */
	assert_true(fabs(u[1].p_top - 0.4) < 1e-12);
	cr_mc_free(mc);
	cr_scenario_free(base);
	cr_model_free(m);
}

/* A Dirichlet sample's shares: about the scenario's, spread by c. */
static double
dirichlet_spread(const struct cr_model *m, const struct cr_scenario *base,
    double conc, int d2)
{
	struct cr_mc_spec	 sp;
	struct cr_mc		*mc;
	struct cr_scenario	*sc = cr_scenario_copy(m, base);
	double			 sum, mean = 0, sq = 0, x;
	size_t			 k, n = 400;
	int			 c;

	spec(&sp, n, 0);
	sp.dist = CR_MC_DIRICHLET;
	sp.conc = conc;
	mc = prepare(m, base, &sp);
	for (k = 0; k < n; k++) {
		cr_mc_sample_scenario(mc, k, sc);
		sum = 0;
		for (c = m->nodes[0].first_child; c != -1;
		    c = m->nodes[c].next_sibling)
			sum += sc->weight[c];
		assert_true(fabs(sum - 1) < 1e-9);
		x = sc->weight[d2];
		mean += x;
		sq += x * x;
	}
	mean /= (double)n;
	/* d2 weighs 2 of 4.5: its share stays 4/9 on average. */
	assert_true(fabs(mean - 4.0 / 9) < 0.02);
	cr_mc_free(mc);
	cr_scenario_free(sc);
	return sqrt(sq / (double)n - mean * mean);
}

static void
test_dirichlet(void **state)
{
	struct cr_model		*m = test_model();
	struct cr_scenario	*base = cr_scenario_new(m, "base");
	int			 d2 = cr_model_find_node(m, "d2");
	double			 wide, narrow, want;

	(void)state;
	wide = dirichlet_spread(m, base, 10, d2);
	narrow = dirichlet_spread(m, base, 1000, d2);
	/* sd of a Dirichlet share: sqrt(s (1 - s) / (c + 1)). */
	want = sqrt(4.0 / 9 * 5.0 / 9 / 11);
	assert_true(fabs(wide - want) < 0.2 * want);
	want = sqrt(4.0 / 9 * 5.0 / 9 / 1001);
	assert_true(fabs(narrow - want) < 0.2 * want);
	cr_scenario_free(base);
	cr_model_free(m);
}

/* ---- part files ---- */

struct parts {
	struct cr_model		*m;
	struct cr_scenario	*base;
	struct cr_mc_spec	 sp;
	struct cr_mc		*mc;
	struct cr_mc_result	 whole;
	char			*text[3];
};

static int
parts_setup(void **state)
{
	struct parts	*p = calloc(1, sizeof(*p));
	struct cr_mc_result r;
	size_t		 from, to;
	int		 i;

	p->m = test_model();
	p->base = cr_scenario_new(p->m, "base");
	spec(&p->sp, 200, 0.5);
	p->mc = prepare(p->m, p->base, &p->sp);
	run(p->mc, 0, 200, 2, &p->whole);
	for (i = 0; i < 3; i++) {
		cr_mc_part_range(200, i + 1, 3, &from, &to);
		run(p->mc, from, to, 1, &r);
		p->text[i] = cr_mc_part_format(p->mc, HASH, i + 1, 3, &r);
		cr_mc_result_free(&r);
	}
	*state = p;
	return 0;
}

static int
parts_teardown(void **state)
{
	struct parts	*p = *state;
	int		 i;

	for (i = 0; i < 3; i++)
		free(p->text[i]);
	cr_mc_result_free(&p->whole);
	cr_mc_free(p->mc);
	cr_scenario_free(p->base);
	cr_model_free(p->m);
	free(p);
	return 0;
}

static int
parse(struct parts *p, const char *text, struct cr_mc_part *out,
    char **cause)
{
	return cr_mc_part_parse(p->mc, HASH, text, strlen(text), "p.part",
	    out, cause);
}

static void
test_part_merge(void **state)
{
	struct parts		*p = *state;
	struct cr_mc_part	 part[3];
	struct cr_mc_result	 merged;
	const char		*files[3] = { "c", "a", "b" };
	struct cr_mc_part	 order[3];
	int			 i;

	for (i = 0; i < 3; i++)
		assert_int_equal(parse(p, p->text[i], &part[i], NULL), 0);
	/* Any order. */
	order[0] = part[2];
	order[1] = part[0];
	order[2] = part[1];
	assert_int_equal(cr_mc_part_merge(p->mc, order, 3, files, &merged,
	    NULL), 0);
	assert_true(same_bits(merged.score, p->whole.score,
	    200 * NE * sizeof(double)));
	assert_true(same_bits(merged.rank, p->whole.rank,
	    200 * NE * sizeof(int)));
	cr_mc_result_free(&merged);
	for (i = 0; i < 3; i++)
		cr_mc_part_free(&part[i]);
}

static void
expect_part_error(struct parts *p, const char *text, const char *want)
{
	struct cr_mc_part	 part;
	char			*cause = NULL;

	assert_int_equal(parse(p, text, &part, &cause), -1);
	assert_null(part.res.score);
	assert_non_null(cause);
	if (strncmp(cause, "p.part:", 7) != 0 || strstr(cause, want) == NULL)
		fail_msg("cause \"%s\" lacks \"%s\"", cause, want);
	free(cause);
}

/* text with the first occurrence of a replaced by b (malloc'd). */
static char *
replace(const char *text, const char *a, const char *b)
{
	const char	*at = strstr(text, a);
	char		*s;

	assert_non_null(at);
	s = malloc(strlen(text) + strlen(b) + 1);
	memcpy(s, text, (size_t)(at - text));
	strcpy(s + (at - text), b);
	strcat(s, at + strlen(a));
	return s;
}

static void
test_part_errors(void **state)
{
	struct parts		*p = *state;
	struct cr_mc_part	 part[3];
	struct cr_mc_result	 merged;
	const char		*files[3] = { "x", "y", "z" };
	char			*bad, *cause = NULL;
	size_t			 len = strlen(p->text[0]);

	expect_part_error(p, "hello\n", "p.part:1: not a cityrank robust "
	    "part file");
	expect_part_error(p, "", "the file ends in its header");
	bad = replace(p->text[0], "seed 42", "seed 41");
	expect_part_error(p, bad, "this part has 'seed 41' where this run "
	    "has 'seed 42'");
	free(bad);
	bad = replace(p->text[0], HASH, "ffffffffffffffffffffffffffffffff");
	expect_part_error(p, bad, "p.part:2: this part has 'dataset fff");
	free(bad);
	bad = replace(p->text[0], "weight d2 2", "weight d2 3");
	expect_part_error(p, bad, "'weight d2 3'");
	free(bad);
	/* A changed digit: only the checksum can see it. */
	bad = replace(p->text[0], "\n5 ", "\n5 1");
	expect_part_error(p, bad, "the 'end' line does not match");
	free(bad);
	bad = replace(p->text[0], "part 1/3 0 66", "part 1/3 0 67");
	expect_part_error(p, bad, "covers samples 0 to 66, not 0 to 67");
	free(bad);
	bad = replace(p->text[0], "part 1/3", "part 4/3");
	expect_part_error(p, bad, "part 4 of 3 is not a part");
	free(bad);
	bad = replace(p->text[0], "\n3 ", "\n4 ");
	expect_part_error(p, bad, "expected sample 3");
	free(bad);
	/* Cut short, anywhere. */
	bad = strdup(p->text[0]);
	bad[len / 2] = '\0';
	expect_part_error(p, bad, "p.part:");
	free(bad);
	bad = replace(p->text[0], " ", "\r");
	expect_part_error(p, bad, "carriage return");
	free(bad);
	/* Duplicates and gaps. */
	assert_int_equal(parse(p, p->text[0], &part[0], NULL), 0);
	assert_int_equal(parse(p, p->text[0], &part[1], NULL), 0);
	assert_int_equal(parse(p, p->text[2], &part[2], NULL), 0);
	assert_int_equal(cr_mc_part_merge(p->mc, part, 3, files, &merged,
	    &cause), -1);
	assert_string_equal(cause, "x and y are both part 1 of 3");
	free(cause);
	assert_int_equal(cr_mc_part_merge(p->mc, part + 1, 2, files + 1,
	    &merged, &cause), -1);
	assert_string_equal(cause, "part 2 of 3 is missing");
	free(cause);
	cr_mc_part_free(&part[0]);
	cr_mc_part_free(&part[1]);
	cr_mc_part_free(&part[2]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bitwise),
		cmocka_unit_test(test_zero_noise),
		cmocka_unit_test(test_band_grows),
		cmocka_unit_test(test_threads_and_ranges),
		cmocka_unit_test(test_cancel),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_factors),
		cmocka_unit_test(test_summary_by_hand),
		cmocka_unit_test(test_dirichlet),
		cmocka_unit_test_setup_teardown(test_part_merge, parts_setup,
		    parts_teardown),
		cmocka_unit_test_setup_teardown(test_part_errors, parts_setup,
		    parts_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
