/*
 * A stable LSD radix sort of doubles, for ranking large columns: eight
 * passes of one byte each over 64-bit keys that order as the doubles
 * do, skipping the bytes every key shares (a score's sign and most of
 * its exponent).  At 100,000 values it is several times faster than the
 * merge sort in stats.c, which keeps the small columns.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bitcol.h"
#include "radix.h"
#include "xmalloc.h"

/*
 * Unsigned keys in the doubles' order: a positive value's sign bit set,
 * a negative value's bits all flipped.  -0 is 0 first: they are equal,
 * and a tie must stay a tie.
 */
static inline uint64_t
key_of(double v)
{
	uint64_t	 u, neg;

	/* -0 + 0 is 0; without a branch: a pass makes a key a value. */
	v += 0.0;
	memcpy(&u, &v, sizeof u);
	neg = (uint64_t)0 - (u >> 63);
	return u ^ (neg | (UINT64_C(1) << 63));
}

/* Eleven bits a digit: six passes over 64-bit keys, not eight. */
#define DIGIT_BITS	11
#define DIGITS		((64 + DIGIT_BITS - 1) / DIGIT_BITS)
#define BUCKETS		(1 << DIGIT_BITS)

static inline size_t
digit(uint64_t k, int d)
{
	return (size_t)(k >> (DIGIT_BITS * d)) & (BUCKETS - 1);
}

/* Value i's key: from the column of keys, or made again from the value. */
static inline uint64_t
key_at(const double *v, const uint64_t *k, size_t i)
{
	return k != NULL ? k[i] : key_of(v[i]);
}

/* Whether values a and b, not NAN, are equal: their keys are. */
static inline int
same(const double *v, const uint64_t *k, size_t a, size_t b)
{
	return k != NULL ? k[a] == k[b] : v[a] == v[b];
}

/*
 * The sort: the positions of the values that are not NAN, in order,
 * into pos (room for n); returns how many.  Only the positions move, 8
 * bytes a value.  The keys are kept in a column, 8 more, in *keys
 * (freed by the caller) when keep is set or the values are strided (a
 * cache line a value to read them again); else *keys is NULL and each
 * pass makes them again from the values, a fifth slower.
 */
static size_t
radix_sort(const double *v, size_t n, size_t stride, int keep,
    uint64_t **keys, uint32_t *pos)
{
	uint32_t	 cnt[DIGITS][BUCKETS];	/* 48 KiB */
	size_t		 m = 0, i, t;
	uint32_t	 sum, c, id;
	uint64_t	*k = NULL, key;
	uint32_t	*tmp, *i0 = pos, *i1, *is;
	double		 x;
	int		 d;

	if (keep || stride != 1)
		k = xreallocarray(NULL, n + 1, sizeof(*k));
	i1 = tmp = xreallocarray(NULL, n + 1, sizeof(*tmp));
	memset(cnt, 0, sizeof cnt);
	for (i = 0; i < n; i++) {
		if (isnan(x = v[i * stride]))
			continue;
		key = key_of(x);
		if (k != NULL)
			k[i] = key;
		i0[m++] = (uint32_t)i;
		for (d = 0; d < DIGITS; d++)
			cnt[d][digit(key, d)]++;
	}
	for (d = 0; d < DIGITS && m > 0; d++) {
		/* A digit every key shares leaves the order as it is. */
		if (cnt[d][digit(key_at(v, k, i0[0]), d)] == m)
			continue;
		for (sum = 0, t = 0; t < BUCKETS; t++) {
			c = cnt[d][t];
			cnt[d][t] = sum;
			sum += c;
		}
		for (i = 0; i < m; i++) {
			id = i0[i];
			i1[cnt[d][digit(key_at(v, k, id), d)]++] = id;
		}
		is = i0, i0 = i1, i1 = is;
	}
	if (i0 != pos)
		memcpy(pos, i0, m * sizeof(*pos));
	free(tmp);
	*keys = k;
	return (m);
}

/* For the Spearman correlation's ranks: the sort's memory is its peak. */
size_t
cr_radix_order(const double *v, size_t n, size_t stride, uint32_t *order)
{
	uint64_t	*k;
	size_t		 m;

	m = radix_sort(v, n, stride, 0, &k, order);
	free(k);
	return (m);
}

/* Where ranks go: ints at a stride, or a packed column (bitcol.h). */
struct rank_out {
	int		*out;
	size_t		 stride;
	uint64_t	*bits;
	unsigned	 w;
};

static inline void
put_rank(const struct rank_out *o, size_t i, int r)
{
	if (o->bits != NULL)
		cr_bits_set(o->bits, o->w, i, (uint32_t)r);
	else if (o->out != NULL)
		o->out[i * o->stride] = r;
}

static void
rank_into(const double *v, size_t n, size_t stride,
    const struct rank_out *o, int *order)
{
	uint64_t	*k;
	uint32_t	*p;
	unsigned char	*kept;
	size_t		 m, i, j, t, at = 0;

	/* The keys kept: ranks are what a weight key waits for. */
	p = xreallocarray(NULL, n + 1, sizeof(*p));
	m = radix_sort(v, n, stride, 1, &k, p);
	/* Equal keys are equal values: a run ranks 1 + those above it. */
	for (i = 0; i < m; i = j) {
		for (j = i + 1; j < m && same(v, k, p[j], p[i]); j++)
			;
		for (t = i; t < j; t++)
			put_rank(o, p[t], (int)(m - j + 1));
	}
	/* The runs from the top, each in ascending position. */
	for (j = m; order != NULL && j > 0; j = i) {
		for (i = j - 1; i > 0 && same(v, k, p[i - 1], p[j - 1]); i--)
			;
		for (t = i; t < j; t++)
			order[at++] = (int)p[t];
	}
	/*
	 * The NAN positions rank 0, and come last: those the sort left
	 * out, found in a map of the ones it kept, not by reading the
	 * column again (strided, a cache line a value).
	 */
	if (m < n) {
		kept = xcalloc(n, 1);
		for (t = 0; t < m; t++)
			kept[p[t]] = 1;
		for (i = 0; i < n; i++) {
			if (kept[i])
				continue;
			put_rank(o, i, 0);
			if (order != NULL)
				order[at++] = (int)i;
		}
		free(kept);
	}
	free(k);
	free(p);
}

void
cr_radix_rank(const double *v, size_t n, size_t stride, int *out,
    size_t out_stride)
{
	cr_radix_rank_order(v, n, stride, out, out_stride, NULL);
}

void
cr_radix_rank_order(const double *v, size_t n, size_t stride, int *out,
    size_t out_stride, int *order)
{
	struct rank_out	 o = { out, out_stride, NULL, 0 };

	rank_into(v, n, stride, &o, order);
}

void
cr_radix_rank_bits(const double *v, size_t n, size_t stride,
    uint64_t *col, unsigned w, int *order)
{
	struct rank_out	 o = { NULL, 0, col, w };

	rank_into(v, n, stride, &o, order);
}

void
cr_sort_by_key(int *ids, double *key, size_t n, int desc)
{
	uint64_t	*k;
	uint32_t	*p;
	int		*out;
	size_t		 m, i, j;

	for (i = 0; desc && i < n; i++)
		key[i] = -key[i];
	p = xreallocarray(NULL, n + 1, sizeof(*p));
	m = radix_sort(key, n, 1, 1, &k, p);
	out = xreallocarray(NULL, n + 1, sizeof(*out));
	for (i = 0; i < m; i++)
		out[i] = ids[p[i]];
	for (i = 0, j = m; i < n; i++)
		if (isnan(key[i]))
			out[j++] = ids[i];
	memcpy(ids, out, n * sizeof(*ids));
	free(out);
	free(k);
	free(p);
}
