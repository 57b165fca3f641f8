/*
 * Building the model: the framework tree, the entities and their values.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cause.h"
#include "model.h"
#include "score.h"
#include "swap.h"
#include "xmalloc.h"

static const char *const prov_names[CR_PROV_COUNT] = {
	"report", "official", "user", "estimated", "reconstructed",
	"imputed"
};


static char *
dup_or_empty(const char *s)
{
	return xstrdup(s != NULL ? s : "");
}

const char *
cr_prov_name(enum cr_prov p)
{
	if ((unsigned)p >= CR_PROV_COUNT)
		return "?";
	return prov_names[p];
}

int
cr_prov_parse(const char *s, enum cr_prov *out)
{
	int	 i;

	for (i = 0; i < CR_PROV_COUNT; i++) {
		if (strcasecmp(s, prov_names[i]) == 0) {
			*out = (enum cr_prov)i;
			return 0;
		}
	}
	return -1;
}

int
cr_prov_is_derived(enum cr_prov p)
{
	return p == CR_PROV_ESTIMATED || p == CR_PROV_RECONSTRUCTED ||
	    p == CR_PROV_IMPUTED;
}

/* A new context serial: never one seen before, whichever model. */
static void
ctx_changed(struct cr_model *m)
{
	static unsigned long	serial;

	m->ctx_serial = __atomic_add_fetch(&serial, 1, __ATOMIC_RELAXED);
}

struct cr_model *
cr_model_new(const char *name)
{
	struct cr_model	*m;

	m = xcalloc(1, sizeof(*m));
	m->name = dup_or_empty(name);
	ctx_changed(m);
	return m;
}

/* Its texts and sources are in the model's pool. */
static void
free_ctxvar(struct cr_ctxvar *v)
{
	free(v->code);
	free(v->name_zh);
	free(v->name_en);
	free(v->unit);
	free(v->num);
	free(v->text);
	free(v->prov);
	free(v->source);
	cr_linecol_free(&v->line);
}

void
cr_model_free(struct cr_model *m)
{
	size_t	 i;

	if (m == NULL)
		return;
	for (i = 0; i < m->n_nodes; i++) {
		free(m->nodes[i].code);
		free(m->nodes[i].name_zh);
		free(m->nodes[i].name_en);
		free(m->nodes[i].unit);
	}
	cr_strpool_free(&m->ent_strs);
	for (i = 0; i < m->n_ctx; i++)
		free_ctxvar(&m->ctx[i]);
	cr_strpool_free(&m->ctx_strs);
	free(m->ctx_texts);
	free(m->ctx_line_buf);
	free(m->nodes);
	free(m->leaf_node);
	free(m->entities);
	free(m->raw);
	free(m->prov);
	free(m->ctx);
	free(m->ent_hash);
	free(m->name);
	free(m);
}

/*
 * Codes end up in weight specifications ("iot=2,ai=1") and file names,
 * so they must be printable ASCII without the separators of that syntax.
 */
int
cr_model_valid_code(const char *s)
{
	const unsigned char	*p;

	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p <= ' ' || *p >= 0x7f || *p == ',' || *p == '=')
			return 0;
	return 1;
}

int
cr_model_add_node(struct cr_model *m, const char *code,
    const char *parent_code, const char *name_zh, const char *name_en,
    const char *unit, double weight, int direction, char **cause)
{
	struct cr_node	*n;
	int		 parent = -1;

	if (m->frozen)
		return cr_cause(cause, "cannot add node '%s': the model is frozen",
		    code != NULL ? code : "");
	if (code == NULL || *code == '\0')
		return cr_cause(cause, "empty node code");
	if (!cr_model_valid_code(code))
		return cr_cause(cause, "node code '%s' must be printable ASCII "
		    "without spaces, ',' or '='", code);
	if (cr_model_find_node(m, code) != -1)
		return cr_cause(cause, "duplicate node code '%s'", code);
	if (parent_code != NULL && *parent_code != '\0') {
		if ((parent = cr_model_find_node(m, parent_code)) == -1)
			return cr_cause(cause, "unknown parent '%s' of node '%s'",
			    parent_code, code);
	} else if (m->n_nodes > 0)
		return cr_cause(cause, "node '%s' has no parent but '%s' is "
		    "already the root", code, m->nodes[0].code);
	if (!isfinite(weight) || weight < 0 || weight > CR_WEIGHT_MAX)
		return cr_cause(cause, "weight %g of node '%s' is not a number "
		    "from 0 to 1e9", weight, code);
	if (direction != 1 && direction != -1)
		return cr_cause(cause, "direction %d of node '%s' is not +1 or -1",
		    direction, code);

	if (m->n_nodes == m->nodes_cap) {
		m->nodes_cap = m->nodes_cap ? m->nodes_cap * 2 : 16;
		m->nodes = xreallocarray(m->nodes, m->nodes_cap,
		    sizeof(*m->nodes));
	}
	n = &m->nodes[m->n_nodes++];
	memset(n, 0, sizeof(*n));
	n->code = xstrdup(code);
	n->name_zh = dup_or_empty(name_zh);
	n->name_en = dup_or_empty(name_en);
	n->unit = dup_or_empty(unit);
	n->parent = parent;
	n->depth = parent == -1 ? 0 : m->nodes[parent].depth + 1;
	n->weight = weight;
	n->direction = direction;
	n->leaf = -1;
	n->first_child = -1;
	n->next_sibling = -1;
	n->target = n->post_lo = n->post_hi = NAN;
	return 0;
}

int
cr_model_freeze(struct cr_model *m, char **cause)
{
	struct cr_node	*n;
	int		*last;
	size_t		 i, e;

	if (m->frozen)
		return cr_cause(cause, "the model is already frozen");
	if (m->n_nodes == 0)
		return cr_cause(cause, "the model has no root node");

	/* Parents come first, so one forward pass links children in order. */
	last = xcalloc(m->n_nodes, sizeof(*last));
	for (i = 0; i < m->n_nodes; i++) {
		n = &m->nodes[i];
		n->first_child = n->next_sibling = -1;
		n->n_children = 0;
		n->depth = n->parent == -1 ? 0 : m->nodes[n->parent].depth + 1;
		if (n->parent == -1)
			continue;
		if (m->nodes[n->parent].n_children++ == 0)
			m->nodes[n->parent].first_child = (int)i;
		else
			m->nodes[last[n->parent]].next_sibling = (int)i;
		last[n->parent] = (int)i;
	}
	free(last);

	m->n_leaves = 0;
	for (i = 0; i < m->n_nodes; i++)
		if (m->nodes[i].n_children == 0)
			m->n_leaves++;
	m->leaf_node = xreallocarray(NULL, m->n_leaves, sizeof(int));
	m->n_leaves = 0;
	for (i = 0; i < m->n_nodes; i++) {
		n = &m->nodes[i];
		if (n->n_children == 0) {
			n->leaf = (int)m->n_leaves;
			m->leaf_node[m->n_leaves++] = (int)i;
		} else
			n->leaf = -1;
	}

	/* Entities added before the freeze get their (missing) values now. */
	m->raw = xreallocarray(NULL, m->entities_cap,
	    m->n_leaves * sizeof(*m->raw));
	m->prov = NULL;
	m->prov_one = CR_PROV_USER;
	for (e = 0; e < m->n_entities * m->n_leaves; e++)
		m->raw[e] = NAN;
	m->frozen = 1;
	return 0;
}

/* FNV-1a: short ASCII codes, no adversary. */
static size_t
hash_code(const char *s)
{
	uint64_t	 h = 14695981039346656037ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return (size_t)h;
}

static void
hash_insert(struct cr_model *m, int entity)
{
	size_t	 mask = m->ent_hash_cap - 1, i;

	i = hash_code(m->entities[entity].code) & mask;
	while (m->ent_hash[i] != -1)
		i = (i + 1) & mask;
	m->ent_hash[i] = entity;
}

/*
 * Keeps the table at most three quarters full: a miss probes about
 * four slots on average there (two at half full, for twice the memory:
 * 1 MB at the SVI's 84,000 units).
 */
static void
hash_reserve(struct cr_model *m, size_t n)
{
	size_t	 cap, i;

	if (n * 4 <= m->ent_hash_cap * 3)
		return;
	cap = m->ent_hash_cap ? m->ent_hash_cap : 32;
	while (n * 4 > cap * 3)
		cap *= 2;
	free(m->ent_hash);
	m->ent_hash = xreallocarray(NULL, cap, sizeof(*m->ent_hash));
	m->ent_hash_cap = cap;
	for (i = 0; i < cap; i++)
		m->ent_hash[i] = -1;
	for (i = 0; i < m->n_entities; i++)
		hash_insert(m, (int)i);
}

/* Every per-entity array shares entities_cap, so they grow together. */
static void
grow_entities(struct cr_model *m, size_t cap)
{
	struct cr_ctxvar	*v;
	size_t			 i;

	m->entities = xreallocarray(m->entities, cap, sizeof(*m->entities));
	if (m->frozen) {
		m->raw = xreallocarray(m->raw, cap,
		    m->n_leaves * sizeof(*m->raw));
		xhuge(m->raw, cap * m->n_leaves * sizeof(*m->raw));
		if (m->prov != NULL) {
			m->prov = xreallocarray(m->prov, cap,
			    m->n_leaves * sizeof(*m->prov));
			xhuge(m->prov, cap * m->n_leaves * sizeof(*m->prov));
		}
	}
	for (i = 0; i < m->n_ctx; i++) {
		v = &m->ctx[i];
		if (v->num != NULL)
			v->num = xreallocarray(v->num, cap, sizeof(*v->num));
		if (v->text != NULL)
			v->text = xreallocarray(v->text, cap,
			    sizeof(*v->text));
		v->prov = xreallocarray(v->prov, cap, sizeof(*v->prov));
		if (v->source != NULL)
			v->source = xreallocarray(v->source, cap,
			    sizeof(*v->source));
		cr_linecol_resize(&v->line, cap);
	}
	m->entities_cap = cap;
}

void
cr_model_reserve(struct cr_model *m, size_t n)
{
	/* Exactly n: doubling would leave up to half the arrays unused. */
	if (n > m->entities_cap)
		grow_entities(m, n);
}

/* A source each unit, every one the one kept for all so far. */
static void
ctx_source_expand(struct cr_ctxvar *v, size_t cap)
{
	size_t	 e;

	v->source = xreallocarray(NULL, cap + 1, sizeof(*v->source));
	for (e = 0; e <= cap; e++)
		v->source[e] = v->source_one;
}

static void
init_ctx_slot(struct cr_model *m, struct cr_ctxvar *v, size_t e)
{
	if (v->num != NULL)
		v->num[e] = NAN;
	if (v->text != NULL)
		v->text[e] = NULL;
	v->prov[e] = CR_PROV_USER;
	if (v->source == NULL && v->source_one != NULL)
		ctx_source_expand(v, m->entities_cap);
	if (v->source != NULL)
		v->source[e] = NULL;
	if (v->line.first != 0)
		cr_linecol_expand(&v->line, m->entities_cap);
	if (v->line.v != NULL)
		v->line.v[e] = 0;
}

int
cr_model_add_entity(struct cr_model *m, const char *code,
    const char *name_zh, const char *name_en, char **cause)
{
	struct cr_entity	*ent;
	double			*raw;
	size_t			 e, l;

	if (code == NULL || *code == '\0')
		return cr_cause(cause, "empty entity code");
	if (cr_model_find_entity(m, code) != -1)
		return cr_cause(cause, "duplicate entity code '%s'", code);
	if (m->n_entities == m->entities_cap)
		grow_entities(m, m->entities_cap ? m->entities_cap * 2 : 16);
	e = m->n_entities;
	ent = &m->entities[e];
	ent->code = cr_strpool_dup(&m->ent_strs, code);
	ent->name_zh = cr_strpool_dup(&m->ent_strs, name_zh != NULL ?
	    name_zh : "");
	/* An import gives one name for both: kept once. */
	ent->name_en = strcmp(ent->name_zh, name_en != NULL ? name_en : "")
	    == 0 ? ent->name_zh : cr_strpool_dup(&m->ent_strs, name_en);
	if (m->frozen) {
		/*
		 * Through a local: a store through m->raw might change m as
		 * far as the compiler knows, so the loop reloaded the
		 * pointer each time and was 4% of an open at 100,000.
		 */
		raw = m->raw + e * m->n_leaves;
		for (l = 0; l < m->n_leaves; l++)
			raw[l] = NAN;
		if (m->prov == NULL && m->prov_one != CR_PROV_USER)
			cr_model_prov_expand(m);
		if (m->prov != NULL)
			memset(m->prov + e * m->n_leaves, CR_PROV_USER,
			    m->n_leaves);
	}
	for (l = 0; l < m->n_ctx; l++)
		init_ctx_slot(m, &m->ctx[l], e);
	m->n_entities++;
	hash_reserve(m, m->n_entities);
	hash_insert(m, (int)e);
	return 0;
}

int
cr_model_set_value(struct cr_model *m, int entity, int leaf, double value,
    enum cr_prov prov)
{
	size_t	 i;

	if (!m->frozen || entity < 0 || (size_t)entity >= m->n_entities ||
	    leaf < 0 || (size_t)leaf >= m->n_leaves ||
	    (unsigned)prov >= CR_PROV_COUNT || isinf(value))
		return -1;
	i = (size_t)entity * m->n_leaves + (size_t)leaf;
	m->raw[i] = value;
	if (m->prov == NULL && (unsigned char)prov != m->prov_one)
		cr_model_prov_expand(m);
	if (m->prov != NULL)
		m->prov[i] = (unsigned char)prov;
	return 0;
}

void
cr_model_prov_expand(struct cr_model *m)
{
	size_t	 n = m->entities_cap * m->n_leaves;

	if (m->prov != NULL || !m->frozen)
		return;
	m->prov = xreallocarray(NULL, n + 1, sizeof(*m->prov));
	memset(m->prov, m->prov_one, n + 1);
}

void
cr_model_prov_compact(struct cr_model *m)
{
	size_t	 n = m->n_entities * m->n_leaves, i;

	if (m->prov == NULL || n == 0)
		return;
	for (i = 1; i < n && m->prov[i] == m->prov[0]; i++)
		;
	if (i < n)
		return;
	m->prov_one = m->prov[0];
	free(m->prov);
	m->prov = NULL;
}

int
cr_model_add_ctxvar(struct cr_model *m, const char *code,
    const char *name_zh, const char *name_en, const char *unit,
    enum cr_ctx_kind kind, char **cause)
{
	struct cr_ctxvar	*v;
	size_t			 e, cap;

	if (code == NULL || *code == '\0')
		return cr_cause(cause, "empty context variable code");
	if (cr_model_find_ctx(m, code) != -1)
		return cr_cause(cause, "duplicate context variable code '%s'",
		    code);
	if (kind != CR_CTX_NUM && kind != CR_CTX_TEXT)
		return cr_cause(cause, "context variable '%s' has an unknown kind",
		    code);
	if (m->n_ctx == m->ctx_cap) {
		m->ctx_cap = m->ctx_cap ? m->ctx_cap * 2 : 8;
		m->ctx = xreallocarray(m->ctx, m->ctx_cap, sizeof(*m->ctx));
	}
	v = &m->ctx[m->n_ctx];
	memset(v, 0, sizeof(*v));
	ctx_changed(m);
	v->code = xstrdup(code);
	v->name_zh = dup_or_empty(name_zh);
	v->name_en = dup_or_empty(name_en);
	v->unit = dup_or_empty(unit);
	v->kind = kind;
	cap = m->entities_cap;
	if (kind == CR_CTX_NUM)
		v->num = xreallocarray(NULL, cap, sizeof(*v->num));
	else
		v->text = xreallocarray(NULL, cap, sizeof(*v->text));
	v->prov = xreallocarray(NULL, cap, sizeof(*v->prov));
	for (e = 0; e < m->n_entities; e++)
		init_ctx_slot(m, v, e);
	m->n_ctx++;
	return 0;
}

static struct cr_ctxvar *
ctx_slot(struct cr_model *m, int var, int entity, enum cr_ctx_kind kind,
    enum cr_prov prov)
{
	struct cr_ctxvar	*v;

	if (var < 0 || (size_t)var >= m->n_ctx || entity < 0 ||
	    (size_t)entity >= m->n_entities ||
	    (unsigned)prov >= CR_PROV_COUNT)
		return NULL;
	v = &m->ctx[var];
	return v->kind == kind ? v : NULL;
}

/* Whether two sources are one: both none, or the same text. */
static int
same_source(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Distinct context texts kept once; a power of two. */
#define CR_CTX_TEXTS	256

/*
 * A unit's context is set once as a file loads (twice where a period's
 * row overrides the row for all periods): its strings go to the pool,
 * a source the same as the last one set once.
 */
static void
set_source(struct cr_model *m, struct cr_ctxvar *v, int entity,
    const char *source, unsigned line)
{
	char	*s;

	if (source == NULL)
		s = NULL;
	else if (m->ctx_last_source != NULL &&
	    strcmp(m->ctx_last_source, source) == 0)
		s = (char *)m->ctx_last_source;
	else
		s = cr_strpool_dup(&m->ctx_strs, source);
	if (s != NULL)
		m->ctx_last_source = s;
	if (v->source == NULL && !same_source(s, v->source_one))
		ctx_source_expand(v, m->entities_cap);
	if (v->source != NULL)
		v->source[entity] = s;
	if (line != 0 || v->line.first != 0)
		cr_linecol_expand(&v->line, m->entities_cap);
	if (v->line.v != NULL)
		v->line.v[entity] = source != NULL ? line : 0;
	if (source != NULL && line != 0 &&
	    strlen(source) + CR_LINE_EXTRA > m->ctx_line_len) {
		m->ctx_line_len = strlen(source) + CR_LINE_EXTRA;
		free(m->ctx_line_buf);
		m->ctx_line_buf = xmalloc(m->ctx_line_len);
	}
}

void
cr_line_name(char *buf, size_t len, const char *source, unsigned line)
{
	(void)snprintf(buf, len, "%s line %u", source, line);
}

const char *
cr_model_ctx_source(const struct cr_model *m, int var, int entity)
{
	const struct cr_ctxvar	*v = &m->ctx[var];
	const char		*s;
	uint32_t		 line;

	s = v->source != NULL ? v->source[entity] : v->source_one;
	if (s == NULL)
		return (NULL);
	if ((line = cr_linecol_get(&v->line, (size_t)entity)) == 0)
		return (s);
	cr_line_name(m->ctx_line_buf, m->ctx_line_len, s, line);
	return (m->ctx_line_buf);
}

void
cr_model_ctx_compact(struct cr_model *m)
{
	struct cr_ctxvar	*v;
	size_t			 i, e;

	for (i = 0; i < m->n_ctx; i++) {
		v = &m->ctx[i];
		cr_linecol_compact(&v->line, m->n_entities);
		if (v->source == NULL || m->n_entities == 0)
			continue;
		for (e = 1; e < m->n_entities; e++)
			if (!same_source(v->source[e], v->source[0]))
				break;
		if (e < m->n_entities)
			continue;
		v->source_one = v->source[0];
		free(v->source);
		v->source = NULL;
	}
}

int
cr_model_set_ctx_num(struct cr_model *m, int var, int entity, double value,
    enum cr_prov prov, const char *source, unsigned line)
{
	struct cr_ctxvar	*v;

	if ((v = ctx_slot(m, var, entity, CR_CTX_NUM, prov)) == NULL ||
	    isinf(value))
		return -1;
	v->num[entity] = value;
	v->prov[entity] = (unsigned char)prov;
	set_source(m, v, entity, source, line);
	ctx_changed(m);
	return 0;
}

/*
 * A context text in the pool: the one kept already when it is among the
 * first CR_CTX_TEXTS distinct ones.  A region's few names over 84,000
 * units were half a megabyte of copies.
 */
static char *
ctx_text(struct cr_model *m, const char *text)
{
	const unsigned char	*p;
	size_t			 h = 2166136261u, mask = 2 * CR_CTX_TEXTS - 1;
	char			*t;

	if (m->ctx_texts == NULL)
		m->ctx_texts = xcalloc(2 * CR_CTX_TEXTS, sizeof(*m->ctx_texts));
	for (p = (const unsigned char *)text; *p != '\0'; p++)
		h = (h ^ *p) * 16777619u;
	for (h &= mask; m->ctx_texts[h] != NULL; h = (h + 1) & mask)
		if (strcmp(m->ctx_texts[h], text) == 0)
			return ((char *)m->ctx_texts[h]);
	t = cr_strpool_dup(&m->ctx_strs, text);
	if (m->ctx_n_texts < CR_CTX_TEXTS) {
		m->ctx_texts[h] = t;
		m->ctx_n_texts++;
	}
	return (t);
}

int
cr_model_set_ctx_text(struct cr_model *m, int var, int entity,
    const char *text, enum cr_prov prov, const char *source, unsigned line)
{
	struct cr_ctxvar	*v;

	if ((v = ctx_slot(m, var, entity, CR_CTX_TEXT, prov)) == NULL)
		return -1;
	v->text[entity] = text != NULL ? ctx_text(m, text) : NULL;
	v->prov[entity] = (unsigned char)prov;
	set_source(m, v, entity, source, line);
	ctx_changed(m);
	return 0;
}

int
cr_model_find_node(const struct cr_model *m, const char *code)
{
	size_t	 i;

	for (i = 0; i < m->n_nodes; i++)
		if (strcmp(m->nodes[i].code, code) == 0)
			return (int)i;
	return -1;
}

int
cr_model_under(const struct cr_model *m, int node, int top)
{
	for (; node != -1; node = m->nodes[node].parent)
		if (node == top)
			return 1;
	return 0;
}

int
cr_model_find_entity(const struct cr_model *m, const char *code)
{
	size_t	 mask, i;
	int	 e;

	if (m->ent_hash_cap == 0)
		return -1;
	mask = m->ent_hash_cap - 1;
	for (i = hash_code(code) & mask; (e = m->ent_hash[i]) != -1;
	    i = (i + 1) & mask)
		if (strcmp(m->entities[e].code, code) == 0)
			return e;
	return -1;
}

int
cr_model_find_ctx(const struct cr_model *m, const char *code)
{
	size_t	 i;

	for (i = 0; i < m->n_ctx; i++)
		if (strcmp(m->ctx[i].code, code) == 0)
			return (int)i;
	return -1;
}

/* Another period's context in, this one's out: both have changed. */
void
cr_model_swap_ctx(struct cr_model *m, struct cr_model *o)
{
	SWAP(m->ctx, o->ctx);
	SWAP(m->n_ctx, o->n_ctx);
	SWAP(m->ctx_cap, o->ctx_cap);
	/* The strings go with the context they belong to. */
	SWAP(m->ctx_strs, o->ctx_strs);
	SWAP(m->ctx_last_source, o->ctx_last_source);
	SWAP(m->ctx_texts, o->ctx_texts);
	SWAP(m->ctx_n_texts, o->ctx_n_texts);
	SWAP(m->ctx_line_buf, o->ctx_line_buf);
	SWAP(m->ctx_line_len, o->ctx_line_len);
	ctx_changed(m);
	ctx_changed(o);
}

double
cr_model_raw(const struct cr_model *m, int entity, int leaf)
{
	if (!m->frozen || entity < 0 || (size_t)entity >= m->n_entities ||
	    leaf < 0 || (size_t)leaf >= m->n_leaves)
		return NAN;
	return m->raw[(size_t)entity * m->n_leaves + (size_t)leaf];
}
