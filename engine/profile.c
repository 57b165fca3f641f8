/*
 * A city's strongest and weakest nodes, by percentile rank position so
 * that nodes with different numbers of ranked entities compare.
 */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>

#include "model.h"
#include "profile.h"
#include "score.h"
#include "xmalloc.h"

struct place {
	int	 node;
	double	 p;
};

/* qsort is not stable, so ties fall back to node order explicitly. */
static int
cmp_strong(const void *va, const void *vb)
{
	const struct place	*a = va, *b = vb;

	if (a->p != b->p)
		return a->p < b->p ? -1 : 1;
	return (a->node > b->node) - (a->node < b->node);
}

static int
cmp_weak(const void *va, const void *vb)
{
	const struct place	*a = va, *b = vb;

	if (a->p != b->p)
		return a->p > b->p ? -1 : 1;
	return (a->node > b->node) - (a->node < b->node);
}

/*
 * The qualifying nodes of one entity, in node order; (size_t)-1 when
 * the stop function said to give up.
 */
static size_t
places(const struct cr_model *m, const struct cr_scores *s, int entity,
    struct place *out, int (*stop)(void *), void *arg)
{
	size_t	 i, n = 0, ranked;
	int	 r;

	for (i = 0; i < m->n_nodes; i++) {
		if (stop != NULL && stop(arg))
			return ((size_t)-1);
		if (m->nodes[i].parent == -1)
			continue;
		r = cr_scores_rank_among(s, entity, (int)i, &ranked);
		if (r <= 0 || ranked < 2)
			continue;
		out[n].node = (int)i;
		out[n].p = (double)(r - 1) / (double)(ranked - 1);
		n++;
	}
	return n;
}

static void
pick(struct place *pl, size_t n, int (*cmp)(const void *, const void *),
    int k, int *out, int *nout)
{
	size_t	 i;

	if (out == NULL || nout == NULL)
		return;
	qsort(pl, n, sizeof(*pl), cmp);
	for (i = 0; i < n && i < (size_t)k; i++)
		out[i] = pl[i].node;
	*nout = (int)i;
}

int
cr_profile(const struct cr_model *m, const struct cr_scores *s, int entity,
    int k, int *strong, int *weak, int *nstrong, int *nweak)
{
	return (cr_profile_until(m, s, entity, k, strong, weak, nstrong,
	    nweak, NULL, NULL));
}

int
cr_profile_until(const struct cr_model *m, const struct cr_scores *s,
    int entity, int k, int *strong, int *weak, int *nstrong, int *nweak,
    int (*stop)(void *), void *arg)
{
	struct place	*pl;
	size_t		 n;

	if (nstrong != NULL)
		*nstrong = 0;
	if (nweak != NULL)
		*nweak = 0;
	if (entity < 0 || (size_t)entity >= s->n_entities || k < 0 ||
	    s->n_nodes != m->n_nodes)
		return -1;
	pl = xreallocarray(NULL, m->n_nodes > 0 ? m->n_nodes : 1,
	    sizeof(*pl));
	if ((n = places(m, s, entity, pl, stop, arg)) == (size_t)-1) {
		free(pl);
		return 1;
	}
	pick(pl, n, cmp_strong, k, strong, nstrong);
	pick(pl, n, cmp_weak, k, weak, nweak);
	free(pl);
	return 0;
}
