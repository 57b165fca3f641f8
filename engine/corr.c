/* A node's correlation with the index and with its parent. */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>

#include "corr.h"
#include "stats.h"
#include "xmalloc.h"

/* How often, in units, a read of scores asks whether to give up. */
#define STOP_EVERY	4096

/*
 * A column of scores: an aggregate's as the scores keep it, a leaf's
 * computed into buf (made when first needed).  An aggregate's is not
 * copied: three copies were 2 MB of 84,000 units' 31 MB.
 */
struct col {
	const double	*v;
	double		*buf;
};

struct cr_corr {
	const struct cr_model	*m;
	const struct cr_scores	*s;
	struct col		 root;		/* the index's scores */
	struct col		 parent;	/* parent_node's, or none */
	struct col		 x;
	int			 root_node;
	int			 have_root;
	int			 parent_node;	/* -1: none yet */
};

/* Every unit's score at a node, NAN where missing; 1 when stopped. */
static int
scores_at(const struct cr_corr *c, int node, struct col *out,
    int (*stop)(void *), void *arg)
{
	size_t	 e;

	if ((out->v = cr_scores_column(c->s, node)) != NULL)
		return (0);
	if (out->buf == NULL)
		out->buf = xcalloc(c->m->n_entities + 1, sizeof(*out->buf));
	for (e = 0; e < c->m->n_entities; e++) {
		if (stop != NULL && e % STOP_EVERY == 0 && stop(arg))
			return (1);
		out->buf[e] = cr_scores_score(c->s, (int)e, node);
	}
	out->v = out->buf;
	return (0);
}

struct cr_corr *
cr_corr_new(const struct cr_model *m, const struct cr_scores *s)
{
	struct cr_corr	*c = xcalloc(1, sizeof(*c));

	c->m = m;
	c->s = s;
	c->parent_node = -1;
	while (m->nodes[c->root_node].parent != -1)
		c->root_node = m->nodes[c->root_node].parent;
	return (c);
}

void
cr_corr_free(struct cr_corr *c)
{
	if (c == NULL)
		return;
	free(c->root.buf);
	free(c->parent.buf);
	free(c->x.buf);
	free(c);
}

void
cr_corr_node(struct cr_corr *c, int node, double *r_index, double *r_parent)
{
	cr_corr_node_until(c, node, NULL, NULL, r_index, r_parent);
}

int
cr_corr_node_until(struct cr_corr *c, int node, int (*stop)(void *),
    void *arg, double *r_index, double *r_parent)
{
	size_t	 n = c->m->n_entities;
	int	 p = c->m->nodes[node].parent;

	/* The index's scores are read with the first node's. */
	if (!c->have_root) {
		if (scores_at(c, c->root_node, &c->root, stop, arg))
			return (1);
		c->have_root = 1;
	}
	if (scores_at(c, node, &c->x, stop, arg))
		return (1);
	*r_index = cr_pearson(c->x.v, c->root.v, n);
	*r_parent = NAN;
	if (p < 0)
		return (0);
	if (p != c->parent_node) {
		c->parent_node = -1;
		if (scores_at(c, p, &c->parent, stop, arg))
			return (1);
		c->parent_node = p;
	}
	*r_parent = cr_pearson(c->x.v, c->parent.v, n);
	return (0);
}

void
cr_node_corr(const struct cr_model *m, const struct cr_scores *s, int node,
    double *r_index, double *r_parent)
{
	struct cr_corr	*c = cr_corr_new(m, s);

	cr_corr_node(c, node, r_index, r_parent);
	cr_corr_free(c);
}
