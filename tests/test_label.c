/*
 * Labels in Chinese or English (engine/label.c): the one place that
 * chooses a name, and falls back to the other when one is missing.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>

#include <cmocka.h>

#include "label.h"

static void
test_parse(void **state)
{
	enum cr_lang	l = CR_LANG_COUNT;

	(void)state;
	assert_int_equal(cr_lang_parse("zh", &l), 0);
	assert_int_equal(l, CR_LANG_ZH);
	assert_int_equal(cr_lang_parse("en", &l), 0);
	assert_int_equal(l, CR_LANG_EN);
	/* Anything else is refused and leaves *out alone. */
	assert_int_equal(cr_lang_parse("EN", &l), -1);
	assert_int_equal(cr_lang_parse("", &l), -1);
	assert_int_equal(cr_lang_parse("zh-CN", &l), -1);
	assert_int_equal(l, CR_LANG_EN);
	assert_string_equal(cr_lang_name(CR_LANG_ZH), "zh");
	assert_string_equal(cr_lang_name(CR_LANG_EN), "en");
}

static void
test_label(void **state)
{
	(void)state;
	assert_string_equal(cr_label("深圳", "Shenzhen", CR_LANG_ZH), "深圳");
	assert_string_equal(cr_label("深圳", "Shenzhen", CR_LANG_EN),
	    "Shenzhen");
	/* A data set without English names, or without Chinese ones. */
	assert_string_equal(cr_label("深圳", "", CR_LANG_EN), "深圳");
	assert_string_equal(cr_label("", "Austria", CR_LANG_ZH), "Austria");
	assert_string_equal(cr_label(NULL, "Austria", CR_LANG_ZH), "Austria");
	assert_string_equal(cr_label("", "", CR_LANG_EN), "");
}

static void
expect_both(const char *zh, const char *en, enum cr_lang l, const char *want)
{
	char	*s = cr_label_both(zh, en, l);

	assert_string_equal(s, want);
	free(s);
}

static void
test_both(void **state)
{
	(void)state;
	expect_both("战略", "Strategy", CR_LANG_ZH, "战略 Strategy");
	expect_both("战略", "Strategy", CR_LANG_EN, "Strategy");
	/* Imported data often has one name for both: said once. */
	expect_both("Index", "Index", CR_LANG_ZH, "Index");
	expect_both("战略", "", CR_LANG_ZH, "战略");
	expect_both("战略", "", CR_LANG_EN, "战略");
	expect_both("", "Strategy", CR_LANG_ZH, "Strategy");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_label),
		cmocka_unit_test(test_both),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
