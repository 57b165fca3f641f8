/* The ranking view. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "view_rank.h"
#include "xmalloc.h"

#define MIN_COLS	40
#define MIN_LINES	8

void
view_rank_init(struct view_rank *v, struct cli *c)
{
	const struct cr_model	*m = c->ds->model;
	int			 ch;

	memset(v, 0, sizeof *v);
	v->c = c;
	v->n = m->n_entities;
	v->order = xcalloc(v->n + 1, sizeof *v->order);
	for (ch = m->nodes[0].first_child; ch >= 0 && v->ndims < 8;
	    ch = m->nodes[ch].next_sibling)
		v->dims[v->ndims++] = ch;
	view_rank_sort(v);
}

void
view_rank_free(struct view_rank *v)
{
	free(v->order);
}

static const struct view_rank *sort_view;

/* Rank first (unranked last), then data order: a stable, total order. */
static int
cmp_rank(const void *a, const void *b)
{
	const struct cli	*c = sort_view->c;
	size_t			 nn = c->ds->model->n_nodes;
	int			 ea = *(const int *)a, eb = *(const int *)b;
	int			 ra, rb;

	ra = c->scores->rank[(size_t)ea * nn + c->by];
	rb = c->scores->rank[(size_t)eb * nn + c->by];
	if (ra == 0)
		ra = 1 << 30;
	if (rb == 0)
		rb = 1 << 30;
	if (ra != rb)
		return (ra < rb ? -1 : 1);
	return (ea < eb ? -1 : ea > eb);
}

void
view_rank_sort(struct view_rank *v)
{
	size_t	i;

	for (i = 0; i < v->n; i++)
		v->order[i] = (int)i;
	sort_view = v;
	qsort(v->order, v->n, sizeof *v->order, cmp_rank);
	sort_view = NULL;
}

static void
move_text(char *buf, size_t len, int base, int now, int ascii)
{
	if (base == 0 || now == 0 || base == now)
		snprintf(buf, len, "=");
	else if (base > now)
		snprintf(buf, len, "%s%d", ascii ? "+" : "↑", base - now);
	else
		snprintf(buf, len, "%s%d", ascii ? "-" : "↓", now - base);
}

/* Column layout for a width: which optional parts fit. */
struct layout {
	int	pinyin, dims, dimbar, bar;
};

static struct layout
layout_for(int cols, int ndims)
{
	struct layout	l = { 12, 1, 3, 10 };

	/* rank 4, move 4, city 8, score 7, gaps: the fixed 28 columns. */
	if (28 + l.pinyin + l.bar + 1 + ndims * (6 + l.dimbar) > cols)
		l.dimbar = 0;
	if (28 + l.pinyin + l.bar + 1 + ndims * 6 > cols)
		l.bar = 0;
	if (28 + l.pinyin + ndims * 6 > cols)
		l.dims = 0;
	if (28 + l.pinyin + 2 > cols)
		l.pinyin = 0;
	return (l);
}

static void
draw_header(struct view_rank *v, const struct draw *d, WINDOW *w,
    struct layout *l)
{
	const struct cr_model	*m = v->c->ds->model;
	int			 x, i;
	char			*s;

	wattr_on(w, draw_attr(d, ROLE_TITLE), NULL);
	s = xasprintf(" cityrank · %s · ranked by %s %s",
	    v->c->ds->title_zh, m->nodes[v->c->by].name_zh,
	    m->nodes[v->c->by].name_en);
	draw_text(w, 0, 0, s, COLS, 0);
	free(s);
	wattr_off(w, draw_attr(d, ROLE_TITLE), NULL);
	wattr_on(w, draw_attr(d, ROLE_HEADER), NULL);
	wmove(w, 1, 0);
	wclrtoeol(w);
	draw_text(w, 1, 0, "Rank", 4, 1);
	draw_text(w, 1, 5, "Move", 4, 1);
	draw_text(w, 1, 10, "City", 8, 0);
	x = 19;
	if (l->pinyin) {
		draw_text(w, 1, x, "Pinyin", l->pinyin, 0);
		x += l->pinyin + 1;
	}
	draw_text(w, 1, x, "Score", 7, 1);
	x += 8 + (l->bar ? l->bar + 1 : 0);
	for (i = 0; l->dims && i < v->ndims; i++) {
		draw_text(w, 1, x, m->nodes[v->dims[i]].name_zh,
		    5 + l->dimbar, 0);
		x += 6 + l->dimbar;
	}
	wattr_off(w, draw_attr(d, ROLE_HEADER), NULL);
}

static void
score_cell(const struct draw *d, WINDOW *w, int y, int x, double s,
    int derived)
{
	char	buf[32];

	snprintf(buf, sizeof buf, isnan(s) ? "-" : "%.1f", s);
	draw_text(w, y, x, buf, 5, 1);
	if (derived) {
		wattr_on(w, draw_attr(d, ROLE_DERIVED), NULL);
		waddstr(w, "~");
		wattr_off(w, draw_attr(d, ROLE_DERIVED), NULL);
	} else
		waddstr(w, " ");
}

static void
draw_row(struct view_rank *v, const struct draw *d, WINDOW *w, int y,
    size_t i, struct layout *l)
{
	const struct cli	*c = v->c;
	const struct cr_model	*m = c->ds->model;
	int			 e = v->order[i], k, x, j;
	char			 buf[32];
	attr_t			 a;

	k = e * (int)m->n_nodes;
	a = i == v->cur ? draw_attr(d, ROLE_CURSOR) : A_NORMAL;
	wattrset(w, a);
	wmove(w, y, 0);
	wclrtoeol(w);
	if (c->scores->rank[k + c->by] > 0)
		snprintf(buf, sizeof buf, "%d", c->scores->rank[k + c->by]);
	else
		snprintf(buf, sizeof buf, "-");
	draw_text(w, y, 0, buf, 4, 1);
	move_text(buf, sizeof buf, c->base_scores->rank[k + c->by],
	    c->scores->rank[k + c->by], d->ascii);
	draw_text(w, y, 5, buf, 4, 1);
	draw_text(w, y, 10, d->ascii ? m->entities[e].name_en :
	    m->entities[e].name_zh, 8, 0);
	x = 19;
	if (l->pinyin) {
		draw_text(w, y, x, m->entities[e].name_en, l->pinyin, 0);
		x += l->pinyin + 1;
	}
	score_cell(d, w, y, x + 1, c->scores->score[k + c->by],
	    cr_prov_is_derived(c->scores->prov[k + c->by]));
	x += 8;
	if (l->bar) {
		draw_bar(d, w, y, x, c->scores->score[k + c->by], 100, l->bar);
		x += l->bar + 1;
	}
	for (j = 0; l->dims && j < v->ndims; j++) {
		score_cell(d, w, y, x, c->scores->score[k + v->dims[j]],
		    cr_prov_is_derived(c->scores->prov[k + v->dims[j]]));
		if (l->dimbar)
			draw_bar(d, w, y, x + 6, c->scores->score[k +
			    v->dims[j]], 100, l->dimbar);
		x += 6 + l->dimbar;
	}
	wattrset(w, A_NORMAL);
}

static void
draw_status(struct view_rank *v, const struct draw *d, WINDOW *w)
{
	struct cli	*c = v->c;
	char		*s;

	wattr_on(w, draw_attr(d, ROLE_NORMAL), NULL);
	draw_text(w, LINES - 2, 0, "~ computed from reconstructed values: "
	    "the report publishes ranks, not these scores", COLS, 0);
	s = xasprintf(" %s │ %s │ %s/%s │ %s │ %zu/%zu │ q quit",
	    c->ds->title_zh, c->sc->name, cr_norm_name(c->sc->norm),
	    cr_agg_name(c->sc->agg), cr_scenario_differs(c->ds->model, c->sc,
	    c->base) ? "modified" : "baseline", v->cur + 1, v->n);
	wattr_on(w, draw_attr(d, ROLE_STATUS), NULL);
	draw_text(w, LINES - 1, 0, s, COLS, 0);
	wattr_off(w, draw_attr(d, ROLE_STATUS), NULL);
	free(s);
}

static void
draw_too_small(WINDOW *w)
{
	char	buf[64];

	werase(w);
	snprintf(buf, sizeof buf, "terminal too small (needs %dx%d)",
	    MIN_COLS, MIN_LINES);
	draw_text(w, 0, 0, buf, COLS, 0);
}

void
view_rank_draw(struct view_rank *v, const struct draw *d, WINDOW *w)
{
	struct layout	l;
	size_t		i;
	int		y;

	if (COLS < MIN_COLS || LINES < MIN_LINES) {
		draw_too_small(w);
		return;
	}
	l = layout_for(COLS, v->ndims);
	v->rows = LINES - 4;
	if (v->cur < v->top)
		v->top = v->cur;
	if (v->cur >= v->top + (size_t)v->rows)
		v->top = v->cur - (size_t)v->rows + 1;
	draw_header(v, d, w, &l);
	for (y = 0; y < v->rows; y++) {
		i = v->top + (size_t)y;
		if (i < v->n)
			draw_row(v, d, w, y + 2, i, &l);
		else {
			wmove(w, y + 2, 0);
			wclrtoeol(w);
		}
	}
	draw_status(v, d, w);
}

static void
move_cursor(struct view_rank *v, long delta)
{
	long	cur = (long)v->cur + delta;

	if (cur < 0)
		cur = 0;
	if (cur >= (long)v->n)
		cur = (long)v->n - 1;
	v->cur = (size_t)cur;
}

int
view_rank_key(struct view_rank *v, int key)
{
	long	page = v->rows > 1 ? v->rows - 1 : 1;

	switch (key) {
	case 'q':
	case 'Q':
		return (TUI_QUIT);
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
	case KEY_PPAGE:
	case 21:	/* ^U */
		move_cursor(v, -page);
		break;
	default:
		return (0);
	}
	return (TUI_REDRAW);
}
