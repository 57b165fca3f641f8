/*
 * The ranked node's score as an affine map of marked nodes' scores:
 * one walk down from the ranked node, entity by entity (affine.h).
 */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "affine.h"
#include "xmalloc.h"

void
cr_affine_init(struct cr_affine *a, const struct cr_model *m,
    const struct cr_scenario *sc, const struct cr_scores *s, int by,
    const int *marked, size_t n)
{
	struct cr_agg_spec	 agg;
	size_t			 i;
	int			 p;

	memset(a, 0, sizeof(*a));
	a->m = m;
	a->sc = sc;
	a->s = s;
	a->by = by;
	/* cr_scenario_solvable() saw one mean at every depth. */
	cr_scenario_node_agg(m, sc, by, &agg);
	a->geom = agg.method == CR_AGG_GEOM;
	a->n_groups = n;
	a->group = xreallocarray(NULL, m->n_nodes, sizeof(*a->group));
	a->below = xcalloc(m->n_nodes, sizeof(*a->below));
	for (i = 0; i < m->n_nodes; i++)
		a->group[i] = -1;
	for (i = 0; i < n; i++) {
		a->group[marked[i]] = (int)i;
		for (p = marked[i]; p != -1; p = m->nodes[p].parent)
			a->below[p] = 1;
	}
}

void
cr_affine_clear(struct cr_affine *a)
{
	free(a->group);
	free(a->below);
	memset(a, 0, sizeof(*a));
}

double
cr_affine_t(const struct cr_affine *a, double v)
{
	if (!a->geom || isnan(v))
		return v;
	return v > 0 ? log(v) : -INFINITY;
}

/* Whether a node has a score for the entity, the marked ones as told. */
static int
has_score(const struct cr_affine *a, int e, int node,
    const unsigned char *present)
{
	const struct cr_model	*m = a->m;
	int			 c;

	if (a->group[node] != -1)
		return present == NULL || present[a->group[node]];
	if (!a->below[node])
		return !isnan(cr_scores_score(a->s, e, node));
	for (c = m->nodes[node].first_child; c != -1;
	    c = m->nodes[c].next_sibling)
		if (a->sc->weight[c] > 0 && has_score(a, e, c, present))
			return 1;
	return 0;
}

/* Adds f T(S_node) to the map; -1 when a used score of 0 zeroes it. */
static int
walk(const struct cr_affine *a, int e, int node, double f,
    const unsigned char *present, double *beta, double *konst)
{
	const struct cr_model	*m = a->m;
	double			 wsum = 0, v;
	int			 c;

	if (a->group[node] != -1) {
		beta[a->group[node]] += f;
		return 0;
	}
	if (!a->below[node]) {
		v = cr_affine_t(a, cr_scores_score(a->s, e, node));
		if (v == -INFINITY)
			return -1;
		*konst += f * v;
		return 0;
	}
	for (c = m->nodes[node].first_child; c != -1;
	    c = m->nodes[c].next_sibling)
		if (a->sc->weight[c] > 0 && has_score(a, e, c, present))
			wsum += a->sc->weight[c];
	for (c = m->nodes[node].first_child; c != -1;
	    c = m->nodes[c].next_sibling) {
		if (!(a->sc->weight[c] > 0) || !has_score(a, e, c, present))
			continue;
		if (walk(a, e, c, f * a->sc->weight[c] / wsum, present, beta,
		    konst) == -1)
			return -1;
	}
	return 0;
}

enum cr_aff_kind
cr_affine_unit(const struct cr_affine *a, int e, const unsigned char *present,
    double *beta, double *konst)
{
	size_t	 g;

	for (g = 0; g < a->n_groups; g++)
		beta[g] = 0;
	*konst = 0;
	if (!has_score(a, e, a->by, present))
		return CR_AFF_MISSING;
	if (walk(a, e, a->by, 1, present, beta, konst) == -1)
		return CR_AFF_NEGINF;
	return CR_AFF_FN;
}
