/* Internal to core: leaf normalisation, shared by score.c and tests. */
#ifndef CR_NORMALIZE_H
#define CR_NORMALIZE_H

#include <stddef.h>

#include "model.h"
#include "score.h"

/*
 * Normalise n values in place (already multiplied by the direction).
 * NAN values stay NAN and take no part in the statistics.
 */
void	cr_norm_values(enum cr_norm, double lo, double hi, double *x,
	    size_t n);
/*
 * One leaf of the first n entities, times its direction and normalised,
 * into col[0..n).  Whole-column: the reference the scores computed one
 * value at a time (score.c) are tested against, and the only way to
 * normalise by rank.
 */
void	cr_normalize_leaf(const struct cr_model *, enum cr_norm, double lo,
	    double hi, size_t leaf, size_t n, double *col);
/* Every leaf, by cr_normalize_leaf(), into out[e * n_leaves + leaf]. */
void	cr_normalize(const struct cr_model *, enum cr_norm, double lo,
	    double hi, double *out);
/*
 * Each leaf's method (its own or the scenario's), its direction, and
 * for min-max its min and max, for z-score its mean and sd, of the
 * values times the direction (n_leaves); where those would over- or
 * underflow, of the values scaled by a power of two, which dir then
 * carries too (score.h); the goalposts, target or reference value of
 * the methods that take them.  -1 and a cause naming the leaf when a
 * parameter is missing or gives no distance (a target or a reference
 * at the worst value), or scores beyond the doubles.
 */
int	cr_norm_params(const struct cr_model *, const struct cr_scenario *,
	    struct cr_leaf_norm *, char **cause);
/* The same for every leaf by one method with min-max's range. */
void	cr_norm_params_all(const struct cr_model *, enum cr_norm, double lo,
	    double hi, struct cr_leaf_norm *);

#endif
