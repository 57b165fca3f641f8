/*
 * The target solver: the smallest change of the weights at a level that
 * puts a unit at rank k or better, or above another unit; and the best
 * and worst rank each unit can reach.  Pure C (GLPK through lp.h); no
 * ncurses, no SQLite, no I/O.  The method is in doc/target.md.
 *
 * The level is one or more sibling groups: the children of each parent
 * in groups[] (the ranked node's children by default, the dimensions
 * when ranking by the index).  The variables are those children's
 * shares v_j of their parent; each group's shares sum to 1 and each is
 * at least the floor.  Every other weight stays as it is.  With them
 * fixed, a unit's score at the ranked node (its log under a geometric
 * mean) is affine in the shares (affine.h):
 *
 *	T(S_by) = konst + sum_j c_j v_j,  c_j = beta_g T(x_j)
 *
 * as long as the unit has a score for every varied child (the solver
 * refuses otherwise, naming one: with a child missing, the mean over
 * the others is a ratio, not affine).  "Unit X above Y" is then a linear
 * inequality in v with a margin eps; "rank k or better" asks that at
 * most k - 1 others stay strictly above, a binary per other unit
 * (beaten or not) with a big-M as tight as the floors allow; so rank k
 * and the reachable ranks are mixed-integer programmes and "above Y" a
 * linear one.  Distance is L1 (sum of |v_j - v0_j|) or L-infinity (the
 * largest |v_j - v0_j|), in shares.
 *
 * Every answer is re-scored through cr_score() with the new weights and
 * checked (rank = 1 + the units strictly higher) before it is returned;
 * if it does not hold, the margin is widened once, then it is an error.
 */
#ifndef CR_TARGET_H
#define CR_TARGET_H

#include <stddef.h>

#include "model.h"
#include "progress.h"
#include "score.h"

enum cr_tnorm { CR_TNORM_L1, CR_TNORM_LINF };

/* The default margins: a floor of 5% and 10 seconds a programme. */
#define CR_TARGET_FLOOR		0.05
#define CR_TARGET_SECONDS	10.0

struct cr_target_spec {
	int		 by;		/* the ranked node */
	const int	*groups;	/* parents whose children vary */
	size_t		 n_groups;
	double		 floor;		/* least share of each, 0 - 1 */
	enum cr_tnorm	 norm;
	double		 seconds;	/* time limit per programme */
};

/*
 * A --level argument: a node's code (its children vary), or a depth D
 * >= 1 (every node at depth D under the ranked node varies among its
 * siblings; the root is depth 0, the dimensions 1).  NULL: the ranked
 * node's children.  *groups malloc'd.  -1 and *cause when there is no
 * such node or depth, or it has no sibling group under by.
 */
int	cr_target_level(const struct cr_model *, int by, const char *spec,
	    int **groups, size_t *n, char **cause);

enum cr_target_status {
	CR_TARGET_FOUND,
	CR_TARGET_INFEASIBLE,	/* no weights within the floors can */
	CR_TARGET_UNKNOWN	/* the time ran out before an answer */
};

struct cr_target {
	enum cr_target_status status;
	int		 optimal;	/* proven optimal, or proven infeasible */
	double		 gap;		/* relative gap when not proven */
	double		 eps;		/* the margin used, in T(score) */
	size_t		 n;		/* the varied weights */
	int		*node;		/* n node ids, tree order */
	double		*from, *to;	/* shares of their parent, 0-1 */
	double		 distance;	/* L1 or L-infinity of to - from */
	int		 rank_from;	/* the unit's rank now */
	int		 rank_to;	/* re-scored with the new weights */
	struct cr_scenario *sc;		/* the new weights (FOUND) */
	struct cr_scores *scores;	/* cr_score() of sc (FOUND) */
	/* INFEASIBLE: the best rank the unit can reach, and if proven. */
	int		 best_rank;
	int		 best_optimal;
};

/*
 * 0 with *out filled (release with cr_target_clear()); -1 and *cause
 * for bad arguments (k < 1, unit = other, a floor the groups cannot
 * meet, a missing score at a varied child), a solver failure, or an
 * answer that re-scoring does not confirm.
 */
int	cr_target_rank(const struct cr_model *, const struct cr_scenario *,
	    const struct cr_scores *, const struct cr_target_spec *,
	    int unit, int k, struct cr_target *out, char **cause);
int	cr_target_above(const struct cr_model *, const struct cr_scenario *,
	    const struct cr_scores *, const struct cr_target_spec *,
	    int unit, int other, struct cr_target *out, char **cause);
void	cr_target_clear(struct cr_target *);

/*
 * The best and the worst rank each unit can reach within the floors
 * (0 for a unit without a score), each re-scored; *_optimal 0 when the
 * time limit stopped the search (the rank is then one reached, and the
 * bound may be better).
 */
struct cr_reach {
	int	 best, worst;
	int	 best_optimal, worst_optimal;
};

int	cr_target_range(const struct cr_model *, const struct cr_scenario *,
	    const struct cr_scores *, const struct cr_target_spec *,
	    struct cr_reach *out, cr_progress_fn progress, void *arg,
	    char **cause);

#endif
