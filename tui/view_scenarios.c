/* The scenario list view. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "keys.h"
#include "list.h"
#include "session.h"
#include "tables.h"
#include "xmalloc.h"

static void
clear_diff(struct view_scenarios *v)
{
	size_t	i;

	for (i = 0; i < v->n_diff; i++)
		free(v->diff[i]);
	free(v->diff);
	v->diff = NULL;
	v->n_diff = v->diff_top = 0;
}

static void
clear_list(struct view_scenarios *v)
{
	size_t	i;

	session_list_free(v->saved, v->n_saved);
	for (i = v->n_saved + (v->last != NULL); i < v->n; i++)
		cr_saved_free(v->all[i]);
	cr_saved_free(v->last);
	v->last = NULL;
	free(v->all);
	free(v->error);
	v->saved = v->all = NULL;
	v->error = NULL;
	v->n_saved = v->n = 0;
}

void
view_scenarios_reload(struct app *a)
{
	struct view_scenarios	*v = &a->scenarios;
	struct session		*ss = a->sess;
	size_t			 i;

	clear_list(v);
	if (session_list(ss, &v->saved, &v->n_saved, &v->error) != 0) {
		v->saved = NULL;
		v->n_saved = 0;
	} else if (session_last(ss, &v->last, NULL) != 0)
		v->last = NULL;
	v->n = 0;
	v->all = xcalloc(v->n_saved + 1 + ss->ds->n_presets + 1,
	    sizeof *v->all);
	for (i = 0; i < v->n_saved; i++)
		v->all[v->n++] = v->saved[i];
	if (v->last != NULL)
		v->all[v->n++] = v->last;
	for (i = 0; i < ss->ds->n_presets; i++)
		v->all[v->n++] = session_preset_saved(ss,
		    &ss->ds->presets[i]);
	if (v->cur >= v->n)
		v->cur = v->n > 0 ? v->n - 1 : 0;
	v->mark = -1;
}

void
view_scenarios_init(struct app *a)
{
	memset(&a->scenarios, 0, sizeof a->scenarios);
	a->scenarios.mark = -1;
}

void
view_scenarios_free(struct app *a)
{
	clear_list(&a->scenarios);
	clear_diff(&a->scenarios);
}

int
view_scenarios_back(struct app *a)
{
	if (a->scenarios.diff == NULL)
		return (0);
	clear_diff(&a->scenarios);
	return (1);
}

const struct cr_saved *
view_scenarios_selected(const struct app *a)
{
	const struct view_scenarios *v = &a->scenarios;

	return (v->cur < v->n ? v->all[v->cur] : NULL);
}

static int
is_last(const struct app *a, size_t i)
{
	return (a->scenarios.last != NULL && i == a->scenarios.n_saved);
}

/* Presets and the last state are not the user's to rename or delete. */
static int
is_preset(const struct app *a, size_t i)
{
	return (i >= a->scenarios.n_saved);
}

static void
draw_diff(struct app *a, int y, int x, int h, int w)
{
	struct view_scenarios	*v = &a->scenarios;
	int			 r;
	size_t			 i;

	if (v->diff_top + (size_t)h > v->n_diff)
		v->diff_top = v->n_diff > (size_t)h ? v->n_diff - (size_t)h :
		    0;
	for (r = 0; r < h; r++) {
		i = v->diff_top + (size_t)r;
		if (i < v->n_diff)
			draw_text(stdscr, y + r, x, v->diff[i], w, 0);
	}
}

/* Columns of the list, by display width: mark, name, kind, year, method. */
static const int col_x[] = { 0, 2, 27, 35, 42, 50 };

static void
draw_row(struct app *a, int y, int x, int w, size_t i)
{
	struct view_scenarios	*v = &a->scenarios;
	const struct cr_saved	*s = v->all[i];
	const char		*mark = " ";
	char			*note;

	if ((long)i == v->mark)
		mark = "+";
	else if (strcmp(s->name, a->sess->sc->name) == 0)
		mark = a->d.ascii ? ">" : "▸";
	attrset(i == v->cur ? draw_attr(&a->d, ROLE_CURSOR) : A_NORMAL);
	draw_text(stdscr, y, x, "", w, 0);
	draw_text(stdscr, y, x + col_x[0], mark, 2, 0);
	draw_text(stdscr, y, x + col_x[1], s->name, col_x[2] - col_x[1] - 1,
	    0);
	draw_text(stdscr, y, x + col_x[2], is_last(a, i) ? "last" :
	    is_preset(a, i) ? "preset" : "saved", col_x[3] - col_x[2] - 1, 0);
	draw_text(stdscr, y, x + col_x[3], s->period, col_x[4] - col_x[3] - 1,
	    0);
	draw_text(stdscr, y, x + col_x[4], cr_norm_name(s->norm),
	    col_x[5] - col_x[4] - 1, 0);
	note = xasprintf("%s%s", strcmp(s->dataset, a->sess->hash) == 0 ?
	    "" : "[other data] ", s->note);
	draw_text(stdscr, y, x + col_x[5], note, w - col_x[5], 0);
	free(note);
	attrset(A_NORMAL);
}

void
view_scenarios_draw(struct app *a, int y, int x, int h, int w)
{
	struct view_scenarios	*v = &a->scenarios;
	size_t			 i;
	int			 r;

	if (v->all == NULL)
		view_scenarios_reload(a);
	if (v->diff != NULL) {
		draw_diff(a, y, x, h, w);
		return;
	}
	attrset(draw_attr(&a->d, ROLE_HEADER));
	draw_text(stdscr, y, x, "", w, 0);
	draw_text(stdscr, y, x + col_x[1], "Name", w, 0);
	draw_text(stdscr, y, x + col_x[2], "Kind", w, 0);
	draw_text(stdscr, y, x + col_x[3], "Year", w, 0);
	draw_text(stdscr, y, x + col_x[4], "Method", w, 0);
	draw_text(stdscr, y, x + col_x[5], "Note", w, 0);
	attrset(A_NORMAL);
	if (h > 3) {
		attrset(draw_attr(&a->d, ROLE_AXIS));
		draw_text(stdscr, y + h - 1, x, "Enter load · b baseline · "
		    "Space mark, D diff · r rename · d delete · s save", w, 0);
		attrset(A_NORMAL);
		h--;
	}
	if (v->error != NULL && h > 2) {
		attrset(draw_attr(&a->d, ROLE_DOWN));
		draw_text(stdscr, y + h - 1, x, v->error, w, 0);
		attrset(A_NORMAL);
		h--;
	}
	h--;
	if (h <= 0)
		return;
	if (v->cur < v->top)
		v->top = v->cur;
	if (v->cur >= v->top + (size_t)h)
		v->top = v->cur - (size_t)h + 1;
	for (r = 0; r < h; r++) {
		i = v->top + (size_t)r;
		if (i < v->n)
			draw_row(a, y + 1 + r, x, w, i);
	}
}

/* A diff as the lines 'cityrank scenario diff' prints. */
static void
show_diff(struct app *a, const struct cr_saved *sa,
    const struct cr_saved *sb)
{
	struct view_scenarios	*v = &a->scenarios;
	struct out_table	 t;
	char			*buf = NULL, *why = NULL, *line, *nl;
	size_t			 len = 0;
	FILE			*fp;

	out_init(&t);
	t.format = OUT_TABLE;
	t.ascii = a->d.ascii;
	if (table_scenario_diff(a->sess, sa, sb, &t, &why) != 0) {
		app_msg(a, 1, "%s", why);
		free(why);
		out_free(&t);
		return;
	}
	if ((fp = open_memstream(&buf, &len)) == NULL)
		xalloc_die();
	out_print(&t, OUT_TABLE, fp);
	fclose(fp);
	out_free(&t);
	clear_diff(v);
	for (line = buf; *line != '\0'; line = nl + 1) {
		if ((nl = strchr(line, '\n')) == NULL)
			nl = line + strlen(line);
		v->diff = xreallocarray(v->diff, v->n_diff + 1,
		    sizeof *v->diff);
		v->diff[v->n_diff++] = xstrndup(line, (size_t)(nl - line));
		if (*nl == '\0')
			break;
	}
	free(buf);
	app_msg(a, 0, "diff %s -> %s (q: back to the list)", sa->name,
	    sb->name);
}

static int
load(struct app *a, int baseline)
{
	const struct cr_saved	*s = view_scenarios_selected(a);
	char			*why = NULL, *warn = NULL, *name;
	int			 rc;

	if (s == NULL)
		return (TUI_REDRAW);
	/* Another data set (its recipe) renews the list s is in. */
	name = xstrdup(s->name);
	if (baseline)
		rc = session_set_baseline(a->sess, s, &why);
	else {
		app_stop_background(a);
		rc = session_load(a->sess, s, &warn, &why);
	}
	if (app_changed(a, rc, why) < 0) {
		free(name);
		return (TUI_REDRAW);
	}
	if (warn != NULL)
		app_msg(a, 1, "%s", warn);
	else
		app_msg(a, 0, baseline ? "baseline: %s (u: undo)" :
		    "loaded %s (u: undo)", name);
	free(warn);
	free(name);
	return (TUI_REDRAW);
}

static int
key_load(struct app *a, int key)
{
	return (load(a, key == 'b'));
}

static int
key_mark(struct app *a, int key)
{
	struct view_scenarios	*v = &a->scenarios;

	(void)key;
	v->mark = v->mark == (long)v->cur ? -1 : (long)v->cur;
	if (v->mark >= 0)
		app_msg(a, 0, "marked %s: D on another shows the diff",
		    v->all[v->cur]->name);
	return (TUI_REDRAW);
}

static int
key_diff(struct app *a, int key)
{
	struct view_scenarios	*v = &a->scenarios;

	(void)key;
	if (v->mark < 0 || (size_t)v->mark == v->cur)
		app_msg(a, 1, "mark one scenario with Space, then D on "
		    "another");
	else
		show_diff(a, v->all[v->mark], v->all[v->cur]);
	return (TUI_REDRAW);
}

static int
key_edit(struct app *a, int key)
{
	struct view_scenarios	*v = &a->scenarios;

	if (v->cur >= v->n)
		return (TUI_REDRAW);
	if (is_preset(a, v->cur)) {
		app_msg(a, 1, "%s: read-only (%s)", v->all[v->cur]->name,
		    is_last(a, v->cur) ? "the state at the last exit" :
		    "a preset of the data set");
		return (TUI_REDRAW);
	}
	if (key == 'r') {
		prompt_open(&a->prompt, PROMPT_RENAME);
		prompt_set(&a->prompt, v->all[v->cur]->name);
	} else
		prompt_open(&a->prompt, PROMPT_DELETE);
	return (TUI_REDRAW);
}

static int
key_close_diff(struct app *a, int key)
{
	(void)key;
	clear_diff(&a->scenarios);
	return (TUI_REDRAW);
}

static const struct binding list_bindings[] = {
	{ { '\r', '\n', KEY_ENTER }, 0, "Enter",
	    "load the scenario (u undoes it)", key_load, 0 },
	{ { 'b' }, 0, "b", "make it the baseline that moves are shown "
	    "against", key_load, 0 },
	{ { ' ' }, 0, "Space", "mark one scenario for a diff", key_mark,
	    0 },
	{ { 'D' }, 0, "D", "on another: the two side by side", key_diff,
	    0 },
	{ { 'r', 'd' }, 0, "r d", "rename / delete a saved scenario "
	    "(presets are read-only)", key_edit, 0 },
};

static const struct binding diff_bindings[] = {
	{ { 27, 'D' }, 0, "Esc D", "back to the list (also q)",
	    key_close_diff, 0 },
};

const struct keymap view_scenarios_keys = KEYMAP("Scenarios (6): saved "
    "ones, then the data set's presets", list_bindings, KEYS_LISTS);
const struct keymap view_scenarios_diff_keys = KEYMAP("A diff of two "
    "scenarios (j k and the list keys scroll it)", diff_bindings, KEYS_LISTS);

int
view_scenarios_key(struct app *a, int key)
{
	struct view_scenarios	*v = &a->scenarios;
	const struct keymap	*m = &view_scenarios_keys;

	if (v->all == NULL)
		view_scenarios_reload(a);
	if (v->diff != NULL) {
		if (list_move(&v->diff_top, v->n_diff, 10, key))
			return (TUI_REDRAW);
		m = &view_scenarios_diff_keys;
	} else if (list_move(&v->cur, v->n, 10, key))
		return (TUI_REDRAW);
	return (keys_run(m, a, key) < 0 ? 0 : TUI_REDRAW);
}

void
view_scenarios_renamed(struct app *a, const char *to)
{
	const struct cr_saved	*s = view_scenarios_selected(a);
	char			*why = NULL, *from;

	if (s == NULL || *to == '\0')
		return;
	from = xstrdup(s->name);
	if (session_rename(a->sess, from, to, &why) != 0) {
		app_msg(a, 1, "%s", why);
		free(why);
	} else
		app_msg(a, 0, "renamed %s to %s", from, to);
	free(from);
	view_scenarios_reload(a);
}

void
view_scenarios_deleted(struct app *a, int yes)
{
	const struct cr_saved	*s = view_scenarios_selected(a);
	char			*why = NULL, *name;

	if (s == NULL || !yes) {
		app_msg(a, 0, "not deleted");
		return;
	}
	name = xstrdup(s->name);
	if (session_delete(a->sess, name, &why) != 0) {
		app_msg(a, 1, "%s", why);
		free(why);
	} else
		app_msg(a, 0, "deleted %s", name);
	free(name);
	view_scenarios_reload(a);
}
