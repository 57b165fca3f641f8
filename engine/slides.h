/*
 * The slide script of the presentation mode (doc/present.md): one block
 * a slide, each opened by a "slide VIEW" line and followed by "key:
 * value" lines.  Pure C: the text comes in as a string.  Names of
 * cities, nodes and scenarios are kept as written; whether they exist
 * is for whoever builds the slide on a data set.
 *
 * A mistake inside a slide spoils that slide only: the slide keeps the
 * message ("FILE:LINE: message") and the rest of the script is read.
 */
#ifndef CR_SLIDES_H
#define CR_SLIDES_H

#include <stddef.h>

/* Longest line, in bytes; most slides a script holds; units a slide. */
#define CR_SLIDES_LINE_MAX	4096
#define CR_SLIDES_MAX		1000
#define CR_SLIDES_UNITS		4

enum cr_slide_view {
	CR_SLIDE_RANKING, CR_SLIDE_SHOW, CR_SLIDE_COMPARE, CR_SLIDE_SCATTER,
	CR_SLIDE_TREE, CR_SLIDE_WEIGHTS, CR_SLIDE_ROBUST, CR_SLIDE_NVIEWS
};

enum cr_slide_key {
	CR_SK_TITLE, CR_SK_CAPTION, CR_SK_NOTE, CR_SK_BY, CR_SK_SCENARIO,
	CR_SK_WEIGHTS, CR_SK_UNITS, CR_SK_X, CR_SK_Y, CR_SK_FILTER,
	CR_SK_HIGHLIGHT, CR_SK_COUNT
};

struct cr_slide {
	enum cr_slide_view	 view;
	int			 line;		/* of its "slide" line */
	char			*val[CR_SK_COUNT];	/* NULL: not given */
	int			 at[CR_SK_COUNT];	/* each one's line */
	char			*units[CR_SLIDES_UNITS];
	int			 n_units;
	char			*error;		/* "FILE:LINE: ...", or NULL */
};

struct cr_slides {
	char		*file;
	struct cr_slide	*s;
	size_t		 n;
};

/*
 * Read a script of len bytes named file (for the messages).  -1 with
 * *cause ("FILE:LINE: message") when it is no script at all: no slide,
 * too many, text before the first slide.
 */
int	cr_slides_parse(const char *file, const char *text, size_t len,
	    struct cr_slides **, char **cause);
void	cr_slides_free(struct cr_slides *);
/* An empty script, and a slide added to it (for a built-in tour). */
struct cr_slides *cr_slides_new(const char *file);
struct cr_slide *cr_slides_add(struct cr_slides *, enum cr_slide_view);
/* Set a key's value on a slide; a unit list is split as parsed. */
void	cr_slide_set(struct cr_slide *, enum cr_slide_key, const char *);
/* "ranking": the view's name as the script spells it. */
const char *cr_slide_view_name(enum cr_slide_view);
const char *cr_slide_key_name(enum cr_slide_key);

#endif
