/*
 * The city detail's rank over the years.  Every year is scored on the
 * weights and methods in force (session_period_scores()), so the line
 * answers "how would this city have ranked, year by year, under these
 * weights", and follows every change.
 */
#include "config.h"

#include <curses.h>
#include <math.h>
#include <stdlib.h>

#include "app.h"
#include "detail_years.h"
#include "session.h"
#include "spark.h"
#include "xmalloc.h"

/* Each year's rank, 0 where it has none or the year cannot be read. */
static void
ranks(struct app *a, int e, int *r)
{
	struct session		*ss = a->sess;
	struct cr_scores	*s;
	size_t			 i;

	for (i = 0; i < ss->ds->n_periods; i++) {
		s = session_period_scores(ss, i, NULL);
		r[i] = s != NULL ? cr_scores_rank(s, e, ss->by) : 0;
	}
}

/* "5 4 [7] 6 3": the year in view bracketed, "-" for no rank. */
static char *
numbers(const int *r, size_t n, int at)
{
	char	*s = xstrdup(""), *t, num[16];
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (r[i] > 0)
			snprintf(num, sizeof num, "%d", r[i]);
		else
			snprintf(num, sizeof num, "-");
		t = xasprintf("%s%s%s%s%s", s, i ? " " : "",
		    (int)i == at ? "[" : "", num, (int)i == at ? "]" : "");
		free(s);
		s = t;
	}
	return (s);
}

int
detail_years_draw(struct app *a, int y, int x, int w)
{
	const struct cr_dataset	*ds = a->sess->ds;
	const struct cr_model	*m = ds->model;
	size_t			 i, n = ds->n_periods;
	int			*r;
	double			*v;
	const char		*by;
	char			*spark, *nums, *s;

	if (n < 2)
		return (0);
	r = xcalloc(n, sizeof *r);
	v = xcalloc(n, sizeof *v);
	ranks(a, a->detail.entity, r);
	for (i = 0; i < n; i++)
		v[i] = r[i] > 0 ? r[i] : NAN;
	spark = cr_spark(v, n, 1, a->d.ascii);
	nums = numbers(r, n, session_period_at(a->sess));
	/* Ranked by another node than the index: say which. */
	by = m->nodes[a->sess->by].parent != -1 ? m->nodes[a->sess->by].code :
	    NULL;
	s = xasprintf("rank by year %s %s-%s: %s%s%s", spark, ds->periods[0],
	    ds->periods[n - 1], nums, by != NULL ? " at " : "",
	    by != NULL ? by : "");
	draw_text(stdscr, y, x, s, w, 0);
	free(s);
	free(nums);
	free(spark);
	free(v);
	free(r);
	return (1);
}
