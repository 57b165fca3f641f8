/* Tests for engine/csv.c: records, quoting, positions and every error. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "xmalloc.h"

static void
open_str(struct cr_csv *c, const char *s)
{
	cr_csv_init(c, s, strlen(s));
}

/* Read one record and check its fields, given as a NULL-ended list. */
static void
expect_record(struct cr_csv *c, size_t line, ...)
{
	va_list		 ap;
	const char	*want;
	size_t		 i = 0;

	assert_int_equal(cr_csv_next(c), 1);
	assert_int_equal(c->record_line, line);
	va_start(ap, line);
	while ((want = va_arg(ap, const char *)) != NULL) {
		assert_true(i < c->n_fields);
		assert_string_equal(c->field[i], want);
		i++;
	}
	va_end(ap);
	assert_int_equal(c->n_fields, i);
}

static void
expect_pos(const struct cr_csv *c, size_t i, size_t line, size_t col)
{
	assert_true(i < c->n_fields);
	assert_int_equal(c->field_line[i], line);
	assert_int_equal(c->field_col[i], col);
}

static void
expect_error(const char *buf, size_t len, const char *msg, size_t line,
    size_t col)
{
	struct cr_csv	c;
	int		r;

	cr_csv_init(&c, buf, len);
	while ((r = cr_csv_next(&c)) == 1)
		;
	assert_int_equal(r, -1);
	assert_string_equal(c.error, msg);
	assert_int_equal(c.err_line, line);
	assert_int_equal(c.err_col, col);
	assert_int_equal(c.n_fields, 0);
	/* An error is final. */
	assert_int_equal(cr_csv_next(&c), -1);
	cr_csv_free(&c);
}

static void
expect_error_str(const char *buf, const char *msg, size_t line, size_t col)
{
	expect_error(buf, strlen(buf), msg, line, col);
}

static void
test_simple(void **state)
{
	struct cr_csv	c;

	(void)state;
	open_str(&c, "code,name\nbj,北京\nsh,上海\n");
	expect_record(&c, 1, "code", "name", NULL);
	expect_pos(&c, 0, 1, 1);
	expect_pos(&c, 1, 1, 6);
	expect_record(&c, 2, "bj", "北京", NULL);
	expect_record(&c, 3, "sh", "上海", NULL);
	expect_pos(&c, 1, 3, 4);
	assert_int_equal(cr_csv_next(&c), 0);
	assert_int_equal(cr_csv_next(&c), 0);
	cr_csv_free(&c);
}

static void
test_empty(void **state)
{
	struct cr_csv	c;

	(void)state;
	open_str(&c, "");
	assert_int_equal(cr_csv_next(&c), 0);
	cr_csv_free(&c);
	open_str(&c, "\xef\xbb\xbf");
	assert_int_equal(cr_csv_next(&c), 0);
	cr_csv_free(&c);
	open_str(&c, "\n\r\n\r");
	assert_int_equal(cr_csv_next(&c), 0);
	cr_csv_free(&c);
}

static void
test_empty_fields(void **state)
{
	struct cr_csv	c;

	(void)state;
	open_str(&c, ",a,\n\"\"\n,\n\"\",\"\"");
	expect_record(&c, 1, "", "a", "", NULL);
	expect_pos(&c, 2, 1, 4);
	expect_record(&c, 2, "", NULL);
	expect_record(&c, 3, "", "", NULL);
	expect_record(&c, 4, "", "", NULL);
	expect_pos(&c, 1, 4, 4);
	assert_int_equal(cr_csv_next(&c), 0);
	cr_csv_free(&c);
}

static void
test_quoted(void **state)
{
	struct cr_csv	c;

	(void)state;
	open_str(&c, "\"a,b\",\"say \"\"hi\"\"\",\"x\ny\",\"\"\"\"\n"
	    "next,\"石\n家\n庄\",z\n"
	    "last\n");
	expect_record(&c, 1, "a,b", "say \"hi\"", "x\ny", "\"", NULL);
	expect_pos(&c, 0, 1, 1);
	expect_pos(&c, 1, 1, 7);
	expect_pos(&c, 2, 1, 20);
	expect_pos(&c, 3, 2, 4);
	expect_record(&c, 3, "next", "石\n家\n庄", "z", NULL);
	expect_pos(&c, 1, 3, 6);
	expect_pos(&c, 2, 5, 4);
	expect_record(&c, 6, "last", NULL);
	assert_int_equal(cr_csv_next(&c), 0);
	cr_csv_free(&c);
}

static void
test_line_endings(void **state)
{
	struct cr_csv	c;

	(void)state;
	open_str(&c, "a,b\r\nc,d\r\n");
	expect_record(&c, 1, "a", "b", NULL);
	expect_record(&c, 2, "c", "d", NULL);
	assert_int_equal(cr_csv_next(&c), 0);
	cr_csv_free(&c);

	/* A bare CR ends a record too. */
	open_str(&c, "a\rb,c\r\rd");
	expect_record(&c, 1, "a", NULL);
	expect_record(&c, 2, "b", "c", NULL);
	expect_record(&c, 4, "d", NULL);
	assert_int_equal(cr_csv_next(&c), 0);
	cr_csv_free(&c);

	/* Inside quotes, line breaks are kept as written. */
	open_str(&c, "\"a\rb\",\"c\r\nd\"\r\ne\r\n");
	expect_record(&c, 1, "a\rb", "c\r\nd", NULL);
	expect_pos(&c, 1, 2, 4);
	expect_record(&c, 4, "e", NULL);
	assert_int_equal(cr_csv_next(&c), 0);
	cr_csv_free(&c);
}

static void
test_bom(void **state)
{
	struct cr_csv	c;

	(void)state;
	open_str(&c, "\xef\xbb\xbfname,x\n");
	expect_record(&c, 1, "name", "x", NULL);
	expect_pos(&c, 0, 1, 1);
	expect_pos(&c, 1, 1, 6);
	assert_int_equal(cr_csv_next(&c), 0);
	cr_csv_free(&c);

	/* Only at the start of the buffer. */
	open_str(&c, "a\n\xef\xbb\xbf" "b\n");
	expect_record(&c, 1, "a", NULL);
	expect_record(&c, 2, "\xef\xbb\xbf" "b", NULL);
	cr_csv_free(&c);
}

static void
test_no_trailing_newline(void **state)
{
	struct cr_csv	c;

	(void)state;
	open_str(&c, "a,b\nc,d");
	expect_record(&c, 1, "a", "b", NULL);
	expect_record(&c, 2, "c", "d", NULL);
	assert_int_equal(cr_csv_next(&c), 0);
	cr_csv_free(&c);

	open_str(&c, "a,\"b\"");
	expect_record(&c, 1, "a", "b", NULL);
	assert_int_equal(cr_csv_next(&c), 0);
	cr_csv_free(&c);

	open_str(&c, "a,");
	expect_record(&c, 1, "a", "", NULL);
	assert_int_equal(cr_csv_next(&c), 0);
	cr_csv_free(&c);
}

static void
test_blank_lines(void **state)
{
	struct cr_csv	c;

	(void)state;
	open_str(&c, "\n\na\n\n\nb\n\n\n");
	expect_record(&c, 3, "a", NULL);
	expect_pos(&c, 0, 3, 1);
	expect_record(&c, 6, "b", NULL);
	assert_int_equal(cr_csv_next(&c), 0);
	cr_csv_free(&c);

	/* Spaces are data, not blank. */
	open_str(&c, " \n");
	expect_record(&c, 1, " ", NULL);
	cr_csv_free(&c);
}

/* Fields of a record survive reuse of the reader's buffers. */
static void
test_many_records(void **state)
{
	struct cr_csv	 c;
	char		*buf, *p;
	size_t		 i, n = 2000;
	char		 want[32];

	(void)state;
	p = buf = xmalloc(n * 40);
	for (i = 0; i < n; i++)
		p += sprintf(p, "%zu,\"%zu\"\"x\",%s\n", i, i * 7,
		    i % 3 ? "" : "longer text here");
	cr_csv_init(&c, buf, (size_t)(p - buf));
	for (i = 0; i < n; i++) {
		assert_int_equal(cr_csv_next(&c), 1);
		assert_int_equal(c.n_fields, 3);
		assert_int_equal(c.record_line, i + 1);
		snprintf(want, sizeof(want), "%zu", i);
		assert_string_equal(c.field[0], want);
		snprintf(want, sizeof(want), "%zu\"x", i * 7);
		assert_string_equal(c.field[1], want);
	}
	assert_int_equal(cr_csv_next(&c), 0);
	cr_csv_free(&c);
	free(buf);
}

static void
test_err_unterminated(void **state)
{
	(void)state;
	expect_error_str("a,b\nc,\"de\nf\n", "unterminated quoted field",
	    2, 3);
	expect_error_str("\"", "unterminated quoted field", 1, 1);
	expect_error_str("石,\"\"\"", "unterminated quoted field", 1, 3);
}

static void
test_err_after_quote(void **state)
{
	(void)state;
	expect_error_str("\"ab\"c,d\n", "unexpected character after closing "
	    "quote", 1, 5);
	expect_error_str("x\n\"a\nb\"z\n", "unexpected character after "
	    "closing quote", 3, 3);
	expect_error_str("\"a\" ,b\n", "unexpected character after closing "
	    "quote", 1, 4);
	expect_error_str("a,\"石\"家\n", "unexpected character after "
	    "closing quote", 1, 6);
}

static void
test_err_quote_unquoted(void **state)
{
	(void)state;
	expect_error_str("ab\"c\n", "quote inside an unquoted field", 1, 3);
	expect_error_str("ok\n石\"\n", "quote inside an unquoted field",
	    2, 2);
	expect_error_str("a, \"b\"\n", "quote inside an unquoted field",
	    1, 4);
}

static void
test_err_nul(void **state)
{
	(void)state;
	expect_error("a,b\0c\n", 6, "NUL byte", 1, 4);
	expect_error("x\n\"石\0\"\n", 9, "NUL byte", 2, 3);
	expect_error("\0", 1, "NUL byte", 1, 1);
}

static void
test_err_utf8(void **state)
{
	(void)state;
	expect_error_str("ab,\xff\n", "invalid UTF-8", 1, 4);
	expect_error_str("\"石\xe4\xb8\"\n", "invalid UTF-8", 1, 3);
	expect_error_str("a\n\nb\xc0\xaf\n", "invalid UTF-8", 3, 2);
	expect_error_str("\xed\xa0\x80", "invalid UTF-8", 1, 1);
	/* A truncated sequence at the very end. */
	expect_error_str("a,\xe7\x9f", "invalid UTF-8", 1, 3);
}

static void
test_err_limits(void **state)
{
	struct cr_csv	 c;
	char		*buf;
	size_t		 n = 1024 * 1024;

	(void)state;
	/* Exactly 1 MiB is allowed, one byte more is not. */
	buf = xmalloc(n + 16);
	memcpy(buf, "x,", 2);
	memset(buf + 2, 'a', n);
	cr_csv_init(&c, buf, n + 2);
	assert_int_equal(cr_csv_next(&c), 1);
	assert_int_equal(strlen(c.field[1]), n);
	cr_csv_free(&c);
	memset(buf + 2, 'a', n + 1);
	expect_error(buf, n + 3, "field longer than 1 MiB", 1, 3);
	buf[2] = '"';
	memset(buf + 3, 'a', n + 1);
	buf[n + 4] = '"';
	expect_error(buf, n + 5, "field longer than 1 MiB", 1, 3);
	free(buf);

	/* 100000 fields are allowed, one more is not. */
	n = 100000;
	buf = xmalloc(n + 2);
	memset(buf, ',', n);
	buf[n - 1] = '\n';
	cr_csv_init(&c, buf, n);
	assert_int_equal(cr_csv_next(&c), 1);
	assert_int_equal(c.n_fields, n);
	cr_csv_free(&c);
	buf[n - 1] = ',';
	buf[n] = '\n';
	expect_error(buf, n + 1, "more than 100000 fields", 1, n + 1);
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_simple),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_empty_fields),
		cmocka_unit_test(test_quoted),
		cmocka_unit_test(test_line_endings),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_no_trailing_newline),
		cmocka_unit_test(test_blank_lines),
		cmocka_unit_test(test_many_records),
		cmocka_unit_test(test_err_unterminated),
		cmocka_unit_test(test_err_after_quote),
		cmocka_unit_test(test_err_quote_unquoted),
		cmocka_unit_test(test_err_nul),
		cmocka_unit_test(test_err_utf8),
		cmocka_unit_test(test_err_limits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
