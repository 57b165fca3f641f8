/*
 * The tables behind the batch commands, built apart from printing so
 * that the explorer can export exactly what a command would print.
 * Each fills an initialised out_table for t->format and t->ascii; and
 * the pieces of a ranking both front ends show alike.
 */
#ifndef CR_TABLES_H
#define CR_TABLES_H

#include <stddef.h>

#include "model.h"
#include "out.h"
#include "target.h"

struct session;
struct axis;
struct cr_scores;

void	table_rank(struct session *, struct out_table *);
void	table_tree(struct session *, struct out_table *);
void	table_show(struct session *, int entity, struct out_table *);
/* -1 when the ranked node has no children (a missing score is shown). */
int	table_compare(struct session *, const int *entities, int n,
	    struct out_table *);
void	table_scatter(struct session *, const struct axis *x,
	    const struct axis *y, struct out_table *);

/*
 * Each weight's stability interval at the ranked node (stability.h):
 * every weight that moves the ranking, or those of the children of
 * groups[] when not NULL; with a unit (>= 0), its rank's interval too.
 * -1 and *cause on an error of the engine.
 */
int	table_stability(struct session *, int unit, const int *groups,
	    size_t n_groups, struct out_table *, char **cause);
/* The ranking with each unit's rank-flip distances, up and down. */
void	table_rank_flips(struct session *, struct out_table *);

struct cr_target;
struct cr_target_spec;
struct cr_reach;
/* What was asked of the target solver: rank k, or above other (>= 0). */
struct target_ask {
	int				 unit, k, other;
	const struct cr_target_spec	*spec;
};
/* The answer: new weights and changes, with the proof and distance. */
void	table_target(struct session *, const struct target_ask *,
	    const struct cr_target *, struct out_table *);
/* The ranking under a found answer's weights. */
void	table_target_ranking(struct session *, const struct cr_target *,
	    struct out_table *);
/* "CODE=W,...": a found answer's weights, as --weights takes them. */
char	*target_weights_spec(const struct cr_model *,
	    const struct cr_target *);
/*
 * The solver's spec for the session's ranked node: the groups of a
 * level (NULL: its children; *groups malloc'd) and a floor each group
 * can meet.  -1 and *cause when it cannot be: a leaf, a bad level.
 */
int	session_target_spec(struct session *, const char *level,
	    double floor, enum cr_tnorm, double seconds,
	    struct cr_target_spec *, int **groups, char **cause);
/* The best and worst rank every unit can reach. */
void	table_target_range(struct session *, const struct cr_target_spec *,
	    const struct cr_reach *, struct out_table *);
struct cr_mc;
struct cr_mc_unit;
struct cr_sobol;
/*
 * An uncertainty analysis of the session's scenario (mc.h): one row a
 * unit in rank order, with its summary (units: n_entities); and its
 * Sobol indices (sobol.h), for unit's rank or (-1) the mean rank change.
 */
void	table_robust(struct session *, const struct cr_mc *,
	    const struct cr_mc_unit *units, struct out_table *);
void	table_sobol(struct session *, const struct cr_mc *,
	    const struct cr_sobol *, int unit, size_t boot, struct out_table *);
/* The uncertain factors' names, space-separated (malloc'd). */
char	*session_robust_factors(const struct cr_mc *);

struct cr_saved;
/*
 * The saved scenarios, the state at the last exit (or NULL) and the
 * data set's presets, read-only.
 */
void	table_scenario_list(struct session *, struct cr_saved **, size_t,
	    const struct cr_saved *last, struct out_table *);
/* One scenario's weights, and each one's share of the index here. */
void	table_scenario_show(struct session *, const struct cr_saved *,
	    struct out_table *);
/* Two scenarios side by side on this data set; -1 when one cannot be. */
int	table_scenario_diff(struct session *, const struct cr_saved *a,
	    const struct cr_saved *b, struct out_table *, char **cause);

/* "~" when the number is not published or official, else " ". */
const char *session_prov_mark(enum cr_prov);
/*
 * About the open data set, for the explorer's i: title, source,
 * licence, counts, values by provenance, preparation, sources; lines
 * malloc'd, each and the array.  The counts: leaf values by provenance
 * (CR_PROV_COUNT) and missing; the share of values not published or
 * official, in percent.
 */
void	session_about(const struct session *, char ***lines, size_t *n);
void	session_about_counts(const struct session *, size_t *count,
	    size_t *missing);
int	session_about_derived_pct(const struct session *);
/* "ranked by: CODE 中文 / English" above a table. */
void	session_ranked_by_meta(struct session *, struct out_table *);
/* The data set, year and the node ranked by. */
void	session_scenario_data(struct session *, struct out_table *);
/* The data set, scenario, baseline and methods above a table. */
void	session_scenario_meta(struct session *, struct out_table *);
/*
 * Entities in rank order at a node: unranked (a missing score) last,
 * ties and the unranked in data order.  n_entities, malloc'd.
 */
int	*session_ranked_order(const struct cr_model *, struct cr_scores *,
	    int by);
/*
 * A rank's move against the baseline: "=", "↑3", "↓2" ("+3", "-2" in
 * ASCII), and "" when either rank is missing: no rank, no move.
 */
void	session_move_text(char *buf, size_t len, int base, int now,
	    int ascii);

#endif
