/*
 * The robustness view (view_robust.h).  A row: rank now, a fragile
 * mark, the city, its band drawn on a scale of ranks 1 to N (the band
 * from the 5th to the 95th percentile, the median marked, the rank now
 * as a bar), the band in numbers, the median and P(top k).  Below, when
 * there is room, the Sobol indices of the ranked node's weights.
 */
#include "config.h"

#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "keys.h"
#include "list.h"
#include "session.h"
#include "tables.h"
#include "xmalloc.h"

/* The numbers at the right: band, median, P(top k). */
#define NUM_W	27

/* The column of rank r (1..n) on a scale of w columns. */
static int
col_of(double r, size_t n, int w)
{
	int	c;

	if (n <= 1)
		return (0);
	c = (int)lround((r - 1) / (double)(n - 1) * (w - 1));
	return (c < 0 ? 0 : c >= w ? w - 1 : c);
}

static void
draw_band(struct app *a, int y, int x, int w, const struct cr_mc_unit *u,
    int now, size_t n, attr_t base)
{
	int	c, lo, hi, med;

	if (u->ranked == 0)
		return;
	lo = col_of(u->p05_rank, n, w);
	hi = col_of(u->p95_rank, n, w);
	med = col_of(u->median_rank, n, w);
	attrset(draw_over(&a->d, ROLE_BAR, base));
	for (c = lo; c <= hi; c++)
		mvaddstr(y, x + c, a->d.ascii ? "=" : "━");
	attrset(draw_over(&a->d, ROLE_NORMAL, base) | A_BOLD);
	mvaddstr(y, x + med, a->d.ascii ? "*" : "◆");
	if (now > 0 && col_of(now, n, w) != med)
		mvaddstr(y, x + col_of(now, n, w), a->d.ascii ? "|" : "│");
	attrset(base);
}

/* The rank column: 4 digits, as many as the last rank's from 10,000. */
static int
rank_width(const struct app *a)
{
	size_t	n = a->sess->ds->model->n_entities;
	int	d = 1;

	for (; n >= 10; n /= 10)
		d++;
	return (d > 4 ? d : 4);
}

/*
 * The name column: 8 for Chinese names, as wide as the longest English
 * one in English (16 at most), so that names are cut last.
 */
static int
name_width(const struct app *a)
{
	int	w = a->rank.en_w;

	if (a->sess->lang != CR_LANG_EN || w < 8)
		return (8);
	return (w > 16 ? 16 : w);
}

static void
draw_row(struct app *a, int y, int x, int w, size_t i, const int *order)
{
	struct robust_job	*j = &a->rjob;
	const struct cr_mc_unit	*u;
	int			 e = order[i], now, nw = name_width(a);
	int			 rw = rank_width(a), bw = w - NUM_W - rw - 5 - nw;
	char			 buf[64];
	attr_t			 base;

	base = i == a->robust.cur ? draw_attr(&a->d, ROLE_CURSOR) : A_NORMAL;
	attrset(base);
	draw_text(stdscr, y, x, "", w, 0);
	now = cr_scores_rank(a->sess->scores, e, a->sess->by);
	if (now > 0)
		snprintf(buf, sizeof buf, "%d", now);
	else
		snprintf(buf, sizeof buf, "-");
	draw_text(stdscr, y, x, buf, rw, 1);
	if (robust_job_fragile(j, e))
		mvaddstr(y, x + rw, "!");
	draw_text(stdscr, y, x + rw + 2, session_unit_name(a->sess, e), nw,
	    0);
	if (j->units == NULL || (size_t)e >= j->n)
		return;
	u = &j->units[e];
	if (bw >= 8)
		draw_band(a, y, x + rw + 3 + nw, bw, u, now, j->n, base);
	if (u->ranked == 0)
		snprintf(buf, sizeof buf, "      no rank");
	else
		snprintf(buf, sizeof buf, "%4.0f-%-5.0f %6.1f %8.0f%%",
		    u->p05_rank, u->p95_rank, u->median_rank, 100 * u->p_top);
	draw_text(stdscr, y, x + w - NUM_W, buf, NUM_W, 1);
	attrset(A_NORMAL);
}

static void
draw_header(struct app *a, int y, int x, int w)
{
	struct robust_job	*j = &a->rjob;
	char			*s, top[32];

	attrset(draw_attr(&a->d, ROLE_HEADER));
	if (robust_job_held(j, a->sess))
		s = xasprintf(" Rank bands: cancelled%s; r runs the analysis",
		    j->units != NULL ? " (the bands shown are stale)" : "");
	else if (robust_job_busy(j))
		s = xasprintf(" Rank bands: computing %d%%... (Esc cancels)",
		    robust_job_progress(j));
	else if (j->units == NULL)
		s = xasprintf(" Rank bands: %s", j->why[0] != '\0' ? j->why :
		    "computing...");
	else
		s = xasprintf(" Rank bands under ±%.0f%% on every weight · "
		    "%zu samples · seed 1%s", 100 * ROBUST_NOISE, j->samples,
		    robust_job_stale(j, a->sess) ? " · stale: recomputing" :
		    "");
	draw_text(stdscr, y, x, s, w, 0);
	free(s);
	s = xasprintf("%*s  %-*s%s", rank_width(a), "#",
	    name_width(a) + 1, "City", a->d.ascii ?
	    "band 5-95% (* median, | now)" : "band 5-95% (◆ median, │ now)");
	draw_text(stdscr, y + 1, x, s, w, 0);
	free(s);
	/* k is the analysis's: known once it has answered. */
	if (j->top > 0)
		snprintf(top, sizeof top, "P(top %d)", j->top);
	else
		snprintf(top, sizeof top, "P(top k)");
	s = xasprintf("%10s %6s %9s", "5-95%", "median", top);
	if (w > 40)
		draw_text(stdscr, y + 1, x + w - NUM_W, s, NUM_W, 1);
	free(s);
	attrset(A_NORMAL);
}

/* The Sobol indices as bars: first order, and total order beside it. */
static int
draw_sobol(struct app *a, int y, int x, int h, int w)
{
	struct robust_job	*j = &a->rjob;
	size_t			 i;
	char			 buf[64], *name;
	int			 r = 0, bw = (w - 40) / 2;

	if (j->sobol.d == 0 || h < 3 || bw < 4)
		return (0);
	attrset(draw_attr(&a->d, ROLE_HEADER));
	draw_text(stdscr, y + r++, x, " Which weight drives it (Sobol "
	    "indices of the mean rank change): first order, total", w, 0);
	attrset(A_NORMAL);
	for (i = 0; i < j->sobol.d && r < h; i++, r++) {
		name = session_node_both(a->sess, j->sobol_node[i]);
		draw_text(stdscr, y + r, x + 1, name, 20, 0);
		free(name);
		draw_bar(&a->d, stdscr, y + r, x + 22, j->sobol.first[i], 1,
		    bw);
		draw_bar(&a->d, stdscr, y + r, x + 23 + bw, j->sobol.total[i],
		    1, bw);
		snprintf(buf, sizeof buf, "%5.2f %5.2f", j->sobol.first[i],
		    j->sobol.total[i]);
		draw_text(stdscr, y + r, x + 24 + 2 * bw, buf, 12, 1);
	}
	return (r);
}

void
view_robust_draw(struct app *a, int y, int x, int h, int w)
{
	struct view_robust	*v = &a->robust;
	const struct cr_model	*m = a->sess->ds->model;
	int			*order;
	int			 r, sob = 0, body;

	draw_header(a, y, x, w);
	if (a->rjob.sobol.d > 0 && h >= 14)
		sob = (int)a->rjob.sobol.d + 1;
	body = h - 2 - sob;
	v->rows = body > 0 ? body : 1;
	v->y0 = y + 2;
	if (m->n_entities == 0)
		return;
	if (v->cur >= m->n_entities)
		v->cur = m->n_entities - 1;
	if (v->cur < v->top)
		v->top = v->cur;
	if (v->cur >= v->top + (size_t)v->rows)
		v->top = v->cur - (size_t)v->rows + 1;
	order = session_ranked_order(m, a->sess->scores, a->sess->by);
	for (r = 0; r < body; r++) {
		if (v->top + (size_t)r < m->n_entities)
			draw_row(a, y + 2 + r, x, w, v->top + (size_t)r, order);
		else
			draw_text(stdscr, y + 2 + r, x, "", w, 0);
	}
	free(order);
	if (sob > 0)
		draw_sobol(a, y + 2 + body, x, sob, w);
}

static int
key_cancel(struct app *a, int key)
{
	(void)key;
	if (robust_job_cancel(&a->rjob, a->sess))
		app_msg(a, 0, "robustness run cancelled: r runs it");
	return (TUI_REDRAW);
}

static int
key_rerun(struct app *a, int key)
{
	(void)key;
	robust_job_resume(&a->rjob);
	return (TUI_REDRAW);
}

static const struct binding bindings[] = {
	{ { 27 }, 0, "Esc", "cancel the run under way", key_cancel, 0 },
	{ { 'r' }, 0, "r", "run it again", key_rerun, 0 },
};

const struct keymap view_robust_keys = KEYMAP("Robustness (7): bands "
    "follow every change, computed in the background", bindings, KEYS_LISTS);

int
view_robust_key(struct app *a, int key)
{
	struct view_robust	*v = &a->robust;
	size_t			 n = a->sess->ds->model->n_entities;

	if (list_move(&v->cur, n, (size_t)v->rows, key))
		return (TUI_REDRAW);
	return (keys_run(&view_robust_keys, a, key) < 0 ? 0 : TUI_REDRAW);
}
