/*
 * Scoring one sample fast.  Only the weights and methods a sample
 * draws change, so what they cannot reach is computed once per pair of
 * methods by cr_score() itself: the normalised leaves and the
 * aggregates with no varied weight beneath them.  A sample re-computes
 * only the aggregates above a varied weight, with the arithmetic of
 * score.c (children in tree order, a missing or unweighted child left
 * out and the weights rescaled, the geometric mean's zero, the second
 * try of a mean that overflowed), so its scores are bit for bit those
 * of cr_score() with the sample's weights (tests/test_mc.c checks).
 * Entity by entity the sums run in the same order; the loops are only
 * turned so that one child's row is read at a time.
 */
#include "config.h"

/* The sums below are the bulk of a run: let GCC vectorise them. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("tree-vectorize", "no-trapping-math")
#endif

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cause.h"
#include "mc_priv.h"
#include "xmalloc.h"

static size_t
n_pairs(const struct cr_mc *mc)
{
	return mc->n_norm * mc->n_agg;
}

/* Which aggregates a sample re-computes: those above a varied weight. */
static void
mark_varying(struct cr_mc *mc)
{
	const struct cr_model	*m = mc->m;
	size_t			 i, k;
	int			 p, all = mc->n_norm > 1 || mc->n_agg > 1;
	unsigned char		*in = xcalloc(m->n_nodes, 1);

	mc->vary = xcalloc(m->n_nodes, 1);
	for (i = 0; i < m->n_nodes; i++)
		in[i] = (int)i == mc->spec.node ||
		    (m->nodes[i].parent != -1 && in[m->nodes[i].parent]);
	for (k = 0; k < mc->n_wfactors; k++)
		mc->vary[m->nodes[mc->factor[k].node].parent] = 1;
	for (i = m->n_nodes; i-- > 0;) {
		if (!in[i] || m->nodes[i].leaf != -1)
			continue;
		if (all)
			mc->vary[i] = 1;
		if (mc->vary[i] && (int)i != mc->spec.node &&
		    (p = m->nodes[i].parent) != -1)
			mc->vary[p] = 1;
	}
	mc->order = xcalloc(m->n_nodes + 1, sizeof(*mc->order));
	for (i = m->n_nodes; i-- > 0;)
		if (in[i] && mc->vary[i])
			mc->order[mc->n_order++] = (int)i;
	free(in);
}

/* The fixed rows one pair of methods reads, from cr_score() itself. */
static int
pair_rows(struct cr_mc *mc, size_t pair, struct cr_scores *s, char **cause)
{
	const struct cr_model	*m = mc->m;
	struct cr_scenario	*sc;
	size_t			 nn = m->n_nodes, k, e, ni, ai;
	double			*row;
	int			 c, p, rc;

	ni = pair / mc->n_agg;
	ai = pair % mc->n_agg;
	sc = cr_scenario_copy(m, mc->base);
	sc->norm = mc->norm[ni];
	if (sc->norm == CR_NORM_MINMAX && mc->base->norm != CR_NORM_MINMAX) {
		sc->norm_lo = 0;
		sc->norm_hi = 100;
	}
	sc->agg = mc->agg[ai];
	rc = cr_score(m, sc, s, cause);
	cr_scenario_free(sc);
	if (rc == -1)
		return -1;
	for (k = 0; k < mc->n_order; k++) {
		p = mc->order[k];
		for (c = m->nodes[p].first_child; c != -1;
		    c = m->nodes[c].next_sibling) {
			if (mc->vary[c] || mc->row[pair * nn + (size_t)c])
				continue;
			if (m->nodes[c].leaf != -1 && ai > 0) {
				/* Leaves do not depend on the aggregation. */
				mc->row[pair * nn + (size_t)c] =
				    mc->row[(pair - ai) * nn + (size_t)c];
				continue;
			}
			row = xreallocarray(NULL, mc->ne + 1, sizeof(*row));
			for (e = 0; e < mc->ne; e++)
				row[e] = cr_scores_score(s, (int)e, c);
			mc->row[pair * nn + (size_t)c] = row;
			mc->owned[pair * nn + (size_t)c] = 1;
		}
	}
	return 0;
}

static int
pair_failed(struct cr_mc *mc, size_t pair, char **cause)
{
	char	*why = *cause;
	int	 rc;

	rc = cr_cause(cause, "with %s normalisation and %s aggregation: %s",
	    cr_norm_name(mc->norm[pair / mc->n_agg]),
	    cr_agg_name(mc->agg[pair % mc->n_agg]), why);
	free(why);
	return rc;
}

int
mc_prepare(struct cr_mc *mc, char **cause)
{
	const struct cr_model	*m = mc->m;
	struct cr_scores	*s;
	size_t			 pair, e, np;
	int			 rc = 0;

	mark_varying(mc);
	np = n_pairs(mc);
	mc->row = xcalloc(np * m->n_nodes, sizeof(*mc->row));
	mc->owned = xcalloc(np * m->n_nodes, 1);
	s = cr_scores_new(m);
	for (pair = 0; rc == 0 && pair < np; pair++)
		if ((rc = pair_rows(mc, pair, s, cause)) == -1 && np > 1)
			pair_failed(mc, pair, cause);
	if (rc == 0 && (rc = cr_score(m, mc->base, s, cause)) == 0) {
		mc->nominal_score = xcalloc(mc->ne + 1, sizeof(double));
		mc->nominal_rank = xcalloc(mc->ne + 1, sizeof(int));
		for (e = 0; e < mc->ne; e++) {
			mc->nominal_score[e] = cr_scores_score(s, (int)e,
			    mc->spec.node);
			mc->nominal_rank[e] = cr_scores_rank(s, (int)e,
			    mc->spec.node);
		}
	}
	cr_scores_free(s);
	return rc;
}

void
mc_rows_free(struct cr_mc *mc)
{
	size_t	i, n;

	if (mc->row == NULL)
		return;
	n = n_pairs(mc) * mc->m->n_nodes;
	for (i = 0; i < n; i++)
		if (mc->owned[i])
			free(mc->row[i]);
	free(mc->row);
	free(mc->owned);
}

static inline const double *
row_of(const struct cr_mc *mc, const struct mc_ws *ws, int c)
{
	size_t	pair = ws->norm * mc->n_agg + ws->agg;

	if (mc->vary[c])
		return ws->val[c];
	return mc->row[pair * mc->m->n_nodes + (size_t)c];
}

/* score.c's mean_again(), for a mean that was not finite. */
static double
mean_again(const struct cr_mc *mc, const struct mc_ws *ws, int p, size_t e,
    double wsum, double mean, int geom)
{
	const struct cr_model	*m = mc->m;
	double			 w, v, sum = 0, lo = INFINITY, hi = -INFINITY;
	int			 c;

	for (c = m->nodes[p].first_child; c != -1;
	    c = m->nodes[c].next_sibling) {
		if (!((w = ws->w[c]) > 0) ||
		    isnan(v = row_of(mc, ws, c)[e]))
			continue;
		sum += w / wsum * (v / 2);
		lo = fmin(lo, v);
		hi = fmax(hi, v);
	}
	if (!geom)
		mean = 2 * sum;
	return fmin(hi, fmax(lo, mean));
}

/* Sums over units [0, ne) of the range: r, sum and wsum start there. */
static void
sum_arith(const double *r, double w, size_t ne, double *sum, double *wsum)
{
	size_t	e;
	double	v;

	/*
	 * Without a branch, so that it vectorises: adding 0 where a value
	 * is missing changes no bit (a sum that starts at +0 is never -0).
	 */
	for (e = 0; e < ne; e++) {
		v = r[e];
		sum[e] += v == v ? w * v : 0;
		wsum[e] += v == v ? w : 0;
	}
}

/*
 * Four children at once, in order: each unit's sums take the same
 * additions in the same order as four calls of sum_arith() (so the
 * same bits), with a quarter of the loads and stores of the sums.
 */
static void
sum_arith4(const double *const *r, const double *w, size_t ne,
    double *restrict sum, double *restrict wsum)
{
	const double	*restrict r0 = r[0], *restrict r1 = r[1];
	const double	*restrict r2 = r[2], *restrict r3 = r[3];
	double		 w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3];
	double		 s, t, v;
	size_t		 e;

	for (e = 0; e < ne; e++) {
		s = sum[e];
		t = wsum[e];
		v = r0[e];
		s += v == v ? w0 * v : 0;
		t += v == v ? w0 : 0;
		v = r1[e];
		s += v == v ? w1 * v : 0;
		t += v == v ? w1 : 0;
		v = r2[e];
		s += v == v ? w2 * v : 0;
		t += v == v ? w2 : 0;
		v = r3[e];
		s += v == v ? w3 * v : 0;
		t += v == v ? w3 : 0;
		sum[e] = s;
		wsum[e] = t;
	}
}

/* Scores are >= 0 here: cr_mc_new() scored every pair of methods. */
static void
sum_geom(const double *r, double w, size_t ne, double *sum, double *wsum,
    unsigned char *zero)
{
	size_t	e;
	double	v;

	for (e = 0; e < ne; e++) {
		v = r[e];
		if (isnan(v))
			continue;
		if (v == 0)
			zero[e] = 1;
		else
			sum[e] += w * log(v);
		wsum[e] += w;
	}
}

/* The means, in one pass that vectorises (a division has no branch). */
static void
divide(const double *restrict sum, const double *restrict wsum,
    double *restrict out, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		out[i] = sum[i] / wsum[i];
}

/*
 * Node p's scores of units [e0, e1).  Each unit's arithmetic is the
 * same whatever the range, so a range is bit for bit the whole run's.
 */
static void
aggregate(const struct cr_mc *mc, struct mc_ws *ws, int p, size_t e0,
    size_t e1)
{
	const struct cr_model	*m = mc->m;
	const double		*r4[4];
	double			*out = ws->val[p], w, v, w4[4];
	size_t			 n = e1 - e0, e, i, k = 0;
	int			 c, geom = mc->agg[ws->agg] == CR_AGG_GEOM;

	memset(ws->sum, 0, n * sizeof(*ws->sum));
	memset(ws->wsum, 0, n * sizeof(*ws->wsum));
	if (geom)
		memset(ws->zero, 0, n);
	for (c = m->nodes[p].first_child; c != -1;
	    c = m->nodes[c].next_sibling) {
		if (!((w = ws->w[c]) > 0))
			continue;
		if (geom) {
			sum_geom(row_of(mc, ws, c) + e0, w, n, ws->sum,
			    ws->wsum, ws->zero);
			continue;
		}
		r4[k] = row_of(mc, ws, c) + e0;
		w4[k++] = w;
		if (k == 4) {
			sum_arith4(r4, w4, n, ws->sum, ws->wsum);
			k = 0;
		}
	}
	for (i = 0; i < k; i++)
		sum_arith(r4[i], w4[i], n, ws->sum, ws->wsum);
	if (!geom) {
		divide(ws->sum, ws->wsum, out + e0, n);
		/* The rare units the division does not settle. */
		for (i = 0, e = e0; i < n; i++, e++)
			if (!(ws->wsum[i] > 0))
				out[e] = NAN;
			else if (!isfinite(out[e]))
				out[e] = mean_again(mc, ws, p, e, ws->wsum[i],
				    out[e], 0);
		return;
	}
	for (i = 0, e = e0; i < n; i++, e++) {
		if (ws->wsum[i] == 0)
			v = NAN;
		else if (geom)
			v = ws->zero[i] ? 0 : exp(ws->sum[i] / ws->wsum[i]);
		else
			v = ws->sum[i] / ws->wsum[i];
		if (ws->wsum[i] > 0 && !isfinite(v))
			v = mean_again(mc, ws, p, e, ws->wsum[i], v, geom);
		out[e] = v;
	}
}

const double *
mc_eval_range(const struct cr_mc *mc, struct mc_ws *ws, size_t e0,
    size_t e1)
{
	size_t	k;

	for (k = 0; k < mc->n_order; k++)
		aggregate(mc, ws, mc->order[k], e0, e1);
	return ws->val[mc->spec.node];
}

const double *
mc_eval(const struct cr_mc *mc, struct mc_ws *ws)
{
	return mc_eval_range(mc, ws, 0, mc->ne);
}

void
mc_ws_init(const struct cr_mc *mc, struct mc_ws *ws)
{
	const struct cr_model	*m = mc->m;
	size_t			 i, ne = mc->ne + 1;

	memset(ws, 0, sizeof(*ws));
	ws->n_nodes = m->n_nodes;
	ws->w = xreallocarray(NULL, m->n_nodes, sizeof(*ws->w));
	memcpy(ws->w, mc->base->weight, m->n_nodes * sizeof(*ws->w));
	ws->val = xcalloc(m->n_nodes, sizeof(*ws->val));
	for (i = 0; i < m->n_nodes; i++)
		if (mc->vary[i])
			ws->val[i] = xreallocarray(NULL, ne, sizeof(double));
	ws->sum = xreallocarray(NULL, ne, sizeof(*ws->sum));
	ws->wsum = xreallocarray(NULL, ne, sizeof(*ws->wsum));
	ws->zero = xcalloc(ne, 1);
	ws->u = xcalloc(mc->n_factors + 1, sizeof(*ws->u));
	ws->alpha = xcalloc(mc->max_children + 1, sizeof(*ws->alpha));
	ws->theta = xcalloc(mc->max_children + 1, sizeof(*ws->theta));
	ws->bw = xreallocarray(NULL, CR_MC_BLOCK * m->n_nodes,
	    sizeof(*ws->bw));
	ws->bnorm = xcalloc(CR_MC_BLOCK, sizeof(*ws->bnorm));
	ws->bagg = xcalloc(CR_MC_BLOCK, sizeof(*ws->bagg));
	if ((ws->r = gsl_rng_alloc(gsl_rng_mt19937)) == NULL)
		xalloc_die();
}

void
mc_ws_free(struct mc_ws *ws)
{
	size_t	i;

	for (i = 0; ws->val != NULL && i < ws->n_nodes; i++)
		free(ws->val[i]);
	free(ws->val);
	free(ws->w);
	free(ws->sum);
	free(ws->wsum);
	free(ws->zero);
	free(ws->u);
	free(ws->alpha);
	free(ws->theta);
	free(ws->bw);
	free(ws->bnorm);
	free(ws->bagg);
	if (ws->r != NULL)
		gsl_rng_free(ws->r);
}
