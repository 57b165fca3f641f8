/* The ranking view: sortable by any column, filtered, searchable. */
#include "config.h"

#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "session.h"
#include "tables.h"
#include "match.h"
#include "utf8.h"
#include "xmalloc.h"

void
view_rank_init(struct app *a)
{
	const struct cr_model	*m = a->sess->ds->model;
	struct view_rank	*v = &a->rank;
	int			 ch, w;

	memset(v, 0, sizeof *v);
	v->order = xcalloc(m->n_entities + 1, sizeof *v->order);
	for (ch = m->nodes[0].first_child; ch >= 0 && v->ndims < 8;
	    ch = m->nodes[ch].next_sibling)
		v->dims[v->ndims++] = ch;
	v->sort_col = COL_RANK;
	v->one_name = 1;
	for (ch = 0; ch < (int)m->n_entities; ch++) {
		if (strcmp(m->entities[ch].name_zh, m->entities[ch].name_en))
			v->one_name = 0;
		w = cr_utf8_width(cr_label(m->entities[ch].name_zh,
		    m->entities[ch].name_en, CR_LANG_EN));
		if (w > v->en_w)
			v->en_w = w;
	}
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
}

/* Which optional columns fit in a width. */
struct layout {
	int	pinyin, dims, dimbar, bar;
	int	report;		/* the report's rank: its width, or 0 */
	int	cityw;		/* the name's width */
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
 * the index and the first dimensions, not a bare list of names.  In
 * English a second name would say the first again: there is none, and
 * the name, longer than in Chinese, is as wide as it needs (cityw).
 */
static struct layout
layout_for(int cols, int ndims, int published, int cityw, int second)
{
	struct layout	l = { second ? 12 : 0, ndims, 3, 12, 0, cityw };
	int		fixed = 20 + cityw; /* rank, move, city, score, gaps */

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
	struct view_rank	*v = &a->rank;
	int			 x = x0, i;

	attrset(draw_attr(&a->d, ROLE_HEADER));
	draw_text(stdscr, y, x0, "", w, 0);
	head(a, y, x, COL_RANK, "Rank", 5, 1);
	head(a, y, x + 6, COL_MOVE, "Move", 5, 1);
	head(a, y, x + 12, COL_CITY, "City", l->cityw, 0);
	x += 13 + l->cityw;
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
		head(a, y, x + 1, COL_DIM + i, session_node_name(a->sess,
		    v->dims[i]), 8 + l->dimbar, 0);
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
	int			 b = cr_scores_rank(ss->base_scores, e, ss->by);
	int			 r = cr_scores_rank(ss->scores, e, ss->by);
	char			 buf[16];

	session_move_text(buf, sizeof buf, b, r, a->d.ascii);
	if (b > r && r > 0)
		attrset(draw_over(&a->d, ROLE_UP, base));
	else if (b < r && b > 0)
		attrset(draw_over(&a->d, ROLE_DOWN, base));
	draw_text(stdscr, y, x, buf, 5, 1);
	attrset(base);
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
	/* A city the search matches stands out, in every row. */
	if (a->search != NULL && cr_match_entity(a->search, m, e))
		attrset(draw_over(&a->d, ROLE_HIGHLIGHT, base));
	draw_text(stdscr, y, x + 12, session_unit_name(ss, e), l->cityw, 0);
	attrset(base);
	x += 13 + l->cityw;
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

/* At least the Chinese name's 8, at most the two names' 21. */
static int
english_width(const struct view_rank *v)
{
	return (v->en_w < 8 ? 8 : v->en_w > 21 ? 21 : v->en_w);
}

void
view_rank_draw(struct app *a, int y, int x, int h, int w)
{
	struct view_rank	*v = &a->rank;
	int			 en = a->sess->lang == CR_LANG_EN &&
	    !v->one_name;
	struct layout		 l = layout_for(w, v->ndims,
	    has_report_rank(a), en ? english_width(v) : 8, !en);
	size_t			 i;
	int			 r;

	draw_header(a, y, x, w, &l);
	v->y0 = y + 1;
	v->rows = h - 1;
	scroll_into_view(v);
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
		draw_text(stdscr, y + 1 + r, x + 11, session_unit_name(ss, e),
		    8, 0);
		score_cell(a, y + 1 + r, x + 19, e, ss->by, base);
		attrset(A_NORMAL);
	}
}

static void
move_cursor(struct view_rank *v, long delta)
{
	long	cur = (long)v->cur + delta;

	if (cur >= (long)v->n)
		cur = (long)v->n - 1;
	if (cur < 0)
		cur = 0;
	v->cur = (size_t)cur;
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
sort_key(struct app *a, int key)
{
	switch (key) {
	case '<':
		sort_by(a, a->rank.sort_col - 1);
		break;
	case '>':
		sort_by(a, a->rank.sort_col + 1);
		break;
	case '[':
		a->rank.sort_desc = 0;
		view_rank_refresh(a);
		break;
	case ']':
		a->rank.sort_desc = 1;
		view_rank_refresh(a);
		break;
	default:
		return (0);
	}
	return (TUI_REDRAW);
}

int
view_rank_key(struct app *a, int key)
{
	struct view_rank	*v = &a->rank;
	long			 page = v->rows > 1 ? v->rows - 1 : 1;

	switch (key) {
	case 'j':
	case KEY_DOWN:
		move_cursor(v, 1);
		break;
	case 'k':
	case KEY_UP:
		move_cursor(v, -1);
		break;
	case 'g':
	case KEY_HOME:
		v->cur = 0;
		break;
	case 'G':
	case KEY_END:
		move_cursor(v, (long)v->n);
		break;
	case KEY_NPAGE:
	case 4:		/* ^D */
		move_cursor(v, page);
		break;
	case ' ':
		/* Mark for comparison, then step on, as htop tags. */
		if (app_selected_entity(a) >= 0 &&
		    view_compare_toggle(a, app_selected_entity(a)) == 0)
			move_cursor(v, 1);
		break;
	case KEY_PPAGE:
	case 21:	/* ^U */
		move_cursor(v, -page);
		break;
	case '\r':
	case '\n':
	case KEY_ENTER:
		if (app_selected_entity(a) >= 0)
			app_open_detail(a, app_selected_entity(a));
		break;
	default:
		return (sort_key(a, key));
	}
	return (TUI_REDRAW);
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
