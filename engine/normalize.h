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
/* Every leaf of the model into norm[e * n_leaves + leaf]. */
/* Normalised leaf values go to their nodes' places in score[]. */
void	cr_normalize(const struct cr_model *, const struct cr_scenario *,
	    double *score);

#endif
