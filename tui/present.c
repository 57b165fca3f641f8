/* Presentation mode: see present.h and doc/present.md. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "keys.h"
#include "match.h"
#include "present.h"
#include "session.h"
#include "slideshow.h"
#include "utf8.h"
#include "xmalloc.h"

/* Lines a caption or a note may take at most. */
#define CAPTION_LINES	2
#define NOTE_LINES	6

/* The views' scroll places, kept (back 0) or put back (1). */
static void
places(struct app *a, size_t *pos, int back)
{
	size_t	*p[] = { &a->detail.top, &a->compare.top, &a->weights.top,
	    &a->weights.cur, &a->tree.top, &a->tree.cur, &a->robust.top,
	    &a->robust.cur };
	size_t	 i;

	for (i = 0; i < sizeof p / sizeof p[0]; i++) {
		if (back)
			*p[i] = pos[i];
		else
			pos[i] = *p[i];
	}
}

static void
save_explorer(struct app *a)
{
	struct present_saved	*s = &a->present.saved;

	s->view = (int)a->view;
	s->back = (int)a->back;
	s->filter = a->filter;
	s->search = a->search;
	s->filter_text = a->filter_text;
	a->filter = a->search = NULL;
	a->filter_text = NULL;
	memcpy(s->marks, a->compare.marks, sizeof s->marks);
	s->nmarks = a->compare.nmarks;
	s->scatter = a->scatter;
	s->detail = a->detail.entity;
	s->rank_cur = a->rank.cur;
	s->rank_top = a->rank.top;
	places(a, s->pos, 0);
}

/* The slide's own filter and highlight go; the explorer's come back. */
static void
drop_slide(struct app *a)
{
	cr_match_free(a->filter);
	cr_match_free(a->search);
	free(a->filter_text);
	a->filter = a->search = NULL;
	a->filter_text = NULL;
	free(a->present.error);
	a->present.error = NULL;
}

static void
restore_explorer(struct app *a)
{
	struct present_saved	*s = &a->present.saved;

	drop_slide(a);
	a->view = (enum view_id)s->view;
	a->back = (enum view_id)s->back;
	a->filter = s->filter;
	a->search = s->search;
	a->filter_text = s->filter_text;
	memcpy(a->compare.marks, s->marks, sizeof s->marks);
	a->compare.nmarks = s->nmarks;
	a->scatter = s->scatter;
	a->detail.entity = s->detail;
	view_rank_refresh(a);
	a->rank.cur = s->rank_cur;
	a->rank.top = s->rank_top;
	places(a, s->pos, 1);
}

/* The first cities in rank order that the highlight matches. */
static void
mark_highlighted(struct app *a)
{
	struct view_rank	*v = &a->rank;
	size_t			 i;
	int			 first = 1;

	a->compare.nmarks = 0;
	if (a->search == NULL)
		return;
	view_rank_need(a, v->n);
	for (i = 0; i < v->n; i++) {
		if (!cr_match_entity(a->search, a->sess->ds->model,
		    v->order[i]))
			continue;
		if (first)
			v->cur = i;
		first = 0;
		if (a->compare.nmarks < COMPARE_MAX)
			a->compare.marks[a->compare.nmarks++] = v->order[i];
	}
}

static void
show_view(struct app *a, const struct cr_slide *sl,
    const struct slide_built *b)
{
	static const enum view_id views[CR_SLIDE_NVIEWS] = {
		VIEW_RANK, VIEW_DETAIL, VIEW_COMPARE, VIEW_SCATTER,
		VIEW_TREE, VIEW_WEIGHTS, VIEW_ROBUST
	};
	int	i;

	a->view = views[sl->view];
	a->detail.top = 0;
	a->compare.top = 0;
	a->weights.top = a->weights.cur = 0;
	a->tree.top = a->tree.cur = 0;
	a->robust.top = a->robust.cur = 0;
	if (sl->view == CR_SLIDE_SHOW)
		a->detail.entity = b->units[0];
	if (sl->view == CR_SLIDE_COMPARE) {
		for (i = 0; i < b->n_units; i++)
			a->compare.marks[i] = b->units[i];
		a->compare.nmarks = b->n_units;
	}
	if (sl->view == CR_SLIDE_SCATTER) {
		memset(&a->scatter, 0, sizeof a->scatter);
		a->scatter.x = b->x;
		a->scatter.y = b->y;
		a->scatter.init = 1;
		a->scatter.ascii = a->d.ascii;
		a->scatter.sel = a->compare.nmarks > 0 ?
		    a->compare.marks[0] : -1;
	}
}

static long
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

static void
stop_moving(struct app *a)
{
	free(a->present.from);
	a->present.from = NULL;
	a->rank.from = NULL;
}

/* Where each city's row is now, before the next slide is built. */
static int *
rows_now(const struct app *a)
{
	const struct view_rank	*v = &a->rank;
	size_t			 i, n = a->sess->ds->model->n_entities;
	int			*row = xreallocarray(NULL, n, sizeof *row);

	for (i = 0; i < n; i++)
		row[i] = -1;
	for (i = 0; i < v->n; i++)
		row[v->order[i]] = (int)i;
	return (row);
}

/*
 * From one ranking to another whose rows differ (other weights, another
 * scenario), the rows move to their places; never in the explorer.
 */
static void
start_moving(struct app *a, int *before)
{
	struct present	*p = &a->present;
	const char	*env = getenv("CITYRANK_TRANSITION_MS");
	size_t		 i;

	view_rank_need(a, a->rank.n);
	for (i = 0; i < a->rank.n; i++)
		if (before[a->rank.order[i]] != (int)i)
			break;
	if (a->view != VIEW_RANK || p->error != NULL || i == a->rank.n) {
		free(before);
		return;
	}
	p->from = before;
	a->rank.from = before;
	a->rank.moved = 0;
	p->move_start = now_ms();
	p->move_ms = PRESENT_MOVE_MS;
	/* For the tests, which look at a move half-way. */
	if (env != NULL && atol(env) > 0)
		p->move_ms = atol(env);
}

int
present_moving(const struct app *a)
{
	return (a->present.on && a->present.from != NULL);
}

int
present_tick(struct app *a)
{
	struct present	*p = &a->present;
	long		 t;

	if (!present_moving(a))
		return (0);
	t = now_ms() - p->move_start;
	if (t >= p->move_ms)
		stop_moving(a);
	else
		a->rank.moved = (double)t / (double)p->move_ms;
	return (TUI_REDRAW);
}

/* Build slide i on the session; a slide that cannot be is its error. */
static void
go(struct app *a, size_t i)
{
	struct present		*p = &a->present;
	const struct cr_slide	*sl = &p->slides->s[i];
	struct slide_built	 b;
	char			*why = NULL;
	int			*before = NULL;

	if (a->transitions && p->shown && a->view == VIEW_RANK &&
	    p->error == NULL) {
		view_rank_need(a, a->rank.n);
		before = rows_now(a);
	}
	stop_moving(a);
	drop_slide(a);
	p->cur = i;
	p->num[0] = '\0';
	a->rank.cur = a->rank.top = 0;
	a->compare.nmarks = 0;
	if (session_slide_build(a->sess, p->mark, p->slides, sl, &b,
	    &why) != 0) {
		p->error = why;
		view_rank_refresh(a);
		free(before);
		return;
	}
	a->filter = b.filter;
	a->search = b.highlight;
	if (b.filter != NULL)
		a->filter_text = xstrdup(sl->val[CR_SK_FILTER]);
	b.filter = b.highlight = NULL;
	view_rank_refresh(a);
	a->rank.cur = a->rank.top = 0;
	mark_highlighted(a);
	show_view(a, sl, &b);
	session_slide_free(&b);
	if (before != NULL)
		start_moving(a, before);
	p->shown = 1;
}

void
present_start(struct app *a, struct cr_slides *s, int exits)
{
	struct present	*p = &a->present;

	memset(p, 0, sizeof *p);
	save_explorer(a);
	p->on = 1;
	p->slides = s;
	p->exits = exits;
	p->mark = session_mark_take(a->sess);
	a->help = 0;
	a->msg[0] = '\0';
	go(a, 0);
}

void
present_end(struct app *a)
{
	struct present	*p = &a->present;
	char		*why = NULL;

	if (!p->on)
		return;
	stop_moving(a);
	if (session_mark_end(a->sess, p->mark, &why) != 0) {
		app_msg(a, 1, "%s", why);
		free(why);
	}
	restore_explorer(a);
	cr_slides_free(p->slides);
	memset(p, 0, sizeof *p);
}

/* Digits then Enter: that slide. */
static int
jump(struct app *a)
{
	struct present	*p = &a->present;
	long		 n = strtol(p->num, NULL, 10);

	p->num[0] = '\0';
	if (n >= 1 && (size_t)n <= p->slides->n)
		go(a, (size_t)n - 1);
	return (TUI_REDRAW);
}

static int
key_next(struct app *a, int key)
{
	struct present	*p = &a->present;

	(void)key;
	if (p->cur + 1 < p->slides->n)
		go(a, p->cur + 1);
	return (TUI_REDRAW);
}

/* Backspace takes back a typed digit first; the arrows never do. */
static int
key_prev(struct app *a, int key)
{
	struct present	*p = &a->present;
	size_t		 len = strlen(p->num);

	if (len > 0 && key != KEY_LEFT && key != KEY_PPAGE)
		p->num[len - 1] = '\0';
	else if (p->cur > 0)
		go(a, p->cur - 1);
	return (TUI_REDRAW);
}

static int
key_ends(struct app *a, int key)
{
	go(a, key == KEY_HOME || key == 'g' ? 0 : a->present.slides->n - 1);
	return (TUI_REDRAW);
}

static int
key_digit(struct app *a, int key)
{
	struct present	*p = &a->present;
	size_t		 len = strlen(p->num);

	if (len + 1 < sizeof p->num) {
		p->num[len] = (char)key;
		p->num[len + 1] = '\0';
	}
	return (TUI_REDRAW);
}

static int
key_jump(struct app *a, int key)
{
	(void)key;
	return (jump(a));
}

static int
key_note(struct app *a, int key)
{
	(void)key;
	a->present.note = !a->present.note;
	return (TUI_REDRAW);
}

static int
key_clear(struct app *a, int key)
{
	(void)key;
	a->present.num[0] = '\0';
	return (TUI_REDRAW);
}

static int
key_leave(struct app *a, int key)
{
	(void)key;
	if (a->present.exits)
		return (TUI_QUIT);
	present_end(a);
	return (TUI_REDRAW);
}

static const struct binding bindings[] = {
	{ { ' ', KEY_RIGHT, KEY_NPAGE, 'l', 'j' }, 0, "Space → PgDn",
	    "next slide (also l j)", key_next, 0 },
	{ { KEY_BACKSPACE, 127, 8, KEY_LEFT, KEY_PPAGE, 'h', 'k' }, 0,
	    "Bksp ← PgUp", "previous slide (also h k)", key_prev, 0 },
	{ { KEY_HOME, 'g', KEY_END, 'G' }, 0, "g G",
	    "first, last slide (also Home, End)", key_ends, 0 },
	{ { '0' }, '9', "0-9", "a slide's number; Enter jumps to it",
	    key_digit, 0 },
	{ { '\r', '\n', KEY_ENTER }, 0, "Enter", "jump to the typed "
	    "number", key_jump, 0 },
	{ { 'n' }, 0, "n", "show / hide the speaker note", key_note, 0 },
	{ { 27 }, 0, "Esc", "forget a typed number", key_clear, 0 },
	{ { 'q', 'Q' }, 0, "q", "leave the slides (cityrank present: quit)",
	    key_leave, 0 },
};

const struct keymap present_keys = KEYMAP("Presentation (P, or cityrank "
    "present)", bindings, KEYS_MODAL);

int
present_key(struct app *a, int key)
{
	int	rc;

	/* A key ends a move at once: the rows are where they go. */
	stop_moving(a);
	rc = keys_run(&present_keys, a, key);

	return (rc < 0 ? TUI_REDRAW : rc);
}

/*
 * Draw text wrapped to w columns on at most max lines from y; the last
 * line is cut with a mark when the text goes on.  Returns lines used.
 */
static int
wrap(int y, int x, int w, int max, const char *text, int count_only)
{
	char		*s = cr_sanitize(text), *p = s, *line;
	size_t		 n, cut;
	int		 lines = 0;

	while (*p != '\0' && lines < max) {
		if ((n = cr_utf8_prefix(p, w)) == 0)
			break;
		if (p[n] != '\0' && lines + 1 < max) {
			/* Break at the last space that fits, if any. */
			for (cut = n; cut > 0 && p[cut] != ' '; cut--)
				continue;
			if (cut > 0)
				n = cut;
		} else if (p[n] != '\0')
			n = strlen(p);
		if (!count_only) {
			line = xstrndup(p, n);
			draw_text(stdscr, y + lines, x, line, w, 0);
			free(line);
		}
		lines++;
		p += n;
		while (*p == ' ')
			p++;
	}
	free(s);
	return (lines);
}

static void
draw_title(struct app *a, const struct cr_slide *sl, int mx)
{
	struct present	*p = &a->present;
	const char	*title = sl->val[CR_SK_TITLE] != NULL ?
	    sl->val[CR_SK_TITLE] : cr_slide_view_name(sl->view);
	char		 pos[48];
	int		 pw;

	if (p->num[0] != '\0')
		snprintf(pos, sizeof pos, "go to %s%s  %zu/%zu", p->num,
		    a->d.ascii ? "_" : "▏", p->cur + 1, p->slides->n);
	else
		snprintf(pos, sizeof pos, "%zu/%zu", p->cur + 1,
		    p->slides->n);
	pw = cr_utf8_width(pos);
	attrset(draw_attr(&a->d, ROLE_TITLE) | A_BOLD);
	draw_text(stdscr, 0, 0, "", COLS, 0);
	draw_text(stdscr, 0, mx, title, COLS - 2 * mx - pw - 2, 0);
	attrset(draw_attr(&a->d, ROLE_TITLE));
	draw_text(stdscr, 0, COLS - mx - pw, pos, pw, 1);
	attrset(A_NORMAL);
}

static void
draw_error(struct app *a, int y, int x, int h, int w)
{
	attrset(draw_attr(&a->d, ROLE_DOWN) | A_BOLD);
	draw_text(stdscr, y + 1, x, "This slide cannot be built:", w, 0);
	attrset(draw_attr(&a->d, ROLE_DOWN));
	wrap(y + 3, x, w, h - 4 > 1 ? h - 4 : 1, a->present.error, 0);
	attrset(draw_attr(&a->d, ROLE_DOWN) | A_BOLD);
	draw_text(stdscr, y + h - 1, x, "Space: the next slide", w, 0);
	attrset(A_NORMAL);
}

static void
draw_slide_view(struct app *a, int y, int x, int h, int w)
{
	switch (a->view) {
	case VIEW_RANK:
		view_rank_draw(a, y, x, h, w);
		break;
	case VIEW_TREE:
		view_tree_draw(a, y, x, h, w);
		break;
	case VIEW_WEIGHTS:
		view_weights_draw(a, y, x, h, w);
		break;
	case VIEW_COMPARE:
		view_compare_draw(a, y, x, h, w);
		break;
	case VIEW_SCATTER:
		view_scatter_draw(a, y, x, h, w);
		break;
	case VIEW_ROBUST:
		view_robust_draw(a, y, x, h, w);
		break;
	case VIEW_DETAIL:
		view_detail_draw(a, y, x, h, w);
		break;
	default:
		break;
	}
}

/* The speaker note, in a box over the bottom of the view. */
static void
draw_note(struct app *a, const char *note, int bottom, int mx)
{
	int	w = COLS - 2 * mx - 4, n, i, y;

	n = wrap(0, 0, w, NOTE_LINES, note, 1);
	y = bottom - n - 2;
	attrset(draw_attr(&a->d, ROLE_STATUS));
	for (i = 0; i < n + 2; i++)
		draw_text(stdscr, y + i, mx, "", COLS - 2 * mx, 0);
	draw_text(stdscr, y, mx + 1, " note (n hides) ", COLS - 2 * mx - 2,
	    0);
	wrap(y + 1, mx + 2, w, NOTE_LINES, note, 0);
	attrset(A_NORMAL);
}

void
present_draw(struct app *a)
{
	struct present		*p = &a->present;
	const struct cr_slide	*sl = &p->slides->s[p->cur];
	const char		*cap = sl->val[CR_SK_CAPTION];
	/* Margins and air around the view, where there is room. */
	int			 mx = COLS >= 120 ? 4 : 1;
	int			 gap = LINES >= 40 ? 1 : 0;
	int			 ncap, y0, h;

	draw_title(a, sl, mx);
	ncap = cap != NULL ? wrap(0, 0, COLS - 2 * mx, CAPTION_LINES, cap,
	    1) : 0;
	y0 = 1 + gap;
	h = LINES - y0 - ncap - gap - (ncap > 0);
	if (p->error != NULL)
		draw_error(a, y0, mx, h, COLS - 2 * mx);
	else
		draw_slide_view(a, y0, mx, h, COLS - 2 * mx);
	if (ncap > 0) {
		attrset(A_BOLD);
		wrap(LINES - ncap - gap, mx, COLS - 2 * mx, CAPTION_LINES, cap,
		    0);
		attrset(A_NORMAL);
	}
	if (p->note && sl->val[CR_SK_NOTE] != NULL)
		draw_note(a, sl->val[CR_SK_NOTE], LINES - ncap - gap -
		    (ncap > 0), mx);
}
