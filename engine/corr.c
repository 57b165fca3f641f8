/* A node's correlation with the index and with its parent. */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>

#include "corr.h"
#include "stats.h"
#include "xmalloc.h"

struct cr_corr {
	const struct cr_model	*m;
	const struct cr_scores	*s;
	double			*root;		/* the index's scores */
	double			*parent;	/* parent_node's, or none */
	double			*x;
	int			 parent_node;	/* -1: none yet */
};

/* Every unit's score at a node, NAN where missing. */
static void
scores_at(const struct cr_corr *c, int node, double *out)
{
	size_t	 e;

	for (e = 0; e < c->m->n_entities; e++)
		out[e] = cr_scores_score(c->s, (int)e, node);
}

struct cr_corr *
cr_corr_new(const struct cr_model *m, const struct cr_scores *s)
{
	struct cr_corr	*c = xcalloc(1, sizeof(*c));
	size_t		 n = m->n_entities + 1;
	int		 root = 0;

	c->m = m;
	c->s = s;
	c->root = xcalloc(n, sizeof(*c->root));
	c->parent = xcalloc(n, sizeof(*c->parent));
	c->x = xcalloc(n, sizeof(*c->x));
	c->parent_node = -1;
	while (m->nodes[root].parent != -1)
		root = m->nodes[root].parent;
	scores_at(c, root, c->root);
	return (c);
}

void
cr_corr_free(struct cr_corr *c)
{
	if (c == NULL)
		return;
	free(c->root);
	free(c->parent);
	free(c->x);
	free(c);
}

void
cr_corr_node(struct cr_corr *c, int node, double *r_index, double *r_parent)
{
	size_t	 n = c->m->n_entities;
	int	 p = c->m->nodes[node].parent;

	scores_at(c, node, c->x);
	*r_index = cr_pearson(c->x, c->root, n);
	*r_parent = NAN;
	if (p < 0)
		return;
	if (p != c->parent_node) {
		scores_at(c, p, c->parent);
		c->parent_node = p;
	}
	*r_parent = cr_pearson(c->x, c->parent, n);
}

void
cr_node_corr(const struct cr_model *m, const struct cr_scores *s, int node,
    double *r_index, double *r_parent)
{
	struct cr_corr	*c = cr_corr_new(m, s);

	cr_corr_node(c, node, r_index, r_parent);
	cr_corr_free(c);
}
