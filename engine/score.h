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
	/*
	 * COINr's n_goalposts: the share of the way from the low goalpost
	 * to the high one, clipped to the posts, times a scale (100):
	 * scale (x - lo) / (hi - lo), or for a lower-is-better leaf scale
	 * (hi - x) / (hi - lo).  The posts are in the leaf's raw units.
	 */
	CR_NORM_GOALPOSTS,
	/*
	 * COINr's n_dist2max, 0-100: 100 (1 - (max - v) / (max - min)), v
	 * the value times the direction; 50 when every value is the same.
	 */
	CR_NORM_DIST2MAX,
	/*
	 * COINr's n_dist2targ, 0-100 at the target: 100 (v - min) / (t -
	 * min), v and t the value and the target times the direction (for
	 * a lower-is-better leaf 100 (max - x) / (max - target)); above
	 * 100 past the target unless capped.
	 */
	CR_NORM_DIST2TARG,
	/*
	 * COINr's n_dist2ref, 100 at a reference unit: 100 (1 - (r - v) /
	 * (r - min)), r the unit's value times the direction; above 100
	 * past it unless capped.
	 */
	CR_NORM_DIST2REF,
	CR_NORM_COUNT
};

enum cr_agg {
	CR_AGG_ARITH,		/* weighted arithmetic mean */
	CR_AGG_GEOM,		/* weighted geometric mean */
	/* weighted harmonic mean, W / sum(w / x); 0 when a score is 0 */
	CR_AGG_HARM,
	/*
	 * The generalised (power) mean, (sum(w x^p) / W)^(1/p): p = 1 the
	 * arithmetic mean, p = 0 (the limit) the geometric, p = -1 the
	 * harmonic.  Scores >= 0 unless p = 1; with p <= 0 a score of 0
	 * makes the mean 0, as for the geometric and harmonic means.
	 */
	CR_AGG_POWER,
	/*
	 * Copeland (outranking, COINr's a_copeland): a unit's score is the
	 * number of other units it beats minus the number that beat it,
	 * one unit beating another when the children on which it scores
	 * higher weigh more than those on which it scores lower (of the
	 * children both have a score for; weights equal within rounding
	 * are a tie).  A count from -(n - 1) to n - 1 among the n units
	 * with a score, not a 0-100 scale.  O(n^2) comparisons a child.
	 */
	CR_AGG_COPELAND,
	CR_AGG_COUNT
};

/* No exponent of a power mean beyond this: x^p would overflow. */
#define CR_POWER_MAX	100

/*
 * The parameters of the normalisations that take more than a range.
 * NAN goalposts or target: the data set's own for the leaf (cr_node).
 */
struct cr_norm_par {
	double		 lo, hi;	/* goalposts, raw units, lo < hi */
	double		 scale;		/* goalposts: score at the best post */
	double		 target;	/* dist2targ, raw units */
	int		 cap;		/* dist2targ, dist2ref: at most 100 */
	char		*ref;		/* dist2ref: the unit's code */
};

/* A normalisation with its parameters, as one leaf is given it. */
struct cr_norm_spec {
	enum cr_norm	 method;
	double		 lo, hi;	/* min-max target range */
	struct cr_norm_par par;
};

/* An aggregation with its parameter. */
struct cr_agg_spec {
	enum cr_agg	 method;
	double		 p;		/* CR_AGG_POWER's exponent */
};

/*
 * Weights are relative, so nothing needs them huge; bounding them (and
 * min-max ranges) keeps every sum and product finite.
 */
#define CR_WEIGHT_MAX	1e9
#define CR_RANGE_MAX	1e9

/*
 * The methods: norm (with norm_lo, norm_hi and norm_par) for every leaf
 * not given one of its own in leaf_norm, agg (with agg_p) at every
 * depth not given one in level_agg.  A depth is the aggregate node's,
 * whose children it combines: 0 the index, 1 the dimensions.
 */
struct cr_scenario {
	char		*name;
	double		*weight;	/* n_nodes, relative within a parent */
	unsigned char	*locked;	/* n_nodes, for the UI; scoring ignores */
	enum cr_norm	 norm;
	double		 norm_lo, norm_hi;	/* min-max target range */
	enum cr_agg	 agg;
	struct cr_norm_par norm_par;
	double		 agg_p;
	/* NULL, or n_leaf_norm (the model's n_leaves): method CR_NORM_COUNT
	 * where the leaf has none */
	struct cr_norm_spec *leaf_norm;
	size_t		 n_leaf_norm;
	/* n_levels, by depth: method CR_AGG_COUNT where the depth has none */
	struct cr_agg_spec *level_agg;
	size_t		 n_levels;
};

const char	*cr_norm_name(enum cr_norm);
/*
 * A normalisation without parameters beyond min-max's range; -1 and a
 * cause for one that needs them (cr_norm_spec_parse() reads those).
 */
int		 cr_norm_parse(const char *, enum cr_norm *, double *lo,
		    double *hi, char **cause);
/* A method that needs the whole column ranked: rank, prank, borda. */
int		 cr_norm_ranked(enum cr_norm);
const char	*cr_agg_name(enum cr_agg);
/* An aggregation without a parameter (not power:P). */
int		 cr_agg_parse(const char *, enum cr_agg *, char **cause);
/*
 * The analyses that solve for weights (target, stability, flips, the
 * Monte Carlo's aggregation) know the arithmetic and geometric means
 * only: 0 for those, else -1 and a cause naming what, for the others.
 * cr_scenario_solvable() checks every depth of a scenario.
 */
int		 cr_agg_solvable(enum cr_agg, const char *what, char **cause);

/*
 * Methods as text (methods.c), as --normalize and --aggregate take them
 * and scenario files store them:
 *	none, minmax[:LO:HI], zscore, rank, prank, borda, fracmax,
 *	goalposts[:LO:HI[:SCALE]], dist2max, dist2targ[:TARGET][:cap],
 *	dist2ref:UNIT[:cap]
 *	arith, geom, harm, power:P, copeland
 * Parsing fills a spec whose ref the caller frees (cr_norm_spec_clear);
 * on error the spec is unchanged.  Formatting gives the shortest text
 * that parses back to the same spec (minmax always with its range).
 */
void		 cr_norm_par_init(struct cr_norm_par *);
void		 cr_norm_par_clear(struct cr_norm_par *);
void		 cr_norm_par_copy(struct cr_norm_par *,
		    const struct cr_norm_par *);
void		 cr_norm_spec_init(struct cr_norm_spec *);
void		 cr_norm_spec_clear(struct cr_norm_spec *);
void		 cr_norm_spec_copy(struct cr_norm_spec *,
		    const struct cr_norm_spec *);
int		 cr_norm_spec_parse(const char *, struct cr_norm_spec *,
		    char **cause);
char		*cr_norm_spec_format(const struct cr_norm_spec *);
/* The same method with the same parameters (those it reads). */
int		 cr_norm_spec_equal(const struct cr_norm_spec *,
		    const struct cr_norm_spec *);
/* 1 when the method and its parameters are ones a scenario may hold. */
int		 cr_norm_spec_valid(const struct cr_norm_spec *);
int		 cr_agg_spec_parse(const char *, struct cr_agg_spec *,
		    char **cause);
char		*cr_agg_spec_format(const struct cr_agg_spec *);
int		 cr_agg_spec_equal(const struct cr_agg_spec *,
		    const struct cr_agg_spec *);
int		 cr_agg_spec_valid(const struct cr_agg_spec *);
/* A scenario file of format 1 can say it: no parameter beyond minmax's. */
int		 cr_norm_spec_v1(const struct cr_norm_spec *);
int		 cr_agg_spec_v1(const struct cr_agg_spec *);

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
 * The scenario's methods (methods.c).  The global normalisation as a
 * spec (its ref borrowed from the scenario), and set from one (copied).
 */
void		 cr_scenario_norm(const struct cr_scenario *,
		    struct cr_norm_spec *);
void		 cr_scenario_set_norm(struct cr_scenario *,
		    const struct cr_norm_spec *);
/* A leaf's normalisation, its own or the global one (ref borrowed). */
void		 cr_scenario_leaf_norm(const struct cr_scenario *, size_t leaf,
		    struct cr_norm_spec *);
void		 cr_scenario_agg(const struct cr_scenario *,
		    struct cr_agg_spec *);
void		 cr_scenario_set_agg(struct cr_scenario *,
		    const struct cr_agg_spec *);
/* The aggregation of the children of an aggregate node. */
void		 cr_scenario_node_agg(const struct cr_model *,
		    const struct cr_scenario *, int node,
		    struct cr_agg_spec *);
/* Give a leaf its own method (NULL: the global one again). */
void		 cr_scenario_set_leaf_norm(const struct cr_model *,
		    struct cr_scenario *, size_t leaf,
		    const struct cr_norm_spec *);
/* Give a depth its own aggregation (NULL: the global one again). */
void		 cr_scenario_set_level_agg(struct cr_scenario *, size_t depth,
		    const struct cr_agg_spec *);
/* Leaves with a method of their own, depths with an aggregation. */
size_t		 cr_scenario_n_leaf_norms(const struct cr_scenario *,
		    const struct cr_model *);
size_t		 cr_scenario_n_level_aggs(const struct cr_scenario *);
/* Drop every leaf's and depth's own method. */
void		 cr_scenario_clear_overrides(struct cr_scenario *);
/* The same methods at every leaf and node (weights aside). */
int		 cr_scenario_same_methods(const struct cr_model *,
		    const struct cr_scenario *, const struct cr_scenario *);
/* The same methods held the same way, every parameter bit for bit. */
int		 cr_scenario_methods_identical(const struct cr_scenario *,
		    const struct cr_scenario *);
/* Copy the methods, overrides included, from another scenario. */
void		 cr_scenario_copy_methods(const struct cr_model *,
		    struct cr_scenario *, const struct cr_scenario *);
/*
 * "CODE=METHOD,CODE=METHOD": leaves' own normalisations (a code of an
 * aggregate gives every leaf beneath it the method).  "DEPTH=METHOD,...":
 * depths' own aggregations, a depth that has an aggregate node.  Both
 * all or nothing: on error the scenario is unchanged.
 */
int		 cr_scenario_parse_leaf_norms(const struct cr_model *,
		    struct cr_scenario *, const char *spec, char **cause);
int		 cr_scenario_parse_level_aggs(const struct cr_model *,
		    struct cr_scenario *, const char *spec, char **cause);
/*
 * The analyses that solve for weights: one aggregation at every depth
 * that has an aggregate, the arithmetic or the geometric mean; else -1
 * and a cause that names what and the method in the way.
 */
int		 cr_scenario_solvable(const struct cr_model *,
		    const struct cr_scenario *, const char *what, char **cause);
/* The aggregation used at every depth, or -1 when depths differ. */
int		 cr_scenario_uniform_agg(const struct cr_model *,
		    const struct cr_scenario *, struct cr_agg_spec *);
/*
 * The methods for people: "minmax:0:100 arith", with "+N leaves" and
 * the depths' own ("1=geom") when there are.
 */
char		*cr_scenario_methods_label(const struct cr_model *,
		    const struct cr_scenario *);

/*
 * How one leaf's values are normalised, recorded by cr_score(): the
 * value is raw x dir, then for min-max lo + (v - a) / (b - a) * (hi -
 * lo) with a the min and b the max (the middle of the range when they
 * are equal), for z-score (v - a) / b with a the mean and b the sd (0
 * when the sd is not positive), for none v itself.  Where the range or
 * the sums would over- or underflow, dir carries a power of two that
 * scales the values, and a and b are those of the values scaled
 * (normalize.c): any finite values give finite scores.
 *
 * Goalposts: c (v - a) / (b - a) clipped to [0, c], a and b the posts
 * times dir in order, c the scale.  Distance to the maximum: a and b
 * the min and max, as min-max.  To a target or a reference unit: a and
 * b the min and max, c the target or the unit's value, times dir.
 */
struct cr_leaf_norm {
	enum cr_norm	 method;
	double		 dir;	/* the node's direction, times any scale */
	double		 a, b;	/* min and max, or mean and sd */
	double		 c;	/* goalposts' scale, target, reference */
	double		 lo, hi;	/* min-max's range */
	int		 cap;	/* dist2targ, dist2ref: at most 100 */
};

/*
 * Results.  Scores, ranks, missing counts and provenance are read
 * through the accessors below, never the arrays, because only the
 * aggregates' scores and ranks are stored (a column an aggregate, at
 * the node's agg slot), and an aggregate's missing count and
 * provenance are counted from the unit's values when ent_fact does not
 * answer them.
 *
 * A leaf's score is computed when read, from the model's raw value and
 * the leaf's normalisation (leaf_norm), by the arithmetic of the
 * whole-column normalisation (normalize.c), so it is bit for bit the
 * number that would have been stored: at 10,000 entities x 200 leaves
 * storing them took 16 MB, and filling that with NAN a fifth of the
 * time to open the file.  Rank normalisation is not a map of one value
 * (a percentile needs the whole column), so while a leaf uses it that
 * leaf value's average rank is stored: leaf_rank2, twice the
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
	/*
	 * The global normalisation of the last cr_score(); each leaf's
	 * own, that it was scored by, is in leaf_norm.
	 */
	enum cr_norm	 norm;
	double		 norm_lo, norm_hi;
	struct cr_leaf_norm *leaf_norm;	/* n_leaves */
	/* When a leaf is normalised by cr_norm_ranked(), else NULL. */
	uint32_t	*leaf_rank2;
	int		*agg;		/* n_nodes: agg slot, -1 for a leaf */
	/*
	 * The aggregates' arrays hold a column an aggregate, n_entities
	 * long, one after the other: ranking an aggregate and scoring it
	 * read and write one stretch of memory.
	 */
	double		*agg_score;	/* n_aggs * n_entities; NAN missing */
	/*
	 * n_aggs * n_entities, valid where agg_stale is 0: an aggregate is
	 * ranked when its ranks are first read after it changed, so that
	 * a weight change ranks only what is looked at.
	 */
	uint64_t	*agg_rank;
	/*
	 * agg_rank's columns hold a rank in rank_bits bits (bitcol.h), 17
	 * at 84,000 units, half of an int; a column is rank_words words.
	 */
	unsigned	 rank_bits;
	size_t		 rank_words;
	/*
	 * n_aggs: 0 ranked, else waiting; 2 when cr_scores_top() ranked
	 * the entities scoring agg_top[] or more, and those ranks stand;
	 * in a lazy ranks copy, 3 when they are its original's, read
	 * there (cr_scores_ranks_copy()).
	 */
	unsigned char	*agg_stale;
	double		*agg_top;	/* n_aggs */
	/*
	 * Missing counts and provenance beneath an aggregate do not depend
	 * on the weights and are not kept an aggregate (five bytes each a
	 * unit were a third of the SVI's memory above its values): a byte
	 * a unit says whether any of its values is missing and whether
	 * they share one provenance (ent_fact, FACT_* in score.c), and only a
	 * unit that has a missing value or mixes provenances has the
	 * leaves beneath the node counted when asked.
	 */
	unsigned char	*ent_fact;	/* n_entities */
	int		*agg_leaf;	/* each aggregate's leaves in turn */
	size_t		*agg_leaf_at;	/* n_aggs + 1: where they start */
	int		**leaf_rank;	/* n_leaves, NULL until ranked */
	/*
	 * A full score of this many entities or more shares the
	 * aggregation with a second thread; 0 for 20,000 (tests set it
	 * lower, on the scores they score).
	 */
	size_t		 thread_min;
	/* Bumped by every change to agg_score: a lazy copy checks it. */
	unsigned long	 gen;
	/* n_aggs: the gen of each aggregate's last change. */
	unsigned long	*agg_gen;
	/*
	 * A lazy ranks copy (cr_scores_ranks_copy()) reads the ranks of
	 * its shared aggregates in src, which were as at gen src_gen
	 * while src's agg_gen says they did not change since; NULL once
	 * settled.
	 */
	const struct cr_scores *src;
	unsigned long	 src_gen;
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
/*
 * Whether an entity's rank at the node is kept (an aggregate's, or a
 * leaf ranked by cr_scores_rank_all()), not counted over every entity.
 */
int		 cr_scores_rank_kept(const struct cr_scores *, int node);
/*
 * Every entity in rank order at the node into order (n_entities): rank
 * 1 first, ties in entity order, the missing last.  An aggregate that
 * waits to be ranked gets the order from the same sort as its ranks.
 */
void		 cr_scores_order(struct cr_scores *, int node, int *order);
/*
 * The first k or more entities of cr_scores_order() into order
 * (n_entities long), ranked, without ranking the rest: for a screen of
 * a ranking after a weight change.  cr_scores_rank() then reads their
 * ranks; any other rank at the node ranks it all.  Returns how many
 * entities it put: n_entities when it ranked all (a leaf, a node
 * ranked already, k not much less than n_entities, ties).
 */
size_t		 cr_scores_top(struct cr_scores *, int node, size_t k,
		    int *order);
/*
 * An aggregate's scores as kept, n_entities long, NAN where missing,
 * valid until the scores change; NULL for a leaf (computed when read)
 * and for a ranks-only copy.
 */
const double	*cr_scores_column(const struct cr_scores *, int node);
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
 * frees the aggregates' missing counts and provenance, and their scores
 * once every aggregate is ranked (until then they are kept to rank from
 * when read: a baseline is asked for the ranks of one node or two, and
 * ranking all 23 aggregates at 100,000 units took 100 ms of an open).
 * cr_scores_score(), cr_scores_missing() and cr_scores_prov() must not
 * be called on it; a later cr_score() reallocates what they read.
 *
 * A ranks-only result still answers cr_scores_rank() for every node.
 * Aggregates' ranks are stored or computed on first read.  A leaf's are computed from the model's
 * raw values normalised as by the cr_score() that produced the result
 * (leaf_norm is kept; by rank, the column is normalised again), never
 * borrowed from another result: in exact arithmetic every normalisation
 * is increasing in raw value x direction, but in floating point min-max
 * and z-score can round close values together (a tie that the raw
 * values and other methods do not have), so a leaf's ranks can differ
 * between two scenarios that normalise differently.
 */
void		 cr_scores_ranks_only(struct cr_scores *);
/*
 * A new ranks-only copy, with the leaf rank columns kept so far.  It
 * keeps no scores and, at first, no ranks: an aggregate's are read in
 * the original, which ranks it when first read, until the copy is
 * settled, which makes them its own (a baseline copied at open is
 * read at one node, and kept a whole column of ranks an aggregate: a
 * MB at 84,000 units).  So the original must not be freed first, and
 * must not change an aggregate the copy shares until
 * cr_scores_ranks_settle() or cr_scores_ranks_settle_node() made it
 * the copy's own; reading an aggregate the original changed aborts.
 */
struct cr_scores *cr_scores_ranks_copy(const struct cr_scores *);
/* Makes every aggregate the copy's own; then it is free of the original. */
void		 cr_scores_ranks_settle(struct cr_scores *);
/*
 * Makes the aggregates above node the copy's own: those that
 * cr_score_weight_changed() at node changes.  The rest stay shared.
 */
void		 cr_scores_ranks_settle_node(struct cr_scores *, int node);
/* Makes node's ranks, an aggregate's, the copy's own now. */
void		 cr_scores_ranks_own(struct cr_scores *, int node);
/* Sport ranks of n values: highest is 1; NAN gets 0.  Ties 1,2,2,4. */
void		 cr_rank(const double *v, size_t n, size_t stride, int *out,
		    size_t out_stride);
/*
 * The same, and the positions in rank order into order (room for n):
 * rank 1 first, ties in ascending position, the NAN positions last.
 */
void		 cr_rank_order(const double *v, size_t n, size_t stride,
		    int *out, size_t out_stride, int *order);
/*
 * The same into a packed column of w-bit ranks (bitcol.h), with no
 * column of ints on the way; order may be NULL.
 */
void		 cr_rank_bits(const double *v, size_t n, size_t stride,
		    uint64_t *col, unsigned w, int *order);
/* The positions of ranks (0 last) in that order: a counting sort. */
void		 cr_order_from_ranks(const int *rank, size_t n, size_t stride,
		    int *order);

#endif
