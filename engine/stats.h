/* Statistics for comparing two measures across entities. */
#ifndef CR_STATS_H
#define CR_STATS_H

#include <stddef.h>

/*
 * Pairs where either value is NAN are skipped.  Each function returns
 * NAN when fewer than two pairs remain or a variance is zero.
 */
double	cr_pearson(const double *x, const double *y, size_t n);
/* Pearson correlation of the average ranks (ties averaged). */
double	cr_spearman(const double *x, const double *y, size_t n);

struct cr_fit {
	double	a, b;		/* y = a + b x */
	double	r2;
	size_t	n;		/* pairs used */
};
/*
 * Least squares; -1 when fewer than two pairs or x has no spread.
 * r2 is NAN when y has no spread.
 */
int	cr_linfit(const double *x, const double *y, size_t n, struct cr_fit *);
/* Average ranks, 1 = smallest, ties share the mean rank; NAN stays NAN. */
void	cr_avg_ranks(const double *v, size_t n, double *out);

#endif
