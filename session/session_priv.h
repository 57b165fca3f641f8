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
	char			*recipe;	/* NULL: the file's */
	char			*origin_recipe;
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
/* A saved scenario's recipe as the session keeps it: NULL, the file's. */
char		*session_saved_recipe(const struct session *,
		    const struct cr_saved *);
/* session_set_method_specs(), its lists' errors named as given. */
int		 set_method_specs(struct session *,
		    const struct cr_norm_spec *, const struct cr_agg_spec *,
		    const char *leaf_norms, const char *level_aggs,
		    const char *leaf_label, const char *level_label,
		    char **cause);
/* NULL and NULL, or the same text. */
int		 same_recipe(const char *, const char *);
/*
 * The file's values for a period as a recipe prepares them (NULL: as
 * the file has them), and the whole data set in the session's place,
 * scores and all, with what was there given back in *o (recipe.c).
 */
int		 load_data(const struct session *, const char *recipe,
		    const char *period, struct cr_dataset **, char **cause);
int		 data_fits(const struct session *, const struct cr_dataset *,
		    char **cause);
void		 data_swap(struct session *, struct cr_dataset **o,
		    struct cr_scores **sc, struct cr_scores **base,
		    struct cr_wedit **w);
/* Another period of the file, checked to fit the model; NULL, *cause. */
struct cr_dataset *session_load_period(struct session *, const char *period,
		    char **cause);
/* The other periods' scores (panel.c). */
void		 session_panel_free(struct session_panel *);
void		 scenario_assign(const struct cr_model *,
		    struct cr_scenario *dst, const struct cr_scenario *src);

#endif
