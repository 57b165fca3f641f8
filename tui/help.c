/*
 * The help overlay: every key map of keys.c's list, the same tables
 * that dispatch the keys, then a legend.
 */
#include "config.h"

#include <curses.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "help.h"
#include "keys.h"
#include "list.h"
#include "utf8.h"
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

/* A line on the screen: a part of an entry's text, wrapped. */
struct hline {
	const char	*k;	/* the keys, on an entry's first line */
	const char	*text;
	size_t		 len;
	int		 head;
};

/* The keys' column: as wide as the widest keys, and a gap. */
static int
keys_width(void)
{
	const char	*k, *text;
	size_t		 i;
	int		 kw = 8;

	for (i = 0; line(i, &k, &text); i++)
		if (k != NULL && cr_utf8_width(k) > kw)
			kw = cr_utf8_width(k);
	return (kw + 3);
}

/*
 * The help's lines at width w, each entry's text wrapped so nothing is
 * cut; into out (room for max) when not NULL.  Their count.
 */
static size_t
layout(int w, struct hline *out, size_t max)
{
	const char	*k, *text, *p;
	size_t		 i, n = 0, cut;
	int		 cols, kw = keys_width();

	for (i = 0; line(i, &k, &text); i++) {
		cols = k == NULL ? w - 2 : w - kw - 1;
		if (cols < 12)
			cols = 12;
		p = text;
		do {
			if ((cut = cr_utf8_wrap(p, cols)) == 0)
				cut = strlen(p);
			if (out != NULL && n < max)
				out[n] = (struct hline){ p == text ? k : "",
				    p, cut, k == NULL };
			n++;
			p += cut;
			while (*p == ' ')
				p++;
		} while (*p != '\0');
	}
	return (n);
}

void
help_draw(struct app *a, int y, int x, int h, int w)
{
	struct hline	*l;
	size_t		 i, total = layout(w, NULL, 0);
	int		 r, kw = keys_width();
	char		*s;

	l = xreallocarray(NULL, total + 1, sizeof *l);
	layout(w, l, total);
	if ((size_t)a->help_top + (size_t)h > total)
		a->help_top = total > (size_t)h ? (int)(total - (size_t)h) : 0;
	for (r = 0; r < h; r++) {
		i = (size_t)a->help_top + (size_t)r;
		attrset(A_NORMAL);
		draw_text(stdscr, y + r, x, "", w, 0);
		if (i >= total)
			continue;
		s = xstrndup(l[i].text, l[i].len);
		if (l[i].head) {
			attrset(draw_attr(&a->d, ROLE_HEADER));
			draw_text(stdscr, y + r, x + 1, s, w - 1, 0);
		} else {
			attrset(A_BOLD);
			draw_text(stdscr, y + r, x + 2, l[i].k, kw - 3, 0);
			attrset(A_NORMAL);
			draw_text(stdscr, y + r, x + kw, s, w - kw, 0);
		}
		free(s);
	}
	attrset(A_NORMAL);
	free(l);
}

/* The list keys scroll the help; any other key but a resize closes it. */
int
help_key(struct app *a, int key)
{
	size_t	top = (size_t)a->help_top;

	/* The draw keeps the top in range, at whatever width comes next. */
	if (list_move(&top, INT_MAX / 2, 10, key))
		a->help_top = (int)top;
	else if (key != KEY_RESIZE)
		a->help = 0;
	return (TUI_REDRAW);
}
