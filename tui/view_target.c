/*
 * The target solver in the explorer (view_target.h).  The answer is
 * the table 'cityrank target' prints, rendered by the same builders,
 * so the two front ends say the same thing in the same words.
 */
#include "config.h"

#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "list.h"
#include "match.h"
#include "num.h"
#include "out.h"
#include "session.h"
#include "tables.h"
#include "target.h"
#include "utf8.h"
#include "xmalloc.h"

/* Seconds the explorer lets a programme run: it waits for the answer. */
#define TARGET_SECONDS	2.0

static int
city_in_view(struct app *a)
{
	if (a->view == VIEW_COMPARE && a->compare.nmarks > 0)
		return (a->compare.marks[0]);
	if (a->view == VIEW_DETAIL)
		return (a->detail.entity);
	return (app_selected_entity(a));
}

int
view_target_ask(struct app *a, int key)
{
	(void)key;
	if ((a->target.unit = city_in_view(a)) < 0) {
		app_msg(a, 1, "no city selected: choose one in the ranking");
		return (TUI_REDRAW);
	}
	prompt_open(&a->prompt, PROMPT_TARGET);
	return (TUI_REDRAW);
}

void
view_target_close(struct app *a)
{
	struct view_target	*v = &a->target;

	pager_close(&v->page);
	free(v->spec);
	v->spec = NULL;
}

/* A table rendered as text, appended line by line. */
static void
add_table(struct view_target *v, struct out_table *t)
{
	char	*buf = NULL, *p, *nl;
	size_t	 len = 0;
	FILE	*fp;

	if ((fp = open_memstream(&buf, &len)) == NULL)
		xalloc_die();
	out_render(t, OUT_TABLE, fp);
	fclose(fp);
	out_free(t);
	for (p = buf; *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		pager_add(&v->page, xstrndup(p, (size_t)(nl - p)));
		if (*nl == '\0')
			break;
	}
	free(buf);
}

static void
show(struct app *a, const struct target_ask *ask, const struct cr_target *o)
{
	struct view_target	*v = &a->target;
	struct out_table	 t;

	view_target_close(a);
	out_init(&t);
	t.format = OUT_TABLE;
	t.ascii = a->d.ascii;
	table_target(a->sess, ask, o, &t);
	add_table(v, &t);
	if (o->status == CR_TARGET_FOUND) {
		out_init(&t);
		t.format = OUT_TABLE;
		t.ascii = a->d.ascii;
		table_target_ranking(a->sess, o, &t);
		pager_add(&v->page, xstrdup(""));
		add_table(v, &t);
		v->spec = target_weights_spec(a->sess->ds->model, o);
	}
	v->unit = ask->unit;
	v->page.foot = v->spec != NULL ? " Enter: apply these weights "
	    "(unsaved; u undoes) · j k g G: scroll · any other key: close" :
	    " j k g G: scroll · any other key: close";
	v->page.open = 1;
}

/* The goal typed: a whole number is a rank, anything else a city. */
static int
parse_goal(struct app *a, const char *goal, struct target_ask *ask)
{
	const struct cr_model	*m = a->sess->ds->model;
	char			*why = NULL;
	double			 k;

	ask->k = 0;
	ask->other = -1;
	if (cr_num_parse(goal, &k, &why) == 0) {
		if (k != floor(k) || k < 1 || k > (double)m->n_entities) {
			app_msg(a, 1, "a rank is a whole number from 1 to %zu",
			    m->n_entities);
			return (-1);
		}
		ask->k = (int)k;
		return (0);
	}
	free(why);
	why = NULL;
	if ((ask->other = cr_match_city(m, goal, &why)) < 0) {
		app_msg(a, 1, "%s", why);
		free(why);
		return (-1);
	}
	if (ask->other == ask->unit) {
		app_msg(a, 1, "a city cannot be above itself");
		return (-1);
	}
	return (0);
}

void
view_target_solve(struct app *a, const char *goal)
{
	struct session		*ss = a->sess;
	const struct cr_model	*m = ss->ds->model;
	struct cr_target_spec	 sp;
	struct target_ask	 ask;
	struct cr_target	 o;
	char			*why = NULL;
	int			*groups = NULL, rc;

	ask.unit = a->target.unit;
	if (*goal == '\0' || parse_goal(a, goal, &ask) != 0)
		return;
	if (session_target_spec(ss, NULL, CR_TARGET_FLOOR, CR_TNORM_L1,
	    TARGET_SECONDS, &sp, &groups, &why) != 0) {
		app_msg(a, 1, "%s", why);
		free(why);
		return;
	}
	ask.spec = &sp;
	if (ask.other >= 0)
		rc = cr_target_above(m, ss->sc, ss->scores, &sp, ask.unit,
		    ask.other, &o, &why);
	else
		rc = cr_target_rank(m, ss->sc, ss->scores, &sp, ask.unit,
		    ask.k, &o, &why);
	if (rc != 0) {
		app_msg(a, 1, "%s", why);
		free(why);
	} else {
		show(a, &ask, &o);
		cr_target_clear(&o);
	}
	free(groups);
}

void
view_target_draw(struct app *a, int y, int x, int h, int w)
{
	pager_draw(a, &a->target.page, y, x, h, w);
}

static int
apply(struct app *a)
{
	struct view_target	*v = &a->target;
	char			*why = NULL, *name;
	int			 unit = v->unit;

	if (app_changed(a, session_set_weights(a->sess, v->spec, &why),
	    why) < 0)
		return (TUI_REDRAW);
	name = xstrdup(session_unit_name(a->sess, unit));
	app_msg(a, 0, "applied: %s is now rank %d (u undoes)", name,
	    cr_scores_rank(a->sess->scores, unit, a->sess->by));
	free(name);
	view_target_close(a);
	return (TUI_REDRAW);
}

int
view_target_key(struct app *a, int key)
{
	struct view_target	*v = &a->target;

	if (pager_scroll(&v->page, key))
		return (TUI_REDRAW);
	switch (key) {
	case '\r':
	case '\n':
	case KEY_ENTER:
		if (v->spec != NULL)
			return (apply(a));
		view_target_close(a);
		break;
	default:
		view_target_close(a);
	}
	return (TUI_REDRAW);
}
