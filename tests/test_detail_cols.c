/*
 * The city detail's columns (tui/detail_cols.c): names are cut last,
 * nothing is wider than what it shows, and the order in which columns
 * give way holds for every width and every mix of needs.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>

#include <cmocka.h>

#include "detail_cols.h"

/* The bundled data's Shenzhen, as view_detail.c measures it. */
static struct detail_cols
shenzhen(void)
{
	struct detail_cols	c = { 0 };

	c.name = 42;		/* indent and "中文 English" at its widest */
	c.rank = 6;		/* "26/26" and its header */
	c.rank_short = 4;
	c.raw = 8;		/* "computed" */
	c.unit = 11;		/* "score 0-100" */
	c.prov = 13;		/* "reconstructed" */
	c.report = 7;		/* "83.0 #1" */
	c.source = 150;
	return (c);
}

static void
test_wide(void **state)
{
	struct detail_cols	c = shenzhen();

	(void)state;
	detail_cols_fit(&c, 200);
	/* Every column at its own width: none stretched to fill. */
	assert_int_equal(c.namew, 42);
	assert_int_equal(c.rankw, 6);
	assert_int_equal(c.reportw, 7);
	assert_int_equal(c.unitw, 11);
	assert_int_equal(c.provw, 13);
	assert_false(c.compact);
	/* 42+1+7+1+6+1+7+1+8+1+11+3+13 = 102; the source has the rest. */
	assert_int_equal(c.sourcew, 200 - 102 - 1);
	assert_int_equal(detail_cols_width(&c), 200);
}

static void
test_80(void **state)
{
	struct detail_cols	c = shenzhen();

	(void)state;
	detail_cols_fit(&c, 80);
	/* The report, then the provenance's word go: names stay whole. */
	assert_int_equal(c.namew, 42);
	assert_int_equal(c.reportw, 0);
	assert_true(c.compact);
	assert_int_equal(c.provw, 0);
	assert_int_equal(c.unitw, 11);
	assert_int_equal(c.sourcew, 0);
	assert_int_equal(detail_cols_width(&c), 79);
}

static void
test_60(void **state)
{
	struct detail_cols	c = shenzhen();

	(void)state;
	detail_cols_fit(&c, 60);
	/* Everything else has gone before the names are cut. */
	assert_int_equal(c.unitw, 0);
	assert_int_equal(c.rankw, 4);
	assert_true(c.compact);
	/* 1+7+1+4+1+8+1 = 23 for the rest. */
	assert_int_equal(c.namew, 60 - 23);
	assert_int_equal(detail_cols_width(&c), 60);
}

/* The rules, for every width and a spread of needs. */
static void
test_rules(void **state)
{
	struct detail_cols	c;
	int			name, unit, report, w, cut;

	(void)state;
	for (name = 4; name <= 90; name += 7)
	for (unit = 0; unit <= 40; unit += 13)
	for (report = 0; report <= 12; report += 6)
	for (w = 20; w <= 220; w++) {
		c = shenzhen();
		c.name = name;
		c.unit = unit;
		c.report = report;
		detail_cols_fit(&c, w);
		/* Never wider than needed. */
		assert_true(c.namew <= c.name);
		assert_true(c.unitw <= c.unit);
		assert_true(c.reportw <= c.report);
		assert_true(c.sourcew <= c.source);
		/* Within the width, unless the names are at their least. */
		assert_true(detail_cols_width(&c) <= w ||
		    c.namew <= DETAIL_NAME_MIN);
		/* Names cut last: only once all else has given way. */
		cut = c.namew < c.name;
		if (cut)
			assert_true(c.reportw == 0 && c.unitw == 0 &&
			    c.compact && c.rankw == c.rank_short &&
			    c.sourcew == 0);
		/* The report goes before the provenance's word. */
		if (c.compact)
			assert_int_equal(c.reportw, 0);
		/* The unit goes after the provenance is compact. */
		if (c.unit > 0 && c.unitw == 0)
			assert_true(c.compact);
		/* A cut unit is still worth reading. */
		if (c.unitw > 0 && c.unitw < c.unit)
			assert_true(c.unitw >= DETAIL_UNIT_MIN);
		/* The source only beside the whole provenance. */
		if (c.sourcew > 0)
			assert_true(!c.compact &&
			    c.sourcew >= DETAIL_SRC_MIN);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wide),
		cmocka_unit_test(test_80),
		cmocka_unit_test(test_60),
		cmocka_unit_test(test_rules),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
