/*
 * Statistics for comparing two measures across entities.  Two passes
 * (means first, then centred sums) keep the sums accurate when values
 * are large and close together, as per-capita GDP is.
 */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "score.h"
#include "stats.h"
#include "xmalloc.h"

struct sums {
	size_t	 n;
	double	 mx, my;
	double	 sxx, syy, sxy;
};

static void
centred_sums(const double *x, const double *y, size_t n, struct sums *s)
{
	double	 dx, dy;
	size_t	 i;

	s->n = 0;
	s->mx = s->my = s->sxx = s->syy = s->sxy = 0;
	for (i = 0; i < n; i++) {
		if (isnan(x[i]) || isnan(y[i]))
			continue;
		s->mx += x[i];
		s->my += y[i];
		s->n++;
	}
	if (s->n == 0)
		return;
	s->mx /= (double)s->n;
	s->my /= (double)s->n;
	for (i = 0; i < n; i++) {
		if (isnan(x[i]) || isnan(y[i]))
			continue;
		dx = x[i] - s->mx;
		dy = y[i] - s->my;
		s->sxx += dx * dx;
		s->syy += dy * dy;
		s->sxy += dx * dy;
	}
}

double
cr_pearson(const double *x, const double *y, size_t n)
{
	struct sums	 s;
	double		 r;

	centred_sums(x, y, n, &s);
	if (s.n < 2 || s.sxx == 0 || s.syy == 0)
		return NAN;
	r = s.sxy / sqrt(s.sxx * s.syy);
	/* Rounding must not push a perfect correlation past 1. */
	return fmax(-1, fmin(1, r));
}

double
cr_spearman(const double *x, const double *y, size_t n)
{
	double	*kx, *ky, *rx, *ry, r;
	size_t	 i, k = 0;

	kx = xreallocarray(NULL, n, sizeof(*kx));
	ky = xreallocarray(NULL, n, sizeof(*ky));
	rx = xreallocarray(NULL, n, sizeof(*rx));
	ry = xreallocarray(NULL, n, sizeof(*ry));
	/* Rank only the kept pairs, so both rankings run over the same set. */
	for (i = 0; i < n; i++) {
		if (isnan(x[i]) || isnan(y[i]))
			continue;
		kx[k] = x[i];
		ky[k] = y[i];
		k++;
	}
	cr_avg_ranks(kx, k, rx);
	cr_avg_ranks(ky, k, ry);
	r = cr_pearson(rx, ry, k);
	free(kx);
	free(ky);
	free(rx);
	free(ry);
	return r;
}

int
cr_linfit(const double *x, const double *y, size_t n, struct cr_fit *fit)
{
	struct sums	 s;

	centred_sums(x, y, n, &s);
	fit->n = s.n;
	if (s.n < 2 || s.sxx == 0)
		return -1;
	fit->b = s.sxy / s.sxx;
	fit->a = s.my - fit->b * s.mx;
	/* With no spread in y there is nothing to explain: r2 is NAN. */
	fit->r2 = s.syy == 0 ? NAN : s.sxy * s.sxy / (s.sxx * s.syy);
	return 0;
}

struct item {
	double	 v;
	size_t	 i;
};

#define RUN	16

/*
 * A stable bottom-up merge sort by value.  Ranking sorts every node of
 * 100,000 entities; inlined comparisons make that several times faster
 * than qsort().  NAN must have been left out.
 */
static void
sort_items(struct item *a, size_t n)
{
	struct item	*tmp, *src, *dst, *swap, t;
	size_t		 i, j, k, lo, mid, hi, w;

	for (lo = 0; lo < n; lo += RUN) {
		hi = lo + RUN < n ? lo + RUN : n;
		for (i = lo + 1; i < hi; i++) {
			t = a[i];
			for (j = i; j > lo && a[j - 1].v > t.v; j--)
				a[j] = a[j - 1];
			a[j] = t;
		}
	}
	if (n <= RUN)
		return;
	tmp = xreallocarray(NULL, n, sizeof(*tmp));
	src = a;
	dst = tmp;
	for (w = RUN; w < n; w *= 2) {
		for (lo = 0; lo < n; lo += 2 * w) {
			mid = lo + w < n ? lo + w : n;
			hi = lo + 2 * w < n ? lo + 2 * w : n;
			i = lo;
			j = mid;
			for (k = lo; k < hi; k++) {
				if (i < mid &&
				    (j >= hi || src[i].v <= src[j].v))
					dst[k] = src[i++];
				else
					dst[k] = src[j++];
			}
		}
		swap = src;
		src = dst;
		dst = swap;
	}
	if (src != a)
		memcpy(a, src, n * sizeof(*a));
	free(tmp);
}

/* The values that are not NAN, with their positions, sorted. */
static size_t
sorted_items(const double *v, size_t n, size_t stride, struct item **out)
{
	struct item	*it;
	size_t		 i, k = 0;

	it = xreallocarray(NULL, n, sizeof(*it));
	for (i = 0; i < n; i++) {
		if (!isnan(v[i * stride])) {
			it[k].v = v[i * stride];
			it[k].i = i;
			k++;
		}
	}
	sort_items(it, k);
	*out = it;
	return k;
}

/*
 * Sport ranks live here with the average ranks: both are one sort.
 * A run of equal values at ascending positions i..j-1 of k is beaten
 * by the k - j values above it, so all of it ranks k - j + 1.
 */
void
cr_rank(const double *v, size_t n, size_t stride, int *out,
    size_t out_stride)
{
	struct item	*it;
	size_t		 i, j, t, k;

	for (i = 0; i < n; i++)
		out[i * out_stride] = 0;
	k = sorted_items(v, n, stride, &it);
	for (i = 0; i < k; i = j) {
		for (j = i + 1; j < k && it[j].v == it[i].v; j++)
			;
		for (t = i; t < j; t++)
			out[it[t].i * out_stride] = (int)(k - j + 1);
	}
	free(it);
}

void
cr_avg_ranks(const double *v, size_t n, double *out)
{
	struct item	*it;
	size_t		 i, j, t, k;
	double		 r;

	for (i = 0; i < n; i++)
		out[i] = NAN;
	k = sorted_items(v, n, 1, &it);
	for (i = 0; i < k; i = j) {
		for (j = i + 1; j < k && it[j].v == it[i].v; j++)
			;
		/* Positions i..j-1 hold ranks i+1..j; their mean is exact. */
		r = ((double)(i + 1) + (double)j) / 2;
		for (t = i; t < j; t++)
			out[it[t].i] = r;
	}
	free(it);
}
