/*
 * Scoring: normalise every leaf across entities, aggregate bottom-up
 * with sibling weights, rank the aggregates.  A scenario is the set of
 * weights plus the method choices.
 */
#ifndef CR_SCORE_H
#define CR_SCORE_H

#include <stdint.h>

#include "model.h"

enum cr_norm {
	CR_NORM_NONE,		/* raw values, for data on a common scale */
	CR_NORM_MINMAX,		/* (x - min) / (max - min) to [lo, hi] */
	CR_NORM_ZSCORE,		/* (x - mean) / sd, sd with n - 1 */
	CR_NORM_RANK,		/* percentile rank 0-100, ties averaged */
	/* COINr's n_prank: 100 (r - 1) / (k - 1), r the rank, ties lowest */
	CR_NORM_PRANK,
	CR_NORM_BORDA,		/* COINr's n_borda: the values below it */
	/*
	 * The fraction of the best value, 0-100: 100 x / max, or for a
	 * lower-is-better leaf 100 min / x; for values > 0 (x >= 0 when
	 * higher is better), else cr_score() refuses the leaf by name.
	 */
	CR_NORM_FRACMAX,
	CR_NORM_COUNT
};

enum cr_agg {
	CR_AGG_ARITH,		/* weighted arithmetic mean */
	CR_AGG_GEOM,		/* weighted geometric mean */
	/* weighted harmonic mean, W / sum(w / x); 0 when a score is 0 */
	CR_AGG_HARM,
	CR_AGG_COUNT
};

/*
 * Weights are relative, so nothing needs them huge; bounding them (and
 * min-max ranges) keeps every sum and product finite.
 */
#define CR_WEIGHT_MAX	1e9
#define CR_RANGE_MAX	1e9

struct cr_scenario {
	char		*name;
	double		*weight;	/* n_nodes, relative within a parent */
	unsigned char	*locked;	/* n_nodes, for the UI; scoring ignores */
	enum cr_norm	 norm;
	double		 norm_lo, norm_hi;	/* min-max target range */
	enum cr_agg	 agg;
};

const char	*cr_norm_name(enum cr_norm);
int		 cr_norm_parse(const char *, enum cr_norm *, double *lo,
		    double *hi, char **cause);
/* A method that needs the whole column ranked: rank, prank, borda. */
int		 cr_norm_ranked(enum cr_norm);
const char	*cr_agg_name(enum cr_agg);
int		 cr_agg_parse(const char *, enum cr_agg *, char **cause);
/*
 * The analyses that solve for weights (target, stability, flips, the
 * Monte Carlo's aggregation) know the arithmetic and geometric means
 * only: 0 for those, else -1 and a cause naming what, for the others.
 */
int		 cr_agg_solvable(enum cr_agg, const char *what, char **cause);

/* A scenario with the model's default weights, min-max 0-100, arith. */
struct cr_scenario *cr_scenario_new(const struct cr_model *, const char *);
struct cr_scenario *cr_scenario_copy(const struct cr_model *,
		    const struct cr_scenario *);
void		 cr_scenario_free(struct cr_scenario *);
/*
 * 1 when the two have exactly the same weights and methods, and so
 * give the same scores bit for bit: for results kept until then.
 */
int		 cr_scenario_same(const struct cr_model *,
		    const struct cr_scenario *, const struct cr_scenario *);
/* 1 when weights or methods differ from the other scenario. */
int		 cr_scenario_differs(const struct cr_model *,
		    const struct cr_scenario *, const struct cr_scenario *);
/*
 * Apply "CODE=W,CODE=W" to a scenario.  Rejects unknown codes, values
 * that are not finite numbers, negative weights, and a parent whose
 * children would all weigh zero.  On error the scenario is unchanged.
 */
int		 cr_scenario_parse_weights(const struct cr_model *,
		    struct cr_scenario *, const char *spec, char **cause);
/* Every parent has at least one child with a positive weight. */
int		 cr_scenario_check(const struct cr_model *,
		    const struct cr_scenario *, char **cause);
/* A node's share of the whole index: the product of normalised weights. */
double		 cr_scenario_share(const struct cr_model *,
		    const struct cr_scenario *, int node);

/*
 * How one leaf's values are normalised, recorded by cr_score(): the
 * value is raw x dir, then for min-max lo + (v - a) / (b - a) * (hi -
 * lo) with a the min and b the max (the middle of the range when they
 * are equal), for z-score (v - a) / b with a the mean and b the sd (0
 * when the sd is not positive), for none v itself.  Where the range or
 * the sums would over- or underflow, dir carries a power of two that
 * scales the values, and a and b are those of the values scaled
 * (normalize.c): any finite values give finite scores.
 */
struct cr_leaf_norm {
	double	 dir;		/* the node's direction, times any scale */
	double	 a, b;		/* min and max, or mean and sd */
};

/*
 * Results.  Scores, ranks, missing counts and provenance are read
 * through the accessors below, never the arrays, because only the
 * aggregates' are stored (n_entities * n_aggs, row-major by entity, at
 * the node's agg slot).
 *
 * A leaf's score is computed when read, from the model's raw value and
 * the leaf's normalisation (leaf_norm), by the arithmetic of the
 * whole-column normalisation (normalize.c), so it is bit for bit the
 * number that would have been stored: at 10,000 entities x 200 leaves
 * storing them took 16 MB, and filling that with NAN a fifth of the
 * time to open the file.  Rank normalisation is not a map of one value
 * (a percentile needs the whole column), so while it is the method in
 * use each leaf value's average rank is stored: leaf_rank2, twice the
 * rank (ranks are whole or halves, so that is an integer, 0 for a
 * missing value), n_entities * n_leaves as raw[] is, else NULL; with
 * the count of values in leaf_norm[leaf].a, the percentile is bit for
 * bit norm_rank()'s from 4 bytes a value instead of 8.
 *
 * A leaf's missing count and provenance are those of its raw value,
 * read from the model.  A leaf's ranks are counted when asked for: one
 * entity's rank is 1 + the entities with a higher score, O(n_entities).
 * A caller that reads many entities' ranks at one leaf calls
 * cr_scores_rank_all() first, which ranks the whole column and keeps
 * it until the next full cr_score().  The first screen shows
 * aggregates only, and a city's detail reads one rank per node.
 *
 * The results keep a pointer to the model they were computed from: it
 * must outlive them, and its values must not change until the next
 * cr_score().
 */
struct cr_scores {
	size_t		 n_entities, n_nodes, n_leaves, n_aggs;
	const struct cr_model *m;
	/* The normalisation of the last cr_score(). */
	enum cr_norm	 norm;
	double		 norm_lo, norm_hi;
	struct cr_leaf_norm *leaf_norm;	/* n_leaves */
	uint32_t	*leaf_rank2;	/* cr_norm_ranked() only, else NULL */
	int		*agg;		/* n_nodes: agg slot, -1 for a leaf */
	double		*agg_score;	/* n_entities * n_aggs; NAN missing */
	int		*agg_rank;	/* n_entities * n_aggs */
	int		*agg_missing;	/* n_entities * n_aggs */
	unsigned char	*agg_prov;	/* n_entities * n_aggs */
	int		**leaf_rank;	/* n_leaves, NULL until ranked */
};

/* An entity's score at a node; NAN when missing. */
double		 cr_scores_score(const struct cr_scores *, int entity,
		    int node);
/*
 * An entity's rank at a node: 1 is best, ties share the lowest, 0 when
 * the score is missing.  Stored for aggregates and for leaves ranked
 * by cr_scores_rank_all(); otherwise counted, O(n_entities).
 */
int		 cr_scores_rank(const struct cr_scores *, int entity,
		    int node);
/*
 * The same, and in *ranked (when not NULL) the entities ranked at the
 * node, those with a score: O(n_entities), but one pass for both.
 */
int		 cr_scores_rank_among(const struct cr_scores *, int entity,
		    int node, size_t *ranked);
/*
 * Ranks every entity at the node and keeps a leaf's column until the
 * next full cr_score(), so that cr_scores_rank() reads it: for callers
 * that read the ranks of many entities at one node (sorting or
 * printing a ranking by a leaf).  Nothing to do for an aggregate.
 */
void		 cr_scores_rank_all(struct cr_scores *, int node);
/* Missing leaves beneath the node; for a leaf, 1 when its value is. */
int		 cr_scores_missing(const struct cr_scores *, int entity,
		    int node);
/* The least official provenance among the values beneath the node. */
enum cr_prov	 cr_scores_prov(const struct cr_scores *, int entity,
		    int node);

struct cr_scores *cr_scores_new(const struct cr_model *);
void		 cr_scores_free(struct cr_scores *);
/*
 * Full computation.  -1 and *cause when the scenario cannot be scored
 * (a weight out of range, a negative score under a geometric mean, a
 * value that is not finite); the results are then unspecified until
 * the next successful call.  Finite values always give finite scores.
 * The arrays are resized when entities were added since the last call.
 * Drops the leaf ranks kept so far: normalisation can change leaf scores.
 * Records each leaf's normalisation; by rank, stores the leaf scores.
 * Geometric aggregation: a child score of exactly 0 makes the aggregate
 * 0 (the limit of the weighted product: a zero is not compensated by
 * the other children), and a negative child score is an error.
 * Children with a zero weight or a missing score are left out and the
 * remaining weights rescaled; with none left the aggregate is missing.
 */
int		 cr_score(const struct cr_model *, const struct cr_scenario *,
		    struct cr_scores *, char **cause);
/*
 * After the weight of one node changed: re-aggregate only its parent
 * and the parent's ancestors, and re-rank those nodes.  The results are
 * bit for bit those of a full cr_score().  On error nothing changes.
 * Leaf scores do not depend on weights, so leaf ranks kept stay valid.
 * When entities were added since the last cr_score(), does a full one.
 */
int		 cr_score_weight_changed(const struct cr_model *,
		    const struct cr_scenario *, struct cr_scores *, int node,
		    char **cause);
/*
 * Keep only the ranks, for a baseline that is only compared by rank:
 * frees the scores and the aggregates' missing counts and provenance
 * (cr_scores_score(), cr_scores_missing() and cr_scores_prov() must not
 * be called on it); a later cr_score() reallocates them.
 *
 * A ranks-only result still answers cr_scores_rank() for every node.
 * Aggregates' ranks are stored.  A leaf's are computed from the model's
 * raw values normalised as by the cr_score() that produced the result
 * (leaf_norm is kept; by rank, the column is normalised again), never
 * borrowed from another result: in exact arithmetic every normalisation
 * is increasing in raw value x direction, but in floating point min-max
 * and z-score can round close values together (a tie that the raw
 * values and other methods do not have), so a leaf's ranks can differ
 * between two scenarios that normalise differently.
 */
void		 cr_scores_ranks_only(struct cr_scores *);
/* A new ranks-only copy, with the leaf rank columns kept so far. */
struct cr_scores *cr_scores_ranks_copy(const struct cr_scores *);
/* Sport ranks of n values: highest is 1; NAN gets 0.  Ties 1,2,2,4. */
void		 cr_rank(const double *v, size_t n, size_t stride, int *out,
		    size_t out_stride);

#endif
