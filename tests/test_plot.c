/*
 * Text scatter plots: tick values, layout, markers, the fit line and
 * label placement.  Expected screens were worked out by hand from the
 * layout rules (the arithmetic is in the comments), not copied from
 * the program's output.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "plot.h"
#include "spark.h"
#include "ticks.h"
#include "utf8.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static void
expect_ticks(const struct cr_ticks *t, const double *want, int n)
{
	int	 i;

	if (t->n != n)
		fail_msg("%d ticks, want %d (first %g, last %g)", t->n, n,
		    t->v[0], t->v[t->n - 1]);
	for (i = 0; i < n; i++)
		if (fabs(t->v[i] - want[i]) > 1e-9 * fmax(1, fabs(want[i])))
			fail_msg("tick %d is %.17g, want %.17g", i, t->v[i],
			    want[i]);
}

static void
expect_line(const struct cr_plot *p, int row, const char *want)
{
	char	*got = cr_plot_line(p, row);

	if (strcmp(got, want) != 0) {
		print_error("row %d\n got: \"%s\"\nwant: \"%s\"\n", row, got,
		    want);
		free(got);
		fail();
	}
	free(got);
}

/* All h rows; want has one string a row. */
static void
expect_screen(const struct cr_plot *p, const char *const *want, int h)
{
	int	 r;

	assert_int_equal(p->h, h);
	for (r = 0; r < h; r++)
		expect_line(p, r, want[r]);
}

static int
count_role(const struct cr_plot *p, int role)
{
	int	 r, c, n = 0;

	for (r = 0; r < p->h; r++)
		for (c = 0; c < p->w; c++)
			if (cr_plot_cell(p, r, c)->role == role)
				n++;
	return n;
}

/* ---- ticks ---- */

static void
test_ticks_linear(void **state)
{
	struct cr_ticks	 t;

	(void)state;
	/*
	 * 0..100, at most 6: step 10 gives 11, step 20 gives 0..100 in 6.
	 * At most 5: step 20 is one too many, step 50 gives 3.
	 */
	cr_ticks_linear(0, 100, 6, &t);
	expect_ticks(&t, (const double[]){ 0, 20, 40, 60, 80, 100 }, 6);
	assert_true(t.step == 20 && t.lo == 0 && t.hi == 100);
	cr_ticks_linear(0, 100, 5, &t);
	expect_ticks(&t, (const double[]){ 0, 50, 100 }, 3);
	cr_ticks_linear(0, 100, 11, &t);
	assert_int_equal(t.n, 11);
	/*
	 * Per-capita GDP 56000..190000.  Padded to whole steps: step 20000
	 * runs 40000..200000, 9 ticks; step 50000 runs 50000..200000, 4.
	 * So at most 7 (or 5) gives 4 ticks and at most 9 gives 9; no 1-2-5
	 * step gives 5..7 here.
	 */
	cr_ticks_linear(56000, 190000, 7, &t);
	expect_ticks(&t, (const double[]){ 50000, 100000, 150000, 200000 },
	    4);
	cr_ticks_linear(56000, 190000, 9, &t);
	expect_ticks(&t, (const double[]){ 40000, 60000, 80000, 100000,
	    120000, 140000, 160000, 180000, 200000 }, 9);
	/* 0.1 steps are computed as i / 10: exactly 0.3, not 0.30000004. */
	cr_ticks_linear(0.12, 0.48, 5, &t);
	expect_ticks(&t, (const double[]){ 0.1, 0.2, 0.3, 0.4, 0.5 }, 5);
	assert_true(t.v[2] == 0.3);
	/* Negative ranges, and lo > hi swapped. */
	cr_ticks_linear(-3, -17, 4, &t);
	expect_ticks(&t, (const double[]){ -20, -10, 0 }, 3);
}

static void
test_ticks_zero_range(void **state)
{
	struct cr_ticks	 t;

	(void)state;
	/* 5 becomes 4.5..5.5: step 0.2 needs 4.4..5.6 (7), so 0.5. */
	cr_ticks_linear(5, 5, 6, &t);
	expect_ticks(&t, (const double[]){ 4.5, 5, 5.5 }, 3);
	/* With room for 7, step 0.2 fits. */
	cr_ticks_linear(5, 5, 7, &t);
	expect_ticks(&t, (const double[]){ 4.4, 4.6, 4.8, 5, 5.2, 5.4, 5.6 },
	    7);
	/* 0 becomes -1..1. */
	cr_ticks_linear(0, 0, 7, &t);
	expect_ticks(&t, (const double[]){ -1, -0.5, 0, 0.5, 1 }, 5);
	assert_false(signbit(t.v[2]));
	/* Huge or non-finite values never loop or divide by zero. */
	cr_ticks_linear(1e300, 1e300, 7, &t);
	assert_true(t.n >= 2 && t.lo < t.hi);
	cr_ticks_linear(NAN, 3, 7, &t);
	expect_ticks(&t, (const double[]){ 0, 0.2, 0.4, 0.6, 0.8, 1 }, 6);
	cr_ticks_linear(-INFINITY, INFINITY, 7, &t);
	assert_true(t.n >= 2 && t.lo == 0 && t.hi == 1);
}

static void
test_ticks_log(void **state)
{
	struct cr_ticks	 t;

	(void)state;
	/* 1..1000 holds 10 1-2-5 values: more than 7, so decades. */
	cr_ticks_log(1, 1000, 7, &t);
	expect_ticks(&t, (const double[]){ 1, 10, 100, 1000 }, 4);
	assert_true(t.step == 0);
	cr_ticks_log(1, 1000, 10, &t);
	expect_ticks(&t, (const double[]){ 1, 2, 5, 10, 20, 50, 100, 200,
	    500, 1000 }, 10);
	/* Padded to 1-2-5 values: 56000..190000 becomes 50000..200000. */
	cr_ticks_log(56000, 190000, 7, &t);
	expect_ticks(&t, (const double[]){ 50000, 100000, 200000 }, 3);
	assert_true(t.lo == 50000 && t.hi == 200000);
	/* Eleven decades, at most 4: every third decade. */
	cr_ticks_log(1, 1e10, 4, &t);
	expect_ticks(&t, (const double[]){ 1, 1e3, 1e6, 1e9 }, 4);
	/* Below 1, and a zero range (30 -> 15..60 -> 10..100). */
	cr_ticks_log(0.03, 0.3, 7, &t);
	expect_ticks(&t, (const double[]){ 0.02, 0.05, 0.1, 0.2, 0.5 }, 5);
	cr_ticks_log(30, 30, 7, &t);
	expect_ticks(&t, (const double[]){ 10, 20, 50, 100 }, 4);
	/* Nothing positive: 1..10. */
	cr_ticks_log(-1, 0, 7, &t);
	expect_ticks(&t, (const double[]){ 1, 2, 5, 10 }, 4);
}

static void
test_tick_format(void **state)
{
	char	 b[32];

	(void)state;
	assert_int_equal(cr_tick_decimals(20), 0);
	assert_int_equal(cr_tick_decimals(0.5), 1);
	assert_int_equal(cr_tick_decimals(0.2), 1);
	assert_int_equal(cr_tick_decimals(0.05), 2);
	assert_int_equal(cr_tick_decimals(2.5), 1);
	assert_int_equal(cr_tick_decimals(0), 0);
	cr_tick_format(b, sizeof(b), 80000, 10000, 0, "万");
	assert_string_equal(b, "8万");
	cr_tick_format(b, sizeof(b), 125000, 10000, 1, "万");
	assert_string_equal(b, "12.5万");
	cr_tick_format(b, sizeof(b), 100, 1, 0, NULL);
	assert_string_equal(b, "100");
	/* A tiny negative rounding to zero must not print "-0.0". */
	cr_tick_format(b, sizeof(b), -1e-17, 1, 1, NULL);
	assert_string_equal(b, "0.0");
	cr_tick_format(b, sizeof(b), 2.5e12, 1, 0, NULL);
	assert_string_equal(b, "2.5e+12");
	/* A bad divisor counts as 1; a short buffer truncates. */
	cr_tick_format(b, sizeof(b), 7, 0, 0, "x");
	assert_string_equal(b, "7x");
	cr_tick_format(b, 3, 12345, 1, 0, NULL);
	assert_string_equal(b, "12");
}

/* ---- rendering ---- */

/*
 * Five cities.  Worked out for 40x12:
 * Y 40..90, at most clamp(8 / 2 + 2) = 6 ticks: step 10, 40..90.
 *   Labels 2 wide: axis at column 3, data from column 4.
 *   Row of y: 1 + floor((1 - (y - 40) / 50) * 7 + 0.5): 90 -> 1,
 *   85 -> 2, 80 -> 2, 70 -> 4, 60 -> 5, 55 -> 6, 50 -> 7, 40 -> 8.
 * X 60000..190000: with step 50000, 50000..200000 (see the ticks
 *   test); the last label "20万" is 4 wide, so a margin of 2 and 34
 *   data columns.  Column of x: 4 + floor((x - 50000) / 150000 * 33
 *   + 0.5): ticks at 4, 15, 26, 37; 60000 -> 6, 80000 -> 11,
 *   95000 -> 14, 140000 -> 24, 190000 -> 35.
 * Labels go right of their markers, 深圳 (column 35) just fitting in
 * 36..39.  Tick labels start at column - (width - 1) / 2: 3, 14, 25, 36.
 */
static const struct cr_plot_point cities[] = {
	{ 140000, 85, "北京", 0 },
	{ 60000, 40, "哈尔滨", 0 },
	{ 95000, 60, "成都", CR_PT_ESTIMATED },
	{ 190000, 90, "深圳", CR_PT_HIGHLIGHT },
	{ 80000, 55, "西安", CR_PT_SELECTED },
};

static const struct cr_plot_opts cities_opts = {
	.width = 40, .height = 12,
	.x_title = "人均GDP", .x_unit = "yuan", .x_yuan = 1,
	.y_title = "智慧城市", .y_unit = "0-100",
};

static void
test_render_ascii(void **state)
{
	static const char *const want[] = {
		"智慧城市 (0-100)",
		"90 +                               #深圳",
		"80 +                    *北京",
		"   |",
		"70 +",
		"60 +          o成都",
		"   |       @西安",
		"50 +",
		"40 +  *哈尔滨",
		"   ++----------+----------+----------+",
		"   5万        10万       15万       20万",
		"                          人均GDP (万元)",
	};
	struct cr_plot	 p;

	(void)state;
	assert_int_equal(cr_plot_render(&cities_opts, cities, 5, &p), 0);
	expect_screen(&p, want, 12);
	assert_int_equal(p.n_drawn, 5);
	assert_int_equal(p.n_missing, 0);
	assert_int_equal(p.n_unplaced, 0);
	assert_int_equal(p.n_key, 0);
	/* Roles and owners, for colouring. */
	assert_int_equal(cr_plot_cell(&p, 1, 35)->role, CR_ROLE_POINT_HI);
	assert_int_equal(cr_plot_cell(&p, 1, 35)->pt, 3);
	assert_int_equal(cr_plot_cell(&p, 5, 14)->role, CR_ROLE_POINT_EST);
	assert_int_equal(cr_plot_cell(&p, 6, 11)->role, CR_ROLE_POINT_SEL);
	assert_int_equal(cr_plot_cell(&p, 2, 24)->role, CR_ROLE_POINT);
	/* 北 is wide: its right half is a continuation of the same label. */
	assert_string_equal(cr_plot_cell(&p, 2, 25)->ch, "北");
	assert_int_equal(cr_plot_cell(&p, 2, 25)->role, CR_ROLE_LABEL);
	assert_int_equal(cr_plot_cell(&p, 2, 25)->pt, 0);
	assert_true(cr_plot_cell(&p, 2, 26)->cont);
	assert_int_equal(cr_plot_cell(&p, 2, 26)->pt, 0);
	assert_int_equal(cr_plot_cell(&p, 9, 3)->role, CR_ROLE_AXIS);
	assert_int_equal(cr_plot_cell(&p, 10, 3)->role, CR_ROLE_TICK_LABEL);
	assert_int_equal(cr_plot_cell(&p, 0, 0)->role, CR_ROLE_TITLE);
	assert_int_equal(count_role(&p, CR_ROLE_FIT), 0);
	assert_true(p.x0 == 4 && p.nc == 34 && p.y0 == 1 && p.nr == 8);
	assert_true(p.xlo == 50000 && p.xhi == 200000);
	assert_true(p.ylo == 40 && p.yhi == 90);
	assert_null(cr_plot_cell(&p, 12, 0));
	assert_null(cr_plot_cell(&p, 0, 40));
	expect_line(&p, 12, "");
	cr_plot_free(&p);
}

/*
 * The same in braille, with y = 20 + 0.0004 x: y = 40 + 60 f where f
 * is the position along X.  Dot column d (two a cell) sits at
 * f = (d - 0.5) / 66, and its dot row (four a cell, 32 in all) is
 * floor(((1 - 1.2 f) * 7 + 0.5) * 4) = floor(30 - 0.50909 (d - 0.5)):
 *   d 0,1 -> 30,29: cell column 4 bits 0x04|0x10 = ⠔ (row 8);
 *   d 2,3 -> 29,28: 0x02|0x08 = ⠊; d 4 is under 哈尔滨's marker;
 *   d 5 -> 27: ⢀ on row 7; d 6,7 -> 27,26 ⡠; 8,9 -> 26,25 ⠔;
 *   10,11 -> 25,24 ⠊; 12 -> 24 ⠁ (then row 6);
 *   d 52..59 -> 3,3 2,2 1,1 0,0 on row 1: ⣀ ⠤ ⠒ ⠉ in columns 30..33,
 *   and d 60 is above the top (pos < 0), so column 34 stays blank;
 *   d 50,51 -> 4,4: ⠉ in column 29, right after 北京.
 */
static void
test_render_braille(void **state)
{
	struct cr_plot_opts	 o = cities_opts;
	struct cr_plot		 p;
	const char		*s;
	uint32_t		 cp;
	int			 r, c, nfit = 0;

	(void)state;
	o.braille = 1;
	o.have_fit = 1;
	o.a = 20;
	o.b = 0.0004;
	assert_int_equal(cr_plot_render(&o, cities, 5, &p), 0);
	expect_line(&p, 1, "90 ┤                          ⣀⠤⠒⠉ ■深圳");
	expect_line(&p, 2, "80 ┤                    ●北京⠉");
	expect_line(&p, 3, "   │                  ⣀⠤⠒⠉");
	expect_line(&p, 5, "60 ┤          ○成都");
	expect_line(&p, 7, "50 ┤  ⢀⡠⠔⠊⠁");
	expect_line(&p, 8, "40 ┤⠔⠊●哈尔滨");
	expect_line(&p, 9, "   └┬──────────┬──────────┬──────────┬");
	expect_line(&p, 10, "   5万        10万       15万       20万");
	/* Every fit cell is a braille pattern and inside the data area. */
	for (r = 0; r < p.h; r++)
		for (c = 0; c < p.w; c++) {
			if (cr_plot_cell(&p, r, c)->role != CR_ROLE_FIT)
				continue;
			nfit++;
			s = cr_plot_cell(&p, r, c)->ch;
			assert_int_equal(cr_utf8_decode(s, strlen(s), &cp), 3);
			assert_true(cp > 0x2800 && cp <= 0x28FF);
			assert_true(r >= p.y0 && r < p.y0 + p.nr);
			assert_true(c >= p.x0 && c < p.x0 + p.nc);
		}
	assert_true(nfit >= 20);
	/* Markers and labels win over the dots beneath them. */
	assert_string_equal(cr_plot_cell(&p, 8, 6)->ch, "●");
	assert_int_equal(cr_plot_cell(&p, 8, 7)->role, CR_ROLE_LABEL);
	cr_plot_free(&p);
}

/*
 * Five points 3 columns apart on the top row of a 30x10 plot, each
 * with a label 8 wide.  Y 0..10 (ticks 0 5 10), axis at 3; X 0..10
 * (ticks 0 5 10, the "10" needing a margin of 1): 25 columns, column
 * 4 + floor(x * 2.4 + 0.5), so x = 2.5 3.75 5 6.25 7.5 -> 10 13 16
 * 19 22.  A label may not touch another marker or other text.
 *   乌鲁木齐 (10): right runs into 13, left into the axis, nothing
 *	above: below, centred, at 7..14.
 *   呼和浩特 (13): right hits 16, left 10, below and its diagonals
 *	overlap 7..14, leaders end next to 16 or at text: number 1 at 14.
 *   齐齐哈尔 (16): right hits 19, below overlaps: below-right 17..24.
 *   石家庄市 (19): all taken; a leader right (20) leaves the label on
 *	row 2 at 21.., overlapping; number 2 at 20.
 *   牡丹江市 (22): right would pass the edge (29); number 3 at 23.
 */
static void
test_render_numbered(void **state)
{
	static const struct cr_plot_point pts[] = {
		{ 0, 0, NULL, 0 },
		{ 10, 0, "", 0 },
		{ 2.5, 10, "乌鲁木齐", 0 },
		{ 3.75, 10, "呼和浩特", 0 },
		{ 5, 10, "齐齐哈尔", 0 },
		{ 6.25, 10, "石家庄市", 0 },
		{ 7.5, 10, "牡丹江市", 0 },
	};
	static const char *const want[] = {
		"",
		"10 +      *  *1 *  *2 *3",
		"   |   乌鲁木齐  齐齐哈尔",
		"   |",
		" 5 +",
		"   |",
		" 0 +*                       *",
		"   ++-----------+-----------+",
		"    0           5           10",
		"",
	};
	struct cr_plot_opts	 o = { .width = 30, .height = 10 };
	struct cr_plot		 p;

	(void)state;
	assert_int_equal(cr_plot_render(&o, pts, NELEM(pts), &p), 0);
	expect_screen(&p, want, 10);
	assert_int_equal(p.n_drawn, 7);
	assert_int_equal(p.n_numbered, 3);
	assert_int_equal(p.n_dropped, 0);
	assert_int_equal(p.n_unplaced, 3);
	assert_int_equal(p.n_key, 3);
	assert_string_equal(p.key[0], "1 呼和浩特");
	assert_string_equal(p.key[1], "2 石家庄市");
	assert_string_equal(p.key[2], "3 牡丹江市");
	assert_int_equal(cr_plot_cell(&p, 1, 14)->role, CR_ROLE_KEY);
	assert_int_equal(cr_plot_cell(&p, 1, 14)->pt, 3);
	cr_plot_free(&p);
}

/*
 * Many more points than the data area has cells, from a source: every
 * drawable labelled point is labelled, numbered or dropped, once; the
 * unlabelled and the missing are none of those.  Points: i % 7 == 0
 * missing (NAN y), i % 5 == 0 unlabelled, 3 highlighted, 1 selected.
 */
struct many {
	size_t	 n;
	char	 names[4000][24];
	size_t	 calls;
};

static void
many_point(void *arg, size_t i, struct cr_plot_point *pt)
{
	struct many	*mm = arg;

	mm->calls++;
	pt->x = (double)(i % 97);
	pt->y = i % 7 == 0 ? NAN : (double)((i * 31) % 89);
	pt->label = i % 5 == 0 ? NULL : mm->names[i];
	pt->flags = i == 2001 ? CR_PT_SELECTED : i == 3 || i == 1999 ||
	    i == 3998 ? CR_PT_HIGHLIGHT : 0;
}

static void
test_render_many(void **state)
{
	static struct many	 mm;
	struct cr_plot_opts	 o = { .width = 40, .height = 12 };
	struct cr_plot_src	 src = { 4000, many_point, &mm };
	struct cr_plot		 p;
	unsigned char		*seen;
	size_t			 i, drawable = 0, labelled = 0, placed = 0;
	int			 r, c;

	(void)state;
	mm.n = 4000;
	for (i = 0; i < mm.n; i++) {
		snprintf(mm.names[i], sizeof mm.names[i], "u%zu", i);
		if (i % 7 == 0)
			continue;
		drawable++;
		labelled += i % 5 != 0;
	}
	assert_int_equal(cr_plot_render_src(&o, &src, &p), 0);
	assert_int_equal(p.n_missing, (int)(mm.n - drawable));
	assert_int_equal(p.n_drawn, (int)drawable);
	/* A label's cells name its point; count each point once. */
	seen = calloc(mm.n, 1);
	assert_non_null(seen);
	for (r = 0; r < p.h; r++)
		for (c = 0; c < p.w; c++) {
			const struct cr_plot_cell *e = cr_plot_cell(&p, r, c);

			if (e->role == CR_ROLE_LABEL && !seen[e->pt]) {
				seen[e->pt] = 1;
				placed++;
			}
		}
	/* The selected point's label comes first: it has room. */
	assert_true(seen[2001]);
	assert_int_equal(placed + (size_t)p.n_numbered + (size_t)p.n_dropped,
	    labelled);
	assert_int_equal(p.n_unplaced, p.n_numbered + p.n_dropped);
	/* Passes, not a call a point a try: a handful a point at most. */
	assert_true(mm.calls <= 8 * mm.n);
	free(seen);
	cr_plot_free(&p);
}

/*
 * Points piled into the top-right corner of the same 30x10 frame:
 * x = 10, 9.6, 9.2 -> columns 28, 27, 26; y = 10 -> row 1.  Two
 * points share 28 and two share 27; each shows the later point's
 * marker: 沈阳's 'o' at 28, 大连's '*' at 27.
 *   哈尔滨 (28): no room right or above, 27 blocks the left: below-left
 *	at 22..27 on row 2.
 *   长春 (27): boxed in by 26, 28 and the label below; even a number
 *	would touch text or a marker: dropped.
 *   吉林 (26): left, 22..25.
 *   沈阳 (28): number 1 in the last column, 29.
 *   大连 (27): dropped like 长春.
 */
static void
test_render_crowded(void **state)
{
	static const struct cr_plot_point pts[] = {
		{ 0, 0, NULL, 0 },
		{ 10, 10, "哈尔滨", 0 },
		{ 9.6, 10, "长春", 0 },
		{ 9.2, 10, "吉林", 0 },
		{ 10, 10, "沈阳", CR_PT_ESTIMATED },
		{ 9.6, 10, "大连", 0 },
	};
	struct cr_plot_opts	 o = { .width = 30, .height = 10 };
	struct cr_plot		 p;

	(void)state;
	assert_int_equal(cr_plot_render(&o, pts, NELEM(pts), &p), 0);
	expect_line(&p, 1, "10 +                  吉林**o1");
	expect_line(&p, 2, "   |                  哈尔滨");
	assert_int_equal(p.n_drawn, 6);
	assert_int_equal(p.n_numbered, 1);
	assert_int_equal(p.n_dropped, 2);
	assert_int_equal(p.n_unplaced, 3);
	assert_int_equal(p.n_key, 1);
	assert_string_equal(p.key[0], "1 沈阳");
	/* Column 27 shows the later of its two points, 大连. */
	assert_int_equal(cr_plot_cell(&p, 1, 27)->pt, 5);
	cr_plot_free(&p);
}

/*
 * A leader: 长春 at (5, 5) -> row 4, column 16, hemmed in by unlabelled
 * markers at columns 11 and 21 of its row (x = 3, 7) and right above
 * and below it (y = 6.5 -> row 3, y = 2.5 -> row 5).  Every place
 * beside it touches one of those; a one-cell leader at (4, 17) lets
 * the label start at (3, 18), clear of the marker at (3, 16).
 */
static void
test_render_leader(void **state)
{
	static const struct cr_plot_point pts[] = {
		{ 0, 0, NULL, 0 },
		{ 10, 10, NULL, 0 },
		{ 3, 5, NULL, 0 },
		{ 7, 5, NULL, 0 },
		{ 5, 6.5, NULL, 0 },
		{ 5, 2.5, NULL, 0 },
		{ 5, 5, "长春", 0 },
	};
	struct cr_plot_opts	 o = { .width = 30, .height = 10 };
	struct cr_plot		 p;

	(void)state;
	assert_int_equal(cr_plot_render(&o, pts, NELEM(pts), &p), 0);
	expect_line(&p, 3, "   |            * 长春");
	expect_line(&p, 4, " 5 +       *    *-   *");
	expect_line(&p, 5, "   |            *");
	assert_int_equal(cr_plot_cell(&p, 4, 17)->role, CR_ROLE_LEADER);
	assert_int_equal(cr_plot_cell(&p, 4, 17)->pt, 6);
	assert_int_equal(p.n_unplaced, 0);
	cr_plot_free(&p);
	/* In Unicode the leader is a box-drawing line. */
	o.braille = 1;
	assert_int_equal(cr_plot_render(&o, pts, NELEM(pts), &p), 0);
	expect_line(&p, 4, " 5 ┤       ●    ●─   ●");
	cr_plot_free(&p);
}

/*
 * One point: x 100000 widens to 90000..110000, y 70 to 63..77.
 * Y: step 5 gives 60..80, 5 ticks, rows 1 3 5 6 8.
 * X: with no margin, step 5000 puts "11.0万" (6 wide) on column 39,
 *   pulled back to 34 where it touches "10.5万" (28..33): so first 3
 *   ticks; then the margin is 3, 33 columns, and step 5000 fits:
 *   columns 4 + 8k, labels starting 2 10 18 26 34.
 */
static void
test_render_single(void **state)
{
	static const struct cr_plot_point one[] = {
		{ 100000, 70, "北京", 0 },
	};
	static const char *const want[] = {
		"得分",
		"80 +",
		"   |",
		"75 +",
		"   |",
		"70 +                *北京",
		"65 +",
		"   |",
		"60 +",
		"   ++-------+-------+-------+-------+",
		"  9.0万   9.5万   10.0万  10.5万  11.0万",
		"                          人均GDP (万元)",
	};
	struct cr_plot_opts	 o = {
		.width = 40, .height = 12, .x_title = "人均GDP",
		.x_yuan = 1, .y_title = "得分",
	};
	struct cr_plot		 p;

	(void)state;
	assert_int_equal(cr_plot_render(&o, one, 1, &p), 0);
	expect_screen(&p, want, 12);
	assert_int_equal(p.n_drawn, 1);
	cr_plot_free(&p);
}

/*
 * All x equal (5 -> 4.5..5.5, ticks 4.5 5.0 5.5 at columns 4 21 38)
 * and all y equal (7 -> 6.3..7.7, ticks 6.0..8.0 by 0.5, 3 wide, so
 * the axis moves to column 4; x 1..3 by 0.5 at 5 13 22 30 38).
 */
static void
test_render_zero_range(void **state)
{
	static const struct cr_plot_point same_x[] = {
		{ 5, 10, "A", 0 }, { 5, 20, "B", 0 }, { 5, 30, "C", 0 },
	};
	static const struct cr_plot_point same_y[] = {
		{ 1, 7, "A", 0 }, { 2, 7, "B", 0 }, { 3, 7, "C", 0 },
	};
	static const char *const want_x[] = {
		"",
		"30 +                 *C",
		"   |",
		"25 +",
		"   |",
		"20 +                 *B",
		"15 +",
		"   |",
		"10 +                 *A",
		"   ++----------------+----------------+",
		"   4.5              5.0              5.5",
		"",
	};
	static const char *const want_y[] = {
		"",
		"8.0 +",
		"    |",
		"7.5 +",
		"    |",
		"7.0 +*A               *B              *C",
		"6.5 +",
		"    |",
		"6.0 +",
		"    ++-------+--------+-------+-------+",
		"    1.0     1.5      2.0     2.5     3.0",
		"",
	};
	struct cr_plot_opts	 o = { .width = 40, .height = 12 };
	struct cr_plot		 p;

	(void)state;
	assert_int_equal(cr_plot_render(&o, same_x, 3, &p), 0);
	expect_screen(&p, want_x, 12);
	cr_plot_free(&p);
	assert_int_equal(cr_plot_render(&o, same_y, 3, &p), 0);
	expect_screen(&p, want_y, 12);
	cr_plot_free(&p);
	/* And a fit line over a zero range still draws without NANs. */
	o.have_fit = 1;
	o.a = 7;
	assert_int_equal(cr_plot_render(&o, same_y, 3, &p), 0);
	expect_line(&p, 5, "7.0 +*A...............*B..............*C");
	cr_plot_free(&p);
}

/*
 * Missing values are counted and not drawn; a label's escape sequence
 * is shown as text.  Y 7..9 -> 7.0..9.0 by 0.5; x 1..3 as above.
 */
static void
test_render_missing(void **state)
{
	static const struct cr_plot_point pts[] = {
		{ NAN, 7, "A", 0 },
		{ 2, NAN, "B", 0 },
		{ 3, 7, "C", 0 },
		{ INFINITY, 8, "D", 0 },
		{ 1, 9, "E\x1b[2J\xe2\x80\xae", 0 },
	};
	struct cr_plot_opts	 o = { .width = 40, .height = 12 };
	struct cr_plot		 p;
	char			*s;
	int			 r;

	(void)state;
	assert_int_equal(cr_plot_render(&o, pts, NELEM(pts), &p), 0);
	assert_int_equal(p.n_missing, 3);
	assert_int_equal(p.n_drawn, 2);
	expect_line(&p, 1, "9.0 +*E^[[2J<U+202E>");
	expect_line(&p, 8, "7.0 +                                 *C");
	for (r = 0; r < p.h; r++) {
		s = cr_plot_line(&p, r);
		assert_null(strchr(s, '\x1b'));
		assert_null(strchr(s, 'A'));
		assert_null(strchr(s, 'B'));
		assert_null(strchr(s, 'D'));
		free(s);
	}
	cr_plot_free(&p);
	/* Nothing drawable at all: an empty frame over 0..1. */
	assert_int_equal(cr_plot_render(&o, pts, 2, &p), 0);
	assert_int_equal(p.n_missing, 2);
	assert_int_equal(p.n_drawn, 0);
	expect_line(&p, 10, "    0.0              0.5             1.0");
	cr_plot_free(&p);
	assert_int_equal(cr_plot_render(&o, NULL, 0, &p), 0);
	cr_plot_free(&p);
}

/*
 * Log X over 56000..190000: ticks 5万 10万 20万 (see the ticks test);
 * 10万 is halfway in log terms, column 4 + 16.5 + 0.5 = 21.  56000 ->
 * f = log 1.12 / log 4 = 0.082 -> column 7; 190000 -> f = 0.963 ->
 * 36, whose label has no room right and goes left.  x <= 0 is missing.
 */
static void
test_render_log(void **state)
{
	static const struct cr_plot_point pts[] = {
		{ 56000, 40, "哈尔滨", 0 },
		{ 190000, 90, "深圳", 0 },
		{ 100000, 60, "成都", 0 },
		{ -5, 50, "负", 0 },
	};
	struct cr_plot_opts	 o = cities_opts;
	struct cr_plot		 p;

	(void)state;
	o.log_x = 1;
	assert_int_equal(cr_plot_render(&o, pts, NELEM(pts), &p), 0);
	assert_int_equal(p.n_missing, 1);
	expect_line(&p, 1, "90 +                            深圳*");
	expect_line(&p, 5, "60 +                 *成都");
	expect_line(&p, 8, "40 +   *哈尔滨");
	expect_line(&p, 9, "   ++----------------+---------------+");
	expect_line(&p, 10, "   5万              10万            20万");
	cr_plot_free(&p);
	/* The fit line is straight in data units, so curved here. */
	o.braille = 1;
	o.have_fit = 1;
	o.a = 20;
	o.b = 0.0004;
	assert_int_equal(cr_plot_render(&o, pts, NELEM(pts), &p), 0);
	assert_true(count_role(&p, CR_ROLE_FIT) > 10);
	cr_plot_free(&p);
}

static void
test_render_sizes(void **state)
{
	struct cr_plot_opts	 o = { .width = 19, .height = 12 };
	struct cr_plot		 p;

	(void)state;
	assert_int_equal(cr_plot_render(&o, cities, 5, &p), -1);
	assert_null(p.cells);
	assert_int_equal(p.w, 0);
	cr_plot_free(&p);
	o.width = 40;
	o.height = 7;
	assert_int_equal(cr_plot_render(&o, cities, 5, &p), -1);
	o.height = 100000;
	assert_int_equal(cr_plot_render(&o, cities, 5, &p), -1);
	/* The smallest size works, and a long title is cut by columns. */
	o.width = 20;
	o.height = 8;
	o.y_title = "智慧城市综合得分指数排名";
	assert_int_equal(cr_plot_render(&o, cities, 5, &p), 0);
	assert_int_equal(p.n_drawn, 5);
	expect_line(&p, 0, "智慧城市综合得分指~");
	cr_plot_free(&p);
}

/*
 * Four points in one cell, (5, 5) -> row 4, column 16 of the 30x10
 * frame.  Labels go selected (乙), highlighted (丙), then as given
 * (甲, 丁): right, left, above (centred: 16 - (2 - 1) / 2 = 16),
 * below.  The cell shows the selected marker although 丁 comes later.
 */
static void
test_render_priority(void **state)
{
	static const struct cr_plot_point pts[] = {
		{ 0, 0, NULL, 0 },
		{ 10, 10, NULL, 0 },
		{ 5, 5, "甲", 0 },
		{ 5, 5, "乙", CR_PT_SELECTED },
		{ 5, 5, "丙", CR_PT_HIGHLIGHT },
		{ 5, 5, "丁", CR_PT_ESTIMATED },
	};
	struct cr_plot_opts	 o = { .width = 30, .height = 10 };
	struct cr_plot		 p;

	(void)state;
	assert_int_equal(cr_plot_render(&o, pts, NELEM(pts), &p), 0);
	expect_line(&p, 3, "   |            甲");
	expect_line(&p, 4, " 5 +          丙@乙");
	expect_line(&p, 5, "   |            丁");
	assert_int_equal(cr_plot_cell(&p, 4, 16)->role, CR_ROLE_POINT_SEL);
	assert_int_equal(cr_plot_cell(&p, 4, 16)->pt, 3);
	assert_int_equal(cr_plot_cell(&p, 4, 14)->pt, 4);
	assert_int_equal(p.n_drawn, 6);
	cr_plot_free(&p);
}

/*
 * A steep fit in ASCII, y = -40 + 10 x over the 30x10 frame: data
 * column k is x = k / 2.4, dot row floor(5.5 - y / 2).  k = 10: y 1.67
 * -> 4.67, row 5; k = 11: y 5.83 -> 2.58, row 3, plus row 4 to join
 * the previous; k = 12: y 10 -> 0.5, row 1, plus row 2; k = 9 and 13
 * fall outside.  Without the joining dots rows 2 and 4 would be empty.
 */
static void
test_render_steep_fit(void **state)
{
	static const struct cr_plot_point pts[] = {
		{ 0, 0, NULL, 0 }, { 10, 10, NULL, 0 },
	};
	static const char *const want[] = {
		"",
		"10 +            .           *",
		"   |            .",
		"   |           .",
		" 5 +           .",
		"   |          .",
		" 0 +*",
		"   ++-----------+-----------+",
		"    0           5           10",
		"",
	};
	struct cr_plot_opts	 o = { .width = 30, .height = 10,
				    .have_fit = 1, .a = -40, .b = 10 };
	struct cr_plot		 p;

	(void)state;
	assert_int_equal(cr_plot_render(&o, pts, NELEM(pts), &p), 0);
	expect_screen(&p, want, 10);
	assert_int_equal(count_role(&p, CR_ROLE_FIT), 5);
	cr_plot_free(&p);
}

/*
 * X labels 7 wide ("10000.0") need ticks 8 columns apart.  44 wide,
 * Y labels 3 wide, data from column 5.  At most 6 ticks gives step
 * 0.2, 6 ticks; over 36 columns (after a margin of 7 / 2 = 3) they
 * are 7 apart, too close, so at most 5: step 0.5, ticks at 5, 23, 40,
 * labels from 2, 20, 37.
 */
static void
test_render_xlabels_fit(void **state)
{
	static const struct cr_plot_point pts[] = {
		{ 10000, 0, NULL, 0 }, { 10001, 1, NULL, 0 },
	};
	struct cr_plot_opts	 o = { .width = 44, .height = 12 };
	struct cr_plot		 p;

	(void)state;
	assert_int_equal(cr_plot_render(&o, pts, NELEM(pts), &p), 0);
	expect_line(&p, 9, "    ++-----------------+----------------+");
	expect_line(&p, 10, "  10000.0           10000.5          10001.0");
	cr_plot_free(&p);
}

/*
 * Sparklines.  Ranks 5 4 7 6 3, best on top: least 3, greatest 7, so
 * t = 1 - (r - 3) / 4 = .5 .75 0 .25 1.  Eight levels: floor(7t + .5) =
 * 4 5 0 2 7, "▅▆▁▃█"; four: floor(3t + .5) = 2 2 0 1 3, "--_.^".
 */
static void
test_spark(void **state)
{
	static const double	 r[] = { 5, 4, 7, 6, 3 };
	static const double	 flat[] = { 2, 2, 2 };
	const double		 gap[] = { 1, NAN, 3 };
	char			*s;

	(void)state;
	s = cr_spark(r, 5, 1, 0);
	assert_string_equal(s, "▅▆▁▃█");
	free(s);
	s = cr_spark(r, 5, 1, 1);
	assert_string_equal(s, "--_.^");
	free(s);
	/* No spread: half way, floor(3.5 + .5) = 4 and floor(1.5 + .5). */
	s = cr_spark(flat, 3, 1, 0);
	assert_string_equal(s, "▅▅▅");
	free(s);
	s = cr_spark(flat, 3, 0, 1);
	assert_string_equal(s, "---");
	free(s);
	/* Missing is a blank; upright, the greatest on top. */
	s = cr_spark(gap, 3, 0, 0);
	assert_string_equal(s, "▁ █");
	free(s);
	s = cr_spark(gap, 0, 0, 0);
	assert_string_equal(s, "");
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ticks_linear),
		cmocka_unit_test(test_ticks_zero_range),
		cmocka_unit_test(test_ticks_log),
		cmocka_unit_test(test_tick_format),
		cmocka_unit_test(test_render_ascii),
		cmocka_unit_test(test_render_braille),
		cmocka_unit_test(test_render_numbered),
		cmocka_unit_test(test_render_crowded),
		cmocka_unit_test(test_render_leader),
		cmocka_unit_test(test_render_priority),
		cmocka_unit_test(test_render_steep_fit),
		cmocka_unit_test(test_render_xlabels_fit),
		cmocka_unit_test(test_render_single),
		cmocka_unit_test(test_render_zero_range),
		cmocka_unit_test(test_render_missing),
		cmocka_unit_test(test_render_log),
		cmocka_unit_test(test_render_sizes),
		cmocka_unit_test(test_render_many),
		cmocka_unit_test(test_spark),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
