/*
 * Comparing two entities at one node: gap decomposition and the
 * smallest single weight change that swaps them.  The rules are in
 * compare.h; this file only reads scores, it never re-scores.
 */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "model.h"
#include "score.h"
#include "xmalloc.h"

/* to_beyond lies 0.1 percentage point past the tie. */
#define NUDGE	0.001

static double
at(const struct cr_scores *s, int e, int node)
{
	return cr_scores_score(s, e, node);
}

static int
bad_args(const struct cr_model *m, const struct cr_scores *s, int node,
    int ea, int eb)
{
	if (s->n_nodes != m->n_nodes || s->n_entities != m->n_entities)
		return 1;
	if (node < 0 || (size_t)node >= m->n_nodes ||
	    m->nodes[node].n_children == 0)
		return 1;
	return ea < 0 || eb < 0 || (size_t)ea >= m->n_entities ||
	    (size_t)eb >= m->n_entities;
}

/* A child cr_score() averaged for this entity. */
static int
used(const struct cr_scenario *sc, const struct cr_scores *s, int e, int c)
{
	return sc->weight[c] > 0 && !isnan(at(s, e, c));
}

static double
used_weight(const struct cr_model *m, const struct cr_scenario *sc,
    const struct cr_scores *s, int node, int e)
{
	double	 sum = 0;
	int	 c;

	for (c = m->nodes[node].first_child; c != -1;
	    c = m->nodes[c].next_sibling)
		if (used(sc, s, e, c))
			sum += sc->weight[c];
	return sum;
}

static int
same_children(const struct cr_model *m, const struct cr_scenario *sc,
    const struct cr_scores *s, int node, int ea, int eb)
{
	int	 c;

	for (c = m->nodes[node].first_child; c != -1;
	    c = m->nodes[c].next_sibling)
		if (used(sc, s, ea, c) != used(sc, s, eb, c))
			return 0;
	return 1;
}

/*
 * The node's aggregation, the power means that are the arithmetic,
 * geometric or harmonic one as those (score.c computes them so).
 */
static struct cr_agg_spec
node_agg(const struct cr_model *m, const struct cr_scenario *sc, int node)
{
	struct cr_agg_spec	 a;

	cr_scenario_node_agg(m, sc, node, &a);
	if (a.method == CR_AGG_POWER && (a.p == 1 || a.p == 0 || a.p == -1))
		a.method = a.p == 1 ? CR_AGG_ARITH : a.p == 0 ? CR_AGG_GEOM :
		    CR_AGG_HARM;
	return a;
}

/*
 * The mean's f: the identity, ln (geometric), 1 / x (harmonic) or x^p
 * (power).
 */
static double
mean_f(const struct cr_agg_spec *a, double x)
{
	if (a->method == CR_AGG_GEOM)
		return log(x);
	if (a->method == CR_AGG_HARM)
		return 1 / x;
	if (a->method == CR_AGG_POWER)
		return pow(x, a->p);
	return x;
}

/* w~a_c f(s_a,c) - w~b_c f(s_b,c). */
static double
term(const struct cr_scenario *sc, const struct cr_agg_spec *a,
    const struct cr_scores *s, const struct cr_gap *g, int c, double wa,
    double wb)
{
	double	 ta = 0, tb = 0, va, vb;

	va = at(s, g->ea, c);
	vb = at(s, g->eb, c);
	if (used(sc, s, g->ea, c))
		ta = sc->weight[c] / wa * mean_f(a, va);
	if (used(sc, s, g->eb, c))
		tb = sc->weight[c] / wb * mean_f(a, vb);
	return ta - tb;
}

/*
 * The power mean's factor: the terms on x^p add up to S_a^p - S_b^p,
 * so gap / that makes them add up to the gap; for equal scores its
 * limit, 1 / (p S^(p - 1)).
 */
static double
power_factor(double p, double sa, double sb)
{
	double	 d = pow(sa, p) - pow(sb, p);

	if (sa == sb || d == 0)
		return sa > 0 ? 1 / (p * pow(sa, p - 1)) : 0;
	return (sa - sb) / d;
}

/* (x - y) / (ln x - ln y), and its limit x when they are equal. */
static double
log_mean(double x, double y)
{
	if (x == y)
		return x;
	return (x - y) / log1p((x - y) / y);
}

/* Weight of the entity's used children that score exactly 0. */
static double
zero_weight(const struct cr_model *m, const struct cr_scenario *sc,
    const struct cr_scores *s, int node, int e)
{
	double	 sum = 0;
	int	 c;

	for (c = m->nodes[node].first_child; c != -1;
	    c = m->nodes[c].next_sibling)
		if (used(sc, s, e, c) && at(s, e, c) == 0)
			sum += sc->weight[c];
	return sum;
}

/*
 * A zero makes a geometric (or harmonic) mean 0 whatever the other children are, so
 * only the zero children can be said to make the difference.  When
 * both have zeros the gap is 0 and so is every share of it.
 */
static void
gap_zeros(const struct cr_scenario *sc, const struct cr_scores *s,
    struct cr_gap *g, double za, double zb)
{
	size_t	 i;
	int	 e = za > 0 ? g->ea : g->eb;
	double	 z = za > 0 ? za : zb;

	g->approx = 1;
	for (i = 0; i < g->n; i++)
		if (used(sc, s, e, g->child[i]) && at(s, e, g->child[i]) == 0)
			g->contrib[i] = g->gap * sc->weight[g->child[i]] / z;
}

static void
gap_terms(const struct cr_model *m, const struct cr_scenario *sc,
    const struct cr_scores *s, struct cr_gap *g)
{
	struct cr_agg_spec	 a = node_agg(m, sc, g->node);
	double			 wa, wb, za, zb, f = 1;
	size_t			 i;
	int			 zeros;

	if (a.method == CR_AGG_COPELAND) {
		/* A count of units beaten: no child's share of it. */
		g->undivided = 1;
		for (i = 0; i < g->n; i++)
			g->contrib[i] = NAN;
		return;
	}
	/* A 0 decides the geometric mean, and those with p < 0. */
	zeros = a.method == CR_AGG_GEOM || a.method == CR_AGG_HARM ||
	    (a.method == CR_AGG_POWER && a.p < 0);
	if (a.method == CR_AGG_POWER && !zeros)
		f = power_factor(a.p, g->score_a, g->score_b);
	else if (zeros) {
		za = zero_weight(m, sc, s, g->node, g->ea);
		zb = zero_weight(m, sc, s, g->node, g->eb);
		if (za > 0 || zb > 0) {
			gap_zeros(sc, s, g, za, zb);
			return;
		}
		/*
		 * Harmonic: the terms on 1 / s add up to 1 / S_a - 1 / S_b
		 * = -gap / (S_a S_b), so -S_a S_b makes them add up to the
		 * gap, exactly, whatever its size.
		 */
		if (a.method == CR_AGG_POWER)
			f = power_factor(a.p, g->score_a, g->score_b);
		else
			f = a.method == CR_AGG_HARM ?
			    -g->score_a * g->score_b :
			    log_mean(g->score_a, g->score_b);
	}
	wa = used_weight(m, sc, s, g->node, g->ea);
	wb = used_weight(m, sc, s, g->node, g->eb);
	for (i = 0; i < g->n; i++)
		g->contrib[i] = f * term(sc, &a, s, g, g->child[i], wa, wb);
}

int
cr_compare_gap(const struct cr_model *m, const struct cr_scenario *sc,
    const struct cr_scores *s, int node, int ea, int eb, struct cr_gap *out)
{
	size_t	 i;
	int	 c;

	memset(out, 0, sizeof(*out));
	if (bad_args(m, s, node, ea, eb))
		return -1;
	out->node = node;
	out->ea = ea;
	out->eb = eb;
	out->score_a = at(s, ea, node);
	out->score_b = at(s, eb, node);
	out->gap = out->score_a - out->score_b;
	out->n = (size_t)m->nodes[node].n_children;
	out->child = xreallocarray(NULL, out->n, sizeof(*out->child));
	out->contrib = xcalloc(out->n, sizeof(*out->contrib));
	i = 0;
	for (c = m->nodes[node].first_child; c != -1;
	    c = m->nodes[c].next_sibling)
		out->child[i++] = c;
	if (isnan(out->gap)) {
		for (i = 0; i < out->n; i++)
			out->contrib[i] = NAN;
		return 1;
	}
	out->approx = !same_children(m, sc, s, node, ea, eb);
	gap_terms(m, sc, s, out);
	return 0;
}

void
cr_gap_clear(struct cr_gap *g)
{
	free(g->child);
	free(g->contrib);
	memset(g, 0, sizeof(*g));
}

/*
 * The swap.  Put child d's weight at r and scale the others so they
 * keep their sum W_rest: shares t = r / (r + W_rest), the same family as
 * in compare.h, and an entity's aggregate (on ln s for geometric) is
 *
 *	S(r) = (v1 r + v0) / (n1 r + n0)
 *
 * with v1, n1 = its value of d and 1 (0 and 0 when d is missing), and
 * v0, n0 the weighted sum and weight of its other used children.  The
 * order changes where S_a(r) - S_b(r) does, that is where the cross
 * product, a quadratic in r, has a simple root.
 */
struct side {
	double	 v1, n1, v0, n0;
};

/* The score cr_score() averages: s, or ln s for geometric. */
static int
value(const struct cr_agg_spec *a, double x, double *v)
{
	if (a->method != CR_AGG_GEOM) {
		*v = x;
		return 0;
	}
	if (!(x > 0))
		return -1;
	*v = log(x);
	return 0;
}

/* -1 when a geometric score of 0 makes S(r) jump instead of cross. */
static int
side_of(const struct cr_model *m, const struct cr_scenario *sc,
    const struct cr_agg_spec *a, const struct cr_scores *s, int node, int d,
    int e, struct side *sd)
{
	double	 v;
	int	 c;

	memset(sd, 0, sizeof(*sd));
	for (c = m->nodes[node].first_child; c != -1;
	    c = m->nodes[c].next_sibling) {
		if (isnan(at(s, e, c)) || (c != d && !(sc->weight[c] > 0)))
			continue;
		if (value(a, at(s, e, c), &v) == -1)
			return -1;
		if (c == d) {
			sd->v1 = v;
			sd->n1 = 1;
		} else {
			sd->v0 += sc->weight[c] * v;
			sd->n0 += sc->weight[c];
		}
	}
	return 0;
}

/* Roots in (0, inf) where c2 r^2 + c1 r + c0 changes sign; ascending. */
static int
crossings(double c2, double c1, double c0, double r[2])
{
	double	 disc, q, x[2], tmp;
	int	 n = 0, k = 0, i;

	if (c2 == 0) {
		if (c1 != 0)
			x[n++] = -c0 / c1;
	} else {
		disc = c1 * c1 - 4 * c2 * c0;
		/* No root, or a double one: touching is not crossing. */
		if (!(disc > 0))
			return 0;
		/* The stable form: no cancellation in either root. */
		q = -0.5 * (c1 + copysign(sqrt(disc), c1));
		x[n++] = q / c2;
		x[n++] = c0 / q;
	}
	for (i = 0; i < n; i++)
		if (x[i] > 0 && isfinite(x[i]))
			r[k++] = x[i];
	if (k == 2 && r[0] > r[1]) {
		tmp = r[0];
		r[0] = r[1];
		r[1] = tmp;
	}
	return k;
}

/* Where to look past t: a second crossing, else the end of [0, 1]. */
static double
beyond(double t, double dir, double lim, int lim_ok)
{
	double	 b = t + dir * NUDGE;

	if (dir * (b - lim) >= 0)
		b = lim_ok ? lim : (t + lim) / 2;
	return b;
}

struct cand {
	int	 d;
	double	 t0, t, b;
};

/*
 * The nearest crossing for child d, 1 when there is one.  The end t = 1
 * needs d for both entities, t = 0 another used child for both.
 */
static int
candidate(const struct side *a, const struct side *b, double rest,
    struct cand *cd)
{
	double	 r[2], t[2], dir, lim;
	int	 n, i, near, ok;

	n = crossings(a->v1 * b->n1 - b->v1 * a->n1,
	    a->v1 * b->n0 + a->v0 * b->n1 - b->v1 * a->n0 - b->v0 * a->n1,
	    a->v0 * b->n0 - b->v0 * a->n0, r);
	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		t[i] = r[i] / (r[i] + rest);
	near = n == 2 && fabs(t[1] - cd->t0) < fabs(t[0] - cd->t0);
	cd->t = t[near];
	dir = cd->t >= cd->t0 ? 1 : -1;
	if (dir > 0) {
		lim = 1;
		ok = a->n1 > 0 && b->n1 > 0;
	} else {
		lim = 0;
		ok = a->n0 > 0 && b->n0 > 0;
	}
	/* The other root, when it lies further on, stops the nudge. */
	if (n == 2 && dir * (t[!near] - cd->t) > 0) {
		lim = t[!near];
		ok = 0;
	}
	cd->b = beyond(cd->t, dir, lim, ok);
	return 1;
}

/* The leader is behind on no child that both have a score for. */
static int
dominates(const struct cr_model *m, const struct cr_scores *s, int node,
    int lead, int trail)
{
	int	 c;

	for (c = m->nodes[node].first_child; c != -1;
	    c = m->nodes[c].next_sibling)
		if (at(s, lead, c) < at(s, trail, c))
			return 0;
	return 1;
}

static const char *
no_swap(const struct cr_model *m, const struct cr_scores *s, int node,
    int ea, int eb, int zeros)
{
	int	 a_leads = at(s, ea, node) > at(s, eb, node);

	if (m->nodes[node].n_children == 1)
		return "no single weight can: the node has a single child";
	if (dominates(m, s, node, a_leads ? ea : eb, a_leads ? eb : ea))
		return a_leads ?
		    "no single weight can: A is ahead or level on every child" :
		    "no single weight can: B is ahead or level on every child";
	if (zeros)
		return "no single weight can: a zero score in a geometric mean";
	return "no single weight can reverse the order";
}

static double
weight_sum(const struct cr_model *m, const struct cr_scenario *sc,
    int node)
{
	double	 sum = 0;
	int	 c;

	for (c = m->nodes[node].first_child; c != -1;
	    c = m->nodes[c].next_sibling)
		sum += sc->weight[c];
	return sum;
}

int
cr_compare_swap(const struct cr_model *m, const struct cr_scenario *sc,
    const struct cr_scores *s, int node, int ea, int eb, struct cr_swap *out)
{
	struct cr_agg_spec	 agg;
	struct side	 a, b;
	struct cand	 cd, best;
	double		 total, rest;
	int		 d, zeros = 0;

	memset(out, 0, sizeof(*out));
	out->child = -1;
	if (bad_args(m, s, node, ea, eb))
		return -1;
	if (isnan(at(s, ea, node)) || isnan(at(s, eb, node))) {
		out->reason = "missing score";
		return 0;
	}
	if (at(s, ea, node) == at(s, eb, node)) {
		out->reason = "already tied";
		return 0;
	}
	/* The search below knows the arithmetic and geometric means. */
	agg = node_agg(m, sc, node);
	if (agg.method == CR_AGG_HARM || agg.method == CR_AGG_POWER ||
	    agg.method == CR_AGG_COPELAND) {
		out->reason = agg.method == CR_AGG_HARM ? "no single weight "
		    "change is searched for under the harmonic mean; use "
		    "--aggregate arith or geom" : agg.method == CR_AGG_POWER ?
		    "no single weight change is searched for under a power "
		    "mean; use --aggregate arith or geom" : "no single weight "
		    "change is searched for under Copeland's count; use "
		    "--aggregate arith or geom";
		return 0;
	}
	total = weight_sum(m, sc, node);
	memset(&best, 0, sizeof(best));
	best.d = -1;
	for (d = m->nodes[node].first_child; d != -1;
	    d = m->nodes[d].next_sibling) {
		/* A share of 1 leaves nothing to scale the others from. */
		if (!((rest = total - sc->weight[d]) > 0))
			continue;
		if (side_of(m, sc, &agg, s, node, d, ea, &a) == -1 ||
		    side_of(m, sc, &agg, s, node, d, eb, &b) == -1) {
			zeros = 1;
			continue;
		}
		cd.d = d;
		cd.t0 = sc->weight[d] / total;
		if (!candidate(&a, &b, rest, &cd))
			continue;
		if (best.d == -1 ||
		    fabs(cd.t - cd.t0) < fabs(best.t - best.t0))
			best = cd;
	}
	if (best.d == -1) {
		out->reason = no_swap(m, s, node, ea, eb, zeros);
		return 0;
	}
	out->found = 1;
	out->child = best.d;
	out->from = best.t0;
	out->to = best.t;
	out->to_beyond = best.b;
	out->change = fabs(best.t - best.t0);
	return 0;
}
