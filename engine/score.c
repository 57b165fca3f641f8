/*
 * Scoring: normalise the leaves, aggregate bottom-up, rank the
 * aggregates; leaves are ranked when first asked for.
 *
 * Every aggregate is computed by one function, children in tree order,
 * so a partial re-score after a weight change gives bit for bit the
 * numbers of a full one, and exact comparison of scores for ties is
 * meaningful.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cause.h"
#include "model.h"
#include "normalize.h"
#include "score.h"
#include "xmalloc.h"

/* Frees the leaf rank columns kept so far: they are computed again. */
static void
drop_leaf_ranks(struct cr_scores *s)
{
	size_t	 l;

	if (s->leaf_rank == NULL)
		return;
	for (l = 0; l < s->n_leaves; l++) {
		free(s->leaf_rank[l]);
		s->leaf_rank[l] = NULL;
	}
}

/* Each aggregate's slot in the per-aggregate arrays, in node order. */
static void
agg_slots(struct cr_scores *s, const struct cr_model *m)
{
	size_t	 i;

	s->agg = xreallocarray(s->agg, m->n_nodes, sizeof(*s->agg));
	s->n_aggs = 0;
	for (i = 0; i < m->n_nodes; i++)
		s->agg[i] = m->nodes[i].leaf == -1 ? (int)s->n_aggs++ : -1;
}

static void
scores_alloc(struct cr_scores *s, const struct cr_model *m)
{
	size_t	 n, i;

	drop_leaf_ranks(s);
	s->m = m;
	s->n_entities = m->n_entities;
	s->n_nodes = m->n_nodes;
	s->n_leaves = m->n_leaves;
	agg_slots(s, m);
	n = s->n_entities * s->n_nodes;
	s->score = xreallocarray(s->score, n, sizeof(*s->score));
	for (i = 0; i < n; i++)
		s->score[i] = NAN;
	n = s->n_entities * s->n_aggs;
	s->agg_rank = xreallocarray(s->agg_rank, n, sizeof(*s->agg_rank));
	s->agg_missing = xreallocarray(s->agg_missing, n,
	    sizeof(*s->agg_missing));
	s->agg_prov = xreallocarray(s->agg_prov, n, sizeof(*s->agg_prov));
	for (i = 0; i < n; i++) {
		s->agg_rank[i] = 0;
		s->agg_missing[i] = 0;
		s->agg_prov[i] = CR_PROV_REPORT;
	}
	s->leaf_rank = xreallocarray(s->leaf_rank, s->n_leaves,
	    sizeof(*s->leaf_rank));
	for (i = 0; i < s->n_leaves; i++)
		s->leaf_rank[i] = NULL;
}

static int
scores_fit(const struct cr_scores *s, const struct cr_model *m)
{
	return s->m == m && s->n_entities == m->n_entities &&
	    s->n_nodes == m->n_nodes && s->n_leaves == m->n_leaves &&
	    s->score != NULL;
}

struct cr_scores *
cr_scores_new(const struct cr_model *m)
{
	struct cr_scores	*s;

	s = xcalloc(1, sizeof(*s));
	scores_alloc(s, m);
	return s;
}

void
cr_scores_ranks_only(struct cr_scores *s)
{
	free(s->score);
	free(s->agg_missing);
	free(s->agg_prov);
	s->score = NULL;
	s->agg_missing = NULL;
	s->agg_prov = NULL;
}

struct cr_scores *
cr_scores_ranks_copy(const struct cr_scores *from)
{
	struct cr_scores	*s = xcalloc(1, sizeof(*s));
	size_t			 n = from->n_entities * from->n_aggs, l;

	s->n_entities = from->n_entities;
	s->n_nodes = from->n_nodes;
	s->n_leaves = from->n_leaves;
	s->n_aggs = from->n_aggs;
	s->m = from->m;
	s->norm = from->norm;
	s->norm_lo = from->norm_lo;
	s->norm_hi = from->norm_hi;
	s->agg = xreallocarray(NULL, s->n_nodes, sizeof(*s->agg));
	memcpy(s->agg, from->agg, s->n_nodes * sizeof(*s->agg));
	s->agg_rank = xreallocarray(NULL, n, sizeof(*s->agg_rank));
	memcpy(s->agg_rank, from->agg_rank, n * sizeof(*s->agg_rank));
	s->leaf_rank = xcalloc(s->n_leaves, sizeof(*s->leaf_rank));
	for (l = 0; l < s->n_leaves; l++) {
		if (from->leaf_rank[l] == NULL)
			continue;
		s->leaf_rank[l] = xreallocarray(NULL, s->n_entities,
		    sizeof(**s->leaf_rank));
		memcpy(s->leaf_rank[l], from->leaf_rank[l],
		    s->n_entities * sizeof(**s->leaf_rank));
	}
	return s;
}

void
cr_scores_free(struct cr_scores *s)
{
	if (s == NULL)
		return;
	drop_leaf_ranks(s);
	free(s->leaf_rank);
	free(s->score);
	free(s->agg);
	free(s->agg_rank);
	free(s->agg_missing);
	free(s->agg_prov);
	free(s);
}

/*
 * A leaf's ranks: of its scores, or in a ranks-only result, of its raw
 * values normalised again as the scores were (see score.h for why not
 * the live scores').
 */
static int *
rank_leaf(const struct cr_scores *s, int leaf)
{
	double	*col;
	int	*r;
	size_t	 ne = s->n_entities, node = (size_t)s->m->leaf_node[leaf];

	r = xreallocarray(NULL, ne, sizeof(*r));
	if (s->score != NULL) {
		cr_rank(s->score + node, ne, s->n_nodes, r, 1);
		return r;
	}
	col = xreallocarray(NULL, ne, sizeof(*col));
	cr_normalize_leaf(s->m, s->norm, s->norm_lo, s->norm_hi,
	    (size_t)leaf, ne, col);
	cr_rank(col, ne, 1, r, 1);
	free(col);
	return r;
}

double
cr_scores_score(const struct cr_scores *s, int entity, int node)
{
	return s->score[(size_t)entity * s->n_nodes + (size_t)node];
}

int
cr_scores_rank(struct cr_scores *s, int entity, int node)
{
	size_t	 e = (size_t)entity;
	int	 a = s->agg[node], l;

	if (a != -1)
		return s->agg_rank[e * s->n_aggs + (size_t)a];
	l = s->m->nodes[node].leaf;
	if (s->leaf_rank[l] == NULL)
		s->leaf_rank[l] = rank_leaf(s, l);
	return s->leaf_rank[l][e];
}

int
cr_scores_missing(const struct cr_scores *s, int entity, int node)
{
	const struct cr_model	*m = s->m;
	size_t			 e = (size_t)entity;
	int			 a = s->agg[node];

	if (a != -1)
		return s->agg_missing[e * s->n_aggs + (size_t)a];
	return isnan(m->raw[e * m->n_leaves + (size_t)m->nodes[node].leaf]) ?
	    1 : 0;
}

enum cr_prov
cr_scores_prov(const struct cr_scores *s, int entity, int node)
{
	const struct cr_model	*m = s->m;
	size_t			 e = (size_t)entity;
	int			 a = s->agg[node];

	if (a != -1)
		return s->agg_prov[e * s->n_aggs + (size_t)a];
	return m->prov[e * m->n_leaves + (size_t)m->nodes[node].leaf];
}

static int
check_weight(const struct cr_model *m, const struct cr_scenario *sc,
    size_t node, char **cause)
{
	if (!isfinite(sc->weight[node]) || sc->weight[node] < 0 ||
	    sc->weight[node] > CR_WEIGHT_MAX)
		return cr_cause(cause, "weight %g of '%s' is not a finite number "
		    ">= 0", sc->weight[node], m->nodes[node].code);
	return 0;
}

static int
negative_score(const struct cr_model *m, int node, int entity, char **cause)
{
	return cr_cause(cause, "geometric aggregation needs scores >= 0: node "
	    "%s has a negative score for %s; use minmax or rank "
	    "normalisation", m->nodes[node].code, m->entities[entity].code);
}

/* Weighted mean of the children with a weight and a score. */
static int
aggregate_node(const struct cr_model *m, const struct cr_scenario *sc,
    struct cr_scores *s, int p, char **cause)
{
	double	*row, w, v, sum, wsum;
	size_t	 nn = m->n_nodes, e;
	int	 c, geom = sc->agg == CR_AGG_GEOM, zero;

	for (e = 0; e < m->n_entities; e++) {
		row = &s->score[e * nn];
		sum = wsum = 0;
		zero = 0;
		for (c = m->nodes[p].first_child; c != -1;
		    c = m->nodes[c].next_sibling) {
			w = sc->weight[c];
			v = row[c];
			if (!(w > 0) || isnan(v))
				continue;
			if (geom) {
				if (v < 0)
					return negative_score(m, c, (int)e,
					    cause);
				if (v == 0)
					zero = 1;
				else
					sum += w * log(v);
			} else
				sum += w * v;
			wsum += w;
		}
		if (wsum == 0)
			row[p] = NAN;
		else if (geom)
			row[p] = zero ? 0 : exp(sum / wsum);
		else
			row[p] = sum / wsum;
	}
	return 0;
}

/*
 * Missing counts and provenance do not depend on weights, so only the
 * full computation needs them.  Children come before their parent.
 */
static void
aggregate_facts(const struct cr_model *m, struct cr_scores *s,
    const int *under, int p)
{
	size_t		 e, i;
	int		 c, miss;
	enum cr_prov	 prov;

	for (e = 0; e < m->n_entities; e++) {
		i = e * s->n_aggs + (size_t)s->agg[p];
		s->agg_missing[i] = 0;
		s->agg_prov[i] = CR_PROV_REPORT;
		for (c = m->nodes[p].first_child; c != -1;
		    c = m->nodes[c].next_sibling) {
			miss = cr_scores_missing(s, (int)e, c);
			prov = cr_scores_prov(s, (int)e, c);
			s->agg_missing[i] += miss;
			/* A child with no value beneath has no provenance. */
			if (under[c] > miss && prov > s->agg_prov[i])
				s->agg_prov[i] = prov;
		}
	}
}

static void
rank_agg(struct cr_scores *s, int node)
{
	cr_rank(s->score + node, s->n_entities, s->n_nodes,
	    s->agg_rank + s->agg[node], s->n_aggs);
}

int
cr_score(const struct cr_model *m, const struct cr_scenario *sc,
    struct cr_scores *s, char **cause)
{
	int	*under;
	size_t	 i;
	int	 p, rc = -1;

	if (!m->frozen)
		return cr_cause(cause, "the model is not frozen");
	for (i = 0; i < m->n_nodes; i++)
		if (check_weight(m, sc, i, cause) == -1)
			return -1;
	if (!scores_fit(s, m))
		scores_alloc(s, m);
	else
		drop_leaf_ranks(s);
	s->norm = sc->norm;
	s->norm_lo = sc->norm_lo;
	s->norm_hi = sc->norm_hi;
	cr_normalize(m, sc, s->score);

	/* Leaves beneath each node; children come after their parent. */
	under = xcalloc(m->n_nodes, sizeof(*under));
	for (i = m->n_nodes; i-- > 0;) {
		if (m->nodes[i].n_children == 0)
			under[i] = 1;
		if ((p = m->nodes[i].parent) != -1)
			under[p] += under[i];
	}
	for (i = m->n_nodes; i-- > 0;) {
		if (s->agg[i] == -1)
			continue;
		if (aggregate_node(m, sc, s, (int)i, cause) == -1)
			goto out;
		aggregate_facts(m, s, under, (int)i);
	}
	/* Leaves wait until someone asks for their ranks. */
	for (i = 0; i < m->n_nodes; i++)
		if (s->agg[i] != -1)
			rank_agg(s, (int)i);
	rc = 0;
out:
	free(under);
	return rc;
}

int
cr_score_weight_changed(const struct cr_model *m,
    const struct cr_scenario *sc, struct cr_scores *s, int node, char **cause)
{
	size_t	 e;
	int	 p, leaf;

	if (!m->frozen)
		return cr_cause(cause, "the model is not frozen");
	if (node < 0 || (size_t)node >= m->n_nodes)
		return cr_cause(cause, "no node %d in the model", node);
	if (!scores_fit(s, m))
		return cr_score(m, sc, s, cause);
	if (check_weight(m, sc, (size_t)node, cause) == -1)
		return -1;

	/*
	 * Aggregates are never negative, so a newly weighted leaf is the
	 * only way a negative can reach a geometric mean: check it before
	 * touching anything.
	 */
	leaf = m->nodes[node].leaf;
	if (sc->agg == CR_AGG_GEOM && leaf != -1 && sc->weight[node] > 0 &&
	    m->nodes[node].parent != -1)
		for (e = 0; e < m->n_entities; e++)
			if (s->score[e * m->n_nodes + (size_t)node] < 0)
				return negative_score(m, node, (int)e, cause);

	for (p = m->nodes[node].parent; p != -1; p = m->nodes[p].parent) {
		if (aggregate_node(m, sc, s, p, cause) == -1)
			return -1;
		rank_agg(s, p);
	}
	return 0;
}

/* cr_rank() is in stats.c, next to the average ranks: both are one sort. */
