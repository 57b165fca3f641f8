/* Statistics for comparing two measures across entities. */
#ifndef CR_STATS_H
#define CR_STATS_H

#include <stddef.h>

/*
 * Pairs where either value is NAN are skipped.  Each function returns
 * NAN when fewer than two pairs remain or either side has no spread
 * (all its values equal): cr_corr_undefined() says which.  Any finite
 * values give a number otherwise: values too large or too small to
 * square are scaled first.
 */
double	cr_pearson(const double *x, const double *y, size_t n);
/* Pearson correlation of the average ranks (ties averaged). */
double	cr_spearman(const double *x, const double *y, size_t n);
/*
 * NULL when the correlations of the pairs, and the r2 of a line through
 * them, are numbers; else why not, for the caller to show in their
 * place: "fewer than two points", "no spread in x" or "no spread in y".
 */
const char *cr_corr_undefined(const double *x, const double *y, size_t n);

struct cr_fit {
	double	a, b;		/* y = a + b x */
	double	r2;
	size_t	n;		/* pairs used */
	/*
	 * NULL when the line and r2 are numbers.  Else why not: with -1
	 * there is no line, a, b and r2 are NAN; with 0 the line is flat
	 * ("no spread in y") and only r2 is NAN.
	 */
	const char *undefined;
};
/*
 * Least squares; -1 when fewer than two pairs, x has no spread, or the
 * slope or intercept is beyond the doubles.  With no spread in y the
 * line is y = that value and r2 is NAN.
 */
int	cr_linfit(const double *x, const double *y, size_t n, struct cr_fit *);
/*
 * Average ranks, 1 = smallest, ties share the mean rank; NAN stays NAN.
 * out may be v: the values are ranked in place.
 */
void	cr_avg_ranks(const double *v, size_t n, double *out);

/*
 * For sums of squares: the power of two to scale values by, given the
 * largest magnitude among them, so that no sum over- or underflows.  0
 * for ordinary data (2^-200 to 2^200), which is computed as it always
 * was; beyond, the one that brings the largest near 1.  Scaling by a
 * power of two is exact, but for results below 2^-1022, far beneath
 * the largest value.
 */
int	cr_scale_exp(double max);

#endif
