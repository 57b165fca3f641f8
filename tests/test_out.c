/* Batch output: alignment by display width, quoting, escaping. */
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

#include "emit.h"
#include "out.h"
#include "utf8.h"

static char *
render(struct out_table *t, enum out_format f)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*fp = open_memstream(&buf, &len);

	assert_non_null(fp);
	assert_int_equal(out_print(t, f, fp), 0);
	fclose(fp);
	return (buf);
}

static void
sample(struct out_table *t)
{
	out_init(t);
	out_col(t, "name", "City", 0);
	out_col(t, "score", "Score", 1);
	out_str(t, "石家庄");
	out_num(t, 51.5, 1);
	out_str(t, "Xi'an, \"old\"");
	out_num(t, 7.25, 2);
	out_str(t, "bad\x1b[31m");
	out_num(t, NAN, 1);
}

/* Every line's "Score" column ends at the same display column. */
static void
test_table_aligns_by_width(void **state)
{
	struct out_table	 t;
	char			*s, *line, *save = NULL;
	int			 width = -1, w;

	(void)state;
	sample(&t);
	s = render(&t, OUT_TABLE);
	for (line = strtok_r(s, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '-' || strstr(line, "bad") != NULL)
			continue;	/* the rule; the row with no score */
		w = cr_utf8_width(line);
		if (width < 0)
			width = w;
		assert_int_equal(w, width);
	}
	free(s);
	out_free(&t);
}

static void
test_table_sanitises(void **state)
{
	struct out_table	 t;
	char			*s;

	(void)state;
	sample(&t);
	s = render(&t, OUT_TABLE);
	assert_null(strchr(s, '\x1b'));
	assert_non_null(strstr(s, "bad^[[31m"));
	free(s);
	out_free(&t);
}

static void
test_csv(void **state)
{
	struct out_table	 t;
	char			*s;

	(void)state;
	sample(&t);
	s = render(&t, OUT_CSV);
	assert_string_equal(s, "name,score\n"
	    "石家庄,51.5\n"
	    "\"Xi'an, \"\"old\"\"\",7.25\n"
	    "bad^[[31m,\n");
	free(s);
	out_free(&t);
}

static void
test_json(void **state)
{
	struct out_table	 t;
	char			*s;

	(void)state;
	sample(&t);
	out_meta(&t, "k", "v");
	s = render(&t, OUT_JSON);
	assert_non_null(strstr(s, "{\"meta\":{\"k\":\"v\"}"));
	assert_non_null(strstr(s, "{\"name\":\"石家庄\",\"score\":51.5}"));
	assert_non_null(strstr(s, "\"Xi'an, \\\"old\\\"\""));
	assert_non_null(strstr(s, "\"bad\\u001b[31m\",\"score\":null"));
	free(s);
	out_free(&t);
}

static void
test_markdown(void **state)
{
	struct out_table	 t;
	char			*s;

	(void)state;
	out_init(&t);
	out_col(&t, "a", "A|B", 0);
	out_str(&t, "x|y");
	s = render(&t, OUT_MD);
	assert_string_equal(s, "| A\\|B |\n|:---|\n| x\\|y |\n");
	free(s);
	out_free(&t);
}

/* At least 10 significant digits, and the same double reads back. */
static void
test_full_precision(void **state)
{
	char	buf[64];
	double	v = 2.0 / 3.0;

	(void)state;
	out_fmt_double(buf, sizeof buf, v);
	assert_true(strtod(buf, NULL) == v);
	assert_true(strlen(buf) >= 12);
	out_fmt_double(buf, sizeof buf, 61.3);
	assert_string_equal(buf, "61.3");
}

/* Unit codes make CSV keys; a code may hold anything. */
static void
test_csv_keys_sanitised(void **state)
{
	struct out_table	 t;
	char			*s;

	(void)state;
	out_init(&t);
	out_col(&t, "score_\x1b[31mA", "A", 1);
	out_col(&t, "score_B\xe2\x80\xae,\"", "B", 1);
	out_num(&t, 1, 0);
	out_num(&t, 2, 0);
	s = render(&t, OUT_CSV);
	assert_string_equal(s, "score_^[[31mA,\"score_B<U+202E>,\"\"\"\n"
	    "1,2\n");
	free(s);
	out_free(&t);
}

/*
 * JSON keeps every character, but those that could command a terminal
 * or reorder a line travel as \u escapes; invalid bytes as text.
 */
static void
test_json_escapes_hidden(void **state)
{
	struct out_table	 t;
	char			*s;

	(void)state;
	out_init(&t);
	out_col(&t, "k\xc2\x9b", "K", 0);
	out_str(&t, "a\xc2\x85" "b\xe2\x80\xae" "c\xe2\x80\x8e"
	    "d\xe2\x80\xa8" "e\x7f" "f\xff" "g\xf0\x9f\x91\xa8\xe2\x80\x8d"
	    "\xf0\x9f\x91\xa9");
	out_meta(&t, "m\xe2\x81\xa6", "v\xd8\x9c");
	out_note(&t, "n\xef\xbb\xbf");
	s = render(&t, OUT_JSON);
	assert_non_null(strstr(s, "\"k\\u009b\":"));
	assert_non_null(strstr(s, "\"a\\u0085b\\u202ec\\u200ed\\u2028"
	    "e\\u007ff\\\\xffg\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\""));
	assert_non_null(strstr(s, "{\"m\\u2066\":\"v\\u061c\"}"));
	assert_non_null(strstr(s, "[\"n\\ufeff\"]"));
	assert_int_equal(cr_unsafe_at(s, strlen(s), CR_KEEP_NL), strlen(s));
	free(s);
	out_free(&t);
}

/* JSON has no NaN or Infinity: a number that is not finite is null. */
static void
test_json_non_finite(void **state)
{
	struct out_table	 t;
	char			*s;

	(void)state;
	out_init(&t);
	out_col(&t, "a", "A", 1);
	out_col(&t, "b", "B", 1);
	out_col(&t, "c", "C", 1);
	out_num(&t, INFINITY, 1);
	out_num(&t, -INFINITY, 1);
	out_num(&t, -1e308, 1);
	s = render(&t, OUT_JSON);
	assert_non_null(strstr(s, "{\"a\":null,\"b\":null,\"c\":-1e+308}"));
	free(s);
	out_free(&t);
}

/*
 * A value near the largest double is shown whole: %.1f of 1e308 has
 * 311 characters and was cut at 63 into a different number.
 */
static void
test_huge_numbers(void **state)
{
	struct out_table	 t;
	char			*s;

	(void)state;
	out_init(&t);
	out_col(&t, "v", "V", 1);
	out_num(&t, 1e308, 1);
	out_num_mark(&t, -1.5e300, 2, "~");
	out_num(&t, 123456.789, 1);
	out_num(&t, INFINITY, 1);
	s = render(&t, OUT_TABLE);
	assert_string_equal(s, "         V\n"
	    "----------\n"
	    "    1e+308\n"
	    "-1.5e+300~\n"
	    "  123456.8\n"
	    "       inf\n");
	free(s);
	s = render(&t, OUT_MD);
	assert_non_null(strstr(s, "| 1e+308 |\n| -1.5e+300~ |\n"));
	free(s);
	out_free(&t);
}

/*
 * Hostile text in every part of a table: each format is safe on its
 * own, and the layer out_print adds changes nothing.
 */
static void
test_every_format_safe(void **state)
{
	static const char *const bad[] = {
		"\x1b[31m", "\x1b]0;t\x07", "\r\n\t\x01", "\x7f",
		"\xc2\x9b", "\xe2\x80\xae", "\xe2\x80\x8f", "\xe2\x80\xa8",
		"\xff\x9b", "\xe7\x9f", "|\\\",",
	};
	struct out_table	 t;
	enum out_format		 f;
	char			*raw, *s;
	size_t			 i, len;
	FILE			*fp;

	(void)state;
	out_init(&t);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		out_col(&t, bad[i], bad[i], (int)(i % 2));
		out_meta(&t, bad[i], bad[i]);
		out_note(&t, bad[i]);
	}
	for (i = 0; i < 2 * sizeof bad / sizeof bad[0]; i++)
		out_str(&t, bad[i % (sizeof bad / sizeof bad[0])]);
	for (f = OUT_TABLE; f <= OUT_MD; f++) {
		raw = NULL;
		fp = open_memstream(&raw, &len);
		assert_non_null(fp);
		assert_int_equal(out_render(&t, f, fp), 0);
		fclose(fp);
		assert_int_equal(cr_unsafe_at(raw, len, CR_KEEP_NL), len);
		s = render(&t, f);
		assert_string_equal(s, raw);
		free(s);
		free(raw);
	}
	out_free(&t);
}

/* The layer itself: a line stays a line; text keeps its newlines. */
static void
test_emit(void **state)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*fp;

	(void)state;
	fp = open_memstream(&buf, &len);
	assert_non_null(fp);
	assert_int_equal(emit_line(fp, "x %s y", "a\nb\x1b[2J\xe2\x80\xae"), 0);
	assert_int_equal(emit_text(fp, "l1\nl2\r\n\xc2\x9b\x9b\n"), 0);
	assert_int_equal(emit_write(fp, "z\0z\n", 4), 0);
	fclose(fp);
	assert_string_equal(buf, "x a^Jb^[[2J<U+202E> y\n"
	    "l1\nl2^M\n<U+009B>\\x9b\n"
	    "z^@z\n");
	free(buf);
}

static void
test_format_parse(void **state)
{
	enum out_format	f;

	(void)state;
	assert_int_equal(out_format_parse("json", &f), 0);
	assert_int_equal(f, OUT_JSON);
	assert_int_equal(out_format_parse("md", &f), 0);
	assert_int_equal(f, OUT_MD);
	assert_int_equal(out_format_parse("xml", &f), -1);
}

/* Rows made as printed: the kept sample's rows, counted as made. */
struct made {
	size_t	calls, done;
	FILE	*dest;		/* when set: bytes out before the last row */
	long	 out_before_last;
	size_t	 n;
};

static void
made_row(struct out_table *t, size_t i, void *arg)
{
	struct made	*m = arg;
	static const char *const names[] = { "石家庄", "Xi'an, \"old\"",
	    "bad\x1b[31m" };
	static const double scores[] = { 51.5, 7.25, NAN };
	static const int decimals[] = { 1, 2, 1 };

	m->calls++;
	if (m->dest != NULL && i == m->n - 1)
		m->out_before_last = ftell(m->dest);
	out_str(t, names[i % 3]);
	out_num(t, scores[i % 3], decimals[i % 3]);
}

static void
made_done(void *arg)
{
	((struct made *)arg)->done++;
}

static void
made_table(struct out_table *t, struct made *m, size_t n)
{
	memset(m, 0, sizeof *m);
	m->n = n;
	out_init(t);
	out_col(t, "name", "City", 0);
	out_col(t, "score", "Score", 1);
	out_rows(t, n, made_row, m, made_done);
}

/* Every format prints made rows as it prints the same rows kept. */
static void
test_rows_made_as_printed(void **state)
{
	static const enum out_format fs[] = { OUT_TABLE, OUT_CSV, OUT_JSON,
	    OUT_MD };
	struct out_table	 kept, t;
	struct made		 m;
	char			*a, *b;
	size_t			 i;

	(void)state;
	for (i = 0; i < 4; i++) {
		sample(&kept);
		out_note(&kept, "a note");
		made_table(&t, &m, 3);
		out_note(&t, "a note");
		a = render(&kept, fs[i]);
		b = render(&t, fs[i]);
		assert_string_equal(a, b);
		/* Aligned text measures, then prints: each row twice. */
		assert_int_equal(m.calls, fs[i] == OUT_TABLE ? 6 : 3);
		assert_int_equal(m.done, 0);
		out_free(&t);
		assert_int_equal(m.done, 1);
		out_free(&kept);
		free(a);
		free(b);
	}
}

/*
 * A long table goes out as it is made: by its last row most of it has
 * reached the destination (before, the whole table was held, then
 * written).
 */
static void
test_print_streams(void **state)
{
	static const enum out_format fs[] = { OUT_TABLE, OUT_CSV, OUT_JSON,
	    OUT_MD };
	struct out_table	 t;
	struct made		 m;
	FILE			*fp;
	long			 total;
	size_t			 i;

	(void)state;
	for (i = 0; i < 4; i++) {
		made_table(&t, &m, 20000);
		assert_non_null(fp = tmpfile());
		m.dest = fp;
		assert_int_equal(out_print(&t, fs[i], fp), 0);
		total = ftell(fp);
		assert_true(total > 200000);
		assert_true(m.out_before_last > total / 2);
		fclose(fp);
		out_free(&t);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_aligns_by_width),
		cmocka_unit_test(test_table_sanitises),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_markdown),
		cmocka_unit_test(test_full_precision),
		cmocka_unit_test(test_format_parse),
		cmocka_unit_test(test_csv_keys_sanitised),
		cmocka_unit_test(test_json_escapes_hidden),
		cmocka_unit_test(test_json_non_finite),
		cmocka_unit_test(test_every_format_safe),
		cmocka_unit_test(test_huge_numbers),
		cmocka_unit_test(test_emit),
		cmocka_unit_test(test_rows_made_as_printed),
		cmocka_unit_test(test_print_streams),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
