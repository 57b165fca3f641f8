/*
 * Themes: text files that give each semantic role a foreground, a
 * background and attributes.  A colour may list fallbacks, best first
 * ("#d75f00|166|red"): the first one the terminal can show wins.  This
 * module only parses and resolves; draw.c hands the result to ncurses.
 */
#ifndef CR_THEME_H
#define CR_THEME_H

#include <stddef.h>

enum role {
	ROLE_NORMAL, ROLE_HEADER, ROLE_CURSOR, ROLE_STATUS, ROLE_BAR,
	ROLE_DERIVED, ROLE_UP, ROLE_DOWN, ROLE_TITLE, ROLE_AXIS, ROLE_POINT,
	ROLE_POINT_EST, ROLE_HIGHLIGHT, ROLE_LABEL, ROLE_FIT, ROLE_COUNT
};

#define THEME_ALTS	4
#define THEME_DEFAULT	(-1)	/* the terminal's own colour */
#define THEME_NONE	(-2)	/* no alternative could be shown */

/* One colour as written: up to THEME_ALTS alternatives. */
struct theme_color {
	int	n;
	int	rgb[THEME_ALTS];	/* 0xRRGGBB, or -1 */
	int	index[THEME_ALTS];	/* palette index, or THEME_DEFAULT */
};

struct theme_style {
	struct theme_color fg, bg;
	unsigned	 attrs;		/* THEME_A_* */
	int		 set;		/* the file named this role */
};

#define THEME_A_BOLD		0x1
#define THEME_A_REVERSE		0x2
#define THEME_A_UNDERLINE	0x4
#define THEME_A_DIM		0x8
#define THEME_A_ITALIC		0x10

struct theme {
	char		 name[64];
	struct theme_style role[ROLE_COUNT];
};

const char *theme_role_name(enum role);
/* The built-in theme, used when no file is given and as the base. */
void	theme_default(struct theme *);
/*
 * Parse a theme file's text over the theme (roles it does not name are
 * kept).  On error: -1 and *cause "LINE: message" (file not named:
 * the caller adds it).
 */
int	theme_parse(struct theme *, const char *text, size_t len,
	    char **cause);
/*
 * The palette index to use for a colour on a terminal with `colors`
 * colours (direct colour when > 256: the RGB value itself).
 */
int	theme_resolve(const struct theme_color *, int colors);
/*
 * Load a theme by name (searched in the user's config, then the
 * installed and source themes directories) or by path (contains '/').
 */
int	theme_load(struct theme *, const char *name, char **cause);
/*
 * The names theme_load() finds: "default" and every NAME.theme in the
 * directories it searches, sorted, each once.  Caller frees each and
 * the array.
 */
char	**theme_names(size_t *n);
/* The nearest xterm-256 index of an RGB colour (the 6x6x6 cube, greys). */
int	theme_rgb_to_256(int rgb);

#endif
