/*
 * The first rows of a ranking without ranking the rest: the k largest
 * values found with a heap of k (one comparison a value, for most),
 * then only those sorted.  A weight change at 100,000 units shows about
 * twenty rows, and sorting all 100,000 for them took most of a key.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "top.h"
#include "xmalloc.h"

/*
 * Values equal to the k-th come too, so that every row's rank is
 * known; when they would be more than this many times k, a full sort
 * costs about as much.
 */
#define TOP_SLACK	4

/* A min-heap: its root is the k-th largest value seen so far. */
static void
sift_down(double *h, size_t k, size_t i)
{
	double	 x = h[i];
	size_t	 c;

	while ((c = 2 * i + 1) < k) {
		if (c + 1 < k && h[c + 1] < h[c])
			c++;
		if (!(h[c] < x))
			break;
		h[i] = h[c];
		i = c;
	}
	h[i] = x;
}

/* The k-th largest value but NAN into *kth; 0 when there are fewer. */
static int
kth_largest(const double *v, size_t n, size_t k, double *kth)
{
	double	*h;
	size_t	 i, j, m = 0;

	h = xreallocarray(NULL, k, sizeof(*h));
	for (i = 0; i < n; i++) {
		if (isnan(v[i]))
			continue;
		if (m < k) {
			h[m++] = v[i];
			if (m == k)
				for (j = k / 2; j-- > 0;)
					sift_down(h, k, j);
		} else if (v[i] > h[0]) {
			h[0] = v[i];
			sift_down(h, k, 0);
		}
	}
	*kth = m == k ? h[0] : NAN;
	free(h);
	return (m == k);
}

/* Larger first, then the lower position: cr_rank_order()'s order. */
static int
cmp_rows(const void *pa, const void *pb, void *arg)
{
	const double	*v = arg;
	int		 a = *(const int *)pa, b = *(const int *)pb;

	if (v[a] != v[b])
		return (v[a] > v[b] ? -1 : 1);
	return (a < b ? -1 : a > b);
}

size_t
cr_top_order(const double *v, size_t n, size_t k, int *order, int *rank,
    double *kth)
{
	size_t	 c = 0, i, j, t;
	double	 x;

	if (k == 0 || !kth_largest(v, n, k, &x))
		return (0);
	for (i = 0; i < n; i++)
		if (v[i] >= x && c++ >= TOP_SLACK * k)
			return (0);
	for (i = 0, c = 0; i < n; i++)
		if (v[i] >= x)
			order[c++] = (int)i;
	qsort_r(order, c, sizeof(*order), cmp_rows, (void *)v);
	/* A run of equal values ranks 1 + the rows above it. */
	for (i = 0; i < c; i = j) {
		for (j = i + 1; j < c && v[order[j]] == v[order[i]]; j++)
			;
		for (t = i; t < j; t++)
			rank[order[t]] = (int)i + 1;
	}
	*kth = x;
	return (c);
}
