/*
 * A scenario's methods: the global ones, a leaf's own normalisation, a
 * depth's own aggregation, and the checks the analyses make of them.
 */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cause.h"
#include "model.h"
#include "score.h"
#include "utf8.h"
#include "xmalloc.h"

/* The word that gives a leaf or a depth the global method again. */
#define GLOBAL	"global"

void
cr_scenario_norm(const struct cr_scenario *sc, struct cr_norm_spec *out)
{
	out->method = sc->norm;
	out->lo = sc->norm_lo;
	out->hi = sc->norm_hi;
	out->par = sc->norm_par;
}

/* Whether a method reads the parameters beyond min-max's range. */
static int
takes_par(enum cr_norm n)
{
	return n == CR_NORM_GOALPOSTS || n == CR_NORM_DIST2TARG ||
	    n == CR_NORM_DIST2REF;
}

/*
 * Like the range, which only min-max sets, the parameters are set only
 * by a method that reads them: going to z-score and back keeps them.
 */
void
cr_scenario_set_norm(struct cr_scenario *sc, const struct cr_norm_spec *s)
{
	sc->norm = s->method;
	if (s->method == CR_NORM_MINMAX) {
		sc->norm_lo = s->lo;
		sc->norm_hi = s->hi;
	}
	if (takes_par(s->method))
		cr_norm_par_copy(&sc->norm_par, &s->par);
}

void
cr_scenario_leaf_norm(const struct cr_scenario *sc, size_t leaf,
    struct cr_norm_spec *out)
{
	if (sc->leaf_norm != NULL && leaf < sc->n_leaf_norm &&
	    sc->leaf_norm[leaf].method != CR_NORM_COUNT) {
		*out = sc->leaf_norm[leaf];
		return;
	}
	cr_scenario_norm(sc, out);
}

void
cr_scenario_agg(const struct cr_scenario *sc, struct cr_agg_spec *out)
{
	out->method = sc->agg;
	out->p = sc->agg_p;
}

void
cr_scenario_set_agg(struct cr_scenario *sc, const struct cr_agg_spec *s)
{
	sc->agg = s->method;
	if (s->method == CR_AGG_POWER)
		sc->agg_p = s->p;
}

void
cr_scenario_node_agg(const struct cr_model *m, const struct cr_scenario *sc,
    int node, struct cr_agg_spec *out)
{
	size_t	 d = (size_t)m->nodes[node].depth;

	if (d < sc->n_levels && sc->level_agg[d].method != CR_AGG_COUNT) {
		*out = sc->level_agg[d];
		return;
	}
	cr_scenario_agg(sc, out);
}

size_t
cr_scenario_n_leaf_norms(const struct cr_scenario *sc,
    const struct cr_model *m)
{
	size_t	 l, n = 0;

	(void)m;
	for (l = 0; sc->leaf_norm != NULL && l < sc->n_leaf_norm; l++)
		n += sc->leaf_norm[l].method != CR_NORM_COUNT;
	return n;
}

size_t
cr_scenario_n_level_aggs(const struct cr_scenario *sc)
{
	size_t	 d, n = 0;

	for (d = 0; d < sc->n_levels; d++)
		n += sc->level_agg[d].method != CR_AGG_COUNT;
	return n;
}

static void
free_leaf_norms(struct cr_scenario *sc)
{
	size_t	 l;

	for (l = 0; sc->leaf_norm != NULL && l < sc->n_leaf_norm; l++)
		cr_norm_spec_clear(&sc->leaf_norm[l]);
	free(sc->leaf_norm);
	sc->leaf_norm = NULL;
	sc->n_leaf_norm = 0;
}

static void
free_level_aggs(struct cr_scenario *sc)
{
	free(sc->level_agg);
	sc->level_agg = NULL;
	sc->n_levels = 0;
}

void
cr_scenario_clear_overrides(struct cr_scenario *sc)
{
	free_leaf_norms(sc);
	free_level_aggs(sc);
}

/* NULL when no leaf has its own method: cheap to compare and copy. */
void
cr_scenario_set_leaf_norm(const struct cr_model *m, struct cr_scenario *sc,
    size_t leaf, const struct cr_norm_spec *s)
{
	size_t	 l;

	if (leaf >= m->n_leaves)
		return;
	if (sc->leaf_norm == NULL) {
		if (s == NULL)
			return;
		sc->n_leaf_norm = m->n_leaves;
		sc->leaf_norm = xreallocarray(NULL, sc->n_leaf_norm,
		    sizeof(*sc->leaf_norm));
		for (l = 0; l < sc->n_leaf_norm; l++) {
			cr_norm_spec_init(&sc->leaf_norm[l]);
			sc->leaf_norm[l].method = CR_NORM_COUNT;
		}
	}
	if (s != NULL) {
		cr_norm_spec_copy(&sc->leaf_norm[leaf], s);
		return;
	}
	cr_norm_spec_clear(&sc->leaf_norm[leaf]);
	cr_norm_spec_init(&sc->leaf_norm[leaf]);
	sc->leaf_norm[leaf].method = CR_NORM_COUNT;
	if (cr_scenario_n_leaf_norms(sc, m) == 0)
		free_leaf_norms(sc);
}

void
cr_scenario_set_level_agg(struct cr_scenario *sc, size_t depth,
    const struct cr_agg_spec *s)
{
	size_t	 d;

	if (depth >= sc->n_levels) {
		if (s == NULL)
			return;
		sc->level_agg = xreallocarray(sc->level_agg, depth + 1,
		    sizeof(*sc->level_agg));
		for (d = sc->n_levels; d <= depth; d++) {
			sc->level_agg[d].method = CR_AGG_COUNT;
			sc->level_agg[d].p = 1;
		}
		sc->n_levels = depth + 1;
	}
	if (s != NULL) {
		sc->level_agg[depth] = *s;
		return;
	}
	sc->level_agg[depth].method = CR_AGG_COUNT;
	sc->level_agg[depth].p = 1;
	/* The last depth with one of its own ends the array. */
	while (sc->n_levels > 0 &&
	    sc->level_agg[sc->n_levels - 1].method == CR_AGG_COUNT)
		sc->n_levels--;
	if (sc->n_levels == 0)
		free_level_aggs(sc);
}

void
cr_scenario_copy_methods(const struct cr_model *m, struct cr_scenario *dst,
    const struct cr_scenario *src)
{
	size_t	 l;

	if (dst == src)
		return;
	dst->norm = src->norm;
	dst->norm_lo = src->norm_lo;
	dst->norm_hi = src->norm_hi;
	dst->agg = src->agg;
	dst->agg_p = src->agg_p;
	cr_norm_par_copy(&dst->norm_par, &src->norm_par);
	cr_scenario_clear_overrides(dst);
	for (l = 0; src->leaf_norm != NULL && l < src->n_leaf_norm; l++)
		if (src->leaf_norm[l].method != CR_NORM_COUNT)
			cr_scenario_set_leaf_norm(m, dst, l, &src->leaf_norm[l]);
	if (src->n_levels > 0) {
		dst->level_agg = xreallocarray(NULL, src->n_levels,
		    sizeof(*dst->level_agg));
		memcpy(dst->level_agg, src->level_agg,
		    src->n_levels * sizeof(*dst->level_agg));
		dst->n_levels = src->n_levels;
	}
}

int
cr_scenario_same_methods(const struct cr_model *m,
    const struct cr_scenario *a, const struct cr_scenario *b)
{
	struct cr_norm_spec	 na, nb;
	struct cr_agg_spec	 aa, ab;
	size_t			 i;

	for (i = 0; i < m->n_leaves; i++) {
		cr_scenario_leaf_norm(a, i, &na);
		cr_scenario_leaf_norm(b, i, &nb);
		if (!cr_norm_spec_equal(&na, &nb))
			return 0;
	}
	for (i = 0; i < m->n_nodes; i++) {
		if (m->nodes[i].leaf != -1)
			continue;
		cr_scenario_node_agg(m, a, (int)i, &aa);
		cr_scenario_node_agg(m, b, (int)i, &ab);
		if (!cr_agg_spec_equal(&aa, &ab))
			return 0;
	}
	return 1;
}

static int
same_bits(const double *a, const double *b)
{
	return memcmp(a, b, sizeof(*a)) == 0;
}

static int
par_identical(const struct cr_norm_par *a, const struct cr_norm_par *b)
{
	if ((a->ref == NULL) != (b->ref == NULL) ||
	    (a->ref != NULL && strcmp(a->ref, b->ref) != 0))
		return 0;
	return same_bits(&a->lo, &b->lo) && same_bits(&a->hi, &b->hi) &&
	    same_bits(&a->scale, &b->scale) &&
	    same_bits(&a->target, &b->target) && a->cap == b->cap;
}

static int
spec_identical(const struct cr_norm_spec *a, const struct cr_norm_spec *b)
{
	return a->method == b->method && same_bits(&a->lo, &b->lo) &&
	    same_bits(&a->hi, &b->hi) && par_identical(&a->par, &b->par);
}

int
cr_scenario_methods_identical(const struct cr_scenario *a,
    const struct cr_scenario *b)
{
	size_t	 i;

	if (a->norm != b->norm || a->agg != b->agg ||
	    !same_bits(&a->norm_lo, &b->norm_lo) ||
	    !same_bits(&a->norm_hi, &b->norm_hi) ||
	    !same_bits(&a->agg_p, &b->agg_p) ||
	    !par_identical(&a->norm_par, &b->norm_par) ||
	    a->n_leaf_norm != b->n_leaf_norm || a->n_levels != b->n_levels)
		return 0;
	for (i = 0; i < a->n_leaf_norm; i++)
		if (!spec_identical(&a->leaf_norm[i], &b->leaf_norm[i]))
			return 0;
	for (i = 0; i < a->n_levels; i++)
		if (a->level_agg[i].method != b->level_agg[i].method ||
		    !same_bits(&a->level_agg[i].p, &b->level_agg[i].p))
			return 0;
	return 1;
}


/*
 * The items of "KEY=VALUE,KEY=VALUE", trimmed, one call of f each; the
 * first error stops.  what names the list in messages, syntax is it.
 */
static int
each_item(const char *spec, const char *what, const char *syntax, void *arg,
    int (*f)(void *, const char *key, const char *value, char **),
    char **cause)
{
	const char	*s = spec, *end = spec + strlen(spec), *comma, *eq;
	const char	*ks, *ke, *vs, *ve;
	char		*key, *value;
	int		 rc;

	cr_trim_span(&s, &end);
	if (s == end)
		return cr_cause(cause, "nothing given (expected %s)", syntax);
	for (;;) {
		if ((comma = memchr(s, ',', (size_t)(end - s))) == NULL)
			comma = end;
		ks = s;
		ke = comma;
		cr_trim_span(&ks, &ke);
		if (ks == ke)
			return cr_cause(cause, "empty item in %s", what);
		if ((eq = memchr(ks, '=', (size_t)(ke - ks))) == NULL)
			return cr_cause(cause, "missing '=' in '%.*s' "
			    "(expected %s)", (int)(ke - ks), ks, syntax);
		vs = eq + 1;
		ve = ke;
		ke = eq;
		cr_trim_span(&ks, &ke);
		cr_trim_span(&vs, &ve);
		key = xstrndup(ks, (size_t)(ke - ks));
		value = xstrndup(vs, (size_t)(ve - vs));
		rc = f(arg, key, value, cause);
		free(key);
		free(value);
		if (rc == -1)
			return -1;
		if (comma == end)
			return 0;
		s = comma + 1;
	}
}

/* Leaves' methods on the way: applied only when every item parsed. */
struct leaf_items {
	const struct cr_model	*m;
	struct cr_norm_spec	*spec;		/* n_leaves */
	unsigned char		*set;		/* n_leaves: 1 own, 2 global */
	unsigned char		*seen;		/* n_nodes */
};

static int
leaf_item(void *arg, const char *code, const char *method, char **cause)
{
	struct leaf_items	*li = arg;
	const struct cr_model	*m = li->m;
	struct cr_norm_spec	 sp;
	char			*why = NULL;
	size_t			 l;
	int			 node, global;

	if ((node = cr_model_find_node(m, code)) == -1)
		return cr_cause(cause, "unknown node '%s'", code);
	if (li->seen[node])
		return cr_cause(cause, "node '%s' is given twice", code);
	li->seen[node] = 1;
	cr_norm_spec_init(&sp);
	global = strcasecmp(method, GLOBAL) == 0;
	if (!global && cr_norm_spec_parse(method, &sp, &why) == -1) {
		cr_cause(cause, "%s: %s", code, why);
		free(why);
		return -1;
	}
	for (l = 0; l < m->n_leaves; l++) {
		if (!cr_model_under(m, m->leaf_node[l], node))
			continue;
		cr_norm_spec_copy(&li->spec[l], &sp);
		li->set[l] = global ? 2 : 1;
	}
	cr_norm_spec_clear(&sp);
	return 0;
}

int
cr_scenario_parse_leaf_norms(const struct cr_model *m,
    struct cr_scenario *sc, const char *spec, char **cause)
{
	struct leaf_items	 li;
	size_t			 l, nl = m->n_leaves;
	int			 rc;

	li.m = m;
	li.spec = xreallocarray(NULL, nl + 1, sizeof(*li.spec));
	for (l = 0; l < nl; l++)
		cr_norm_spec_init(&li.spec[l]);
	li.set = xcalloc(nl + 1, 1);
	li.seen = xcalloc(m->n_nodes + 1, 1);
	rc = each_item(spec, "the leaves' methods",
	    "CODE=METHOD[,CODE=METHOD...]", &li, leaf_item, cause);
	for (l = 0; l < nl; l++) {
		if (rc == 0 && li.set[l] != 0)
			cr_scenario_set_leaf_norm(m, sc, l, li.set[l] == 1 ?
			    &li.spec[l] : NULL);
		cr_norm_spec_clear(&li.spec[l]);
	}
	free(li.spec);
	free(li.set);
	free(li.seen);
	return rc;
}

/* Depths' aggregations on the way. */
struct level_items {
	const struct cr_model	*m;
	struct cr_agg_spec	*spec;		/* max depth + 1 */
	unsigned char		*set;		/* 1 own, 2 global */
	unsigned char		*has;		/* an aggregate at the depth */
	int			 max;		/* deepest aggregate */
};

static int
level_item(void *arg, const char *key, const char *method, char **cause)
{
	struct level_items	*li = arg;
	struct cr_agg_spec	 sp = { CR_AGG_ARITH, 1 };
	char			*why = NULL;
	int			 d;

	if (*key == '\0' || strspn(key, "0123456789") != strlen(key) ||
	    strlen(key) > 6)
		return cr_cause(cause, "'%s' is not a depth (0 the index, 1 "
		    "the level below it, ...)", key);
	d = atoi(key);
	if (d > li->max || !li->has[d])
		return cr_cause(cause, "depth %d has no aggregate node (they "
		    "are at depths 0 to %d)", d, li->max);
	if (li->set[d])
		return cr_cause(cause, "depth %d is given twice", d);
	if (strcasecmp(method, GLOBAL) != 0 &&
	    cr_agg_spec_parse(method, &sp, &why) == -1) {
		cr_cause(cause, "depth %d: %s", d, why);
		free(why);
		return -1;
	}
	li->spec[d] = sp;
	li->set[d] = strcasecmp(method, GLOBAL) == 0 ? 2 : 1;
	return 0;
}

int
cr_scenario_parse_level_aggs(const struct cr_model *m,
    struct cr_scenario *sc, const char *spec, char **cause)
{
	struct level_items	 li;
	size_t			 i;
	int			 d, rc;

	li.m = m;
	li.max = 0;
	for (i = 0; i < m->n_nodes; i++)
		if (m->nodes[i].leaf == -1 && m->nodes[i].depth > li.max)
			li.max = m->nodes[i].depth;
	li.spec = xcalloc((size_t)li.max + 1, sizeof(*li.spec));
	li.set = xcalloc((size_t)li.max + 1, 1);
	li.has = xcalloc((size_t)li.max + 1, 1);
	for (i = 0; i < m->n_nodes; i++)
		if (m->nodes[i].leaf == -1)
			li.has[m->nodes[i].depth] = 1;
	rc = each_item(spec, "the depths' methods",
	    "DEPTH=METHOD[,DEPTH=METHOD...]", &li, level_item, cause);
	for (d = 0; rc == 0 && d <= li.max; d++)
		if (li.set[d] != 0)
			cr_scenario_set_level_agg(sc, (size_t)d,
			    li.set[d] == 1 ? &li.spec[d] : NULL);
	free(li.spec);
	free(li.set);
	free(li.has);
	return rc;
}

/* "harm" or "harm (at depth 1)", for messages. */
static char *
agg_where(const struct cr_model *m, const struct cr_scenario *sc, int node)
{
	struct cr_agg_spec	 a;
	char			*s, *t;
	size_t			 d = (size_t)m->nodes[node].depth;

	cr_scenario_node_agg(m, sc, node, &a);
	s = cr_agg_spec_format(&a);
	if (d < sc->n_levels && sc->level_agg[d].method != CR_AGG_COUNT) {
		t = xasprintf("%s (at depth %zu)", s, d);
		free(s);
		s = t;
	}
	return s;
}

int
cr_scenario_solvable(const struct cr_model *m, const struct cr_scenario *sc,
    const char *what, char **cause)
{
	struct cr_agg_spec	 a, first;
	char			*s, *t;
	size_t			 i;
	int			 f = -1;

	for (i = 0; i < m->n_nodes; i++) {
		if (m->nodes[i].leaf != -1)
			continue;
		cr_scenario_node_agg(m, sc, (int)i, &a);
		if (a.method == CR_AGG_ARITH || a.method == CR_AGG_GEOM)
			continue;
		s = agg_where(m, sc, (int)i);
		cr_cause(cause, "%s works with the arithmetic and geometric "
		    "means only, not %s; use --aggregate arith or geom", what,
		    s);
		free(s);
		return -1;
	}
	for (i = 0; i < m->n_nodes; i++) {
		if (m->nodes[i].leaf != -1)
			continue;
		cr_scenario_node_agg(m, sc, (int)i, &a);
		if (f == -1) {
			first = a;
			f = (int)i;
		} else if (!cr_agg_spec_equal(&a, &first)) {
			s = cr_agg_spec_format(&first);
			t = cr_agg_spec_format(&a);
			cr_cause(cause, "%s needs one aggregation at every "
			    "depth, not %s at depth %d and %s at depth %d; "
			    "use --aggregate arith or geom without "
			    "--aggregate-level", what, s, m->nodes[f].depth,
			    t, m->nodes[i].depth);
			free(s);
			free(t);
			return -1;
		}
	}
	return 0;
}

int
cr_scenario_uniform_agg(const struct cr_model *m,
    const struct cr_scenario *sc, struct cr_agg_spec *out)
{
	struct cr_agg_spec	 a;
	size_t			 i;
	int			 first = 1;

	cr_scenario_agg(sc, out);
	for (i = 0; i < m->n_nodes; i++) {
		if (m->nodes[i].leaf != -1)
			continue;
		cr_scenario_node_agg(m, sc, (int)i, &a);
		if (first)
			*out = a;
		else if (!cr_agg_spec_equal(&a, out))
			return -1;
		first = 0;
	}
	return 0;
}

char *
cr_scenario_methods_label(const struct cr_model *m,
    const struct cr_scenario *sc)
{
	struct cr_norm_spec	 n;
	struct cr_agg_spec	 a;
	char			*ns, *as, *t, *out;
	size_t			 k, d;

	cr_scenario_norm(sc, &n);
	if (n.method == CR_NORM_MINMAX && n.lo == 0 && n.hi == 100)
		ns = xstrdup("minmax");
	else
		ns = cr_norm_spec_format(&n);
	if ((k = cr_scenario_n_leaf_norms(sc, m)) > 0) {
		t = xasprintf("%s (%zu lea%s own)", ns, k, k == 1 ? "f" :
		    "ves");
		free(ns);
		ns = t;
	}
	cr_scenario_agg(sc, &a);
	as = cr_agg_spec_format(&a);
	for (d = 0; d < sc->n_levels; d++) {
		if (sc->level_agg[d].method == CR_AGG_COUNT)
			continue;
		t = cr_agg_spec_format(&sc->level_agg[d]);
		out = xasprintf("%s, depth %zu %s", as, d, t);
		free(t);
		free(as);
		as = out;
	}
	out = xasprintf("%s · %s", ns, as);
	free(ns);
	free(as);
	return out;
}
