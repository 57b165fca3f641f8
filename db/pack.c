/*
 * Writing and decoding value packs.  cr_pack_write() reads the value
 * table back rather than taking each writer's own structures: mkdb
 * and any writer whose rows are the record then share one encoder, and
 * a pack can only say what the rows say.  An import (schema 8) writes
 * no rows: it puts its packs one at a time with a cr_packer, through
 * the same encoder.
 */
#include "config.h"

#include <sys/types.h>

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "checksum.h"
#include "db_priv.h"
#include "pack.h"
#include "xmalloc.h"

static const char prov_letter[CR_PROV_COUNT] = {
	[CR_PROV_REPORT] = 'r',
	[CR_PROV_OFFICIAL] = 'o',
	[CR_PROV_USER] = 'u',
	[CR_PROV_ESTIMATED] = 'e',
	[CR_PROV_RECONSTRUCTED] = 'c',
	[CR_PROV_IMPUTED] = 'i',
};

/*
 * A pack copies rows, so any change to the rows it copies, or to which
 * nodes are leaves, must drop it; the loader then reads the rows.
 */
static const char copy_trigger_sql[] =
"CREATE TRIGGER value_pack_ins AFTER INSERT ON value BEGIN"
"  DELETE FROM value_pack"
"  WHERE entity = NEW.entity AND period = NEW.period; END;"
"CREATE TRIGGER value_pack_upd AFTER UPDATE ON value BEGIN"
"  DELETE FROM value_pack"
"  WHERE (entity = OLD.entity AND period = OLD.period)"
"  OR (entity = NEW.entity AND period = NEW.period); END;"
"CREATE TRIGGER value_pack_del AFTER DELETE ON value BEGIN"
"  DELETE FROM value_pack"
"  WHERE entity = OLD.entity AND period = OLD.period; END;"
"CREATE TRIGGER value_pack_node_ins AFTER INSERT ON node BEGIN"
"  DELETE FROM value_pack; END;"
"CREATE TRIGGER value_pack_node_del AFTER DELETE ON node BEGIN"
"  DELETE FROM value_pack; END;"
"CREATE TRIGGER value_pack_node_upd AFTER UPDATE OF id, parent ON node"
"  BEGIN DELETE FROM value_pack; END;";

/*
 * Whoever the record is, an entity deleted takes its values with it:
 * in a file whose packs are the record (schema 8) its packs would
 * otherwise be left behind, refusing to load as damage.
 */
static const char entity_trigger_sql[] =
"CREATE TRIGGER value_pack_entity AFTER DELETE ON entity BEGIN"
"  DELETE FROM value_pack WHERE entity = OLD.id; END;";

struct cr_packer {
	sqlite3		*h;
	char		**cause;
	sqlite3_int64	*leaf_id;	/* sorted */
	size_t		 n_leaves;
	char		**period;	/* '' first, then the named ones */
	size_t		 n_periods;
	sqlite3_int64	*entity_id;	/* sorted */
	size_t		 n_entities;
	unsigned char	*written;	/* n_entities * n_periods */
	unsigned char	*seen;		/* n_periods: some row has it */
	/* The current entity's packs, one a period. */
	unsigned char	*val;		/* n_periods * n_leaves * 8 */
	char		*prov;		/* n_periods * n_leaves */
	sqlite3_int64	*src;		/* n_periods * n_leaves */
	unsigned char	*has;		/* n_periods */
	unsigned char	*blob;		/* n_leaves * 8: a sources blob */
	sqlite3_stmt	*ins;
};

static int
fail(struct cr_packer *pk, const char *what)
{
	*pk->cause = xasprintf("packing values: %s", what);
	return (-1);
}

static int
fail_sql(struct cr_packer *pk)
{
	return (fail(pk, cr_db_errmsg(pk->h)));
}

static void
put_u64(unsigned char *b, uint64_t u)
{
	int	 k;

	for (k = 0; k < 8; k++)
		b[k] = (unsigned char)(u >> (8 * k));
}

static void
put_double(unsigned char *b, double v)
{
	uint64_t	u;

	memcpy(&u, &v, sizeof u);
	put_u64(b, u);
}

sqlite3_int64
cr_pack_source(const unsigned char *blob, size_t i)
{
	return ((sqlite3_int64)cr_pack_u64(blob + 8 * i));
}

int
cr_pack_prov(char c, enum cr_prov *p)
{
	int	 i;

	for (i = 0; i < CR_PROV_COUNT; i++) {
		if (prov_letter[i] == c) {
			*p = (enum cr_prov)i;
			return (0);
		}
	}
	return (-1);
}

/* The first column of every row, ascending, as ids. */
static int
read_ids(struct cr_packer *pk, const char *sql, sqlite3_int64 **out, size_t *n)
{
	sqlite3_stmt	*st;
	size_t		 cap = 0;
	int		 rc;

	if (sqlite3_prepare_v2(pk->h, sql, -1, &st, NULL) != SQLITE_OK)
		return (fail_sql(pk));
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		(*out)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return (fail_sql(pk));
	return (0);
}

static int
read_periods(struct cr_packer *pk)
{
	sqlite3_stmt	*st;
	int		 rc;

	pk->period = xreallocarray(NULL, 1, sizeof *pk->period);
	pk->period[pk->n_periods++] = xstrdup("");
	if (sqlite3_prepare_v2(pk->h, "SELECT name FROM period ORDER BY ord",
	    -1, &st, NULL) != SQLITE_OK)
		return (fail_sql(pk));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		pk->period = xreallocarray(pk->period, pk->n_periods + 1,
		    sizeof *pk->period);
		pk->period[pk->n_periods++] =
		    xstrdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return (fail_sql(pk));
	return (0);
}

static void
clear_period(struct cr_packer *pk, size_t p)
{
	size_t	 i, at = p * pk->n_leaves;

	for (i = 0; i < pk->n_leaves; i++) {
		put_double(pk->val + 8 * (at + i), NAN);
		pk->prov[at + i] = CR_PACK_NONE;
		pk->src[at + i] = 0;
	}
	pk->has[p] = 0;
}

/* One source for every value, or NULL and a blob of them. */
static void
bind_sources(struct cr_packer *pk, size_t p, struct cr_pack_row *r)
{
	unsigned char	*blob = pk->blob;
	size_t	 i, at = p * pk->n_leaves;
	ssize_t	 first = -1;
	int	 same = 1;

	for (i = 0; i < pk->n_leaves; i++) {
		put_u64(blob + 8 * i, (uint64_t)pk->src[at + i]);
		if (pk->prov[at + i] == CR_PACK_NONE)
			continue;
		if (first == -1)
			first = (ssize_t)i;
		else if (pk->src[at + i] != pk->src[at + (size_t)first])
			same = 0;
	}
	if (first == -1 || same) {
		if (first == -1)
			sqlite3_bind_null(pk->ins, 6);
		else {
			r->has_source = 1;
			r->source = pk->src[at + (size_t)first];
			sqlite3_bind_int64(pk->ins, 6, r->source);
		}
		sqlite3_bind_null(pk->ins, 7);
	} else {
		r->sources = blob;
		r->sources_len = 8 * pk->n_leaves;
		sqlite3_bind_null(pk->ins, 6);
		sqlite3_bind_blob(pk->ins, 7, blob, (int)(8 * pk->n_leaves),
		    SQLITE_STATIC);
	}
}

/*
 * The one letter of every leaf with a value, or 0 when they differ:
 * then (schema 10) the pack keeps that letter alone, CR_PACK_NONE when
 * no leaf has a value.
 */
static char
one_letter(const char *prov, size_t n)
{
	char	one = CR_PACK_NONE;
	size_t	i;

	for (i = 0; i < n; i++) {
		if (prov[i] == CR_PACK_NONE || prov[i] == one)
			continue;
		if (one != CR_PACK_NONE)
			return (0);
		one = prov[i];
	}
	return (one);
}

/*
 * The row of the pack in slot p of the buffers, and its checksum over
 * exactly the values bound.  A line (schema 10; 0 for none) is the one
 * source's: a pack of several sources has none.
 */
static int
emit_pack(struct cr_packer *pk, sqlite3_int64 entity, const char *period,
    size_t p, sqlite3_int64 line)
{
	struct cr_pack_row	 r;
	size_t			 n = pk->n_leaves, at = p * n;
	char			 one = one_letter(pk->prov + at, n);
	int			 rc;

	memset(&r, 0, sizeof r);
	r.entity = entity;
	r.period = period;
	r.period_len = strlen(r.period);
	r.n = (sqlite3_int64)n;
	r.value = pk->val + 8 * at;
	r.value_len = 8 * n;
	r.prov = one != 0 ? &one : pk->prov + at;
	r.prov_len = one != 0 ? 1 : n;
	sqlite3_bind_int64(pk->ins, 1, r.entity);
	sqlite3_bind_text(pk->ins, 2, r.period, -1, SQLITE_STATIC);
	sqlite3_bind_int64(pk->ins, 3, r.n);
	sqlite3_bind_blob(pk->ins, 4, r.value, (int)r.value_len,
	    SQLITE_STATIC);
	sqlite3_bind_text(pk->ins, 5, r.prov, (int)r.prov_len, SQLITE_STATIC);
	bind_sources(pk, p, &r);
	if (r.has_source && line > 0) {
		r.line = line;
		sqlite3_bind_int64(pk->ins, 9, line);
	}
	sqlite3_bind_int64(pk->ins, 8, cr_sum_to_i64(cr_pack_checksum(&r)));
	rc = sqlite3_step(pk->ins);
	sqlite3_reset(pk->ins);
	sqlite3_clear_bindings(pk->ins);
	if (rc != SQLITE_DONE)
		return (fail_sql(pk));
	return (0);
}

static int
insert_pack(struct cr_packer *pk, size_t e, size_t p)
{
	if (emit_pack(pk, pk->entity_id[e], pk->period[p], p, 0) != 0)
		return (-1);
	pk->written[e * pk->n_periods + p] = 1;
	return (0);
}

/* The packs of entity e for each period it has a value in. */
static int
flush(struct cr_packer *pk, size_t e)
{
	size_t	 p;

	for (p = 0; p < pk->n_periods; p++) {
		if (!pk->has[p])
			continue;
		if (insert_pack(pk, e, p) != 0)
			return (-1);
		clear_period(pk, p);
	}
	return (0);
}

static int
period_index(struct cr_packer *pk, const char *name, size_t *p)
{
	for (*p = 0; *p < pk->n_periods; (*p)++)
		if (strcmp(pk->period[*p], name) == 0)
			return (0);
	return (fail(pk, "a value's period is not in the period table"));
}

static int
add_row(struct cr_packer *pk, sqlite3_stmt *st, size_t p)
{
	enum cr_prov	 prov;
	ssize_t		 leaf;
	size_t		 at;

	leaf = cr_db_find_id(pk->leaf_id, pk->n_leaves, sqlite3_column_int64(st, 1));
	if (leaf < 0)
		return (fail(pk, "a value belongs to a node that is not a "
		    "leaf"));
	if (cr_prov_parse((const char *)sqlite3_column_text(st, 4),
	    &prov) != 0)
		return (fail(pk, "a value has an unknown provenance"));
	at = p * pk->n_leaves + (size_t)leaf;
	put_double(pk->val + 8 * at, sqlite3_column_double(st, 3));
	pk->prov[at] = prov_letter[prov];
	pk->src[at] = sqlite3_column_int64(st, 5);
	pk->has[p] = 1;
	pk->seen[p] = 1;
	return (0);
}

/* Rows come in primary key order: entity, node, period. */
static int
scan_values(struct cr_packer *pk)
{
	sqlite3_stmt	*st;
	ssize_t		 e, cur = -1;
	size_t		 p;
	int		 rc, bad = 0;

	if (sqlite3_prepare_v2(pk->h, "SELECT entity, node, period, value, "
	    "provenance, source FROM value ORDER BY entity, node, period",
	    -1, &st, NULL) != SQLITE_OK)
		return (fail_sql(pk));
	while (!bad && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		e = cr_db_find_id(pk->entity_id, pk->n_entities,
		    sqlite3_column_int64(st, 0));
		if (e < 0)
			bad = fail(pk, "a value belongs to no entity");
		else if (e != cur && cur >= 0 && flush(pk, (size_t)cur) != 0)
			bad = -1;
		else if (period_index(pk,
		    (const char *)sqlite3_column_text(st, 2), &p) != 0)
			bad = -1;
		else {
			cur = e;
			bad = add_row(pk, st, p);
		}
	}
	if (!bad && rc != SQLITE_DONE)
		bad = fail_sql(pk);
	sqlite3_finalize(st);
	if (!bad && cur >= 0)
		bad = flush(pk, (size_t)cur);
	return (bad);
}

/*
 * An entity with no value in a period the data has still gets a pack,
 * all missing, so the loader never falls back to rows for it.
 */
static int
fill_gaps(struct cr_packer *pk)
{
	size_t	 e, p;

	for (p = 0; p < pk->n_periods; p++) {
		if (!pk->seen[p])
			continue;
		for (e = 0; e < pk->n_entities; e++)
			if (!pk->written[e * pk->n_periods + p] &&
			    insert_pack(pk, e, p) != 0)
				return (-1);
	}
	return (0);
}

static void
alloc_buffers(struct cr_packer *pk)
{
	size_t	 np = pk->n_periods, nl = pk->n_leaves, p;

	pk->written = xcalloc(pk->n_entities * np + 1, 1);
	pk->seen = xcalloc(np, 1);
	pk->has = xcalloc(np, 1);
	pk->val = xreallocarray(NULL, np * nl + 1, 8);
	pk->prov = xreallocarray(NULL, np * nl + 1, 1);
	pk->src = xreallocarray(NULL, np * nl + 1, sizeof *pk->src);
	pk->blob = xreallocarray(NULL, nl + 1, 8);
	for (p = 0; p < np; p++)
		clear_period(pk, p);
}

static void
packer_free(struct cr_packer *pk)
{
	size_t	 p;

	sqlite3_finalize(pk->ins);
	for (p = 0; p < pk->n_periods; p++)
		free(pk->period[p]);
	free(pk->period);
	free(pk->leaf_id);
	free(pk->entity_id);
	free(pk->written);
	free(pk->seen);
	free(pk->has);
	free(pk->val);
	free(pk->prov);
	free(pk->src);
	free(pk->blob);
}

static int
prepare_insert(struct cr_packer *pk)
{
	if (sqlite3_prepare_v2(pk->h, "INSERT INTO value_pack (entity, "
	    "period, n, value, provenance, source, sources, checksum, line) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &pk->ins, NULL) !=
	    SQLITE_OK)
		return (fail_sql(pk));
	return (0);
}

static int
exec(struct cr_packer *pk, const char *sql)
{
	char	*err = NULL;
	int	 rc = 0;

	if (sqlite3_exec(pk->h, sql, NULL, NULL, &err) != SQLITE_OK) {
		rc = fail(pk, err != NULL ? err : "sqlite error");
		sqlite3_free(err);
	}
	return (rc);
}

int
cr_pack_write(sqlite3 *h, char **cause)
{
	struct cr_packer	 pk;
	int			 rc;

	memset(&pk, 0, sizeof pk);
	pk.h = h;
	pk.cause = cause;
	rc = read_ids(&pk, "SELECT id FROM node n WHERE NOT EXISTS "
	    "(SELECT 1 FROM node c WHERE c.parent = n.id) ORDER BY id",
	    &pk.leaf_id, &pk.n_leaves);
	if (rc == 0)
		rc = read_ids(&pk, "SELECT id FROM entity ORDER BY id",
		    &pk.entity_id, &pk.n_entities);
	if (rc == 0)
		rc = read_periods(&pk);
	if (rc == 0)
		rc = prepare_insert(&pk);
	if (rc == 0) {
		alloc_buffers(&pk);
		rc = scan_values(&pk);
	}
	if (rc == 0)
		rc = fill_gaps(&pk);
	if (rc == 0)
		rc = exec(&pk, copy_trigger_sql);
	if (rc == 0)
		rc = exec(&pk, entity_trigger_sql);
	packer_free(&pk);
	return (rc);
}

/*
 * One pack at a time, in one slot of the buffers: no period table and
 * no entity list are read, the caller names both.
 */
struct cr_packer *
cr_packer_new(sqlite3 *h, size_t n_leaves, char **cause)
{
	struct cr_packer	*pk;

	pk = xcalloc(1, sizeof *pk);
	pk->h = h;
	pk->cause = cause;
	pk->n_leaves = n_leaves;
	pk->period = xreallocarray(NULL, 1, sizeof *pk->period);
	pk->period[pk->n_periods++] = xstrdup("");
	if (prepare_insert(pk) != 0) {
		cr_packer_free(pk);
		return (NULL);
	}
	alloc_buffers(pk);
	return (pk);
}

void
cr_packer_set(struct cr_packer *pk, size_t leaf, double v, enum cr_prov p,
    sqlite3_int64 source)
{
	put_double(pk->val + 8 * leaf, v);
	pk->prov[leaf] = prov_letter[p];
	pk->src[leaf] = source;
}

int
cr_packer_put(struct cr_packer *pk, sqlite3_int64 entity,
    const char *period, sqlite3_int64 line)
{
	int	rc;

	rc = emit_pack(pk, entity, period, 0, line);
	clear_period(pk, 0);
	return (rc);
}

void
cr_packer_free(struct cr_packer *pk)
{
	if (pk == NULL)
		return;
	packer_free(pk);
	free(pk);
}

int
cr_pack_record_triggers(sqlite3 *h, char **cause)
{
	struct cr_packer	pk;

	memset(&pk, 0, sizeof pk);
	pk.h = h;
	pk.cause = cause;
	return (exec(&pk, entity_trigger_sql));
}
