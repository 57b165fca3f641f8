/* Tests for engine/utf8.c: decoding, widths, sanitising and fitting. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "utf8.h"

static int
decode(const char *s, uint32_t *cp)
{
	return cr_utf8_decode(s, strlen(s), cp);
}

static void
test_decode_valid(void **state)
{
	uint32_t	cp;

	(void)state;
	assert_int_equal(decode("a", &cp), 1);
	assert_int_equal(cp, 'a');
	assert_int_equal(decode("\xc3\xa9", &cp), 2);
	assert_int_equal(cp, 0xE9);
	assert_int_equal(decode("石", &cp), 3);
	assert_int_equal(cp, 0x77F3);
	assert_int_equal(decode("\xf0\x9f\x98\x80", &cp), 4);
	assert_int_equal(cp, 0x1F600);
	assert_int_equal(decode("\xf4\x8f\xbf\xbf", &cp), 4);
	assert_int_equal(cp, 0x10FFFF);
	assert_int_equal(decode("\xed\x9f\xbf", &cp), 3);
	assert_int_equal(cp, 0xD7FF);
	assert_int_equal(decode("\xee\x80\x80", &cp), 3);
	assert_int_equal(cp, 0xE000);
	/* Only the first character counts. */
	assert_int_equal(decode("ab", &cp), 1);
	assert_int_equal(cr_utf8_decode("", 0, &cp), -1);
	assert_true(cr_utf8_valid("石家庄 abc é", strlen("石家庄 abc é")));
	assert_true(cr_utf8_valid("", 0));
}

static void
test_decode_invalid(void **state)
{
	static const char *const bad[] = {
		"\x80",			/* lone continuation */
		"\xbf",
		"\xc0\xaf",		/* overlong '/' */
		"\xc1\xbf",
		"\xe0\x80\xaf",
		"\xe0\x9f\xbf",		/* overlong U+07FF */
		"\xf0\x80\x80\xaf",
		"\xf0\x8f\xbf\xbf",	/* overlong U+FFFF */
		"\xed\xa0\x80",		/* surrogates */
		"\xed\xbf\xbf",
		"\xf4\x90\x80\x80",	/* U+110000 */
		"\xf5\x80\x80\x80",
		"\xff",
		"\xfe",
		"\xc3",			/* truncated */
		"\xe7\x9f",
		"\xf0\x9f\x98",
		"\xc3x",		/* not a continuation */
		"\xe7\x9fx",
	};
	uint32_t	cp;
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(decode(bad[i], &cp), -1);
		assert_false(cr_utf8_valid(bad[i], strlen(bad[i])));
	}
	/* Truncated by len even though the bytes go on. */
	assert_int_equal(cr_utf8_decode("石", 2, &cp), -1);
	assert_false(cr_utf8_valid("ab\xe7", 3));
}

static void
test_cp_width(void **state)
{
	(void)state;
	assert_int_equal(cr_cp_width('a'), 1);
	assert_int_equal(cr_cp_width(0xE9), 1);
	assert_int_equal(cr_cp_width(0), -1);
	assert_int_equal(cr_cp_width('\t'), -1);
	assert_int_equal(cr_cp_width(0x1B), -1);
	assert_int_equal(cr_cp_width(0x7F), -1);
	assert_int_equal(cr_cp_width(0x80), -1);
	assert_int_equal(cr_cp_width(0x9B), -1);
	assert_int_equal(cr_cp_width(0x9F), -1);
	assert_int_equal(cr_cp_width(0xA0), 1);
	assert_int_equal(cr_cp_width(0x0301), 0);
	assert_int_equal(cr_cp_width(0x200B), 0);
	assert_int_equal(cr_cp_width(0x200F), 0);
	assert_int_equal(cr_cp_width(0xFE0F), 0);
	assert_int_equal(cr_cp_width(0x3099), 0);
	assert_int_equal(cr_cp_width(0x1100), 2);
	assert_int_equal(cr_cp_width(0x115F), 2);
	assert_int_equal(cr_cp_width(0x1160), 0);
	assert_int_equal(cr_cp_width(0x3000), 2);
	assert_int_equal(cr_cp_width(0x303F), 1);
	assert_int_equal(cr_cp_width(0x4E00), 2);
	assert_int_equal(cr_cp_width(0x9FFF), 2);
	assert_int_equal(cr_cp_width(0xAC00), 2);
	assert_int_equal(cr_cp_width(0xD7A3), 2);
	assert_int_equal(cr_cp_width(0xFF01), 2);
	assert_int_equal(cr_cp_width(0xFF61), 1);
	assert_int_equal(cr_cp_width(0xFFE6), 2);
	assert_int_equal(cr_cp_width(0x1F600), 2);
	assert_int_equal(cr_cp_width(0x1F9FF), 2);
	assert_int_equal(cr_cp_width(0x20000), 2);
	assert_int_equal(cr_cp_width(0x3FFFD), 2);
	assert_int_equal(cr_cp_width(0x2026), 1);
	assert_int_equal(cr_cp_width(0x10FFFF), 1);
}

static void
test_width(void **state)
{
	(void)state;
	assert_int_equal(cr_utf8_width(""), 0);
	assert_int_equal(cr_utf8_width("abc"), 3);
	assert_int_equal(cr_utf8_width("石家庄"), 6);
	assert_int_equal(cr_utf8_width("a石b家"), 6);
	assert_int_equal(cr_utf8_width("Shijiazhuang 石家庄"), 19);
	assert_int_equal(cr_utf8_width("e\xcc\x81"), 1);
	assert_int_equal(cr_utf8_width("caf\xc3\xa9"), 4);
	/* Controls and bad bytes count as their visible form. */
	assert_int_equal(cr_utf8_width("\x1b[31m"), 6);
	assert_int_equal(cr_utf8_width("a\tb"), 4);
	assert_int_equal(cr_utf8_width("\xc2\x9b"), 8);
	assert_int_equal(cr_utf8_width("\xe2\x80\xae"), 8);
	assert_int_equal(cr_utf8_width("\xff"), 4);
	assert_int_equal(cr_utf8_width("\xc0\xaf"), 8);
}

static void
check_sanitize(const char *in, const char *want)
{
	char	*s = cr_sanitize(in);

	char	*again;

	assert_string_equal(s, want);
	assert_true(cr_utf8_valid(s, strlen(s)));
	assert_int_equal(cr_utf8_width(s), cr_utf8_width(in));
	/* The visible form is safe: sanitising it again changes nothing. */
	again = cr_sanitize(s);
	assert_string_equal(again, s);
	assert_int_equal(cr_unsafe_at(s, strlen(s), 0), strlen(s));
	free(again);
	free(s);
}

static void
test_sanitize(void **state)
{
	(void)state;
	check_sanitize("", "");
	check_sanitize("plain", "plain");
	check_sanitize("石家庄 é e\xcc\x81", "石家庄 é e\xcc\x81");
	check_sanitize("\x1b[31mred", "^[[31mred");
	check_sanitize("\x1b]0;title\x07", "^[]0;title^G");
	check_sanitize("\x01", "^A");
	check_sanitize("\x1f", "^_");
	check_sanitize("\x7f", "^?");
	check_sanitize("a\tb", "a^Ib");
	check_sanitize("a\r\nb", "a^M^Jb");
	check_sanitize("\xc2\x9b" "31m", "<U+009B>31m");
	check_sanitize("\xc2\x80\xc2\x9f", "<U+0080><U+009F>");
	check_sanitize("\xc2\xa0", "\xc2\xa0");
	check_sanitize("abc\xe2\x80\xae" "fed", "abc<U+202E>fed");
	check_sanitize("\xe2\x80\xaa\xe2\x81\xa6\xe2\x81\xa9",
	    "<U+202A><U+2066><U+2069>");
	check_sanitize("\xe2\x80\x8b", "\xe2\x80\x8b");
	check_sanitize("a\xff" "b", "a\\xffb");
	check_sanitize("\xc0\xaf", "\\xc0\\xaf");
	check_sanitize("\xe0\x80\xaf", "\\xe0\\x80\\xaf");
	check_sanitize("\xed\xa0\x80", "\\xed\\xa0\\x80");
	check_sanitize("\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80");
	check_sanitize("x\xe7\x9f", "x\\xe7\\x9f");
	check_sanitize("\xe7\x9f石", "\\xe7\\x9f石");
}

/*
 * The bidirectional marks reorder a line as the overrides do; the
 * separators break it; a byte order mark hides.  None may pass raw.
 */
static void
test_sanitize_marks(void **state)
{
	(void)state;
	check_sanitize("a\xe2\x80\x8e" "b", "a<U+200E>b");
	check_sanitize("a\xe2\x80\x8f" "b", "a<U+200F>b");
	check_sanitize("a\xd8\x9c" "b", "a<U+061C>b");
	check_sanitize("\xe2\x80\xa8\xe2\x80\xa9", "<U+2028><U+2029>");
	check_sanitize("\xef\xbb\xbfx", "<U+FEFF>x");
	/* Joiners and emoji sequences are text: kept. */
	check_sanitize("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9",
	    "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9");
	check_sanitize("\xf0\x9f\x87\xa8\xf0\x9f\x87\xb3",
	    "\xf0\x9f\x87\xa8\xf0\x9f\x87\xb3");
}

static void
test_cp_hidden(void **state)
{
	static const uint32_t hidden[] = {
		0x00, 0x09, 0x0A, 0x1B, 0x1F, 0x7F, 0x80, 0x85, 0x9B, 0x9F,
		0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A, 0x202E,
		0x2066, 0x2069, 0xFEFF,
	};
	static const uint32_t shown[] = {
		0x20, 0x7E, 0xA0, 0x061B, 0x200B, 0x200D, 0x2027, 0x202F,
		0x2065, 0x206A, 0x4E00, 0xFEFE, 0x1F468,
	};
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof hidden / sizeof hidden[0]; i++)
		assert_true(cr_cp_hidden(hidden[i]));
	for (i = 0; i < sizeof shown / sizeof shown[0]; i++)
		assert_false(cr_cp_hidden(shown[i]));
}

/* Text of several lines keeps its newlines, and only them. */
static void
test_sanitize_len(void **state)
{
	char	*s;

	(void)state;
	s = cr_sanitize_len("a\0b\n", 4, 0);
	assert_string_equal(s, "a^@b^J");
	free(s);
	s = cr_sanitize_len("l1\r\nl2\t\x1b\n", 9, CR_KEEP_NL);
	assert_string_equal(s, "l1^M\nl2^I^[\n");
	free(s);
	assert_int_equal(cr_unsafe_at("ok\nok", 5, CR_KEEP_NL), 5);
	assert_int_equal(cr_unsafe_at("ok\nok", 5, 0), 2);
	assert_int_equal(cr_unsafe_at("ab\xc2\x9b", 4, CR_KEEP_NL), 2);
	assert_int_equal(cr_unsafe_at("\xe7\x9f", 2, 0), 0);
	assert_int_equal(cr_unsafe_at("^[<U+202E>\\xff", 14, 0), 14);
}

static void
check_fit(const char *in, int cols, int right, int ascii, const char *want)
{
	char	*s = cr_fit(in, cols, right, ascii);

	assert_string_equal(s, want);
	assert_int_equal(cr_utf8_width(s), cols > 0 ? cols : 0);
	free(s);
}

static void
test_fit(void **state)
{
	(void)state;
	check_fit("abc", 3, 0, 0, "abc");
	check_fit("abc", 5, 0, 0, "abc  ");
	check_fit("abc", 5, 1, 0, "  abc");
	check_fit("abcdef", 4, 0, 0, "abc\xe2\x80\xa6");
	check_fit("abcdef", 4, 0, 1, "abc~");
	check_fit("abcdef", 4, 1, 1, "abc~");
	check_fit("abcdef", 1, 0, 0, "\xe2\x80\xa6");
	check_fit("abc", 0, 0, 0, "");
	check_fit("abc", -3, 1, 0, "");
	check_fit("", 2, 0, 0, "  ");
	check_fit("石家庄", 6, 0, 0, "石家庄");
	check_fit("石家庄", 8, 1, 0, "  石家庄");
	check_fit("石家庄", 5, 0, 0, "石家\xe2\x80\xa6");
	/* 石 and the mark take 3; 家 would straddle, so a space. */
	check_fit("石家庄", 4, 0, 0, "石\xe2\x80\xa6 ");
	check_fit("石家庄", 4, 1, 0, " 石\xe2\x80\xa6");
	check_fit("石家庄", 4, 0, 1, "石~ ");
	check_fit("石家庄", 3, 0, 0, "石\xe2\x80\xa6");
	check_fit("石家庄", 2, 0, 0, "\xe2\x80\xa6 ");
	check_fit("石家庄", 1, 0, 0, "\xe2\x80\xa6");
	check_fit("a石家", 4, 0, 0, "a石\xe2\x80\xa6");
	check_fit("a石家", 3, 0, 0, "a\xe2\x80\xa6 ");
	/* A combining mark stays with its base. */
	check_fit("e\xcc\x81xyz", 2, 0, 0, "e\xcc\x81\xe2\x80\xa6");
	check_fit("e\xcc\x81", 3, 1, 0, "  e\xcc\x81");
	/* Fitting works on the sanitised form. */
	check_fit("\x1b[31mred", 4, 0, 1, "^[[~");
	check_fit("\x1b", 2, 0, 0, "^[");
	check_fit("\xff", 6, 0, 0, "\\xff  ");
	check_fit("\xe2\x80\xae", 3, 0, 0, "<U\xe2\x80\xa6");
}

static void
test_strcasecmp(void **state)
{
	(void)state;
	assert_int_equal(cr_strcasecmp_ascii("", ""), 0);
	assert_int_equal(cr_strcasecmp_ascii("BJ", "bj"), 0);
	assert_int_equal(cr_strcasecmp_ascii("ShiJiaZhuang", "shijiazhuang"),
	    0);
	assert_true(cr_strcasecmp_ascii("abc", "ABD") < 0);
	assert_true(cr_strcasecmp_ascii("b", "A") > 0);
	assert_true(cr_strcasecmp_ascii("a", "ab") < 0);
	assert_true(cr_strcasecmp_ascii("ab", "A") > 0);
	/* Only ASCII folds; bytes compare unsigned. */
	assert_true(cr_strcasecmp_ascii("\xc3\x89", "\xc3\xa9") != 0);
	assert_true(cr_strcasecmp_ascii("z", "\xc3\xa9") < 0);
	assert_true(cr_strcasecmp_ascii("[", "a") < 0);
}

/* Where a line wraps: by columns, never inside a character. */
static void
test_prefix(void **state)
{
	(void)state;
	assert_int_equal(cr_utf8_prefix("", 5), 0);
	assert_int_equal(cr_utf8_prefix("abcdef", 4), 4);
	assert_int_equal(cr_utf8_prefix("abc", 10), 3);
	/* 深圳 is four columns, six bytes: a fifth column splits nothing. */
	assert_int_equal(cr_utf8_prefix("深圳市", 5), 6);
	assert_int_equal(cr_utf8_prefix("深圳市", 4), 6);
	assert_int_equal(cr_utf8_prefix("深圳市", 3), 3);
	/* Too narrow for one character: that one character still. */
	assert_int_equal(cr_utf8_prefix("深", 1), 3);
	/* ESC is drawn as "^[", two columns. */
	assert_int_equal(cr_utf8_prefix("a\033b", 2), 1);
	assert_int_equal(cr_utf8_prefix("a\033b", 3), 2);
	/* Wrapping: at the last space that fits, else as the prefix. */
	assert_int_equal(cr_utf8_wrap("one two three", 9), 7);
	assert_int_equal(cr_utf8_wrap("one two three", 7), 7);
	assert_int_equal(cr_utf8_wrap("one two three", 13), 13);
	assert_int_equal(cr_utf8_wrap("abcdefgh", 3), 3);
	assert_int_equal(cr_utf8_wrap("深圳 北京", 5), 6);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode_valid),
		cmocka_unit_test(test_decode_invalid),
		cmocka_unit_test(test_cp_width),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_sanitize),
		cmocka_unit_test(test_sanitize_marks),
		cmocka_unit_test(test_cp_hidden),
		cmocka_unit_test(test_sanitize_len),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_prefix),
		cmocka_unit_test(test_strcasecmp),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
