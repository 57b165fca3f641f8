/*
 * A session: the one owner of what a user explores.  It holds the open
 * data set, the current scenario (weights, locks, methods, period) and
 * its scores, the baseline and its ranks, the node ranked by, the undo
 * history and the link to the saved scenarios.  Both front ends read
 * it; neither changes it except through the calls below.
 *
 * Every call that changes state is all-or-nothing: it re-scores and
 * returns 0, or returns -1 with *cause (malloc'd, the caller frees) and
 * leaves weights, locks, methods, period, scores and history exactly as
 * they were.  A call that finds nothing to change returns 1 and records
 * nothing.
 */
#ifndef CR_SESSION_H
#define CR_SESSION_H

#include <stddef.h>

#include "db.h"
#include "label.h"
#include "saved.h"
#include "progress.h"
#include "score.h"

/* Steps kept for undo; the oldest is dropped beyond this. */
#define SESSION_HISTORY	200

struct snap;
struct cr_wedit;
struct cr_store;
struct session_panel;

struct session {
	struct cr_dataset	*ds;
	struct cr_scenario	*sc;		/* current; sc->name its name */
	struct cr_scenario	*base;		/* the baseline */
	struct cr_scores	*scores;
	struct cr_scores	*base_scores;	/* ranks only */
	int			 by;		/* node ranked by */
	char			*note;		/* the scenario's note */
	/* The state as last loaded or saved, for the modified mark. */
	struct cr_scenario	*origin;
	char			*origin_period;
	char			*hash;		/* the data set's identity */
	struct cr_wedit		*wedit;		/* step arithmetic */
	struct snap		*undo[SESSION_HISTORY];
	size_t			 n_undo;
	struct snap		*redo[SESSION_HISTORY];
	size_t			 n_redo;
	/*
	 * rank --against: the current weights scored on another period,
	 * ranks only, and its values (the ranks read them), or NULL.
	 */
	struct cr_scores	*against;
	struct cr_dataset	*against_ds;
	/*
	 * The preparation recipe in force (engine/prepare.h's line) when
	 * the scenario overrides the file's, else NULL; file_recipe is the
	 * file's own ("none" when it has none), origin_recipe the one last
	 * loaded or saved.
	 */
	char			*recipe;
	char			*origin_recipe;
	char			*file_recipe;
	unsigned		 data_gen;	/* bumped when replaced */
	/* The other periods scored on the current scenario (panel.c). */
	struct session_panel	*panel;
	/* The user's scenarios file, opened on first use. */
	char			*store_path;	/* NULL: no place for one */
	struct cr_store		*store;
	/* The language of data labels (names.c); not history. */
	enum cr_lang		 lang;
	/*
	 * Told how far a long analysis a table builds has come (rank
	 * --flips); set by a front end that shows it, else NULL.
	 */
	cr_progress_fn		 progress;
	void			*progress_arg;
};

/*
 * Open a data set (NULL period: the latest) on its baseline preset.
 * -1 with *cause for a bad file, -2 for a period the file lacks (the
 * user's slip, with the periods it has).
 */
int	 session_open(const char *path, const char *period,
	    struct session **, char **cause);
void	 session_free(struct session *);
/*
 * Another data set in *s's place, on its baseline and with the same
 * scenarios file; the state left is kept as at exit (*warning, malloc'd
 * or NULL, says when it could not be).  On failure (-1 and *cause)
 * *s and its state are as they were.
 */
int	 session_switch(struct session **, const char *path, char **warning,
	    char **cause);

/* Weights: a step of a node's share, locks, back to the baseline. */
int	 session_step(struct session *, int node, double delta_pct,
	    char **cause);
int	 session_lock(struct session *, int node, int on, char **cause);
/* One node's sibling group, or every group when node is -1. */
int	 session_reset(struct session *, int node, char **cause);
/* "CODE=W,..." on top of the current weights (--weights). */
int	 session_set_weights(struct session *, const char *spec,
	    char **cause);
/*
 * A preset means its weights and its methods, everywhere.  Locks are
 * released (a preset is a whole scenario); *note (malloc'd, or NULL)
 * then says which.
 */
int	 session_apply_preset(struct session *, const struct cr_preset *,
	    char **note, char **cause);
int	 session_set_methods(struct session *, enum cr_norm, double lo,
	    double hi, enum cr_agg, char **cause);
/*
 * The methods with their parameters: the global normalisation and
 * aggregation (NULL: kept), and lists of leaves' and depths' own
 * (cr_scenario_parse_leaf_norms, cr_scenario_parse_level_aggs; NULL:
 * kept).  One undoable change, all or nothing; 1 when nothing changed.
 */
int	 session_set_method_specs(struct session *,
	    const struct cr_norm_spec *, const struct cr_agg_spec *,
	    const char *leaf_norms, const char *level_aggs, char **cause);
/*
 * The methods as one line of clauses, the batch flags' text after a
 * word: "normalize minmax; aggregate arith; leaf CODE=M,...; level
 * DEPTH=M,..." (session/methods_line.c).  Each clause is optional and
 * applies as its flag does, on top of what is in force (a leaf or depth
 * back to the global method with =global).  One undoable change, all
 * or nothing; 1 when nothing changed (an empty line among them).
 */
int	 session_set_methods_line(struct session *, const char *line,
	    char **cause);
/*
 * The line for what is in force; the leaves' and depths' own only when
 * the whole line is at most max bytes (a cut line would change them).
 * Caller frees.
 */
char	*session_methods_line(const struct session *, size_t max);
/* The methods for the status line: "minmax · arith"; caller frees. */
char	*session_methods(const struct session *);
/* Another period of the same file; the baseline follows. */
int	 session_set_period(struct session *, const char *period,
	    char **cause);
/*
 * A saved scenario.  Made on another data set: refused when none of its
 * codes exist here; else loaded, with *warning (malloc'd, or NULL)
 * naming the codes that no longer exist and saying so.
 */
int	 session_load(struct session *, const struct cr_saved *,
	    char **warning, char **cause);
/* The baseline against which moves are shown. */
int	 session_set_baseline(struct session *, const struct cr_saved *,
	    char **cause);
int	 session_undo(struct session *, char **cause);
int	 session_redo(struct session *, char **cause);

/*
 * Not history: the current scenario also scored on another period of
 * the file, for a ranking's move against that year.  -2 with the
 * periods it has when the file lacks it (the caller's slip).
 */
int	 session_set_against(struct session *, const char *period,
	    char **cause);

/*
 * Prepare the data another way (session/recipe.c): the recipe's line
 * ("impute mean; screen 0.8", "none"), or NULL for the file's own.  The
 * stored raw tables are imported again with it and everything is
 * re-scored, in one undoable step; -1 and *cause when the file keeps
 * no raw tables or the pipeline fails, -2 when the recipe is not one
 * or does not fit the data (a usage error).  1: it is the one in force.
 */
int	 session_set_recipe(struct session *, const char *recipe,
	    char **cause);
/* The recipe in force, as its line. */
const char *session_recipe(const struct session *);

/*
 * Not history: the current scenario's scores in period i of the file's
 * (ds->periods), for a ranking's move against the previous year and a
 * unit's rank over the years.  The period in view gives s->scores;
 * another is loaded on first use and re-scored when the scenario
 * (weights, methods) changed since, ranks only: only cr_scores_rank()
 * may be read, at any node.  NULL without *cause for a file with fewer
 * than two periods or i out of range; NULL with *cause when the period
 * cannot be loaded or scored.
 */
struct cr_scores *session_period_scores(struct session *, size_t i,
	    char **cause);
/* Where the period in view is in ds->periods; -1 when none. */
int	 session_period_at(const struct session *);

/* Not history: what the ranking is ordered by. */
void	 session_rank_by(struct session *, int node);

/* The node's share of its siblings' weight, 0-100. */
double	 session_pct(const struct session *, int node);
/* 1 when the state differs from what was last loaded or saved. */
int	 session_modified(const struct session *);
/* 1 when weights or methods differ from the baseline. */
int	 session_differs_base(const struct session *);
/* The current state as a saved scenario, under a name and note. */
/* A scenario's methods, a leaf's own by its code, into a saved one. */
void	 session_methods_to_saved(const struct cr_model *,
	    const struct cr_scenario *, struct cr_saved *);
struct cr_saved *session_to_saved(const struct session *, const char *name,
	    const char *note);
/* Turn a saved scenario into weights for this model (see session_load). */
int	 session_saved_scenario(const struct session *,
	    const struct cr_saved *, struct cr_scenario **, char **warning,
	    char **cause);

/*
 * The user's scenarios file (see store.h): opened on first use, at the
 * default place unless session_set_store() named another (NULL: none).
 */
void	 session_set_store(struct session *, const char *path);
/* Save the state under a name; it becomes the scenario's name. */
int	 session_save(struct session *, const char *name, const char *note,
	    int replace, char **cause);
/* A scenario from elsewhere (a file), as it is. */
int	 session_store_put(struct session *, const struct cr_saved *,
	    int replace, char **cause);
/* The state at exit, kept per data set, and back (1: there is none). */
int	 session_save_last(struct session *, char **cause);
int	 session_load_last(struct session *, char **warning, char **cause);
/* The state kept at the last exit from this data set; 1: none. */
int	 session_last(struct session *, struct cr_saved **, char **cause);
/* The saved scenarios, by name; free with session_list_free(). */
int	 session_list(struct session *, struct cr_saved ***, size_t *,
	    char **cause);
void	 session_list_free(struct cr_saved **, size_t);
/* A saved scenario by name, else a preset of the data set by code. */
int	 session_find(struct session *, const char *name,
	    struct cr_saved **, char **cause);
struct cr_saved *session_preset_saved(const struct session *,
	    const struct cr_preset *);
int	 session_rename(struct session *, const char *from, const char *to,
	    char **cause);
int	 session_delete(struct session *, const char *name, char **cause);

/*
 * Names in the session's language (label.h), the one place both front
 * ends ask: a unit's, a node's, a context variable's and the data set's
 * title; the _both forms are what a heading shows ("战略 Strategy" in
 * Chinese), malloc'd.
 */
const char *session_unit_name(const struct session *, int entity);
const char *session_node_name(const struct session *, int node);
const char *session_ctx_name(const struct session *, int var);
const char *session_title(const struct session *);
char	*session_unit_both(const struct session *, int entity);
char	*session_node_both(const struct session *, int node);

/*
 * Whether a robustness run of that many samples fits in the memory
 * left (cr_mc_bytes() against memavail.h): -1 and why, before the run,
 * when it would not.
 */
struct cr_mc;
int	 session_mc_fits(const struct cr_mc *, size_t samples, char **why);
/*
 * The same for a merge of part files (cr_mc_part_merge()), which holds
 * every part's samples and their merged copy at once: twice as much.
 */
int	 session_mc_merge_fits(const struct cr_mc *, size_t samples,
	    char **why);

#endif
