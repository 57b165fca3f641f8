/*
 * The scenario store (store.h).  A rollback journal with synchronous
 * FULL: a change whose COMMIT returned is on disk, and one cut short by
 * an error or a kill is rolled back by whoever opens the file next.
 * What is read back is not trusted: types, ranges, method names and
 * codes are checked, and a file this version did not write is refused
 * before anything is written to it.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "cause.h"
#include "db_priv.h"
#include "prepare.h"
#include "saved.h"
#include "score.h"
#include "store.h"
#include "utf8.h"
#include "xmalloc.h"

struct cr_store {
	char	*path;
	sqlite3	*h;		/* NULL while there is no file */
	int	 timeout;	/* ms */
	int	 version;	/* the file's schema, read by check_header() */
};

static const char schema_sql[] =
    "CREATE TABLE scenario ("
    " id INTEGER PRIMARY KEY,"
    " kind TEXT NOT NULL CHECK (kind IN ('named', 'last')),"
    " name TEXT NOT NULL,"		/* the data set's hash for 'last' */
    " note TEXT NOT NULL,"
    " dataset TEXT NOT NULL,"
    " title TEXT NOT NULL,"
    " period TEXT NOT NULL,"
    " norm TEXT NOT NULL,"
    " norm_lo REAL NOT NULL,"
    " norm_hi REAL NOT NULL,"
    " agg TEXT NOT NULL,"
    " modified TEXT NOT NULL,"
    " label TEXT NOT NULL,"	/* 'last': the name it had, or '' */
    " leaf_norm TEXT NOT NULL DEFAULT '',"	/* schema 2 */
    " level_agg TEXT NOT NULL DEFAULT '',"
    " UNIQUE (kind, name));"
    "CREATE TABLE weight ("
    " scenario INTEGER NOT NULL"
    "  REFERENCES scenario (id) ON DELETE CASCADE,"
    " code TEXT NOT NULL,"
    " weight REAL NOT NULL,"
    " ord INTEGER NOT NULL,"
    " PRIMARY KEY (scenario, ord),"
    " UNIQUE (scenario, code));";

static const char *const store_tables[] = { "scenario", "weight", NULL };

#define COLUMNS_1	"id, name, note, dataset, title, period, norm, norm_lo, " \
		"norm_hi, agg, modified, label"
/* Schema 2 added a leaf's and a depth's own methods (saved.h). */
#define COLUMNS_2	COLUMNS_1 ", leaf_norm, level_agg"
#define COLUMNS_1_AS_2	COLUMNS_1 ", '', ''"
#define COLUMNS(st)	((st)->version >= 2 ? COLUMNS_2 : COLUMNS_1_AS_2)

static int	fail(struct cr_store *, char **, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

/* A problem with the file: one line that names it. */
static int
fail(struct cr_store *st, char **cause, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	if (cause == NULL)
		return (-1);
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	*cause = xasprintf("%s: %s", st->path, msg);
	free(msg);
	return (-1);
}

/* The last SQLite error, said the way a user can act on it. */
static int
fail_sql(struct cr_store *st, char **cause)
{
	int	 rc = sqlite3_extended_errcode(st->h);
	int	 e = sqlite3_system_errno(st->h);

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return (fail(st, cause, "scenarios file is busy (locked by "
		    "another cityrank?)"));
	case SQLITE_FULL:
		return (fail(st, cause, "the disk is full; nothing was "
		    "changed"));
	case SQLITE_NOTADB:
		return (fail(st, cause, "not a cityrank scenarios file (not "
		    "an SQLite database)"));
	case SQLITE_CORRUPT:
		return (fail(st, cause, "damaged (%s)", cr_db_errmsg(st->h)));
	case SQLITE_READONLY:
		if (rc == SQLITE_READONLY_DIRECTORY)
			return (fail(st, cause, "cannot write: the directory "
			    "is read-only"));
		return (fail(st, cause, "cannot write: the file or its "
		    "directory is read-only"));
	case SQLITE_CANTOPEN:
	case SQLITE_IOERR:
	case SQLITE_PERM:
		if (e != 0)
			return (fail(st, cause, "%s (%s)",
			    cr_db_errmsg(st->h), strerror(e)));
		break;
	}
	return (fail(st, cause, "%s", cr_db_errmsg(st->h)));
}

/* A user's mistake about a name: the name, made safe to print. */
static int
fail_name(char **cause, const char *fmt, const char *name)
{
	char	*safe = cr_sanitize(name);

	cr_cause(cause, fmt, safe);
	free(safe);
	return (-1);
}

static int
exec(struct cr_store *st, const char *sql, char **cause)
{
	if (sqlite3_exec(st->h, sql, NULL, NULL, NULL) != SQLITE_OK)
		return (fail_sql(st, cause));
	return (0);
}

static int
prepare(struct cr_store *st, const char *sql, sqlite3_stmt **q,
    char **cause)
{
	if (sqlite3_prepare_v2(st->h, sql, -1, q, NULL) != SQLITE_OK)
		return (fail_sql(st, cause));
	return (0);
}

/* Step a statement that returns no row. */
static int
step_done(struct cr_store *st, sqlite3_stmt *q, char **cause)
{
	if (sqlite3_step(q) != SQLITE_DONE)
		return (fail_sql(st, cause));
	return (0);
}

static int
pragma_int(struct cr_store *st, const char *sql, int *out, char **cause)
{
	sqlite3_stmt	*q;
	int		 rc = 0;

	if (prepare(st, sql, &q, cause) != 0)
		return (-1);
	if (sqlite3_step(q) == SQLITE_ROW)
		*out = sqlite3_column_int(q, 0);
	else
		rc = fail_sql(st, cause);
	sqlite3_finalize(q);
	return (rc);
}

char *
cr_store_default_path(void)
{
	const char	*xdg = getenv("XDG_DATA_HOME");
	const char	*home = getenv("HOME");

	/* The XDG spec says to ignore a relative path. */
	if (xdg != NULL && xdg[0] == '/')
		return (xasprintf("%s/cityrank/scenarios.db", xdg));
	if (home != NULL && home[0] == '/')
		return (xasprintf("%s/.local/share/cityrank/scenarios.db",
		    home));
	return (NULL);
}

/*
 * Make a new directory entry durable: a file or directory whose name is
 * lost on a crash would take every save in it along.  Best effort, as
 * some file systems cannot sync a directory.
 */
static void
sync_parent(const char *path)
{
	char	*dir, *slash;
	int	 fd;

	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) == NULL)
		strcpy(dir, ".");
	else if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

/* mkdir -p of the file's directory, 0700: the scenarios are private. */
static int
make_dirs(struct cr_store *st, char **cause)
{
	struct stat	 sb;
	char		*dir, *p, c;
	int		 rc = 0, e;

	dir = xstrdup(st->path);
	if ((p = strrchr(dir, '/')) == NULL || p == dir) {
		free(dir);
		return (0);
	}
	*p = '\0';
	for (p = dir + 1; rc == 0; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		c = *p;
		*p = '\0';
		if (mkdir(dir, 0700) == 0)
			sync_parent(dir);
		else if ((e = errno), stat(dir, &sb) != 0 ||
		    !S_ISDIR(sb.st_mode))
			rc = fail(st, cause, "cannot create the directory "
			    "%s: %s", dir, strerror(e));
		*p = c;
		if (c == '\0')
			break;
	}
	free(dir);
	return (rc);
}

static int
make_file(struct cr_store *st, char **cause)
{
	int	fd;

	/* Never O_TRUNC: another process may have made it meanwhile. */
	fd = open(st->path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd == -1)
		return (fail(st, cause, "cannot create: %s", strerror(errno)));
	close(fd);
	sync_parent(st->path);
	return (0);
}

static int
open_db(struct cr_store *st, char **cause)
{
	if (sqlite3_open_v2(st->path, &st->h, SQLITE_OPEN_READWRITE,
	    NULL) != SQLITE_OK) {
		fail_sql(st, cause);
		sqlite3_close(st->h);
		st->h = NULL;
		return (-1);
	}
	sqlite3_extended_result_codes(st->h, 1);
	sqlite3_busy_timeout(st->h, st->timeout);
	/*
	 * The file is data, never code: no writes to the schema behind
	 * SQLite's back, no functions with side effects from the schema,
	 * and no triggers or views, which this schema does not use.
	 */
	sqlite3_db_config(st->h, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(st->h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(st->h, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
	sqlite3_db_config(st->h, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
	if (exec(st, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;"
	    " PRAGMA cell_size_check = ON", cause) != 0) {
		sqlite3_close(st->h);
		st->h = NULL;
		return (-1);
	}
	return (0);
}

/*
 * Whose file this is, from its header: 0 ours, 1 empty, -1 refused.
 * Empty is no pages (a first save that has not committed yet, or never
 * did), or a header and nothing else, as a write transaction on no
 * pages sees it: neither holds anything to lose.
 */
static int
check_header(struct cr_store *st, char **cause)
{
	int	pages, app, version, objects;

	if (pragma_int(st, "PRAGMA page_count", &pages, cause) != 0)
		return (-1);
	if (pages == 0)
		return (1);
	if (pragma_int(st, "PRAGMA application_id", &app, cause) != 0 ||
	    pragma_int(st, "PRAGMA user_version", &version, cause) != 0)
		return (-1);
	if (app == 0 && version == 0) {
		if (pragma_int(st, "SELECT count(*) FROM sqlite_master",
		    &objects, cause) != 0)
			return (-1);
		if (objects == 0)
			return (1);
	}
	if ((unsigned)app != CR_STORE_APPLICATION_ID)
		return (fail(st, cause, "not a cityrank scenarios file"));
	if (version > CR_STORE_SCHEMA_VERSION)
		return (fail(st, cause, "scenarios file is of a newer version "
		    "(%d); this cityrank reads %d", version,
		    CR_STORE_SCHEMA_VERSION));
	if (version < 1)
		return (fail(st, cause, "not a cityrank scenarios file (no "
		    "version)"));
	st->version = version;
	return (0);
}

/* What quick_check said, on one line. */
static int
fail_damaged(struct cr_store *st, const char *what, char **cause)
{
	const char	*prefix = "*** in database main ***";
	char		*line, *p;
	int		 rc;

	if (strncmp(what, prefix, strlen(prefix)) == 0)
		what += strlen(prefix);
	line = xstrdup(what + strspn(what, " \n"));
	for (p = line; *p != '\0'; p++)
		if (*p == '\n' || *p == '\t' || *p == '\r')
			*p = ' ';
	rc = fail(st, cause, "damaged (quick_check: %s)", line);
	free(line);
	return (rc);
}

static int
quick_check(struct cr_store *st, char **cause)
{
	sqlite3_stmt	*q;
	const char	*res;
	int		 rc, code;

	if (prepare(st, "PRAGMA quick_check(1)", &q, cause) != 0)
		return (-1);
	rc = sqlite3_step(q);
	code = sqlite3_extended_errcode(st->h) & 0xff;
	if (rc == SQLITE_ROW) {
		res = (const char *)sqlite3_column_text(q, 0);
		rc = 0;
		if (res == NULL || strcmp(res, "ok") != 0)
			rc = fail_damaged(st, res != NULL ? res : "?", cause);
	} else if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
		rc = fail_damaged(st, cr_db_errmsg(st->h), cause);
	else
		rc = fail_sql(st, cause);
	sqlite3_finalize(q);
	return (rc);
}

static int
check_tables(struct cr_store *st, char **cause)
{
	sqlite3_stmt	*q;
	int		 i, rc = 0, step;

	if (prepare(st, "SELECT 1 FROM sqlite_master WHERE type = 'table'"
	    " AND name = ?", &q, cause) != 0)
		return (-1);
	for (i = 0; rc == 0 && store_tables[i] != NULL; i++) {
		sqlite3_bind_text(q, 1, store_tables[i], -1, SQLITE_STATIC);
		step = sqlite3_step(q);
		if (step == SQLITE_DONE)
			rc = fail(st, cause, "damaged (missing table '%s')",
			    store_tables[i]);
		else if (step != SQLITE_ROW)
			rc = fail_sql(st, cause);
		sqlite3_reset(q);
	}
	sqlite3_finalize(q);
	return (rc);
}

/* Everything a file must pass before it is used, read only. */
static int
check_file(struct cr_store *st, char **cause)
{
	int	rc;

	if ((rc = check_header(st, cause)) != 0)
		return (rc == 1 ? 0 : -1);
	if (quick_check(st, cause) != 0 || check_tables(st, cause) != 0)
		return (-1);
	return (0);
}

/*
 * Open the file if it exists, or create it when create is set: 0, or 1
 * for an empty store (no file, and create not set).
 */
static int
attach(struct cr_store *st, int create, char **cause)
{
	struct stat	sb;

	if (st->h != NULL)
		return (0);
	if (stat(st->path, &sb) == -1) {
		if (errno != ENOENT)
			return (fail(st, cause, "cannot open: %s",
			    strerror(errno)));
		if (!create)
			return (1);
		if (make_dirs(st, cause) != 0 || make_file(st, cause) != 0)
			return (-1);
	} else if (!S_ISREG(sb.st_mode))
		return (fail(st, cause, "not a regular file"));
	if (open_db(st, cause) != 0)
		return (-1);
	if (check_file(st, cause) != 0) {
		sqlite3_close(st->h);
		st->h = NULL;
		return (-1);
	}
	return (0);
}

static void
rollback(struct cr_store *st)
{
	if (st->h != NULL && !sqlite3_get_autocommit(st->h))
		sqlite3_exec(st->h, "ROLLBACK", NULL, NULL, NULL);
}

/*
 * Begin a transaction: IMMEDIATE to write, so that two writers queue on
 * the busy timeout instead of failing halfway.  The header is checked
 * again inside it, as another process may have created the file since
 * it was opened.  An empty file gets the schema when create is set;
 * otherwise it returns 1, as there is nothing to read or change.
 */
static int
start(struct cr_store *st, int write, int create, char **cause)
{
	char	*sql;
	int	 rc;

	if ((rc = attach(st, create, cause)) != 0)
		return (rc);
	if (exec(st, write ? "BEGIN IMMEDIATE" : "BEGIN", cause) != 0)
		return (-1);
	if ((rc = check_header(st, cause)) == 1 && create) {
		sql = xasprintf("PRAGMA application_id = %d;"
		    " PRAGMA user_version = %d; %s",
		    (int)CR_STORE_APPLICATION_ID, CR_STORE_SCHEMA_VERSION,
		    schema_sql);
		rc = exec(st, sql, cause);
		free(sql);
		if (rc == 0)
			st->version = CR_STORE_SCHEMA_VERSION;
	}
	if (rc != 0)
		rollback(st);
	return (rc);
}

/* End the transaction: commit on success, roll back on error. */
static int
finish(struct cr_store *st, int rc, char **cause)
{
	if (rc >= 0 && exec(st, "COMMIT", cause) != 0)
		rc = -1;
	if (rc < 0)
		rollback(st);
	return (rc);
}

static int
weight_ok(double w)
{
	return (isfinite(w) && w >= 0 && w <= CR_WEIGHT_MAX);
}

/* What is wrong with these methods, or NULL. */
static const char *
method_problem(const struct cr_saved *s)
{
	struct cr_norm_spec	 n;
	struct cr_agg_spec	 a;

	cr_saved_norm(s, &n);
	cr_saved_agg(s, &a);
	if ((unsigned)n.method >= CR_NORM_COUNT)
		return ("unknown normalisation");
	if ((unsigned)a.method >= CR_AGG_COUNT)
		return ("unknown aggregation");
	if (!isfinite(n.lo) || !isfinite(n.hi))
		return ("normalisation range is not finite");
	if (n.method == CR_NORM_MINMAX && !cr_norm_spec_valid(&n))
		return ("bad min-max range");
	if (!cr_norm_spec_valid(&n))
		return ("bad normalisation parameters");
	if (!cr_agg_spec_valid(&a))
		return ("the power mean's exponent is not a number");
	return (NULL);
}

/*
 * The normalisation as the norm column holds it: the name, as schema 1
 * has it, but for the methods whose parameters are more than min-max's
 * range, whole (schema 2 only: no such row is written to schema 1).
 */
static char *
norm_text(const struct cr_saved *s)
{
	struct cr_norm_spec	 n;

	cr_saved_norm(s, &n);
	if (n.method == CR_NORM_GOALPOSTS || n.method == CR_NORM_DIST2TARG ||
	    n.method == CR_NORM_DIST2REF)
		return (cr_norm_spec_format(&n));
	return (xstrdup(cr_norm_name(n.method)));
}

/*
 * A schema 1 file takes a scenario that needs schema 2 only once it is
 * made one: the two columns, in the write transaction that needs them.
 * Until then it stays a file that an older cityrank reads.
 */
static int
upgrade(struct cr_store *st, char **cause)
{
	char	*sql;
	int	 rc;

	if (st->version >= 2)
		return (0);
	sql = xasprintf("ALTER TABLE scenario ADD COLUMN leaf_norm TEXT NOT "
	    "NULL DEFAULT ''; ALTER TABLE scenario ADD COLUMN level_agg TEXT "
	    "NOT NULL DEFAULT ''; PRAGMA user_version = %d",
	    CR_STORE_SCHEMA_VERSION);
	rc = exec(st, sql, cause);
	free(sql);
	if (rc == 0)
		st->version = CR_STORE_SCHEMA_VERSION;
	return (rc);
}

static int
cmp_code(const void *a, const void *b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

/* A code given twice, or NULL: sorted, so a large framework is cheap. */
static const char *
repeated_code(const struct cr_saved *s)
{
	const char	**code, *dup = NULL;
	size_t		  i;

	if (s->n < 2)
		return (NULL);
	code = xreallocarray(NULL, s->n, sizeof *code);
	memcpy(code, s->code, s->n * sizeof *code);
	qsort(code, s->n, sizeof *code, cmp_code);
	for (i = 1; i < s->n && dup == NULL; i++)
		if (strcmp(code[i - 1], code[i]) == 0)
			dup = code[i];
	free(code);
	return (dup);
}

/* A scenario the caller built, checked before anything is written. */
static int
check_saved(const struct cr_saved *s, char **cause)
{
	const char	*why, *dup;
	size_t		 i;

	if (s->note == NULL || s->dataset == NULL || s->title == NULL ||
	    s->period == NULL)
		return (cr_cause(cause, "incomplete scenario"));
	if (strlen(s->note) > CR_SAVED_NOTE_MAX)
		return (cr_cause(cause, "the note is longer than %d bytes",
		    CR_SAVED_NOTE_MAX));
	if ((why = method_problem(s)) != NULL)
		return (cr_cause(cause, "%s", why));
	for (i = 0; i < s->n; i++) {
		if (s->code[i] == NULL || *s->code[i] == '\0')
			return (cr_cause(cause, "a weight without a code"));
		if (!weight_ok(s->weight[i]))
			return (fail_name(cause, "the weight of '%s' is not a "
			    "number from 0 to 1e9", s->code[i]));
	}
	if ((dup = repeated_code(s)) != NULL)
		return (fail_name(cause, "code '%s' is given twice", dup));
	return (0);
}

/* The id of a row: 1 found, 0 not, -1 error. */
static int
lookup(struct cr_store *st, const char *kind, const char *key,
    sqlite3_int64 *id, char **cause)
{
	sqlite3_stmt	*q;
	int		 rc;

	if (prepare(st, "SELECT id FROM scenario WHERE kind = ? AND name = ?",
	    &q, cause) != 0)
		return (-1);
	sqlite3_bind_text(q, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(q, 0);
		rc = 1;
	} else if (rc == SQLITE_DONE)
		rc = 0;
	else
		rc = fail_sql(st, cause);
	sqlite3_finalize(q);
	return (rc);
}

static int
delete_id(struct cr_store *st, sqlite3_int64 id, char **cause)
{
	sqlite3_stmt	*q;
	int		 rc;

	if (prepare(st, "DELETE FROM scenario WHERE id = ?", &q, cause) != 0)
		return (-1);
	sqlite3_bind_int64(q, 1, id);
	rc = step_done(st, q, cause);
	sqlite3_finalize(q);
	return (rc);
}

static void
now_iso(char *buf, size_t len)
{
	struct tm	tm;
	time_t		t = time(NULL);

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		buf[0] = '\0';
}

static int
insert_row(struct cr_store *st, const char *kind, const char *key,
    const struct cr_saved *s, sqlite3_int64 *id, char **cause)
{
	struct cr_agg_spec	 a;
	sqlite3_stmt		*q;
	char			 now[32], *norm, *agg, *leaves, *levels;
	int			 rc = 0;

	if (prepare(st, st->version >= 2 ? "INSERT INTO scenario (kind, "
	    "name, note, dataset, title, period, norm, norm_lo, norm_hi, "
	    "agg, modified, label, leaf_norm, level_agg) VALUES (?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)" : "INSERT INTO scenario "
	    "(kind, name, note, dataset, title, period, norm, norm_lo, "
	    "norm_hi, agg, modified, label) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, ?)", &q, cause) != 0)
		return (-1);
	cr_saved_agg(s, &a);
	norm = norm_text(s);
	agg = cr_agg_spec_format(&a);
	leaves = cr_saved_leaves_text(s);
	levels = cr_saved_levels_text(s);
	now_iso(now, sizeof now);
	rc |= sqlite3_bind_text(q, 1, kind, -1, SQLITE_STATIC);
	rc |= sqlite3_bind_text(q, 2, key, -1, SQLITE_STATIC);
	rc |= sqlite3_bind_text(q, 3, s->note, -1, SQLITE_STATIC);
	rc |= sqlite3_bind_text(q, 4, s->dataset, -1, SQLITE_STATIC);
	rc |= sqlite3_bind_text(q, 5, s->title, -1, SQLITE_STATIC);
	rc |= sqlite3_bind_text(q, 6, s->period, -1, SQLITE_STATIC);
	rc |= sqlite3_bind_text(q, 7, norm, -1, SQLITE_STATIC);
	rc |= sqlite3_bind_double(q, 8, s->norm_lo);
	rc |= sqlite3_bind_double(q, 9, s->norm_hi);
	rc |= sqlite3_bind_text(q, 10, agg, -1, SQLITE_STATIC);
	rc |= sqlite3_bind_text(q, 11, now, -1, SQLITE_TRANSIENT);
	rc |= sqlite3_bind_text(q, 12, strcmp(kind, "last") == 0 &&
	    s->name != NULL ? s->name : "", -1, SQLITE_STATIC);
	if (st->version >= 2) {
		rc |= sqlite3_bind_text(q, 13, leaves, -1, SQLITE_STATIC);
		rc |= sqlite3_bind_text(q, 14, levels, -1, SQLITE_STATIC);
	}
	if (rc != SQLITE_OK)
		rc = fail_sql(st, cause);
	else
		rc = step_done(st, q, cause);
	sqlite3_finalize(q);
	*id = sqlite3_last_insert_rowid(st->h);
	free(norm);
	free(agg);
	free(leaves);
	free(levels);
	return (rc);
}

static int
insert_weights(struct cr_store *st, sqlite3_int64 id,
    const struct cr_saved *s, char **cause)
{
	sqlite3_stmt	*q;
	size_t		 i;
	int		 rc = 0;

	if (prepare(st, "INSERT INTO weight (scenario, code, weight, ord) "
	    "VALUES (?, ?, ?, ?)", &q, cause) != 0)
		return (-1);
	for (i = 0; rc == 0 && i < s->n; i++) {
		if (sqlite3_bind_int64(q, 1, id) != SQLITE_OK ||
		    sqlite3_bind_text(q, 2, s->code[i], -1,
		    SQLITE_STATIC) != SQLITE_OK ||
		    sqlite3_bind_double(q, 3, s->weight[i]) != SQLITE_OK ||
		    sqlite3_bind_int64(q, 4, (sqlite3_int64)i) != SQLITE_OK)
			rc = fail_sql(st, cause);
		else
			rc = step_done(st, q, cause);
		sqlite3_reset(q);
	}
	sqlite3_finalize(q);
	return (rc);
}

/* --- preparation (issue 13): start --- */
static const char *col_text(sqlite3_stmt *, int);
static int	fail_row(struct cr_store *, const char *, char **,
		    const char *, const char *);

/*
 * A scenario's recipe (saved.h) in a table of its own, made by the
 * first save that has one: a store without any stays as it was, and
 * a cityrank that knows no recipes still reads the scenarios (without
 * them).  Deleting a scenario deletes its recipe (the foreign key).
 */
static int
insert_recipe(struct cr_store *st, sqlite3_int64 id,
    const struct cr_saved *s, char **cause)
{
	sqlite3_stmt	*q;
	int		 rc;

	if (*s->recipe == '\0')
		return (0);
	if (exec(st, "CREATE TABLE IF NOT EXISTS recipe ("
	    " scenario INTEGER PRIMARY KEY"
	    "  REFERENCES scenario (id) ON DELETE CASCADE,"
	    " line TEXT NOT NULL)", cause) != 0)
		return (-1);
	if (prepare(st, "INSERT INTO recipe (scenario, line) VALUES (?, ?)",
	    &q, cause) != 0)
		return (-1);
	if (sqlite3_bind_int64(q, 1, id) != SQLITE_OK ||
	    sqlite3_bind_text(q, 2, s->recipe, -1, SQLITE_STATIC) !=
	    SQLITE_OK)
		rc = fail_sql(st, cause);
	else
		rc = step_done(st, q, cause);
	sqlite3_finalize(q);
	return (rc);
}

static int
read_recipe(struct cr_store *st, sqlite3_int64 id, const char *who,
    struct cr_saved *s, char **cause)
{
	struct cr_prep_spec	 spec;
	sqlite3_stmt		*q;
	const char		*line;
	char			*why = NULL;
	int			 rc = 0, step;

	if (sqlite3_prepare_v2(st->h, "SELECT line FROM recipe WHERE "
	    "scenario = ?", -1, &q, NULL) != SQLITE_OK)
		return (0);	/* no table: no scenario has one */
	sqlite3_bind_int64(q, 1, id);
	if ((step = sqlite3_step(q)) == SQLITE_ROW) {
		cr_prep_spec_init(&spec);
		if ((line = col_text(q, 0)) == NULL)
			rc = fail_row(st, who, cause, "a recipe that is not "
			    "text", NULL);
		else if (cr_prep_parse_recipe(&spec, line, &why) != 0) {
			rc = fail_row(st, who, cause, why, NULL);
			free(why);
		} else {
			free(s->recipe);
			s->recipe = cr_prep_recipe(&spec);
		}
		cr_prep_spec_free(&spec);
	} else if (step != SQLITE_DONE)
		rc = fail_sql(st, cause);
	sqlite3_finalize(q);
	return (rc);
}
/* --- preparation: end --- */

/* Inside a write transaction: replace or add the row kind/key. */
static int
put(struct cr_store *st, const char *kind, const char *key,
    const struct cr_saved *s, int replace, char **cause)
{
	sqlite3_int64	id;
	int		found;

	if ((found = lookup(st, kind, key, &id, cause)) < 0)
		return (-1);
	if (found && !replace)
		return (fail_name(cause, "a scenario named '%s' exists", key));
	if (found && delete_id(st, id, cause) != 0)
		return (-1);
	if (!cr_saved_v1(s) && upgrade(st, cause) != 0)
		return (-1);
	if (insert_row(st, kind, key, s, &id, cause) != 0)
		return (-1);
	if (insert_recipe(st, id, s, cause) != 0)
		return (-1);
	return (insert_weights(st, id, s, cause));
}

static int
save(struct cr_store *st, const char *kind, const char *key,
    const struct cr_saved *s, int replace, char **cause)
{
	if (start(st, 1, 1, cause) != 0)
		return (-1);
	return (finish(st, put(st, kind, key, s, replace, cause), cause));
}

int
cr_store_save(struct cr_store *st, const struct cr_saved *s, int replace,
    char **cause)
{
	if (cr_saved_check_name(s->name, cause) != 0 ||
	    check_saved(s, cause) != 0)
		return (-1);
	return (save(st, "named", s->name, s, replace, cause));
}

int
cr_store_save_last(struct cr_store *st, const struct cr_saved *s,
    char **cause)
{
	if (s->dataset == NULL || *s->dataset == '\0')
		return (cr_cause(cause, "the last state needs its data set"));
	if (check_saved(s, cause) != 0)
		return (-1);
	return (save(st, "last", s->dataset, s, 1, cause));
}

/* A column of TEXT without NULs inside, or NULL. */
static const char *
col_text(sqlite3_stmt *q, int i)
{
	const char	*s;

	if (sqlite3_column_type(q, i) != SQLITE_TEXT)
		return (NULL);
	s = (const char *)sqlite3_column_text(q, i);
	if (s == NULL || strlen(s) != (size_t)sqlite3_column_bytes(q, i))
		return (NULL);
	return (s);
}

/* A column holding a finite number. */
static int
col_real(sqlite3_stmt *q, int i, double *out)
{
	int	t = sqlite3_column_type(q, i);

	if (t != SQLITE_FLOAT && t != SQLITE_INTEGER)
		return (-1);
	*out = sqlite3_column_double(q, i);
	return (isfinite(*out) ? 0 : -1);
}

/* Bad content read back: the file, the scenario, what is wrong. */
static int
fail_row(struct cr_store *st, const char *who, char **cause,
    const char *what, const char *code)
{
	char	*safe;
	int	 rc;

	if (code == NULL)
		return (fail(st, cause, "%s: %s", who, what));
	safe = cr_sanitize(code);
	rc = fail(st, cause, "%s: %s '%s'", who, what, safe);
	free(safe);
	return (rc);
}

static int
read_weights(struct cr_store *st, sqlite3_int64 id, const char *who,
    struct cr_saved *s, char **cause)
{
	sqlite3_stmt	*q;
	const char	*code;
	double		 w;
	char		*why = NULL;
	int		 rc = 0, step = SQLITE_DONE;

	if (prepare(st, "SELECT code, weight FROM weight WHERE scenario = ?"
	    " ORDER BY ord", &q, cause) != 0)
		return (-1);
	sqlite3_bind_int64(q, 1, id);
	while (rc == 0 && (step = sqlite3_step(q)) == SQLITE_ROW) {
		if ((code = col_text(q, 0)) == NULL || *code == '\0')
			rc = fail_row(st, who, cause, "a weight without a code",
			    NULL);
		else if (col_real(q, 1, &w) != 0 || !weight_ok(w))
			rc = fail_row(st, who, cause, "no weight from 0 to 1e9 "
			    "for code", code);
		else if (cr_saved_add(s, code, w, &why) != 0) {
			rc = fail_row(st, who, cause, why, NULL);
			free(why);
		}
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = fail_sql(st, cause);
	sqlite3_finalize(q);
	return (rc);
}

/* The global normalisation: ours exactly, as norm_text() wrote it. */
static int
read_norm(const char *text, struct cr_saved *s)
{
	struct cr_norm_spec	 n;
	char			*back = NULL;
	int			 rc = -1;

	cr_norm_spec_init(&n);
	if (text == NULL || cr_norm_spec_parse(text, &n, NULL) != 0)
		goto out;
	cr_saved_set_norm(s, &n);
	back = norm_text(s);
	rc = strcmp(back, text) == 0 ? 0 : -1;
out:
	free(back);
	cr_norm_spec_clear(&n);
	return (rc);
}

/* A list column, read back and written again the same. */
static int
read_list(const char *text, struct cr_saved *s, int levels)
{
	char	*back;
	int	 rc;

	if (text == NULL)
		return (-1);
	if ((levels ? cr_saved_parse_levels(s, text, NULL) :
	    cr_saved_parse_leaves(s, text, NULL)) != 0)
		return (-1);
	back = levels ? cr_saved_levels_text(s) : cr_saved_leaves_text(s);
	rc = strcmp(back, text) == 0 ? 0 : -1;
	free(back);
	return (rc);
}

/* Method names must be ours exactly, not only what the parsers take. */
static int
read_methods(sqlite3_stmt *q, struct cr_saved *s, const char **why)
{
	const char		*norm = col_text(q, 6), *agg = col_text(q, 9);
	struct cr_agg_spec	 a;
	char			*back;
	int			 rc;

	*why = "unknown normalisation";
	if (read_norm(norm, s) != 0)
		return (-1);
	*why = "unknown aggregation";
	if (agg == NULL || cr_agg_spec_parse(agg, &a, NULL) != 0)
		return (-1);
	back = cr_agg_spec_format(&a);
	rc = strcmp(agg, back);
	free(back);
	if (rc != 0)
		return (-1);
	cr_saved_set_agg(s, &a);
	*why = "the normalisation range is not a pair of numbers";
	if (col_real(q, 7, &s->norm_lo) != 0 ||
	    col_real(q, 8, &s->norm_hi) != 0)
		return (-1);
	*why = "a leaf's own normalisation is not one this cityrank writes";
	if (read_list(col_text(q, 12), s, 0) != 0)
		return (-1);
	*why = "a depth's own aggregation is not one this cityrank writes";
	if (read_list(col_text(q, 13), s, 1) != 0)
		return (-1);
	*why = method_problem(s);
	return (*why != NULL ? -1 : 0);
}

/* The text columns 2 to 5 and 10, into s. */
static int
read_texts(sqlite3_stmt *q, struct cr_saved *s, const char **why)
{
	static const int	 col[] = { 2, 3, 4, 5, 10 };
	static const char	*bad[] = { "the note is not text",
				    "the data set is not text",
				    "the title is not text",
				    "the period is not text",
				    "the time saved is not text" };
	char			**field[] = { &s->note, &s->dataset,
				    &s->title, &s->period, &s->modified };
	const char		*v;
	size_t			 i;

	for (i = 0; i < sizeof col / sizeof col[0]; i++) {
		if ((v = col_text(q, col[i])) == NULL) {
			*why = bad[i];
			return (-1);
		}
		cr_saved_set(field[i], v);
	}
	*why = "the note is too long";
	return (strlen(s->note) > CR_SAVED_NOTE_MAX ? -1 : 0);
}

/*
 * One row of COLUMNS and its weights, all checked.  A 'last' row's
 * name is its data set's hash; the name of the scenario it holds, if it
 * had one, is its label.
 */
static int
read_row(struct cr_store *st, sqlite3_stmt *q, int named,
    struct cr_saved **out, char **cause)
{
	struct cr_saved	*s;
	const char	*name = col_text(q, 1), *why, *label;
	char		*who, *safe;
	int		 rc = 0;

	*out = NULL;
	if (name == NULL)
		who = xasprintf("scenario #%lld",
		    (long long)sqlite3_column_int64(q, 0));
	else {
		safe = cr_sanitize(name);
		who = xasprintf(named ? "scenario '%s'" : "the last state of "
		    "data set '%s'", safe);
		free(safe);
	}
	s = cr_saved_new();
	if (name == NULL || (named && cr_saved_check_name(name, NULL) != 0))
		rc = fail_row(st, who, cause, "a bad name", NULL);
	else if (read_texts(q, s, &why) != 0 || read_methods(q, s, &why) != 0)
		rc = fail_row(st, who, cause, why, NULL);
	else if (!named && strcmp(name, s->dataset) != 0)
		rc = fail_row(st, who, cause, "saved under another data set",
		    NULL);
	else
		rc = read_weights(st, sqlite3_column_int64(q, 0), who, s,
		    cause);
	if (rc == 0)
		rc = read_recipe(st, sqlite3_column_int64(q, 0), who, s,
		    cause);
	if (rc == 0 && named)
		cr_saved_set(&s->name, name);
	/* A last state keeps the name of the scenario it was. */
	if (rc == 0 && !named && (label = col_text(q, 11)) != NULL &&
	    (*label == '\0' || cr_saved_check_name(label, NULL) == 0))
		cr_saved_set(&s->name, label);
	free(who);
	if (rc != 0)
		cr_saved_free(s);
	else
		*out = s;
	return (rc);
}

/* Inside a transaction: the row kind/key.  0, 1 when none, -1. */
static int
get(struct cr_store *st, const char *kind, const char *key,
    struct cr_saved **out, char **cause)
{
	sqlite3_stmt	*q;
	char		*sql;
	int		 rc;

	sql = xasprintf("SELECT %s FROM scenario WHERE kind = ? AND name = ?",
	    COLUMNS(st));
	rc = prepare(st, sql, &q, cause);
	free(sql);
	if (rc != 0)
		return (-1);
	sqlite3_bind_text(q, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		rc = read_row(st, q, strcmp(kind, "named") == 0, out, cause);
	else if (rc == SQLITE_DONE)
		rc = 1;
	else
		rc = fail_sql(st, cause);
	sqlite3_finalize(q);
	return (rc);
}

static int
load(struct cr_store *st, const char *kind, const char *key,
    struct cr_saved **out, char **cause)
{
	int	rc;

	*out = NULL;
	if ((rc = start(st, 0, 0, cause)) != 0)
		return (rc);
	rc = finish(st, get(st, kind, key, out, cause), cause);
	/* The row was read but the transaction did not end well. */
	if (rc != 0 && *out != NULL) {
		cr_saved_free(*out);
		*out = NULL;
	}
	return (rc);
}

int
cr_store_load(struct cr_store *st, const char *name, struct cr_saved **out,
    char **cause)
{
	if (load(st, "named", name, out, cause) == 1)
		return (fail_name(cause, "no scenario named '%s'", name));
	return (*out != NULL ? 0 : -1);
}

int
cr_store_load_last(struct cr_store *st, const char *dataset,
    struct cr_saved **out, char **cause)
{
	return (load(st, "last", dataset, out, cause));
}

void
cr_store_list_free(struct cr_saved **list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		cr_saved_free(list[i]);
	free(list);
}

static int
list(struct cr_store *st, struct cr_saved ***out, size_t *n, char **cause)
{
	sqlite3_stmt	*q;
	struct cr_saved	*s;
	char		*sql;
	int		 rc = 0, step = SQLITE_DONE;

	sql = xasprintf("SELECT %s FROM scenario WHERE kind = 'named' ORDER "
	    "BY name", COLUMNS(st));
	rc = prepare(st, sql, &q, cause);
	free(sql);
	if (rc != 0)
		return (-1);
	while (rc == 0 && (step = sqlite3_step(q)) == SQLITE_ROW) {
		if ((rc = read_row(st, q, 1, &s, cause)) != 0)
			break;
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		(*out)[(*n)++] = s;
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = fail_sql(st, cause);
	sqlite3_finalize(q);
	return (rc);
}

int
cr_store_list(struct cr_store *st, struct cr_saved ***out, size_t *n,
    char **cause)
{
	int	rc;

	*out = NULL;
	*n = 0;
	if ((rc = start(st, 0, 0, cause)) == 1)
		return (0);
	if (rc == 0)
		rc = finish(st, list(st, out, n, cause), cause);
	if (rc != 0) {
		cr_store_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return (rc);
}

static int
rename_to(struct cr_store *st, const char *from, const char *to,
    char **cause)
{
	sqlite3_stmt	*q;
	sqlite3_int64	 id, other;
	int		 rc;

	if ((rc = lookup(st, "named", from, &id, cause)) <= 0)
		return (rc == 0 ? fail_name(cause, "no scenario named '%s'",
		    from) : -1);
	if (strcmp(from, to) == 0)
		return (0);
	if ((rc = lookup(st, "named", to, &other, cause)) != 0)
		return (rc == 1 ? fail_name(cause, "a scenario named '%s' "
		    "exists", to) : -1);
	if (prepare(st, "UPDATE scenario SET name = ? WHERE id = ?", &q,
	    cause) != 0)
		return (-1);
	sqlite3_bind_text(q, 1, to, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, id);
	rc = step_done(st, q, cause);
	sqlite3_finalize(q);
	return (rc);
}

int
cr_store_rename(struct cr_store *st, const char *from, const char *to,
    char **cause)
{
	int	rc;

	if (cr_saved_check_name(to, cause) != 0)
		return (-1);
	/* No file is made to say that there is nothing to rename. */
	if ((rc = start(st, 1, 0, cause)) != 0)
		return (rc == 1 ? fail_name(cause, "no scenario named '%s'",
		    from) : -1);
	return (finish(st, rename_to(st, from, to, cause), cause));
}

static int
delete_named(struct cr_store *st, const char *name, char **cause)
{
	sqlite3_int64	id;
	int		rc;

	if ((rc = lookup(st, "named", name, &id, cause)) <= 0)
		return (rc == 0 ? fail_name(cause, "no scenario named '%s'",
		    name) : -1);
	return (delete_id(st, id, cause));
}

int
cr_store_delete(struct cr_store *st, const char *name, char **cause)
{
	int	rc;

	if ((rc = start(st, 1, 0, cause)) != 0)
		return (rc == 1 ? fail_name(cause, "no scenario named '%s'",
		    name) : -1);
	return (finish(st, delete_named(st, name, cause), cause));
}

int
cr_store_open(const char *path, struct cr_store **out, char **cause)
{
	struct cr_store	*st;

	st = xcalloc(1, sizeof *st);
	st->path = xstrdup(path);
	st->timeout = CR_STORE_TIMEOUT;
	if (attach(st, 0, cause) < 0) {
		cr_store_close(st);
		return (-1);
	}
	*out = st;
	return (0);
}

void
cr_store_close(struct cr_store *st)
{
	if (st == NULL)
		return;
	if (st->h != NULL)
		sqlite3_close(st->h);
	free(st->path);
	free(st);
}

const char *
cr_store_path(const struct cr_store *st)
{
	return (st->path);
}

void
cr_store_set_timeout(struct cr_store *st, int ms)
{
	st->timeout = ms;
	if (st->h != NULL)
		sqlite3_busy_timeout(st->h, ms);
}

sqlite3 *
cr_store_db(struct cr_store *st)
{
	return (st->h);
}
