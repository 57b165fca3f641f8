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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exact_names),
		cmocka_unit_test(test_patterns),
		cmocka_unit_test(test_ambiguous),
		cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_bad_pattern),
	};

	return (cmocka_run_group_tests(tests, setup, teardown));
}
