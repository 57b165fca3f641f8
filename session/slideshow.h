/*
 * The presentation's slides built on a session (doc/present.md): a
 * state to come back to, the default tour of a data set, and a slide's
 * scenario, node and units made current.  Shared by the explorer's
 * presentation mode and 'cityrank present --format'.
 */
#ifndef CR_SLIDESHOW_H
#define CR_SLIDESHOW_H

#include "scatter.h"
#include "slides.h"

struct session;
struct cr_match;

/*
 * The state before the first slide, and the undo history set aside so
 * that the slides' changes leave none: session_mark_back() returns to
 * the state, session_mark_end() to the state and the history, and
 * frees the mark.
 */
struct session_mark;
struct session_mark *session_mark_take(struct session *);
int	session_mark_back(struct session *, const struct session_mark *,
	    char **cause);
int	session_mark_end(struct session *, struct session_mark *,
	    char **cause);

/*
 * The default tour: the ranking, each dimension, the default scatter
 * plot, the top two compared, the robustness view.  Names in the
 * session's language.
 */
struct cr_slides *session_tour(struct session *);

/* What a built slide shows besides the session's state. */
struct slide_built {
	int		 units[CR_SLIDES_UNITS];
	int		 n_units;
	struct axis	 x, y;		/* a scatter slide's */
	struct cr_match	*filter;	/* NULL: every city */
	struct cr_match	*highlight;	/* NULL: none */
};

/*
 * Back to the mark, then the slide's scenario, weights and node, and
 * its units, axes and patterns resolved.  -1 with *cause ("FILE:LINE:
 * message", the line of the key at fault) when the slide cannot be
 * built; the session is then at the mark.
 */
int	session_slide_build(struct session *, const struct session_mark *,
	    const struct cr_slides *, const struct cr_slide *,
	    struct slide_built *, char **cause);
void	session_slide_free(struct slide_built *);

#endif
