/*
 * The power mean and Copeland's outranking count (aggregate.h).
 */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>

#include "aggregate.h"
#include "xmalloc.h"

int
cr_power_mean(const double *x, const double *w, size_t k, double p,
    double *out, size_t *bad)
{
	double	 lo = INFINITY, hi = -INFINITY, ref, sum = 0, wsum = 0, v;
	size_t	 i;

	for (i = 0; i < k; i++) {
		if (x[i] < 0) {
			*bad = i;
			return -1;
		}
		lo = fmin(lo, x[i]);
		hi = fmax(hi, x[i]);
		wsum += w[i];
	}
	if (k == 0) {
		*out = NAN;
		return 0;
	}
	/* The limit: a 0 under a negative power is an infinite term. */
	if (p < 0 && lo == 0) {
		*out = 0;
		return 0;
	}
	if (hi == 0) {
		*out = 0;
		return 0;
	}
	ref = p > 0 ? hi : lo;
	for (i = 0; i < k; i++)
		sum += w[i] / wsum * pow(x[i] / ref, p);
	v = ref * pow(sum, 1 / p);
	*out = fmin(hi, fmax(lo, v));
	return 0;
}

/*
 * Unit u against every later unit v, a column at a time: acc[v] gains
 * the column's weight where u is higher, loses it where u is lower, and
 * neither where either value is missing (a comparison with NAN is
 * false).  Contiguous in v, and written as two selects, not a
 * conditional expression of comparisons, so that it compiles without a
 * branch: on real data each comparison is a coin toss, and the branchy
 * form ran four times slower.
 */
static void
weigh_column(const double *restrict col, double xu, double wc, size_t from,
    size_t n, double *restrict acc)
{
	double	 d, t, nwc = -wc;
	size_t	 v;

	for (v = from; v < n; v++) {
		d = col[v];
		t = xu > d ? wc : 0;
		t = xu < d ? nwc : t;
		acc[v] += t;
	}
}

/*
 * A unit with no score anywhere is level with everyone.  Sums within
 * rounding of 0 (1e-12 of the total weight) are ties, as sums of thirds
 * or tenths are.
 */
static void
against_later(const double *x, const double *w, size_t k, size_t n,
    size_t u, double tol, double *acc, long *net)
{
	double	 xu;
	size_t	 v, c;
	int	 s;

	for (v = u + 1; v < n; v++)
		acc[v] = 0;
	for (c = 0; c < k; c++)
		if (!isnan(xu = x[c * n + u]))
			weigh_column(x + c * n, xu, w[c], u + 1, n, acc);
	for (v = u + 1; v < n; v++) {
		s = (acc[v] > tol) - (acc[v] < -tol);
		net[u] += s;
		net[v] -= s;
	}
}

void
cr_copeland(const double *x, const double *w, size_t k, size_t n,
    double *out)
{
	double		*acc, total = 0;
	size_t		 u, c;
	long		*net;
	unsigned char	*has;

	net = xcalloc(n + 1, sizeof(*net));
	has = xcalloc(n + 1, 1);
	acc = xcalloc(n + 1, sizeof(*acc));
	for (c = 0; c < k; c++) {
		total += w[c];
		for (u = 0; u < n; u++)
			has[u] |= !isnan(x[c * n + u]);
	}
	for (u = 0; u < n; u++)
		if (has[u])
			against_later(x, w, k, n, u, 1e-12 * total, acc, net);
	for (u = 0; u < n; u++)
		out[u] = has[u] ? (double)net[u] : NAN;
	free(acc);
	free(net);
	free(has);
}
