/*
 * Open a data set file the way SQLite advises for files from elsewhere
 * (its "Defense Against The Dark Arts" page): read-only, defensive, no
 * trust in functions named by the schema, cell sizes checked as pages
 * are read.  Only regular files: SQLite would block forever opening a
 * FIFO and calls a directory a disk I/O error.
 *
 * A reader must not write beside the file either.  SQLite opens a WAL
 * file read-only by creating its -shm and -wal files; when there is no
 * write-ahead log, everything is in the file and it is opened
 * immutable, which needs neither.  A non-empty -wal may hold committed
 * changes not yet in the file: that, and a hot journal from a write
 * that was cut short (which a read-only connection cannot roll back),
 * are refused with a message that says what to do.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db_priv.h"
#include "xmalloc.h"

/* How long to wait for a writer's lock before saying it is locked. */
#define BUSY_MS		2000

/* Bytes 18 and 19 of the header: 2 when the file is in WAL mode. */
static int
is_wal(const char *path)
{
	unsigned char	h[20];
	int		fd, wal = 0;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK)) == -1)
		return (0);
	if (read(fd, h, sizeof h) == (ssize_t)sizeof h &&
	    memcmp(h, "SQLite format 3", 16) == 0 && (h[18] == 2 || h[19] == 2))
		wal = 1;
	close(fd);
	return (wal);
}

/* The size of path plus suffix; -1 when it does not exist. */
static off_t
side_size(const char *path, const char *suffix)
{
	struct stat	 sb;
	char		*p = xasprintf("%s%s", path, suffix);
	int		 rc;

	rc = stat(p, &sb);
	free(p);
	return (rc == 0 ? sb.st_size : -1);
}

/*
 * A URI of the path, so that no file name is read as a URI or as URI
 * parameters: SQLite's own build in Debian takes "file:" names as URIs.
 */
static char *
uri(const char *path, int immutable)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char	*s;
	char			*u, *q;

	u = xmalloc(3 * strlen(path) + 40);
	q = u + sprintf(u, "file:%s", path[0] == '/' ? "//" : "");
	for (s = (const unsigned char *)path; *s != '\0'; s++) {
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || strchr("-._~/", *s) != NULL)
			*q++ = (char)*s;
		else {
			*q++ = '%';
			*q++ = hex[*s >> 4];
			*q++ = hex[*s & 15];
		}
	}
	strcpy(q, immutable ? "?mode=ro&immutable=1" : "?mode=ro");
	return (u);
}

static int
check_file(const char *path, int *immutable, char **cause)
{
	struct stat	sb;

	if (stat(path, &sb) != 0 || access(path, R_OK) != 0) {
		*cause = xstrdup(strerror(errno));
		return (-1);
	}
	if (S_ISDIR(sb.st_mode)) {
		*cause = xstrdup("is a directory");
		return (-1);
	}
	if (!S_ISREG(sb.st_mode)) {
		*cause = xstrdup("not a regular file");
		return (-1);
	}
	*immutable = 0;
	if (!is_wal(path))
		return (0);
	if (side_size(path, "-wal") > 0) {
		*cause = xasprintf("in WAL mode with changes still in "
		    "%s-wal; cityrank reads data sets without writing beside "
		    "them: checkpoint it first (sqlite3 %s 'PRAGMA "
		    "wal_checkpoint(TRUNCATE)')", path, path);
		return (-1);
	}
	*immutable = side_size(path, "-journal") < 0;
	return (0);
}

static int
harden(sqlite3 *h)
{
	if (sqlite3_db_config(h, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL) !=
	    SQLITE_OK ||
	    sqlite3_db_config(h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL) !=
	    SQLITE_OK)
		return (-1);
	if (sqlite3_busy_timeout(h, BUSY_MS) != SQLITE_OK)
		return (-1);
	return (sqlite3_exec(h, "PRAGMA trusted_schema = OFF; "
	    "PRAGMA cell_size_check = ON; PRAGMA query_only = ON", NULL, NULL,
	    NULL) == SQLITE_OK ? 0 : -1);
}

/* Read the header now, so that a hot journal shows here, by its name. */
static int
first_read(sqlite3 *h, const char *path, char **cause)
{
	int	rc;

	rc = sqlite3_exec(h, "SELECT count(*) FROM sqlite_master", NULL, NULL,
	    NULL);
	if (rc == SQLITE_OK)
		return (0);
	if (sqlite3_extended_errcode(h) == SQLITE_READONLY_ROLLBACK)
		*cause = xasprintf("a write was cut short and left %s-journal, "
		    "which cityrank, reading only, cannot roll back: open the "
		    "file once with a program that writes (sqlite3 %s 'PRAGMA "
		    "quick_check')", path, path);
	else if (rc == SQLITE_BUSY)
		*cause = xasprintf("%s (another program is writing it; waited "
		    "%d s)", cr_db_errmsg(h), BUSY_MS / 1000);
	else
		*cause = xstrdup(cr_db_errmsg(h));
	/* An SQLite file whose first pages are damaged, not a stranger. */
	return ((rc & 0xff) == SQLITE_CORRUPT ? -2 : -1);
}

int
cr_db_open(const char *path, sqlite3 **out, char **cause)
{
	sqlite3	*h = NULL;
	char	*u;
	int	 immutable, rc;

	*out = NULL;
	if (check_file(path, &immutable, cause) != 0)
		return (-1);
	u = uri(path, immutable);
	rc = sqlite3_open_v2(u, &h, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
	    NULL);
	free(u);
	if (rc != SQLITE_OK) {
		*cause = xstrdup(h != NULL ? cr_db_errmsg(h) :
		    "out of memory");
		sqlite3_close(h);
		return (-1);
	}
	if (harden(h) != 0) {
		*cause = xasprintf("cannot secure the connection: %s",
		    cr_db_errmsg(h));
		sqlite3_close(h);
		return (-1);
	}
	if ((rc = first_read(h, path, cause)) != 0) {
		sqlite3_close(h);
		return (rc);
	}
	*out = h;
	return (0);
}

sqlite3_int64
cr_db_one_int(sqlite3 *h, const char *sql)
{
	sqlite3_stmt	*st;
	sqlite3_int64	 v = -1;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		return (-1);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return (v);
}
