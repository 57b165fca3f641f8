/*
 * Checksums of value packs and tables, with XXH3-64 (libxxhash): its
 * output is fixed since xxHash 0.8.0, so a file written by one build
 * checks under another.  Values go in with a type tag and lengths, so
 * that no two contents hash the same bytes.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "checksum.h"
#include "db.h"
#include "db_priv.h"
#include "xmalloc.h"

/*
 * Each in one fixed order, every column, so that any change to what the
 * loader reads changes the sum.  NOT INDEXED: a sum of the table itself,
 * not of a copy of some of its columns in an index, which the loader
 * may not read.  value and value_pack are not here: the
 * packs carry their own, and the rows are read only for an entity whose
 * pack an edit dropped.  The loader reads entity and context, a row
 * each unit, by these same queries and sums them as it goes: one pass
 * of the table, not two.
 */
const struct cr_sum_table cr_sum_tables[] = {
	{ "meta", "SELECT key, value FROM meta NOT INDEXED ORDER BY key",
	  0, 0, 0, 0 },
	{ "source", "SELECT id, text FROM source NOT INDEXED ORDER BY id",
	  0, 0, 0, 0 },
	{ "node", "SELECT id, code, parent, name_zh, name_en, weight, "
	  "direction, unit, description FROM node NOT INDEXED "
	  "ORDER BY id", 0, 0, 0, 0 },
	{ "entity", "SELECT id, code, name_zh, name_en FROM entity "
	  "NOT INDEXED ORDER BY id", 0, 0, 0, 1 },
	{ "context_var", "SELECT id, code, name_zh, name_en, unit, kind "
	  "FROM context_var NOT INDEXED ORDER BY id", 0, 0, 0, 0 },
	{ "context", "SELECT entity, var, period, num, text, provenance, "
	  "source FROM context NOT INDEXED ORDER BY entity, var, period",
	  0, 9, 0, 1 },
	/* Schema 10: the line of the source a row came from. */
	{ "context", "SELECT entity, var, period, num, text, provenance, "
	  "source, line FROM context NOT INDEXED ORDER BY entity, var, "
	  "period", 10, 0, 0, 1 },
	{ "published", "SELECT rowid, entity, node, kind, value, provenance, "
	  "source FROM published NOT INDEXED ORDER BY rowid", 0, 0, 0, 0 },
	{ "preset", "SELECT id, code, name_zh, name_en, normalize, aggregate, "
	  "description FROM preset NOT INDEXED ORDER BY id", 0, 0, 0, 0 },
	{ "preset_weight", "SELECT preset, node, weight FROM preset_weight "
	  "NOT INDEXED ORDER BY preset, node", 0, 0, 0, 0 },
	{ "period", "SELECT name, ord FROM period NOT INDEXED "
	  "ORDER BY ord", 0, 0, 0, 0 },
	{ "prep_note", "SELECT id, step, what, period, indicator, unit, grp, "
	  "n, a, b, c, d, text FROM prep_note NOT INDEXED ORDER BY id",
	  5, 0, 0, 0 },
	/*
	 * The raw tables, as large as the import's CSV, are read only to
	 * prepare the data again: checked then, not at every load.
	 */
	{ "raw_input", "SELECT name, file, content FROM raw_input NOT INDEXED "
	  "ORDER BY name", 6, 0, 1, 0 },
	{ "target", "SELECT node, value, provenance, source FROM target "
	  "NOT INDEXED ORDER BY node", 7, 0, 0, 0 },
	{ NULL, NULL, 0, 0, 0, 0 }
};

sqlite3_int64
cr_sum_to_i64(uint64_t u)
{
	/* Two's complement without relying on an out-of-range cast. */
	if (u <= INT64_MAX)
		return ((sqlite3_int64)u);
	return (-(sqlite3_int64)(~u) - 1);
}

uint64_t
cr_sum_from_i64(sqlite3_int64 i)
{
	return ((uint64_t)i);
}

/*
 * A sum fed a field at a time: the fields are mostly a few bytes (tags,
 * lengths, short names), and XXH3's update costs more per call than per
 * byte, so they are gathered and hashed a buffer at a time.  The sum is
 * the same as of the bytes in one piece; what fits in the buffer (a
 * value pack of up to about 200 leaves) is hashed in one piece, with no
 * streaming state made: a load sums 100,000 packs.
 */
struct hasher {
	XXH3_state_t	*x;
	size_t		 n;
	unsigned char	 buf[4096];
};

static struct hasher *
sum_new(void)
{
	struct hasher	*s = xmalloc(sizeof *s);

	s->x = NULL;
	s->n = 0;
	return (s);
}

/* The streaming state, made when the bytes outgrow the buffer. */
static void
flush(struct hasher *s)
{
	if (s->x == NULL && ((s->x = XXH3_createState()) == NULL ||
	    XXH3_64bits_reset(s->x) != XXH_OK)) {
		/* As xmalloc does: the program cannot go on without memory. */
		abort();
	}
	if (s->n > 0 && XXH3_64bits_update(s->x, s->buf, s->n) != XXH_OK)
		abort();
	s->n = 0;
}

static void
add(struct hasher *s, const void *p, size_t len)
{
	if (s->n + len > sizeof s->buf || len >= sizeof s->buf)
		flush(s);
	if (len >= sizeof s->buf) {
		if (XXH3_64bits_update(s->x, p, len) != XXH_OK)
			abort();
		return;
	}
	if (len > 0)
		memcpy(s->buf + s->n, p, len);
	s->n += len;
}

static void
add_u64(struct hasher *s, uint64_t u)
{
	unsigned char	b[8];
	int		k;

	for (k = 0; k < 8; k++)
		b[k] = (unsigned char)(u >> (8 * k));
	add(s, b, sizeof b);
}

static void
add_tag(struct hasher *s, char tag)
{
	add(s, &tag, 1);
}

static void
add_bytes(struct hasher *s, char tag, const void *p, size_t len)
{
	add_tag(s, tag);
	add_u64(s, len);
	add(s, p, len);
}

static uint64_t
sum_end(struct hasher *s)
{
	uint64_t	u;

	if (s->x == NULL)
		u = XXH3_64bits(s->buf, s->n);
	else {
		flush(s);
		u = XXH3_64bits_digest(s->x);
		XXH3_freeState(s->x);
	}
	free(s);
	return (u);
}

uint64_t
cr_pack_checksum(const struct cr_pack_row *r)
{
	struct hasher	*s = sum_new();

	add_bytes(s, 'P', "value_pack", 10);
	add_u64(s, (uint64_t)r->entity);
	add_bytes(s, 's', r->period, r->period_len);
	add_u64(s, (uint64_t)r->n);
	add_bytes(s, 'b', r->value, r->value_len);
	add_bytes(s, 's', r->prov, r->prov_len);
	if (r->has_source) {
		add_tag(s, 'i');
		add_u64(s, (uint64_t)r->source);
	} else
		add_tag(s, 'n');
	if (r->sources != NULL)
		add_bytes(s, 'b', r->sources, r->sources_len);
	else
		add_tag(s, 'n');
	/* Nothing when there is none: older packs sum as they were. */
	if (r->line != 0) {
		add_tag(s, 'L');
		add_u64(s, (uint64_t)r->line);
	}
	return (sum_end(s));
}

void
cr_pack_row_read(sqlite3_stmt *st, int col, struct cr_pack_row *r)
{
	memset(r, 0, sizeof *r);
	r->entity = sqlite3_column_int64(st, col);
	r->period = (const char *)sqlite3_column_text(st, col + 1);
	r->period_len = (size_t)sqlite3_column_bytes(st, col + 1);
	r->n = sqlite3_column_int64(st, col + 2);
	r->value = sqlite3_column_blob(st, col + 3);
	r->value_len = (size_t)sqlite3_column_bytes(st, col + 3);
	r->prov = (const char *)sqlite3_column_text(st, col + 4);
	r->prov_len = (size_t)sqlite3_column_bytes(st, col + 4);
	r->has_source = sqlite3_column_type(st, col + 5) != SQLITE_NULL;
	r->source = sqlite3_column_int64(st, col + 5);
	if (sqlite3_column_type(st, col + 6) != SQLITE_NULL) {
		r->sources = sqlite3_column_blob(st, col + 6);
		r->sources_len = (size_t)sqlite3_column_bytes(st, col + 6);
		/* An empty blob reads as NULL; it is not a missing one. */
		if (r->sources == NULL)
			r->sources = (const unsigned char *)"";
	}
	r->line = sqlite3_column_int64(st, col + 8);
}

char *
cr_pack_row_sql(int version, const char *rest)
{
	return (xasprintf("SELECT entity, period, n, value, provenance, "
	    "source, sources, %s, %s FROM value_pack %s", version >= 4 ?
	    "checksum" : "NULL", version >= 10 ? "line" : "NULL", rest));
}

static void
add_column(struct hasher *s, sqlite3_stmt *st, int i)
{
	double	d;
	uint64_t u;

	switch (sqlite3_column_type(st, i)) {
	case SQLITE_INTEGER:
		add_tag(s, 'i');
		add_u64(s, (uint64_t)sqlite3_column_int64(st, i));
		break;
	case SQLITE_FLOAT:
		d = sqlite3_column_double(st, i);
		memcpy(&u, &d, sizeof u);
		add_tag(s, 'f');
		add_u64(s, u);
		break;
	case SQLITE_TEXT:
		add_bytes(s, 's', sqlite3_column_text(st, i),
		    (size_t)sqlite3_column_bytes(st, i));
		break;
	case SQLITE_BLOB:
		add_bytes(s, 'b', sqlite3_column_blob(st, i),
		    (size_t)sqlite3_column_bytes(st, i));
		break;
	default:
		add_tag(s, 'n');
		break;
	}
}

int
cr_sum_applies(const struct cr_sum_table *t, int version)
{
	return (t->since <= version && (t->until == 0 || version <= t->until));
}

const struct cr_sum_table *
cr_sum_find(const char *name, int version)
{
	const struct cr_sum_table	*t;

	for (t = cr_sum_tables; t->name != NULL; t++)
		if (strcmp(t->name, name) == 0 && cr_sum_applies(t, version))
			return (t);
	return (NULL);
}

struct cr_sum {
	struct hasher	*x;
	uint64_t	 rows;
};

struct cr_sum *
cr_sum_begin(const struct cr_sum_table *t)
{
	struct cr_sum	*s = xcalloc(1, sizeof *s);

	s->x = sum_new();
	add_bytes(s->x, 'T', t->name, strlen(t->name));
	return (s);
}

void
cr_sum_row(struct cr_sum *s, sqlite3_stmt *st)
{
	int	i, n = sqlite3_column_count(st);

	for (i = 0; i < n; i++)
		add_column(s->x, st, i);
	s->rows++;
}

uint64_t
cr_sum_end(struct cr_sum *s)
{
	uint64_t	u;

	add_u64(s->x, s->rows);
	u = sum_end(s->x);
	free(s);
	return (u);
}

int
cr_sum_table(sqlite3 *h, const struct cr_sum_table *t, uint64_t *sum,
    char **cause)
{
	struct cr_sum	*s;
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(h, t->sql, -1, &st, NULL) != SQLITE_OK) {
		*cause = xasprintf("%s", cr_db_errmsg(h));
		return (-1);
	}
	s = cr_sum_begin(t);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		cr_sum_row(s, st);
	*sum = cr_sum_end(s);
	if (rc != SQLITE_DONE)
		*cause = xasprintf("%s", cr_db_errmsg(h));
	sqlite3_finalize(st);
	return (rc == SQLITE_DONE ? 0 : -1);
}

int
cr_sum_verify(sqlite3 *h, const char *name, char **cause)
{
	const struct cr_sum_table	*t;
	sqlite3_stmt			*st;
	uint64_t			 sum;
	int				 rc;

	if ((t = cr_sum_find(name, CR_DB_SCHEMA_VERSION)) == NULL) {
		*cause = xasprintf("no checksum of table %s is kept", name);
		return (-1);
	}
	if (sqlite3_prepare_v2(h, "SELECT xxh3 FROM checksum WHERE name = ?",
	    -1, &st, NULL) != SQLITE_OK) {
		*cause = xasprintf("%s", cr_db_errmsg(h));
		return (-1);
	}
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_DONE) {
		*cause = xasprintf("no checksum of table %s: the file is "
		    "damaged; run 'cityrank check'", name);
		rc = -1;
	} else if (rc != SQLITE_ROW) {
		*cause = xasprintf("%s", cr_db_errmsg(h));
		rc = -1;
	} else if (sqlite3_column_type(st, 0) == SQLITE_NULL)
		rc = 0;		/* stale: an edit since */
	else if ((rc = cr_sum_table(h, t, &sum, cause)) == 0 &&
	    cr_sum_from_i64(sqlite3_column_int64(st, 0)) != sum) {
		*cause = xasprintf("table %s is damaged; run 'cityrank "
		    "check'", name);
		rc = -1;
	}
	sqlite3_finalize(st);
	return (rc);
}

/* A change to a table makes its checksum stale, not wrong. */
static int
write_triggers(sqlite3 *h, const char *name, char **cause)
{
	static const char *const ev[] = { "INSERT", "UPDATE", "DELETE" };
	char	*sql, *err = NULL;
	int	 i, rc = 0;

	for (i = 0; rc == 0 && i < 3; i++) {
		sql = xasprintf("CREATE TRIGGER checksum_%s_%c AFTER %s ON %s "
		    "BEGIN UPDATE checksum SET xxh3 = NULL WHERE name = '%s'; "
		    "END", name, ev[i][0], ev[i], name, name);
		if (sqlite3_exec(h, sql, NULL, NULL, &err) != SQLITE_OK) {
			*cause = xasprintf("checksums: %s", err != NULL ? err :
			    cr_db_errmsg(h));
			sqlite3_free(err);
			rc = -1;
		}
		free(sql);
	}
	return (rc);
}

int
cr_sum_write(sqlite3 *h, char **cause)
{
	const struct cr_sum_table	*t;
	sqlite3_stmt			*st;
	uint64_t			 sum;
	char				*why = NULL;
	int				 rc = 0;

	if (sqlite3_prepare_v2(h, "INSERT INTO checksum (name, xxh3) "
	    "VALUES (?, ?)", -1, &st, NULL) != SQLITE_OK) {
		*cause = xasprintf("checksums: %s", cr_db_errmsg(h));
		return (-1);
	}
	for (t = cr_sum_tables; rc == 0 && t->name != NULL; t++) {
		if (!cr_sum_applies(t, CR_DB_SCHEMA_VERSION))
			continue;
		if ((rc = cr_sum_table(h, t, &sum, &why)) != 0)
			break;
		sqlite3_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, cr_sum_to_i64(sum));
		if (sqlite3_step(st) != SQLITE_DONE) {
			why = xasprintf("%s", cr_db_errmsg(h));
			rc = -1;
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	for (t = cr_sum_tables; rc == 0 && t->name != NULL; t++)
		if (cr_sum_applies(t, CR_DB_SCHEMA_VERSION))
			rc = write_triggers(h, t->name, cause);
	if (why != NULL) {
		*cause = xasprintf("checksums: %s", why);
		free(why);
	}
	return (rc);
}
