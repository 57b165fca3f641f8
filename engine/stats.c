/*
 * Statistics for comparing two measures across entities.  Two passes
 * (means first, then centred sums) keep the sums accurate when values
 * are large and close together, as per-capita GDP is.
 */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bitcol.h"
#include "radix.h"
#include "score.h"
#include "stats.h"
#include "xmalloc.h"

/*
 * Values are scaled by 2^ex and 2^ey (cr_scale_exp()) before the sums;
 * flat_x and flat_y say that every kept value was the same.
 */
struct sums {
	size_t	 n;
	double	 mx, my;
	double	 sxx, syy, sxy;
	int	 ex, ey;
	int	 flat_x, flat_y;
};

/*
 * Sums of squares of values from 2^-200 to 2^200 in magnitude, and the
 * product of two such sums, stay normal doubles for any count of values
 * a machine can hold.
 */
#define SCALE_FREE	200

int
cr_scale_exp(double max)
{
	int	 e;

	if (!(max > 0) || isinf(max))
		return 0;
	e = ilogb(max);
	if (e >= -SCALE_FREE && e <= SCALE_FREE)
		return 0;
	/* 2^1074 is no double; 2^1023 brings the least to 2^-51. */
	return e < -1023 ? 1023 : -e;
}

/*
 * The kept pairs' count, whether each side is flat, and the scales.
 * Flat is judged on the values themselves: the mean of three 0.1s is
 * not 0.1 in floating point, and deviations of rounding noise are no
 * spread.
 */
static void
scan_pairs(const double *x, const double *y, size_t n, struct sums *s)
{
	double	 ax = 0, ay = 0, x0 = 0, y0 = 0;
	size_t	 i;

	s->n = 0;
	s->flat_x = s->flat_y = 1;
	for (i = 0; i < n; i++) {
		if (isnan(x[i]) || isnan(y[i]))
			continue;
		if (s->n++ == 0) {
			x0 = x[i];
			y0 = y[i];
		}
		s->flat_x &= x[i] == x0;
		s->flat_y &= y[i] == y0;
		ax = fmax(ax, fabs(x[i]));
		ay = fmax(ay, fabs(y[i]));
	}
	s->ex = cr_scale_exp(ax);
	s->ey = cr_scale_exp(ay);
}

static void
centred_sums(const double *x, const double *y, size_t n, struct sums *s)
{
	double	 dx, dy, kx, ky;
	size_t	 i;

	scan_pairs(x, y, n, s);
	s->mx = s->my = s->sxx = s->syy = s->sxy = 0;
	if (s->n == 0)
		return;
	/* Exact: ordinary data is not scaled, and 1 changes nothing. */
	kx = ldexp(1, s->ex);
	ky = ldexp(1, s->ey);
	for (i = 0; i < n; i++) {
		if (isnan(x[i]) || isnan(y[i]))
			continue;
		s->mx += x[i] * kx;
		s->my += y[i] * ky;
	}
	s->mx /= (double)s->n;
	s->my /= (double)s->n;
	for (i = 0; i < n; i++) {
		if (isnan(x[i]) || isnan(y[i]))
			continue;
		dx = x[i] * kx - s->mx;
		dy = y[i] * ky - s->my;
		s->sxx += dx * dx;
		s->syy += dy * dy;
		s->sxy += dx * dy;
	}
}

/* Why the correlations are undefined; NULL when they are numbers. */
static const char *
corr_why(const struct sums *s)
{
	if (s->n < 2)
		return "fewer than two points";
	if (s->flat_x)
		return "no spread in x";
	if (s->flat_y)
		return "no spread in y";
	return NULL;
}

const char *
cr_corr_undefined(const double *x, const double *y, size_t n)
{
	struct sums	 s;

	scan_pairs(x, y, n, &s);
	return corr_why(&s);
}

/* Scale-free: the scales of x and y cancel. */
double
cr_pearson(const double *x, const double *y, size_t n)
{
	struct sums	 s;
	double		 r;

	centred_sums(x, y, n, &s);
	if (corr_why(&s) != NULL)
		return NAN;
	r = s.sxy / sqrt(s.sxx * s.syy);
	/* Rounding must not push a perfect correlation past 1. */
	return fmax(-1, fmin(1, r));
}

/*
 * The kept pairs' values are copied, once, and each column is ranked in
 * place: 24 bytes a pair at the peak with the sort's, where a third
 * column for the ranks and a copy of the positions were 44.
 */
double
cr_spearman(const double *x, const double *y, size_t n)
{
	double	*kx, *ky, r;
	size_t	 i, k = 0;

	kx = xreallocarray(NULL, n + 1, sizeof(*kx));
	ky = xreallocarray(NULL, n + 1, sizeof(*ky));
	/* Rank only the kept pairs, so both rankings run over the same set. */
	for (i = 0; i < n; i++) {
		if (isnan(x[i]) || isnan(y[i]))
			continue;
		kx[k] = x[i];
		ky[k] = y[i];
		k++;
	}
	cr_avg_ranks(kx, k, kx);
	cr_avg_ranks(ky, k, ky);
	r = cr_pearson(kx, ky, k);
	free(kx);
	free(ky);
	return r;
}

/* The first kept pair; there is one. */
static size_t
first_pair(const double *x, const double *y, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (!isnan(x[i]) && !isnan(y[i]))
			break;
	return i;
}

/*
 * With scaled values the slope is b' = Sxy' / Sxx' = b 2^(ey - ex), and
 * the intercept my' - b' mx' = a 2^ey.  Only undoing the scales can
 * overflow: a slope or an intercept beyond the doubles is no line.
 */
int
cr_linfit(const double *x, const double *y, size_t n, struct cr_fit *fit)
{
	struct sums	 s;
	double		 b;

	centred_sums(x, y, n, &s);
	fit->n = s.n;
	fit->a = fit->b = fit->r2 = NAN;
	if (s.n < 2 || s.flat_x) {
		fit->undefined = corr_why(&s);
		return -1;
	}
	/* With no spread in y there is nothing to explain: r2 is NAN. */
	fit->undefined = corr_why(&s);
	if (s.flat_y) {
		fit->b = 0;
		fit->a = y[first_pair(x, y, n)];
		return 0;
	}
	b = s.sxy / s.sxx;
	fit->b = ldexp(b, s.ex - s.ey);
	fit->a = ldexp(s.my - b * s.mx, -s.ey);
	if (!isfinite(fit->a) || !isfinite(fit->b)) {
		fit->a = fit->b = NAN;
		fit->undefined = "the line's slope or intercept is beyond "
		    "the range of a double";
		return -1;
	}
	fit->r2 = s.sxy * s.sxy / (s.sxx * s.syy);
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

/*
 * From this many values a column is sorted by radix (radix.c): below
 * it the merge sort is faster, and the bundled 26 cities stay on it.
 */
#define RADIX_MIN	2048

/* The values that are not NAN, with their positions, sorted. */
static size_t
sorted_items(const double *v, size_t n, size_t stride, struct item **out)
{
	struct item	*it;
	uint32_t	*ord;
	size_t		 i, k = 0;

	it = xreallocarray(NULL, n + 1, sizeof(*it));
	if (n >= RADIX_MIN) {
		ord = xreallocarray(NULL, n, sizeof(*ord));
		k = cr_radix_order(v, n, stride, ord);
		for (i = 0; i < k; i++) {
			it[i].v = v[(size_t)ord[i] * stride];
			it[i].i = ord[i];
		}
		free(ord);
		*out = it;
		return k;
	}
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

	if (n >= RADIX_MIN) {
		cr_radix_rank(v, n, stride, out, out_stride);
		return;
	}
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
cr_order_from_ranks(const int *rank, size_t n, size_t stride, int *order)
{
	size_t	 i, pos, c;
	int	*count, r;

	/* A counting sort: ties stay in ascending position. */
	count = xcalloc(n + 2, sizeof(*count));
	for (i = 0; i < n; i++) {
		r = rank[i * stride];
		count[r <= 0 || (size_t)r > n ? n + 1 : (size_t)r]++;
	}
	for (pos = 0, i = 1; i <= n + 1; i++) {
		c = (size_t)count[i];
		count[i] = (int)pos;
		pos += c;
	}
	for (i = 0; i < n; i++) {
		r = rank[i * stride];
		order[count[r <= 0 || (size_t)r > n ? n + 1 : (size_t)r]++] =
		    (int)i;
	}
	free(count);
}

void
cr_rank_bits(const double *v, size_t n, size_t stride, uint64_t *col,
    unsigned w, int *order)
{
	int	*r;
	size_t	 i;

	if (n >= RADIX_MIN) {
		cr_radix_rank_bits(v, n, stride, col, w, order);
		return;
	}
	r = xreallocarray(NULL, n + 1, sizeof(*r));
	if (order != NULL)
		cr_rank_order(v, n, stride, r, 1, order);
	else
		cr_rank(v, n, stride, r, 1);
	for (i = 0; i < n; i++)
		cr_bits_set(col, w, i, (uint32_t)r[i]);
	free(r);
}

void
cr_rank_order(const double *v, size_t n, size_t stride, int *out,
    size_t out_stride, int *order)
{
	if (n >= RADIX_MIN) {
		cr_radix_rank_order(v, n, stride, out, out_stride, order);
		return;
	}
	cr_rank(v, n, stride, out, out_stride);
	cr_order_from_ranks(out, n, out_stride, order);
}

/*
 * The sorted positions of v's values that are not NAN into pos: from
 * the radix sort's order alone when it sorts, the values read where
 * they are (a copy of each beside its position was 16 bytes a value
 * more at the peak of a Spearman correlation).
 */
static size_t
sorted_pos(const double *v, size_t n, uint32_t *pos)
{
	struct item	*it;
	size_t		 i, k;

	if (n >= RADIX_MIN)
		return cr_radix_order(v, n, 1, pos);
	k = sorted_items(v, n, 1, &it);
	for (i = 0; i < k; i++)
		pos[i] = (uint32_t)it[i].i;
	free(it);
	return k;
}

void
cr_avg_ranks(const double *v, size_t n, double *out)
{
	uint32_t	*pos;
	size_t		 i, j, t, k;
	double		 r;

	pos = xreallocarray(NULL, n + 1, sizeof(*pos));
	k = sorted_pos(v, n, pos);
	/* In place, the values left out are the NANs already. */
	for (i = 0; out != v && i < n; i++)
		out[i] = NAN;
	for (i = 0; i < k; i = j) {
		for (j = i + 1; j < k && v[pos[j]] == v[pos[i]]; j++)
			;
		/* Positions i..j-1 hold ranks i+1..j; their mean is exact. */
		r = ((double)(i + 1) + (double)j) / 2;
		for (t = i; t < j; t++)
			out[pos[t]] = r;
	}
	free(pos);
}
