/* The global keys: the table, and the small handlers it names. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "export.h"
#include "keys.h"
#include "list.h"
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
key_year_back(struct app *a, int key)
{
	(void)key;
	return (app_step_period(a, -1));
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

/*
 * Names of cities and nodes in Chinese or English, in every view at
 * once; the interface's own words stay English.
 */
static int
key_lang(struct app *a, int key)
{
	(void)key;
	if (a->d.ascii) {
		app_msg(a, 0, "names stay in English: this terminal draws "
		    "in ASCII and cannot show Chinese");
		return (TUI_REDRAW);
	}
	a->sess->lang = a->sess->lang == CR_LANG_EN ? CR_LANG_ZH :
	    CR_LANG_EN;
	app_msg(a, 0, "names in %s (e: back)", a->sess->lang == CR_LANG_EN ?
	    "English" : "Chinese, English beside them where there is room");
	return (TUI_REDRAW);
}

/* Presentation mode on the open data set: the default tour. */
static int
key_present(struct app *a, int key)
{
	(void)key;
	present_start(a, session_tour(a->sess), 0);
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

/* Another data set: the bundled ones and recent imports (dspick.h). */
static int
key_datasets(struct app *a, int key)
{
	return (dspick_key_open(a, key));
}

/* The preparation recipe (session_set_recipe()), as a prompt. */
static int
key_recipe(struct app *a, int key)
{
	(void)key;
	return (app_recipe_start(a));
}

/* The methods, the per-leaf and per-depth ones too, as a prompt. */
static int
key_methods(struct app *a, int key)
{
	(void)key;
	return (app_methods_start(a));
}

static const struct binding global[] = {
	{ { '1' }, '7', "1-7",
	    "ranking, tree, weights, compare, plot, scenarios, robustness",
	    key_view, 0 },
	{ { 'c' }, 0, "c", "compare the cities marked with Space (2 to 4)",
	    key_compare, 0 },
	{ { '.' }, 0, ".", "scatter plot", key_scatter, 0 },
	{ { '?', KEY_F(1) }, 0, "? F1", "this help (j k scroll it, any "
	    "other key closes it)", key_help, 0 },
	{ { 'q' }, 0, "q", "back (detail, a diff); quit from a main view",
	    key_back, 0 },
	{ { 'Q' }, 0, "Q", "quit (asks first when there are unsaved "
	    "changes)", key_quit, 0 },
	{ { 's' }, 0, "s", "save the scenario under a name (offers the "
	    "current one)", key_save, 0 },
	{ { 'u', 18 }, 0, "u ^R", "undo / redo any change: weights, locks, "
	    "methods, preset, year, a loaded scenario", key_history, 0 },
	{ { '/', '|' }, 0, "/ |", "search cities (PCRE2, any case: 汉字, "
	    "pinyin, province, region, tier); filter the ranking (empty: "
	    "all)", key_prompt, 0 },
	{ { 'n', 'N' }, 0, "n N", "next / previous match", key_next_match,
	    0 },
	{ { 'm', 'a' }, 0, "m a", "next normalisation / aggregation method",
	    key_method, 0 },
	{ { 'M' }, 0, "M", "methods as a line, the batch flags' text: "
	    "normalize M; aggregate M; leaf CODE=M,...; level DEPTH=M,... "
	    "(each optional; =global undoes a leaf's or depth's own)",
	    key_methods, 0 },
	{ { 'p' }, 0, "p", "next preset: its weights and its methods",
	    key_preset, 0 },
	{ { 't', '}' }, 0, "t }", "next year, for data sets with several",
	    key_year, 0 },
	{ { '{' }, 0, "{", "previous year (both go round the ends)",
	    key_year_back, 0 },
	{ { 'E' }, 0, "E", "export this view's data (.csv .json .md .txt)",
	    key_export, 0 },
	{ { 'T' }, 0, "T", "next colour theme (default, light, mono, "
	    "high-contrast, okabe-ito)", key_theme, 0 },
	{ { 'e' }, 0, "e", "names of cities and nodes in Chinese or "
	    "English (also --lang, and lang in the config)", key_lang, 0 },
	{ { 'i' }, 0, "i", "about this data set: its source, licence, "
	    "values by provenance, preparation and sources", key_about, 0 },
	{ { 'O' }, 0, "O", "open another data set: the bundled ones and "
	    "recent imports (asks first about unsaved changes)",
	    key_datasets, 0 },
	{ { 'I' }, 0, "I", "prepare an imported data set another way: the "
	    "recipe's steps (denominate, impute, screen, treat), for this "
	    "scenario", key_recipe, 0 },
	{ { 'K' }, 0, "K", "what would it take: the least weight change "
	    "that brings the city in view to a rank, or above another city "
	    "(Enter applies it)", view_target_ask, 0 },
	{ { 'P' }, 0, "P", "present: the data set's tour as slides, full "
	    "screen (see Presentation below)", key_present, 0 },
};

const struct keymap keys_global = KEYMAP("Everywhere", global, 0);

/* The help's order: everywhere, lists, then each view. */
const struct keymap *const keys_maps[] = {
	&keys_global, &list_keys, &view_rank_keys, &view_rank_cols_keys,
	&view_tree_keys,
	&view_weights_keys, &view_compare_keys, &view_scatter_keys,
	&view_scenarios_keys, &view_scenarios_diff_keys, &view_robust_keys,
	&view_detail_keys, &dspick_keys, &present_keys,
};
const size_t keys_nmaps = sizeof keys_maps / sizeof keys_maps[0];

static int
bound(const struct binding *b, int key)
{
	size_t	k;

	if (b->last != 0)
		return (key >= b->keys[0] && key <= b->last);
	for (k = 0; k < sizeof b->keys / sizeof b->keys[0] &&
	    b->keys[k] != 0; k++)
		if (b->keys[k] == key)
			return (1);
	return (0);
}

const struct binding *
keys_find(const struct keymap *m, int key)
{
	size_t	i;

	if (key == 0)
		return (NULL);
	for (i = 0; i < m->n; i++)
		if (bound(&m->b[i], key))
			return (&m->b[i]);
	return (NULL);
}

int
keys_run(const struct keymap *m, struct app *a, int key)
{
	const struct binding	*b = keys_find(m, key);

	if (b == NULL || b->fn == NULL)
		return (-1);
	return (b->fn(a, key));
}
