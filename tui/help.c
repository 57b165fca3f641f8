/*
 * The help overlay: every key map of keys.c's list, the same tables
 * that dispatch the keys, then a legend.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>

#include "app.h"
#include "help.h"
#include "keys.h"
#include "list.h"
#include "xmalloc.h"

/* What is not a key: the status line's and the marks' legend. */
static const char *const notes[] = {
	"The status line: scenario (* changed since loaded or saved), "
	"methods, = or vs the baseline",
	"~ marks a number that is not published or official",
	"Weights: [ ] on the selected bar and the line below say where the "
	"ranking holds as that weight moves",
	"Recipe (I): steps separated by ';': denominate; impute mean|median|"
	"mean_group:G|median_group:G|linear|locf; screen 0.9; treat "
	"winsorise:5; or none",
	"Ranking, vs 2021 (data with several years): places gained since the "
	"year before, on the weights in force",
	"Weights, Of index: the weight's effective share (its shares "
	"multiplied down the tree); r idx, r par: how its scores correlate "
	"with the index's and its parent's (a narrow screen drops r par, "
	"then the bar)",
	"City detail, rank by year (several years): its rank each year, best "
	"on top, the year in view in [ ]",
};

#define NNOTES	(sizeof notes / sizeof notes[0])

/*
 * Line i of the help: a map's title (keys NULL), a binding, or a note
 * (keys ""); 0 past the end.  A binding without a label continues the
 * one before it and has no line of its own.
 */
static int
line(size_t i, const char **k, const char **text)
{
	const struct keymap	*m;
	size_t			 j, b;

	for (j = 0; j < keys_nmaps; j++) {
		m = keys_maps[j];
		if (i-- == 0) {
			*k = NULL;
			*text = m->title;
			return (1);
		}
		for (b = 0; b < m->n; b++) {
			if (m->b[b].label == NULL)
				continue;
			if (i-- == 0) {
				*k = m->b[b].label;
				*text = m->b[b].help;
				return (1);
			}
		}
	}
	if (i-- == 0) {
		*k = NULL;
		*text = "Legend";
		return (1);
	}
	if (i < NNOTES) {
		*k = "";
		*text = notes[i];
		return (1);
	}
	return (0);
}

static size_t
nlines(void)
{
	const char	*k, *text;
	size_t		 n = 0;

	while (line(n, &k, &text))
		n++;
	return (n);
}

void
help_draw(struct app *a, int y, int x, int h, int w)
{
	const char	*k, *text;
	size_t		 i, total = nlines();
	int		 r;
	char		*s;

	if ((size_t)a->help_top + (size_t)h > total)
		a->help_top = total > (size_t)h ? (int)(total - (size_t)h) : 0;
	for (r = 0; r < h; r++) {
		i = (size_t)a->help_top + (size_t)r;
		attrset(A_NORMAL);
		draw_text(stdscr, y + r, x, "", w, 0);
		if (!line(i, &k, &text))
			continue;
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

/* The list keys scroll the help; any other key closes it. */
int
help_key(struct app *a, int key)
{
	size_t	top = (size_t)a->help_top;

	if (list_move(&top, nlines(), 10, key))
		a->help_top = (int)top;
	else
		a->help = 0;
	return (TUI_REDRAW);
}
