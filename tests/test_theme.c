/* Theme files: parsing, errors, and colour fallbacks. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "theme.h"

static int
parse(struct theme *t, const char *text, char **why)
{
	*why = NULL;
	return (theme_parse(t, text, strlen(text), why));
}

static void
test_parse_roles(void **state)
{
	struct theme	 t;
	char		*why;

	(void)state;
	theme_default(&t);
	assert_int_equal(parse(&t, "# comment\nname = test\n"
	    "cursor  #d75f00|166|red  default  bold,reverse\n", &why), 0);
	assert_string_equal(t.name, "test");
	assert_int_equal(t.role[ROLE_CURSOR].fg.n, 3);
	assert_int_equal(t.role[ROLE_CURSOR].fg.rgb[0], 0xd75f00);
	assert_int_equal(t.role[ROLE_CURSOR].fg.index[1], 166);
	assert_int_equal(t.role[ROLE_CURSOR].fg.index[2], 1);	/* red */
	assert_int_equal(t.role[ROLE_CURSOR].bg.index[0], THEME_DEFAULT);
	assert_int_equal(t.role[ROLE_CURSOR].attrs,
	    THEME_A_BOLD | THEME_A_REVERSE);
}

/* An error names the line and the fault, and changes nothing. */
static void
test_errors(void **state)
{
	static const struct { const char *text, *want; } bad[] = {
		{ "header cyan\n", "1: expected" },
		{ "\nnope cyan default\n", "2: unknown role 'nope'" },
		{ "header #12345 default\n", "bad colour '#12345'" },
		{ "header 256 default\n", "bad colour '256'" },
		{ "header cyan default blink\n", "unknown attribute 'blink'" },
		{ "header 1|2|3|4|5 default\n", "more than 4 alternatives" },
		{ "header red default bold bold bold bold bold blink\n",
		    "1: expected" },
	};
	struct theme	 t, before;
	char		*why;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		theme_default(&t);
		before = t;
		assert_int_equal(parse(&t, bad[i].text, &why), -1);
		assert_non_null(why);
		if (strstr(why, bad[i].want) == NULL)
			fail_msg("'%s' lacks '%s'", why, bad[i].want);
		assert_memory_equal(&t, &before, sizeof t);
		free(why);
	}
}

/* The first alternative the terminal can show wins. */
static void
test_resolve(void **state)
{
	struct theme	 t;
	char		*why;
	const struct theme_color *c;

	(void)state;
	theme_default(&t);
	assert_int_equal(parse(&t, "bar #d75f00|166|red default\n", &why), 0);
	c = &t.role[ROLE_BAR].fg;
	assert_int_equal(theme_resolve(c, 1 << 24), 0xd75f00);
	/* #d75f00 is exactly cube (4, 1, 0): 16 + 36*4 + 6*1 + 0 = 166. */
	assert_int_equal(theme_resolve(c, 256), 166);
	assert_int_equal(theme_resolve(c, 8), 1);
	assert_int_equal(parse(&t, "bar 166 default\n", &why), 0);
	assert_int_equal(theme_resolve(&t.role[ROLE_BAR].fg, 8), THEME_NONE);
}

static void
test_rgb_to_256(void **state)
{
	(void)state;
	assert_int_equal(theme_rgb_to_256(0x000000), 16);
	assert_int_equal(theme_rgb_to_256(0xffffff), 231);
	/* Grey 0x808080 (128): ramp step (128-3)/10 = 12, level 128. */
	assert_int_equal(theme_rgb_to_256(0x808080), 244);
	assert_int_equal(theme_rgb_to_256(0x5fafd7), 74);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_roles),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_rgb_to_256),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
