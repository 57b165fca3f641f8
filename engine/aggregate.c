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

void
cr_copeland(const double *x, const double *w, size_t k, size_t n,
    double *out)
{
	const double	*a, *b;
	double		 more, less;
	size_t		 u, v, c;
	long		*net;
	unsigned char	*has;

	net = xcalloc(n + 1, sizeof(*net));
	has = xcalloc(n + 1, 1);
	for (c = 0; c < k; c++)
		for (u = 0; u < n; u++)
			if (!isnan(x[c * n + u]))
				has[u] = 1;
	for (u = 0; u < n; u++) {
		if (!has[u])
			continue;
		for (v = u + 1; v < n; v++) {
			if (!has[v])
				continue;
			/* One sum each way, so u beats v iff v loses to u. */
			more = less = 0;
			for (c = 0; c < k; c++) {
				a = &x[c * n + u];
				b = &x[c * n + v];
				if (*a > *b)
					more += w[c];
				else if (*a < *b)
					less += w[c];
			}
			if (more > less) {
				net[u]++;
				net[v]--;
			} else if (less > more) {
				net[u]--;
				net[v]++;
			}
		}
	}
	for (u = 0; u < n; u++)
		out[u] = has[u] ? (double)net[u] : NAN;
	free(net);
	free(has);
}
