/*
 * The slide script's parser (engine/slides.c): what a valid script
 * gives, and every mistake with its FILE:LINE, the slide it spoils and
 * the slides after it still read.
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

#include "slides.h"
#include "xmalloc.h"

static struct cr_slides *
parse_ok(const char *text)
{
	struct cr_slides	*s = NULL;
	char			*cause = NULL;

	if (cr_slides_parse("t.slides", text, strlen(text), &s, &cause) != 0)
		fail_msg("refused: %s", cause);
	return (s);
}

/* The script is refused as a whole, with this message. */
static void
refused(const char *text, size_t len, const char *want)
{
	struct cr_slides	*s = NULL;
	char			*cause = NULL;

	assert_int_equal(cr_slides_parse("t.slides", text, len, &s, &cause),
	    -1);
	assert_null(s);
	assert_non_null(cause);
	if (strcmp(cause, want) != 0)
		fail_msg("got '%s', want '%s'", cause, want);
	free(cause);
}

/*
 * A script of a bad slide then a good one: the first carries an error
 * that starts with want, the second none.
 */
static void
spoiled(const char *bad, const char *want)
{
	char			*text = xasprintf("%sslide tree\ntitle: ok\n",
				    bad);
	struct cr_slides	*s = parse_ok(text);

	assert_int_equal(s->n, 2);
	if (s->s[0].error == NULL)
		fail_msg("no error for:\n%s", bad);
	if (strncmp(s->s[0].error, want, strlen(want)) != 0)
		fail_msg("got '%s', want '%s...'", s->s[0].error, want);
	assert_null(s->s[1].error);
	assert_int_equal(s->s[1].view, CR_SLIDE_TREE);
	assert_string_equal(s->s[1].val[CR_SK_TITLE], "ok");
	cr_slides_free(s);
	free(text);
}

static void
test_valid(void **state)
{
	struct cr_slides	*s;
	const struct cr_slide	*a, *b, *c;

	(void)state;
	s = parse_ok("# a talk\n"
	    "\n"
	    "slide ranking\r\n"
	    "title:  The index  \n"
	    "caption: first part\n"
	    "   and the rest\n"
	    "by: strategy\n"
	    "scenario: equal\n"
	    "weights: innovation=3,ai=2\n"
	    "filter: 江苏|浙江\n"
	    "highlight: 广州\n"
	    "note: say: this\n"
	    "  # not a comment inside a value? it is skipped\n"
	    "slide compare\n"
	    "units: 深圳 ,北京, shanghai\n"
	    "slide  plot\n"
	    "x: gdp_pc_2018\n"
	    "y: strategy");
	assert_int_equal(s->n, 3);
	assert_string_equal(s->file, "t.slides");
	a = &s->s[0];
	b = &s->s[1];
	c = &s->s[2];
	assert_null(a->error);
	assert_null(b->error);
	assert_null(c->error);
	assert_int_equal(a->view, CR_SLIDE_RANKING);
	assert_int_equal(a->line, 3);
	assert_string_equal(a->val[CR_SK_TITLE], "The index");
	assert_int_equal(a->at[CR_SK_TITLE], 4);
	assert_string_equal(a->val[CR_SK_CAPTION],
	    "first part and the rest");
	assert_string_equal(a->val[CR_SK_BY], "strategy");
	assert_string_equal(a->val[CR_SK_SCENARIO], "equal");
	assert_string_equal(a->val[CR_SK_WEIGHTS], "innovation=3,ai=2");
	assert_string_equal(a->val[CR_SK_FILTER], "江苏|浙江");
	assert_int_equal(a->at[CR_SK_FILTER], 10);
	assert_string_equal(a->val[CR_SK_HIGHLIGHT], "广州");
	assert_string_equal(a->val[CR_SK_NOTE], "say: this");
	assert_null(a->val[CR_SK_UNITS]);
	assert_int_equal(b->view, CR_SLIDE_COMPARE);
	assert_int_equal(b->n_units, 3);
	assert_string_equal(b->units[0], "深圳");
	assert_string_equal(b->units[1], "北京");
	assert_string_equal(b->units[2], "shanghai");
	assert_int_equal(b->at[CR_SK_UNITS], 15);
	assert_int_equal(c->view, CR_SLIDE_SCATTER);
	assert_string_equal(c->val[CR_SK_X], "gdp_pc_2018");
	assert_string_equal(c->val[CR_SK_Y], "strategy");
	assert_int_equal(c->at[CR_SK_Y], 18);
	cr_slides_free(s);
}

static void
test_views(void **state)
{
	static const struct {
		const char		*name;
		enum cr_slide_view	 v;
	} views[] = {
		{ "ranking", CR_SLIDE_RANKING }, { "rank", CR_SLIDE_RANKING },
		{ "show", CR_SLIDE_SHOW }, { "detail", CR_SLIDE_SHOW },
		{ "city", CR_SLIDE_SHOW }, { "compare", CR_SLIDE_COMPARE },
		{ "scatter", CR_SLIDE_SCATTER }, { "plot", CR_SLIDE_SCATTER },
		{ "tree", CR_SLIDE_TREE }, { "weights", CR_SLIDE_WEIGHTS },
		{ "robust", CR_SLIDE_ROBUST },
		{ "robustness", CR_SLIDE_ROBUST }
	};
	struct cr_slides	*s;
	char			*text;
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof views / sizeof views[0]; i++) {
		text = xasprintf("slide %s\nunits: a%s\n", views[i].name,
		    views[i].v == CR_SLIDE_COMPARE ? ", b" : "");
		if (views[i].v != CR_SLIDE_SHOW &&
		    views[i].v != CR_SLIDE_COMPARE)
			text[strlen(text) - strlen("units: a\n")] = '\0';
		s = parse_ok(text);
		assert_int_equal(s->n, 1);
		assert_int_equal(s->s[0].view, views[i].v);
		if (s->s[0].error != NULL)
			fail_msg("%s: %s", views[i].name, s->s[0].error);
		cr_slides_free(s);
		free(text);
	}
}

static void
test_script_errors(void **state)
{
	static const char nul[] = "slide tree\n\0\n";
	static const char nul_first[] = "\0\nslide tree\n";
	char	*many, *p;
	size_t	 i;

	(void)state;
	refused("", 0, "t.slides: no slides (each starts with a line "
	    "'slide VIEW')");
	refused("# only\n\n", 8, "t.slides: no slides (each starts with a "
	    "line 'slide VIEW')");
	refused("\ntitle: x\nslide tree\n", 21, "t.slides:2: expected "
	    "'slide VIEW' before anything else");
	refused(nul_first, sizeof nul_first - 1, "t.slides:1: a NUL byte");
	many = xmalloc(11 * (CR_SLIDES_MAX + 1) + 1);
	for (i = 0, p = many; i <= CR_SLIDES_MAX; i++, p += 11)
		memcpy(p, "slide tree\n", 11);
	*p = '\0';
	refused(many, strlen(many), "t.slides:1001: more than 1000 slides");
	free(many);
	/* Inside a slide, a NUL spoils the slide only. */
	{
		struct cr_slides	*s = NULL;
		char			*cause = NULL;

		assert_int_equal(cr_slides_parse("t.slides", nul,
		    sizeof nul - 1, &s, &cause), 0);
		assert_string_equal(s->s[0].error, "t.slides:2: a NUL byte "
		    "(at most 4096 bytes, no NUL)");
		cr_slides_free(s);
	}
}

static void
test_slide_errors(void **state)
{
	char	*long_line;

	(void)state;
	spoiled("slide pie\n", "t.slides:1: unknown view 'pie' (expected "
	    "ranking, show, compare, scatter, tree, weights or robust)");
	spoiled("slide\n", "t.slides:1: 'slide' needs a view");
	spoiled("slide tree\ncolour: red\n", "t.slides:2: unknown key "
	    "'colour' (expected title,");
	spoiled("slide tree\ntitle: a\n\ntitle: b\n", "t.slides:4: 'title' "
	    "given twice (first at line 2)");
	spoiled("slide ranking\nx: gdp\n", "t.slides:2: 'x' applies to "
	    "scatter slides only");
	spoiled("slide tree\ny: gdp\n", "t.slides:2: 'y' applies to "
	    "scatter slides only");
	spoiled("slide scatter\nunits: a, b\n", "t.slides:2: 'units' "
	    "applies to show and compare slides only");
	spoiled("slide tree\ncaption:\n", "t.slides:2: 'caption' needs a "
	    "value");
	spoiled("slide compare\nunits: a, b, c, d, e\n", "t.slides:2: "
	    "'units' wants 1 to 4 cities, separated by commas, none empty");
	spoiled("slide compare\nunits: a, , b\n", "t.slides:2: 'units' "
	    "wants 1 to 4 cities");
	spoiled("slide show\nunits: a, b\n", "t.slides:2: a show slide "
	    "shows one city (got 2)");
	spoiled("slide compare\ntitle: x\n", "t.slides:1: a compare slide "
	    "needs 'units: A, B' (2 to 4 cities)");
	spoiled("slide compare\nunits: a\n", "t.slides:1: a compare slide "
	    "needs 'units: A, B'");
	spoiled("slide show\n", "t.slides:1: a show slide needs 'units: "
	    "CITY' (one city)");
	spoiled("slide tree\n  more\n", "t.slides:2: an indented line "
	    "continues a title, caption or other text, and there is none "
	    "before it");
	spoiled("slide compare\nunits: a, b\n  c\n", "t.slides:3: an "
	    "indented line continues");
	spoiled("slide tree\njust words\n", "t.slides:2: expected 'key: "
	    "value' or 'slide VIEW'");
	/* The first mistake is the one shown. */
	spoiled("slide tree\nfoo: 1\nbar: 2\n", "t.slides:2: unknown key "
	    "'foo'");
	long_line = xmalloc(CR_SLIDES_LINE_MAX + 32);
	strcpy(long_line, "slide tree\ntitle: ");
	memset(long_line + strlen(long_line), 'x', CR_SLIDES_LINE_MAX);
	strcpy(long_line + 18 + CR_SLIDES_LINE_MAX, "\n");
	spoiled(long_line, "t.slides:2: a line too long (at most 4096 "
	    "bytes, no NUL)");
	free(long_line);
}

/* The built-in tour's way in: set and split as a script would. */
static void
test_set(void **state)
{
	struct cr_slides	*s = cr_slides_new("tour");
	struct cr_slide		*sl = cr_slides_add(s, CR_SLIDE_COMPARE);

	(void)state;
	cr_slide_set(sl, CR_SK_UNITS, "a, b");
	cr_slide_set(sl, CR_SK_UNITS, "c,d,e");
	assert_int_equal(sl->n_units, 3);
	assert_string_equal(sl->units[2], "e");
	assert_string_equal(sl->val[CR_SK_UNITS], "c,d,e");
	assert_string_equal(cr_slide_view_name(CR_SLIDE_ROBUST), "robust");
	assert_string_equal(cr_slide_key_name(CR_SK_HIGHLIGHT), "highlight");
	cr_slides_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_views),
		cmocka_unit_test(test_script_errors),
		cmocka_unit_test(test_slide_errors),
		cmocka_unit_test(test_set),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
