/*
 * Internal to core: the aggregations that are more than a weighted sum
 * in one pass, shared by score.c and the tests.
 */
#ifndef CR_AGGREGATE_H
#define CR_AGGREGATE_H

#include <stddef.h>

/*
 * The weighted power mean of k values with weights > 0, p finite and
 * not 0, 1 or -1 (score.c takes those by the geometric, arithmetic and
 * harmonic means): (sum(w x^p) / W)^(1/p).  Every value must be >= 0
 * (else -1 and *bad the first negative one's index); with p < 0 a 0
 * makes the mean 0.  Computed on the values divided by the largest
 * (p > 0) or the least (p < 0), so that no power overflows, and
 * bounded by the least and the largest value, which rounding may pass
 * by an ulp.
 */
int	cr_power_mean(const double *x, const double *w, size_t k, double p,
	    double *out, size_t *bad);

/*
 * Copeland scores of n units from k columns: x[c * n + u] is unit u's
 * score in column c (NAN missing), w[c] > 0 the column's weight.  Unit
 * u beats v when the columns where it scores higher weigh more than
 * those where it scores lower, of the columns both have a score in
 * (weights equal within 1e-12 of their total are a tie: rounding does
 * not decide); out[u] = wins - losses over the other units with a
 * score in some column, NAN for a unit with none.  O(n^2 k), a column
 * at a time.
 */
void	cr_copeland(const double *x, const double *w, size_t k, size_t n,
	    double *out);

#endif
