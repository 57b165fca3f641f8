/*
 * The scenario list: the saved scenarios and the data set's presets
 * (read-only).  Load, rename, delete, set as the baseline, and diff
 * two side by side.
 */
#ifndef CR_VIEW_SCENARIOS_H
#define CR_VIEW_SCENARIOS_H

#include <stddef.h>

struct app;
struct keymap;
struct cr_saved;

struct view_scenarios {
	struct cr_saved	**saved;	/* from the user's file */
	size_t		  n_saved;
	struct cr_saved	 *last;		/* the state at the last exit */
	struct cr_saved	**all;		/* saved, last, then the presets */
	size_t		  n;
	size_t		  cur, top;
	long		  mark;		/* marked for a diff, or -1 */
	char		 *error;	/* why the file could not be read */
	char		**diff;		/* lines of a diff shown, or NULL */
	size_t		  n_diff, diff_top;
};

void	view_scenarios_init(struct app *);
void	view_scenarios_free(struct app *);
/* Read the list again: after a save, rename or delete. */
void	view_scenarios_reload(struct app *);
void	view_scenarios_draw(struct app *, int y, int x, int h, int w);
/* The view's keys: its handlers and its part of the help. */
extern const struct keymap	view_scenarios_keys;
/* The keys of a diff between two scenarios. */
extern const struct keymap	view_scenarios_diff_keys;
int	view_scenarios_key(struct app *, int key);
/* The prompts this view opens come back here. */
void	view_scenarios_renamed(struct app *, const char *to);
void	view_scenarios_deleted(struct app *, int yes);
/* q: from a diff back to the list (1), else 0. */
int	view_scenarios_back(struct app *);
/* The selected scenario, or NULL. */
const struct cr_saved *view_scenarios_selected(const struct app *);

#endif
