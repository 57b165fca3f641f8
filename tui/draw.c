/* Drawing helpers shared by the views. */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "draw.h"
#include "utf8.h"

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
	char	*fit;

	if (cols <= 0)
		return;
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
