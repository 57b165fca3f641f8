/* The ranking view: sortable by any column, filtered, searchable. */
#include "config.h"

#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "keys.h"
#include "list.h"
#include "rank_year.h"
#include "session.h"
#include "tables.h"
#include "match.h"
#include "xmalloc.h"

void
view_rank_init(struct app *a)
{
	const struct cr_model	*m = a->sess->ds->model;
	struct view_rank	*v = &a->rank;
	int			 ch;

	memset(v, 0, sizeof *v);
	v->order = xcalloc(m->n_entities + 1, sizeof *v->order);
	for (ch = m->nodes[0].first_child; ch >= 0 && v->ndims < 8;
	    ch = m->nodes[ch].next_sibling)
		v->dims[v->ndims++] = ch;
	v->sort_col = COL_RANK;
	v->one_name = 1;
	for (ch = 0; ch < (int)m->n_entities; ch++)
		if (strcmp(m->entities[ch].name_zh, m->entities[ch].name_en))
			v->one_name = 0;
	view_rank_refresh(a);
}

void
view_rank_free(struct app *a)
{
	free(a->rank.order);
}

static double
score_at(const struct app *a, int e, int node)
{
	return (cr_scores_score(a->sess->scores, e, node));
}

/* Sort key of a column; larger sorts later in ascending order. */
static double
key_of(const struct app *a, int e, int col)
{
	const struct session	*ss = a->sess;
	int			 r = cr_scores_rank(ss->scores, e, ss->by), b;

	switch (col) {
	case COL_RANK:
		return (r == 0 ? INFINITY : r);
	case COL_MOVE:
		b = cr_scores_rank(ss->base_scores, e, ss->by);
		return (r == 0 || b == 0 ? -INFINITY : b - r);
	case COL_SCORE:
		return (score_at(a, e, ss->by));
	default:
		return (score_at(a, e, a->rank.dims[col - COL_DIM]));
	}
}

static int
cmp_rows(const void *pa, const void *pb, void *arg)
{
	const struct app	*a = arg;
	const struct cr_model	*m = a->sess->ds->model;
	int			 ea = *(const int *)pa, eb = *(const int *)pb;
	int			 col = a->rank.sort_col, r;
	double			 ka, kb;

	if (col == COL_CITY)
		r = strcmp(m->entities[ea].name_en, m->entities[eb].name_en);
	else {
		ka = key_of(a, ea, col);
		kb = key_of(a, eb, col);
		/* Missing values last whichever the direction. */
		if (isnan(ka) || isnan(kb))
			return (isnan(ka) - isnan(kb));
		r = ka < kb ? -1 : ka > kb;
	}
	if (a->rank.sort_desc)
		r = -r;
	return (r != 0 ? r : (ea > eb) - (ea < eb));
}

void
view_rank_select_entity(struct app *a, int e)
{
	struct view_rank	*v = &a->rank;
	size_t			 i;

	for (i = 0; i < v->n; i++)
		if (v->order[i] == e) {
			v->cur = i;
			return;
		}
}

void
view_rank_refresh(struct app *a)
{
	struct view_rank	*v = &a->rank;
	size_t			 e, n = a->sess->ds->model->n_entities;
	int			 keep = app_selected_entity(a), *all;

	/* Sorting and every row read both ranks at the node. */
	cr_scores_rank_all(a->sess->scores, a->sess->by);
	cr_scores_rank_all(a->sess->base_scores, a->sess->by);
	v->n = 0;
	if (v->sort_col == COL_RANK && !v->sort_desc) {
		/* By rank: the order 'cityrank rank' prints. */
		all = session_ranked_order(a->sess->ds->model,
		    a->sess->scores, a->sess->by);
		for (e = 0; e < n; e++)
			if (app_keeps(a, all[e]))
				v->order[v->n++] = all[e];
		free(all);
	} else {
		for (e = 0; e < n; e++)
			if (app_keeps(a, (int)e))
				v->order[v->n++] = (int)e;
		qsort_r(v->order, v->n, sizeof *v->order, cmp_rows, a);
	}
	v->cur = 0;
	if (keep >= 0)
		view_rank_select_entity(a, keep);
	rank_year_refresh(a);
}

/* Which optional columns fit in a width. */
struct layout {
	int	pinyin, dims, dimbar, bar;
	int	report;		/* the report's rank: its width, or 0 */
	int	year;		/* the move since the year before, or 0 */
};

/*
 * Whether the data set publishes ranks at the ranked node: one pass
 * over what it publishes, not a look-up a unit, as it runs every frame.
 */
static int
has_report_rank(const struct app *a)
{
	const struct cr_dataset	*ds = a->sess->ds;
	size_t			 i;

	for (i = 0; i < ds->n_published; i++)
		if (ds->published[i].node == a->sess->by &&
		    ds->published[i].kind == CR_PUB_RANK &&
		    ds->published[i].entity >= 0)
			return (1);
	return (0);
}

/*
 * What fits: dims is how many of the ranked node's children show.
 * The least useful parts go first (the score bar, pinyin, the small
 * bars), then the last children, one at a time: a narrow screen keeps
 * the index and the first dimensions, not a bare list of names.
 */
static struct layout
layout_for(int cols, int ndims, int published, int year)
{
	struct layout	l = { 12, ndims, 3, 12, 0, year };
	int		fixed = 28 + year; /* rank, moves, city, score, gaps */

	/*
	 * A wide screen shows more, not wider: the report's own rank, and
	 * the dimensions' bars at the score bar's resolution.
	 */
	if (published && fixed + l.pinyin + 1 + l.bar + 1 + 8 + ndims *
	    (9 + l.dimbar) <= cols)
		l.report = 7;
	while (l.dimbar < 8 && fixed + l.pinyin + 1 + l.bar + 1 + l.report +
	    ndims * (9 + l.dimbar + 1) <= cols)
		l.dimbar++;
	if (fixed + l.pinyin + 1 + l.bar + 1 + ndims * (9 + l.dimbar) > cols)
		l.bar = 0;
	if (fixed + l.pinyin + 1 + ndims * (9 + l.dimbar) > cols)
		l.pinyin = 0;
	if (fixed + ndims * (9 + l.dimbar) > cols)
		l.dimbar = 0;
	while (l.dims > 0 && fixed + l.dims * 9 > cols)
		l.dims--;
	return (l);
}

static const char *
sort_mark(const struct app *a, int col)
{
	if (a->rank.sort_col != col)
		return ("");
	if (a->d.ascii)
		return (a->rank.sort_desc ? "v" : "^");
	return (a->rank.sort_desc ? "▼" : "▲");
}

static void
head(struct app *a, int y, int x, int col, const char *title, int w,
    int right)
{
	char	*s = xasprintf("%s%s", title, sort_mark(a, col));

	draw_text(stdscr, y, x, s, w, right);
	free(s);
}

static void
draw_header(struct app *a, int y, int x0, int w, const struct layout *l)
{
	const struct cr_model	*m = a->sess->ds->model;
	struct view_rank	*v = &a->rank;
	int			 x = x0, i;

	attrset(draw_attr(&a->d, ROLE_HEADER));
	draw_text(stdscr, y, x0, "", w, 0);
	head(a, y, x, COL_RANK, "Rank", 5, 1);
	head(a, y, x + 6, COL_MOVE, "Move", 5, 1);
	if (l->year) {
		rank_year_head(a, y, x + 12, l->year - 1);
		x += l->year;
	}
	head(a, y, x + 12, COL_CITY, "City", 8, 0);
	x += 21;
	if (l->pinyin) {
		draw_text(stdscr, y, x, v->one_name ? "Code" : "Pinyin",
		    l->pinyin, 0);
		x += l->pinyin + 1;
	}
	head(a, y, x, COL_SCORE, "Score", 6, 1);
	x += 7 + (l->bar ? l->bar + 1 : 0);
	if (l->report) {
		draw_text(stdscr, y, x, "Report", l->report - 1, 1);
		x += l->report;
	}
	for (i = 0; i < l->dims && i < v->ndims; i++) {
		head(a, y, x + 1, COL_DIM + i, a->d.ascii ?
		    m->nodes[v->dims[i]].code : m->nodes[v->dims[i]].name_zh,
		    8 + l->dimbar, 0);
		x += 9 + l->dimbar;
	}
	attrset(A_NORMAL);
}

/* A score with its "not published" mark, 6 columns. */
static void
score_cell(struct app *a, int y, int x, int e, int node, attr_t base)
{
	const struct cr_scores	*s = a->sess->scores;
	double			 v = score_at(a, e, node);
	char			 buf[32];

	snprintf(buf, sizeof buf, isnan(v) ? "-" : "%.1f", v);
	draw_text(stdscr, y, x, buf, 5, 1);
	if (cr_prov_is_derived(cr_scores_prov(s, e, node))) {
		attrset(draw_over(&a->d, ROLE_DERIVED, base));
		addstr("~");
		attrset(base);
	} else
		addstr(" ");
}

static void
move_cell(struct app *a, int y, int x, int e, attr_t base)
{
	const struct session	*ss = a->sess;

	rank_move_cell(a, y, x, cr_scores_rank(ss->base_scores, e, ss->by),
	    cr_scores_rank(ss->scores, e, ss->by), 5, base);
}

static void
draw_row(struct app *a, int y, int x0, int w, size_t i,
    const struct layout *l)
{
	const struct session	*ss = a->sess;
	const struct cr_model	*m = ss->ds->model;
	struct view_rank	*v = &a->rank;
	const struct cr_published *p;
	int			 e = v->order[i], x = x0, j, r;
	char			 buf[32];
	attr_t			 base;

	base = i == v->cur ? draw_attr(&a->d, ROLE_CURSOR) : A_NORMAL;
	attrset(base);
	draw_text(stdscr, y, x0, "", w, 0);
	if ((r = cr_scores_rank(ss->scores, e, ss->by)) > 0)
		snprintf(buf, sizeof buf, "%d", r);
	else
		snprintf(buf, sizeof buf, "-");
	draw_text(stdscr, y, x, buf, 5, 1);
	if (view_compare_marked(a, e))
		mvaddstr(y, x, a->d.ascii ? "+" : "●");
	/* A fragile rank, once the analysis is of these weights. */
	if (robust_job_fragile(&a->rjob, e) &&
	    !robust_job_stale(&a->rjob, ss))
		mvaddstr(y, x + 5, "!");
	move_cell(a, y, x + 6, e, base);
	if (l->year) {
		rank_year_cell(a, y, x + 12, l->year - 1, e, base);
		x += l->year;
	}
	/* A city the search matches stands out, in every row. */
	if (a->search != NULL && cr_match_entity(a->search, m, e))
		attrset(draw_over(&a->d, ROLE_HIGHLIGHT, base));
	draw_text(stdscr, y, x + 12, a->d.ascii ? m->entities[e].name_en :
	    m->entities[e].name_zh, 8, 0);
	attrset(base);
	x += 21;
	if (l->pinyin) {
		draw_text(stdscr, y, x, v->one_name ? m->entities[e].code :
		    m->entities[e].name_en, l->pinyin, 0);
		x += l->pinyin + 1;
	}
	score_cell(a, y, x, e, ss->by, base);
	x += 7;
	if (l->bar) {
		draw_bar(&a->d, stdscr, y, x, score_at(a, e, ss->by), 100,
		    l->bar);
		attrset(base);
		x += l->bar + 1;
	}
	if (l->report) {
		p = cr_dataset_published(ss->ds, e, ss->by, CR_PUB_RANK);
		if (p != NULL)
			snprintf(buf, sizeof buf, "%.0f", p->value);
		else
			snprintf(buf, sizeof buf, "-");
		draw_text(stdscr, y, x, buf, l->report - 1, 1);
		x += l->report;
	}
	for (j = 0; j < l->dims && j < v->ndims; j++) {
		score_cell(a, y, x + 1, e, v->dims[j], base);
		if (l->dimbar) {
			draw_bar(&a->d, stdscr, y, x + 8, score_at(a, e,
			    v->dims[j]), 100, l->dimbar);
			attrset(base);
		}
		x += 9 + l->dimbar;
	}
	attrset(A_NORMAL);
}

static void
scroll_into_view(struct view_rank *v)
{
	if (v->rows < 1)
		v->rows = 1;
	if (v->cur >= v->n && v->n > 0)
		v->cur = v->n - 1;
	if (v->cur < v->top)
		v->top = v->cur;
	if (v->cur >= v->top + (size_t)v->rows)
		v->top = v->cur - (size_t)v->rows + 1;
	if (v->top + (size_t)v->rows > v->n)
		v->top = v->n > (size_t)v->rows ? v->n - (size_t)v->rows : 0;
}

/* A row's place on the screen, or just beyond the edge it is past. */
static long
screen_row(const struct view_rank *v, long row)
{
	row -= (long)v->top;
	if (row < 0)
		return (-1);
	return (row < v->rows ? row : v->rows);
}

/*
 * Each row on its way from its old place to its new one: rows slide in
 * from beyond the edge they were past, and out past the one they go to.
 */
static void
draw_moving(struct app *a, int y0, int x, int w, const struct layout *l)
{
	struct view_rank	*v = &a->rank;
	long			 from, to, at;
	size_t			 i;
	int			 r;

	for (r = 0; r < v->rows; r++)
		draw_text(stdscr, y0 + r, x, "", w, 0);
	for (i = 0; i < v->n; i++) {
		to = screen_row(v, (long)i);
		from = v->from[v->order[i]];
		from = from < 0 ? v->rows : screen_row(v, from);
		at = lround((double)from + (double)(to - from) * v->moved);
		if (at >= 0 && at < v->rows)
			draw_row(a, y0 + (int)at, x, w, i, l);
	}
}

void
view_rank_draw(struct app *a, int y, int x, int h, int w)
{
	struct view_rank	*v = &a->rank;
	struct layout		 l = layout_for(w, v->ndims,
	    has_report_rank(a), rank_year_width(a));
	size_t			 i;
	int			 r;

	draw_header(a, y, x, w, &l);
	v->y0 = y + 1;
	v->rows = h - 1;
	scroll_into_view(v);
	if (v->from != NULL) {
		draw_moving(a, y + 1, x, w, &l);
		return;
	}
	for (r = 0; r < v->rows; r++) {
		i = v->top + (size_t)r;
		if (i < v->n)
			draw_row(a, y + 1 + r, x, w, i, &l);
		else
			draw_text(stdscr, y + 1 + r, x, "", w, 0);
	}
	if (v->n == 0)
		draw_text(stdscr, y + 1, x, "  (no city matches the filter; "
		    "| and Enter on an empty pattern clears it)", w, 0);
}

void
view_rank_draw_compact(struct app *a, int y, int x, int h, int w,
    int focused)
{
	struct view_rank	*v = &a->rank;
	const struct session	*ss = a->sess;
	size_t			 i;
	int			 r, e;
	char			 buf[16];
	attr_t			 base;

	attrset(draw_attr(&a->d, ROLE_HEADER));
	draw_text(stdscr, y, x, " Rank Move City     Score", w, 0);
	attrset(A_NORMAL);
	v->y0 = y + 1;
	v->rows = h - 1;
	scroll_into_view(v);
	for (r = 0; r < v->rows; r++) {
		i = v->top + (size_t)r;
		draw_text(stdscr, y + 1 + r, x, "", w, 0);
		if (i >= v->n)
			continue;
		e = v->order[i];
		base = i == v->cur && focused ? draw_attr(&a->d, ROLE_CURSOR) :
		    A_NORMAL;
		attrset(base);
		draw_text(stdscr, y + 1 + r, x, "", w, 0);
		snprintf(buf, sizeof buf, "%d", cr_scores_rank(ss->scores, e,
		    ss->by));
		draw_text(stdscr, y + 1 + r, x, buf, 5, 1);
		move_cell(a, y + 1 + r, x + 5, e, base);
		draw_text(stdscr, y + 1 + r, x + 11, a->d.ascii ?
		    ss->ds->model->entities[e].name_en :
		    ss->ds->model->entities[e].name_zh, 8, 0);
		score_cell(a, y + 1 + r, x + 19, e, ss->by, base);
		attrset(A_NORMAL);
	}
}

int
view_rank_find(struct app *a, int dir)
{
	struct view_rank	*v = &a->rank;
	size_t			 i, n = v->n, r;

	if (a->search == NULL || n == 0)
		return (-1);
	for (i = 1; i <= n; i++) {
		r = (v->cur + n + (dir > 0 ? i : n - i % n)) % n;
		if (cr_match_entity(a->search, a->sess->ds->model, v->order[r])) {
			v->cur = r;
			return (0);
		}
	}
	return (-1);
}

void
view_rank_match_pos(struct app *a, size_t *at, size_t *total)
{
	struct view_rank	*v = &a->rank;
	size_t			 r;

	*at = *total = 0;
	for (r = 0; a->search != NULL && r < v->n; r++)
		if (cr_match_entity(a->search, a->sess->ds->model,
		    v->order[r])) {
			(*total)++;
			if (r <= v->cur)
				*at = *total;
		}
}

/* Natural direction of a column: best first. */
static void
sort_by(struct app *a, int col)
{
	int	ncols = COL_DIM + a->rank.ndims;

	if (col < 0)
		col = ncols - 1;
	if (col >= ncols)
		col = 0;
	a->rank.sort_col = col;
	a->rank.sort_desc = col != COL_RANK && col != COL_CITY;
	view_rank_refresh(a);
}

static int
key_sort(struct app *a, int key)
{
	switch (key) {
	case '<':
	case '>':
		sort_by(a, a->rank.sort_col + (key == '<' ? -1 : 1));
		return (TUI_REDRAW);
	default:
		a->rank.sort_desc = key == ']';
		view_rank_refresh(a);
		return (TUI_REDRAW);
	}
}

/* Mark for comparison, then step on, as htop tags. */
static int
key_mark(struct app *a, int key)
{
	struct view_rank	*v = &a->rank;

	(void)key;
	if (app_selected_entity(a) >= 0 &&
	    view_compare_toggle(a, app_selected_entity(a)) == 0 &&
	    v->cur + 1 < v->n)
		v->cur++;
	return (TUI_REDRAW);
}

static int
key_open(struct app *a, int key)
{
	(void)key;
	if (app_selected_entity(a) >= 0)
		app_open_detail(a, app_selected_entity(a));
	return (TUI_REDRAW);
}

static const struct binding bindings[] = {
	{ { ' ' }, 0, "Space", "mark a city for comparison (2 to 4)",
	    key_mark, 0 },
	{ { '\r', '\n', KEY_ENTER }, 0, "Enter", "open the city",
	    key_open, 0 },
	{ { '<', '>' }, 0, "< >", "previous / next sort column", key_sort,
	    0 },
	{ { '[', ']' }, 0, "[ ]", "sort ascending / descending", key_sort,
	    0 },
};

const struct keymap view_rank_keys = KEYMAP("Ranking (1)", bindings, KEYS_LISTS);

int
view_rank_key(struct app *a, int key)
{
	struct view_rank	*v = &a->rank;
	size_t			 page = v->rows > 1 ? (size_t)v->rows - 1 : 1;

	if (list_move(&v->cur, v->n, page, key))
		return (TUI_REDRAW);
	return (keys_run(&view_rank_keys, a, key) < 0 ? 0 : TUI_REDRAW);
}

int
view_rank_click(struct app *a, int y, int x)
{
	struct view_rank	*v = &a->rank;
	size_t			 row;

	(void)x;
	if (y < v->y0 || y >= v->y0 + v->rows)
		return (0);
	row = v->top + (size_t)(y - v->y0);
	if (row < v->n)
		v->cur = row;
	return (TUI_REDRAW);
}
