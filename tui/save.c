/*
 * Keeping the explorer's work: save under a name, undo and redo, and
 * the question before quitting with unsaved changes.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "session.h"
#include "xmalloc.h"

int
app_save_start(struct app *a)
{
	const char	*name = a->sess->sc->name;

	prompt_open(&a->prompt, PROMPT_SAVE);
	/* Offer the current name, unless it is a preset's (read-only). */
	if (cr_dataset_preset(a->sess->ds, name) == NULL &&
	    strcmp(name, "last") != 0)
		prompt_set(&a->prompt, name);
	return (TUI_REDRAW);
}

/* Returns 0 when saved. */
int
app_save_named(struct app *a, const char *name)
{
	char	*why = NULL;

	if (*name == '\0') {
		app_msg(a, 0, "not saved");
		return (-1);
	}
	if (cr_dataset_preset(a->sess->ds, name) != NULL) {
		app_msg(a, 1, "'%s' is a preset of the data set; choose "
		    "another name", name);
		return (-1);
	}
	if (session_save(a->sess, name, NULL, 1, &why) != 0) {
		app_msg(a, 1, "not saved: %s", why);
		free(why);
		return (-1);
	}
	app_msg(a, 0, "saved %s", name);
	view_scenarios_reload(a);
	return (0);
}

int
app_history(struct app *a, int redo)
{
	char	*why = NULL;
	int	 rc;

	app_stop_background(a);
	rc = redo ? session_redo(a->sess, &why) : session_undo(a->sess, &why);
	if (app_changed(a, rc, why) == 1)
		app_msg(a, 0, "nothing to %s", redo ? "redo" : "undo");
	else if (rc == 0)
		app_msg(a, 0, "%s (%zu more to undo, %zu to redo)",
		    redo ? "redone" : "undone", a->sess->n_undo,
		    a->sess->n_redo);
	return (TUI_REDRAW);
}

/* Ask before quitting with unsaved work, unless told not to. */
int
app_quit(struct app *a)
{
	const char	*ask = getenv("CITYRANK_ASK_ON_QUIT");

	/* The environment, then the config file; by default, ask. */
	if (!session_modified(a->sess) || (ask != NULL &&
	    strcmp(ask, "no") == 0) || (ask == NULL && a->confirm_quit == 0))
		return (TUI_QUIT);
	prompt_open(&a->prompt, PROMPT_QUIT);
	return (TUI_REDRAW);
}

int
app_quit_answer(struct app *a, int key)
{
	switch (key) {
	case 'd':
	case 'D':
		return (TUI_QUIT);
	case 's':
	case 'S':
		return (app_save_start(a));
	}
	app_msg(a, 0, "not quitting");
	return (TUI_REDRAW);
}
