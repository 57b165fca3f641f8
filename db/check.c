/*
 * Check a data set file for damage, for 'cityrank check': SQLite's own
 * integrity and foreign key checks, the header, every checksum (schema
 * 4), and every value pack against the rows it copies (schema 3 on).
 * Where the packs are the record (schema 8, meta 'values' = 'packs')
 * there are no rows to compare: every entity must have a sound pack
 * that fits the framework in every period, and the rows, edits over
 * the packs, must be ones the loader takes.
 * Problems go to the report one line each, with what and where; the
 * first MAX_LINES are written, the rest only counted.
 *
 * SQLite 3.40 (Debian 12's) has integrity_check report "NULL value in
 * T.C" for every row of a WITHOUT ROWID table T when the NOT NULL
 * column C is declared before a key column that is stored ahead of it
 * (key columns come first on disk): value and context of schemas 2 and
 * 3 declare period last.  Those lines are dropped only for such a
 * column, and only once a scan has shown that no row holds a NULL
 * there (typeof(), since SQLite rewrites "C IS NULL" on a NOT NULL
 * column to false).  Any other line, or a NULL that is there, counts.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "checksum.h"
#include "db.h"
#include "db_priv.h"
#include "deflate.h"
#include "pack.h"
#include "xmalloc.h"

#define MAX_LINES	20
#define MAX_SUSPECTS	16

/* A column integrity_check may wrongly call NULL, and what a scan said. */
struct suspect {
	char	*table, *column;
	int	 has_null;	/* -1 not scanned yet */
};

struct checker {
	sqlite3		*h;
	const char	*path;
	FILE		*out;
	int		 version;
	int		 packs_record;	/* schema 8: packs, not rows */
	size_t		 problems;
	struct suspect	 sus[MAX_SUSPECTS];
	size_t		 n_sus;
	sqlite3_int64	*leaf;		/* sorted leaf node ids */
	size_t		 n_leaves;
	size_t		 n_packs, n_sums, n_stale;
};

static void
problem(struct checker *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
problem(struct checker *c, const char *fmt, ...)
{
	va_list	ap;

	if (c->problems++ >= MAX_LINES)
		return;
	va_start(ap, fmt);
	fprintf(c->out, "%s: ", c->path);
	vfprintf(c->out, fmt, ap);
	fputc('\n', c->out);
	va_end(ap);
}

/* A column as text; "" for NULL, which a damaged file may hold. */
static const char *
text(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);

	return (s == NULL ? "" : (const char *)s);
}

static void
sql_problem(struct checker *c, const char *what)
{
	problem(c, "%s: %s", what, cr_db_errmsg(c->h));
}

static int
prepare(struct checker *c, const char *sql, sqlite3_stmt **st)
{
	if (sqlite3_prepare_v2(c->h, sql, -1, st, NULL) == SQLITE_OK)
		return (0);
	sql_problem(c, "cannot read");
	return (-1);
}

/* One integer from a query with one ? bound to arg (when not NULL). */
static int
query_int(struct checker *c, const char *sql, const char *arg,
    sqlite3_int64 *out)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (prepare(c, sql, &st) != 0)
		return (-1);
	if (arg != NULL)
		sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else
		sql_problem(c, sql);
	sqlite3_finalize(st);
	return (rc == SQLITE_ROW ? 0 : -1);
}

static int
has_table(struct checker *c, const char *name)
{
	sqlite3_int64	n = 0;

	if (query_int(c, "SELECT count(*) FROM sqlite_master WHERE "
	    "type = 'table' AND name = ?", name, &n) != 0)
		return (0);
	return (n > 0);
}

/*
 * The schema its tables say: target 7, raw_input 6, prep_note 5,
 * checksum 4, value_pack 3, period 2.
 */
static int
tables_version(struct checker *c)
{
	if (has_table(c, "target"))
		return (7);
	if (has_table(c, "raw_input"))
		return (6);
	if (has_table(c, "prep_note"))
		return (5);
	if (has_table(c, "checksum"))
		return (4);
	if (has_table(c, "value_pack"))
		return (3);
	if (has_table(c, "period"))
		return (2);
	return (1);
}

static int
has_all_tables(struct checker *c, int version)
{
	int	i;

	for (i = 0; cr_db_tables[i] != NULL; i++) {
		if ((version < 2 && strcmp(cr_db_tables[i], "period") == 0) ||
		    (version < 3 &&
		    strcmp(cr_db_tables[i], "value_pack") == 0) ||
		    (version < 4 && strcmp(cr_db_tables[i], "checksum") == 0) ||
		    (version < 5 && strcmp(cr_db_tables[i], "prep_note") == 0) ||
		    (version < 6 && strcmp(cr_db_tables[i], "raw_input") == 0) ||
		    (version < 7 && strcmp(cr_db_tables[i], "target") == 0))
			continue;
		if (!has_table(c, cr_db_tables[i]))
			return (0);
	}
	return (1);
}

/*
 * A file that has a cityrank file's tables but the wrong id or version
 * in its header is a damaged one; a file without them is not ours.
 */
static int
check_header(struct checker *c, char **cause)
{
	sqlite3_int64	app, ver;
	int		tv;

	if (query_int(c, "PRAGMA application_id", NULL, &app) != 0 ||
	    query_int(c, "PRAGMA user_version", NULL, &ver) != 0) {
		*cause = xasprintf("%s: cannot read the header", c->path);
		return (-1);
	}
	if (ver > CR_DB_SCHEMA_VERSION) {
		*cause = xasprintf("%s: written by a newer cityrank (schema "
		    "%lld); this one checks schema "
		    CR_STR(CR_DB_SCHEMA_VERSION) " or older", c->path,
		    (long long)ver);
		return (-1);
	}
	tv = tables_version(c);
	if (!has_all_tables(c, tv)) {
		if ((uint32_t)app == CR_DB_APPLICATION_ID) {
			problem(c, "tables of schema %d are missing", tv);
			c->version = tv;
			return (1);
		}
		*cause = xasprintf("%s: not a cityrank data set", c->path);
		return (-1);
	}
	if ((uint32_t)app != CR_DB_APPLICATION_ID)
		problem(c, "header: application id 0x%08llx, not cityrank's "
		    "0x%08x", (unsigned long long)(uint32_t)app,
		    (unsigned)CR_DB_APPLICATION_ID);
	/* Schemas 8 to 10 added no table: schema 7's tables are theirs. */
	if (tv == 7 && ver >= 8 && ver <= 10)
		tv = (int)ver;
	if (ver != tv)
		problem(c, "header: schema version %lld, but the tables are "
		    "those of schema %d", (long long)ver, tv);
	c->version = tv;
	return (0);
}

/* Schema 8: whether the packs are the record, as the loader decides. */
static void
check_record(struct checker *c)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (c->version < 8 || prepare(c, "SELECT value FROM meta "
	    "WHERE key = 'values'", &st) != 0)
		return;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (strcmp(text(st, 0), "packs") == 0)
			c->packs_record = 1;
		else
			problem(c, "meta: the values are kept as '%s', which "
			    "this cityrank does not know", text(st, 0));
	} else if (rc != SQLITE_DONE)
		sql_problem(c, "meta table");
	sqlite3_finalize(st);
	fprintf(c->out, "%s: the values' record: %s\n", c->path,
	    c->packs_record ? "the value packs (rows in value are edits "
	    "over them)" : "the rows of value (packs are copies)");
}

/* Non-key NOT NULL columns stored elsewhere than they are declared. */
static void
find_suspects(struct checker *c, const char *table)
{
	sqlite3_stmt	*st;
	int		 later_pk = 0;

	if (sqlite3_prepare_v2(c->h, "SELECT name, \"notnull\", pk FROM "
	    "pragma_table_info(?) ORDER BY cid DESC", -1, &st, NULL) !=
	    SQLITE_OK)
		return;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	/* From the last column back: is a key column declared after it? */
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (sqlite3_column_int(st, 2) > 0) {
			later_pk = 1;
			continue;
		}
		if (later_pk && sqlite3_column_int(st, 1) &&
		    c->n_sus < MAX_SUSPECTS) {
			c->sus[c->n_sus].table = xstrdup(table);
			c->sus[c->n_sus].column = xstrdup(text(st, 0));
			c->sus[c->n_sus++].has_null = -1;
		}
	}
	sqlite3_finalize(st);
}

static void
find_all_suspects(struct checker *c)
{
	static const char *const wr[] = { "value", "context",
	    "preset_weight", NULL };
	int	i;

	/* The WITHOUT ROWID tables of every schema. */
	for (i = 0; wr[i] != NULL; i++)
		find_suspects(c, wr[i]);
}

static int
scan_nulls(struct checker *c, struct suspect *s)
{
	sqlite3_int64	 n = 1;
	char		*sql;

	sql = sqlite3_mprintf("SELECT count(*) FROM \"%w\" WHERE "
	    "typeof(\"%w\") = 'null'", s->table, s->column);
	if (sql == NULL || query_int(c, sql, NULL, &n) != 0)
		n = 1;
	sqlite3_free(sql);
	return (n > 0);
}

/* Whether an integrity_check line is the 3.40 false report. */
static int
false_null(struct checker *c, const char *line)
{
	struct suspect	*s;
	size_t		 i, tl;

	if (strncmp(line, "NULL value in ", 14) != 0)
		return (0);
	line += 14;
	for (i = 0; i < c->n_sus; i++) {
		s = &c->sus[i];
		tl = strlen(s->table);
		if (strncmp(line, s->table, tl) != 0 || line[tl] != '.' ||
		    strcmp(line + tl + 1, s->column) != 0)
			continue;
		if (s->has_null == -1)
			s->has_null = scan_nulls(c, s);
		return (!s->has_null);
	}
	return (0);
}

static void
check_integrity(struct checker *c)
{
	sqlite3_stmt	*st;
	const char	*line;
	size_t		 before = c->problems, dropped = 0;
	int		 rc;

	find_all_suspects(c);
	/* No cap: false lines must not crowd out a true one. */
	if (prepare(c, "PRAGMA integrity_check(2147483647)", &st) != 0)
		return;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		line = (const char *)sqlite3_column_text(st, 0);
		if (line == NULL || strcmp(line, "ok") == 0)
			continue;
		if (false_null(c, line))
			dropped++;
		else
			problem(c, "integrity_check: %s", line);
	}
	if (rc != SQLITE_DONE)
		sql_problem(c, "integrity_check");
	sqlite3_finalize(st);
	if (c->problems == before)
		fprintf(c->out, "%s: integrity_check: ok%s\n", c->path,
		    dropped > 0 ? " (SQLite 3.40's false NULL reports on "
		    "WITHOUT ROWID tables left out)" : "");
}

static void
check_foreign_keys(struct checker *c)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (prepare(c, "PRAGMA foreign_key_check", &st) != 0)
		return;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		problem(c, "a row of %s (rowid %s) refers to a missing row "
		    "of %s", text(st, 0),
		    sqlite3_column_type(st, 1) == SQLITE_NULL ? "none" :
		    text(st, 1), text(st, 2));
	if (rc != SQLITE_DONE)
		sql_problem(c, "foreign_key_check");
	sqlite3_finalize(st);
}

/*
 * Numbers the loader would refuse: text, a blob or infinity where a
 * number belongs (a hand edit can store them; the column types do not
 * stop it).  Each query gives the count and the first row's place.
 * Infinity is written 9e999, which every parse makes infinite: the
 * largest double spelled out reads as infinity where long double is
 * double (valgrind), and then no infinity is larger than it.
 */
static const struct {
	const char	*what, *sql;
	int		 since;		/* the schema with the table */
} number_checks[] = {
	{ "value", "SELECT count(*), (SELECT code FROM entity WHERE "
	  "id = v.entity), (SELECT code FROM node WHERE id = v.node) "
	  "FROM value v WHERE typeof(value) NOT IN ('real', 'integer') OR "
	  "abs(value) >= 9e999", 0 },
	{ "context value", "SELECT count(*), (SELECT code FROM entity "
	  "WHERE id = x.entity), (SELECT code FROM context_var WHERE "
	  "id = x.var) FROM context x WHERE typeof(num) NOT IN ('real', "
	  "'integer', 'null') OR abs(num) >= 9e999", 0 },
	{ "published figure", "SELECT count(*), coalesce((SELECT code FROM "
	  "entity WHERE id = p.entity), 'the data set'), (SELECT code FROM "
	  "node WHERE id = p.node) FROM published p WHERE typeof(value) "
	  "NOT IN ('real', 'integer') OR abs(value) >= 9e999", 0 },
	{ "preset weight", "SELECT count(*), (SELECT code FROM preset WHERE "
	  "id = w.preset), (SELECT code FROM node WHERE id = w.node) FROM "
	  "preset_weight w WHERE typeof(weight) NOT IN ('real', 'integer') "
	  "OR abs(weight) >= 9e999", 0 },
	{ "node weight", "SELECT count(*), code, '' FROM node WHERE "
	  "typeof(weight) NOT IN ('real', 'integer') OR abs(weight) >= "
	  "9e999", 0 },
	{ "target", "SELECT count(*), (SELECT code FROM node WHERE "
	  "id = t.node), '' FROM target t WHERE typeof(value) NOT IN "
	  "('real', 'integer') OR abs(value) >= 9e999", 7 },
};

static void
check_numbers(struct checker *c)
{
	sqlite3_stmt	*st;
	sqlite3_int64	 n;
	size_t		 i, before = c->problems;

	for (i = 0; i < sizeof number_checks / sizeof number_checks[0];
	    i++) {
		if (number_checks[i].since > c->version)
			continue;
		if (prepare(c, number_checks[i].sql, &st) != 0)
			continue;
		if (sqlite3_step(st) != SQLITE_ROW)
			sql_problem(c, number_checks[i].what);
		else if ((n = sqlite3_column_int64(st, 0)) > 0)
			problem(c, "%lld %s%s (the first: %s%s%s)",
			    (long long)n, number_checks[i].what, n == 1 ?
			    " is not a finite number" :
			    "s are not finite numbers", text(st, 1),
			    *text(st, 2) != '\0' ? " at " : "", text(st, 2));
		sqlite3_finalize(st);
	}
	if (c->problems == before)
		fprintf(c->out, "%s: every stored number is a finite number\n",
		    c->path);
}

/*
 * Schema 10: a line is a line number, and a pack's is that of its one
 * source (the loader refuses either).
 */
static const struct {
	const char	*one, *many, *sql;
} line_checks[] = {
	{ "line is not a line number", "lines are not line numbers",
	  "SELECT count(*), coalesce((SELECT code FROM entity WHERE "
	  "id = x.entity), 'entity id ' || x.entity) FROM (SELECT entity, "
	  "line FROM value_pack UNION ALL SELECT entity, line FROM context) "
	  "x WHERE line IS NOT NULL AND (typeof(line) <> 'integer' OR "
	  "line <= 0 OR line > 4294967295)" },
	{ "value pack names a line beside a sources blob",
	  "value packs name a line beside a sources blob",
	  "SELECT count(*), coalesce((SELECT code FROM entity WHERE "
	  "id = k.entity), 'entity id ' || k.entity) FROM value_pack k "
	  "WHERE line IS NOT NULL AND sources IS NOT NULL" },
};

static void
check_lines(struct checker *c)
{
	sqlite3_stmt	*st;
	sqlite3_int64	 n;
	size_t		 i;

	for (i = 0; c->version >= 10 &&
	    i < sizeof line_checks / sizeof line_checks[0]; i++) {
		if (prepare(c, line_checks[i].sql, &st) != 0)
			continue;
		if (sqlite3_step(st) != SQLITE_ROW)
			sql_problem(c, "lines");
		else if ((n = sqlite3_column_int64(st, 0)) > 0)
			problem(c, "%lld %s (the first: %s)", (long long)n,
			    n == 1 ? line_checks[i].one : line_checks[i].many,
			    text(st, 1));
		sqlite3_finalize(st);
	}
}

static void
check_sums(struct checker *c)
{
	const struct cr_sum_table	*t;
	sqlite3_stmt			*st;
	uint64_t			 sum;
	char				*why = NULL;
	int				 rc;

	if (c->version < 4 || prepare(c, "SELECT xxh3 FROM checksum "
	    "WHERE name = ?", &st) != 0)
		return;
	for (t = cr_sum_tables; t->name != NULL; t++) {
		if (!cr_sum_applies(t, c->version))
			continue;
		sqlite3_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			sql_problem(c, "checksum table");
		else if (rc == SQLITE_DONE)
			problem(c, "table %s: no checksum row", t->name);
		else if (sqlite3_column_type(st, 0) == SQLITE_NULL)
			c->n_stale++;
		else if (cr_sum_table(c->h, t, &sum, &why) != 0) {
			problem(c, "table %s: %s", t->name, why);
			free(why);
			why = NULL;
		} else if (cr_sum_from_i64(sqlite3_column_int64(st, 0)) != sum)
			problem(c, "table %s: content does not match its "
			    "checksum", t->name);
		else
			c->n_sums++;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
}

/*
 * Schema 9: each raw table is a whole zlib stream.  Its checksum says
 * the bytes are those written; this says they read, also under a sum an
 * edit made stale.
 */
static void
check_raw(struct checker *c)
{
	sqlite3_stmt	*st;
	char		*out, *why = NULL;
	size_t		 len, n = 0, cap = cr_raw_cap();
	int		 rc;

	if (c->version < 9 || prepare(c, "SELECT file, content FROM "
	    "raw_input ORDER BY name", &st) != 0)
		return;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (cr_inflate(sqlite3_column_blob(st, 1) != NULL ?
		    sqlite3_column_blob(st, 1) : "", (size_t)
		    sqlite3_column_bytes(st, 1), cap, &out, &len, &why) != 0) {
			problem(c, "raw table %s %s",
			    (const char *)sqlite3_column_text(st, 0), why);
			free(why);
			why = NULL;
			continue;
		}
		free(out);
		n++;
	}
	if (rc != SQLITE_DONE)
		sql_problem(c, "raw_input");
	else if (n > 0)
		fprintf(c->out, "%s: raw tables: %zu, each read whole\n",
		    c->path, n);
	sqlite3_finalize(st);
}

/*
 * Schema 7: a target belongs to a leaf, whose values it is in; the
 * loader refuses one on an aggregate.  Its provenance and source the
 * schema's CHECK and foreign keys cover.
 */
static void
check_targets(struct checker *c)
{
	sqlite3_stmt	*st;
	sqlite3_int64	 n;

	if (c->version < 7 || prepare(c, "SELECT count(*), (SELECT code "
	    "FROM node WHERE id = t.node) FROM target t WHERE EXISTS "
	    "(SELECT 1 FROM node k WHERE k.parent = t.node)", &st) != 0)
		return;
	if (sqlite3_step(st) != SQLITE_ROW)
		sql_problem(c, "target table");
	else if ((n = sqlite3_column_int64(st, 0)) > 0)
		problem(c, "%lld target%s on an aggregate, not a leaf (the "
		    "first: %s)", (long long)n, n == 1 ? "" : "s",
		    text(st, 1));
	else if (query_int(c, "SELECT count(*) FROM target", NULL, &n) == 0)
		fprintf(c->out, "%s: %lld target%s, each on a leaf\n",
		    c->path, (long long)n, n == 1 ? "" : "s");
	sqlite3_finalize(st);
}

static int
read_leaves(struct checker *c)
{
	sqlite3_stmt	*st;
	size_t		 cap = 0;
	int		 rc;

	if (prepare(c, "SELECT id FROM node n WHERE NOT EXISTS "
	    "(SELECT 1 FROM node k WHERE k.parent = n.id) ORDER BY id",
	    &st) != 0)
		return (-1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (c->n_leaves == cap) {
			cap = cap ? cap * 2 : 64;
			c->leaf = xreallocarray(c->leaf, cap, sizeof *c->leaf);
		}
		c->leaf[c->n_leaves++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		sql_problem(c, "node table");
		return (-1);
	}
	return (0);
}

/* "shenzhen" or "shenzhen (period 2019)", for messages; caller frees. */
static char *
who(struct checker *c, sqlite3_int64 entity, const char *period)
{
	sqlite3_stmt	*st;
	char		*code = NULL, *s;

	if (sqlite3_prepare_v2(c->h, "SELECT code FROM entity WHERE id = ?",
	    -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, entity);
		if (sqlite3_step(st) == SQLITE_ROW)
			code = xstrdup(text(st, 0));
		sqlite3_finalize(st);
	}
	if (code == NULL)
		code = xasprintf("entity id %lld", (long long)entity);
	if (*period == '\0')
		return (code);
	s = xasprintf("%s (period %s)", code, period);
	free(code);
	return (s);
}

/* The rows a pack copies, laid out as the pack is. */
struct expect {
	double		*val;
	char		*prov;		/* enum cr_prov + 1; 0 none */
	sqlite3_int64	*src;
};

static int
read_rows(struct checker *c, sqlite3_stmt *rows, const char *name,
    struct expect *x)
{
	enum cr_prov	p;
	int		rc, i;

	memset(x->prov, 0, c->n_leaves);
	while ((rc = sqlite3_step(rows)) == SQLITE_ROW) {
		i = cr_db_find_id(c->leaf, c->n_leaves,
		    sqlite3_column_int64(rows, 0));
		if (i < 0) {
			problem(c, "a value row of %s belongs to node id %lld, "
			    "not a leaf", name,
			    (long long)sqlite3_column_int64(rows, 0));
			continue;
		}
		if (cr_prov_parse(text(rows, 2), &p) != 0) {
			problem(c, "a value row of %s has an unknown "
			    "provenance", name);
			continue;
		}
		x->val[i] = sqlite3_column_double(rows, 1);
		x->prov[i] = (char)(p + 1);
		x->src[i] = sqlite3_column_int64(rows, 3);
	}
	sqlite3_reset(rows);
	if (rc != SQLITE_DONE) {
		sql_problem(c, "value table");
		return (-1);
	}
	return (0);
}

static const char *
leaf_code(struct checker *c, size_t i, char *buf, size_t len)
{
	sqlite3_stmt	*st;

	snprintf(buf, len, "node id %lld", (long long)c->leaf[i]);
	if (sqlite3_prepare_v2(c->h, "SELECT code FROM node WHERE id = ?", -1,
	    &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, c->leaf[i]);
		if (sqlite3_step(st) == SQLITE_ROW)
			snprintf(buf, len, "%s", text(st, 0));
		sqlite3_finalize(st);
	}
	return (buf);
}

/* The first leaf where a pack and its rows differ, said once. */
static void
compare_pack(struct checker *c, const struct cr_pack_row *r,
    const struct expect *x, const char *name)
{
	enum cr_prov	 p;
	sqlite3_int64	 src;
	double		 v;
	size_t		 i;
	char		 code[64], letter;
	int		 has;

	for (i = 0; i < c->n_leaves; i++) {
		letter = cr_pack_letter(r->prov, r->prov_len, r->value, i);
		has = letter != CR_PACK_NONE;
		if (has && cr_pack_prov(letter, &p) != 0) {
			problem(c, "value pack of %s: leaf %s has no "
			    "provenance", name, leaf_code(c, i, code,
			    sizeof code));
			return;
		}
		if (has != (x->prov[i] != 0)) {
			problem(c, "value pack of %s: leaf %s: %s in the pack, "
			    "%s in the rows", name, leaf_code(c, i, code,
			    sizeof code), has ? "a value" : "none",
			    has ? "none" : "a value");
			return;
		}
		if (!has)
			continue;
		v = cr_pack_value(r->value, i);
		src = r->sources != NULL ? cr_pack_source(r->sources, i) :
		    r->source;
		if (memcmp(&v, &x->val[i], sizeof v) != 0 ||
		    (int)p + 1 != x->prov[i] || src != x->src[i]) {
			problem(c, "value pack of %s: leaf %s: pack %.17g %s "
			    "source %lld, rows %.17g %s source %lld", name,
			    leaf_code(c, i, code, sizeof code), v,
			    cr_prov_name(p), (long long)src, x->val[i],
			    cr_prov_name((enum cr_prov)(x->prov[i] - 1)),
			    (long long)x->src[i]);
			return;
		}
	}
}

/*
 * Schema 8: a pack that is the record holds what the loader takes, a
 * provenance letter and a finite number for every leaf with a value.
 */
static void
check_letters(struct checker *c, const struct cr_pack_row *r,
    const char *name)
{
	enum cr_prov	 p;
	size_t		 i;
	char		 code[64], letter;

	for (i = 0; i < c->n_leaves; i++) {
		letter = cr_pack_letter(r->prov, r->prov_len, r->value, i);
		if (letter == CR_PACK_NONE)
			continue;
		if (cr_pack_prov(letter, &p) != 0) {
			problem(c, "value pack of %s: leaf %s has no "
			    "provenance", name, leaf_code(c, i, code,
			    sizeof code));
			return;
		}
		if (!isfinite(cr_pack_value(r->value, i))) {
			problem(c, "value pack of %s: leaf %s is not a finite "
			    "number", name, leaf_code(c, i, code,
			    sizeof code));
			return;
		}
	}
}

static void
check_pack(struct checker *c, sqlite3_stmt *st, sqlite3_stmt *rows,
    struct expect *x)
{
	struct cr_pack_row	 r;
	char			*name;

	cr_pack_row_read(st, 0, &r);
	name = who(c, r.entity, r.period != NULL ? r.period : "");
	c->n_packs++;
	if (c->version >= 4 && (sqlite3_column_type(st, 7) == SQLITE_NULL ||
	    cr_sum_from_i64(sqlite3_column_int64(st, 7)) !=
	    cr_pack_checksum(&r)))
		problem(c, "value pack of %s does not match its checksum",
		    name);
	if (r.n != (sqlite3_int64)c->n_leaves || r.value_len != 8 *
	    c->n_leaves || !cr_pack_prov_fits(r.prov_len, c->n_leaves,
	    c->version) || (r.sources != NULL &&
	    r.sources_len != 8 * c->n_leaves)) {
		/* Where rows are the record they stand in: not damage. */
		if (c->packs_record)
			problem(c, "value pack of %s does not fit the "
			    "framework (%lld leaves, not %zu): the file was "
			    "edited or damaged", name, (long long)r.n,
			    c->n_leaves);
		else
			fprintf(c->out, "%s: value pack of %s does not fit "
			    "the framework; the rows are used\n", c->path,
			    name);
		free(name);
		return;
	}
	if (c->packs_record) {
		check_letters(c, &r, name);
		free(name);
		return;
	}
	sqlite3_bind_int64(rows, 1, r.entity);
	sqlite3_bind_text(rows, 2, r.period != NULL ? r.period : "", -1,
	    SQLITE_TRANSIENT);
	if (read_rows(c, rows, name, x) == 0)
		compare_pack(c, &r, x, name);
	free(name);
}

static void
check_packs(struct checker *c)
{
	sqlite3_stmt	*st, *rows;
	struct expect	 x;
	size_t		 before = c->problems;
	char		*sql;
	int		 rc;

	if (c->version < 3 || read_leaves(c) != 0)
		return;
	sql = cr_pack_row_sql(c->version, "ORDER BY entity, period");
	rc = prepare(c, sql, &st);
	free(sql);
	if (rc != 0)
		return;
	if (prepare(c, "SELECT node, value, provenance, source FROM value "
	    "WHERE entity = ? AND period = ?", &rows) != 0) {
		sqlite3_finalize(st);
		return;
	}
	x.val = xreallocarray(NULL, c->n_leaves + 1, sizeof *x.val);
	x.prov = xmalloc(c->n_leaves + 1);
	x.src = xreallocarray(NULL, c->n_leaves + 1, sizeof *x.src);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		check_pack(c, st, rows, &x);
	if (rc != SQLITE_DONE)
		sql_problem(c, "value_pack table");
	sqlite3_finalize(st);
	sqlite3_finalize(rows);
	free(x.val);
	free(x.prov);
	free(x.src);
	if (c->problems == before && c->packs_record)
		fprintf(c->out, "%s: %zu value packs match their checksums "
		    "and fit the framework\n", c->path, c->n_packs);
	else if (c->problems == before)
		fprintf(c->out, "%s: %zu value packs agree with their rows%s\n",
		    c->path, c->n_packs, c->version >= 4 ? " and checksums" :
		    "");
}

/*
 * Schema 8: every entity has a pack in every period (in '' when the
 * data has none): without one, its values are lost, not missing.
 */
static void
check_pack_gaps(struct checker *c)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (prepare(c, "SELECT e.code, p.name FROM entity e, (SELECT name "
	    "FROM period UNION ALL SELECT '' WHERE NOT EXISTS (SELECT 1 "
	    "FROM period)) p WHERE NOT EXISTS (SELECT 1 FROM value_pack k "
	    "WHERE k.entity = e.id AND k.period = p.name) "
	    "ORDER BY e.id, p.name", &st) != 0)
		return;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		problem(c, "no value pack of %s%s%s%s: the file was edited or "
		    "damaged", text(st, 0), *text(st, 1) != '\0' ?
		    " (period " : "", text(st, 1), *text(st, 1) != '\0' ?
		    ")" : "");
	if (rc != SQLITE_DONE)
		sql_problem(c, "value_pack table");
	sqlite3_finalize(st);
}

/*
 * Schema 8: rows in value are edits over the packs.  The loader takes
 * one only on a leaf, with a provenance, in a period the data set has
 * (a row of another period is never read); the foreign key check and
 * check_numbers() see the rest.
 */
static void
check_overrides(struct checker *c)
{
	sqlite3_stmt	*st;
	enum cr_prov	 p;
	size_t		 n = 0, before = c->problems;
	int		 rc;

	if (prepare(c, "SELECT coalesce((SELECT code FROM entity WHERE "
	    "id = v.entity), 'entity id ' || v.entity), coalesce((SELECT "
	    "code FROM node WHERE id = v.node), 'node id ' || v.node), "
	    "v.node, v.period, v.provenance, EXISTS (SELECT 1 FROM period "
	    "WHERE name = v.period) OR (v.period = '' AND NOT EXISTS "
	    "(SELECT 1 FROM period)) FROM value v", &st) != 0)
		return;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		n++;
		if (cr_db_find_id(c->leaf, c->n_leaves,
		    sqlite3_column_int64(st, 2)) < 0)
			problem(c, "the edited value of %s at %s: %s is not a "
			    "leaf", text(st, 0), text(st, 1), text(st, 1));
		else if (cr_prov_parse(text(st, 4), &p) != 0)
			problem(c, "the edited value of %s at %s has an "
			    "unknown provenance", text(st, 0), text(st, 1));
		else if (!sqlite3_column_int(st, 5))
			problem(c, "the edited value of %s at %s is of a "
			    "period the data set does not have", text(st, 0),
			    text(st, 1));
	}
	if (rc != SQLITE_DONE)
		sql_problem(c, "value table");
	sqlite3_finalize(st);
	if (c->problems == before)
		fprintf(c->out, "%s: %zu value%s edited over the packs\n",
		    c->path, n, n == 1 ? "" : "s");
}

static void
checker_free(struct checker *c)
{
	size_t	i;

	for (i = 0; i < c->n_sus; i++) {
		free(c->sus[i].table);
		free(c->sus[i].column);
	}
	free(c->leaf);
	sqlite3_close(c->h);
}

int
cr_db_check(const char *path, FILE *report, char **cause)
{
	struct checker	 c;
	char		*why = NULL;
	int		 rc;

	memset(&c, 0, sizeof c);
	c.path = path;
	c.out = report;
	*cause = NULL;
	if ((rc = cr_db_open(path, &c.h, &why)) != 0) {
		if (rc == -2) {
			/* SQLite's first read failed: damage at the start. */
			problem(&c, "%s", why);
			fprintf(report, "%s: damaged: 1 problem\n", path);
			free(why);
			return (1);
		}
		*cause = xasprintf("%s: %s", path, why);
		free(why);
		return (-1);
	}
	if ((rc = check_header(&c, cause)) < 0) {
		checker_free(&c);
		return (-1);
	}
	fprintf(report, "%s: cityrank data set, schema %d\n", path, c.version);
	check_record(&c);
	check_integrity(&c);
	check_foreign_keys(&c);
	check_numbers(&c);
	check_lines(&c);
	check_targets(&c);
	check_sums(&c);
	check_raw(&c);
	if (c.version >= 4)
		fprintf(report, "%s: checksums: %zu tables match, %zu stale "
		    "after an edit\n", path, c.n_sums, c.n_stale);
	check_packs(&c);
	if (c.packs_record) {
		check_pack_gaps(&c);
		check_overrides(&c);
	}
	checker_free(&c);
	if (c.problems > MAX_LINES)
		fprintf(report, "%s: ... and %zu more problems\n", path,
		    c.problems - MAX_LINES);
	if (c.problems == 0) {
		fprintf(report, "%s: clean\n", path);
		return (0);
	}
	fprintf(report, "%s: damaged: %zu problem%s\n", path, c.problems,
	    c.problems == 1 ? "" : "s");
	return (1);
}
