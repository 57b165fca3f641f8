/*
 * Build a data set file from the CSV sources described in
 * data/FORMAT.md.  All rows go into a temporary file inside one
 * transaction; the file is loaded back as a final check and renamed
 * over the output only when everything succeeded, so a bad source
 * never leaves a partial database behind.  The bundled data has no
 * periods: every value and context row gets the period ''.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "checksum.h"
#include "csv.h"
#include "db.h"
#include "db_priv.h"
#include "pack.h"
#include "xmalloc.h"

#define MAX_SOURCE_BYTES	(64u << 20)
#define MAX_COLS		8

struct builder {
	sqlite3		*h;
	const char	*dir;
	char		*path;		/* file being read */
	struct cr_csv	 csv;
	size_t		 col[MAX_COLS];	/* column index of each wanted name */
	sqlite3_stmt	*st;		/* the current table's insert */
	sqlite3_stmt	*src_ins, *src_get;
	char		**cause;
};

struct table {
	const char	*file;
	const char	*cols[MAX_COLS + 1];
	const char	*sql;
	int		(*row)(struct builder *, const char **);
};

static int
fail_at(struct builder *b, size_t field, const char *fmt, const char *arg)
{
	char	*msg;

	msg = xasprintf(fmt, arg);
	if (field < b->csv.n_fields)
		*b->cause = xasprintf("%s:%zu:%zu: %s", b->path,
		    b->csv.field_line[field], b->csv.field_col[field], msg);
	else
		*b->cause = xasprintf("%s:%zu: %s", b->path,
		    b->csv.record_line, msg);
	free(msg);
	return (-1);
}

/* Field i of the wanted columns, as a column index for messages. */
static size_t
at(struct builder *b, int i)
{
	return (b->col[i]);
}

static int
step(struct builder *b, int field)
{
	int	rc = sqlite3_step(b->st);

	sqlite3_reset(b->st);
	sqlite3_clear_bindings(b->st);
	if (rc == SQLITE_DONE)
		return (0);
	return (fail_at(b, at(b, field), "%s", cr_db_errmsg(b->h)));
}

static int
number(struct builder *b, int i, const char *s, double *out)
{
	char	*end;

	errno = 0;
	*out = strtod(s, &end);
	if (*s == '\0' || *end != '\0' || errno == ERANGE || !isfinite(*out))
		return (fail_at(b, at(b, i), "'%s' is not a number", s));
	return (0);
}

static int
provenance(struct builder *b, int i, const char *s)
{
	enum cr_prov	p;

	if (cr_prov_parse(s, &p) != 0)
		return (fail_at(b, at(b, i), "unknown provenance '%s' "
		    "(expected report, official, estimated, reconstructed, "
		    "imputed or user)", s));
	return (0);
}

/* The id of a source text, inserted on first use. */
static int
source_id(struct builder *b, int i, const char *text, sqlite3_int64 *id)
{
	int	rc;

	sqlite3_bind_text(b->src_ins, 1, text, -1, SQLITE_STATIC);
	rc = sqlite3_step(b->src_ins);
	sqlite3_reset(b->src_ins);
	if (rc != SQLITE_DONE)
		return (fail_at(b, at(b, i), "%s", cr_db_errmsg(b->h)));
	sqlite3_bind_text(b->src_get, 1, text, -1, SQLITE_STATIC);
	if (sqlite3_step(b->src_get) != SQLITE_ROW) {
		sqlite3_reset(b->src_get);
		return (fail_at(b, at(b, i), "%s", cr_db_errmsg(b->h)));
	}
	*id = sqlite3_column_int64(b->src_get, 0);
	sqlite3_reset(b->src_get);
	return (0);
}

/*
 * The id of the row a code names: 0, or 1 when there is none.  An
 * SQLite error is not "no such code": -1 with *b->cause set.
 */
static int
lookup(struct builder *b, const char *table, const char *code,
    sqlite3_int64 *id)
{
	sqlite3_stmt	*st;
	char		*sql;
	int		 rc;

	sql = xasprintf("SELECT id FROM %s WHERE code = ?", table);
	rc = sqlite3_prepare_v2(b->h, sql, -1, &st, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return (fail_at(b, SIZE_MAX, "%s", cr_db_errmsg(b->h)));
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		fail_at(b, SIZE_MAX, "%s", cr_db_errmsg(b->h));
	sqlite3_finalize(st);
	return (rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1);
}

static int
row_meta(struct builder *b, const char **f)
{
	sqlite3_bind_text(b->st, 1, f[0], -1, SQLITE_STATIC);
	sqlite3_bind_text(b->st, 2, f[1], -1, SQLITE_STATIC);
	return (step(b, 0));
}

/* 1 when there is a root, 0 when not, -1 with *b->cause on error. */
static int
has_root(struct builder *b)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(b->h, "SELECT 1 FROM node WHERE parent IS NULL",
	    -1, &st, NULL) != SQLITE_OK)
		return (fail_at(b, SIZE_MAX, "%s", cr_db_errmsg(b->h)));
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		fail_at(b, SIZE_MAX, "%s", cr_db_errmsg(b->h));
	sqlite3_finalize(st);
	return (rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1);
}

static int
row_node(struct builder *b, const char **f)
{
	sqlite3_int64	parent;
	double		w, dir;
	int		rc;

	if (*f[0] == '\0')
		return (fail_at(b, at(b, 0), "%s", "empty code"));
	if (number(b, 4, f[4], &w) != 0 || number(b, 5, f[5], &dir) != 0)
		return (-1);
	if (w < 0)
		return (fail_at(b, at(b, 4), "weight '%s' is negative", f[4]));
	if (dir != 1 && dir != -1)
		return (fail_at(b, at(b, 5), "direction '%s' is not 1 or -1",
		    f[5]));
	if (*f[1] == '\0') {
		if ((rc = has_root(b)) != 0)
			return (rc < 0 ? -1 : fail_at(b, at(b, 1), "%s",
			    "a second root (only one node may have an empty "
			    "parent)"));
		sqlite3_bind_null(b->st, 2);
	} else if ((rc = lookup(b, "node", f[1], &parent)) != 0)
		return (rc < 0 ? -1 : fail_at(b, at(b, 1), "unknown parent "
		    "'%s' (a parent must come before its children)", f[1]));
	else
		sqlite3_bind_int64(b->st, 2, parent);
	sqlite3_bind_text(b->st, 1, f[0], -1, SQLITE_STATIC);
	sqlite3_bind_text(b->st, 3, f[2], -1, SQLITE_STATIC);
	sqlite3_bind_text(b->st, 4, f[3], -1, SQLITE_STATIC);
	sqlite3_bind_double(b->st, 5, w);
	sqlite3_bind_int(b->st, 6, (int)dir);
	sqlite3_bind_text(b->st, 7, f[6], -1, SQLITE_STATIC);
	sqlite3_bind_text(b->st, 8, f[7], -1, SQLITE_STATIC);
	return (step(b, 0));
}

static int
row_entity(struct builder *b, const char **f)
{
	if (*f[0] == '\0')
		return (fail_at(b, at(b, 0), "%s", "empty code"));
	sqlite3_bind_text(b->st, 1, f[0], -1, SQLITE_STATIC);
	sqlite3_bind_text(b->st, 2, f[1], -1, SQLITE_STATIC);
	sqlite3_bind_text(b->st, 3, f[2], -1, SQLITE_STATIC);
	return (step(b, 0));
}

static int
entity_node(struct builder *b, const char **f, int allow_all,
    const char *table)
{
	sqlite3_int64	e, n;
	int		rc;

	if (allow_all && *f[0] == '\0')
		sqlite3_bind_null(b->st, 1);
	else if ((rc = lookup(b, "entity", f[0], &e)) != 0)
		return (rc < 0 ? -1 : fail_at(b, at(b, 0), "unknown entity "
		    "'%s'", f[0]));
	else
		sqlite3_bind_int64(b->st, 1, e);
	if ((rc = lookup(b, table, f[1], &n)) != 0)
		return (rc < 0 ? -1 : fail_at(b, at(b, 1), "unknown code "
		    "'%s'", f[1]));
	sqlite3_bind_int64(b->st, 2, n);
	return (0);
}

static int
row_value(struct builder *b, const char **f)
{
	sqlite3_int64	src;
	double		v;

	if (entity_node(b, f, 0, "node") != 0 || number(b, 2, f[2], &v) != 0 ||
	    provenance(b, 3, f[3]) != 0 || source_id(b, 4, f[4], &src) != 0)
		return (-1);
	sqlite3_bind_double(b->st, 3, v);
	sqlite3_bind_text(b->st, 4, f[3], -1, SQLITE_STATIC);
	sqlite3_bind_int64(b->st, 5, src);
	return (step(b, 1));
}

static int
row_ctxvar(struct builder *b, const char **f)
{
	if (strcmp(f[4], "num") != 0 && strcmp(f[4], "text") != 0)
		return (fail_at(b, at(b, 4), "kind '%s' is not num or text",
		    f[4]));
	sqlite3_bind_text(b->st, 1, f[0], -1, SQLITE_STATIC);
	sqlite3_bind_text(b->st, 2, f[1], -1, SQLITE_STATIC);
	sqlite3_bind_text(b->st, 3, f[2], -1, SQLITE_STATIC);
	sqlite3_bind_text(b->st, 4, f[3], -1, SQLITE_STATIC);
	sqlite3_bind_text(b->st, 5, f[4], -1, SQLITE_STATIC);
	return (step(b, 0));
}

/* 1 for a numeric variable, 0 for text, -1 with *b->cause on error. */
static int
ctx_is_num(struct builder *b, const char *code)
{
	sqlite3_stmt	*st;
	int		 rc, num = 0;

	if (sqlite3_prepare_v2(b->h, "SELECT kind = 'num' FROM context_var "
	    "WHERE code = ?", -1, &st, NULL) != SQLITE_OK)
		return (fail_at(b, SIZE_MAX, "%s", cr_db_errmsg(b->h)));
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		num = sqlite3_column_int(st, 0);
	else if (rc != SQLITE_DONE)
		num = fail_at(b, SIZE_MAX, "%s", cr_db_errmsg(b->h));
	sqlite3_finalize(st);
	return (num);
}

static int
row_context(struct builder *b, const char **f)
{
	sqlite3_int64	src;
	double		v;
	int		num;

	if (entity_node(b, f, 0, "context_var") != 0 ||
	    provenance(b, 3, f[3]) != 0 || source_id(b, 4, f[4], &src) != 0)
		return (-1);
	if ((num = ctx_is_num(b, f[1])) < 0)
		return (-1);
	if (num) {
		if (number(b, 2, f[2], &v) != 0)
			return (-1);
		sqlite3_bind_double(b->st, 3, v);
	} else
		sqlite3_bind_text(b->st, 4, f[2], -1, SQLITE_STATIC);
	sqlite3_bind_text(b->st, 5, f[3], -1, SQLITE_STATIC);
	sqlite3_bind_int64(b->st, 6, src);
	return (step(b, 1));
}

static int
row_published(struct builder *b, const char **f)
{
	sqlite3_int64	src;
	double		v;

	if (strcmp(f[2], "score") != 0 && strcmp(f[2], "rank") != 0 &&
	    strcmp(f[2], "mean") != 0)
		return (fail_at(b, at(b, 2), "kind '%s' is not score, rank "
		    "or mean", f[2]));
	if (entity_node(b, f, strcmp(f[2], "mean") == 0, "node") != 0 ||
	    number(b, 3, f[3], &v) != 0 || provenance(b, 4, f[4]) != 0 ||
	    source_id(b, 5, f[5], &src) != 0)
		return (-1);
	sqlite3_bind_text(b->st, 3, f[2], -1, SQLITE_STATIC);
	sqlite3_bind_double(b->st, 4, v);
	sqlite3_bind_text(b->st, 5, f[4], -1, SQLITE_STATIC);
	sqlite3_bind_int64(b->st, 6, src);
	return (step(b, 1));
}

static int
row_preset(struct builder *b, const char **f)
{
	enum cr_norm	 norm;
	enum cr_agg	 agg;
	double		 lo, hi;
	char		*why = NULL;
	int		 rc = 0;

	if (cr_norm_parse(f[3], &norm, &lo, &hi, &why) != 0)
		rc = fail_at(b, at(b, 3), "%s", why);
	else if (cr_agg_parse(f[4], &agg, &why) != 0)
		rc = fail_at(b, at(b, 4), "%s", why);
	free(why);
	if (rc != 0)
		return (-1);
	sqlite3_bind_text(b->st, 1, f[0], -1, SQLITE_STATIC);
	sqlite3_bind_text(b->st, 2, f[1], -1, SQLITE_STATIC);
	sqlite3_bind_text(b->st, 3, f[2], -1, SQLITE_STATIC);
	sqlite3_bind_text(b->st, 4, f[3], -1, SQLITE_STATIC);
	sqlite3_bind_text(b->st, 5, f[4], -1, SQLITE_STATIC);
	sqlite3_bind_text(b->st, 6, f[5], -1, SQLITE_STATIC);
	return (step(b, 0));
}

static int
row_preset_weight(struct builder *b, const char **f)
{
	sqlite3_int64	p, n;
	double		w;
	int		rc;

	if ((rc = lookup(b, "preset", f[0], &p)) != 0)
		return (rc < 0 ? -1 : fail_at(b, at(b, 0), "unknown preset "
		    "'%s'", f[0]));
	if ((rc = lookup(b, "node", f[1], &n)) != 0)
		return (rc < 0 ? -1 : fail_at(b, at(b, 1), "unknown node "
		    "'%s'", f[1]));
	if (number(b, 2, f[2], &w) != 0)
		return (-1);
	if (w < 0)
		return (fail_at(b, at(b, 2), "weight '%s' is negative", f[2]));
	sqlite3_bind_int64(b->st, 1, p);
	sqlite3_bind_int64(b->st, 2, n);
	sqlite3_bind_double(b->st, 3, w);
	return (step(b, 0));
}

static const struct table tables[] = {
	{ "dataset.csv", { "key", "value" },
	  "INSERT INTO meta (key, value) VALUES (?, ?)", row_meta },
	{ "framework.csv", { "code", "parent", "name_zh", "name_en", "weight",
	  "direction", "unit", "description" },
	  "INSERT INTO node (code, parent, name_zh, name_en, weight, "
	  "direction, unit, description) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
	  row_node },
	{ "entities.csv", { "code", "name_zh", "name_en" },
	  "INSERT INTO entity (code, name_zh, name_en) VALUES (?, ?, ?)",
	  row_entity },
	{ "values.csv", { "entity", "indicator", "value", "provenance",
	  "source" },
	  "INSERT INTO value (entity, node, value, provenance, source, "
	  "period) VALUES (?, ?, ?, ?, ?, '')", row_value },
	{ "context_vars.csv", { "code", "name_zh", "name_en", "unit", "kind" },
	  "INSERT INTO context_var (code, name_zh, name_en, unit, kind) "
	  "VALUES (?, ?, ?, ?, ?)", row_ctxvar },
	{ "context.csv", { "entity", "variable", "value", "provenance",
	  "source" },
	  "INSERT INTO context (entity, var, num, text, provenance, source, "
	  "period) VALUES (?, ?, ?, ?, ?, ?, '')", row_context },
	{ "published.csv", { "entity", "node", "kind", "value", "provenance",
	  "source" },
	  "INSERT INTO published (entity, node, kind, value, provenance, "
	  "source) VALUES (?, ?, ?, ?, ?, ?)", row_published },
	{ "presets.csv", { "code", "name_zh", "name_en", "normalize",
	  "aggregate", "description" },
	  "INSERT INTO preset (code, name_zh, name_en, normalize, aggregate, "
	  "description) VALUES (?, ?, ?, ?, ?, ?)", row_preset },
	{ "preset_weights.csv", { "preset", "node", "weight" },
	  "INSERT INTO preset_weight (preset, node, weight) VALUES (?, ?, ?)",
	  row_preset_weight },
};

static char *
slurp(const char *path, size_t *len, char **cause)
{
	FILE	*fp;
	char	*buf;
	long	 size;

	if ((fp = fopen(path, "rb")) == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return (NULL);
	}
	if (fseek(fp, 0, SEEK_END) != 0 || (size = ftell(fp)) < 0 ||
	    fseek(fp, 0, SEEK_SET) != 0) {
		*cause = xasprintf("%s: cannot read: %s", path,
		    strerror(errno));
		fclose(fp);
		return (NULL);
	}
	if ((unsigned long)size > MAX_SOURCE_BYTES) {
		*cause = xasprintf("%s: larger than %u MiB", path,
		    MAX_SOURCE_BYTES >> 20);
		fclose(fp);
		return (NULL);
	}
	buf = xmalloc((size_t)size + 1);
	*len = fread(buf, 1, (size_t)size, fp);
	if (ferror(fp)) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		free(buf);
		buf = NULL;
	}
	fclose(fp);
	return (buf);
}

static int
map_header(struct builder *b, const struct table *t)
{
	size_t	i, j;

	for (i = 0; t->cols[i] != NULL; i++) {
		for (j = 0; j < b->csv.n_fields; j++)
			if (strcmp(b->csv.field[j], t->cols[i]) == 0)
				break;
		if (j == b->csv.n_fields)
			return (fail_at(b, SIZE_MAX, "missing column '%s'",
			    t->cols[i]));
		b->col[i] = j;
	}
	return (0);
}

static int
read_rows(struct builder *b, const struct table *t)
{
	const char	*f[MAX_COLS];
	size_t		 ncols, i;
	int		 rc;

	if ((rc = cr_csv_next(&b->csv)) != 1)
		return (rc == 0 ? fail_at(b, SIZE_MAX, "%s", "empty file") : -1);
	ncols = b->csv.n_fields;
	if (map_header(b, t) != 0)
		return (-1);
	while ((rc = cr_csv_next(&b->csv)) == 1) {
		if (b->csv.n_fields != ncols)
			return (fail_at(b, SIZE_MAX, "%s fields where the "
			    "header has a different count", "wrong number of"));
		for (i = 0; t->cols[i] != NULL; i++)
			f[i] = b->csv.field[b->col[i]];
		if (t->row(b, f) != 0)
			return (-1);
	}
	return (rc);
}

static int
load_table(struct builder *b, const struct table *t)
{
	char	*buf;
	size_t	 len;
	int	 rc;

	free(b->path);
	b->path = xasprintf("%s/%s", b->dir, t->file);
	if ((buf = slurp(b->path, &len, b->cause)) == NULL)
		return (-1);
	if (sqlite3_prepare_v2(b->h, t->sql, -1, &b->st, NULL) != SQLITE_OK) {
		free(buf);
		*b->cause = xasprintf("%s", cr_db_errmsg(b->h));
		return (-1);
	}
	cr_csv_init(&b->csv, buf, len);
	rc = read_rows(b, t);
	if (rc < 0 && *b->cause == NULL)
		*b->cause = xasprintf("%s:%zu:%zu: %s", b->path,
		    b->csv.err_line, b->csv.err_col, b->csv.error);
	cr_csv_free(&b->csv);
	sqlite3_finalize(b->st);
	b->st = NULL;
	free(buf);
	return (rc < 0 ? -1 : 0);
}

static int
exec(struct builder *b, const char *sql)
{
	char	*err = NULL;

	if (sqlite3_exec(b->h, sql, NULL, NULL, &err) != SQLITE_OK) {
		*b->cause = xasprintf("%s", err != NULL ? err : "sqlite error");
		sqlite3_free(err);
		return (-1);
	}
	return (0);
}

static int
build(struct builder *b, const char *tmp)
{
	char	*sql;
	size_t	 i;
	int	 rc;

	if (sqlite3_open(tmp, &b->h) != SQLITE_OK) {
		*b->cause = xasprintf("%s: %s", tmp, cr_db_errmsg(b->h));
		return (-1);
	}
	/* The journal is off before the first write: none is left behind. */
	sql = xasprintf("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
	    " PRAGMA application_id = %d; PRAGMA user_version = %d;"
	    " BEGIN; %s", (int)CR_DB_APPLICATION_ID, CR_DB_SCHEMA_VERSION,
	    cr_db_schema_sql);
	rc = exec(b, sql);
	free(sql);
	if (rc != 0)
		return (-1);
	if (sqlite3_prepare_v2(b->h, "INSERT OR IGNORE INTO source (text) "
	    "VALUES (?)", -1, &b->src_ins, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(b->h, "SELECT id FROM source WHERE text = ?",
	    -1, &b->src_get, NULL) != SQLITE_OK) {
		*b->cause = xasprintf("%s", cr_db_errmsg(b->h));
		return (-1);
	}
	for (i = 0; i < sizeof tables / sizeof tables[0]; i++)
		if (load_table(b, &tables[i]) != 0)
			return (-1);
	if (cr_pack_write(b->h, b->cause) != 0 ||
	    cr_sum_write(b->h, b->cause) != 0)
		return (-1);
	return (exec(b, "COMMIT; VACUUM;"));
}

int
cr_db_build(const char *dir, const char *out, char **cause)
{
	struct builder		 b;
	struct cr_dataset	*ds;
	char			*tmp, *dummy = NULL;
	int			 rc;

	memset(&b, 0, sizeof b);
	b.dir = dir;
	b.cause = cause != NULL ? cause : &dummy;
	*b.cause = NULL;
	tmp = xasprintf("%s.tmp", out);
	unlink(tmp);
	rc = build(&b, tmp);
	sqlite3_finalize(b.src_ins);
	sqlite3_finalize(b.src_get);
	sqlite3_close(b.h);
	free(b.path);
	if (rc == 0 && cr_db_load(tmp, &ds, b.cause) == 0)
		cr_dataset_free(ds);
	else
		rc = -1;
	/* On disk before its name is: synchronous = OFF wrote it. */
	if (rc == 0)
		rc = cr_sync_file(tmp, b.cause);
	if (rc == 0 && rename(tmp, out) != 0) {
		*b.cause = xasprintf("%s: %s", out, strerror(errno));
		rc = -1;
	}
	if (rc == 0)
		cr_sync_dir(out);
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	free(dummy);
	return (rc);
}
