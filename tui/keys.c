/* The global keys: the table, and the small handlers it names. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "export.h"
#include "keys.h"
#include "session.h"
#include "tables.h"
#include "slideshow.h"
#include "xmalloc.h"

static int
key_view(struct app *a, int key)
{
	a->view = (enum view_id)(key - '1');
	return (TUI_REDRAW);
}

static int
key_compare(struct app *a, int key)
{
	(void)key;
	if (a->compare.nmarks < 2)
		app_msg(a, 1, "mark 2 to 4 cities with Space first");
	else
		a->view = VIEW_COMPARE;
	return (TUI_REDRAW);
}

static int
key_scatter(struct app *a, int key)
{
	(void)key;
	a->view = VIEW_SCATTER;
	return (TUI_REDRAW);
}

static int
key_help(struct app *a, int key)
{
	(void)key;
	a->help = 1;
	return (TUI_REDRAW);
}

static int
key_back(struct app *a, int key)
{
	(void)key;
	if (a->view == VIEW_DETAIL) {
		a->view = a->back;
		return (TUI_REDRAW);
	}
	if (a->view == VIEW_SCENARIOS && view_scenarios_back(a))
		return (TUI_REDRAW);
	return (app_quit(a));
}

static int
key_quit(struct app *a, int key)
{
	(void)key;
	return (app_quit(a));
}

static int
key_save(struct app *a, int key)
{
	(void)key;
	return (app_save_start(a));
}

static int
key_prompt(struct app *a, int key)
{
	prompt_open(&a->prompt, key == '/' ? PROMPT_SEARCH : PROMPT_FILTER);
	return (TUI_REDRAW);
}

static int
key_next_match(struct app *a, int key)
{
	if (a->search == NULL)
		app_msg(a, 1, "no search yet: press / first");
	else if (view_rank_find(a, key == 'n' ? 1 : -1) == 0) {
		if (a->view == VIEW_DETAIL)
			a->detail.entity = app_selected_entity(a);
		if (a->view == VIEW_SCATTER)
			a->scatter.sel = app_selected_entity(a);
		app_match_msg(a);
	}
	return (TUI_REDRAW);
}

/* "goalposts" to a list of methods passed over, and the first cause. */
static void
passed_over(char **list, char **first, const char *name, char *why)
{
	char	*t;

	t = xasprintf("%s%s%s", *list != NULL ? *list : "",
	    *list != NULL ? ", " : "", name);
	free(*list);
	*list = t;
	if (*first == NULL)
		*first = why;
	else
		free(why);
}

/*
 * The global normalisation (m) or aggregation (a) after this one, with
 * the parameters the scenario has for it, else the defaults: the data
 * set's goalposts and targets, the selected city as the reference,
 * power:0.5.  One undoable change.  A method that cannot score the data
 * as it stands is passed over, and the message says which and why.
 */
static int
key_method(struct app *a, int key)
{
	struct session		*ss = a->sess;
	const struct cr_model	*m = ss->ds->model;
	struct cr_norm_spec	 n, cur;
	struct cr_agg_spec	 g;
	char			*why = NULL, *over = NULL, *first = NULL, *t;
	int			 i, e, rc = -1;

	for (i = 1; rc < 0 && i <= CR_NORM_COUNT; i++) {
		if (key == 'a') {
			cr_scenario_agg(ss->sc, &g);
			g.method = (enum cr_agg)((g.method + i) % CR_AGG_COUNT);
			if (g.method == CR_AGG_POWER && ss->sc->agg_p == 1)
				g.p = 0.5;
			rc = session_set_method_specs(ss, NULL, &g, NULL, NULL,
			    &why);
			t = cr_agg_spec_format(&g);
		} else {
			cr_scenario_norm(ss->sc, &cur);
			cr_norm_spec_init(&n);
			cr_norm_spec_copy(&n, &cur);
			n.method = (enum cr_norm)((ss->sc->norm + i) %
			    CR_NORM_COUNT);
			if (n.method == CR_NORM_DIST2REF && n.par.ref == NULL) {
				e = app_selected_entity(a);
				n.par.ref = xstrdup(m->entities[e >= 0 ? e :
				    0].code);
			}
			rc = session_set_method_specs(ss, &n, NULL, NULL, NULL,
			    &why);
			t = cr_norm_spec_format(&n);
			cr_norm_spec_clear(&n);
		}
		if (rc < 0)
			passed_over(&over, &first, t, why);
		else
			free(why);
		why = NULL;
		free(t);
	}
	if (rc >= 0) {
		view_rank_refresh(a);
		t = session_methods(ss);
		if (over != NULL)
			app_msg(a, 0, "%s (u: undo); passed over %s: %s", t,
			    over, first);
		else
			app_msg(a, 0, "%s (u: undo)", t);
		free(t);
	} else
		app_msg(a, 1, "%s", first != NULL ? first : "failed");
	free(over);
	free(first);
	return (TUI_REDRAW);
}

static int
key_preset(struct app *a, int key)
{
	(void)key;
	return (view_weights_preset(a));
}

static int
key_history(struct app *a, int key)
{
	return (app_history(a, key != 'u'));
}

static int
key_year(struct app *a, int key)
{
	(void)key;
	return (app_next_period(a));
}

static int
key_export(struct app *a, int key)
{
	(void)key;
	export_start(a);
	return (TUI_REDRAW);
}

/* The next of the shipped themes; a theme given by --theme joins them. */
static int
key_theme(struct app *a, int key)
{
	static const char *const names[] = { "default", "light", "mono",
	    "high-contrast", "okabe-ito" };
	struct theme	 t;
	size_t		 i, n = sizeof names / sizeof names[0];
	char		*why = NULL;

	(void)key;
	if (!a->d.color) {
		app_msg(a, 0, "colour is off (NO_COLOR, --no-color or a "
		    "terminal without colours): a theme would change nothing");
		return (TUI_REDRAW);
	}
	for (i = 0; i < n; i++)
		if (strcmp(a->theme.name, names[i]) == 0)
			break;
	i = i < n ? (i + 1) % n : 0;
	if (theme_load(&t, names[i], &why) != 0) {
		app_msg(a, 1, "%s", why);
		free(why);
		return (TUI_REDRAW);
	}
	a->theme = t;
	draw_init_colors(&a->d, a->d.color, &t);
	app_msg(a, 0, "theme %s", t.name);
	return (TUI_REDRAW);
}

/* Presentation mode on the open data set: the default tour. */
static int
key_present(struct app *a, int key)
{
	(void)key;
	present_start(a, session_tour(a->sess, a->d.ascii), 0);
	return (TUI_REDRAW);
}

/* About this data set: provenance counts, preparation, sources. */
static int
key_about(struct app *a, int key)
{
	char	**lines;
	size_t	  n;

	(void)key;
	session_about(a->sess, &lines, &n);
	pager_open(&a->about, lines, n, " j k g G: scroll · any other key: "
	    "close");
	return (TUI_REDRAW);
}

const struct binding keys_global[] = {
	{ { '1', '2', '3', '4', '5', '6', '7' }, "1-7",
	    "ranking, tree, weights, compare, plot, scenarios, robustness",
	    key_view },
	{ { 'c' }, "c", "compare the cities marked with Space (2 to 4)",
	    key_compare },
	{ { '.' }, ".", "scatter plot", key_scatter },
	{ { '?', KEY_F(1) }, "? F1", "this help (any key closes it)",
	    key_help },
	{ { 'q' }, "q", "back (detail, a diff); quit from a main view",
	    key_back },
	{ { 'Q' }, "Q", "quit (asks first when there are unsaved changes)",
	    key_quit },
	{ { 's' }, "s", "save the scenario under a name (offers the "
	    "current one)", key_save },
	{ { 'u', 18 }, "u ^R", "undo / redo any change: weights, locks, "
	    "methods, preset, year, a loaded scenario", key_history },
	{ { '/', '|' }, "/ |", "search cities (PCRE2, any case: 汉字, "
	    "pinyin, province); filter the ranking (empty: all)",
	    key_prompt },
	{ { 'n', 'N' }, "n N", "next / previous match", key_next_match },
	{ { 'm', 'a' }, "m a", "next normalisation / aggregation method",
	    key_method },
	{ { 'p' }, "p", "next preset: its weights and its methods",
	    key_preset },
	{ { 't' }, "t", "next year, for data sets with several", key_year },
	{ { 'E' }, "E", "export this view's data (.csv .json .md .txt)",
	    key_export },
	{ { 'T' }, "T", "next colour theme (default, light, mono, "
	    "high-contrast, okabe-ito)", key_theme },
	{ { 'i' }, "i", "about this data set: its source, licence, values by "
	    "provenance, preparation and sources", key_about },
	{ { 'K' }, "K", "what would it take: the least weight change that "
	    "brings the city in view to a rank, or above another city",
	    view_target_ask },
	{ { 'P' }, "P", "present: the data set's tour as slides, full "
	    "screen (Space next, q back; see doc/present.md)", key_present },
};
const size_t keys_nglobal = sizeof keys_global / sizeof keys_global[0];

int
keys_dispatch(struct app *a, int key)
{
	size_t	i, k;

	for (i = 0; i < keys_nglobal; i++)
		for (k = 0; keys_global[i].keys[k] != 0; k++)
			if (keys_global[i].keys[k] == key)
				return (keys_global[i].fn(a, key));
	return (-1);
}
