/*
 * Presentation mode (doc/present.md): one slide at a time, the chosen
 * view full screen under a slim title and above a caption.  The slides
 * are built on the explorer's session; what the explorer showed before
 * (view, filter, search, marks, plot axes, the scenario and its undo
 * history) is put back when the presentation ends.
 */
#ifndef CR_TUI_PRESENT_H
#define CR_TUI_PRESENT_H

#include <stddef.h>

#include "view_compare.h"
#include "view_scatter.h"

struct app;
struct keymap;
struct cr_match;
struct cr_slides;
struct session_mark;

/* The explorer's own state, kept aside while the slides play. */
struct present_saved {
	int			 view, back;
	struct cr_match		*filter, *search;
	char			*filter_text;
	int			 marks[COMPARE_MAX];
	int			 nmarks;
	struct view_scatter	 scatter;
	int			 detail;
	size_t			 rank_cur, rank_top;
	/* The other views' places, which a slide starts from the top. */
	size_t			 pos[9];
};

struct present {
	int			 on;
	struct cr_slides	*slides;	/* owned */
	struct session_mark	*mark;
	size_t			 cur;
	char			*error;		/* the slide's, or NULL */
	int			 note;		/* speaker note shown */
	char			 num[8];	/* digits typed to jump */
	int			 exits;		/* q ends the program */
	int			 shown;		/* a slide was on the screen */
	struct present_saved	 saved;
	/* Rows moving to their places: entity -> row before, or NULL. */
	int			*from;
	long			 move_start;	/* ms, monotonic */
	long			 move_ms;	/* how long the move takes */
};

/* A frame of a transition every so often, for so long in all. */
#define PRESENT_FRAME_MS	40
#define PRESENT_MOVE_MS		320

/* Start on the first slide; takes the slides.  exits: see above. */
void	present_start(struct app *, struct cr_slides *, int exits);
/* End the presentation (when on): the explorer's state comes back. */
void	present_end(struct app *);
/* A key while presenting: TUI_ flags of app.h. */
/* The slides' keys: their handlers and their part of the help. */
extern const struct keymap	present_keys;
int	present_key(struct app *, int key);
/* The whole screen. */
void	present_draw(struct app *);
/* 1 while rows move between two slides. */
int	present_moving(const struct app *);
/* The next frame of a move, or its end: TUI_REDRAW then, else 0. */
int	present_tick(struct app *);

#endif
