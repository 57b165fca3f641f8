/*
 * The ranking's columns (tui/rankcols.c): the default set a width keeps,
 * the layout at every width and scroll, the chooser's list, and the
 * columns setting.  Expected widths are worked out by hand from the
 * columns' widths: rank 5, move 5, city 8, pinyin 12, score 6, report 6,
 * provenance 13, a node 8, each with a gap of 1 after it.
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

#include "model.h"
#include "rankcols.h"

/* Node indices of the tree below: the root 0, dimensions, their parts. */
enum { D1 = 1, D1A, D2, D2A, D2B, D3 };

/* index { d1 { d1a } d2 { d2a d2b } d3 } */
static struct cr_model *
tree(void)
{
	struct cr_model	*m = cr_model_new("t");
	static const char *const nodes[][2] = { { "index", NULL },
	    { "d1", "index" }, { "d1a", "d1" }, { "d2", "index" },
	    { "d2a", "d2" }, { "d2b", "d2" }, { "d3", "index" } };
	size_t		 i;

	for (i = 0; i < sizeof nodes / sizeof nodes[0]; i++)
		assert_int_equal(cr_model_add_node(m, nodes[i][0],
		    nodes[i][1], nodes[i][0], nodes[i][0], "", 1, 1, NULL), 0);
	assert_int_equal(cr_model_freeze(m, NULL), 0);
	assert_int_equal(cr_model_find_node(m, "d2b"), D2B);
	return (m);
}

/* The ranking's default set for four dimensions and six parts. */
static size_t
default_set(struct rc_col *c)
{
	size_t	n = 0;
	int	i;

	c[n++] = (struct rc_col){ RC_RANK, 0 };
	c[n++] = (struct rc_col){ RC_MOVE, 0 };
	c[n++] = (struct rc_col){ RC_CITY, 0 };
	c[n++] = (struct rc_col){ RC_NAME2, 1000 };
	c[n++] = (struct rc_col){ RC_SCORE, 0 };
	c[n++] = (struct rc_col){ RC_REPORT, 2000 };
	c[n++] = (struct rc_col){ RC_PROV, 3000 };
	for (i = 0; i < 4; i++)
		c[n++] = (struct rc_col){ RC_NODE + 1 + i, i };
	for (i = 0; i < 6; i++)
		c[n++] = (struct rc_col){ RC_NODE + 10 + i, 4000 };
	return (n);
}

/*
 * All 17 take 21 + 13 + 7 + 7 + 14 + 4 * 9 + 6 * 9 = 152; without the
 * six parts 98, provenance 84, the report 77, pinyin 64, then a
 * dimension less each 9, down to the first: 37.
 */
static void
test_fit(void **state)
{
	static const struct { int width; size_t kept; } want[] = {
		{ 200, 17 }, { 152, 17 }, { 151, 11 }, { 98, 11 },
		{ 97, 10 }, { 84, 10 }, { 83, 9 }, { 77, 9 }, { 76, 8 },
		{ 64, 8 }, { 63, 7 }, { 55, 7 }, { 54, 6 }, { 46, 6 },
		{ 45, 5 }, { 37, 5 }, { 20, 5 },
	};
	struct rc_col	c[32];
	size_t		i, j, n, kept;

	(void)state;
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		n = default_set(c);
		kept = rc_fit(c, n, want[i].width, 0, 26);
		if (kept != want[i].kept)
			fail_msg("width %d: %zu kept, not %zu", want[i].width,
			    kept, want[i].kept);
		/* Nothing lost; each part keeps its order. */
		assert_int_equal(n, 17);
		for (j = 1; j < kept; j++)
			assert_true(c[j - 1].id < c[j].id);
		for (j = kept + 1; j < n; j++)
			assert_true(c[j - 1].id < c[j].id);
	}
	/* At 60 columns: the index and three dimensions, no pinyin. */
	n = default_set(c);
	kept = rc_fit(c, n, 60, 0, 26);
	assert_int_equal(kept, 7);
	assert_int_equal(c[3].id, RC_SCORE);
	assert_int_equal(c[4].id, RC_NODE + 1);
	assert_int_equal(c[6].id, RC_NODE + 3);
	assert_int_equal(c[7].id, RC_NAME2);
}

/*
 * With the nodes' bars held at 3 cells (a node then takes 11) until
 * after pinyin: all 17 take 172; without the parts 106, provenance 92,
 * the report 85, pinyin 72; then the bars go (64, nothing dropped),
 * then the dimensions from the last: 55, 46, 37.
 */
static void
test_fit_bars(void **state)
{
	static const struct { int width; size_t kept; } want[] = {
		{ 172, 17 }, { 171, 11 }, { 106, 11 }, { 105, 10 },
		{ 92, 10 }, { 91, 9 }, { 85, 9 }, { 84, 8 }, { 72, 8 },
		{ 71, 8 }, { 64, 8 }, { 63, 7 }, { 55, 7 }, { 54, 6 },
		{ 46, 6 }, { 45, 5 }, { 20, 5 },
	};
	struct rc_col	c[32];
	size_t		i, n, kept;

	(void)state;
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		n = default_set(c);
		kept = rc_fit(c, n, want[i].width, 500, 26);
		if (kept != want[i].kept)
			fail_msg("width %d: %zu kept, not %zu", want[i].width,
			    kept, want[i].kept);
	}
	/* At 80: the four dimensions (with bars), not pinyin. */
	n = default_set(c);
	assert_int_equal(rc_fit(c, n, 80, 500, 26), 8);
	assert_int_equal(c[7].id, RC_NODE + 4);
	assert_int_equal(c[8].id, RC_NAME2);
}

/* Lay out n columns, the first keep before the bars, names of 8. */
static void
lay(const int *ids, size_t n, size_t keep, int width, int scroll,
    struct rc_place *at, struct rc_layout *l)
{
	struct rc_cols	c = { ids, n, keep, 8, 26 };

	rc_layout(&c, width, scroll, at, l);
}

static int
scroll_to(const int *ids, size_t n, int width, int scroll, size_t i)
{
	struct rc_cols	c = { ids, n, n, 8, 26 };

	return (rc_scroll_to(&c, width, scroll, i));
}

/* Every layout is whole columns in the width, in order, pinned left. */
static void
check_layout(const int *ids, size_t n, size_t keep, int width, int scroll)
{
	struct rc_place	at[32];
	struct rc_layout l;
	size_t		 i;
	int		 x = 0, k = 0, first = -1, last = -1, gap_after;
	int		 node_bar;

	lay(ids, n, keep, width, scroll, at, &l);
	assert_true(l.scroll >= 0 && l.scroll <= l.max_scroll);
	if (scroll >= 0 && scroll <= l.max_scroll)
		assert_int_equal(l.scroll, scroll);
	/* Pinned first in their order, then scrolling ones, no overlap. */
	for (i = 0; i < n; i++)
		if (rc_pinned(ids[i]) && at[i].x >= 0) {
			assert_int_equal(at[i].x, x);
			x += at[i].w + 1;
		}
	for (i = 0; i < n; i++) {
		if (rc_pinned(ids[i]))
			continue;
		if (at[i].x >= 0) {
			assert_int_equal(at[i].x, x);
			x += at[i].w + 1;
			if (first < 0)
				first = k;
			/* Contiguous: none hidden between shown ones. */
			assert_true(last < 0 || last == k - 1);
			last = k;
		}
		k++;
	}
	assert_true(x <= width);
	if (first >= 0)
		assert_int_equal(first, l.scroll);
	/* Marks: where columns are scrolled off or past the edge. */
	assert_int_equal(l.left_mark >= 0, l.scroll > 0);
	gap_after = last + 1 < k;
	assert_int_equal(l.right_mark >= 0, gap_after || (last < 0 && k > 0));
	/*
	 * Bars: within their bounds, the nodes' all of one size among the
	 * columns kept (those filling the room left after have none).
	 */
	node_bar = -1;
	for (i = 0; i < n; i++) {
		assert_int_equal(at[i].w, rc_width(ids[i], at[i].bar, 26));
		assert_true(at[i].bar == 0 || at[i].bar >= 3);
		assert_true(at[i].bar <= (ids[i] == RC_SCORE ? 12 : 8));
		if (i >= keep && at[i].x >= 0)
			assert_int_equal(at[i].bar, 0);
		if (ids[i] < RC_NODE || at[i].x < 0 || i >= keep)
			continue;
		if (node_bar < 0)
			node_bar = at[i].bar;
		assert_int_equal(at[i].bar, node_bar);
	}
}

static void
test_layout_all_widths(void **state)
{
	int	ids[] = { RC_RANK, RC_MOVE, RC_CITY, RC_NAME2, RC_SCORE,
	    RC_REPORT, RC_PROV, RC_NODE + 1, RC_NODE + 2, RC_NODE + 3,
	    RC_NODE + 4, RC_NODE + 5 };
	int	odd[] = { RC_SCORE, RC_NODE + 2, RC_CITY, RC_PROV, RC_RANK,
	    RC_NODE + 1 };
	size_t	n = sizeof ids / sizeof ids[0], k;
	int	w, s;

	(void)state;
	for (w = 10; w <= 260; w++)
		for (s = -1; s < 14; s++)
			for (k = 0; k <= n; k += 4) {
				check_layout(ids, n, k, w, s);
				check_layout(odd, sizeof odd / sizeof odd[0],
				    k, w, s);
			}
}

/* Bars take only what is left over: the nodes' first, up to 8. */
static void
test_bars(void **state)
{
	int		 ids[] = { RC_RANK, RC_MOVE, RC_CITY, RC_SCORE,
	    RC_NODE + 1, RC_NODE + 2, RC_NAME2 };
	struct rc_place	 at[7];
	struct rc_layout l;

	(void)state;
	/* 21 + 7 + 18 = 46: at 46, no room for a bar. */
	lay(ids, 6, 6, 46, 0, at, &l);
	assert_int_equal(at[3].bar, 0);
	assert_int_equal(at[4].bar, 0);
	/* At 50, 4 over: node bars of 3 (8 -> 10, twice). */
	lay(ids, 6, 6, 50, 0, at, &l);
	assert_int_equal(at[3].bar, 0);
	assert_int_equal(at[4].bar, 3);
	assert_int_equal(at[5].bar, 3);
	assert_int_equal(at[5].x, 21 + 7 + 11);
	/* At 100, 54 over: 8 each (2 * 7), then the score's 12 (13). */
	lay(ids, 6, 6, 100, 0, at, &l);
	assert_int_equal(at[3].bar, 12);
	assert_int_equal(at[4].bar, 8);
	assert_int_equal(at[5].bar, 8);
	assert_int_equal(at[4].x, 21 + 20);
	assert_int_equal(at[5].x, 21 + 20 + 16);
	assert_int_equal(l.right_mark, -1);
	/*
	 * The six kept take 46 of 80; their bars take 14 + 13, and the 7
	 * left cannot hold pinyin (13): it waits past the edge.
	 */
	lay(ids, 7, 6, 80, 0, at, &l);
	assert_int_equal(at[3].bar, 12);
	assert_int_equal(at[6].x, -1);
	assert_int_equal(l.right_mark, 79);
	/*
	 * Kept, pinyin is placed first (59 of 80); the 21 left: node bars
	 * of 8 (14), then a score bar of 6 (7).
	 */
	lay(ids, 7, 7, 80, 0, at, &l);
	assert_int_equal(at[6].x, 21 + 14 + 16 + 16);
	assert_int_equal(at[4].bar, 8);
	assert_int_equal(at[3].bar, 6);
	assert_int_equal(l.right_mark, -1);
}

/*
 * Names are cut last: the room left widens the city's column to its
 * longest name (24 at most), before any bar.
 */
static void
test_names(void **state)
{
	int		 ids[] = { RC_RANK, RC_MOVE, RC_CITY, RC_SCORE,
	    RC_NODE + 1 };
	struct rc_cols	 c = { ids, 5, 5, 22, 26 };
	struct rc_place	 at[5];
	struct rc_layout l;

	(void)state;
	/* 21 + 7 + 9 = 37: at 45, 8 over, the city takes them (16). */
	rc_layout(&c, 45, 0, at, &l);
	assert_int_equal(at[2].w, 16);
	assert_int_equal(at[3].x, 12 + 16 + 1);
	assert_int_equal(at[4].bar, 0);
	/* At 80, 43 over: 14 to the city (22), then bars of 8 and 12. */
	rc_layout(&c, 80, 0, at, &l);
	assert_int_equal(at[2].w, 22);
	assert_int_equal(at[4].bar, 8);
	assert_int_equal(at[3].bar, 12);
	/* A name of 40 gets 24. */
	c.name_w = 40;
	rc_layout(&c, 200, 0, at, &l);
	assert_int_equal(at[2].w, 24);
	/* Short names leave the column as it is. */
	c.name_w = 6;
	rc_layout(&c, 200, 0, at, &l);
	assert_int_equal(at[2].w, 8);
}

/* The scroll: by whole columns; the last one reachable, no further. */
static void
test_scroll(void **state)
{
	int		 ids[] = { RC_RANK, RC_MOVE, RC_CITY, RC_SCORE,
	    RC_NODE + 1, RC_NODE + 2, RC_NODE + 3, RC_NODE + 4 };
	struct rc_place	 at[8];
	struct rc_layout l;

	(void)state;
	/*
	 * 60: 21 pinned, then 39: score and three nodes (7 + 27 = 34); the
	 * 5 left over make a score bar of 4 (6 -> 11).
	 */
	lay(ids, 8, 8, 60, 0, at, &l);
	assert_int_equal(at[3].bar, 4);
	assert_int_equal(at[6].x, 21 + 12 + 18);
	assert_int_equal(at[7].x, -1);
	assert_int_equal(l.right_mark, 59);
	assert_int_equal(l.left_mark, -1);
	/* The four nodes fit from the first: the most scroll is 1. */
	assert_int_equal(l.max_scroll, 1);
	lay(ids, 8, 8, 60, 5, at, &l);
	assert_int_equal(l.scroll, 1);
	assert_int_equal(at[3].x, -1);
	assert_int_equal(at[4].x, 21);
	assert_int_equal(at[7].x >= 0, 1);
	/* The ‹ mark sits in the gap after the city. */
	assert_int_equal(l.left_mark, 20);
	assert_int_equal(l.right_mark, -1);
	/* Rank, move and the city never scroll. */
	assert_int_equal(at[0].x, 0);
	assert_int_equal(at[2].x, 12);
	/* Bring a column into sight: the least scroll that shows it. */
	assert_int_equal(scroll_to(ids, 8, 60, 0, 7), 1);
	assert_int_equal(scroll_to(ids, 8, 60, 1, 3), 0);
	assert_int_equal(scroll_to(ids, 8, 60, 1, 5), 1);
	assert_int_equal(scroll_to(ids, 8, 60, 1, 0), 1);
	/* 40: 21 + 7 + 9 = 37, one node at a time after the score. */
	assert_int_equal(scroll_to(ids, 8, 40, 0, 7), 3);
}

static void
test_set(void **state)
{
	struct cr_model	*m = tree();
	struct rc_set	 s;
	int		 ids[32], want[] = { RC_NODE + D2A, RC_SCORE, RC_RANK,
	    RC_NODE + D1 };
	size_t		 n;

	(void)state;
	rc_set_init(&s, m, 0);
	/* The fixed columns, then the nodes depth first, the root not. */
	assert_int_equal(s.n, RC_NODE - 1 + 6);
	assert_int_equal(s.ids[RC_NODE - 1], RC_NODE + D1);
	assert_int_equal(s.ids[RC_NODE], RC_NODE + D1A);
	assert_int_equal(s.ids[RC_NODE + 4], RC_NODE + D3);
	assert_int_equal(rc_set_shown(&s, ids), 0);
	/* Chosen in this order; pinned first; the city always. */
	rc_set_choose(&s, want, 4);
	n = rc_set_shown(&s, ids);
	assert_int_equal(n, 5);
	assert_int_equal(ids[0], RC_RANK);
	assert_int_equal(ids[1], RC_CITY);
	assert_int_equal(ids[2], RC_NODE + D2A);
	assert_int_equal(ids[3], RC_SCORE);
	assert_int_equal(ids[4], RC_NODE + D1);
	/* The hidden ones after, in the order they had. */
	assert_int_equal(s.ids[1], RC_MOVE);
	assert_int_equal(s.on[1], 0);
	assert_int_equal(s.ids[2], RC_CITY);
	assert_int_equal(s.ids[3], RC_NODE + D2A);
	assert_int_equal(s.ids[6], RC_NAME2);
	assert_int_equal(s.ids[s.n - 1], RC_NODE + D3);
	/* The city cannot be hidden; the others toggle. */
	assert_int_equal(rc_set_toggle(&s, 2), -1);
	assert_int_equal(rc_set_toggle(&s, 3), 0);
	assert_int_equal(rc_set_toggle(&s, 3), 1);
	/* Moves: not across the pinned columns' edge, nor off the ends. */
	assert_int_equal(rc_set_move(&s, 3, -1), -1);
	assert_int_equal(rc_set_move(&s, 2, 1), -1);
	assert_int_equal(rc_set_move(&s, 0, -1), -1);
	assert_int_equal(rc_set_move(&s, s.n - 1, 1), -1);
	assert_int_equal(rc_set_move(&s, 3, 1), 4);
	n = rc_set_shown(&s, ids);
	assert_int_equal(ids[2], RC_SCORE);
	assert_int_equal(ids[3], RC_NODE + D2A);
	assert_int_equal(rc_set_move(&s, 0, 1), 1);
	assert_int_equal(s.ids[0], RC_MOVE);
	rc_set_free(&s);
	/* With several years, the move since the last one, pinned. */
	rc_set_init(&s, m, 1);
	assert_int_equal(s.n, RC_NODE + 6);
	assert_int_equal(s.ids[2], RC_YEAR);
	assert_true(rc_pinned(RC_YEAR));
	assert_string_equal(rc_code(RC_YEAR, m), "year");
	rc_set_free(&s);
	cr_model_free(m);
}

static void
test_parse(void **state)
{
	struct cr_model	*m = tree();
	int		*ids;
	size_t		 n;
	char		*why;

	(void)state;
	assert_int_equal(rc_parse(" rank,city , d2b,score,prov,code,report,"
	    "move,provenance", m, &ids, &n, &why), -1);
	assert_non_null(strstr(why, "'provenance' is named twice"));
	free(why);
	assert_int_equal(rc_parse(" rank,city , d2b,score,prov,code,report,"
	    "index", m, &ids, &n, &why), 0);
	assert_int_equal(n, 8);
	assert_int_equal(ids[0], RC_RANK);
	assert_int_equal(ids[1], RC_CITY);
	assert_int_equal(ids[2], RC_NODE + D2B);
	assert_int_equal(ids[3], RC_SCORE);
	assert_int_equal(ids[4], RC_PROV);
	assert_int_equal(ids[5], RC_NAME2);
	assert_int_equal(ids[6], RC_REPORT);
	assert_int_equal(ids[7], RC_NODE + 0);
	free(ids);
	assert_string_equal(rc_code(RC_NODE + D2B, m), "d2b");
	assert_string_equal(rc_code(RC_PROV, m), "provenance");
	assert_int_equal(rc_parse("rank,,city", m, &ids, &n, &why), -1);
	assert_non_null(strstr(why, "empty"));
	free(why);
	assert_int_equal(rc_parse("rank,d9", m, &ids, &n, &why), -1);
	assert_non_null(strstr(why, "no column 'd9'"));
	free(why);
	assert_int_equal(rc_parse("rank,", m, &ids, &n, &why), -1);
	free(why);
	cr_model_free(m);
}

/*
 * Rank and move widen with the data set, by hand: five digits and a
 * mark fit the rank up to 99,999, an arrow and five digits the move
 * from 10,000; 100,000 needs six and seven.
 */
static void
test_widths_units(void **state)
{
	(void)state;
	assert_int_equal(rc_width(RC_RANK, 0, 26), 5);
	assert_int_equal(rc_width(RC_RANK, 0, 99999), 5);
	assert_int_equal(rc_width(RC_RANK, 0, 100000), 6);
	assert_int_equal(rc_width(RC_MOVE, 0, 9999), 5);
	assert_int_equal(rc_width(RC_MOVE, 0, 10000), 6);
	assert_int_equal(rc_width(RC_MOVE, 0, 100000), 7);
	assert_int_equal(rc_width(RC_CITY, 0, 100000), 8);
	assert_int_equal(rc_widened(26), 0);
	assert_int_equal(rc_widened(84000), 1);
	assert_int_equal(rc_widened(1000000), 5);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_fit_bars),
		cmocka_unit_test(test_layout_all_widths),
		cmocka_unit_test(test_bars),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_scroll),
		cmocka_unit_test(test_set),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_widths_units),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
