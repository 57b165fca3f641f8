/* The help overlay. Keep this table in step with the key handlers. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>

#include "app.h"
#include "help.h"
#include "xmalloc.h"

static const char *const keys[][2] = {
	{ NULL, "Everywhere" },
	{ "1 2 3 4 5 6", "ranking, tree, weights, compare, plot, scenarios" },
	{ "Space", "ranking: mark a city for comparison (2 to 4)" },
	{ "c .", "compare the marked cities; scatter plot" },
	{ "Enter", "ranking: open the city; tree: rank by the node" },
	{ "? F1", "this help (any key closes it)" },
	{ "q", "back (detail, help); quit from a main view" },
	{ "Q", "quit (asks first when there are unsaved changes)" },
	{ "s", "save the scenario under a name (offers the current one)" },
	{ "/ n N", "search cities (PCRE2, any case: 汉字, pinyin, province)" },
	{ "|", "filter the ranking (empty pattern: show all)" },
	{ "m a", "next normalisation / aggregation method" },
	{ "p", "next preset: its weights and its methods" },
	{ "T", "next colour theme (default, light, mono)" },
	{ "E", "export this view's data (.csv .json .md .txt)" },
	{ "t", "next year, for data sets with several" },
	{ "u ^R", "undo / redo any change: weights, locks, methods, preset, year, load" },
	{ "mouse", "click selects, wheel scrolls" },
	{ NULL, "Moving" },
	{ "j k ↓ ↑", "down, up" },
	{ "g G", "first, last (also Home, End)" },
	{ "^D ^U", "page down, up (also PgDn, PgUp)" },
	{ NULL, "Ranking" },
	{ "< >", "previous / next sort column" },
	{ "[ ]", "sort ascending / descending" },
	{ NULL, "Framework tree" },
	{ "l h → ←", "expand / collapse" },
	{ NULL, "Weights (every change re-ranks at once)" },
	{ "+ - → ←", "raise / lower by 1 point (also l h)" },
	{ "> <", "raise / lower by 10 points" },
	{ "x", "lock / unlock the weight" },
	{ "r R", "reset the node's siblings / every weight" },
	{ "Tab", "move between the weights and the ranking" },
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
	{ NULL, "City detail" },
	{ "l h → ←", "next / previous city in the ranking" },
	{ NULL, "The status line: scenario (* changed since loaded or saved), methods, = or vs the baseline" },
	{ NULL, "~ marks a number that is not published or official" },
};

#define NKEYS	(sizeof keys / sizeof keys[0])

void
help_draw(struct app *a, int y, int x, int h, int w)
{
	size_t	i;
	int	r;
	char	*s;

	if ((size_t)a->help_top + (size_t)h > NKEYS)
		a->help_top = NKEYS > (size_t)h ? (int)(NKEYS - (size_t)h) : 0;
	for (r = 0; r < h; r++) {
		i = (size_t)a->help_top + (size_t)r;
		attrset(A_NORMAL);
		draw_text(stdscr, y + r, x, "", w, 0);
		if (i >= NKEYS)
			continue;
		if (keys[i][0] == NULL) {
			attrset(draw_attr(&a->d, ROLE_HEADER));
			draw_text(stdscr, y + r, x + 1, keys[i][1], w - 1, 0);
			continue;
		}
		attrset(A_BOLD);
		draw_text(stdscr, y + r, x + 2, keys[i][0], 12, 0);
		attrset(A_NORMAL);
		s = xstrdup(keys[i][1]);
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
