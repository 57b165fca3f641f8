/* Inside the session: the snapshot every change is made against. */
#ifndef CR_SESSION_PRIV_H
#define CR_SESSION_PRIV_H

#include "session.h"

struct snap {
	struct cr_scenario	*sc;
	struct cr_scenario	*base;
	struct cr_scenario	*origin;
	char			*origin_period;
	char			*note;
	char			*period;
};

struct snap	*snap_take(const struct session *);
void		 snap_free(struct snap *);
/* Keep before for undo, re-scoring what changed; or put it back. */
int		 commit(struct session *, struct snap *before, int node,
		    char **cause);
/* Go to a whole state, its period too; all or nothing. */
int		 snap_go(struct session *, const struct snap *to,
		    char **cause);
/* Keep a state for undo; a new change forgets what was undone. */
void		 push_undo(struct session *, struct snap *);
int		 score_base(struct session *, char **cause);
/* Another period of the file, checked to fit the model; NULL, *cause. */
struct cr_dataset *session_load_period(struct session *, const char *period,
		    char **cause);
/* The other periods' scores (panel.c). */
void		 session_panel_free(struct session_panel *);
void		 scenario_assign(const struct cr_model *,
		    struct cr_scenario *dst, const struct cr_scenario *src);

#endif
