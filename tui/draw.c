/* Drawing helpers shared by the views. */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "utf8.h"
#include "xmalloc.h"

/* Set once at start-up from the locale or --ascii. */
static int ascii_only;

void
draw_set_ascii(int on)
{
	ascii_only = on;
}

char *
draw_names(const char *zh, const char *en)
{
	if (ascii_only || *zh == '\0')
		return (xstrdup(en));
	return (xasprintf("%s %s", zh, en));
}

static char
ascii_for(uint32_t cp)
{
	static const struct { uint32_t cp; char c; } map[] = {
		{ 0x2502, '|' }, { 0x25b2, '^' }, { 0x25bc, 'v' },
		{ 0x00b7, '.' }, { 0x2026, '~' }, { 0x2191, '+' },
		{ 0x2193, '-' }, { 0x258f, '_' }, { 0x2588, '#' },
		{ 0x25b8, '>' }, { 0x25be, 'v' },
	};
	size_t	i;

	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (map[i].cp == cp)
			return (map[i].c);
	return ('?');
}

/* A new string with every non-ASCII character replaced. */
static char *
to_ascii(const char *s)
{
	char		*out = xmalloc(strlen(s) + 1), *o = out;
	size_t		 len = strlen(s);
	uint32_t	 cp;
	int		 n;

	while (len > 0) {
		n = cr_utf8_decode(s, len, &cp);
		if (n < 0) {
			*o++ = '?';
			n = 1;
		} else if (cp < 0x80)
			*o++ = (char)cp;
		else
			*o++ = ascii_for(cp);
		s += n;
		len -= (size_t)n;
	}
	*o = '\0';
	return (out);
}

/* Pair numbers are role numbers; pair 0 stays the terminal's default. */
void
draw_init_colors(struct draw *d, int want)
{
	static const short fg[ROLE_COUNT] = {
		-1, COLOR_CYAN, COLOR_BLACK, COLOR_BLACK, COLOR_BLUE,
		COLOR_YELLOW, COLOR_GREEN, COLOR_RED, COLOR_CYAN
	};
	static const short bg[ROLE_COUNT] = {
		-1, -1, COLOR_CYAN, COLOR_WHITE, -1, -1, -1, -1, -1
	};
	int	r;

	d->color = 0;
	if (!want || !has_colors() || start_color() == ERR)
		return;
	use_default_colors();
	for (r = 1; r < ROLE_COUNT; r++)
		init_pair((short)r, fg[r], bg[r]);
	d->color = 1;
}

/* Meaning never rests on colour alone: each role also has an attribute. */
attr_t
draw_attr(const struct draw *d, enum role r)
{
	static const attr_t mono[ROLE_COUNT] = {
		A_NORMAL, A_BOLD, A_REVERSE, A_REVERSE, A_NORMAL, A_NORMAL,
		A_BOLD, A_NORMAL, A_BOLD
	};

	if (!d->color || r == ROLE_NORMAL)
		return (mono[r]);
	return (mono[r] | COLOR_PAIR(r));
}

void
draw_text(WINDOW *w, int y, int x, const char *s, int cols, int right)
{
	char	*fit, *clean;

	if (cols <= 0)
		return;
	if (ascii_only) {
		/* Sanitise first: to_ascii would hide control characters. */
		clean = cr_sanitize(s);
		fit = to_ascii(clean);
		free(clean);
		clean = fit;
		fit = cr_fit(clean, cols, right, 1);
		free(clean);
	} else
		fit = cr_fit(s, cols, right, 0);
	mvwaddstr(w, y, x, fit);
	free(fit);
}

void
draw_bar(const struct draw *d, WINDOW *w, int y, int x, double value,
    double max, int cols)
{
	static const char *const eighths[] = {
		"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"
	};
	int	units, full, i;

	if (cols <= 0)
		return;
	wmove(w, y, x);
	if (isnan(value) || max <= 0) {
		for (i = 0; i < cols; i++)
			waddch(w, ' ');
		return;
	}
	if (value < 0)
		value = 0;
	if (value > max)
		value = max;
	units = (int)lround(value / max * cols * 8);
	full = units / 8;
	wattr_on(w, draw_attr(d, ROLE_BAR), NULL);
	for (i = 0; i < full; i++)
		waddstr(w, d->ascii ? "#" : "█");
	if (full < cols && units % 8 != 0 && !d->ascii) {
		waddstr(w, eighths[units % 8]);
		full++;
	}
	wattr_off(w, draw_attr(d, ROLE_BAR), NULL);
	for (i = full; i < cols; i++)
		waddch(w, ' ');
}
