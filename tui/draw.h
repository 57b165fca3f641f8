/* Drawing helpers: text by display width, bars, theme roles. */
#ifndef CR_DRAW_H
#define CR_DRAW_H

#include <curses.h>

#include "theme.h"

struct draw {
	int	color;		/* colours are in use */
	int	ascii;		/* ASCII drawing only */
	attr_t	attr[ROLE_COUNT];
	/* Each role on the cursor's background: the selected row unbroken. */
	attr_t	on_cursor[ROLE_COUNT];
};

/* Resolve a theme for this terminal; with want 0, attributes only. */
void	draw_init_colors(struct draw *, int want, const struct theme *);
/*
 * In a locale that cannot show UTF-8, every string drawn is turned into
 * ASCII first: box and arrow symbols into look-alikes, the rest into '?'.
 */
void	draw_set_ascii(int);
/* Decimal digits of n: the width of a rank among n units. */
int	 draw_digits(size_t n);
attr_t	draw_attr(const struct draw *, enum role);
/*
 * A role drawn over base, a row's attribute: on the cursor's row, the
 * role's colour on the cursor's background, so that a mark or a bar
 * does not punch a hole in the selected row; elsewhere base | the role.
 */
attr_t	draw_over(const struct draw *, enum role, attr_t base);
/* Sanitised text fitted to exactly cols columns at y, x. */
void	draw_text(WINDOW *, int y, int x, const char *, int cols, int right);
/*
 * Text wrapped at spaces over at most max lines of cols columns from
 * y, x (NULL w: just count); the lines it takes, or would.
 */
int	draw_wrapped(WINDOW *, int y, int x, const char *, int cols, int max);
/*
 * Items ("1 哈尔滨", "r² 0.50") joined by sep and wrapped between them,
 * never inside one unless it is wider than a line, over at most max
 * lines (NULL w: just count).  The lines it takes, or would: more than
 * max when they do not all fit, and then the last line drawn ends in
 * "…" where the rest was left out.
 */
int	draw_items(WINDOW *, int y, int x, char *const *items, size_t n,
	    const char *sep, int cols, int max);
/* A horizontal bar of value in [0, max] over cols columns. */
void	draw_bar(const struct draw *, WINDOW *, int y, int x, double value,
	    double max, int cols);

#endif
