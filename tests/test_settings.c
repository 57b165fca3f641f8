/*
 * The explorer's configuration file (tui/settings.c): settings read,
 * and every mistake a FILE:LINE warning that leaves the default.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "label.h"
#include "settings.h"

static void
test_good(void **state)
{
	struct settings	s;

	(void)state;
	settings_init(&s);
	settings_parse(&s, "cfg", "# a comment\n\n  theme = light  \n"
	    "first-view=weights\nconfirm-quit = no\ntransitions = off\nlang = en\n");
	assert_string_equal(s.theme, "light");
	assert_int_equal(s.first_view, 2);	/* VIEW_WEIGHTS */
	assert_int_equal(s.confirm_quit, 0);
	assert_int_equal(s.transitions, 0);
	assert_int_equal(s.lang, CR_LANG_EN);
	assert_int_equal(s.nwarn_all, 0);
	settings_free(&s);
}

static void
test_defaults(void **state)
{
	struct settings	s;

	(void)state;
	settings_init(&s);
	settings_parse(&s, "cfg", "");
	assert_null(s.theme);
	assert_int_equal(s.first_view, -1);
	assert_int_equal(s.confirm_quit, -1);
	assert_int_equal(s.transitions, -1);
	assert_int_equal(s.lang, -1);
	settings_free(&s);
}

static void
expect_warn(const char *text, const char *want, int line)
{
	struct settings	 s;
	char		 at[32];

	settings_init(&s);
	settings_parse(&s, "cfg", text);
	assert_int_equal(s.nwarn_all, 1);
	snprintf(at, sizeof at, "cfg:%d: ", line);
	if (strncmp(s.warn[0], at, strlen(at)) != 0 ||
	    strstr(s.warn[0], want) == NULL)
		fail_msg("'%s' is not '%s...%s'", s.warn[0], at, want);
	/* The setting keeps its default. */
	assert_int_equal(s.first_view, -1);
	assert_int_equal(s.confirm_quit, -1);
	assert_int_equal(s.transitions, -1);
	assert_int_equal(s.lang, -1);
	settings_free(&s);
}

static void
test_warnings(void **state)
{
	(void)state;
	expect_warn("colour = red\n", "unknown key 'colour'", 1);
	expect_warn("\n\nfirst-view = graph\n", "'graph' is not ranking", 3);
	expect_warn("confirm-quit = maybe\n", "'maybe' is not yes or no", 1);
	expect_warn("# ok\njust words\n", "not 'key = value'", 2);
	expect_warn("theme =\n", "theme: no name", 1);
	expect_warn("\nlang = fr\n", "lang: 'fr' is not zh or en", 2);
	expect_warn("lang = EN\n", "lang: 'EN' is not zh or en", 1);
	expect_warn("transitions = fast\n", "'fast' is not yes or no", 1);
	expect_warn("\ncolumns =  \n", "columns: none named", 2);
}

/* The columns are checked once the data set is open: kept with FILE:LINE. */
static void
test_columns(void **state)
{
	struct settings	s;

	(void)state;
	settings_init(&s);
	settings_parse(&s, "cfg", "# mine\ncolumns = rank, city,x\n\n"
	    "columns = rank,city ,score\n");
	assert_string_equal(s.columns, "rank,city ,score");
	assert_string_equal(s.columns_at, "cfg:4");
	assert_int_equal(s.nwarn_all, 0);
	settings_warn(&s, "%s: columns: %s", s.columns_at, "bad");
	assert_int_equal(s.nwarn_all, 1);
	assert_string_equal(s.warn[0], "cfg:4: columns: bad");
	settings_free(&s);
}

/* More warnings than are kept are still counted. */
static void
test_many(void **state)
{
	struct settings	 s;
	char		 text[1024] = "";
	int		 i;

	(void)state;
	for (i = 0; i < 20; i++)
		strcat(text, "bad line\n");
	settings_init(&s);
	settings_parse(&s, "cfg", text);
	assert_int_equal(s.nwarn_all, 20);
	assert_int_equal(s.nwarn, SETTINGS_WARN_MAX);
	settings_free(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_warnings),
		cmocka_unit_test(test_many),
		cmocka_unit_test(test_columns),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
