/* The explorer's state and the operations every view shares. */
#include "config.h"

#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "session.h"
#include "match.h"
#include "xmalloc.h"

void
app_init(struct app *a, struct session *ss, int ascii)
{
	memset(a, 0, sizeof *a);
	a->sess = ss;
	a->data_gen = ss->data_gen;
	a->d.ascii = ascii;
	/* ASCII cannot show Chinese: names in English there. */
	if (ascii)
		ss->lang = CR_LANG_EN;
	view_rank_init(a);
	view_tree_init(a);
	view_weights_init(a);
	view_scenarios_init(a);
	a->detail.entity = -1;
	robust_job_init(&a->rjob);
	a->confirm_quit = -1;
	a->transitions = 1;
}

void
app_free(struct app *a)
{
	present_end(a);
	view_rank_free(a);
	view_tree_free(a);
	view_weights_free(a);
	view_detail_free(a);
	view_scatter_free(a);
	view_scenarios_free(a);
	cr_match_free(a->search);
	cr_match_free(a->filter);
	free(a->filter_text);
	free(a->export_path);
	view_target_close(a);
	pager_close(&a->about);
	dspick_close(&a->dspick);
	free(a->dspick.pending);
	a->dspick.pending = NULL;
	robust_job_free(&a->rjob);
}

void
app_set_session(struct app *a, struct session *ss)
{
	struct draw	d = a->d;
	struct theme	t = a->theme;
	enum view_id	v = a->view;
	int		no_color = a->no_color, confirm = a->confirm_quit;

	app_free(a);
	app_init(a, ss, d.ascii);
	a->d = d;
	a->theme = t;
	a->no_color = no_color;
	a->confirm_quit = confirm;
	/* A city or the cities marked were the other data set's. */
	a->view = v == VIEW_DETAIL || v == VIEW_COMPARE ? VIEW_RANK : v;
}

int
app_defer(struct app *a)
{
	struct pollfd	 p = { STDIN_FILENO, POLLIN, 0 };

	if (a->sess->ds->model->n_entities < APP_DEFER_MIN)
		return (0);
	/*
	 * The frame after answers every figure, unless a key came in the
	 * meantime: that key is answered first (a weight held down).
	 */
	if (!a->hurry && poll(&p, 1, 0) != 1)
		return (0);
	a->deferred = 1;
	return (1);
}

int
app_key_waits(void *arg)
{
	return (app_defer(arg));
}

void
app_msg(struct app *a, int error, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(a->msg, sizeof a->msg, fmt, ap);
	va_end(ap);
	a->msg_error = error;
}

int
app_changed(struct app *a, int rc, char *why)
{
	if (rc < 0) {
		app_msg(a, 1, "%s", why != NULL ? why : "failed");
		free(why);
		return (rc);
	}
	free(why);
	/* Another data set (a recipe): rows and marks were the other's. */
	if (rc == 0 && a->sess->data_gen != a->data_gen)
		app_set_session(a, a->sess);
	if (rc == 0)
		view_rank_refresh(a);
	return (rc);
}

void
app_stop_background(struct app *a)
{
	robust_job_free(&a->rjob);
	robust_job_init(&a->rjob);
}

int
app_recipe_start(struct app *a)
{
	prompt_open(&a->prompt, PROMPT_RECIPE);
	prompt_set(&a->prompt, session_recipe(a->sess));
	return (TUI_REDRAW);
}

/* Empty: back to the data set's own recipe. */
void
app_recipe_done(struct app *a, const char *text)
{
	char	*why = NULL;
	int	 rc;

	app_stop_background(a);
	rc = session_set_recipe(a->sess, *text != '\0' ? text : NULL, &why);
	if (app_changed(a, rc, why) == 1)
		app_msg(a, 0, "recipe unchanged: %s", session_recipe(a->sess));
	else if (rc == 0)
		app_msg(a, 0, "prepared: %s%s (u: undo)",
		    session_recipe(a->sess), a->sess->recipe == NULL ?
		    ", the data set's own" : "");
}

int
app_methods_start(struct app *a)
{
	char	*line;

	prompt_open(&a->prompt, PROMPT_METHODS);
	/* The leaves' own only when they fit whole: a cut one would change. */
	line = session_methods_line(a->sess, sizeof a->prompt.buf - 1);
	prompt_set(&a->prompt, line);
	free(line);
	return (TUI_REDRAW);
}

void
app_methods_done(struct app *a, const char *text)
{
	char	*why = NULL, *now;
	int	 rc;

	rc = session_set_methods_line(a->sess, text, &why);
	if (app_changed(a, rc, why) == 1)
		app_msg(a, 0, "methods unchanged");
	else if (rc == 0) {
		now = session_methods(a->sess);
		app_msg(a, 0, "methods: %s (u: undo)", now);
		free(now);
	}
}

void
app_rank_by(struct app *a, int node)
{
	char	*name = session_node_both(a->sess, node);

	a->sess->by = node;
	view_rank_refresh(a);
	app_msg(a, 0, "ranked by %s", name);
	free(name);
}

int
app_selected_entity(struct app *a)
{
	struct view_rank	*v = &a->rank;

	if (v->n == 0 || v->cur >= v->n)
		return (-1);
	view_rank_need(a, v->cur + 1);
	return (v->order[v->cur]);
}

void
app_open_detail(struct app *a, int e)
{
	if (a->view != VIEW_DETAIL)
		a->back = a->view;
	a->detail.entity = e;
	a->detail.top = 0;
	a->view = VIEW_DETAIL;
}

int
app_keeps(const struct app *a, int e)
{
	return (a->filter == NULL ||
	    cr_match_entity(a->filter, a->sess->ds->model, e));
}

int
app_next_period(struct app *a)
{
	return (app_step_period(a, 1));
}

int
app_step_period(struct app *a, int dir)
{
	struct cr_dataset	*ds = a->sess->ds;
	char			*why = NULL;
	size_t			 i, n = ds->n_periods;

	if (n < 2) {
		app_msg(a, 1, "this data set has %s", n == 0 ?
		    "no years" : "a single year");
		return (TUI_REDRAW);
	}
	for (i = 0; i < n; i++)
		if (strcmp(ds->periods[i], ds->period) == 0)
			break;
	/* Round the ends, either way, as t always has. */
	i = dir < 0 ? (i + n - 1) % n : (i + 1) % n;
	/* The baseline follows the year, so moves stay against it. */
	if (app_changed(a, session_set_period(a->sess, ds->periods[i], &why),
	    why) == 0)
		app_msg(a, 0, "year %s (u: back)", ds->period);
	return (TUI_REDRAW);
}

/* "match 2 of 5 (n N)": where the selected city is among the matches. */
void
app_match_msg(struct app *a)
{
	size_t	at, total;

	view_rank_match_pos(a, &at, &total);
	if (total > 0)
		app_msg(a, 0, "match %zu of %zu (n N: next, previous)", at,
		    total);
}
