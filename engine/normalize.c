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
#include <string.h>

#include "cause.h"
#include "model.h"
#include "normalize.h"
#include "score.h"
#include "stats.h"
#include "xmalloc.h"

/*
 * Any finite values normalise to finite scores.  A min-max range past
 * the largest double (1e308 - -1e308) is taken on the values halved,
 * and z-score sums that would over- or underflow on values scaled by
 * the power of two cr_scale_exp() gives (stats.h): both formulas are
 * the same on values scaled alike, and scaling by a power of two is
 * exact but for results below 2^-1022, far beneath the values that
 * set the scale.  Ordinary data is not scaled, so its scores are bit
 * for bit those of the plain formulas.  cr_norm_params() and
 * leaf_score() (score.c) fold the same scale into the direction.
 */

/* The power of two to scale a z-score column by (2^0 for most). */
static double
zscore_scale(const double *x, size_t n)
{
	double	 max = 0;
	size_t	 i;

	for (i = 0; i < n; i++)
		if (fabs(x[i]) > max)		/* false for NAN */
			max = fabs(x[i]);
	return ldexp(1, cr_scale_exp(max));
}

static void
scale(double *x, size_t n, double k)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		x[i] *= k;
}

/*
 * When every value is the same the indicator cannot tell entities apart:
 * all of them get the middle of the range rather than the top or the
 * bottom, which would reward or punish everyone for nothing.
 */
/* The smallest and largest value of a column, missing ones left out. */
static void
col_range(const double *x, size_t n, double *min, double *max)
{
	size_t	i;

	*min = INFINITY;
	*max = -INFINITY;
	for (i = 0; i < n; i++) {
		if (isnan(x[i]))
			continue;
		*min = fmin(*min, x[i]);
		*max = fmax(*max, x[i]);
	}
}

static void
norm_minmax(double *x, size_t n, double lo, double hi)
{
	double	 min, max;
	size_t	 i;

	col_range(x, n, &min, &max);
	if (min < max && isinf(max - min)) {
		scale(x, n, 0.5);
		min *= 0.5;
		max *= 0.5;
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
	double	 sum = 0, ss = 0, mean, sd = 0, k;
	size_t	 i, c = 0;

	if ((k = zscore_scale(x, n)) != 1)
		scale(x, n, k);
	for (i = 0; i < n; i++) {
		if (!isnan(x[i])) {
			sum += x[i];
			c++;
		}
	}
	mean = c > 0 ? sum / (double)c : 0;
	for (i = 0; i < n; i++)
		if (!isnan(x[i]))
			ss += (x[i] - mean) * (x[i] - mean);
	if (c >= 2)
		sd = sqrt(ss / (double)(c - 1));
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

/*
 * COINr's n_prank (dplyr's percent_rank) and n_borda (rank(x,
 * ties.method = "min") - 1): from the lowest rank of a tie, 1 + the
 * values below it, found as the sport rank of the values negated.
 */
static void
norm_minrank(double *x, size_t n, int borda)
{
	double	*neg;
	int	*r;
	size_t	 i, k = 0;

	neg = xreallocarray(NULL, n + 1, sizeof(*neg));
	r = xreallocarray(NULL, n + 1, sizeof(*r));
	for (i = 0; i < n; i++) {
		neg[i] = -x[i];
		k += !isnan(x[i]);
	}
	cr_rank(neg, n, 1, r, 1);
	for (i = 0; i < n; i++) {
		if (isnan(x[i]))
			continue;
		if (borda)
			x[i] = r[i] - 1;
		else
			x[i] = k > 1 ? 100 * (r[i] - 1) / (double)(k - 1) : 50;
	}
	free(neg);
	free(r);
}

/*
 * x is raw x direction.  Higher is better: 100 x / max.  Lower is
 * better (every x < 0): 100 min(raw) / raw = 100 max / x.  Columns it
 * does not fit (cr_score() refuses them first) are left missing.
 */
static void
norm_fracmax(double *x, size_t n)
{
	double	 max, min;
	size_t	 i;

	col_range(x, n, &min, &max);
	for (i = 0; i < n; i++) {
		if (isnan(x[i]))
			continue;
		if (min >= 0 && max > 0)
			x[i] = 100 * (x[i] / max);
		else if (max < 0)
			x[i] = 100 * (max / x[i]);
		else
			x[i] = NAN;
	}
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
	case CR_NORM_PRANK:
	case CR_NORM_BORDA:
		norm_minrank(x, n, method == CR_NORM_BORDA);
		break;
	case CR_NORM_FRACMAX:
		norm_fracmax(x, n);
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
 * read once, in order (twice more for the rare z-score column that
 * needs scaling).  A scale is folded into dir: raw x dir is then the
 * value scaled, as norm_minmax() and norm_zscore() scale it.
 */
static void
minmax_params(const struct cr_model *m, struct cr_leaf_norm *p)
{
	const double	*row;
	double		 x;
	size_t		 ne = m->n_entities, nl = m->n_leaves, e, l;

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
			/*
			 * fmin() and fmax() as glibc's give them for a
			 * number, without the call (x86-64's minsd, maxsd).
			 */
			p[l].a = p[l].a < x ? p[l].a : x;
			p[l].b = p[l].b > x ? p[l].b : x;
		}
	}
	for (l = 0; l < nl; l++) {
		if (p[l].a < p[l].b && isinf(p[l].b - p[l].a)) {
			p[l].dir *= 0.5;
			p[l].a *= 0.5;
			p[l].b *= 0.5;
		}
	}
}

/* Each leaf's sum and count in a and k, of raw x dir. */
static void
zscore_sums(const struct cr_model *m, struct cr_leaf_norm *p, size_t *k,
    double *max)
{
	const double	*row;
	double		 x;
	size_t		 ne = m->n_entities, nl = m->n_leaves, e, l;

	for (l = 0; l < nl; l++) {
		p[l].a = 0;
		k[l] = 0;
	}
	for (e = 0; e < ne; e++) {
		row = m->raw + e * nl;
		for (l = 0; l < nl; l++) {
			x = row[l] * p[l].dir;
			if (!isnan(x)) {
				p[l].a += x;
				k[l]++;
				if (max != NULL && fabs(x) > max[l])
					max[l] = fabs(x);
			}
		}
	}
}

static void
zscore_params(const struct cr_model *m, struct cr_leaf_norm *p)
{
	const double	*row;
	double		 x, *max, k;
	size_t		 ne = m->n_entities, nl = m->n_leaves, e, l, *n;
	int		 scaled = 0;

	n = xcalloc(nl > 0 ? nl : 1, sizeof(*n));
	max = xcalloc(nl > 0 ? nl : 1, sizeof(*max));
	/* a is the sum, then the mean; b the squares, then sd. */
	zscore_sums(m, p, n, max);
	for (l = 0; l < nl; l++) {
		if ((k = ldexp(1, cr_scale_exp(max[l]))) != 1) {
			p[l].dir *= k;
			scaled = 1;
		}
	}
	/* Again, on the values scaled; those that are not sum as before. */
	if (scaled)
		zscore_sums(m, p, n, NULL);
	for (l = 0; l < nl; l++)
		p[l].a = n[l] > 0 ? p[l].a / (double)n[l] : 0;
	for (e = 0; e < ne; e++) {
		row = m->raw + e * nl;
		for (l = 0; l < nl; l++) {
			x = row[l] * p[l].dir;
			if (!isnan(x))
				p[l].b += (x - p[l].a) * (x - p[l].a);
		}
	}
	for (l = 0; l < nl; l++)
		p[l].b = n[l] >= 2 ? sqrt(p[l].b / (double)(n[l] - 1)) : 0;
	free(max);
	free(n);
}

/* Methods that read a column's min and max. */
static int
needs_range(enum cr_norm n)
{
	return n == CR_NORM_MINMAX || n == CR_NORM_FRACMAX ||
	    n == CR_NORM_DIST2MAX || n == CR_NORM_DIST2TARG ||
	    n == CR_NORM_DIST2REF;
}

/*
 * The statistics of the leaves whose method wants them, taken for all
 * leaves at once (one pass over raw[], as before) into a scratch copy.
 */
static void
column_stats(const struct cr_model *m, struct cr_leaf_norm *p)
{
	struct cr_leaf_norm	*t;
	size_t			 nl = m->n_leaves, l;
	int			 range = 0, z = 0;

	for (l = 0; l < nl; l++) {
		range |= needs_range(p[l].method);
		z |= p[l].method == CR_NORM_ZSCORE;
	}
	t = xreallocarray(NULL, nl + 1, sizeof(*t));
	if (range) {
		memcpy(t, p, nl * sizeof(*t));
		minmax_params(m, t);
		for (l = 0; l < nl; l++)
			if (needs_range(p[l].method))
				p[l] = t[l];
	}
	if (z) {
		memcpy(t, p, nl * sizeof(*t));
		for (l = 0; l < nl; l++)
			t[l].a = t[l].b = 0;
		zscore_params(m, t);
		for (l = 0; l < nl; l++)
			if (p[l].method == CR_NORM_ZSCORE)
				p[l] = t[l];
	}
	free(t);
}

void
cr_norm_params_all(const struct cr_model *m, enum cr_norm norm, double lo,
    double hi, struct cr_leaf_norm *p)
{
	size_t	 l;

	for (l = 0; l < m->n_leaves; l++) {
		memset(&p[l], 0, sizeof(p[l]));
		p[l].method = norm;
		p[l].dir = m->nodes[m->leaf_node[l]].direction;
		p[l].lo = lo;
		p[l].hi = hi;
	}
	column_stats(m, p);
}

static const char *
code_of(const struct cr_model *m, size_t l)
{
	return m->nodes[m->leaf_node[l]].code;
}

/* The posts, the spec's or the data set's, times the direction. */
static int
goalposts(const struct cr_model *m, size_t l, const struct cr_norm_spec *sp,
    struct cr_leaf_norm *p, char **cause)
{
	const struct cr_node	*n = &m->nodes[m->leaf_node[l]];
	double			 lo = sp->par.lo, hi = sp->par.hi;

	if (isnan(lo) || isnan(hi)) {
		lo = n->post_lo;
		hi = n->post_hi;
		if (isnan(lo) || isnan(hi))
			return cr_cause(cause, "goalposts: the data set gives "
			    "no goalposts for %s; give them: goalposts:LO:HI",
			    n->code);
		if (!(lo < hi) || !isfinite(hi - lo))
			return cr_cause(cause, "goalposts: the data set's "
			    "goalposts of %s, %g and %g, are not low, then high",
			    n->code, lo, hi);
	}
	p->a = fmin(lo * p->dir, hi * p->dir);
	p->b = fmax(lo * p->dir, hi * p->dir);
	p->c = sp->par.scale;
	return 0;
}

/*
 * A distance to c = target or reference x dir: 100 (v - a) / (c - a)
 * over values from a to b.  None when c is a, the worst value (1); and
 * the scores at the ends must be numbers (2).
 */
static int
no_distance(const struct cr_leaf_norm *p)
{
	if (p->a > p->b)		/* no values */
		return 0;
	if (p->c == p->a)
		return 1;
	return isfinite(100 * ((p->b - p->a) / (p->c - p->a))) ? 0 : 2;
}

static int
dist2targ(const struct cr_model *m, size_t l, const struct cr_norm_spec *sp,
    struct cr_leaf_norm *p, char **cause)
{
	const char	*code = code_of(m, l);
	double		 t = sp->par.target;

	if (isnan(t) && isnan(t = m->nodes[m->leaf_node[l]].target))
		return cr_cause(cause, "dist2targ: the data set gives no "
		    "target for %s; give one: dist2targ:TARGET", code);
	p->c = t * p->dir;
	p->cap = sp->par.cap;
	switch (no_distance(p)) {
	case 1:
		return cr_cause(cause, "dist2targ: the target of %s, %g, is "
		    "its worst value: there is no distance to it", code, t);
	case 2:
		return cr_cause(cause, "dist2targ: the target of %s, %g, is so "
		    "close to its worst value that the scores are beyond the "
		    "doubles", code, t);
	}
	return 0;
}

static int
dist2ref(const struct cr_model *m, size_t l, const struct cr_norm_spec *sp,
    struct cr_leaf_norm *p, char **cause)
{
	const char	*ref = sp->par.ref != NULL ? sp->par.ref : "";
	const char	*code = code_of(m, l);
	double		 v;
	int		 e;

	if (*ref == '\0')
		return cr_cause(cause, "dist2ref needs the reference unit: "
		    "dist2ref:UNIT[:cap]");
	if ((e = cr_model_find_entity(m, ref)) == -1)
		return cr_cause(cause, "dist2ref: no unit '%s' in the data "
		    "set", ref);
	v = m->raw[(size_t)e * m->n_leaves + l];
	if (isnan(v))
		return cr_cause(cause, "dist2ref: the reference unit %s has "
		    "no value of %s; give %s another method "
		    "(--normalize-leaf)", ref, code, code);
	p->c = v * p->dir;
	p->cap = sp->par.cap;
	switch (no_distance(p)) {
	case 1:
		return cr_cause(cause, "dist2ref: the reference unit %s has "
		    "the worst value of %s (%g): there is no distance to it; "
		    "give %s another method (--normalize-leaf)", ref, code, v,
		    code);
	case 2:
		return cr_cause(cause, "dist2ref: the reference unit %s is so "
		    "close to the worst value of %s that the scores are "
		    "beyond the doubles", ref, code);
	}
	return 0;
}

int
cr_norm_params(const struct cr_model *m, const struct cr_scenario *sc,
    struct cr_leaf_norm *p, char **cause)
{
	struct cr_norm_spec	 sp;
	size_t			 l;
	int			 rc = 0;

	for (l = 0; l < m->n_leaves; l++) {
		cr_scenario_leaf_norm(sc, l, &sp);
		memset(&p[l], 0, sizeof(p[l]));
		p[l].method = sp.method;
		p[l].dir = m->nodes[m->leaf_node[l]].direction;
		p[l].lo = sp.lo;
		p[l].hi = sp.hi;
	}
	column_stats(m, p);
	for (l = 0; rc == 0 && l < m->n_leaves; l++) {
		cr_scenario_leaf_norm(sc, l, &sp);
		if (sp.method == CR_NORM_GOALPOSTS)
			rc = goalposts(m, l, &sp, &p[l], cause);
		else if (sp.method == CR_NORM_DIST2TARG)
			rc = dist2targ(m, l, &sp, &p[l], cause);
		else if (sp.method == CR_NORM_DIST2REF)
			rc = dist2ref(m, l, &sp, &p[l], cause);
	}
	return rc;
}
