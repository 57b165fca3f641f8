/*
 * Scoring: normalise the leaves, aggregate bottom-up, rank every node.
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


static void
scores_alloc(struct cr_scores *s, const struct cr_model *m)
{
	size_t	 n, i;

	s->n_entities = m->n_entities;
	s->n_nodes = m->n_nodes;
	s->n_leaves = m->n_leaves;
	n = s->n_entities * s->n_nodes;
	s->score = xreallocarray(s->score, n, sizeof(*s->score));
	s->rank = xreallocarray(s->rank, n, sizeof(*s->rank));
	s->n_missing = xreallocarray(s->n_missing, n, sizeof(*s->n_missing));
	s->prov = xreallocarray(s->prov, n, sizeof(*s->prov));
	for (i = 0; i < n; i++) {
		s->score[i] = NAN;
		s->rank[i] = 0;
		s->n_missing[i] = 0;
		s->prov[i] = CR_PROV_REPORT;
	}
}

static int
scores_fit(const struct cr_scores *s, const struct cr_model *m)
{
	return s->n_entities == m->n_entities && s->n_nodes == m->n_nodes &&
	    s->n_leaves == m->n_leaves && s->score != NULL;
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
	free(s->n_missing);
	free(s->prov);
	s->score = NULL;
	s->n_missing = NULL;
	s->prov = NULL;
}

struct cr_scores *
cr_scores_ranks_copy(const struct cr_scores *from)
{
	struct cr_scores	*s = xcalloc(1, sizeof(*s));
	size_t			 n = from->n_entities * from->n_nodes;

	s->n_entities = from->n_entities;
	s->n_nodes = from->n_nodes;
	s->n_leaves = from->n_leaves;
	s->rank = xreallocarray(NULL, n + 1, sizeof(*s->rank));
	memcpy(s->rank, from->rank, n * sizeof(*s->rank));
	return s;
}

void
cr_scores_free(struct cr_scores *s)
{
	if (s == NULL)
		return;
	free(s->score);
	free(s->rank);
	free(s->n_missing);
	free(s->prov);
	free(s);
}

int
cr_scores_rank(struct cr_scores *s, int entity, int node)
{
	return s->rank[(size_t)entity * s->n_nodes + (size_t)node];
}

int
cr_scores_missing(const struct cr_scores *s, int entity, int node)
{
	return s->n_missing[(size_t)entity * s->n_nodes + (size_t)node];
}

enum cr_prov
cr_scores_prov(const struct cr_scores *s, int entity, int node)
{
	return s->prov[(size_t)entity * s->n_nodes + (size_t)node];
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
 * full computation needs them.
 */
static void
leaf_facts(const struct cr_model *m, struct cr_scores *s)
{
	size_t	 nn = m->n_nodes, nl = m->n_leaves, e, l, i;
	int	 node;

	for (e = 0; e < m->n_entities; e++) {
		for (l = 0; l < nl; l++) {
			node = m->leaf_node[l];
			i = e * nn + (size_t)node;
			s->n_missing[i] = isnan(m->raw[e * nl + l]) ? 1 : 0;
			s->prov[i] = m->prov[e * nl + l];
		}
	}
}

static void
aggregate_facts(const struct cr_model *m, struct cr_scores *s,
    const int *under, int p)
{
	size_t	 nn = m->n_nodes, e, i, ci;
	int	 c;

	for (e = 0; e < m->n_entities; e++) {
		i = e * nn + (size_t)p;
		s->n_missing[i] = 0;
		s->prov[i] = CR_PROV_REPORT;
		for (c = m->nodes[p].first_child; c != -1;
		    c = m->nodes[c].next_sibling) {
			ci = e * nn + (size_t)c;
			s->n_missing[i] += s->n_missing[ci];
			/* A child with no value beneath has no provenance. */
			if (under[c] > s->n_missing[ci] &&
			    s->prov[ci] > s->prov[i])
				s->prov[i] = s->prov[ci];
		}
	}
}

static void
rank_node(const struct cr_model *m, struct cr_scores *s, size_t node)
{
	cr_rank(s->score + node, m->n_entities, m->n_nodes, s->rank + node,
	    m->n_nodes);
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
	cr_normalize(m, sc, s->score);
	leaf_facts(m, s);

	/* Leaves beneath each node; children come after their parent. */
	under = xcalloc(m->n_nodes, sizeof(*under));
	for (i = m->n_nodes; i-- > 0;) {
		if (m->nodes[i].n_children == 0)
			under[i] = 1;
		if ((p = m->nodes[i].parent) != -1)
			under[p] += under[i];
	}
	for (i = m->n_nodes; i-- > 0;) {
		if (m->nodes[i].n_children == 0)
			continue;
		if (aggregate_node(m, sc, s, (int)i, cause) == -1)
			goto out;
		aggregate_facts(m, s, under, (int)i);
	}
	for (i = 0; i < m->n_nodes; i++)
		rank_node(m, s, i);
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
		rank_node(m, s, (size_t)p);
	}
	return 0;
}

/* cr_rank() is in stats.c, next to the average ranks: both are one sort. */
