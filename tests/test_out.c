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
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
