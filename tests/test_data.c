/*
 * The bundled data set against the report.  Expected values come from
 * data/seed/report_cities.csv (a verbatim copy of the figures the report
 * prints) and from the report's text (cited), never from the program.
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

#include "csv.h"
#include "db.h"
#include "score.h"
#include "xmalloc.h"

#define NCITIES	26

struct seed {
	char	 name[32];
	char	 cls[16];
	int	 smart_rank, gdp_rank, dp_rank;
	double	 dp;		/* NAN where the report lost it */
};

struct fixture {
	struct cr_dataset	*ds;
	struct cr_scores	*s;
	struct seed		 seed[NCITIES];
	int			 entity[NCITIES];	/* seed row -> entity */
};

static char *
read_file(const char *path, size_t *len)
{
	FILE	*fp = fopen(path, "rb");
	char	*buf;
	long	 n;

	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	buf = xmalloc((size_t)n + 1);
	*len = fread(buf, 1, (size_t)n, fp);
	fclose(fp);
	return (buf);
}

static void
read_seed(struct fixture *f)
{
	struct cr_csv	 csv;
	char		*path, *buf;
	size_t		 len, i = 0;

	path = xasprintf("%s/data/seed/report_cities.csv", getenv("SRCDIR"));
	buf = read_file(path, &len);
	cr_csv_init(&csv, buf, len);
	assert_int_equal(cr_csv_next(&csv), 1);		/* header */
	assert_string_equal(csv.field[5], "smart_rank");
	assert_string_equal(csv.field[7], "domain_penetration_score");
	while (cr_csv_next(&csv) == 1) {
		assert_true(i < NCITIES);
		snprintf(f->seed[i].name, sizeof f->seed[i].name, "%s",
		    csv.field[0]);
		snprintf(f->seed[i].cls, sizeof f->seed[i].cls, "%s",
		    csv.field[4]);
		f->seed[i].smart_rank = atoi(csv.field[5]);
		f->seed[i].gdp_rank = atoi(csv.field[6]);
		f->seed[i].dp = *csv.field[7] ? atof(csv.field[7]) : NAN;
		f->seed[i].dp_rank = atoi(csv.field[8]);
		i++;
	}
	assert_int_equal(i, NCITIES);
	cr_csv_free(&csv);
	free(buf);
	free(path);
}

static int
setup(void **state)
{
	struct fixture	*f = xcalloc(1, sizeof *f);
	char		*why = NULL;
	size_t		 i, e;

	read_seed(f);
	if (cr_db_load(getenv("CITYRANK_DB"), &f->ds, &why) != 0) {
		fprintf(stderr, "%s\n", why);
		return (-1);
	}
	f->s = cr_scores_new(f->ds->model);
	if (cr_score(f->ds->model, f->ds->presets[0].scenario, f->s, &why))
		return (-1);
	for (i = 0; i < NCITIES; i++) {
		f->entity[i] = -1;
		for (e = 0; e < f->ds->model->n_entities; e++)
			if (strcmp(f->ds->model->entities[e].name_zh,
			    f->seed[i].name) == 0)
				f->entity[i] = (int)e;
		if (f->entity[i] < 0)
			return (-1);
	}
	*state = f;
	return (0);
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;

	cr_scores_free(f->s);
	cr_dataset_free(f->ds);
	free(f);
	return (0);
}

static double
score(struct fixture *f, int row, const char *node)
{
	int	n = cr_model_find_node(f->ds->model, node);

	assert_true(n >= 0);
	return (cr_scores_score(f->s, f->entity[row], n));
}

static void
test_baseline_is_report_scale(void **state)
{
	struct fixture		*f = *state;
	const struct cr_preset	*p = &f->ds->presets[0];

	assert_string_equal(p->code, "default");
	assert_int_equal(p->scenario->norm, CR_NORM_NONE);
	assert_int_equal(p->scenario->agg, CR_AGG_ARITH);
	assert_int_equal(f->ds->model->n_entities, NCITIES);
}

/* Each city's published domain-penetration score (report line 652). */
static void
test_penetration_scores(void **state)
{
	struct fixture	*f = *state;
	double		 dp;
	int		 i, checked = 0;

	for (i = 0; i < NCITIES; i++) {
		dp = score(f, i, "penetration");
		if (isnan(f->seed[i].dp)) {
			/* 长春 ranks 20th: between 宁波 46 and 石家庄 43. */
			assert_true(dp > 43 && dp < 46);
			continue;
		}
		if (fabs(dp - f->seed[i].dp) > 0.5)
			fail_msg("%s: penetration %.2f, report %.0f",
			    f->seed[i].name, dp, f->seed[i].dp);
		checked++;
	}
	assert_int_equal(checked, 25);
}

/* The six published domain averages across the 26 (line 652). */
static void
test_domain_averages(void **state)
{
	static const struct { const char *code; double avg; } dom[] = {
		{ "environment", 61 }, { "economy", 54 }, { "security", 22 },
		{ "life", 61 }, { "transport", 54 }, { "education", 70 },
	};
	struct fixture	*f = *state;
	double		 sum;
	size_t		 d;
	int		 i;

	for (d = 0; d < sizeof dom / sizeof dom[0]; d++) {
		sum = 0;
		for (i = 0; i < NCITIES; i++)
			sum += score(f, i, dom[d].code);
		if (fabs(sum / NCITIES - dom[d].avg) > 0.5)
			fail_msg("%s: mean %.2f, report %.0f", dom[d].code,
			    sum / NCITIES, dom[d].avg);
	}
}

static int
rank_of(struct fixture *f, int row, const char *node)
{
	int	n = cr_model_find_node(f->ds->model, node);

	return (cr_scores_rank(f->s, f->entity[row], n));
}

/* The published overall ranking, 26 of 26 (lines 479-505). */
static void
test_overall_ranking(void **state)
{
	struct fixture	*f = *state;
	int		 i;

	for (i = 0; i < NCITIES; i++)
		if (rank_of(f, i, "index") != f->seed[i].smart_rank)
			fail_msg("%s: rank %d, report %d", f->seed[i].name,
			    rank_of(f, i, "index"), f->seed[i].smart_rank);
}

/* The published domain-penetration ranks follow from the scores too. */
static void
test_penetration_ranks(void **state)
{
	struct fixture	*f = *state;
	int		 i;

	for (i = 0; i < NCITIES; i++)
		assert_int_equal(rank_of(f, i, "penetration"),
		    f->seed[i].dp_rank);
}

/* GDP ranks (report table) from the per-capita GDP values, 26 of 26. */
static void
test_gdp_ranks(void **state)
{
	struct fixture		*f = *state;
	const struct cr_model	*m = f->ds->model;
	double			 gdp[NCITIES];
	int			 v, i, j, r;

	v = cr_model_find_ctx(m, "gdp_pc_2018");
	assert_true(v >= 0);
	for (i = 0; i < NCITIES; i++)
		gdp[i] = m->ctx[v].num[f->entity[i]];
	for (i = 0; i < NCITIES; i++) {
		/* Independent rank: count the cities with more. */
		for (r = 1, j = 0; j < NCITIES; j++)
			r += gdp[j] > gdp[i];
		if (r != f->seed[i].gdp_rank)
			fail_msg("%s: GDP rank %d, report %d", f->seed[i].name,
			    r, f->seed[i].gdp_rank);
	}
}

/* Traced GDP values are official; every other one is an estimate. */
static void
test_gdp_provenance(void **state)
{
	static const struct { const char *name; double yuan; } traced[] = {
		{ "厦门", 118015 }, { "北京", 140000 }, { "上海", 135000 },
		{ "天津", 120000 },
	};
	struct fixture		*f = *state;
	const struct cr_model	*m = f->ds->model;
	size_t			 t;
	int			 v, i, e, official = 0;

	v = cr_model_find_ctx(m, "gdp_pc_2018");
	for (i = 0; i < NCITIES; i++) {
		e = f->entity[i];
		for (t = 0; t < 4; t++)
			if (strcmp(traced[t].name, f->seed[i].name) == 0)
				break;
		if (t < 4) {
			assert_int_equal(m->ctx[v].prov[e], CR_PROV_OFFICIAL);
			assert_true(m->ctx[v].num[e] == traced[t].yuan);
			official++;
		} else
			assert_int_equal(m->ctx[v].prov[e], CR_PROV_ESTIMATED);
		assert_non_null(cr_model_ctx_source(m, v, e));
	}
	assert_int_equal(official, 4);
}

/* Every leaf value is marked reconstructed: the report prints none. */
static void
test_leaf_provenance(void **state)
{
	struct fixture		*f = *state;
	const struct cr_model	*m = f->ds->model;
	size_t			 i;

	for (i = 0; i < m->n_entities * m->n_leaves; i++) {
		assert_false(isnan(m->raw[i]));
		assert_int_equal(cr_model_prov_at(m, i), CR_PROV_RECONSTRUCTED);
		assert_true(m->raw[i] >= 0 && m->raw[i] <= 100);
	}
}

static int
is_tier1(struct fixture *f, int row)
{
	return (strcmp(f->seed[row].cls, "tier1") == 0);
}

/* "4个一线城市...在四大核心领域均占领鳌头" (line 463), loosely. */
static void
test_tier1_lead(void **state)
{
	static const char *const dims[] = { "strategy", "technology",
	    "innovation" };
	struct fixture	*f = *state;
	size_t		 d;
	int		 i;

	for (d = 0; d < 3; d++)
		for (i = 0; i < NCITIES; i++)
			if (is_tier1(f, i))
				assert_true(rank_of(f, i, dims[d]) <= 4);
	for (i = 0; i < NCITIES; i++)
		if (is_tier1(f, i))
			assert_true(rank_of(f, i, "penetration") <= 5);
}

static int
row_named(struct fixture *f, const char *name)
{
	int	i;

	for (i = 0; i < NCITIES; i++)
		if (strcmp(f->seed[i].name, name) == 0)
			return (i);
	fail_msg("no city %s", name);
	return (-1);
}

/* 深圳 and 北京 lead innovation by far; 上海, 广州, 苏州 follow (694-703). */
static void
test_innovation(void **state)
{
	struct fixture	*f = *state;
	double		 third = -1, v;
	int		 i, sz, bj;

	sz = row_named(f, "深圳");
	bj = row_named(f, "北京");
	assert_true(rank_of(f, sz, "innovation") <= 2);
	assert_true(rank_of(f, bj, "innovation") <= 2);
	for (i = 0; i < NCITIES; i++) {
		v = score(f, i, "innovation");
		if (i != sz && i != bj && v > third)
			third = v;
	}
	assert_true(fmin(score(f, sz, "innovation"),
	    score(f, bj, "innovation")) - third >= 10);
	assert_in_range(rank_of(f, row_named(f, "上海"), "innovation"), 3, 5);
	assert_in_range(rank_of(f, row_named(f, "广州"), "innovation"), 3, 5);
	assert_in_range(rank_of(f, row_named(f, "苏州"), "innovation"), 3, 5);
}

static double
stdev(struct fixture *f, const char *node)
{
	double	sum = 0, sq = 0, v;
	int	i;

	for (i = 0; i < NCITIES; i++) {
		v = score(f, i, node);
		sum += v;
		sq += v * v;
	}
	return (sqrt(sq / NCITIES - (sum / NCITIES) * (sum / NCITIES)));
}

/* Technology is a general strength with small spread (524-526, 580). */
static void
test_technology_spread(void **state)
{
	struct fixture	*f = *state;
	double		 t = stdev(f, "technology");

	assert_true(t < stdev(f, "strategy"));
	assert_true(t < stdev(f, "penetration"));
	assert_true(t < stdev(f, "innovation"));
}

/* Security is the weakest domain everywhere; 深圳, 上海, 北京 lead (660-666). */
static void
test_security(void **state)
{
	static const char *const others[] = { "environment", "economy",
	    "life", "transport", "education" };
	struct fixture	*f = *state;
	size_t		 d;
	int		 i;

	for (i = 0; i < NCITIES; i++)
		for (d = 0; d < 5; d++)
			assert_true(score(f, i, "security") <
			    score(f, i, others[d]));
	assert_in_range(rank_of(f, row_named(f, "深圳"), "security"), 1, 3);
	assert_in_range(rank_of(f, row_named(f, "上海"), "security"), 1, 3);
	assert_in_range(rank_of(f, row_named(f, "北京"), "security"), 1, 3);
}

/* 哈尔滨 lags in smart economy (line 534). */
static void
test_harbin_economy(void **state)
{
	struct fixture	*f = *state;

	assert_int_equal(rank_of(f, row_named(f, "哈尔滨"), "economy"),
	    NCITIES);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_baseline_is_report_scale),
		cmocka_unit_test(test_penetration_scores),
		cmocka_unit_test(test_domain_averages),
		cmocka_unit_test(test_overall_ranking),
		cmocka_unit_test(test_penetration_ranks),
		cmocka_unit_test(test_gdp_ranks),
		cmocka_unit_test(test_gdp_provenance),
		cmocka_unit_test(test_leaf_provenance),
		cmocka_unit_test(test_tier1_lead),
		cmocka_unit_test(test_innovation),
		cmocka_unit_test(test_technology_spread),
		cmocka_unit_test(test_security),
		cmocka_unit_test(test_harbin_economy),
	};

	return (cmocka_run_group_tests(tests, setup, teardown));
}
