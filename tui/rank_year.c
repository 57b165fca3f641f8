/*
 * The ranking's move since the year before: the current scenario (the
 * weights and methods in force) scored on the previous year's values,
 * as 'cityrank rank --against' does, so that it reads "places gained
 * since 2021 under these weights".  The move against the baseline
 * stays beside it: a weight change still shows there.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "rank_year.h"
#include "session.h"
#include "tables.h"
#include "xmalloc.h"

void
rank_move_cell(struct app *a, int y, int x, int then, int now, int w,
    attr_t base)
{
	char	buf[16];

	session_move_text(buf, sizeof buf, then, now, a->d.ascii);
	if (then > now && now > 0)
		attrset(draw_over(&a->d, ROLE_UP, base));
	else if (then < now && then > 0)
		attrset(draw_over(&a->d, ROLE_DOWN, base));
	draw_text(stdscr, y, x, buf, w, 1);
	attrset(base);
}

/* The year before the one in view, as an index in ds->periods; or -1. */
static int
before(const struct app *a)
{
	int	at = session_period_at(a->sess);

	return (at > 0 ? at - 1 : -1);
}

int
rank_year_width(struct app *a)
{
	int	b = before(a), w;

	if (b < 0)
		return (0);
	w = 3 + (int)strlen(a->sess->ds->periods[b]);
	return ((w < 5 ? 5 : w > 10 ? 10 : w) + 1);
}

const char *
rank_year_title(const struct app *a)
{
	static char	buf[16];

	if (before(a) < 0)
		return ("");
	snprintf(buf, sizeof buf, "vs %s", a->sess->ds->periods[before(a)]);
	return (buf);
}

int
rank_year_then(struct app *a, int e)
{
	struct cr_scores	*then;

	if (before(a) < 0 || (then = session_period_scores(a->sess,
	    (size_t)before(a), NULL)) == NULL)
		return (0);
	return (cr_scores_rank(then, e, a->sess->by));
}

void
rank_year_cell(struct app *a, int y, int x, int w, int e, attr_t base)
{
	struct session		*ss = a->sess;
	struct cr_scores	*then;

	if (before(a) < 0)
		return;
	then = session_period_scores(ss, (size_t)before(a), NULL);
	if (then != NULL)
		rank_move_cell(a, y, x, cr_scores_rank(then, e, ss->by),
		    cr_scores_rank(ss->scores, e, ss->by), w, base);
}

void
rank_year_refresh(struct app *a)
{
	struct cr_scores	*then;
	char			*why = NULL;

	if (before(a) < 0)
		return;
	then = session_period_scores(a->sess, (size_t)before(a), &why);
	if (then != NULL)
		cr_scores_rank_all(then, a->sess->by);
	else if (why != NULL)
		app_msg(a, 1, "the year before: %s", why);
	free(why);
}
