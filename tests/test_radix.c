/*
 * The radix sort behind ranks at scale (engine/radix.c), against a
 * plain comparison sort by value then position, and cr_rank() and
 * cr_avg_ranks() past the size where stats.c switches to it, against
 * counting.  Values: ties, -0 and 0, infinities, subnormals, negatives
 * and NAN, read with a stride.
 */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "radix.h"
#include "score.h"
#include "stats.h"
#include "top.h"

static uint64_t
next_rand(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

/* A value of some awkward kind, or an ordinary one. */
static double
awkward(uint64_t *s)
{
	switch (next_rand(s) % 12) {
	case 0:
		return NAN;
	case 1:
		return -0.0;
	case 2:
		return 0.0;
	case 3:
		return (next_rand(s) & 1) ? INFINITY : -INFINITY;
	case 4:
		return 4.9e-324 * (double)(next_rand(s) % 5);
	case 5:
		return (double)(int)(next_rand(s) % 9) - 4;
	default:
		return ((double)(next_rand(s) >> 11) / 9007199254740992.0 -
		    0.3) * 1e3;
	}
}

struct ref {
	double	 v;
	uint32_t i;
};

static int
by_value(const void *a, const void *b)
{
	const struct ref	*x = a, *y = b;

	if (x->v < y->v)
		return -1;
	if (x->v > y->v)
		return 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static void
check_order(size_t n, size_t stride, uint64_t seed)
{
	double		*v = malloc((n * stride + 1) * sizeof *v);
	uint32_t	*ord = malloc((n + 1) * sizeof *ord);
	struct ref	*r = malloc((n + 1) * sizeof *r);
	size_t		 i, k = 0, got;
	uint64_t	 s = seed;

	assert_true(v != NULL && ord != NULL && r != NULL);
	for (i = 0; i < n * stride; i++)
		v[i] = awkward(&s);
	for (i = 0; i < n; i++)
		if (!isnan(v[i * stride])) {
			r[k].v = v[i * stride];
			r[k++].i = (uint32_t)i;
		}
	qsort(r, k, sizeof *r, by_value);
	got = cr_radix_order(v, n, stride, ord);
	assert_int_equal(got, k);
	for (i = 0; i < k; i++)
		if (ord[i] != r[i].i)
			fail_msg("n %zu: position %zu is %u, want %u (%g)", n,
			    i, ord[i], r[i].i, r[i].v);
	free(v);
	free(ord);
	free(r);
}

static void
test_order(void **state)
{
	static const size_t	 sizes[] = { 0, 1, 2, 3, 17, 255, 256, 257,
	    2047, 2048, 5000, 100000 };
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		check_order(sizes[i], 1, 0x1234 + i);
		check_order(sizes[i], 3, 0x9876 + i);
	}
}

/* Every value alike, and every value NAN: nothing to move. */
static void
test_order_flat(void **state)
{
	double		 v[3000];
	uint32_t	 ord[3000];
	size_t		 i;

	(void)state;
	for (i = 0; i < 3000; i++)
		v[i] = 42.5;
	assert_int_equal(cr_radix_order(v, 3000, 1, ord), 3000);
	for (i = 0; i < 3000; i++)
		assert_int_equal(ord[i], i);
	for (i = 0; i < 3000; i++)
		v[i] = NAN;
	assert_int_equal(cr_radix_order(v, 3000, 1, ord), 0);
}

/* cr_rank() and cr_avg_ranks() on both sides of the switch. */
static void
test_ranks_counted(void **state)
{
	static const size_t	 sizes[] = { 2047, 2048, 6001 };
	double			*v, *avg, *in, x;
	int			*rk;
	size_t			 t, i, j, n, above, below, same;
	uint64_t		 s = 77;

	(void)state;
	for (t = 0; t < sizeof sizes / sizeof sizes[0]; t++) {
		n = sizes[t];
		v = malloc(2 * n * sizeof *v);
		avg = malloc(n * sizeof *avg);
		rk = malloc(2 * n * sizeof *rk);
		assert_true(v != NULL && avg != NULL && rk != NULL);
		for (i = 0; i < 2 * n; i++)
			v[i] = awkward(&s);
		cr_rank(v, n, 2, rk, 2);
		cr_avg_ranks(v, n, avg);
		for (i = 0; i < n; i++) {
			x = v[2 * i];
			above = same = 0;
			for (j = 0; j < n && !isnan(x); j++) {
				above += v[2 * j] > x;
				same += v[2 * j] == x;
			}
			assert_int_equal(rk[2 * i], isnan(x) ? 0 :
			    (int)above + 1);
			/* avg_ranks reads v[0..n-1], stride 1. */
			x = v[i];
			above = below = same = 0;
			for (j = 0; j < n && !isnan(x); j++) {
				below += v[j] < x;
				same += v[j] == x;
			}
			if (isnan(x))
				assert_true(isnan(avg[i]));
			else if (avg[i] != (double)below + ((double)same + 1) /
			    2)
				fail_msg("n %zu: avg rank %g of %g, want %g", n,
				    avg[i], x, (double)below +
				    ((double)same + 1) / 2);
		}
		/* In place, the sort's path too: the same ranks. */
		in = malloc(n * sizeof *in);
		assert_non_null(in);
		memcpy(in, v, n * sizeof *v);
		cr_avg_ranks(in, n, in);
		for (i = 0; i < n; i++)
			assert_true(isnan(avg[i]) ? isnan(in[i]) :
			    in[i] == avg[i]);
		free(in);
		free(v);
		free(avg);
		free(rk);
	}
}

/* Rank order: NAN last, then the higher value, then the position. */
static int
by_rank(const void *a, const void *b)
{
	const struct ref	*x = a, *y = b;

	if (isnan(x->v) || isnan(y->v)) {
		if (isnan(x->v) != isnan(y->v))
			return isnan(x->v) ? 1 : -1;
	} else if (x->v != y->v)
		return x->v > y->v ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/*
 * cr_rank_order() on both sides of the switch to the radix sort: the
 * order of a comparison sort, and the ranks of cr_rank().
 */
static void
test_rank_order(void **state)
{
	static const size_t	 sizes[] = { 0, 1, 2, 5, 2047, 2048, 6001 };
	double			*v;
	int			*rk, *want, *ord;
	struct ref		*r;
	size_t			 t, i, n;
	uint64_t		 s = 4242;

	(void)state;
	for (t = 0; t < sizeof sizes / sizeof sizes[0]; t++) {
		n = sizes[t];
		v = malloc((3 * n + 1) * sizeof *v);
		rk = malloc((2 * n + 1) * sizeof *rk);
		want = malloc((2 * n + 1) * sizeof *want);
		ord = malloc((n + 1) * sizeof *ord);
		r = malloc((n + 1) * sizeof *r);
		assert_true(v != NULL && rk != NULL && want != NULL &&
		    ord != NULL && r != NULL);
		for (i = 0; i < 3 * n; i++)
			v[i] = awkward(&s);
		for (i = 0; i < n; i++) {
			r[i].v = v[3 * i];
			r[i].i = (uint32_t)i;
		}
		qsort(r, n, sizeof *r, by_rank);
		cr_rank(v, n, 3, want, 2);
		cr_rank_order(v, n, 3, rk, 2, ord);
		for (i = 0; i < n; i++) {
			assert_int_equal(rk[2 * i], want[2 * i]);
			if (ord[i] != (int)r[i].i)
				fail_msg("n %zu: place %zu is %d, want %u (%g)",
				    n, i, ord[i], r[i].i, r[i].v);
		}
		/* And from the ranks alone, as a kept ranking is read. */
		memset(ord, 0xff, (n + 1) * sizeof *ord);
		cr_order_from_ranks(want, n, 2, ord);
		for (i = 0; i < n; i++)
			assert_int_equal(ord[i], (int)r[i].i);
		/* The radix sort's order with no ranks asked for. */
		memset(ord, 0xff, (n + 1) * sizeof *ord);
		cr_radix_rank_order(v, n, 3, NULL, 0, ord);
		for (i = 0; i < n; i++)
			assert_int_equal(ord[i], (int)r[i].i);
		free(v);
		free(rk);
		free(want);
		free(ord);
		free(r);
	}
}

/* cmp_rows()'s order in tui/view_rank.c: NAN last, ties by position. */
struct row {
	double	 k;
	int	 id, pos, desc;
};

static int
by_row(const void *a, const void *b)
{
	const struct row	*x = a, *y = b;
	int			 r;

	if (isnan(x->k) || isnan(y->k))
		r = isnan(x->k) - isnan(y->k);
	else {
		r = x->k < y->k ? -1 : x->k > y->k;
		if (x->desc)
			r = -r;
	}
	return (r != 0 ? r : (x->pos > y->pos) - (x->pos < y->pos));
}

static void
test_sort_by_key(void **state)
{
	static const size_t	 sizes[] = { 0, 1, 5, 300, 4000 };
	struct row		*r;
	double			*key;
	int			*ids;
	size_t			 t, i, n;
	int			 desc;
	uint64_t		 s = 5;

	(void)state;
	for (t = 0; t < sizeof sizes / sizeof sizes[0]; t++)
		for (desc = 0; desc < 2; desc++) {
			n = sizes[t];
			r = malloc((n + 1) * sizeof *r);
			key = malloc((n + 1) * sizeof *key);
			ids = malloc((n + 1) * sizeof *ids);
			assert_true(r != NULL && key != NULL && ids != NULL);
			for (i = 0; i < n; i++) {
				key[i] = awkward(&s);
				/* Ids in no order: the sort keeps theirs. */
				ids[i] = (int)((i * 7919 + 13) % 100003);
				r[i] = (struct row){ key[i], ids[i], (int)i,
				    desc };
			}
			qsort(r, n, sizeof *r, by_row);
			cr_sort_by_key(ids, key, n, desc);
			for (i = 0; i < n; i++)
				if (ids[i] != r[i].id)
					fail_msg("n %zu desc %d: row %zu is %d, "
					    "want %d", n, desc, i, ids[i],
					    r[i].id);
			free(r);
			free(key);
			free(ids);
		}
}

/*
 * cr_top_order(): the first rows of the comparison sort above, ties
 * with the k-th value included, ranks counted; 0 exactly when there are
 * fewer than k values or the ties make more than 4k rows.
 */
static void
check_top(const double *v, size_t n, size_t k)
{
	struct ref	*r = malloc((n + 1) * sizeof *r);
	int		*ord = malloc((n + 1) * sizeof *ord);
	int		*rk = malloc((n + 1) * sizeof *rk);
	size_t		 i, j, m = 0, c = 0, got, above;
	double		 kth = 0, want;

	assert_true(r != NULL && ord != NULL && rk != NULL);
	for (i = 0; i < n; i++) {
		r[i].v = v[i];
		r[i].i = (uint32_t)i;
		m += !isnan(v[i]);
	}
	qsort(r, n, sizeof *r, by_rank);
	got = cr_top_order(v, n, k, ord, rk, &kth);
	if (k == 0 || k > m) {
		assert_int_equal(got, 0);
		goto out;
	}
	want = r[k - 1].v;
	for (i = 0; i < n; i++)
		c += v[i] >= want;
	if (c > 4 * k) {
		assert_int_equal(got, 0);
		goto out;
	}
	assert_int_equal(got, c);
	assert_true(kth == want);
	for (i = 0; i < c; i++) {
		if (ord[i] != (int)r[i].i)
			fail_msg("n %zu k %zu: row %zu is %d, want %u", n, k, i,
			    ord[i], r[i].i);
		for (j = 0, above = 0; j < n; j++)
			above += v[j] > v[ord[i]];
		assert_int_equal(rk[ord[i]], (int)above + 1);
	}
out:
	free(r);
	free(ord);
	free(rk);
}

static void
test_top(void **state)
{
	static const size_t	 sizes[] = { 0, 1, 2, 40, 3000, 20000 };
	static const size_t	 ks[] = { 0, 1, 2, 7, 40, 64, 3000 };
	double			*v;
	size_t			 t, i, q, n;
	uint64_t		 s = 31337;

	(void)state;
	for (t = 0; t < sizeof sizes / sizeof sizes[0]; t++) {
		n = sizes[t];
		v = malloc((n + 1) * sizeof *v);
		assert_true(v != NULL);
		for (q = 0; q < sizeof ks / sizeof ks[0]; q++) {
			for (i = 0; i < n; i++)
				v[i] = awkward(&s);
			check_top(v, n, ks[q]);
			/* Few values, many ties: some fit 4k, some not. */
			for (i = 0; i < n; i++)
				v[i] = (double)(next_rand(&s) % (2 + q * 50));
			check_top(v, n, ks[q]);
		}
		free(v);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_order_flat),
		cmocka_unit_test(test_ranks_counted),
		cmocka_unit_test(test_rank_order),
		cmocka_unit_test(test_sort_by_key),
		cmocka_unit_test(test_top),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
