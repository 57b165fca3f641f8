/*
 * Normalisation puts every leaf indicator on a common, higher-is-better
 * scale before aggregation.  Values are multiplied by the direction
 * first, so for a lower-is-better indicator the lowest raw value scores
 * best under every method.
 */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>

#include "model.h"
#include "normalize.h"
#include "score.h"
#include "stats.h"
#include "xmalloc.h"

/*
 * When every value is the same the indicator cannot tell entities apart:
 * all of them get the middle of the range rather than the top or the
 * bottom, which would reward or punish everyone for nothing.
 */
static void
norm_minmax(double *x, size_t n, double lo, double hi)
{
	double	 min = INFINITY, max = -INFINITY;
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (isnan(x[i]))
			continue;
		min = fmin(min, x[i]);
		max = fmax(max, x[i]);
	}
	for (i = 0; i < n; i++) {
		if (isnan(x[i]))
			continue;
		if (max == min)
			x[i] = lo + (hi - lo) / 2;	/* no overflow */
		else
			x[i] = lo + (x[i] - min) / (max - min) * (hi - lo);
	}
}

/* The n - 1 standard deviation, as R's sd() that COINr uses. */
static void
norm_zscore(double *x, size_t n)
{
	double	 sum = 0, ss = 0, mean, sd = 0;
	size_t	 i, k = 0;

	for (i = 0; i < n; i++) {
		if (!isnan(x[i])) {
			sum += x[i];
			k++;
		}
	}
	mean = k > 0 ? sum / (double)k : 0;
	for (i = 0; i < n; i++)
		if (!isnan(x[i]))
			ss += (x[i] - mean) * (x[i] - mean);
	if (k >= 2)
		sd = sqrt(ss / (double)(k - 1));
	for (i = 0; i < n; i++) {
		if (isnan(x[i]))
			continue;
		x[i] = sd > 0 ? (x[i] - mean) / sd : 0;
	}
}

/* Percentile of the average rank; a lone value sits in the middle. */
static void
norm_rank(double *x, size_t n)
{
	double	*r;
	size_t	 i, k = 0;

	r = xreallocarray(NULL, n, sizeof(*r));
	cr_avg_ranks(x, n, r);
	for (i = 0; i < n; i++)
		if (!isnan(x[i]))
			k++;
	for (i = 0; i < n; i++) {
		if (isnan(x[i]))
			continue;
		x[i] = k > 1 ? 100 * (r[i] - 1) / (double)(k - 1) : 50;
	}
	free(r);
}

void
cr_norm_values(enum cr_norm method, double lo, double hi, double *x,
    size_t n)
{
	switch (method) {
	case CR_NORM_MINMAX:
		norm_minmax(x, n, lo, hi);
		break;
	case CR_NORM_ZSCORE:
		norm_zscore(x, n);
		break;
	case CR_NORM_RANK:
		norm_rank(x, n);
		break;
	case CR_NORM_NONE:
	default:
		break;
	}
}

/*
 * NONE keeps values as they are, times the direction: it is meant for
 * data already on a common higher-is-better scale, where the direction
 * is +1 and nothing changes.  A -1 leaf turns negative, which the
 * geometric mean rejects.
 */
void
cr_normalize_leaf(const struct cr_model *m, enum cr_norm norm, double lo,
    double hi, size_t leaf, size_t n, double *col)
{
	double	 dir = m->nodes[m->leaf_node[leaf]].direction;
	size_t	 nl = m->n_leaves, e;

	for (e = 0; e < n; e++)
		col[e] = m->raw[e * nl + leaf] * dir;
	cr_norm_values(norm, lo, hi, col, n);
}

/*
 * By entity, then leaf, as raw[] is laid out: a leaf at a time would
 * read 16 MB with a stride of a row at 10,000 x 200.
 */
void
cr_normalize(const struct cr_model *m, enum cr_norm norm, double lo,
    double hi, double *out)
{
	double	*col;
	size_t	 ne = m->n_entities, nl = m->n_leaves, e, l;

	col = xreallocarray(NULL, ne, sizeof(*col));
	for (l = 0; l < nl; l++) {
		cr_normalize_leaf(m, norm, lo, hi, l, ne, col);
		for (e = 0; e < ne; e++)
			out[e * nl + l] = col[e];
	}
	free(col);
}

/*
 * The statistics norm_minmax() and norm_zscore() take of a column, for
 * every leaf at once.  Each leaf's values are visited in entity order
 * and combined by the same operations, so the sums, and so the means
 * and deviations, are bit for bit theirs.  Row by row, so raw[] is
 * read once, in order.
 */
void
cr_norm_params(const struct cr_model *m, enum cr_norm norm,
    struct cr_leaf_norm *p)
{
	const double	*row;
	double		 x;
	size_t		 ne = m->n_entities, nl = m->n_leaves, e, l, *k;

	for (l = 0; l < nl; l++) {
		p[l].dir = m->nodes[m->leaf_node[l]].direction;
		p[l].a = p[l].b = 0;
	}
	if (norm == CR_NORM_MINMAX) {
		for (l = 0; l < nl; l++) {
			p[l].a = INFINITY;
			p[l].b = -INFINITY;
		}
		for (e = 0; e < ne; e++) {
			row = m->raw + e * nl;
			for (l = 0; l < nl; l++) {
				x = row[l] * p[l].dir;
				if (isnan(x))
					continue;
				p[l].a = fmin(p[l].a, x);
				p[l].b = fmax(p[l].b, x);
			}
		}
	} else if (norm == CR_NORM_ZSCORE) {
		k = xcalloc(nl > 0 ? nl : 1, sizeof(*k));
		/* a is the sum, then the mean; b the squares, then sd. */
		for (e = 0; e < ne; e++) {
			row = m->raw + e * nl;
			for (l = 0; l < nl; l++) {
				x = row[l] * p[l].dir;
				if (!isnan(x)) {
					p[l].a += x;
					k[l]++;
				}
			}
		}
		for (l = 0; l < nl; l++)
			p[l].a = k[l] > 0 ? p[l].a / (double)k[l] : 0;
		for (e = 0; e < ne; e++) {
			row = m->raw + e * nl;
			for (l = 0; l < nl; l++) {
				x = row[l] * p[l].dir;
				if (!isnan(x))
					p[l].b += (x - p[l].a) * (x - p[l].a);
			}
		}
		for (l = 0; l < nl; l++)
			p[l].b = k[l] >= 2 ? sqrt(p[l].b / (double)(k[l] - 1)) :
			    0;
		free(k);
	}
}
