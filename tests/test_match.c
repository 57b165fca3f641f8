/* Finding cities by name, pinyin, code, province or pattern. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "db.h"
#include "match.h"
#include "model.h"

static int
setup(void **state)
{
	struct cr_dataset	*ds;
	char			*why = NULL;

	if (cr_db_load(getenv("CITYRANK_DB"), &ds, &why) != 0)
		return (-1);
	*state = ds;
	return (0);
}

static int
teardown(void **state)
{
	cr_dataset_free(*state);
	return (0);
}

static const char *
find(void **state, const char *q, char **why)
{
	struct cr_dataset	*ds = *state;
	int			 e;

	*why = NULL;
	e = cr_match_city(ds->model, q, why);
	return (e < 0 ? NULL : ds->model->entities[e].name_zh);
}

static void
test_exact_names(void **state)
{
	char	*why;

	assert_string_equal(find(state, "石家庄", &why), "石家庄");
	assert_string_equal(find(state, "shijiazhuang", &why), "石家庄");
	assert_string_equal(find(state, "SHENZHEN", &why), "深圳");
	assert_string_equal(find(state, "Harbin", &why), "哈尔滨");
}

static void
test_patterns(void **state)
{
	char	*why;

	assert_string_equal(find(state, "^xia", &why), "厦门");
	assert_string_equal(find(state, "尔滨$", &why), "哈尔滨");
	/* 黑龙江 is 哈尔滨's province. */
	assert_string_equal(find(state, "黑龙", &why), "哈尔滨");
}

static void
test_ambiguous(void **state)
{
	char	*why;

	/* Shenzhen, Zhengzhou, Suzhou, Hangzhou, Guangzhou, Fuzhou... */
	assert_null(find(state, "zhou$", &why));
	assert_non_null(strstr(why, "ambiguous city 'zhou$'"));
	assert_non_null(strstr(why, "苏州 Suzhou"));
	assert_non_null(strstr(why, "福州 Fuzhou"));
	free(why);
}

static void
test_unknown(void **state)
{
	char	*why;

	assert_null(find(state, "Paris", &why));
	assert_non_null(strstr(why, "unknown city 'Paris'"));
	assert_non_null(strstr(why, "深圳 Shenzhen"));
	assert_non_null(strstr(why, "哈尔滨 Harbin"));
	free(why);
}

static void
test_bad_pattern(void **state)
{
	char	*why;

	assert_null(find(state, "(unclosed", &why));
	assert_non_null(strstr(why, "invalid pattern at offset 9"));
	free(why);
	assert_null(find(state, "\x1b[31m(", &why));
	assert_null(strchr(why, '\x1b'));
	free(why);
}

/* 30 a's then b: (a+)+$ backtracks 2^30 ways before it fails. */
#define HOSTILE	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaab"

/* A catastrophic pattern reports PCRE2's limit, JIT or not. */
static void
test_costly_text(void **state)
{
	struct cr_match	*m;
	int		 jit;
	char		*why = NULL;

	(void)state;
	for (jit = 0; jit <= 1; jit++) {
		assert_non_null(m = cr_match_new("(a+)+$", &why));
		cr_match_jit(m, jit);
		assert_null(cr_match_costly(m));
		assert_int_equal(cr_match_text(m, "aab"), 0);
		assert_int_equal(cr_match_text(m, "aaa"), 1);
		assert_int_equal(cr_match_text(m, HOSTILE), CR_MATCH_COSTLY);
		assert_non_null(strstr(cr_match_costly(m),
		    "the pattern is too costly: PCRE2's match limit was hit"));
		/* Once it gave up it answers nothing, not "no match". */
		assert_int_equal(cr_match_text(m, "aaa"), CR_MATCH_COSTLY);
		cr_match_free(m);
	}
	/* The limits leave an ordinary pattern alone on the same name. */
	assert_non_null(m = cr_match_new("^a+b$", &why));
	assert_int_equal(cr_match_text(m, HOSTILE), 1);
	assert_null(cr_match_costly(m));
	cr_match_free(m);
}

/* Three units named like HOSTILE, with a province. */
static struct cr_model *
hostile_model(void)
{
	struct cr_model	*m = cr_model_new("hostile");
	int		 v;

	assert_int_equal(cr_model_add_node(m, "root", NULL, "", "Index",
	    NULL, 1, 1, NULL), 0);
	assert_int_equal(cr_model_freeze(m, NULL), 0);
	assert_int_equal(cr_model_add_entity(m, "u1", HOSTILE, HOSTILE,
	    NULL), 0);
	assert_int_equal(cr_model_add_entity(m, "u2", "x" HOSTILE,
	    "x" HOSTILE, NULL), 0);
	assert_int_equal(cr_model_add_entity(m, "u3", "北京", "Beijing",
	    NULL), 0);
	v = cr_model_add_ctxvar(m, "province", "省", "province", NULL,
	    CR_CTX_TEXT, NULL);
	assert_true(v >= 0);
	assert_int_equal(cr_model_set_ctx_text(m, v, 2, "北京",
	    CR_PROV_REPORT, NULL, 0), 0);
	return (m);
}

/* The batch path: the limit is said as such, not as an unknown city. */
static void
test_costly_city(void **state)
{
	struct cr_model	*model = hostile_model();
	char		*why = NULL;

	(void)state;
	assert_int_equal(cr_match_city(model, "(a+)+$", &why), -1);
	assert_non_null(why);
	assert_non_null(strstr(why, "city '(a+)+$': the pattern is too "
	    "costly: PCRE2's match limit was hit; simplify it"));
	assert_null(strstr(why, "unknown"));
	free(why);
	/* A pattern within the limits still finds its city there. */
	assert_int_equal(cr_match_city(model, "^xa+b$", &why), 1);
	cr_model_free(model);
}

static int
stop_at_two(void *arg, size_t done, size_t total)
{
	(void)arg;
	assert_int_equal(total, 3);
	return (done == 2);
}

/*
 * A scan answers every entity once; a costly pattern ends it, and so
 * does its stop function.  The answers follow the province.
 */
static void
test_scan(void **state)
{
	struct cr_model	*model = hostile_model();
	struct cr_match	*m;
	char		*why = NULL;
	int		 v = cr_model_find_ctx(model, "province"), w;

	(void)state;
	assert_non_null(m = cr_match_new("(a+)+$", &why));
	assert_int_equal(cr_match_scan(m, model, NULL, NULL),
	    CR_MATCH_COSTLY);
	assert_int_equal(cr_match_entity(m, model, 2), 0);
	cr_match_free(m);

	assert_non_null(m = cr_match_new("京", &why));
	assert_int_equal(cr_match_scan(m, model, stop_at_two, NULL),
	    CR_MATCH_STOPPED);
	assert_int_equal(cr_match_scan(m, model, NULL, NULL), 0);
	assert_int_equal(cr_match_entity(m, model, 0), 0);
	assert_int_equal(cr_match_entity(m, model, 2), 1);
	/* Another year's context: the kept answer is not used. */
	assert_int_equal(cr_model_set_ctx_text(model, v, 1, "南京",
	    CR_PROV_REPORT, NULL, 0), 0);
	assert_int_equal(cr_match_entity(m, model, 1), 1);
	assert_null(cr_match_costly(m));
	cr_match_free(m);

	/* Two texts: a change of the second alone is seen too. */
	assert_int_equal(cr_model_add_ctxvar(model, "region", "区", "region",
	    NULL, CR_CTX_TEXT, NULL), 0);
	w = cr_model_find_ctx(model, "region");
	assert_true(w >= 0 && w != v);
	assert_int_equal(cr_model_set_ctx_text(model, w, 0, "华东",
	    CR_PROV_REPORT, NULL, 0), 0);
	assert_int_equal(cr_model_set_ctx_text(model, v, 0, "江苏",
	    CR_PROV_REPORT, NULL, 0), 0);
	assert_non_null(m = cr_match_new("华北", &why));
	assert_int_equal(cr_match_entity(m, model, 0), 0);
	assert_int_equal(cr_model_set_ctx_text(model, w, 0, "华北",
	    CR_PROV_REPORT, NULL, 0), 0);
	assert_int_equal(cr_match_entity(m, model, 0), 1);
	/* And the first, the second as it was. */
	assert_int_equal(cr_model_set_ctx_text(model, w, 0, "华东",
	    CR_PROV_REPORT, NULL, 0), 0);
	assert_int_equal(cr_match_entity(m, model, 0), 0);
	cr_match_free(m);
	m = cr_match_new("江苏", &why);
	assert_int_equal(cr_match_entity(m, model, 0), 1);
	assert_int_equal(cr_model_set_ctx_text(model, v, 0, "浙江",
	    CR_PROV_REPORT, NULL, 0), 0);
	assert_int_equal(cr_match_entity(m, model, 0), 0);
	cr_match_free(m);
	cr_model_free(model);
}

/*
 * Another period's context swapped in (a year switch): the answers
 * kept follow it, both ways, without a call to the match in between.
 */
static void
test_period_swap(void **state)
{
	struct cr_model	*model = hostile_model(), *other = hostile_model();
	struct cr_match	*m;
	char		*why = NULL;
	int		 v = cr_model_find_ctx(other, "province");

	(void)state;
	assert_int_equal(cr_model_set_ctx_text(other, v, 0, "南京",
	    CR_PROV_REPORT, NULL, 0), 0);
	assert_non_null(m = cr_match_new("京", &why));
	assert_int_equal(cr_match_scan(m, model, NULL, NULL), 0);
	assert_int_equal(cr_match_entity(m, model, 0), 0);
	assert_int_equal(cr_match_entity(m, model, 2), 1);
	cr_model_swap_ctx(model, other);
	assert_int_equal(cr_match_entity(m, model, 0), 1);
	assert_int_equal(cr_match_scan(m, other, NULL, NULL), 0);
	assert_int_equal(cr_match_entity(m, other, 0), 0);
	cr_model_swap_ctx(model, other);
	assert_int_equal(cr_match_entity(m, model, 0), 0);
	cr_match_free(m);
	cr_model_free(model);
	cr_model_free(other);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exact_names),
		cmocka_unit_test(test_patterns),
		cmocka_unit_test(test_ambiguous),
		cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_bad_pattern),
		cmocka_unit_test(test_costly_text),
		cmocka_unit_test(test_costly_city),
		cmocka_unit_test(test_period_swap),
		cmocka_unit_test(test_scan),
	};

	return (cmocka_run_group_tests(tests, setup, teardown));
}
