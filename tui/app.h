/*
 * The explorer's state: the session (data, scenario, scores, history),
 * the views and the status message.  Key handlers
 * change this state and return flags; drawing reads it.
 */
#ifndef CR_APP_H
#define CR_APP_H

#include <stddef.h>

#include "draw.h"
#include "dspick.h"
#include "prompt.h"
#include "view_compare.h"
#include "view_detail.h"
#include "view_rank.h"
#include "view_scatter.h"
#include "view_scenarios.h"
#include "view_target.h"
#include "view_robust.h"
#include "robust_job.h"
#include "view_tree.h"
#include "view_weights.h"
#include "present.h"

struct session;
struct cr_match;

/* What a key handler asks of the loop. */
#define TUI_REDRAW	0x1
#define TUI_QUIT	0x2

/* Characters at or above KEY_MIN carry this bit, apart from KEY_ codes. */
#define TUI_WIDE	0x200000

enum view_id {
	VIEW_RANK, VIEW_TREE, VIEW_WEIGHTS, VIEW_COMPARE, VIEW_SCATTER,
	VIEW_SCENARIOS, VIEW_ROBUST, VIEW_DETAIL
};

struct app {
	struct session		*sess;
	struct draw		 d;
	enum view_id		 view;
	enum view_id		 back;		/* where q from detail goes */
	int			 help;		/* help overlay shown */
	int			 help_top;
	struct prompt		 prompt;
	struct cr_match		*search;	/* last search, for n/N */
	struct cr_match		*filter;	/* rows kept in the ranking */
	char			*filter_text;
	char			*export_path;	/* awaiting overwrite answer */
	int			 save_then_quit; /* saving from the quit question */
	char			 msg[256];	/* one-line status message */
	int			 msg_error;
	struct view_rank	 rank;
	struct view_tree	 tree;
	struct view_weights	 weights;
	struct view_detail	 detail;
	struct view_compare	 compare;
	struct view_scatter	 scatter;
	struct scatter_memo	*scatter_memo;	/* the plot's figures, kept */
	struct view_scenarios	 scenarios;
	struct view_target	 target;	/* the solver's answer */
	struct pager		 about;		/* i: about this data set */
	struct dspick		 dspick;	/* O: open another data set */
	struct view_robust	 robust;
	struct robust_job	 rjob;		/* bands, off the input thread */
	struct present		 present;	/* slides, when on */
	struct theme		 theme;
	int			 no_color;
	int			 confirm_quit;	/* the config's; -1 unset */
	int			 transitions;	/* slides' rows move (on) */
	/*
	 * A frame that answers a key skips what is slow on a large data
	 * set (app_defer()); the loop draws again, whole, when no key
	 * waits.  hurry: this frame answers keys; deferred: it skipped.
	 */
	int			 hurry, deferred;
	unsigned		 data_gen;	/* the session's, when seen */
};

void	app_init(struct app *, struct session *, int ascii);
void	app_free(struct app *);
/*
 * Another session (data set) in place of the one shown, whose owner
 * has freed it or will: every view starts afresh on the new one; the
 * theme, the drawing and the config's choices stay.
 */
void	app_set_session(struct app *, struct session *);
/*
 * Before a session call that may put another data set in place (a
 * recipe, undo, redo, a scenario loaded): the robustness worker reads
 * the model, so it stops; it starts again for the new state.
 */
void	app_stop_background(struct app *);
/* I: the preparation recipe, as a prompt showing the one in force. */
int	app_recipe_start(struct app *);
void	app_recipe_done(struct app *, const char *);
/*
 * M: the methods as one line (session_set_methods_line()), the prompt
 * showing those in force; one undoable change.
 */
int	app_methods_start(struct app *);
void	app_methods_done(struct app *, const char *);
/* Set the status line message (printf-style); errors show as such. */
/*
 * Whether a frame should leave out a figure that reads every unit (a
 * correlation, a stability interval) and show it as pending: on a data
 * set this large, when it answers a key or another key is waiting.
 * Notes the skip.
 */
#define APP_DEFER_MIN	20000
int	app_defer(struct app *);
/*
 * app_defer() as the engine's stop function (arg: the app), for a
 * figure that gives way, part-way through, to a key typed meanwhile.
 */
int	app_key_waits(void *);
void	app_msg(struct app *, int error, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
/*
 * After a session call returned rc (and maybe a cause, taken): an error
 * goes to the status line; a change refreshes the ranking.  Returns rc.
 */
int	app_changed(struct app *, int rc, char *why);
/* Rank by another node: the ranking view follows. */
void	app_rank_by(struct app *, int node);
/* The entity at the ranking's selection, or -1. */
int	app_selected_entity(struct app *);
void	app_open_detail(struct app *, int entity);
/* Load the next year's values of a data set with several. */
int	app_next_period(struct app *);
/* The next (dir > 0) or previous year, round the ends. */
int	app_step_period(struct app *, int dir);
/* Save (prompting for a name), undo or redo, quit (asking first). */
int	app_save_start(struct app *);
int	app_save_named(struct app *, const char *);
int	app_history(struct app *, int redo);
int	app_quit(struct app *);
int	app_quit_answer(struct app *, int key);
/* 1 when the entity passes the ranking's filter. */
int	app_keeps(const struct app *, int entity);
void	app_match_msg(struct app *);

#endif
