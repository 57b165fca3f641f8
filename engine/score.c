/*
 * Scoring: record how each leaf is normalised, aggregate bottom-up,
 * rank the aggregates.  A leaf's score is computed when read, and its
 * ranks counted, or the column ranked, when asked for (score.h).
 *
 * Every aggregate is computed by one function, children in tree order,
 * so a partial re-score after a weight change gives bit for bit the
 * numbers of a full one, and exact comparison of scores for ties is
 * meaningful.
 */
#include "config.h"

#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aggregate.h"
#include "bitcol.h"
#include "cause.h"
#include "model.h"
#include "normalize.h"
#include "score.h"
#include "stats.h"
#include "top.h"
#include "xmalloc.h"

/* From this many entities on, a second thread takes half of them. */
#define THREAD_MIN	20000
/* agg_stale: ranks to make (1), or made only where cr_scores_top() did. */
#define AGG_TOP		2
/* agg_stale in a lazy copy: the ranks are its original's (score.h). */
#define AGG_SHARED	3
/* cr_scores_top() for fewer rows than this part of them; else a sort. */
#define TOP_PART	8

/*
 * ent_fact: the provenance a unit's values share, or FACT_MIXED;
 * FACT_MISSING when one of them is missing, and FACT_EMPTY when an
 * aggregate has none of them beneath (its provenance is the report's).
 */
#define FACT_PROV	0x3f
#define FACT_MIXED	0x3f
#define FACT_EMPTY	0x40
#define FACT_MISSING	0x80

/* Whether a second core is there: asked once, not at every key. */
static int	two_cores;

static void
count_cores(void)
{
	two_cores = sysconf(_SC_NPROCESSORS_ONLN) >= 2;
}

static int
has_two_cores(void)
{
	static pthread_once_t	once = PTHREAD_ONCE_INIT;

	pthread_once(&once, count_cores);
	return two_cores;
}

/* Where aggregate a's column starts in the aggregates' arrays. */
static inline size_t
col(const struct cr_scores *s, int a)
{
	return (size_t)a * s->n_entities;
}

/*
 * A lazy ranks copy's original, read for aggregate a, which must be as
 * it was when copied (score.h).
 */
static const struct cr_scores *
shared(const struct cr_scores *s, int a)
{
	if (s->src->agg_gen[a] > s->src_gen) {
		fputs("cityrank: internal error: stale ranks copy\n", stderr);
		abort();
	}
	return s->src;
}

/* Aggregate a's scores: a lazy ranks copy's are its original's. */
static const double *
agg_col(const struct cr_scores *s, int a)
{
	if (s->src == NULL)
		return s->agg_score + col(s, a);
	return shared(s, a)->agg_score + col(s, a);
}

/* Aggregate a's packed ranks. */
static inline uint64_t *
rank_col(const struct cr_scores *s, int a)
{
	return s->agg_rank + (size_t)a * s->rank_words;
}

static inline int
agg_rank_of(const struct cr_scores *s, int a, size_t e)
{
	return (int)cr_bits_get(rank_col(s, a), s->rank_bits, e);
}

/* Ranks as ints, for what ranks or orders a whole column. */
static void
unpack_ranks(const struct cr_scores *s, int a, int *r)
{
	const uint64_t	*c = rank_col(s, a);
	size_t		 e;

	for (e = 0; e < s->n_entities; e++)
		r[e] = (int)cr_bits_get(c, s->rank_bits, e);
}

/*
 * An aggregate's ranks, from its scores.  Through a const pointer: the
 * ranks are a cache of the scores (score.h), filled when first read.
 */
static void
rank_agg(const struct cr_scores *s, int node, int *order)
{
	int	 a = s->agg[node];

	cr_rank_bits(agg_col(s, a), s->n_entities, 1, rank_col(s, a),
	    s->rank_bits, order);
	s->agg_stale[a] = 0;
}

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

/*
 * The leaves beneath each aggregate, found from each leaf up: a count
 * first, then the lists, each aggregate's in leaf order.
 */
static void
agg_leaves(struct cr_scores *s, const struct cr_model *m)
{
	size_t	*at, l, a;
	int	 p;

	at = xcalloc(s->n_aggs + 1, sizeof(*at));
	for (l = 0; l < m->n_leaves; l++)
		for (p = m->nodes[m->leaf_node[l]].parent; p != -1;
		    p = m->nodes[p].parent)
			at[s->agg[p] + 1]++;
	for (a = 0; a < s->n_aggs; a++)
		at[a + 1] += at[a];
	free(s->agg_leaf);
	s->agg_leaf = xreallocarray(NULL, at[s->n_aggs] + 1,
	    sizeof(*s->agg_leaf));
	for (l = 0; l < m->n_leaves; l++)
		for (p = m->nodes[m->leaf_node[l]].parent; p != -1;
		    p = m->nodes[p].parent)
			s->agg_leaf[at[s->agg[p]]++] = (int)l;
	/* Each start moved to the next one's: back by one. */
	for (a = s->n_aggs; a > 0; a--)
		at[a] = at[a - 1];
	at[0] = 0;
	free(s->agg_leaf_at);
	s->agg_leaf_at = at;
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
	agg_leaves(s, m);
}

/*
 * Before the first cr_score() a leaf reads as its raw value times the
 * direction, as with no normalisation, and an aggregate as missing.
 */
static void
scores_alloc(struct cr_scores *s, const struct cr_model *m)
{
	size_t	 n, i;

	drop_leaf_ranks(s);
	s->gen++;
	s->src = NULL;
	s->m = m;
	s->n_entities = m->n_entities;
	s->n_nodes = m->n_nodes;
	s->n_leaves = m->n_leaves;
	agg_slots(s, m);
	s->norm = CR_NORM_NONE;
	s->leaf_norm = xreallocarray(s->leaf_norm, s->n_leaves,
	    sizeof(*s->leaf_norm));
	cr_norm_params_all(m, s->norm, 0, 100, s->leaf_norm);
	free(s->leaf_rank2);
	s->leaf_rank2 = NULL;
	n = s->n_entities * s->n_aggs;
	s->agg_score = xreallocarray(s->agg_score, n, sizeof(*s->agg_score));
	s->rank_bits = cr_bits_for(s->n_entities);
	s->rank_words = cr_bits_words(s->n_entities, s->rank_bits);
	/*
	 * Zero pages, not zeroed ones: a column is touched when ranked,
	 * and most never are (1.6 MB at 84,000 units, resident at open
	 * when they were cleared here).
	 */
	free(s->agg_rank);
	s->agg_rank = xcalloc(s->n_aggs + 1, s->rank_words *
	    sizeof(*s->agg_rank));
	s->ent_fact = xreallocarray(s->ent_fact, s->n_entities + 1,
	    sizeof(*s->ent_fact));
	xhuge(s->agg_score, n * sizeof(*s->agg_score));
	s->agg_stale = xreallocarray(s->agg_stale, s->n_aggs + 1,
	    sizeof(*s->agg_stale));
	memset(s->agg_stale, 0, s->n_aggs + 1);
	s->agg_gen = xreallocarray(s->agg_gen, s->n_aggs + 1,
	    sizeof(*s->agg_gen));
	for (i = 0; i <= s->n_aggs; i++)
		s->agg_gen[i] = s->gen;
	s->agg_top = xreallocarray(s->agg_top, s->n_aggs + 1,
	    sizeof(*s->agg_top));
	for (i = 0; i < n; i++)
		s->agg_score[i] = NAN;
	/* Until the first score: nothing missing, all from the report. */
	memset(s->ent_fact, CR_PROV_REPORT, s->n_entities + 1);
	s->leaf_rank = xreallocarray(s->leaf_rank, s->n_leaves,
	    sizeof(*s->leaf_rank));
	for (i = 0; i < s->n_leaves; i++)
		s->leaf_rank[i] = NULL;
}

/* A result of this model with every array a score needs. */
static int
scores_fit(const struct cr_scores *s, const struct cr_model *m)
{
	return s->m == m && s->n_entities == m->n_entities &&
	    s->n_nodes == m->n_nodes && s->n_leaves == m->n_leaves &&
	    s->agg_score != NULL && s->ent_fact != NULL;
}

struct cr_scores *
cr_scores_new(const struct cr_model *m)
{
	struct cr_scores	*s;

	s = xcalloc(1, sizeof(*s));
	scores_alloc(s, m);
	return s;
}

/* Whether an aggregate waits to be ranked from its scores. */
static int
any_stale(const struct cr_scores *s)
{
	size_t	 a;

	for (a = 0; s->agg_stale != NULL && a < s->n_aggs; a++)
		if (s->agg_stale[a])
			return 1;
	return 0;
}

void
cr_scores_ranks_only(struct cr_scores *s)
{
	if (!any_stale(s)) {
		free(s->agg_score);
		s->agg_score = NULL;
	}
	free(s->leaf_rank2);
	free(s->ent_fact);
	s->leaf_rank2 = NULL;
	s->ent_fact = NULL;
}

/*
 * Aggregate node's ranks made a lazy copy's own: the original's copied
 * when it has ranked them all, else made from the original's scores.
 */
static void
own_agg(const struct cr_scores *s, int node)
{
	const struct cr_scores	*o;
	int			 a = s->agg[node];

	if (s->agg_stale[a] == AGG_SHARED &&
	    (o = shared(s, a))->agg_stale[a] == 0) {
		memcpy(rank_col(s, a), rank_col(o, a),
		    s->rank_words * sizeof(*s->agg_rank));
		s->agg_stale[a] = 0;
		return;
	}
	rank_agg(s, node, NULL);
}

struct rank_job {
	const struct cr_scores	*s;
	const int		*nodes;
	size_t			 n;
};

static void *
rank_some(void *arg)
{
	struct rank_job	*j = arg;
	size_t		 i;

	for (i = 0; i < j->n; i++)
		own_agg(j->s, j->nodes[i]);
	return NULL;
}

/*
 * The aggregates of k nodes made a lazy copy's own: at 100,000 units,
 * half of them on a second core (each its own column and flag).  With
 * none left shared, the copy is free of its original.
 */
static void
own_nodes(struct cr_scores *s, const int *nodes, size_t k)
{
	struct rank_job	 a, b;
	pthread_t	 t;

	a = (struct rank_job){ s, nodes, k / 2 };
	b = (struct rank_job){ s, nodes + k / 2, k - k / 2 };
	if (k < 2 || s->n_entities < (s->thread_min > 0 ? s->thread_min :
	    THREAD_MIN) || !has_two_cores() ||
	    pthread_create(&t, NULL, rank_some, &b) != 0) {
		a.n = k;
		rank_some(&a);
	} else {
		rank_some(&a);
		pthread_join(t, NULL);
	}
	if (!any_stale(s))
		s->src = NULL;
}

struct cr_scores *
cr_scores_ranks_copy(const struct cr_scores *from)
{
	struct cr_scores	*s = xcalloc(1, sizeof(*s));
	size_t			 l;

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
	s->leaf_norm = xreallocarray(NULL, s->n_leaves, sizeof(*s->leaf_norm));
	memcpy(s->leaf_norm, from->leaf_norm,
	    s->n_leaves * sizeof(*s->leaf_norm));
	s->rank_bits = from->rank_bits;
	s->rank_words = from->rank_words;
	/* Untouched until an aggregate is made the copy's own. */
	s->agg_rank = xcalloc(s->n_aggs + 1, s->rank_words *
	    sizeof(*s->agg_rank));
	s->agg_stale = xcalloc(s->n_aggs + 1, sizeof(*s->agg_stale));
	s->agg_top = xcalloc(s->n_aggs + 1, sizeof(*s->agg_top));
	s->agg_gen = xcalloc(s->n_aggs + 1, sizeof(*s->agg_gen));
	if (s->n_aggs > 0) {
		memset(s->agg_stale, AGG_SHARED, s->n_aggs);
		s->src = from;
		s->src_gen = from->gen;
	}
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
cr_scores_ranks_settle(struct cr_scores *s)
{
	int	*nodes;
	size_t	 node, k = 0;

	if (s == NULL || s->src == NULL)
		return;
	nodes = xreallocarray(NULL, s->n_nodes + 1, sizeof(*nodes));
	for (node = 0; node < s->n_nodes; node++)
		if (s->agg[node] != -1 && s->agg_stale[s->agg[node]])
			nodes[k++] = (int)node;
	own_nodes(s, nodes, k);
	free(nodes);
}

void
cr_scores_ranks_own(struct cr_scores *s, int node)
{
	if (s != NULL && s->src != NULL && s->agg[node] != -1 &&
	    s->agg_stale[s->agg[node]])
		own_nodes(s, &node, 1);
}

void
cr_scores_ranks_settle_node(struct cr_scores *s, int node)
{
	int	*nodes, p;
	size_t	 k = 0;

	if (s == NULL || s->src == NULL)
		return;
	nodes = xreallocarray(NULL, s->n_nodes + 1, sizeof(*nodes));
	for (p = s->m->nodes[node].parent; p != -1; p = s->m->nodes[p].parent)
		if (s->agg_stale[s->agg[p]])
			nodes[k++] = p;
	own_nodes(s, nodes, k);
	free(nodes);
}

void
cr_scores_free(struct cr_scores *s)
{
	if (s == NULL)
		return;
	drop_leaf_ranks(s);
	free(s->leaf_rank);
	free(s->leaf_norm);
	free(s->leaf_rank2);
	free(s->agg);
	free(s->agg_score);
	free(s->agg_rank);
	free(s->agg_stale);
	free(s->agg_gen);
	free(s->agg_top);
	free(s->ent_fact);
	free(s->agg_leaf);
	free(s->agg_leaf_at);
	free(s);
}

/*
 * A leaf's score: norm_minmax() and norm_zscore() on one value, with the
 * statistics cr_norm_params() took of the column, the same operations
 * in the same order, so bit for bit the value the whole-column
 * normalisation gives.  Inline: aggregating the leaves' parents reads
 * every leaf score, and this replaces reading a stored one.
 */
/*
 * norm_rank()'s percentile from the stored rank: r2 / 2 is exactly the
 * average rank it computes, and the arithmetic is the same.
 */
static inline double
leaf_pct(const struct cr_scores *s, size_t e, size_t l)
{
	uint32_t	 r2 = s->leaf_rank2[e * s->n_leaves + l];
	double		 k = s->leaf_norm[l].a;

	if (r2 == 0)
		return NAN;
	/* norm_minrank()'s: r2 / 2 is then the lowest rank of a tie. */
	if (s->leaf_norm[l].method == CR_NORM_BORDA)
		return (int)(r2 / 2) - 1;
	if (s->leaf_norm[l].method == CR_NORM_PRANK)
		return k > 1 ? 100 * (int)(r2 / 2 - 1) / (k - 1) : 50;
	return k > 1 ? 100 * ((double)r2 / 2 - 1) / (k - 1) : 50;
}

static inline double
leaf_score(const struct cr_scores *s, size_t e, size_t l)
{
	const struct cr_leaf_norm	*p = &s->leaf_norm[l];
	double				 v;

	if (cr_norm_ranked(p->method))
		return leaf_pct(s, e, l);
	v = s->m->raw[e * s->n_leaves + l] * p->dir;
	if (isnan(v))
		return v;
	switch (p->method) {
	case CR_NORM_MINMAX:
		if (p->b == p->a)
			return p->lo + (p->hi - p->lo) / 2;
		return p->lo + (v - p->a) / (p->b - p->a) * (p->hi - p->lo);
	case CR_NORM_GOALPOSTS:
		/* Clipped to the posts: beyond them is no better. */
		return p->c * fmin(1, fmax(0, (v - p->a) / (p->b - p->a)));
	case CR_NORM_DIST2MAX:
		if (p->b == p->a)
			return 50;
		return 100 * (1 - (p->b - v) / (p->b - p->a));
	case CR_NORM_DIST2TARG:
		v = 100 * ((v - p->a) / (p->c - p->a));
		return p->cap && v > 100 ? 100 : v;
	case CR_NORM_DIST2REF:
		v = 100 * (1 - (p->c - v) / (p->c - p->a));
		return p->cap && v > 100 ? 100 : v;
	case CR_NORM_ZSCORE:
		return p->b > 0 ? (v - p->a) / p->b : 0;
	case CR_NORM_FRACMAX:
		/* norm_fracmax()'s, b the max; cr_score() refused a misfit. */
		if (p->a >= 0 && p->b > 0)
			return 100 * (v / p->b);
		if (p->b < 0)
			return 100 * (p->b / v);
		return NAN;
	case CR_NORM_NONE:
	default:
		return v;
	}
}

static inline double
node_score(const struct cr_scores *s, size_t e, int node)
{
	int	 a = s->agg[node];

	if (a != -1)
		return s->agg_score[col(s, a) + e];
	return leaf_score(s, e, (size_t)s->m->nodes[node].leaf);
}

double
cr_scores_score(const struct cr_scores *s, int entity, int node)
{
	return node_score(s, (size_t)entity, node);
}

/*
 * A leaf's scores for every entity.  A ranks-only result by rank has no
 * leaf_rank2: the column is normalised again, as cr_score() did.
 */
static void
leaf_column(const struct cr_scores *s, size_t l, double *col)
{
	size_t	 e;

	if (cr_norm_ranked(s->leaf_norm[l].method) && s->leaf_rank2 == NULL) {
		cr_normalize_leaf(s->m, s->leaf_norm[l].method, 0, 100, l,
		    s->n_entities, col);
		return;
	}
	for (e = 0; e < s->n_entities; e++)
		col[e] = leaf_score(s, e, l);
}

/* cr_rank() of a leaf's column, materialised for the purpose. */
static int *
rank_leaf(const struct cr_scores *s, size_t l)
{
	double	*col;
	int	*r;
	size_t	 ne = s->n_entities;

	col = xreallocarray(NULL, ne, sizeof(*col));
	r = xreallocarray(NULL, ne, sizeof(*r));
	leaf_column(s, l, col);
	cr_rank(col, ne, 1, r, 1);
	free(col);
	return r;
}

/*
 * cr_rank()'s rank of one value without sorting: a run of equal values
 * ranks 1 + the values above it, and NAN is above nothing.
 */
static int
count_rank(const double *col, size_t n, size_t e)
{
	double	 v = col[e];
	size_t	 j;
	int	 r = 1;

	if (isnan(v))
		return 0;
	for (j = 0; j < n; j++)
		if (col[j] > v)
			r++;
	return r;
}

/*
 * The same, reading the leaf's scores in place, and when ranked is not
 * NULL the entities with a score: the profile wants both, and one pass
 * costs as much as the other.
 */
static int
count_leaf_rank(const struct cr_scores *s, size_t e, size_t l,
    size_t *ranked)
{
	double	*col, v, x;
	size_t	 j, n = 0;
	int	 r = 1;

	if (cr_norm_ranked(s->leaf_norm[l].method) && s->leaf_rank2 == NULL) {
		col = xreallocarray(NULL, s->n_entities, sizeof(*col));
		leaf_column(s, l, col);
		r = count_rank(col, s->n_entities, e);
		for (j = 0; j < s->n_entities; j++)
			n += !isnan(col[j]);
		free(col);
	} else {
		v = leaf_score(s, e, l);
		if (isnan(v) && ranked == NULL)
			return 0;
		for (j = 0; j < s->n_entities; j++) {
			x = leaf_score(s, j, l);
			n += !isnan(x);
			r += x > v;
		}
		if (isnan(v))
			r = 0;
	}
	if (ranked != NULL)
		*ranked = n;
	return r;
}

/* Ranks are 0 exactly where scores are missing. */
static size_t
count_ranked(const int *rank, size_t n, size_t stride)
{
	size_t	 j, k = 0;

	for (j = 0; j < n; j++)
		k += rank[j * stride] > 0;
	return k;
}

int
cr_scores_rank_among(const struct cr_scores *s, int entity, int node,
    size_t *ranked)
{
	size_t	 e = (size_t)entity, ne = s->n_entities;
	int	 a = s->agg[node], l;

	if (a != -1) {
		if (s->agg_stale[a] == AGG_SHARED)
			return cr_scores_rank_among(shared(s, a), entity, node,
			    ranked);
		/* The rows cr_scores_top() ranked are known without a sort. */
		if (s->agg_stale[a] == AGG_TOP && ranked == NULL &&
		    agg_col(s, a)[e] >= s->agg_top[a])
			return agg_rank_of(s, a, e);
		if (s->agg_stale[a])
			rank_agg(s, node, NULL);
		if (ranked != NULL)
			for (*ranked = 0, l = 0; (size_t)l < ne; l++)
				*ranked += agg_rank_of(s, a, (size_t)l) > 0;
		return agg_rank_of(s, a, e);
	}
	l = s->m->nodes[node].leaf;
	if (s->leaf_rank[l] != NULL) {
		if (ranked != NULL)
			*ranked = count_ranked(s->leaf_rank[l], ne, 1);
		return s->leaf_rank[l][e];
	}
	return count_leaf_rank(s, e, (size_t)l, ranked);
}

int
cr_scores_rank(const struct cr_scores *s, int entity, int node)
{
	return cr_scores_rank_among(s, entity, node, NULL);
}

void
cr_scores_rank_all(struct cr_scores *s, int node)
{
	int	 l = s->m->nodes[node].leaf;

	if (l != -1 && s->leaf_rank[l] == NULL)
		s->leaf_rank[l] = rank_leaf(s, (size_t)l);
}

int
cr_scores_rank_kept(const struct cr_scores *s, int node)
{
	int	 l = s->m->nodes[node].leaf;

	return (l == -1 || s->leaf_rank[l] != NULL);
}

/* An aggregate's order; through const, as its ranks are read. */
static void
agg_order(const struct cr_scores *s, int node, int *order)
{
	int	 a = s->agg[node], *r;

	if (s->agg_stale[a] == AGG_SHARED)
		agg_order(shared(s, a), node, order);
	else if (s->agg_stale[a])
		rank_agg(s, node, order);
	else {
		r = xreallocarray(NULL, s->n_entities + 1, sizeof(*r));
		unpack_ranks(s, a, r);
		cr_order_from_ranks(r, s->n_entities, 1, order);
		free(r);
	}
}

void
cr_scores_order(struct cr_scores *s, int node, int *order)
{
	if (s->agg[node] != -1)
		agg_order(s, node, order);
	else {
		cr_scores_rank_all(s, node);
		cr_order_from_ranks(s->leaf_rank[s->m->nodes[node].leaf],
		    s->n_entities, 1, order);
	}
}

size_t
cr_scores_top(struct cr_scores *s, int node, size_t k, int *order)
{
	size_t	 c = 0, i;
	int	 a = s->agg[node], *r;

	/* Not worth it beyond a part of the rows, nor once all are ranked. */
	if (a != -1 && s->agg_stale[a] && s->agg_stale[a] != AGG_SHARED &&
	    k < s->n_entities / TOP_PART) {
		/* Only the rows put are written: the rest need no pages. */
		r = xreallocarray(NULL, s->n_entities + 1, sizeof(*r));
		c = cr_top_order(agg_col(s, a), s->n_entities, k,
		    order, r, &s->agg_top[a]);
		for (i = 0; i < c; i++)
			cr_bits_set(rank_col(s, a), s->rank_bits,
			    (size_t)order[i], (uint32_t)r[order[i]]);
		free(r);
	}
	if (c == 0) {
		cr_scores_order(s, node, order);
		return s->n_entities;
	}
	s->agg_stale[a] = AGG_TOP;
	return c;
}

const double *
cr_scores_column(const struct cr_scores *s, int node)
{
	int	 a = s->agg[node];

	if (a == -1 || s->src != NULL || s->agg_score == NULL)
		return NULL;
	return s->agg_score + col(s, a);
}

/* Missing values of entity e beneath aggregate a, counted. */
static int
missing_under(const struct cr_scores *s, size_t e, int a)
{
	const double	*row = s->m->raw + e * s->m->n_leaves;
	size_t		 i;
	int		 n = 0;

	for (i = s->agg_leaf_at[a]; i < s->agg_leaf_at[a + 1]; i++)
		n += isnan(row[s->agg_leaf[i]]);
	return n;
}

/*
 * The least official provenance among entity e's values beneath
 * aggregate a; the report's when there is none (a value that is not
 * there has no provenance).
 */
static enum cr_prov
prov_under(const struct cr_scores *s, size_t e, int a)
{
	const struct cr_model	*m = s->m;
	const double		*row = m->raw + e * m->n_leaves;
	unsigned char		 f = s->ent_fact[e];
	enum cr_prov		 p, worst = CR_PROV_REPORT;
	size_t			 i;
	int			 l;

	if ((f & FACT_PROV) != FACT_MIXED) {
		/*
		 * One for all the unit's values: is one of them beneath?
		 * Asked of every unit at each frame (the status line), so
		 * the unit's row is read only when some aggregate has none.
		 */
		if (!(f & FACT_EMPTY))
			return (enum cr_prov)(f & FACT_PROV);
		for (i = s->agg_leaf_at[a]; i < s->agg_leaf_at[a + 1]; i++)
			if (!isnan(row[s->agg_leaf[i]]))
				return (enum cr_prov)(f & FACT_PROV);
		return CR_PROV_REPORT;
	}
	for (i = s->agg_leaf_at[a]; i < s->agg_leaf_at[a + 1]; i++) {
		l = s->agg_leaf[i];
		if (!isnan(row[l]) && (p = cr_model_prov(m, (int)e, l)) >
		    worst)
			worst = p;
	}
	return worst;
}

int
cr_scores_missing(const struct cr_scores *s, int entity, int node)
{
	const struct cr_model	*m = s->m;
	size_t			 e = (size_t)entity;
	int			 a = s->agg[node];

	if (a != -1)
		return (s->ent_fact[e] & FACT_MISSING) ?
		    missing_under(s, e, a) : 0;
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
		return prov_under(s, e, a);
	return cr_model_prov(m, entity, m->nodes[node].leaf);
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

/* "geometric", "harmonic" or the method as written, for messages. */
static char *
agg_word(const struct cr_agg_spec *a)
{
	if (a->method == CR_AGG_GEOM)
		return xstrdup("geometric");
	if (a->method == CR_AGG_HARM)
		return xstrdup("harmonic");
	return cr_agg_spec_format(a);
}

static int
negative_score(const struct cr_model *m, const struct cr_agg_spec *a,
    int node, int entity, char **cause)
{
	char	*w = agg_word(a);

	cr_cause(cause, "%s aggregation needs scores >= 0: node %s has a "
	    "negative score for %s; use minmax or rank normalisation", w,
	    m->nodes[node].code, m->entities[entity].code);
	free(w);
	return -1;
}

/*
 * A weighted mean lies between the least and the greatest of the
 * scores, so it is finite when they are; but the sum on the way can
 * overflow (scores near 1e308 with no normalisation), and exp() of a
 * log mean can round past the largest double.  Then again, with each
 * weight a share of the total and each score halved, which cannot
 * overflow, and bounded by the scores, which rounding may pass by an
 * ulp.  Only for a mean that was not finite: others stay bit for bit.
 */
static double
mean_again(const struct cr_model *m, const struct cr_scenario *sc,
    const struct cr_scores *s, int p, int arith, size_t e, double wsum,
    double mean)
{
	double	 w, v, sum = 0, lo = INFINITY, hi = -INFINITY;
	int	 c;

	for (c = m->nodes[p].first_child; c != -1;
	    c = m->nodes[c].next_sibling) {
		if (!((w = sc->weight[c]) > 0) ||
		    isnan(v = node_score(s, e, c)))
			continue;
		sum += w / wsum * (v / 2);
		lo = fmin(lo, v);
		hi = fmax(hi, v);
	}
	if (arith)
		mean = 2 * sum;
	return fmin(hi, fmax(lo, mean));
}

/*
 * The means that power:P stands in for are computed by their own
 * formulas, bit for bit: 1 arithmetic, 0 geometric, -1 harmonic.
 */
static enum cr_agg
agg_kind(const struct cr_agg_spec *a)
{
	if (a->method != CR_AGG_POWER)
		return a->method;
	if (a->p == 1)
		return CR_AGG_ARITH;
	if (a->p == 0)
		return CR_AGG_GEOM;
	if (a->p == -1)
		return CR_AGG_HARM;
	return CR_AGG_POWER;
}

/* The power mean of each entity's children with a weight and a score. */
static int
power_node(const struct cr_model *m, const struct cr_scenario *sc,
    struct cr_scores *s, int p, const struct cr_agg_spec *a, size_t e0,
    size_t e1, char **cause)
{
	double	*x, *w, v, *out = s->agg_score + col(s, s->agg[p]);
	size_t	 e, k, bad;
	int	*child, c, rc = 0;

	k = (size_t)m->nodes[p].n_children + 1;
	x = xreallocarray(NULL, k, sizeof(*x));
	w = xreallocarray(NULL, k, sizeof(*w));
	child = xreallocarray(NULL, k, sizeof(*child));
	for (e = e0; rc == 0 && e < e1; e++) {
		k = 0;
		for (c = m->nodes[p].first_child; c != -1;
		    c = m->nodes[c].next_sibling) {
			if (!(sc->weight[c] > 0) ||
			    isnan(v = node_score(s, e, c)))
				continue;
			child[k] = c;
			w[k] = sc->weight[c];
			x[k++] = v;
		}
		if (cr_power_mean(x, w, k, a->p, &out[e], &bad) == -1)
			rc = negative_score(m, a, child[bad], (int)e, cause);
	}
	free(x);
	free(w);
	free(child);
	return rc;
}

/*
 * Copeland's count among the entities: their children's columns, those
 * with a weight, side by side (aggregate.h).
 */
static void
copeland_node(const struct cr_model *m, const struct cr_scenario *sc,
    struct cr_scores *s, int p)
{
	double	*x, *w;
	size_t	 ne = m->n_entities, e, k = 0;
	int	 c;

	x = xreallocarray(NULL, (size_t)m->nodes[p].n_children * ne + 1,
	    sizeof(*x));
	w = xreallocarray(NULL, (size_t)m->nodes[p].n_children + 1,
	    sizeof(*w));
	for (c = m->nodes[p].first_child; c != -1;
	    c = m->nodes[c].next_sibling) {
		if (!(sc->weight[c] > 0))
			continue;
		for (e = 0; e < ne; e++)
			x[k * ne + e] = node_score(s, e, c);
		w[k++] = sc->weight[c];
	}
	cr_copeland(x, w, k, ne, s->agg_score + col(s, s->agg[p]));
	free(x);
	free(w);
}

/*
 * Weighted mean of the children with a weight and a score, for the
 * entities e0 to e1 - 1 (all of them for Copeland's, a count among
 * them).
 */
static int
aggregate_range(const struct cr_model *m, const struct cr_scenario *sc,
    struct cr_scores *s, int p, size_t e0, size_t e1, char **cause)
{
	struct cr_agg_spec	 a;
	double			 w, v, sum, wsum, *out;
	size_t			 e;
	int			 c, geom, harm, zero;
	enum cr_agg		 kind;

	cr_scenario_node_agg(m, sc, p, &a);
	kind = agg_kind(&a);
	if (kind == CR_AGG_COPELAND) {
		copeland_node(m, sc, s, p);
		return 0;
	}
	if (kind == CR_AGG_POWER)
		return power_node(m, sc, s, p, &a, e0, e1, cause);
	geom = kind == CR_AGG_GEOM;
	harm = kind == CR_AGG_HARM;
	out = s->agg_score + col(s, s->agg[p]);
	for (e = e0; e < e1; e++) {
		sum = wsum = 0;
		zero = 0;
		for (c = m->nodes[p].first_child; c != -1;
		    c = m->nodes[c].next_sibling) {
			/* A child without weight is not even computed. */
			if (!((w = sc->weight[c]) > 0))
				continue;
			if (isnan(v = node_score(s, e, c)))
				continue;
			if (geom || harm) {
				if (v < 0)
					return negative_score(m, &a, c, (int)e,
					    cause);
				if (v == 0)
					zero = 1;
				else
					sum += geom ? w * log(v) : w / v;
			} else
				sum += w * v;
			wsum += w;
		}
		if (wsum == 0)
			v = NAN;
		else if (geom)
			v = zero ? 0 : exp(sum / wsum);
		else if (harm)
			v = zero ? 0 : wsum / sum;
		else
			v = sum / wsum;
		if (wsum > 0 && !isfinite(v))
			v = mean_again(m, sc, s, p, !geom && !harm, e, wsum,
			    v);
		out[e] = v;
	}
	return 0;
}

static int
aggregate_node(const struct cr_model *m, const struct cr_scenario *sc,
    struct cr_scores *s, int p, char **cause)
{
	return aggregate_range(m, sc, s, p, 0, m->n_entities, cause);
}


/*
 * Each unit's ent_fact, from its row of values: only the full
 * computation needs it, as missing counts and provenance do not depend
 * on weights.
 */
/* Whether an aggregate has no value of the row beneath it. */
static int
any_empty(const struct cr_scores *s, const double *row)
{
	size_t	 a, i;

	for (a = 0; a < s->n_aggs; a++) {
		for (i = s->agg_leaf_at[a]; i < s->agg_leaf_at[a + 1]; i++)
			if (!isnan(row[s->agg_leaf[i]]))
				break;
		if (i == s->agg_leaf_at[a + 1])
			return 1;
	}
	return 0;
}

static void
entity_facts(const struct cr_model *m, struct cr_scores *s, size_t e0,
    size_t e1)
{
	const double		*row;
	const unsigned char	*prov;
	size_t			 e, l, nl = m->n_leaves;
	unsigned char		 p, missing;

	for (e = e0; e < e1; e++) {
		row = m->raw + e * nl;
		/* One for all: the same as a unit whose values agree. */
		prov = m->prov != NULL ? m->prov + e * nl : NULL;
		/* No value seen yet: nothing has a provenance. */
		p = CR_PROV_COUNT;
		missing = 0;
		for (l = 0; l < nl; l++) {
			if (isnan(row[l]))
				missing = FACT_MISSING;
			else if (prov == NULL)
				p = m->prov_one;
			else if (p == CR_PROV_COUNT)
				p = prov[l];
			else if (prov[l] != p && p != FACT_MIXED)
				p = FACT_MIXED;
			if (missing && p == FACT_MIXED)
				break;
		}
		if (p == CR_PROV_COUNT)
			p = CR_PROV_REPORT;
		s->ent_fact[e] = p | missing;
		if (missing && any_empty(s, row))
			s->ent_fact[e] |= FACT_EMPTY;
	}
}


/* A method whose statistics show an infinite value at no cost. */
static int
takes_stats(enum cr_norm n)
{
	return n == CR_NORM_MINMAX || n == CR_NORM_ZSCORE ||
	    n == CR_NORM_FRACMAX || n == CR_NORM_DIST2MAX ||
	    n == CR_NORM_DIST2TARG || n == CR_NORM_DIST2REF;
}

/*
 * Every finite value scores (normalize.c), but the model takes values
 * from elsewhere too: an infinite one is refused by name, never scored
 * NAN without a word.  By the methods that take a column's statistics
 * they show one at no cost (a column's are finite when its values
 * are); the values are read only then, or by the other methods.
 */
static int
check_values(const struct cr_model *m, const struct cr_scores *s,
    char **cause)
{
	const struct cr_leaf_norm	*p = s->leaf_norm;
	size_t				 nl = m->n_leaves, n, i;
	int				 l = -1, all = 1;

	for (i = 0; i < nl; i++) {
		if (!takes_stats(p[i].method)) {
			all = 0;
			continue;
		}
		/* A min-max column with no values has min inf, max -inf. */
		if (l != -1 || (p[i].method != CR_NORM_ZSCORE &&
		    p[i].a > p[i].b))
			continue;
		if (!isfinite(p[i].a) || !isfinite(p[i].b))
			l = (int)i;
	}
	if (all && l == -1)
		return 0;
	n = m->n_entities * nl;
	for (i = 0; i < n; i++)
		if (isinf(m->raw[i]))
			return cr_cause(cause, "the value of %s for %s is %g, "
			    "not a finite number",
			    m->nodes[m->leaf_node[i % nl]].code,
			    m->entities[i / nl].code, m->raw[i]);
	if (l != -1)
		return cr_cause(cause, "the %s statistics of %s are not "
		    "finite numbers", cr_norm_name(p[l].method),
		    m->nodes[m->leaf_node[l]].code);
	return 0;
}

/*
 * A fraction of the best value needs values of one sign: higher is
 * better, >= 0 and not all 0; lower is better, > 0 (raw x dir < 0).
 */
static int
check_fracmax(const struct cr_model *m, const struct cr_scores *s,
    char **cause)
{
	const struct cr_leaf_norm	*p = s->leaf_norm;
	const struct cr_node		*n;
	size_t				 l;

	for (l = 0; l < m->n_leaves; l++) {
		if (p[l].method != CR_NORM_FRACMAX)
			continue;
		if (p[l].a > p[l].b)		/* no values */
			continue;
		if ((p[l].a >= 0 && p[l].b > 0) || p[l].b < 0)
			continue;
		n = &m->nodes[m->leaf_node[l]];
		return cr_cause(cause, "fracmax normalisation needs values "
		    "%s: %s has values from %g to %g", n->direction > 0 ?
		    ">= 0, not all 0" : "> 0 (it is lower-is-better)", n->code,
		    n->direction > 0 ? p[l].a / p[l].dir : p[l].b / p[l].dir,
		    n->direction > 0 ? p[l].b / p[l].dir : p[l].a / p[l].dir);
	}
	return 0;
}

/* norm_minrank()'s lowest rank of a tie, 1 + the values below. */
static void
min_ranks(const double *col, size_t n, double *r, double *neg, int *ir)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		neg[i] = -col[i];
	cr_rank(neg, n, 1, ir, 1);
	for (i = 0; i < n; i++)
		r[i] = isnan(col[i]) ? NAN : ir[i];
}

/*
 * For the leaves under a ranked normalisation: each one's average ranks
 * (rank) or lowest ranks (prank, borda), doubled, and the count.
 */
static void
store_avg_ranks(struct cr_scores *s, const struct cr_model *m)
{
	double	*col, *r, *neg;
	int	*ir;
	size_t	 ne = m->n_entities, nl = m->n_leaves, e, l, k;

	neg = xreallocarray(NULL, ne + 1, sizeof(*neg));
	ir = xreallocarray(NULL, ne + 1, sizeof(*ir));

	s->leaf_rank2 = xreallocarray(s->leaf_rank2, ne * nl + 1,
	    sizeof(*s->leaf_rank2));
	col = xreallocarray(NULL, ne + 1, sizeof(*col));
	r = xreallocarray(NULL, ne + 1, sizeof(*r));
	for (l = 0; l < nl; l++) {
		if (!cr_norm_ranked(s->leaf_norm[l].method)) {
			for (e = 0; e < ne; e++)
				s->leaf_rank2[e * nl + l] = 0;
			continue;
		}
		for (e = 0; e < ne; e++)
			col[e] = m->raw[e * nl + l] * s->leaf_norm[l].dir;
		if (s->leaf_norm[l].method == CR_NORM_RANK)
			cr_avg_ranks(col, ne, r);
		else
			min_ranks(col, ne, r, neg, ir);
		for (e = k = 0; e < ne; e++) {
			s->leaf_rank2[e * nl + l] = isnan(r[e]) ? 0 :
			    (uint32_t)(2 * r[e]);
			k += !isnan(r[e]);
		}
		s->leaf_norm[l].a = (double)k;
	}
	free(neg);
	free(ir);
	free(col);
	free(r);
}

/*
 * Bytes of raw values a block when aggregating.  Each node reads a few
 * leaves of every entity's row: a node at a time over 100,000 entities,
 * every read is a cache miss the hardware cannot foresee (the rows are
 * 1.6 KB apart at 200 leaves).  A block's rows are asked for first, in
 * order, so that the nodes find them in the cache.
 */
#define AGG_BLOCK_BYTES	(256 * 1024)

/*
 * A read of each 64-byte line, in order.  Loads, not prefetch hints:
 * the processor drops hints when many are outstanding (a full score at
 * 100,000 x 200 took 620 ms with hints, 360 with loads).
 */
static void
fetch_rows(const struct cr_model *m, size_t e0, size_t e1)
{
	const char	*r = (const char *)(m->raw + e0 * m->n_leaves);
	const char	*p = (const char *)m->prov;
	size_t		 nr = (e1 - e0) * m->n_leaves, i;
	volatile char	 sink;

	for (i = 0; i < nr * sizeof(*m->raw); i += 64)
		sink = r[i];
	for (i = 0; p != NULL && i < nr * sizeof(*m->prov); i += 64)
		sink = p[e0 * m->n_leaves + i];
	(void)sink;
}

/* Every aggregate, children before parents, block by block. */
static int
blocks_range(const struct cr_model *m, const struct cr_scenario *sc,
    struct cr_scores *s, size_t from, size_t to, char **cause)
{
	size_t	 e0, e1, i, block;

	block = AGG_BLOCK_BYTES / (m->n_leaves * sizeof(*m->raw) + 1);
	if (block < 16)
		block = 16;
	for (e0 = from; e0 < to; e0 = e1) {
		e1 = to - e0 > block ? e0 + block : to;
		fetch_rows(m, e0, e1);
		for (i = m->n_nodes; i-- > 0;) {
			if (s->agg[i] == -1)
				continue;
			if (aggregate_range(m, sc, s, (int)i, e0, e1,
			    cause) == -1)
				return -1;
		}
		entity_facts(m, s, e0, e1);
	}
	return 0;
}

/* Work over a range of entities [from, to); its arguments in arg. */
typedef int	 range_fn(void *arg, size_t from, size_t to, char **cause);

struct half {
	range_fn	*fn;
	void		*arg;
	size_t		 from, to;
	int		 rc;
};

static void *
half_run(void *p)
{
	struct half	*h = p;

	h->rc = h->fn(h->arg, h->from, h->to, NULL);
	return NULL;
}

/*
 * fn over every entity, the second half on a second core when there are
 * enough of them: an entity's aggregates depend on its own values only.
 * -1 when either half fails; only the first half's cause is kept, so a
 * caller that must name the first failure in order finds it again on
 * one thread.
 */
static int
two_halves(const struct cr_scores *s, size_t ne, range_fn *fn, void *arg,
    char **cause)
{
	struct half	 h;
	pthread_t	 t;
	int		 rc;

	if (ne < (s->thread_min > 0 ? s->thread_min : THREAD_MIN) ||
	    !has_two_cores())
		return fn(arg, 0, ne, cause);
	h = (struct half){ fn, arg, ne / 2, ne, 0 };
	if (pthread_create(&t, NULL, half_run, &h) != 0)
		return fn(arg, 0, ne, cause);
	rc = fn(arg, 0, ne / 2, cause);
	pthread_join(t, NULL);
	return rc == 0 && h.rc == 0 ? 0 : -1;
}

struct agg_args {
	const struct cr_model		*m;
	const struct cr_scenario	*sc;
	struct cr_scores		*s;
	int				 p;	/* one node */
};

static int
blocks_fn(void *arg, size_t from, size_t to, char **cause)
{
	struct agg_args	*a = arg;

	return blocks_range(a->m, a->sc, a->s, from, to, cause);
}

static int
node_fn(void *arg, size_t from, size_t to, char **cause)
{
	struct agg_args	*a = arg;

	return aggregate_range(a->m, a->sc, a->s, a->p, from, to, cause);
}

/*
 * Every aggregate, block by block, on two cores.  An error is an error;
 * aggregate_all() then finds it again, a node at a time, to name it.
 */
static int
aggregate_blocks(const struct cr_model *m, const struct cr_scenario *sc,
    struct cr_scores *s, char **cause)
{
	struct agg_args	 a = { m, sc, s, -1 };

	return two_halves(s, m->n_entities, blocks_fn, &a, cause);
}

/*
 * One node's scores after a weight change, on two cores as a full score
 * is: at 100,000 units the root's mean was a third of a top-level key.
 * Copeland's count reads whole columns and stays on one.  An error is
 * found again on one thread, to name the first entity as before.
 */
static int
aggregate_node_split(const struct cr_model *m, const struct cr_scenario *sc,
    struct cr_scores *s, int p, char **cause)
{
	struct cr_agg_spec	 spec;
	struct agg_args		 a = { m, sc, s, p };

	cr_scenario_node_agg(m, sc, p, &spec);
	if (agg_kind(&spec) == CR_AGG_COPELAND)
		return aggregate_node(m, sc, s, p, cause);
	if (two_halves(s, m->n_entities, node_fn, &a, NULL) == 0)
		return 0;
	return aggregate_node(m, sc, s, p, cause);
}

/*
 * The same a node at a time: Copeland's count needs its children's
 * whole columns, and an error names the first node and entity in this
 * order whatever the blocks found first.
 */
static int
aggregate_nodes(const struct cr_model *m, const struct cr_scenario *sc,
    struct cr_scores *s, char **cause)
{
	size_t	 i;

	for (i = m->n_nodes; i-- > 0;) {
		if (s->agg[i] == -1)
			continue;
		if (aggregate_node(m, sc, s, (int)i, cause) == -1)
			return -1;
	}
	entity_facts(m, s, 0, m->n_entities);
	return 0;
}

static int
aggregate_all(const struct cr_model *m, const struct cr_scenario *sc,
    struct cr_scores *s, char **cause)
{
	struct cr_agg_spec	 a;
	size_t			 i;
	char			*why = NULL;

	for (i = 0; i < m->n_nodes; i++) {
		if (s->agg[i] == -1)
			continue;
		cr_scenario_node_agg(m, sc, (int)i, &a);
		if (agg_kind(&a) == CR_AGG_COPELAND)
			return aggregate_nodes(m, sc, s, cause);
	}
	if (aggregate_blocks(m, sc, s, &why) == 0)
		return 0;
	free(why);
	return aggregate_nodes(m, sc, s, cause);
}

int
cr_score(const struct cr_model *m, const struct cr_scenario *sc,
    struct cr_scores *s, char **cause)
{
	size_t	 i;

	if (!m->frozen)
		return cr_cause(cause, "the model is not frozen");
	for (i = 0; i < m->n_nodes; i++)
		if (check_weight(m, sc, i, cause) == -1)
			return -1;
	if (!scores_fit(s, m))
		scores_alloc(s, m);
	else
		drop_leaf_ranks(s);
	s->gen++;
	for (i = 0; i < s->n_aggs; i++)
		s->agg_gen[i] = s->gen;
	s->norm = sc->norm;
	s->norm_lo = sc->norm_lo;
	s->norm_hi = sc->norm_hi;
	if (cr_norm_params(m, sc, s->leaf_norm, cause) == -1 ||
	    check_values(m, s, cause) == -1 || check_fracmax(m, s, cause) == -1)
		return -1;
	/* Only a percentile needs the leaves stored (score.h). */
	for (i = 0; i < m->n_leaves; i++)
		if (cr_norm_ranked(s->leaf_norm[i].method))
			break;
	if (i < m->n_leaves)
		store_avg_ranks(s, m);
	else {
		free(s->leaf_rank2);
		s->leaf_rank2 = NULL;
	}

	if (aggregate_all(m, sc, s, cause) == -1)
		return -1;
	/* Ranks wait until someone asks for them. */
	memset(s->agg_stale, 1, s->n_aggs);
	return 0;
}

/*
 * What a re-score after a weight change checks before anything is
 * touched: the weights of the children of every node re-aggregated (a
 * step moves the whole sibling group, wedit.h).
 */
static int
check_rescore(const struct cr_model *m, const struct cr_scenario *sc,
    int node, char **cause)
{
	int	 p, c;

	for (p = m->nodes[node].parent; p != -1; p = m->nodes[p].parent)
		for (c = m->nodes[p].first_child; c != -1;
		    c = m->nodes[c].next_sibling)
			if (check_weight(m, sc, (size_t)c, cause) == -1)
				return -1;
	return 0;
}

/*
 * Whether a mean on the way up from node can fail: a score it meets can
 * be negative (a leaf by z-score, an aggregate by Copeland or by an
 * arithmetic mean of z-scores beneath a geometric one), which only
 * aggregating finds, and only the geometric, harmonic and power means
 * refuse one.
 */
static int
may_fail(const struct cr_model *m, const struct cr_scenario *sc, int node)
{
	struct cr_agg_spec	 a;
	enum cr_agg		 k;
	int			 p;

	for (p = m->nodes[node].parent; p != -1; p = m->nodes[p].parent) {
		cr_scenario_node_agg(m, sc, p, &a);
		k = agg_kind(&a);
		if (k == CR_AGG_GEOM || k == CR_AGG_HARM || k == CR_AGG_POWER)
			return 1;
	}
	return 0;
}

/*
 * The scores of the node's ancestors and whether they were ranked, kept
 * to put back when a mean fails on the way up: an error must change
 * nothing.  Their ranks are not touched until read, so they stay.
 */
static void
save_ancestors(const struct cr_model *m, const struct cr_scores *s,
    int node, double *score, unsigned char *stale)
{
	size_t	 ne = m->n_entities, k = 0;
	int	 p;

	for (p = m->nodes[node].parent; p != -1; p = m->nodes[p].parent, k++) {
		memcpy(score + k * ne, s->agg_score + col(s, s->agg[p]),
		    ne * sizeof(*score));
		stale[k] = s->agg_stale[s->agg[p]];
	}
}

static void
restore_ancestors(const struct cr_model *m, struct cr_scores *s, int node,
    const double *score, const unsigned char *stale)
{
	size_t	 ne = m->n_entities, k = 0;
	int	 p;

	for (p = m->nodes[node].parent; p != -1; p = m->nodes[p].parent, k++) {
		memcpy(s->agg_score + col(s, s->agg[p]), score + k * ne,
		    ne * sizeof(*score));
		s->agg_stale[s->agg[p]] = stale[k];
	}
}

int
cr_score_weight_changed(const struct cr_model *m,
    const struct cr_scenario *sc, struct cr_scores *s, int node, char **cause)
{
	double		*score = NULL;
	unsigned char	*stale = NULL;
	int		 p, rc = 0, keep;
	size_t		 d;

	if (!m->frozen)
		return cr_cause(cause, "the model is not frozen");
	if (node < 0 || (size_t)node >= m->n_nodes)
		return cr_cause(cause, "no node %d in the model", node);
	if (!scores_fit(s, m))
		return cr_score(m, sc, s, cause);
	if (check_weight(m, sc, (size_t)node, cause) == -1 ||
	    check_rescore(m, sc, node, cause) == -1)
		return -1;
	s->gen++;
	for (p = m->nodes[node].parent; p != -1; p = m->nodes[p].parent)
		s->agg_gen[s->agg[p]] = s->gen;
	/* An arithmetic mean cannot fail: nothing to keep. */
	if ((keep = may_fail(m, sc, node))) {
		d = (size_t)m->nodes[node].depth + 1;
		score = xreallocarray(NULL, d * m->n_entities, sizeof(*score));
		stale = xreallocarray(NULL, d, sizeof(*stale));
		save_ancestors(m, s, node, score, stale);
	}
	for (p = m->nodes[node].parent; rc == 0 && p != -1;
	    p = m->nodes[p].parent)
		if ((rc = aggregate_node_split(m, sc, s, p, cause)) == 0)
			s->agg_stale[s->agg[p]] = 1;
	if (rc != 0 && keep)
		restore_ancestors(m, s, node, score, stale);
	free(score);
	free(stale);
	return rc;
}

/* cr_rank() is in stats.c, next to the average ranks: both are one sort. */
