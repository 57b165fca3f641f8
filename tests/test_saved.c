/*
 * Tests for engine/saved.c and engine/saved_text.c: the saved scenario
 * record, names, and the scenario file written and read back.  Every
 * expected text and message below is written out by hand.
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "saved.h"
#include "saved_text.h"
#include "score.h"
#include "utf8.h"

#define FILE_NAME	"t.scn"

/* A small valid file; the error tests change one line of it. */
#define L1	"format = cityrank-scenario 1\n"
#define L2	"name = A\n"
#define L3	"dataset = ab\n"
#define L4	"normalize = rank\n"
#define L5	"aggregate = geom\n"
#define L6	"[weights]\n"
#define L7	"a = 1\n"

/*
 * The cause is passed by address: read in the call's argument list, it
 * could be read before the function that sets it runs.
 */
static void
expect_cause(int rc, char **cause, const char *want)
{
	assert_int_equal(rc, -1);
	assert_non_null(*cause);
	if (strcmp(*cause, want) != 0) {
		print_error("cause: %s\nwant:  %s\n", *cause, want);
		fail();
	}
	free(*cause);
	*cause = NULL;
}

static int
parse(const char *text, struct cr_saved **out, char **cause)
{
	return cr_saved_parse(text, strlen(text), FILE_NAME, out, cause);
}

/* Parsing fails with exactly this message and leaves *out alone. */
static void
parse_error(const char *text, size_t len, const char *want)
{
	struct cr_saved	 sentinel, *out = &sentinel;
	char		*cause = NULL;
	int		 rc;

	rc = cr_saved_parse(text, len, FILE_NAME, &out, &cause);
	if (rc == 0)
		fail_msg("parsed, want '%s'", want);
	assert_ptr_equal(out, &sentinel);
	expect_cause(rc, &cause, want);
}

static void
parse_error_s(const char *text, const char *want)
{
	parse_error(text, strlen(text), want);
}

static struct cr_saved *
parse_ok(const char *text, size_t len)
{
	struct cr_saved	*s = NULL;
	char		*cause = NULL;

	if (cr_saved_parse(text, len, FILE_NAME, &s, &cause) != 0)
		fail_msg("parse failed: %s", cause);
	assert_null(cause);
	assert_non_null(s);
	return s;
}

static void
add(struct cr_saved *s, const char *code, double w)
{
	char	*cause = NULL;

	if (cr_saved_add(s, code, w, &cause) != 0)
		fail_msg("add %s: %s", code, cause);
}

static int
same_double(double a, double b)
{
	return memcmp(&a, &b, sizeof a) == 0;
}

static void
expect_equal(const struct cr_saved *a, const struct cr_saved *b)
{
	struct cr_norm_spec	 na, nb;
	size_t			 i;

	assert_string_equal(a->name, b->name);
	assert_string_equal(a->note, b->note);
	assert_string_equal(a->dataset, b->dataset);
	assert_string_equal(a->title, b->title);
	assert_string_equal(a->period, b->period);
	assert_string_equal(a->modified, b->modified);
	assert_string_equal(a->recipe, b->recipe);
	assert_int_equal(a->norm, b->norm);
	assert_true(same_double(a->norm_lo, b->norm_lo));
	assert_true(same_double(a->norm_hi, b->norm_hi));
	assert_int_equal(a->agg, b->agg);
	if (a->agg == CR_AGG_POWER)
		assert_true(same_double(a->agg_p, b->agg_p));
	cr_saved_norm(a, &na);
	cr_saved_norm(b, &nb);
	assert_true(cr_norm_spec_equal(&na, &nb));
	assert_int_equal(a->n_leaf, b->n_leaf);
	for (i = 0; i < a->n_leaf; i++) {
		assert_string_equal(a->leaf[i].code, b->leaf[i].code);
		assert_true(cr_norm_spec_equal(&a->leaf[i].norm,
		    &b->leaf[i].norm));
	}
	assert_int_equal(a->n_level, b->n_level);
	for (i = 0; i < a->n_level; i++) {
		assert_int_equal(a->level[i].depth, b->level[i].depth);
		assert_true(cr_agg_spec_equal(&a->level[i].agg,
		    &b->level[i].agg));
	}
	assert_int_equal(a->n, b->n);
	for (i = 0; i < a->n; i++) {
		assert_string_equal(a->code[i], b->code[i]);
		if (!same_double(a->weight[i], b->weight[i]))
			fail_msg("weight %s: %.17g, want %.17g", a->code[i],
			    b->weight[i], a->weight[i]);
	}
}

/* No raw control, bidi control or separator: only newlines end lines. */
static void
expect_visible(const char *text)
{
	size_t		 len = strlen(text), i;
	uint32_t	 cp;
	int		 n;

	assert_true(cr_utf8_valid(text, len));
	for (i = 0; i < len; i += (size_t)n) {
		n = cr_utf8_decode(text + i, len - i, &cp);
		if (cp == '\n')
			continue;
		if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ||
		    (cp >= 0x202A && cp <= 0x202E) ||
		    (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
		    cp == 0x200F || cp == 0x061C || cp == 0x2028 ||
		    cp == 0x2029 || cp == 0xFEFF)
			fail_msg("U+%04X at byte %zu of the text", (unsigned)cp,
			    i);
	}
}

/* Format, check what the text may hold, parse back and compare. */
static void
round_trip(const struct cr_saved *s)
{
	struct cr_saved	*t;
	char		*text, *again;

	text = cr_saved_format(s);
	expect_visible(text);
	t = parse_ok(text, strlen(text));
	expect_equal(s, t);
	again = cr_saved_format(t);
	assert_string_equal(text, again);
	free(again);
	free(text);
	cr_saved_free(t);
}

static struct cr_saved *
simple(void)
{
	struct cr_saved	*s;

	s = cr_saved_new();
	cr_saved_set(&s->name, "Innovation first");
	cr_saved_set(&s->dataset, "1f3a");
	add(s, "strategy", 0.25);
	return s;
}

static void
test_new(void **state)
{
	struct cr_saved	*s;

	(void)state;
	s = cr_saved_new();
	assert_string_equal(s->name, "");
	assert_string_equal(s->note, "");
	assert_string_equal(s->dataset, "");
	assert_string_equal(s->title, "");
	assert_string_equal(s->period, "");
	assert_string_equal(s->modified, "");
	assert_int_equal(s->norm, CR_NORM_MINMAX);
	assert_true(s->norm_lo == 0 && s->norm_hi == 100);
	assert_int_equal(s->agg, CR_AGG_ARITH);
	assert_int_equal(s->n, 0);
	cr_saved_free(s);
	cr_saved_free(NULL);
}

static void
test_add(void **state)
{
	struct cr_saved	*s;
	char		*cause = NULL;

	(void)state;
	s = cr_saved_new();
	add(s, "a", 0);
	add(s, "b", 1e9);
	add(s, "c", -0.0);
	add(s, "~!@#$%^&*()_+{}|:\"<>?[]\\;'./`", 0.5);
	assert_int_equal(s->n, 4);
	assert_string_equal(s->code[1], "b");
	assert_true(s->weight[1] == 1e9);
	/* -0 is kept as 0, so that it is never written "-0". */
	assert_true(s->weight[2] == 0 && !signbit(s->weight[2]));

	expect_cause(cr_saved_add(s, "a", 2, &cause), &cause,
	    "two weights for 'a'");
	expect_cause(cr_saved_add(s, "", 2, &cause), &cause,
	    "empty node code");
	expect_cause(cr_saved_add(s, "a b", 2, &cause), &cause,
	    "node code 'a b' must be printable ASCII without spaces, ',' "
	    "or '='");
	expect_cause(cr_saved_add(s, "x\x1b[2J", 2, &cause), &cause,
	    "node code 'x^[[2J' must be printable ASCII without spaces, ',' "
	    "or '='");
	expect_cause(cr_saved_add(s, "caf\xc3\xa9", 2, &cause), &cause,
	    "node code 'caf\xc3\xa9' must be printable ASCII without spaces, "
	    "',' or '='");
	expect_cause(cr_saved_add(s, "x\x7f", 2, &cause), &cause,
	    "node code 'x^?' must be printable ASCII without spaces, ',' "
	    "or '='");
	expect_cause(cr_saved_add(s, "a,b", 2, &cause), &cause,
	    "node code 'a,b' must be printable ASCII without spaces, ',' "
	    "or '='");
	expect_cause(cr_saved_add(s, "a=b", 2, &cause), &cause,
	    "node code 'a=b' must be printable ASCII without spaces, ',' "
	    "or '='");
	expect_cause(cr_saved_add(s, "d", -1, &cause), &cause,
	    "weight -1 of 'd' is not a number from 0 to 1e9");
	expect_cause(cr_saved_add(s, "d", nextafter(1e9, 2e9), &cause), &cause,
	    "weight 1e+09 of 'd' is not a number from 0 to 1e9");
	expect_cause(cr_saved_add(s, "d", INFINITY, &cause), &cause,
	    "weight inf of 'd' is not a number from 0 to 1e9");
	expect_cause(cr_saved_add(s, "d", NAN, &cause), &cause,
	    "weight nan of 'd' is not a number from 0 to 1e9");
	assert_int_equal(cr_saved_add(s, "d", NAN, NULL), -1);
	/* Nothing was added by the failures. */
	assert_int_equal(s->n, 4);
	cr_saved_free(s);
}

static void
test_copy_set(void **state)
{
	struct cr_saved	*s, *c;

	(void)state;
	s = simple();
	cr_saved_set(&s->note, "a note");
	cr_saved_set(&s->title, "title");
	cr_saved_set(&s->period, "2019");
	cr_saved_set(&s->modified, "2024-05-01T09:30:00Z");
	s->norm = CR_NORM_ZSCORE;
	s->agg = CR_AGG_GEOM;
	add(s, "tech", 2);
	c = cr_saved_copy(s);
	expect_equal(s, c);
	/* Deep: the copy's strings are its own. */
	assert_ptr_not_equal(c->name, s->name);
	assert_ptr_not_equal(c->code, s->code);
	assert_ptr_not_equal(c->code[0], s->code[0]);
	cr_saved_set(&s->name, "other");
	assert_string_equal(c->name, "Innovation first");
	/* A field set from itself, and to NULL. */
	cr_saved_set(&c->note, c->note);
	assert_string_equal(c->note, "a note");
	cr_saved_set(&c->note, NULL);
	assert_string_equal(c->note, "");
	cr_saved_free(s);
	cr_saved_free(c);

	s = cr_saved_new();
	c = cr_saved_copy(s);
	assert_int_equal(c->n, 0);
	cr_saved_free(c);
	cr_saved_free(s);
}

static void
test_check_name(void **state)
{
	static const char *const good[] = {
		"Innovation first",
		"\xe8\xb6\x85\xe7\xba\xa7\xe6\x99\xba\xe8\x83\xbd 2.0",
		" padded ",
		"a\\n#=[weights]",
		"x\xe2\x80\x8e",		/* LRM: a mark, not an override */
		".",
	};
	char	 long_name[CR_SAVED_NAME_MAX + 2], *cause = NULL;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof good / sizeof good[0]; i++)
		if (cr_saved_check_name(good[i], &cause) != 0)
			fail_msg("'%s': %s", good[i], cause);
	memset(long_name, 'n', CR_SAVED_NAME_MAX);
	long_name[CR_SAVED_NAME_MAX] = '\0';
	assert_int_equal(cr_saved_check_name(long_name, NULL), 0);

	expect_cause(cr_saved_check_name("", &cause), &cause,
	    "empty scenario name");
	/* 201 bytes, quoted cut to 60 columns. */
	long_name[CR_SAVED_NAME_MAX] = 'n';
	long_name[CR_SAVED_NAME_MAX + 1] = '\0';
	expect_cause(cr_saved_check_name(long_name, &cause), &cause,
	    "scenario name 'nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"
	    "nnnnnnn\xe2\x80\xa6' is 201 bytes, more than 200");
	expect_cause(cr_saved_check_name("a\xff", &cause), &cause,
	    "scenario name 'a\\xff' is not valid UTF-8");
	expect_cause(cr_saved_check_name("a\tb", &cause), &cause,
	    "scenario name 'a^Ib' contains a control character");
	expect_cause(cr_saved_check_name("\x1b[31mred", &cause), &cause,
	    "scenario name '^[[31mred' contains a control character");
	expect_cause(cr_saved_check_name("a\x7f", &cause), &cause,
	    "scenario name 'a^?' contains a control character");
	expect_cause(cr_saved_check_name("a\xc2\x85", &cause), &cause,
	    "scenario name 'a<U+0085>' contains a control character");
	expect_cause(cr_saved_check_name("abc\xe2\x80\xae" "def", &cause), &cause,
	    "scenario name 'abc<U+202E>def' contains a bidirectional "
	    "control (U+202E)");
	expect_cause(cr_saved_check_name("\xe2\x81\xa6x", &cause), &cause,
	    "scenario name '<U+2066>x' contains a bidirectional control "
	    "(U+2066)");
	expect_cause(cr_saved_check_name("   ", &cause), &cause,
	    "scenario name '   ' has nothing but spaces");
	/* Ideographic and no-break spaces, a zero-width space. */
	expect_cause(cr_saved_check_name("\xe3\x80\x80\xc2\xa0\xe2\x80\x8b",
	    &cause), &cause, "scenario name '\xe3\x80\x80\xc2\xa0\xe2\x80\x8b' "
	    "has nothing but spaces");
	assert_int_equal(cr_saved_check_name("", NULL), -1);
}

static void
test_format(void **state)
{
	static const char want[] =
	    "format = cityrank-scenario 1\n"
	    "# A cityrank scenario: weights and methods for one data set.\n"
	    "# Weights are relative among siblings: see 'cityrank tree'.\n"
	    "# Import with: cityrank scenario import FILE\n"
	    "name      = Innovation first\n"
	    "note      = What if innovation counted double?\\nSecond line.\n"
	    "dataset   = 1f3a\n"
	    "title     = \xe8\xb6\x85\xe7\xba\xa7\xe6\x99\xba\xe8\x83\xbd"
	    "\xe5\x9f\x8e\xe5\xb8\x82" "2.0\n"
	    "period    = 2019\n"
	    "normalize = minmax:0:100\n"
	    "aggregate = arith\n"
	    "modified  = 2024-05-01T09:30:00Z\n"
	    "\n"
	    "[weights]\n"
	    "strategy   = 0.25\n"
	    "technology = 0.1\n"
	    "\\#hash     = 2\n"
	    "innovation = 1e-7\n"
	    "iot        = 1000000000\n"
	    "\\[x        = 0.3333333333333333\n";
	struct cr_saved	*s;
	char		*text;

	(void)state;
	s = simple();
	cr_saved_set(&s->note,
	    "What if innovation counted double?\nSecond line.");
	cr_saved_set(&s->title, "\xe8\xb6\x85\xe7\xba\xa7\xe6\x99\xba\xe8"
	    "\x83\xbd\xe5\x9f\x8e\xe5\xb8\x82" "2.0");
	cr_saved_set(&s->period, "2019");
	cr_saved_set(&s->modified, "2024-05-01T09:30:00Z");
	add(s, "technology", 0.1);
	add(s, "#hash", 2);
	add(s, "innovation", 1e-7);
	add(s, "iot", 1e9);
	add(s, "[x", 1.0 / 3);
	text = cr_saved_format(s);
	assert_string_equal(text, want);
	free(text);
	round_trip(s);

	/* Optional keys left out when empty; other methods. */
	cr_saved_set(&s->note, "");
	cr_saved_set(&s->title, "");
	cr_saved_set(&s->period, "");
	cr_saved_set(&s->modified, "");
	s->norm = CR_NORM_MINMAX;
	s->norm_lo = -1.5;
	s->norm_hi = 1e9;
	s->agg = CR_AGG_GEOM;
	s->n = 1;	/* keeps only strategy; the rest is freed below */
	text = cr_saved_format(s);
	assert_string_equal(text,
	    "format = cityrank-scenario 1\n"
	    "# A cityrank scenario: weights and methods for one data set.\n"
	    "# Weights are relative among siblings: see 'cityrank tree'.\n"
	    "# Import with: cityrank scenario import FILE\n"
	    "name      = Innovation first\n"
	    "dataset   = 1f3a\n"
	    "normalize = minmax:-1.5:1000000000\n"
	    "aggregate = geom\n"
	    "\n"
	    "[weights]\n"
	    "strategy = 0.25\n");
	free(text);
	s->n = 6;
	cr_saved_free(s);
}

static void
test_format_methods(void **state)
{
	static const struct {
		enum cr_norm	 norm;
		const char	*line;
	} m[] = {
		{ CR_NORM_NONE, "normalize = none\n" },
		{ CR_NORM_ZSCORE, "normalize = zscore\n" },
		{ CR_NORM_RANK, "normalize = rank\n" },
	};
	struct cr_saved	*s;
	char		*text;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof m / sizeof m[0]; i++) {
		s = simple();
		s->norm = m[i].norm;
		text = cr_saved_format(s);
		if (strstr(text, m[i].line) == NULL)
			fail_msg("no '%s' in:\n%s", m[i].line, text);
		free(text);
		/* The default bounds, 0 and 100, come back. */
		round_trip(s);
		cr_saved_free(s);
	}
}

static void
leaf(struct cr_saved *s, const char *code, const char *method)
{
	struct cr_norm_spec	 sp;
	char			*cause = NULL;

	cr_norm_spec_init(&sp);
	assert_int_equal(cr_norm_spec_parse(method, &sp, NULL), 0);
	if (cr_saved_add_leaf(s, code, &sp, &cause) != 0)
		fail_msg("leaf %s: %s", code, cause);
	cr_norm_spec_clear(&sp);
}

/*
 * The methods of issue 13: written as format 2 only when format 1
 * cannot say them, each as --normalize and --aggregate take it, a
 * leaf's and a depth's own in sections after the weights.
 */
static void
test_format_v2(void **state)
{
	static const char	 want[] =
	    "format = cityrank-scenario 2\n"
	    "# A cityrank scenario: weights and methods for one data set.\n"
	    "# Weights are relative among siblings: see 'cityrank tree'.\n"
	    "# Import with: cityrank scenario import FILE\n"
	    "name      = Innovation first\n"
	    "dataset   = 1f3a\n"
	    "normalize = dist2ref:北京:cap\n"
	    "aggregate = power:0.5\n"
	    "\n"
	    "[weights]\n"
	    "strategy = 0.25\n"
	    "\n"
	    "[normalize]\n"
	    "iot   = goalposts:0:10\n"
	    "\\#ai  = dist2targ:4.5\n"
	    "cloud = minmax:-1:1\n"
	    "\n"
	    "[aggregate]\n"
	    "1 = copeland\n"
	    "0 = geom\n";
	struct cr_saved		*s;
	struct cr_norm_spec	 n;
	struct cr_agg_spec	 a = { CR_AGG_POWER, 0.5 }, g = { CR_AGG_GEOM,
				    1 }, c = { CR_AGG_COPELAND, 1 };
	char			*text, *cause = NULL;

	(void)state;
	s = simple();
	assert_true(cr_saved_v1(s));
	text = cr_saved_format(s);
	assert_non_null(strstr(text, "format = cityrank-scenario 1\n"));
	free(text);

	cr_norm_spec_init(&n);
	assert_int_equal(cr_norm_spec_parse("dist2ref:北京:cap", &n, NULL),
	    0);
	cr_saved_set_norm(s, &n);
	cr_norm_spec_clear(&n);
	cr_saved_set_agg(s, &a);
	leaf(s, "iot", "goalposts:0:10");
	leaf(s, "#ai", "dist2targ:4.5");
	leaf(s, "cloud", "minmax:-1:1");
	assert_int_equal(cr_saved_add_level(s, 1, &c, NULL), 0);
	assert_int_equal(cr_saved_add_level(s, 0, &g, NULL), 0);
	assert_false(cr_saved_v1(s));
	text = cr_saved_format(s);
	assert_string_equal(text, want);
	free(text);
	round_trip(s);

	/* The one-line lists the store keeps, read back the same. */
	text = cr_saved_leaves_text(s);
	assert_string_equal(text, "iot=goalposts:0:10,#ai=dist2targ:4.5,"
	    "cloud=minmax:-1:1");
	free(text);
	text = cr_saved_levels_text(s);
	assert_string_equal(text, "1=copeland,0=geom");
	free(text);

	/* Refused: a repeated code or depth, a spec no scenario holds. */
	expect_cause(cr_saved_add_leaf(s, "iot", &n, &cause), &cause,
	    "two normalisations for 'iot'");
	expect_cause(cr_saved_add_level(s, 0, &g, &cause), &cause,
	    "two aggregations for depth 0");
	expect_cause(cr_saved_add_level(s, -1, &g, &cause), &cause,
	    "depth -1 is not 0 to 1000");
	n.method = CR_NORM_DIST2REF;
	expect_cause(cr_saved_add_leaf(s, "x", &n, &cause), &cause,
	    "the normalisation of 'x' is not one a scenario may hold");
	a.p = NAN;
	expect_cause(cr_saved_add_level(s, 2, &a, &cause), &cause,
	    "the aggregation of depth 2 is not one a scenario may hold");
	cr_saved_free(s);
}

static void
test_parse_v2(void **state)
{
	struct cr_saved	*s, *t;
	const char	*text;
	char		*cause = NULL;

	(void)state;
	text = "format = cityrank-scenario 2\n" L2 L3
	    "normalize = goalposts:1:5:10\naggregate = POWER:-2\n" L6 L7
	    "[aggregate]\n  1 =  harm \n[normalize]\nb = dist2max\n";
	s = parse_ok(text, strlen(text));
	assert_int_equal(s->norm, CR_NORM_GOALPOSTS);
	assert_true(s->norm_par.lo == 1 && s->norm_par.hi == 5 &&
	    s->norm_par.scale == 10);
	assert_int_equal(s->agg, CR_AGG_POWER);
	assert_true(s->agg_p == -2);
	assert_int_equal(s->n_leaf, 1);
	assert_int_equal(s->leaf[0].norm.method, CR_NORM_DIST2MAX);
	assert_int_equal(s->n_level, 1);
	assert_int_equal(s->level[0].agg.method, CR_AGG_HARM);

	/* The store's lists. */
	t = cr_saved_new();
	assert_int_equal(cr_saved_parse_leaves(t, "a=rank,b=dist2ref:X:cap",
	    NULL), 0);
	assert_int_equal(cr_saved_parse_levels(t, "2=power:3", NULL), 0);
	assert_int_equal(t->n_leaf, 2);
	assert_string_equal(t->leaf[1].norm.par.ref, "X");
	assert_true(t->level[0].depth == 2 && t->level[0].agg.p == 3);
	/* All or nothing. */
	expect_cause(cr_saved_parse_leaves(t, "c=rank,d=sum", &cause),
	    &cause, "unknown normalisation 'sum' (expected none, "
	    "minmax[:LO:HI], zscore, rank, prank, borda, fracmax, "
	    "goalposts[:LO:HI[:SCALE]], dist2max, dist2targ[:TARGET][:cap] "
	    "or dist2ref:UNIT[:cap])");
	assert_int_equal(t->n_leaf, 2);
	expect_cause(cr_saved_parse_levels(t, "3=geom,x=geom", &cause),
	    &cause, "'x' is not a depth");
	assert_int_equal(t->n_level, 1);
	cr_saved_free(t);
	cr_saved_free(s);

#define V2	"format = cityrank-scenario 2\n" L2 L3 L4 L5 L6 L7
	parse_error_s(V2 "[normalize]\na = rank\na = zscore\n", "t.scn:10: "
	    "second normalisation for 'a' (the first is on line 9)");
	parse_error_s(V2 "[normalize]\na = goalposts:5:1\n", "t.scn:9: the "
	    "goalposts 5 and 1 must be low, then high (expected "
	    "goalposts[:LO:HI[:SCALE]])");
	parse_error_s(V2 "[normalize]\na b = rank\n", "t.scn:9: node code "
	    "'a b' must be printable ASCII without spaces, ',' or '='");
	parse_error_s(V2 "[normalize]\nrank\n", "t.scn:9: expected 'CODE = "
	    "METHOD'");
	parse_error_s(V2 "[aggregate]\n1 = geom\n1 = harm\n", "t.scn:10: "
	    "second aggregation for depth 1 (the first is on line 9)");
	parse_error_s(V2 "[aggregate]\n-1 = geom\n", "t.scn:9: '-1' is not "
	    "a depth (0 the index, 1 the level below it, ...)");
	parse_error_s(V2 "[aggregate]\n1 = power:x\n", "t.scn:9: the power "
	    "mean's exponent 'x' is not a number: p must be a finite number "
	    "(1 arithmetic, 0 geometric, -1 harmonic)");
	parse_error_s(V2 "[aggregate]\n1\n", "t.scn:9: expected 'DEPTH = "
	    "METHOD'");
	parse_error_s(V2 "[aggregate]\n[aggregate]\n", "t.scn:9: second "
	    "[aggregate] (the first is on line 8)");
	parse_error_s("format = cityrank-scenario 2\n" L2 L3 L4 L5
	    "[normalize]\n", "t.scn:6: no [weights] section");
	parse_error_s("format = cityrank-scenario 2\n" L2 L3 L4
	    "[normalize]\n", "t.scn:5: no 'aggregate' before [normalize]");
	parse_error_s(L1 L2 L3 "normalize = dist2ref\n", "t.scn:4: dist2ref "
	    "needs the reference unit: dist2ref:UNIT[:cap]");
#undef V2
}

static void
test_round_trip_hostile(void **state)
{
	static const char *const names[] = {
		"a\\n\\u{1B}\\",
		"\\",
		"# not a comment",
		"[weights]",
		"format = cityrank-scenario 2",
		"x = y = z",
		" leading",
		"trailing ",
		"  both  ",
		"x\xe2\x80\x8e\xe2\x80\x8fy",		/* LRM, RLM */
		"l\xe2\x80\xa8p\xe2\x80\xa9",		/* separators */
		"b\xef\xbb\xbfom",
		"\xf0\x9f\x8f\x99\xef\xb8\x8f e\xcc\x81",
		"\\u{202E}",
	};
	static const char *const notes[] = {
		"\x1b]0;pwned\x07\x1b[2J\x1b[31mred",
		"c1 \xc2\x9b" "31m \xc2\x85 \xc2\x9f",
		"\xe2\x80\xae" "evil \xe2\x81\xa6isolate\xe2\x81\xa9",
		"line one\r\nline two\n\nline four\n",
		"\ttabs\tand\\tbackslash t\t",
		"\\u{41} \\n \\\\ \\",
		"\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12"
		    "\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f",
		"   ",
		"\r",
		"\xef\xbb\xbf" "format = cityrank-scenario 1",
		"\n[weights]\nevil = 1e9",
	};
	struct cr_saved	*s;
	char		 max_name[CR_SAVED_NAME_MAX + 1];
	char		 max_note[CR_SAVED_NOTE_MAX + 1];
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		s = simple();
		cr_saved_set(&s->name, names[i]);
		cr_saved_set(&s->title, names[i]);
		cr_saved_set(&s->period, names[i]);
		round_trip(s);
		cr_saved_free(s);
	}
	for (i = 0; i < sizeof notes / sizeof notes[0]; i++) {
		s = simple();
		cr_saved_set(&s->note, notes[i]);
		cr_saved_set(&s->title, notes[i]);
		cr_saved_set(&s->period, notes[i]);
		round_trip(s);
		cr_saved_free(s);
	}

	/* At the limits: 100 two-byte characters, 4000 escaped controls. */
	for (i = 0; i < CR_SAVED_NAME_MAX; i += 2)
		memcpy(max_name + i, "\xc3\xa9", 2);
	max_name[CR_SAVED_NAME_MAX] = '\0';
	memset(max_note, '\x1b', CR_SAVED_NOTE_MAX);
	max_note[CR_SAVED_NOTE_MAX] = '\0';
	s = simple();
	cr_saved_set(&s->name, max_name);
	cr_saved_set(&s->note, max_note);
	cr_saved_set(&s->title, max_note);
	cr_saved_set(&s->period, max_note);
	round_trip(s);
	cr_saved_free(s);
}

/* Bytes that are not UTF-8 are written as U+FFFD, never raw. */
static void
test_format_invalid_utf8(void **state)
{
	struct cr_saved	*s, *t;
	char		*text;

	(void)state;
	s = simple();
	cr_saved_set(&s->note, "a\xff" "b\xc3");
	text = cr_saved_format(s);
	expect_visible(text);
	t = parse_ok(text, strlen(text));
	assert_string_equal(t->note, "a\xef\xbf\xbd" "b\xef\xbf\xbd");
	free(text);
	cr_saved_free(t);
	cr_saved_free(s);
}

/*
 * A scenario put together by hand, past cr_saved_add(): the text is
 * still visible, and what is wrong with it is refused when read.
 */
static void
test_format_hand_made(void **state)
{
	struct cr_saved	*s;
	char		*text;

	(void)state;
	s = simple();
	s->weight[0] = NAN;
	text = cr_saved_format(s);
	assert_non_null(strstr(text, "\nstrategy = nan\n"));
	parse_error_s(text, "t.scn:11: the weight of 'strategy' is not a "
	    "plain decimal number: 'nan'");
	free(text);
	s->weight[0] = -INFINITY;
	text = cr_saved_format(s);
	parse_error_s(text, "t.scn:11: the weight of 'strategy' is not a "
	    "plain decimal number: '-inf'");
	free(text);

	s->weight[0] = 1;
	free(s->code[0]);
	s->code[0] = strdup("a\x1b b\xc3\xa9");
	assert_non_null(s->code[0]);
	cr_saved_set(&s->dataset, "1f\x1b[2J");
	cr_saved_set(&s->modified, "now\xc2\x9b");
	text = cr_saved_format(s);
	expect_visible(text);
	assert_non_null(strstr(text, "\ndataset   = 1f\\u{001B}[2J\n"));
	assert_non_null(strstr(text, "\nmodified  = now\\u{009B}\n"));
	assert_non_null(strstr(text, "\na??b?? = 1\n"));
	parse_error_s(text, "t.scn:6: dataset '1f\\u{001B}[2J' is not a data "
	    "set's hash (1 to 128 hex digits)");
	free(text);
	cr_saved_free(s);
}

/* --- preparation (issue 13): start --- */
/* A recipe is kept in cityrank's spelling, and one that is not refused. */
static void
test_recipe_key(void **state)
{
	const char	*t = L1 L2 L3 L4 L5 "recipe = treat winsorise:3 ;impute "
			    "mean\n" L6 L7;
	struct cr_saved	*s, *b;
	char		*text;

	(void)state;
	s = parse_ok(t, strlen(t));
	assert_string_equal(s->recipe, "impute mean; treat winsorise:3");
	text = cr_saved_format(s);
	assert_non_null(strstr(text, "\nrecipe    = impute mean; treat "
	    "winsorise:3\n"));
	b = parse_ok(text, strlen(text));
	expect_equal(s, b);
	free(text);
	cr_saved_free(b);
	cr_saved_free(s);
	/* None is a recipe (no step); no key keeps the data set's. */
	t = L1 L2 L3 L4 L5 "recipe = none\n" L6 L7;
	s = parse_ok(t, strlen(t));
	assert_string_equal(s->recipe, "none");
	cr_saved_free(s);
	t = L1 L2 L3 L4 L5 L6 L7;
	s = parse_ok(t, strlen(t));
	assert_string_equal(s->recipe, "");
	text = cr_saved_format(s);
	assert_null(strstr(text, "recipe"));
	free(text);
	cr_saved_free(s);
	parse_error_s(L1 L2 L3 L4 L5 "recipe = impute sometimes\n" L6 L7,
	    "t.scn:6: impute: 'sometimes' is not none, mean, median, "
	    "mean_group:GROUP, median_group:GROUP, linear or locf");
	parse_error_s(L1 L2 L3 L4 L5 "recipe = screen 0.9; screen 0.8\n" L6
	    L7, "t.scn:6: screen is given twice");
}
/* --- preparation: end --- */

static void
test_round_trip_numbers(void **state)
{
	static const double w[] = {
		0, 1, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 1e-5, 9.999999999999999e-6,
		123456789.123456789, 1e9, 999999999.99999988, 5e-324,
		2.2250738585072014e-308, 2.2250738585072009e-308,
		1.7976931348623157e-300, 0.30000000000000004, 1e15, 1e16,
		4.35, 0.1 + 0.7, 100, 1234.5, 7e-7,
	};
	struct cr_saved	*s;
	char		 code[16];
	size_t		 i;

	(void)state;
	s = simple();
	for (i = 0; i < sizeof w / sizeof w[0]; i++) {
		if (w[i] > CR_WEIGHT_MAX)
			continue;
		snprintf(code, sizeof code, "w%zu", i);
		add(s, code, w[i]);
	}
	s->norm_lo = -1e9;
	s->norm_hi = 0.1 + 0.2;
	round_trip(s);
	s->norm_lo = -0.0;
	s->norm_hi = 5e-324;
	round_trip(s);
	cr_saved_free(s);
}

/* A file as a person might write it. */
static void
test_parse(void **state)
{
	static const char text[] =
	    "format=cityrank-scenario\t1\n"
	    "\n"
	    "  # indented comment \\q\t\n"
	    "\tname\t=\tGreen \\u{e9}t\\u{E9}  \n"
	    "dataset=ABCdef0123456789\n"
	    "period = 2019Q1\n"
	    "normalize = MinMax:-1e3:+.5E1\n"
	    "aggregate = Arithmetic\n"
	    "modified = 2024-05-01T09:30:00.123456789Z\n"
	    "  [weights]  \n"
	    "# the dimensions\n"
	    "strategy=1.\n"
	    "tech = .5\n"
	    "\\#x = 2e+3\n"
	    "\\\\y = -0\n"
	    "a\\b = 0e-999\n"
	    "big = 1e9\n"
	    "tiny = 4.9e-324";	/* no newline at the end */
	struct cr_saved	*s;

	(void)state;
	s = parse_ok(text, strlen(text));
	assert_string_equal(s->name, "Green \xc3\xa9t\xc3\xa9");
	assert_string_equal(s->note, "");
	assert_string_equal(s->dataset, "ABCdef0123456789");
	assert_string_equal(s->title, "");
	assert_string_equal(s->period, "2019Q1");
	assert_string_equal(s->modified, "2024-05-01T09:30:00.123456789Z");
	assert_int_equal(s->norm, CR_NORM_MINMAX);
	assert_true(s->norm_lo == -1000 && s->norm_hi == 5);
	assert_int_equal(s->agg, CR_AGG_ARITH);
	assert_int_equal(s->n, 7);
	assert_string_equal(s->code[0], "strategy");
	assert_true(s->weight[0] == 1);
	assert_string_equal(s->code[1], "tech");
	assert_true(s->weight[1] == 0.5);
	assert_string_equal(s->code[2], "#x");
	assert_true(s->weight[2] == 2000);
	assert_string_equal(s->code[3], "\\y");
	assert_true(s->weight[3] == 0 && !signbit(s->weight[3]));
	assert_string_equal(s->code[4], "a\\b");
	assert_true(s->weight[4] == 0);
	assert_string_equal(s->code[5], "big");
	assert_true(s->weight[5] == 1e9);
	assert_string_equal(s->code[6], "tiny");
	assert_true(s->weight[6] > 0 && s->weight[6] < 1e-323);
	round_trip(s);
	cr_saved_free(s);
}

static void
test_parse_crlf_bom(void **state)
{
	static const char crlf[] =
	    "format = cityrank-scenario 1\r\n"
	    "name = A\r\n"
	    "note = x\\r\r\n"
	    "dataset = ab\r\n"
	    "normalize = zscore\r\n"
	    "aggregate = geom\r\n"
	    "\r\n"
	    "[weights]\r\n"
	    "a = 1\r\n";
	static const char bom[] =
	    "\xef\xbb\xbf" L1 L2 L3 L4 L5 L6 L7;
	static const char both[] =
	    "\xef\xbb\xbf" "format = cityrank-scenario 1\r\n"
	    "name = A\r\n"
	    "dataset = ab\r\n"
	    "normalize = rank\r\n"
	    "aggregate = geom\r\n"
	    "[weights]\r\n"
	    "a = 1\r\n"
	    "a = 2\r\n";
	struct cr_saved	*s;

	(void)state;
	s = parse_ok(crlf, strlen(crlf));
	assert_string_equal(s->name, "A");
	assert_string_equal(s->note, "x\r");
	assert_int_equal(s->norm, CR_NORM_ZSCORE);
	assert_int_equal(s->agg, CR_AGG_GEOM);
	assert_int_equal(s->n, 1);
	cr_saved_free(s);
	s = parse_ok(bom, strlen(bom));
	assert_string_equal(s->name, "A");
	assert_int_equal(s->norm, CR_NORM_RANK);
	cr_saved_free(s);
	/* Line numbers count CRLF lines; the BOM is on line 1. */
	parse_error_s(both,
	    "t.scn:8: second weight for 'a' (the first is on line 7)");
	parse_error_s("\xef\xbb\xbf# x\n" L1,
	    "t.scn:1: not a cityrank scenario: the first line must be "
	    "'format = cityrank-scenario 1'");
	/* Only a BOM at the start is one; a second is refused. */
	parse_error_s("\xef\xbb\xbf\xef\xbb\xbf" L1,
	    "t.scn:1: raw control character U+FEFF (in a value, write "
	    "\\u{FEFF})");
	/* A CR not before the LF is a raw control. */
	parse_error_s(L1 "name = A\r\r\n",
	    "t.scn:2: raw control character U+000D (in a value, write "
	    "\\u{000D})");
}

static void
test_parse_header_errors(void **state)
{
	(void)state;
	parse_error_s("", "t.scn:1: not a cityrank scenario: the file is "
	    "empty");
	parse_error("\xef\xbb\xbf", 3, "t.scn:1: not a cityrank scenario: "
	    "the file is empty");
	parse_error_s("\n" L1 L2, "t.scn:1: not a cityrank scenario: the "
	    "first line must be 'format = cityrank-scenario 1'");
	parse_error_s("format = other 1\n", "t.scn:1: not a cityrank "
	    "scenario: the first line must be 'format = cityrank-scenario "
	    "1'");
	parse_error_s("format = cityrank-scenario1\n", "t.scn:1: not a "
	    "cityrank scenario: the first line must be 'format = "
	    "cityrank-scenario 1'");
	parse_error_s("name = A\n", "t.scn:1: not a cityrank scenario: the "
	    "first line must be 'format = cityrank-scenario 1'");
	parse_error_s("format = cityrank-scenario 3\n" L2,
	    "t.scn:1: scenario format 3 is newer than this cityrank reads "
	    "(2)");
	parse_error_s("format = cityrank-scenario 12345678901234567890\n",
	    "t.scn:1: scenario format 12345678901234567890 is newer than "
	    "this cityrank reads (2)");
	parse_error_s("format = cityrank-scenario 0\n",
	    "t.scn:1: unknown scenario format 'cityrank-scenario 0'");
	parse_error_s("format = cityrank-scenario 01\n",
	    "t.scn:1: unknown scenario format 'cityrank-scenario 01'");
	parse_error_s("format = cityrank-scenario 1.1\n",
	    "t.scn:1: unknown scenario format 'cityrank-scenario 1.1'");
	parse_error_s("format = cityrank-scenario \n",
	    "t.scn:1: not a cityrank scenario: the first line must be "
	    "'format = cityrank-scenario 1'");

	parse_error_s(L1 L2 "colour = red\n", "t.scn:3: unknown key 'colour' "
	    "(expected name, note, dataset, title, period, normalize, "
	    "aggregate, modified or recipe)");
	parse_error_s(L1 L2 "Name = B\n", "t.scn:3: unknown key 'Name' "
	    "(expected name, note, dataset, title, period, normalize, "
	    "aggregate, modified or recipe)");
	parse_error_s(L1 L2 L3 "name = B\n", "t.scn:4: second 'name' (the "
	    "first is on line 2)");
	parse_error_s(L1 "note =\n" L2 "note = x\n", "t.scn:4: second 'note' "
	    "(the first is on line 2)");
	parse_error_s(L1 L2 L1, "t.scn:3: second 'format' (the first is on "
	    "line 1)");
	parse_error_s(L1 L2 "hello\n", "t.scn:3: expected 'KEY = VALUE'");
	parse_error_s(L1 L2 " = x\n", "t.scn:3: nothing before '='");

	/* A missing key is reported where the header ends. */
	parse_error_s(L1 L3 L4 L5 L6 L7, "t.scn:5: no 'name' before "
	    "[weights]");
	parse_error_s(L1 L2 L4 L5 "\n" L6 L7, "t.scn:6: no 'dataset' before "
	    "[weights]");
	parse_error_s(L1 L2 L3 L5 L6 L7, "t.scn:5: no 'normalize' before "
	    "[weights]");
	parse_error_s(L1 L2 L3 L4 L6 L7, "t.scn:5: no 'aggregate' before "
	    "[weights]");
	parse_error_s(L1 L2 L3 L4 L5, "t.scn:5: no [weights] section");
	parse_error_s(L1 L2 L3 L4 L5 "# end", "t.scn:6: no [weights] "
	    "section");
	parse_error_s(L1 L2 L3 L4 L5 L6, "t.scn:6: no weights after "
	    "[weights]");
	parse_error_s(L1 L2 L3 L4 L5 L6 "\n# none\n", "t.scn:6: no weights "
	    "after [weights]");
	parse_error_s(L1 L2 L3 L4 L5 L6 L7 L6, "t.scn:8: second [weights] "
	    "(the first is on line 6)");
	parse_error_s(L1 L2 L3 L4 L5 "[colours]\n", "t.scn:6: unknown section "
	    "'[colours]' (expected [weights], [normalize] or [aggregate])");
	parse_error_s(L1 L2 L3 L4 L5 "[weights] x\n", "t.scn:6: unknown "
	    "section '[weights] x' (expected [weights], [normalize] or "
	    "[aggregate])");
}

static void
test_parse_value_errors(void **state)
{
	(void)state;
	/* Names. */
	parse_error_s(L1 "name =\n", "t.scn:2: empty scenario name");
	parse_error_s(L1 "name = \\u{1B}[1mx\n", "t.scn:2: scenario name "
	    "'^[[1mx' contains a control character");
	parse_error_s(L1 "name = \\u{202e}abc\n", "t.scn:2: scenario name "
	    "'<U+202E>abc' contains a bidirectional control (U+202E)");
	parse_error_s(L1 "name = \\u{20}\\u{3000}\n", "t.scn:2: scenario name "
	    "' \xe3\x80\x80' has nothing but spaces");

	/* Escapes. */
	parse_error_s(L1 L2 "note = a\\qb\n", "t.scn:3: bad escape '\\q' in "
	    "the note (expected \\\\, \\n, \\t, \\r or \\u{XXXX})");
	parse_error_s(L1 L2 "note = a\\\xc3\xa9\n", "t.scn:3: bad escape "
	    "'\\\xc3\xa9' in the note (expected \\\\, \\n, \\t, \\r or "
	    "\\u{XXXX})");
	parse_error_s(L1 L2 "title = a\\\n", "t.scn:3: the title ends in a "
	    "backslash: write \\\\ for one");
	parse_error_s(L1 L2 "note = \\u41\n", "t.scn:3: bad escape '\\u': "
	    "write \\u{XXXX}");
	parse_error_s(L1 L2 "note = \\u{}\n", "t.scn:3: bad escape '\\u{': "
	    "write 1 to 6 hex digits and '}'");
	parse_error_s(L1 L2 "note = \\u{41\n", "t.scn:3: bad escape '\\u{': "
	    "write 1 to 6 hex digits and '}'");
	parse_error_s(L1 L2 "note = \\u{1000000}\n", "t.scn:3: bad escape "
	    "'\\u{': write 1 to 6 hex digits and '}'");
	parse_error_s(L1 L2 "note = \\u{g}\n", "t.scn:3: bad escape '\\u{': "
	    "write 1 to 6 hex digits and '}'");
	parse_error_s(L1 L2 "note = \\u{110000}\n", "t.scn:3: bad escape "
	    "'\\u{110000}': not a Unicode character");
	parse_error_s(L1 L2 "note = \\u{D800}\n", "t.scn:3: bad escape "
	    "'\\u{D800}': not a Unicode character");
	parse_error_s(L1 L2 "note = \\u{0}\n", "t.scn:3: bad escape "
	    "'\\u{0}': a NUL byte cannot be in a value");
	parse_error_s(L1 L2 "period = 20\t19\n", "t.scn:3: a tab in the "
	    "period: write it as \\t");

	/* The other values. */
	parse_error_s(L1 L2 "dataset = xyz\n", "t.scn:3: dataset 'xyz' is "
	    "not a data set's hash (1 to 128 hex digits)");
	parse_error_s(L1 L2 "dataset =\n", "t.scn:3: dataset '' is not a "
	    "data set's hash (1 to 128 hex digits)");
	parse_error_s(L1 L2 "dataset = "
	    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	    "0\n", "t.scn:3: dataset "
	    "'0123456789abcdef0123456789abcdef01234567\xe2\x80\xa6' is not a "
	    "data set's hash (1 to 128 hex digits)");
	parse_error_s(L1 L2 L3 "normalize = sum\n", "t.scn:4: unknown "
	    "normalisation 'sum' (expected none, minmax[:LO:HI], zscore, "
	    "rank, prank, borda, fracmax, goalposts[:LO:HI[:SCALE]], "
	    "dist2max, dist2targ[:TARGET][:cap] or dist2ref:UNIT[:cap])");
	parse_error_s(L1 L2 L3 "normalize = minmax:0x0:1\n", "t.scn:4: the "
	    "min-max low bound is not a plain decimal number: '0x0'");
	parse_error_s(L1 L2 L3 "normalize = minmax:0:inf\n", "t.scn:4: the "
	    "min-max high bound is not a plain decimal number: 'inf'");
	parse_error_s(L1 L2 L3 "normalize = minmax: 0:1\n", "t.scn:4: the "
	    "min-max low bound is not a plain decimal number: ' 0'");
	parse_error_s(L1 L2 L3 "normalize = minmax:0:1e999\n", "t.scn:4: the "
	    "min-max high bound is too large: '1e999'");
	parse_error_s(L1 L2 L3 "normalize = minmax:1e-999:1\n", "t.scn:4: "
	    "the min-max low bound is too small to tell from 0: '1e-999'");
	parse_error_s(L1 L2 L3 "normalize = minmax:5:1\n", "t.scn:4: bad "
	    "min-max range 'minmax:5:1' (expected minmax:LO:HI with LO < HI, "
	    "both within +-1e9)");
	parse_error_s(L1 L2 L3 "normalize = minmax:0\n", "t.scn:4: bad "
	    "min-max range 'minmax:0' (expected minmax:LO:HI with LO < HI, "
	    "both within +-1e9)");
	parse_error_s(L1 L2 L3 L4 "aggregate = median\n", "t.scn:5: unknown "
	    "aggregation 'median' (expected arith, geom, harm, power:P or "
	    "copeland)");
	parse_error_s(L1 L2 L3 L4 L5 "modified = yesterday\n", "t.scn:6: "
	    "modified 'yesterday' is not a UTC time such as "
	    "2024-05-01T09:30:00Z");
	parse_error_s(L1 L2 L3 L4 L5 "modified = 2024-13-01T09:30:00Z\n",
	    "t.scn:6: modified '2024-13-01T09:30:00Z' is not a UTC time such "
	    "as 2024-05-01T09:30:00Z");
	parse_error_s(L1 L2 L3 L4 L5 "modified = 2024-05-01T09:30:00\n",
	    "t.scn:6: modified '2024-05-01T09:30:00' is not a UTC time such "
	    "as 2024-05-01T09:30:00Z");
	parse_error_s(L1 L2 L3 L4 L5 "modified = 2024-05-01T09:30:00.Z\n",
	    "t.scn:6: modified '2024-05-01T09:30:00.Z' is not a UTC time "
	    "such as 2024-05-01T09:30:00Z");
}

static void
test_parse_weight_errors(void **state)
{
	static const char *const not_plain[] = {
		"0x10", "inf", "-inf", "nan", "NAN", "infinity", "1e", "e5",
		"1e+", ".", "-", "+", "", "1,5", "1 2", "1_000", "0x1p3", "--1",
		"1.2.3", "1e5.5", "\xd9\xa1", "1f", "1d",
	};
	char	text[256], want[256];
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof not_plain / sizeof not_plain[0]; i++) {
		snprintf(text, sizeof text, L1 L2 L3 L4 L5 L6 "a = %s\n",
		    not_plain[i]);
		snprintf(want, sizeof want, "t.scn:7: the weight of 'a' is not "
		    "a plain decimal number: '%s'", not_plain[i]);
		parse_error_s(text, want);
	}
	parse_error_s(L1 L2 L3 L4 L5 L6 L7 "b = 1e400\n", "t.scn:8: the "
	    "weight of 'b' is too large: '1e400'");
	parse_error_s(L1 L2 L3 L4 L5 L6 L7 "b = 1e-400\n", "t.scn:8: the "
	    "weight of 'b' is too small to tell from 0: '1e-400'");
	parse_error_s(L1 L2 L3 L4 L5 L6 L7 "b = 0.0000000000000000000000001"
	    "e-380\n", "t.scn:8: the weight of 'b' is too small to tell from "
	    "0: '0.0000000000000000000000001e-380'");
	parse_error_s(L1 L2 L3 L4 L5 L6 L7 "b = -1\n", "t.scn:8: the weight "
	    "of 'b' is negative: '-1'");
	parse_error_s(L1 L2 L3 L4 L5 L6 L7 "b = -1e-300\n", "t.scn:8: the "
	    "weight of 'b' is negative: '-1e-300'");
	parse_error_s(L1 L2 L3 L4 L5 L6 L7 "b = 1000000001\n", "t.scn:8: the "
	    "weight of 'b' is more than 1e9: '1000000001'");
	parse_error_s(L1 L2 L3 L4 L5 L6 L7 "b = 1.0000000000000002e9\n",
	    "t.scn:8: the weight of 'b' is more than 1e9: "
	    "'1.0000000000000002e9'");
	parse_error_s(L1 L2 L3 L4 L5 L6 L7 "\n# again\na = 2\n", "t.scn:10: "
	    "second weight for 'a' (the first is on line 7)");
	/* A code escaped or not is the same code. */
	parse_error_s(L1 L2 L3 L4 L5 L6 L7 "\\a = 2\n", "t.scn:8: second "
	    "weight for 'a' (the first is on line 7)");
	parse_error_s(L1 L2 L3 L4 L5 L6 L7 "b c = 1\n", "t.scn:8: node code "
	    "'b c' must be printable ASCII without spaces, ',' or '='");
	parse_error_s(L1 L2 L3 L4 L5 L6 L7 "caf\xc3\xa9 = 1\n", "t.scn:8: "
	    "node code 'caf\xc3\xa9' must be printable ASCII without spaces, "
	    "',' or '='");
	parse_error_s(L1 L2 L3 L4 L5 L6 L7 "b,c = 1\n", "t.scn:8: node code "
	    "'b,c' must be printable ASCII without spaces, ',' or '='");
	parse_error_s(L1 L2 L3 L4 L5 L6 L7 "\\ = 1\n", "t.scn:8: empty node "
	    "code");
	parse_error_s(L1 L2 L3 L4 L5 L6 L7 "b\n", "t.scn:8: expected 'CODE = "
	    "WEIGHT'");
	/* After [weights], header keys are codes like any other. */
	parse_error_s(L1 L2 L3 L4 L5 L6 L7 "name = B\n", "t.scn:8: the "
	    "weight of 'name' is not a plain decimal number: 'B'");
}

static void
test_parse_byte_errors(void **state)
{
	static const char nul[] = L1 L2 "note = a\0b\n" L3 L4 L5 L6 L7;
	char	*text;
	size_t	 n;

	(void)state;
	parse_error(nul, sizeof nul - 1, "t.scn:3: NUL byte");
	parse_error_s(L1 "name = \xff\n", "t.scn:2: invalid UTF-8");
	parse_error_s(L1 L2 "# \xc0\xaf\n", "t.scn:3: invalid UTF-8");
	parse_error_s(L1 L2 "note = \xed\xa0\x80\n", "t.scn:3: invalid "
	    "UTF-8");
	parse_error_s(L1 L2 "note = \xe2\x82\n", "t.scn:3: invalid UTF-8");
	parse_error_s(L1 L2 "note = a\x1b[2Jb\n", "t.scn:3: raw control "
	    "character U+001B (in a value, write \\u{001B})");
	parse_error_s(L1 L2 "# \x07\n", "t.scn:3: raw control character "
	    "U+0007 (in a value, write \\u{0007})");
	parse_error_s(L1 L2 "note = \x7f\n", "t.scn:3: raw control character "
	    "U+007F (in a value, write \\u{007F})");
	parse_error_s(L1 L2 "note = \xc2\x9b\n", "t.scn:3: raw control "
	    "character U+009B (in a value, write \\u{009B})");
	parse_error_s(L1 L2 "note = abc\xe2\x80\xae" "def\n", "t.scn:3: raw "
	    "control character U+202E (in a value, write \\u{202E})");
	parse_error_s(L1 L2 "# \xe2\x81\xa9\n", "t.scn:3: raw control "
	    "character U+2069 (in a value, write \\u{2069})");
	parse_error_s(L1 L2 "note = \xe2\x80\xa8\n", "t.scn:3: raw control "
	    "character U+2028 (in a value, write \\u{2028})");
	parse_error_s(L1 L2 "note = a\rb\n", "t.scn:3: raw control character "
	    "U+000D (in a value, write \\u{000D})");

	/* Lines: CR_SAVED_LINE_MAX bytes are read, one more is not. */
	n = strlen(L1 L2);
	text = malloc(n + CR_SAVED_LINE_MAX + 2 + strlen(L3 L4 L5 L6 L7) + 1);
	assert_non_null(text);
	memcpy(text, L1 L2, n);
	text[n] = '#';
	memset(text + n + 1, 'x', CR_SAVED_LINE_MAX - 1);
	strcpy(text + n + CR_SAVED_LINE_MAX, "\r\n" L3 L4 L5 L6 L7);
	cr_saved_free(parse_ok(text, strlen(text)));
	memset(text + n + 1, 'x', CR_SAVED_LINE_MAX);
	strcpy(text + n + CR_SAVED_LINE_MAX + 1, "\n" L3 L4 L5 L6 L7);
	parse_error_s(text, "t.scn:3: line is 32769 bytes, more than 32768");
	free(text);
}

/* Notes, titles and periods over their limits, made by the formatter. */
static void
test_text_limits(void **state)
{
	struct cr_saved	*s, *t;
	char		*note, *text;

	(void)state;
	note = malloc(10001);
	assert_non_null(note);
	memset(note, 'x', 10000);
	note[10000] = '\0';

	s = simple();
	cr_saved_set(&s->note, note);
	text = cr_saved_format(s);
	expect_visible(text);
	parse_error_s(text, "t.scn:6: the note is 10000 bytes, more than "
	    "4000");
	free(text);

	note[CR_SAVED_NOTE_MAX + 1] = '\0';
	cr_saved_set(&s->note, note);
	text = cr_saved_format(s);
	parse_error_s(text, "t.scn:6: the note is 4001 bytes, more than 4000");
	free(text);
	cr_saved_set(&s->note, "");
	cr_saved_set(&s->title, note);
	text = cr_saved_format(s);
	parse_error_s(text, "t.scn:7: the title is 4001 bytes, more than "
	    "4000");
	free(text);
	cr_saved_set(&s->title, "");
	cr_saved_set(&s->period, note);
	text = cr_saved_format(s);
	parse_error_s(text, "t.scn:7: the period is 4001 bytes, more than "
	    "4000");
	free(text);
	cr_saved_set(&s->period, "");

	note[CR_SAVED_NOTE_MAX] = '\0';
	cr_saved_set(&s->note, note);
	text = cr_saved_format(s);
	t = parse_ok(text, strlen(text));
	assert_int_equal(strlen(t->note), 4000);
	free(text);
	cr_saved_free(t);

	/* The unnamed last state formats, but a file needs a name. */
	cr_saved_set(&s->name, "");
	text = cr_saved_format(s);
	parse_error_s(text, "t.scn:5: empty scenario name");
	free(text);
	/* So does a weight. */
	cr_saved_set(&s->name, "x");
	s->n = 0;
	text = cr_saved_format(s);
	parse_error_s(text, "t.scn:11: no weights after [weights]");
	free(text);
	s->n = 1;
	free(note);
	cr_saved_free(s);
}

static void
test_file_name(void **state)
{
	static const char text[] = "x\n";
	char	*cause = NULL;
	struct cr_saved	*s = NULL;

	(void)state;
	expect_cause(cr_saved_parse(text, 2, "evil\x1b]0;x\x07.scn", &s, &cause),
	    &cause, "evil^[]0;x^G.scn:1: not a cityrank scenario: the first "
	    "line must be 'format = cityrank-scenario 1'");
	expect_cause(cr_saved_parse(text, 2, NULL, &s, &cause), &cause,
	    "-:1: not a cityrank scenario: the first line must be 'format = "
	    "cityrank-scenario 1'");
	assert_null(s);
	/* The length is the text's: bytes after it are not read. */
	s = parse_ok(L1 L2 L3 L4 L5 L6 L7 "garbage", strlen(L1 L2 L3 L4 L5 L6
	    L7));
	assert_int_equal(s->n, 1);
	cr_saved_free(s);
	assert_int_equal(parse("", &s, NULL), -1);
}

/*
 * Numbers are written and read with a '.' whatever LC_NUMERIC says.
 * Run with LOCPATH pointing at a directory where localedef -i de_DE -f
 * UTF-8 DIR/de_DE.UTF-8 put one, when the system has none.
 */
static void
test_locale(void **state)
{
	static const char *const names[] = {
		"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8",
		"de_DE", "fr_FR",
	};
	struct cr_saved	*s, *t;
	char		*text, buf[16];
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (setlocale(LC_NUMERIC, names[i]) != NULL)
			break;
	snprintf(buf, sizeof buf, "%.2f", 0.25);
	/*
	 * Not skip(): cmocka reports a skip as "not ok", which the TAP
	 * driver counts as a failure.  Without such a locale (Debian has
	 * only C.UTF-8 until one is generated) there is nothing to test.
	 */
	if (i == sizeof names / sizeof names[0] ||
	    strcmp(buf, "0,25") != 0) {
		setlocale(LC_NUMERIC, "C");
		print_message("# no locale with a decimal comma: not tested\n");
		return;
	}
	s = simple();
	s->norm_lo = 0.5;
	s->norm_hi = 99.75;
	text = cr_saved_format(s);
	assert_non_null(strstr(text, "normalize = minmax:0.5:99.75\n"));
	assert_non_null(strstr(text, "strategy = 0.25\n"));
	t = parse_ok(text, strlen(text));
	expect_equal(s, t);
	cr_saved_free(t);
	free(text);
	/* The locale is the caller's again. */
	snprintf(buf, sizeof buf, "%.2f", 0.25);
	assert_string_equal(buf, "0,25");
	setlocale(LC_NUMERIC, "C");
	cr_saved_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new),
		cmocka_unit_test(test_add),
		cmocka_unit_test(test_copy_set),
		cmocka_unit_test(test_check_name),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_format_methods),
		cmocka_unit_test(test_format_v2),
		cmocka_unit_test(test_parse_v2),
		cmocka_unit_test(test_round_trip_hostile),
		cmocka_unit_test(test_format_invalid_utf8),
		cmocka_unit_test(test_format_hand_made),
		cmocka_unit_test(test_round_trip_numbers),
		cmocka_unit_test(test_recipe_key),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_parse_crlf_bom),
		cmocka_unit_test(test_parse_header_errors),
		cmocka_unit_test(test_parse_value_errors),
		cmocka_unit_test(test_parse_weight_errors),
		cmocka_unit_test(test_parse_byte_errors),
		cmocka_unit_test(test_text_limits),
		cmocka_unit_test(test_file_name),
		cmocka_unit_test(test_locale),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
