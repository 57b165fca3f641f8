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
#include "radix.h"
#include "rank_year.h"
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
	size_t			 e;
	int			 w;

	memset(v, 0, sizeof *v);
	v->order = xcalloc(m->n_entities + 1, sizeof *v->order);
	rc_set_init(&v->cols, m, a->sess->ds->n_periods > 1);
	v->sort_id = RC_RANK;
	v->width = 80;
	v->one_name = 1;
	for (e = 0; e < m->n_entities; e++) {
		if (strcmp(m->entities[e].name_zh, m->entities[e].name_en))
			v->one_name = 0;
		w = cr_utf8_width(cr_label(m->entities[e].name_zh,
		    m->entities[e].name_en, CR_LANG_ZH));
		v->name_w[0] = w > v->name_w[0] ? w : v->name_w[0];
		w = cr_utf8_width(cr_label(m->entities[e].name_zh,
		    m->entities[e].name_en, CR_LANG_EN));
		v->name_w[1] = w > v->name_w[1] ? w : v->name_w[1];
	}
	view_rank_refresh(a);
}

void
view_rank_free(struct app *a)
{
	free(a->rank.order);
	rc_set_free(&a->rank.cols);
}

/* A column's width without a bar, for the data set shown. */
static int
col_w(const struct app *a, int id)
{
	return (rc_width(id, 0, a->sess->ds->model->n_entities));
}

static double
score_at(const struct app *a, int e, int node)
{
	return (cr_scores_score(a->sess->scores, e, node));
}

/* Sort key of a numeric column; larger sorts later in ascending order. */
static double
key_of(const struct app *a, int e, int col)
{
	const struct session	*ss = a->sess;
	const struct cr_published *p;
	int			 r = cr_scores_rank(ss->scores, e, ss->by), b;

	switch (col) {
	case RC_RANK:
		return (r == 0 ? INFINITY : r);
	case RC_MOVE:
		b = cr_scores_rank(ss->base_scores, e, ss->by);
		return (r == 0 || b == 0 ? -INFINITY : b - r);
	case RC_SCORE:
		return (score_at(a, e, ss->by));
	case RC_REPORT:
		p = cr_dataset_published(ss->ds, e, ss->by, CR_PUB_RANK);
		return (p != NULL ? p->value : NAN);
	case RC_PROV:
		return (cr_scores_prov(ss->scores, e, ss->by));
	case RC_YEAR:
		b = rank_year_then((struct app *)a, e);
		return (r == 0 || b == 0 ? -INFINITY : b - r);
	default:
		return (score_at(a, e, col - RC_NODE));
	}
}

/* The text a name column sorts by. */
static const char *
name_key(const struct app *a, int e, int col)
{
	const struct cr_entity	*en = &a->sess->ds->model->entities[e];

	return (col == RC_NAME2 && a->rank.one_name ? en->code : en->name_en);
}

static int
cmp_rows(const void *pa, const void *pb, void *arg)
{
	const struct app	*a = arg;
	int			 ea = *(const int *)pa, eb = *(const int *)pb;
	int			 col = a->rank.sort_id, r;
	double			 ka, kb;

	if (col == RC_CITY || col == RC_NAME2)
		r = strcmp(name_key(a, ea, col), name_key(a, eb, col));
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

/*
 * A numeric column: each row's key once, then the radix sort.  At
 * 100,000 rows qsort_r() and cmp_rows(), two keys read a comparison,
 * took 54 ms a sort.  The order is cmp_rows()'s: missing keys last, ties
 * in entity order.
 */
static void
sort_by_key(struct app *a)
{
	struct view_rank	*v = &a->rank;
	double			*key;
	size_t			 i;

	key = xreallocarray(NULL, v->n + 1, sizeof *key);
	for (i = 0; i < v->n; i++)
		key[i] = key_of(a, v->order[i], v->sort_id);
	cr_sort_by_key(v->order, key, v->n, v->sort_desc);
	free(key);
}

/* By rank: the order 'cityrank rank' prints, every row. */
static void
by_rank(struct app *a)
{
	struct view_rank	*v = &a->rank;
	size_t			 e, n = a->sess->ds->model->n_entities;
	int			*all;

	all = session_ranked_order(a->sess->ds->model, a->sess->scores,
	    a->sess->by);
	for (e = 0, v->n = 0; e < n; e++)
		if (app_keeps(a, all[e]))
			v->order[v->n++] = all[e];
	v->known = v->n;
	free(all);
}

/*
 * By rank with nothing filtered out: the rows from the top to two
 * screens past the cursor, ranked (cr_scores_top()).  A weight change
 * at 100,000 units then re-ranks what shows, not all of them.
 */
static int
by_rank_top(struct app *a)
{
	struct view_rank	*v = &a->rank;
	size_t			 screen = v->rows > 0 ? (size_t)v->rows : 50, i;

	if (a->filter != NULL)
		return (0);
	v->n = a->sess->ds->model->n_entities;
	v->known = cr_scores_top(a->sess->scores, a->sess->by,
	    (v->cur > v->top ? v->cur : v->top) + 2 * screen, v->order);
	/* No entity in the rows not made: a reader who did not ask fails. */
	for (i = v->known; i < v->n; i++)
		v->order[i] = -1;
	return (1);
}

void
view_rank_need(struct app *a, size_t rows)
{
	/* A part made is the start of the whole: the cursor's row stays. */
	if (rows > a->rank.known)
		by_rank(a);
}

void
view_rank_select_entity(struct app *a, int e)
{
	struct view_rank	*v = &a->rank;
	size_t			 i;

	for (;;) {
		for (i = 0; i < v->known; i++)
			if (v->order[i] == e) {
				v->cur = i;
				return;
			}
		if (v->known == v->n)
			return;
		view_rank_need(a, v->n);
	}
}

void
view_rank_refresh(struct app *a)
{
	struct view_rank	*v = &a->rank;
	size_t			 e, n = a->sess->ds->model->n_entities;
	int			 keep = app_selected_entity(a);

	/* Sorting and every row read both ranks at the node. */
	cr_scores_rank_all(a->sess->scores, a->sess->by);
	cr_scores_rank_all(a->sess->base_scores, a->sess->by);
	v->n = 0;
	if (v->sort_id == RC_RANK && !v->sort_desc) {
		if (!by_rank_top(a))
			by_rank(a);
	} else {
		for (e = 0; e < n; e++)
			if (app_keeps(a, (int)e))
				v->order[v->n++] = (int)e;
		if (v->sort_id == RC_CITY || v->sort_id == RC_NAME2)
			qsort_r(v->order, v->n, sizeof *v->order, cmp_rows,
			    a);
		else
			sort_by_key(a);
		v->known = v->n;
	}
	v->cur = 0;
	if (keep >= 0)
		view_rank_select_entity(a, keep);
	rank_year_refresh(a);
}

/* The columns of a frame: which show, and where. */
struct frame {
	int		*ids;
	struct rc_cols	 c;
	struct rc_place	*at;
	size_t		 n;
	struct rc_layout l;
};

/*
 * The columns at a width.  A slide, and the ranking beside the chooser
 * (the chooser's list, as it goes), start at the left and leave the
 * scroll as it was.
 */
static void
frame_make(struct app *a, int w, struct frame *f)
{
	struct view_rank	*v = &a->rank;

	f->ids = xcalloc(v->cols.n + 1, sizeof *f->ids);
	f->at = xcalloc(v->cols.n + 1, sizeof *f->at);
	if (v->chooser && !a->present.on)
		f->n = f->c.keep = rc_set_shown(&v->cols, f->ids);
	else
		f->n = view_rank_shown(a, w, f->ids, &f->c.keep);
	f->c.ids = f->ids;
	f->c.n = f->n;
	f->c.name_w = v->name_w[a->sess->lang == CR_LANG_EN];
	f->c.units = a->sess->ds->model->n_entities;
	if (a->present.on || v->chooser) {
		rc_layout(&f->c, w, 0, f->at, &f->l);
		return;
	}
	rc_layout(&f->c, w, v->hscroll, f->at, &f->l);
	v->hscroll = f->l.scroll;
	v->max_scroll = f->l.max_scroll;
	v->width = w;
}

static void
frame_free(struct frame *f)
{
	free(f->ids);
	free(f->at);
}

static const char *
sort_mark(const struct app *a, int col)
{
	if (a->rank.sort_id != col)
		return ("");
	if (a->d.ascii)
		return (a->rank.sort_desc ? "v" : "^");
	return (a->rank.sort_desc ? "▼" : "▲");
}

/*
 * The second name column: the other language's name, or the code when
 * the names are one, or in English where Chinese cannot be drawn.
 */
static int
name2_code(const struct app *a)
{
	return (a->rank.one_name || (a->sess->lang == CR_LANG_EN &&
	    a->d.ascii));
}

static const char *
col_title(const struct app *a, int id)
{
	const struct cr_node	*n;

	switch (id) {
	case RC_RANK:
		return ("Rank");
	case RC_MOVE:
		return ("Move");
	case RC_CITY:
		return ("City");
	case RC_NAME2:
		return (name2_code(a) ? "Code" : a->sess->lang == CR_LANG_EN ?
		    "Chinese" : "Pinyin");
	case RC_SCORE:
		return ("Score");
	case RC_REPORT:
		return ("Report");
	case RC_PROV:
		return ("Provenance");
	case RC_YEAR:
		return (rank_year_title(a));
	default:
		n = &a->sess->ds->model->nodes[id - RC_NODE];
		return (a->d.ascii ? n->code : session_node_name(a->sess,
		    id - RC_NODE));
	}
}

/* Numbers align right; a node's name leads its values and bar. */
static int
col_right(int id)
{
	return (id == RC_RANK || id == RC_MOVE || id == RC_SCORE ||
	    id == RC_REPORT || id == RC_YEAR);
}

/*
 * The heads, the sort column's as the cursor (r ranks by it), and a
 * mark at each side where columns are scrolled off.
 */
static void
draw_header(struct app *a, int y, int x0, int w, const struct frame *f)
{
	attr_t	 head = draw_attr(&a->d, ROLE_HEADER);
	size_t	 i;
	int	 id;
	char	*s;

	attrset(head);
	draw_text(stdscr, y, x0, "", w, 0);
	for (i = 0; i < f->n; i++) {
		if (f->at[i].x < 0)
			continue;
		id = f->ids[i];
		s = xasprintf("%s%s", col_title(a, id), sort_mark(a, id));
		if (id == a->rank.sort_id)
			attrset(draw_attr(&a->d, ROLE_CURSOR));
		draw_text(stdscr, y, x0 + f->at[i].x, s, col_right(id) ?
		    col_w(a, id) : f->at[i].w, col_right(id));
		attrset(head);
		free(s);
	}
	if (f->l.left_mark >= 0)
		mvaddstr(y, x0 + f->l.left_mark, a->d.ascii ? "<" : "‹");
	if (f->l.right_mark >= 0)
		mvaddstr(y, x0 + f->l.right_mark, a->d.ascii ? ">" : "›");
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
	    cr_scores_rank(ss->scores, e, ss->by), col_w(a, RC_MOVE), base);
}

static void
rank_cell(struct app *a, int y, int x, int e)
{
	const struct session	*ss = a->sess;
	int			 r;
	char			 buf[16];

	if ((r = cr_scores_rank(ss->scores, e, ss->by)) > 0)
		snprintf(buf, sizeof buf, "%d", r);
	else
		snprintf(buf, sizeof buf, "-");
	draw_text(stdscr, y, x, buf, col_w(a, RC_RANK), 1);
	if (view_compare_marked(a, e))
		mvaddstr(y, x, a->d.ascii ? "+" : "●");
	/* A fragile rank, once the analysis is of these weights. */
	if (robust_job_fragile(&a->rjob, e) &&
	    !robust_job_stale(&a->rjob, ss))
		mvaddstr(y, x + col_w(a, RC_RANK), "!");
}

/* The rank the source publishes at the ranked node, or "-". */
static void
report_cell(struct app *a, int y, int x, int e)
{
	const struct session	*ss = a->sess;
	const struct cr_published *p;
	char			 buf[32];

	p = cr_dataset_published(ss->ds, e, ss->by, CR_PUB_RANK);
	if (p != NULL)
		snprintf(buf, sizeof buf, "%.0f", p->value);
	else
		snprintf(buf, sizeof buf, "-");
	draw_text(stdscr, y, x, buf, col_w(a, RC_REPORT), 1);
}

/* The least official provenance beneath the ranked score. */
static void
prov_cell(struct app *a, int y, int x, int e, attr_t base)
{
	enum cr_prov	p = cr_scores_prov(a->sess->scores, e, a->sess->by);

	if (cr_prov_is_derived(p))
		attrset(draw_over(&a->d, ROLE_DERIVED, base));
	draw_text(stdscr, y, x, cr_prov_name(p), col_w(a, RC_PROV), 0);
	attrset(base);
}

static void
draw_cell(struct app *a, int y, int x, int e, int id,
    const struct rc_place *at, attr_t base)
{
	const struct session	*ss = a->sess;
	const struct cr_model	*m = ss->ds->model;
	int			 node = id == RC_SCORE ? ss->by : id - RC_NODE;

	switch (id) {
	case RC_RANK:
		rank_cell(a, y, x, e);
		return;
	case RC_MOVE:
		move_cell(a, y, x, e, base);
		return;
	case RC_CITY:
		/* A city the search matches stands out, in every row. */
		if (a->search != NULL && cr_match_entity(a->search, m, e))
			attrset(draw_over(&a->d, ROLE_HIGHLIGHT, base));
		draw_text(stdscr, y, x, session_unit_name(ss, e), at->w, 0);
		attrset(base);
		return;
	case RC_NAME2:
		draw_text(stdscr, y, x, name2_code(a) ? m->entities[e].code :
		    a->sess->lang == CR_LANG_EN ? m->entities[e].name_zh :
		    m->entities[e].name_en, at->w, 0);
		return;
	case RC_REPORT:
		report_cell(a, y, x, e);
		return;
	case RC_PROV:
		prov_cell(a, y, x, e, base);
		return;
	case RC_YEAR:
		rank_year_cell(a, y, x, col_w(a, RC_YEAR), e, base);
		return;
	}
	score_cell(a, y, x, e, node, base);
	if (at->bar > 0) {
		draw_bar(&a->d, stdscr, y, x + rc_bar_x(id),
		    score_at(a, e, node), 100, at->bar);
		attrset(base);
	}
}

static void
draw_row(struct app *a, int y, int x0, int w, size_t i,
    const struct frame *f)
{
	struct view_rank	*v = &a->rank;
	int			 e = v->order[i];
	size_t			 c;
	attr_t			 base;

	base = i == v->cur ? draw_attr(&a->d, ROLE_CURSOR) : A_NORMAL;
	attrset(base);
	draw_text(stdscr, y, x0, "", w, 0);
	for (c = 0; c < f->n; c++)
		if (f->at[c].x >= 0)
			draw_cell(a, y, x0 + f->at[c].x, e, f->ids[c],
			    &f->at[c], base);
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
draw_moving(struct app *a, int y0, int x, int w, const struct frame *f)
{
	struct view_rank	*v = &a->rank;
	long			 from, to, at;
	size_t			 i;
	int			 r;

	for (r = 0; r < v->rows; r++)
		draw_text(stdscr, y0 + r, x, "", w, 0);
	view_rank_need(a, v->n);
	for (i = 0; i < v->n; i++) {
		to = screen_row(v, (long)i);
		from = v->from[v->order[i]];
		from = from < 0 ? v->rows : screen_row(v, from);
		at = lround((double)from + (double)(to - from) * v->moved);
		if (at >= 0 && at < v->rows)
			draw_row(a, y0 + (int)at, x, w, i, f);
	}
}

void
view_rank_draw(struct app *a, int y, int x, int h, int w)
{
	struct view_rank	*v = &a->rank;
	struct frame		 f;
	size_t			 i;
	int			 r, box = 0;

	/*
	 * The chooser takes the right part: the ranking is laid out in the
	 * rest, so that no wide character is cut by the box's edge.
	 */
	if (v->chooser && !a->present.on) {
		box = view_rank_cols_width(w);
		view_rank_cols_draw(a, y, x + w - box, h, box);
		w -= box;
	}
	frame_make(a, w, &f);
	draw_header(a, y, x, w, &f);
	v->y0 = y + 1;
	v->rows = h - 1;
	scroll_into_view(v);
	view_rank_need(a, v->top + (size_t)v->rows);
	if (v->from != NULL) {
		draw_moving(a, y + 1, x, w, &f);
		frame_free(&f);
		return;
	}
	for (r = 0; r < v->rows; r++) {
		i = v->top + (size_t)r;
		if (i < v->n)
			draw_row(a, y + 1 + r, x, w, i, &f);
		else
			draw_text(stdscr, y + 1 + r, x, "", w, 0);
	}
	if (v->n == 0)
		draw_text(stdscr, y + 1, x, "  (no city matches the filter; "
		    "| and Enter on an empty pattern clears it)", w, 0);
	frame_free(&f);
}

void
view_rank_draw_compact(struct app *a, int y, int x, int h, int w,
    int focused)
{
	struct view_rank	*v = &a->rank;
	const struct session	*ss = a->sess;
	size_t			 i;
	int			 r, e, rw, mw, nx, sx;
	char			 buf[16];
	attr_t			 base;

	/*
	 * Rank and move as wide as the data set's (rankcols.c), a gap,
	 * the name, and the score's 6 columns at the right.
	 */
	rw = col_w(a, RC_RANK);
	mw = col_w(a, RC_MOVE);
	nx = rw + mw + 1;
	sx = w - 7 > nx ? w - 7 : nx;
	attrset(draw_attr(&a->d, ROLE_HEADER));
	draw_text(stdscr, y, x, "", w, 0);
	draw_text(stdscr, y, x, "Rank", rw, 1);
	draw_text(stdscr, y, x + rw, "Move", mw, 1);
	draw_text(stdscr, y, x + nx, "City", sx - nx, 0);
	draw_text(stdscr, y, x + sx + 1, "Score", w - sx - 1, 0);
	attrset(A_NORMAL);
	v->y0 = y + 1;
	v->rows = h - 1;
	scroll_into_view(v);
	view_rank_need(a, v->top + (size_t)v->rows);
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
		draw_text(stdscr, y + 1 + r, x, buf, rw, 1);
		move_cell(a, y + 1 + r, x + rw, e, base);
		draw_text(stdscr, y + 1 + r, x + nx, session_unit_name(ss, e),
		    sx - nx, 0);
		score_cell(a, y + 1 + r, x + sx, e, ss->by, base);
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
	view_rank_need(a, n);
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
	if (a->search != NULL)
		view_rank_need(a, v->n);
	for (r = 0; a->search != NULL && r < v->n; r++)
		if (cr_match_entity(a->search, a->sess->ds->model,
		    v->order[r])) {
			(*total)++;
			if (r <= v->cur)
				*at = *total;
		}
}

/*
 * Sort by a column in its natural direction, best first, and scroll to
 * bring it in sight, now: a next key may move it on before a frame.
 */
void
view_rank_sort(struct app *a, int id)
{
	struct view_rank	*v = &a->rank;
	int			*ids = xcalloc(v->cols.n + 1, sizeof *ids);
	struct rc_cols		 c = { ids, 0, 0,
	    v->name_w[a->sess->lang == CR_LANG_EN],
	    a->sess->ds->model->n_entities };
	size_t			 i;

	c.n = view_rank_shown(a, v->width, ids, &c.keep);
	v->sort_id = id;
	v->sort_desc = id == RC_MOVE || id == RC_YEAR || id == RC_SCORE ||
	    id >= RC_NODE;
	for (i = 0; i < c.n && ids[i] != id; i++)
		continue;
	v->hscroll = rc_scroll_to(&c, v->width, v->hscroll, i);
	free(ids);
	view_rank_refresh(a);
}

/* The previous or next of the columns shown, scrolled off or not. */
static void
sort_step(struct app *a, int dir)
{
	struct view_rank	*v = &a->rank;
	int			*ids = xcalloc(v->cols.n + 1, sizeof *ids);
	size_t			 keep, i, n = view_rank_shown(a, v->width, ids,
	    &keep);

	for (i = 0; i < n && ids[i] != v->sort_id; i++)
		continue;
	if (i == n)
		i = dir > 0 ? n - 1 : 0;
	i = (i + n + (size_t)(long)dir) % n;
	view_rank_sort(a, ids[i]);
	free(ids);
}

static int
key_sort(struct app *a, int key)
{
	switch (key) {
	case '<':
	case '>':
		sort_step(a, key == '<' ? -1 : 1);
		return (TUI_REDRAW);
	default:
		a->rank.sort_desc = key == ']';
		view_rank_refresh(a);
		return (TUI_REDRAW);
	}
}

/*
 * Rank by the sort column's node, so that ranks and moves follow it;
 * on the score column (the ranked node's), by that node's parent.
 */
static int
key_rank_by(struct app *a, int key)
{
	const struct cr_model	*m = a->sess->ds->model;
	int			 id = a->rank.sort_id, node;

	(void)key;
	if (a->view != VIEW_RANK)
		return (-1);
	if (id == RC_SCORE && m->nodes[a->sess->by].parent >= 0)
		node = m->nodes[a->sess->by].parent;
	else if (id >= RC_NODE && id - RC_NODE != a->sess->by)
		node = id - RC_NODE;
	else {
		app_msg(a, 1, id >= RC_NODE || id == RC_SCORE ? "ranked by "
		    "it already: < > put the sort on another node's column" :
		    "r ranks by a node's column: < > put the sort on one");
		return (TUI_REDRAW);
	}
	a->rank.sort_id = RC_RANK;
	a->rank.sort_desc = 0;
	app_rank_by(a, node);
	return (TUI_REDRAW);
}

/*
 * The column keys (sideways, r, C) are the full ranking's: beside the
 * weights, the narrow ranking has no columns to move, and the weights'
 * keys get them (-1: not handled here).
 */

/* Sideways by a column; rank, move and the city stay. */
static int
key_scroll(struct app *a, int key)
{
	struct view_rank	*v = &a->rank;

	if (a->view != VIEW_RANK)
		return (-1);
	if (key == 'h' || key == KEY_LEFT) {
		if (v->hscroll > 0)
			v->hscroll--;
		else
			app_msg(a, 0, "the first columns show already");
	} else if (v->hscroll < v->max_scroll)
		v->hscroll++;
	else
		app_msg(a, 0, "the last columns show already");
	return (TUI_REDRAW);
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
	{ { '<', '>' }, 0, "< >", "previous / next sort column (its head "
	    "shows as the cursor)", key_sort, 0 },
	{ { '[', ']' }, 0, "[ ]", "sort ascending / descending", key_sort,
	    0 },
	{ { 'r' }, 0, "r", "rank by the sort column's node: ranks and moves "
	    "follow it (on Score: by the ranked node's parent)", key_rank_by,
	    0 },
	{ { 'h', KEY_LEFT, 'l', KEY_RIGHT }, 0, "h l ← →", "scroll the "
	    "columns sideways (rank, move and the city stay)", key_scroll,
	    0 },
	{ { 'C' }, 0, "C", "choose the columns and their order",
	    view_rank_cols_open, 0 },
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
