/*
 * Sorting a column of doubles by value, for ranks at scale (radix.c).
 */
#ifndef CR_RADIX_H
#define CR_RADIX_H

#include <stddef.h>
#include <stdint.h>

/*
 * The positions of v[0], v[stride], ... v[(n-1)*stride] that are not
 * NAN, in ascending order of value, equal values in ascending position
 * (a stable sort; -0 equals 0), into order (room for n).  Returns how
 * many.  n must be below 2^32.
 */
size_t	 cr_radix_order(const double *v, size_t n, size_t stride,
	    uint32_t *order);
/*
 * cr_rank() (score.h) by this sort: out[i * out_stride] is 1 + the
 * number of values above v[i * stride], 0 for NAN.
 */
void	 cr_radix_rank(const double *v, size_t n, size_t stride, int *out,
	    size_t out_stride);
/*
 * The same, and the positions in rank order into order (room for n):
 * the best first, ties in ascending position, then the NAN positions
 * in ascending position.  out may be NULL: the order alone.
 */
void	 cr_radix_rank_order(const double *v, size_t n, size_t stride,
	    int *out, size_t out_stride, int *order);
/* The same into a packed column of w-bit ranks (bitcol.h). */
void	 cr_radix_rank_bits(const double *v, size_t n, size_t stride,
	    uint64_t *col, unsigned w, int *order);
/*
 * Sorts ids[0..n-1] by key[i], ascending or (desc) descending, the ids
 * whose key is NAN last, equal keys (and the NAN ones) in the order
 * given.  key is scratch: changed.
 */
void	 cr_sort_by_key(int *ids, double *key, size_t n, int desc);

#endif
