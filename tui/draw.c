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

int
draw_digits(size_t n)
{
	int	 d = 1;

	while (n >= 10) {
		n /= 10;
		d++;
	}
	return (d);
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

static attr_t
theme_attrs(unsigned a)
{
	attr_t	out = A_NORMAL;

	if (a & THEME_A_BOLD)
		out |= A_BOLD;
	if (a & THEME_A_REVERSE)
		out |= A_REVERSE;
	if (a & THEME_A_UNDERLINE)
		out |= A_UNDERLINE;
	if (a & THEME_A_DIM)
		out |= A_DIM;
	if (a & THEME_A_ITALIC)
		out |= A_ITALIC;
	return (out);
}

static void	cursor_pairs(struct draw *, const struct theme *);

/*
 * Pair numbers are role numbers; pair 0 stays the terminal's default.
 * Whatever the colours, each role keeps an attribute so that meaning
 * never rests on colour alone (the cursor is always reverse or bold).
 */
void
draw_init_colors(struct draw *d, int want, const struct theme *t)
{
	static const attr_t mono[ROLE_COUNT] = {
		[ROLE_HEADER] = A_BOLD, [ROLE_CURSOR] = A_REVERSE,
		[ROLE_STATUS] = A_REVERSE, [ROLE_UP] = A_BOLD,
		[ROLE_TITLE] = A_BOLD, [ROLE_POINT] = A_BOLD,
		[ROLE_HIGHLIGHT] = A_BOLD | A_REVERSE,
	};
	int	r, fg, bg;

	d->color = want && has_colors() && start_color() != ERR;
	if (d->color)
		use_default_colors();
	for (r = 0; r < ROLE_COUNT; r++) {
		d->attr[r] = theme_attrs(t->role[r].attrs);
		if (!d->color) {
			d->attr[r] |= mono[r];
			continue;
		}
		fg = theme_resolve(&t->role[r].fg, COLORS);
		bg = theme_resolve(&t->role[r].bg, COLORS);
		if (fg == THEME_NONE || bg == THEME_NONE) {
			/* Nothing the terminal can show: keep the meaning. */
			d->attr[r] |= mono[r];
			continue;
		}
		if (r > 0 && init_extended_pair(r, fg, bg) != ERR)
			d->attr[r] |= COLOR_PAIR(r);
	}
	cursor_pairs(d, t);
}

/*
 * Pairs ROLE_COUNT + r: role r's foreground on the cursor's background
 * (the cursor's foreground where the role keeps the terminal's own).
 * Without colour, or where the terminal has too few pairs, a role on
 * the cursor is the cursor's attributes with the role's.
 */
static void
cursor_pairs(struct draw *d, const struct theme *t)
{
	int	r, fg, bg, cfg;

	for (r = 0; r < ROLE_COUNT; r++)
		d->on_cursor[r] = d->attr[ROLE_CURSOR] |
		    (d->attr[r] & ~A_COLOR);
	if (!d->color)
		return;
	cfg = theme_resolve(&t->role[ROLE_CURSOR].fg, COLORS);
	bg = theme_resolve(&t->role[ROLE_CURSOR].bg, COLORS);
	if (cfg == THEME_NONE || bg == THEME_NONE || bg == THEME_DEFAULT)
		return;
	for (r = 0; r < ROLE_COUNT; r++) {
		fg = theme_resolve(&t->role[r].fg, COLORS);
		if (fg == THEME_NONE || fg == THEME_DEFAULT || fg == bg)
			fg = cfg;
		if (ROLE_COUNT + r < COLOR_PAIRS &&
		    init_extended_pair(ROLE_COUNT + r, fg, bg) != ERR)
			d->on_cursor[r] = (d->attr[ROLE_CURSOR] & ~A_COLOR) |
			    (d->attr[r] & ~A_COLOR) | COLOR_PAIR(ROLE_COUNT + r);
	}
}

attr_t
draw_over(const struct draw *d, enum role r, attr_t base)
{
	if (base == d->attr[ROLE_CURSOR])
		return (d->on_cursor[r]);
	return (base | d->attr[r]);
}

attr_t
draw_attr(const struct draw *d, enum role r)
{
	return (d->attr[r]);
}

void
draw_text(WINDOW *w, int y, int x, const char *s, int cols, int right)
{
	char	*fit, *clean;
	int	 maxx = getmaxx(w);

	/* Never past the right edge: ncurses would wrap to the next line. */
	if (x >= maxx || y < 0 || y >= getmaxy(w))
		return;
	if (cols > maxx - x)
		cols = maxx - x;
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
	attr_t	base;
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
	/* The row's attribute stays for the rest of it, the cursor's too. */
	base = getattrs(w);
	wattrset(w, draw_over(d, ROLE_BAR, base));
	for (i = 0; i < full; i++)
		waddstr(w, d->ascii ? "#" : "█");
	if (full < cols && units % 8 != 0 && !d->ascii) {
		waddstr(w, eighths[units % 8]);
		full++;
	}
	wattrset(w, base);
	for (i = full; i < cols; i++)
		waddch(w, ' ');
}

/* The line at y, or (NULL w) nothing; the "…" of a cut list at its end. */
static void
items_line(WINDOW *w, int y, int x, const char *line, int cols, int cut)
{
	char	*s;

	if (w == NULL)
		return;
	if (!cut) {
		draw_text(w, y, x, line, cols, 0);
		return;
	}
	/* Room for the mark, which cr_fit draws when the text is longer. */
	s = xasprintf("%s%*s", line, cols, "");
	draw_text(w, y, x, s, cols, 0);
	free(s);
}

/* draw_items(), the last line marked as cut when cut is set. */
static int
pack(WINDOW *w, int y, int x, char *const *items, size_t n, const char *sep,
    int cols, int max, int cut)
{
	char	*line = xstrdup(""), *t;
	size_t	 i, k;
	int	 r = 0, sw = cr_utf8_width(sep);

	for (i = 0; i < n; i++) {
		if (*line != '\0' && cr_utf8_width(line) + sw +
		    cr_utf8_width(items[i]) > cols) {
			if (r < max)
				items_line(w, y + r, x, line, cols,
				    cut && r + 1 == max);
			r++;
			*line = '\0';
		}
		t = xasprintf("%s%s%s", line, *line != '\0' ? sep : "",
		    items[i]);
		free(line);
		line = t;
		/* An item wider than a line: whole lines of it go out. */
		while (cr_utf8_width(line) > cols) {
			k = cr_utf8_wrap(line, cols);
			t = xstrndup(line, k);
			if (r < max)
				items_line(w, y + r, x, t, cols,
				    cut && r + 1 == max);
			free(t);
			r++;
			while (line[k] == ' ')
				k++;
			t = xstrdup(line + k);
			free(line);
			line = t;
		}
	}
	if (*line != '\0' || r == 0) {
		if (r < max)
			items_line(w, y + r, x, line, cols, 0);
		r++;
	}
	free(line);
	return (r);
}

int
draw_items(WINDOW *w, int y, int x, char *const *items, size_t n,
    const char *sep, int cols, int max)
{
	int	r;

	if (cols < 1)
		return (0);
	r = pack(NULL, y, x, items, n, sep, cols, max, 0);
	if (w != NULL)
		pack(w, y, x, items, n, sep, cols, max, r > max);
	return (r);
}

int
draw_wrapped(WINDOW *w, int y, int x, const char *s, int cols, int max)
{
	char	*part;
	size_t	 n;
	int	 r = 0;

	if (cols < 1)
		return (0);
	while (r < max && (r == 0 || *s != '\0')) {
		n = cr_utf8_wrap(s, cols);
		if (w != NULL) {
			part = xstrndup(s, n);
			draw_text(w, y + r, x, part, cols, 0);
			free(part);
		}
		r++;
		s += n;
		while (*s == ' ')
			s++;
	}
	return (r);
}
