/*
 * The help overlay: the global keys from keys.c's table, which also
 * dispatches them, then each view's keys.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>

#include "app.h"
#include "help.h"
#include "keys.h"
#include "xmalloc.h"

/* The views' keys; the global ones come from keys.c's table. */
static const char *const keys[][2] = {
	{ NULL, "Moving" },
	{ "j k ↓ ↑", "down, up" },
	{ "g G", "first, last (also Home, End)" },
	{ "^D ^U", "page down, up (also PgDn, PgUp)" },
	{ "mouse", "click selects, wheel scrolls" },
	{ NULL, "Ranking" },
	{ "Space", "mark a city for comparison (2 to 4)" },
	{ "Enter", "open the city (also from the plot; tree: rank by it)" },
	{ "< >", "previous / next sort column" },
	{ "[ ]", "sort ascending / descending" },
	{ NULL, "  vs 2021 (data with several years): places gained since the "
	    "year before, on the weights in force" },
	{ NULL, "Framework tree" },
	{ "l h → ←", "expand / collapse" },
	{ NULL, "Weights (every change re-ranks at once)" },
	{ "+ - → ←", "raise / lower by 1 point (also l h)" },
	{ "> <", "raise / lower by 10 points" },
	{ "x", "lock / unlock the weight" },
	{ "r R", "reset the node's siblings / every weight" },
	{ "Tab", "move between the weights and the ranking" },
	{ NULL, "  Of index: the weight's effective share (its shares "
	    "multiplied down the tree)" },
	{ NULL, "  r idx, r par: how its scores correlate with the index's "
	    "and its parent's" },
	{ NULL, "  (they follow every change; a narrow screen drops r par, "
	    "then the bar)" },
	{ NULL, "Compare" },
	{ "x", "swap A and B (the gap and the question turn round)" },
	{ NULL, "Plot (scatter)" },
	{ "← → ↑ ↓", "previous / next city along X (also h l k j)" },
	{ "x X y Y", "next / previous measure on X or Y" },
	{ "L b", "logarithmic X; braille or ASCII canvas" },
	{ "Enter", "open the selected city" },
	{ NULL, "Scenarios (saved ones, then the data set's presets)" },
	{ "Enter", "load the scenario (u undoes it)" },
	{ "b", "make it the baseline that moves are shown against" },
	{ "Space D", "mark one, then D on another: the two side by side" },
	{ "r d", "rename / delete a saved scenario (presets are read-only)" },
	{ NULL, "Robustness (7): bands follow every change, computed in the background" },
	{ "Esc r", "cancel the run under way / run it again" },
	{ NULL, "Weights: [ ] on the selected bar and the line below" },
	{ NULL, "  say where the ranking holds as that weight moves" },
	{ NULL, "City detail" },
	{ "l h → ←", "next / previous city in the ranking" },
	{ NULL, "  rank by year (several years): its rank each year, best on "
	    "top, the year in view in [ ]" },
	{ NULL, "The status line: scenario (* changed since loaded or saved), methods, = or vs the baseline" },
	{ NULL, "~ marks a number that is not published or official" },
};

#define NVIEW	(sizeof keys / sizeof keys[0])
/* A heading, the global table, then the views' lines. */
#define NKEYS	(1 + keys_nglobal + NVIEW)

/* Line i of the help: its keys (NULL for a heading) and its text. */
static void
line(size_t i, const char **k, const char **text)
{
	if (i == 0) {
		*k = NULL;
		*text = "Everywhere";
	} else if (i <= keys_nglobal) {
		*k = keys_global[i - 1].label;
		*text = keys_global[i - 1].help;
	} else {
		*k = keys[i - 1 - keys_nglobal][0];
		*text = keys[i - 1 - keys_nglobal][1];
	}
}

void
help_draw(struct app *a, int y, int x, int h, int w)
{
	const char	*k, *text;
	size_t		 i;
	int		 r;
	char		*s;

	if ((size_t)a->help_top + (size_t)h > NKEYS)
		a->help_top = NKEYS > (size_t)h ? (int)(NKEYS - (size_t)h) : 0;
	for (r = 0; r < h; r++) {
		i = (size_t)a->help_top + (size_t)r;
		attrset(A_NORMAL);
		draw_text(stdscr, y + r, x, "", w, 0);
		if (i >= NKEYS)
			continue;
		line(i, &k, &text);
		if (k == NULL) {
			attrset(draw_attr(&a->d, ROLE_HEADER));
			draw_text(stdscr, y + r, x + 1, text, w - 1, 0);
			continue;
		}
		attrset(A_BOLD);
		draw_text(stdscr, y + r, x + 2, k, 12, 0);
		attrset(A_NORMAL);
		s = xstrdup(text);
		draw_text(stdscr, y + r, x + 15, s, w - 15, 0);
		free(s);
	}
	attrset(A_NORMAL);
}

int
help_key(struct app *a, int key)
{
	switch (key) {
	case 'j':
	case KEY_DOWN:
		a->help_top++;
		break;
	case 'k':
	case KEY_UP:
		if (a->help_top > 0)
			a->help_top--;
		break;
	default:
		a->help = 0;
	}
	return (TUI_REDRAW);
}
