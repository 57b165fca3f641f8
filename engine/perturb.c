/*
 * The uncertain factors and how a sample draws them: which weights
 * vary, the random stream of a block of samples, and the weights and
 * methods of one sample.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "cause.h"
#include "mc_priv.h"
#include "xmalloc.h"

/* MurmurHash3's finalisers: bijections that mix every bit. */
static uint64_t
fmix64(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	k *= 0xc4ceb9fe1a85ec53ULL;
	k ^= k >> 33;
	return k;
}

static uint32_t
fmix32(uint32_t h)
{
	h ^= h >> 16;
	h *= 0x85ebca6bU;
	h ^= h >> 13;
	h *= 0xc2b2ae35U;
	h ^= h >> 16;
	return h;
}

/*
 * GSL's generators take 32 bits of seed.  The seed and stream pick a
 * start, and the block steps from it by an odd number before a
 * bijective mix, so the blocks of one run (fewer than 2^32) never share
 * a seed, and so never a stream.
 */
unsigned long
mc_block_seed(uint64_t seed, enum cr_stream stream, uint64_t block)
{
	uint32_t	start = (uint32_t)fmix64(seed ^ fmix64((uint64_t)stream));

	return fmix32(start + (uint32_t)block * 0x9e3779b9U);
}

static size_t
positive_children(const struct cr_model *m, const struct cr_scenario *sc,
    int p)
{
	size_t	k = 0;
	int	c;

	for (c = m->nodes[p].first_child; c != -1;
	    c = m->nodes[c].next_sibling)
		k += sc->weight[c] > 0;
	return k;
}

/*
 * A group's weights vary when its children are at the level and two
 * or more weigh something: a lone weight is always the whole share,
 * and a zero weight stays zero (the child is left out of the score).
 */
static void
weight_factors(struct cr_mc *mc)
{
	const struct cr_model	*m = mc->m;
	size_t			 k;
	int			 p, c, lvl = mc->spec.level;

	mc->group = xcalloc(m->n_nodes + 1, sizeof(*mc->group));
	for (p = 0; (size_t)p < m->n_nodes; p++) {
		if (m->nodes[p].n_children == 0 ||
		    !cr_model_under(m, p, mc->spec.node) ||
		    (lvl != 0 && m->nodes[p].depth + 1 != lvl) ||
		    (k = positive_children(m, mc->base, p)) < 2)
			continue;
		mc->group[mc->n_groups++] = p;
		if (k > mc->max_children)
			mc->max_children = k;
		for (c = m->nodes[p].first_child; c != -1;
		    c = m->nodes[c].next_sibling)
			if (mc->base->weight[c] > 0)
				mc->factor[mc->n_factors++] = (struct cr_factor){
				    CR_FACTOR_WEIGHT, c };
	}
}

int
mc_factors(struct cr_mc *mc, char **cause)
{
	const struct cr_model	*m = mc->m;

	mc->factor = xcalloc(m->n_nodes + 2, sizeof(*mc->factor));
	if (mc->spec.weights)
		weight_factors(mc);
	else
		mc->group = xcalloc(1, sizeof(*mc->group));
	mc->n_wfactors = mc->n_factors;
	if (mc->n_norm > 1)
		mc->factor[mc->n_factors++] = (struct cr_factor){
		    CR_FACTOR_NORM, -1 };
	if (mc->n_agg > 1)
		mc->factor[mc->n_factors++] = (struct cr_factor){
		    CR_FACTOR_AGG, -1 };
	if (mc->n_factors > 0)
		return 0;
	if (mc->spec.weights && mc->spec.level != 0)
		return cr_cause(cause, "no weights vary at level %d beneath "
		    "%s (a level is a depth: 1 for the dimensions; a group "
		    "needs two weights above zero)", mc->spec.level,
		    m->nodes[mc->spec.node].code);
	return cr_cause(cause, "nothing varies: no weights beneath %s to "
	    "vary, and no set of two or more methods to draw from",
	    m->nodes[mc->spec.node].code);
}

/* A choice among n from a uniform in [0, 1). */
static size_t
pick(double u, size_t n)
{
	size_t	k = (size_t)(u * (double)n);

	return k < n ? k : n - 1;
}

/*
 * Weights are relative within their parent, so each is scaled alone:
 * renormalising the group would change the scores by rounding only,
 * and with no noise the weights stay the scenario's bit for bit.
 */
void
mc_apply_u(const struct cr_mc *mc, struct mc_ws *ws)
{
	const struct cr_factor	*f;
	double			 noise = mc->spec.noise;
	size_t			 i;

	for (i = 0; i < mc->n_factors; i++) {
		f = &mc->factor[i];
		switch (f->kind) {
		case CR_FACTOR_WEIGHT:
			ws->w[f->node] = mc->base->weight[f->node] *
			    (1 + noise * (2 * ws->u[i] - 1));
			break;
		case CR_FACTOR_NORM:
			ws->norm = pick(ws->u[i], mc->n_norm);
			break;
		case CR_FACTOR_AGG:
			ws->agg = pick(ws->u[i], mc->n_agg);
			break;
		}
	}
}

/* Each group's shares ~ Dirichlet(c * its shares now). */
static void
draw_dirichlet(const struct cr_mc *mc, struct mc_ws *ws)
{
	const struct cr_model	*m = mc->m;
	const double		*bw = mc->base->weight;
	double			 tot;
	size_t			 g, k;
	int			 c;

	for (g = 0; g < mc->n_groups; g++) {
		tot = 0;
		for (c = m->nodes[mc->group[g]].first_child; c != -1;
		    c = m->nodes[c].next_sibling)
			tot += bw[c] > 0 ? bw[c] : 0;
		k = 0;
		for (c = m->nodes[mc->group[g]].first_child; c != -1;
		    c = m->nodes[c].next_sibling)
			if (bw[c] > 0)
				ws->alpha[k++] = mc->spec.conc * (bw[c] / tot);
		gsl_ran_dirichlet(ws->r, k, ws->alpha, ws->theta);
		k = 0;
		for (c = m->nodes[mc->group[g]].first_child; c != -1;
		    c = m->nodes[c].next_sibling)
			if (bw[c] > 0)
				ws->w[c] = ws->theta[k++];
	}
}

void
mc_draw(const struct cr_mc *mc, struct mc_ws *ws)
{
	size_t	i;

	if (mc->spec.dist == CR_MC_DIRICHLET) {
		draw_dirichlet(mc, ws);
		for (i = mc->n_wfactors; i < mc->n_factors; i++)
			ws->u[i] = gsl_rng_uniform(ws->r);
		/* The weights are drawn: apply the methods' uniforms only. */
		for (i = mc->n_wfactors; i < mc->n_factors; i++) {
			if (mc->factor[i].kind == CR_FACTOR_NORM)
				ws->norm = pick(ws->u[i], mc->n_norm);
			else
				ws->agg = pick(ws->u[i], mc->n_agg);
		}
		return;
	}
	for (i = 0; i < mc->n_factors; i++)
		ws->u[i] = gsl_rng_uniform(ws->r);
	mc_apply_u(mc, ws);
}
