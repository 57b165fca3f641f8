/*
 * The explorer's state: the data and scenario (through struct cli), the
 * views, the weight-edit history and the status message.  Key handlers
 * change this state and return flags; drawing reads it.
 */
#ifndef CR_APP_H
#define CR_APP_H

#include <stddef.h>

#include "draw.h"
#include "prompt.h"
#include "view_compare.h"
#include "view_detail.h"
#include "view_rank.h"
#include "view_scatter.h"
#include "view_tree.h"
#include "view_weights.h"

struct cli;
struct cr_wedit;
struct cr_match;

/* What a key handler asks of the loop. */
#define TUI_REDRAW	0x1
#define TUI_QUIT	0x2

/* Characters at or above KEY_MIN carry this bit, apart from KEY_ codes. */
#define TUI_WIDE	0x200000

enum view_id {
	VIEW_RANK, VIEW_TREE, VIEW_WEIGHTS, VIEW_COMPARE, VIEW_SCATTER,
	VIEW_DETAIL
};

struct app {
	struct cli		*c;
	struct draw		 d;
	struct cr_wedit		*wedit;
	enum view_id		 view;
	enum view_id		 back;		/* where q from detail goes */
	int			 help;		/* help overlay shown */
	int			 help_top;
	struct prompt		 prompt;
	struct cr_match		*search;	/* last search, for n/N */
	struct cr_match		*filter;	/* rows kept in the ranking */
	char			*filter_text;
	char			*export_path;	/* awaiting overwrite answer */
	char			 msg[256];	/* one-line status message */
	int			 msg_error;
	struct view_rank	 rank;
	struct view_tree	 tree;
	struct view_weights	 weights;
	struct view_detail	 detail;
	struct view_compare	 compare;
	struct view_scatter	 scatter;
	struct theme		 theme;
	int			 no_color;
};

void	app_init(struct app *, struct cli *);
void	app_free(struct app *);
/* Set the status line message (printf-style); errors show as such. */
void	app_msg(struct app *, int error, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
/* After one node's weight changed, or after anything else changed. */
void	app_weight_changed(struct app *, int node);
void	app_rescore(struct app *);
/* Rank by another node: the ranking view follows. */
void	app_rank_by(struct app *, int node);
/* The entity at the ranking's selection, or -1. */
int	app_selected_entity(const struct app *);
void	app_open_detail(struct app *, int entity);
/* Load the next year's values of a data set with several. */
int	app_next_period(struct app *);
/* 1 when the entity passes the ranking's filter. */
int	app_keeps(const struct app *, int entity);

#endif
