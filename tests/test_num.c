/*
 * The parser of every number a user writes: what it takes, what it
 * refuses and why, and that the point is a point in every locale.
 */
#include "config.h"

#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "num.h"

/* s reads as want, bit for bit (so -0 is not 0). */
static void
good(const char *s, double want)
{
	double	 d = 12345;
	char	*cause = NULL;

	if (cr_num_parse(s, &d, &cause) != 0)
		fail_msg("'%s' refused: %s", s, cause);
	if (memcmp(&d, &want, sizeof(d)) != 0)
		fail_msg("'%s' read as %.17g, want %.17g", s, d, want);
}

/* s is refused with a cause that begins with want; *out untouched. */
static void
bad(const char *s, const char *want)
{
	double	 d = 12345;
	char	*cause = NULL;

	if (cr_num_parse(s, &d, &cause) != -1)
		fail_msg("'%s' read as %.17g", s, d);
	assert_non_null(cause);
	if (strncmp(cause, want, strlen(want)) != 0)
		fail_msg("'%s': cause \"%s\", want \"%s...\"", s, cause, want);
	assert_true(d == 12345);
	free(cause);
	assert_int_equal(cr_num_parse(s, &d, NULL), -1);
}

static void
test_plain(void **state)
{
	(void)state;
	good("0", 0);
	good("-0", -0.0);
	good("+7", 7);
	good("42", 42);
	good("3.25", 3.25);
	good(".5", 0.5);
	good("5.", 5);
	good("-.5", -0.5);
	good("1e3", 1000);
	good("1E3", 1000);
	good("1e+3", 1000);
	good("2.5e-3", 0.0025);
	good("007", 7);
	good("0.1", 0.1);
	good("12345678901234567890", 12345678901234567890.0);
}

/* Every finite double, the ends included. */
static void
test_range(void **state)
{
	(void)state;
	good("1.7976931348623157e308", DBL_MAX);
	good("-1.7976931348623157e308", -DBL_MAX);
	good("2.2250738585072014e-308", DBL_MIN);
	/* Subnormals are numbers: strtod()'s ERANGE for them is no error. */
	good("4.9e-324", 4.9406564584124654e-324);
	good("-4.9e-324", -4.9406564584124654e-324);
	good("3e-324", 4.9406564584124654e-324);
	good("1e-310", 1e-310);
	/* 0 however written is 0, not too small. */
	good("0e-999", 0);
	good("0.000e99999", 0);
	good("-0.0e-400", -0.0);

	bad("1e309", "is too large");
	bad("-1e309", "is too large");
	bad("1.8e308", "is too large");
	bad("1e99999999999999999999", "is too large");
	bad("2e-324", "is too small");
	bad("1e-400", "is too small");
	bad("-1e-400", "is too small");
	bad("0.0001e-99999999999999999999", "is too small");
}

static void
test_not_numbers(void **state)
{
	static const char *const junk[] = {
		"", " ", "+", "-", ".", "+.", "e5", ".e5", "1e", "1e+",
		"1e-", "1.2.3", "1e5e5", "1e5.5", "--1", "+-1", "1-",
		" 1", "1 ", "\t1", "1\n", "1,5", "1_000", "1'000",
		"0x10", "0X1p3", "inf", "-inf", "INF", "infinity", "nan",
		"NaN", "nan(1)", "1d3", "1f", "abc", "١", "1e5 ", "+ 1",
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(junk) / sizeof(junk[0]); i++)
		bad(junk[i], CR_NUM_NOT_A_NUMBER);
}

/*
 * The program sets LC_ALL from the environment; strtod() then wants
 * the locale's decimal point, a comma in many.  Checked where such a
 * locale is installed (LOCPATH may name one made by localedef).
 */
static void
test_locale(void **state)
{
	static const char *const comma[] = {
		"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8",
		"nl_NL.UTF-8", "ru_RU.UTF-8", "de_DE", "fr_FR",
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(comma) / sizeof(comma[0]); i++)
		if (setlocale(LC_NUMERIC, comma[i]) != NULL &&
		    strcmp(localeconv()->decimal_point, ".") != 0)
			break;
	/* cmocka's skip() is a failure to the TAP driver. */
	if (i == sizeof(comma) / sizeof(comma[0])) {
		print_message("# no locale with a decimal comma installed\n");
		setlocale(LC_NUMERIC, "C");
		return;
	}
	good("1.5", 1.5);
	good("-2.25e1", -22.5);
	good(".5", 0.5);
	good("4.9e-324", 4.9406564584124654e-324);
	/* Long enough to take the allocated copy. */
	good("0.0000000000000000000000000000000000000000000000000000000000"
	    "0000000000000000001", 1e-77);
	bad("1,5", CR_NUM_NOT_A_NUMBER);
	setlocale(LC_NUMERIC, "C");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_range),
		cmocka_unit_test(test_not_numbers),
		cmocka_unit_test(test_locale),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
