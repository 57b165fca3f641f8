/*
 * The model: a framework tree of nodes, a list of entities (cities), the
 * raw value of every leaf indicator for every entity, and context
 * variables that are not aggregated.  Pure C: no ncurses, no SQLite.
 *
 * Nodes are stored parents-first (node 0 is the root) so that a reverse
 * walk over the array visits every child before its parent.  Raw values
 * are one flat row-major array: raw[entity * n_leaves + leaf].
 */
#ifndef CR_MODEL_H
#define CR_MODEL_H

#include <stddef.h>

#include "linecol.h"

#include "strpool.h"

/* Where a number came from.  Order matters: higher is "less official". */
enum cr_prov {
	CR_PROV_REPORT = 0,	/* published in the source report */
	CR_PROV_OFFICIAL,	/* official statistics */
	CR_PROV_USER,		/* entered or imported by the user */
	CR_PROV_ESTIMATED,	/* estimated from related published facts */
	CR_PROV_RECONSTRUCTED,	/* reconstructed to fit published results */
	/*
	 * Filled in by imputation (engine/prepare.h): not measured for this
	 * unit at all, so the least official of all.
	 */
	CR_PROV_IMPUTED,
	CR_PROV_COUNT
};

const char	*cr_prov_name(enum cr_prov);
int		 cr_prov_parse(const char *, enum cr_prov *);
/* 1 when a value of this provenance is neither published nor official. */
int		 cr_prov_is_derived(enum cr_prov);

struct cr_node {
	char	*code;		/* unique, ASCII */
	char	*name_zh;
	char	*name_en;
	char	*unit;		/* may be empty */
	int	 parent;	/* node index, -1 for the root */
	int	 depth;		/* root is 0 */
	double	 weight;	/* default weight among its siblings */
	int	 direction;	/* +1 higher is better, -1 lower is better */
	int	 leaf;		/* leaf index, or -1 for an aggregate */
	int	 first_child;	/* node index or -1 */
	int	 next_sibling;	/* node index or -1 */
	int	 n_children;
	/*
	 * A leaf's target (dist2targ) and goalposts (goalposts) in its raw
	 * units, as the data set gives them; NAN where it gives none.
	 */
	double	 target;
	double	 post_lo, post_hi;
};

struct cr_entity {
	char	*code;
	char	*name_zh;
	char	*name_en;
};

enum cr_ctx_kind { CR_CTX_NUM, CR_CTX_TEXT };

/* A context variable: per-entity, never aggregated (GDP, region...). */
struct cr_ctxvar {
	char		*code;
	char		*name_zh;
	char		*name_en;
	char		*unit;
	enum cr_ctx_kind kind;
	double		*num;	/* n_entities, NAN when missing (CR_CTX_NUM) */
	char		**text;	/* n_entities, NULL when missing (CR_CTX_TEXT) */
	unsigned char	*prov;	/* n_entities, enum cr_prov */
	/*
	 * n_entities, each may be NULL; the array NULL while every unit's
	 * is source_one, as an import's are (cr_model_ctx_compact()).
	 */
	char		**source;
	char		*source_one;
	/*
	 * The line of the source each value is on, 0 for none (an
	 * import's rows share one source, the data file, kept once).
	 */
	struct cr_linecol line;
};

struct cr_model {
	char		*name;		/* data set name */
	size_t		 n_nodes;
	struct cr_node	*nodes;
	size_t		 n_leaves;
	int		*leaf_node;	/* leaf index -> node index */
	size_t		 n_entities;
	struct cr_entity *entities;
	double		*raw;		/* n_entities * n_leaves, NAN = missing */
	/*
	 * The same shape, enum cr_prov; NULL while every value, a missing
	 * one too, has prov_one, as an import's do (1.3 MB at the SVI's
	 * 84,000 units).  Read through cr_model_prov().
	 */
	unsigned char	*prov;
	unsigned char	 prov_one;
	size_t		 n_ctx;
	struct cr_ctxvar *ctx;
	size_t		 nodes_cap, entities_cap, ctx_cap;
	struct cr_strpool ent_strs;	/* the units' codes and names */
	struct cr_strpool ctx_strs;	/* the context's texts and sources */
	const char	*ctx_last_source; /* in ctx_strs: the last one set */
	/*
	 * The context's texts kept once each, the first CR_CTX_TEXTS
	 * (model.c) distinct ones (a region, a province): an open-addressed
	 * set of twice as many slots, in ctx_strs; NULL until the first.
	 */
	const char	**ctx_texts;
	size_t		 ctx_n_texts;
	/* Where cr_model_ctx_source() names a line; the longest fits. */
	char		*ctx_line_buf;
	size_t		 ctx_line_len;
	/*
	 * A serial, new at every change of the context, unique in the
	 * process: what was computed from the context (a search's
	 * answers) holds while it stays the same.
	 */
	unsigned long	 ctx_serial;
	int		 frozen;	/* cr_model_freeze() was called */
	/* Entity codes by hash, so 100,000 entities load in linear time. */
	int		*ent_hash;	/* open addressing: entity or -1 */
	size_t		 ent_hash_cap;	/* a power of two, or 0 */
};

/*
 * Building a model: add nodes (a parent before its children), then
 * freeze, which fixes the tree and the leaf list; then add entities,
 * context variables and values in any order (the arrays grow; a new
 * entity starts with every value missing).  Errors a user can cause return -1 and fill *cause (malloc'd,
 * caller frees); out of memory aborts through xmalloc.
 */
struct cr_model	*cr_model_new(const char *name);
void		 cr_model_free(struct cr_model *);
int		 cr_model_add_node(struct cr_model *, const char *code,
		    const char *parent_code, const char *name_zh,
		    const char *name_en, const char *unit, double weight,
		    int direction, char **cause);
/* Room for n entities, when the count is known ahead. */
void		 cr_model_reserve(struct cr_model *, size_t n);
int		 cr_model_add_entity(struct cr_model *, const char *code,
		    const char *name_zh, const char *name_en, char **cause);
/* Fixes the tree: nodes without children become leaves. */
int		 cr_model_freeze(struct cr_model *, char **cause);
int		 cr_model_set_value(struct cr_model *, int entity, int leaf,
		    double value, enum cr_prov);
int		 cr_model_add_ctxvar(struct cr_model *, const char *code,
		    const char *name_zh, const char *name_en, const char *unit,
		    enum cr_ctx_kind, char **cause);
/* line: of the source the value is on; 0 when it names none. */
int		 cr_model_set_ctx_num(struct cr_model *, int var, int entity,
		    double, enum cr_prov, const char *source, unsigned line);
int		 cr_model_set_ctx_text(struct cr_model *, int var, int entity,
		    const char *, enum cr_prov, const char *source,
		    unsigned line);
/*
 * A context value's source; NULL when it has none.  Where it names a
 * line, "iData.csv line 7" made in a buffer of the model's that the
 * next call reuses.
 */
const char	*cr_model_ctx_source(const struct cr_model *, int var,
		    int entity);
/* Each variable's sources kept once when every unit's is the same. */
void		 cr_model_ctx_compact(struct cr_model *);

/*
 * The one way a source names a line, "iData.csv line 7": into buf of
 * len, at least strlen(source) + CR_LINE_EXTRA, so that it fits.
 */
#define CR_LINE_EXTRA	sizeof " line 4294967295"
void		 cr_line_name(char *buf, size_t len, const char *source,
		    unsigned line);

/*
 * A code may be a node's: printable ASCII without the separators of
 * weight specifications ("iot=2,ai=1").  Empty is valid here.
 */
int		 cr_model_valid_code(const char *);
int		 cr_model_find_node(const struct cr_model *, const char *code);
/* Whether node is top or beneath it. */
int		 cr_model_under(const struct cr_model *, int node, int top);
int		 cr_model_find_entity(const struct cr_model *, const char *code);
int		 cr_model_find_ctx(const struct cr_model *, const char *code);
void		 cr_model_swap_ctx(struct cr_model *, struct cr_model *);
double		 cr_model_raw(const struct cr_model *, int entity, int leaf);

/* The provenance of value i of raw[] (entity * n_leaves + leaf). */
static inline enum cr_prov
cr_model_prov_at(const struct cr_model *m, size_t i)
{
	return (enum cr_prov)(m->prov != NULL ? m->prov[i] : m->prov_one);
}

static inline enum cr_prov
cr_model_prov(const struct cr_model *m, int entity, int leaf)
{
	return cr_model_prov_at(m, (size_t)entity * m->n_leaves +
	    (size_t)leaf);
}

/*
 * A provenance a value, for a loader that writes prov[] itself; then
 * one for all again when every value has the same.
 */
void		 cr_model_prov_expand(struct cr_model *);
void		 cr_model_prov_compact(struct cr_model *);

#endif
