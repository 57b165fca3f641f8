#ifndef CR_TOP_H
#define CR_TOP_H

#include <stddef.h>

/*
 * The rows of the k largest values of v[0..n), largest first and ties
 * in ascending position, as cr_rank_order() puts them, into order; and
 * each one's rank (1 + the values larger) into rank[row].  Every value
 * equal to the k-th comes too, so the rows are k or more, and *kth is
 * the smallest of them: a value v[e] >= *kth is in the rows.  Returns
 * how many rows, or 0 when fewer than k values are not NAN, or the ties
 * would make the rows many more than k (a full sort then).
 */
size_t	cr_top_order(const double *v, size_t n, size_t k, int *order,
	    int *rank, double *kth);

#endif
