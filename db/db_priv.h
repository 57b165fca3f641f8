/*
 * What the db modules share among themselves; the engine and the UI
 * never see it.
 */
#ifndef CR_DB_PRIV_H
#define CR_DB_PRIV_H

#include <stddef.h>

#include <sqlite3.h>

struct cr_dataset;

/*
 * Open a data set read-only and hardened for a file from elsewhere
 * (db_open.c); -1 and a *cause without the path on failure, -2 when
 * SQLite found the file damaged at once.
 */
int	cr_db_open(const char *path, sqlite3 **, char **cause);
/* The first column of the first row of sql, as an integer; -1 if none. */
sqlite3_int64	cr_db_one_int(sqlite3 *, const char *sql);
/* fsync a file (-1 and *cause), and the directory of a file (sync.c). */
int	cr_sync_file(const char *path, char **cause);
void	cr_sync_dir(const char *file);

/*
 * From this many units on, a file of one period has its packs read by
 * two threads (db_load.c); and how many loads did so.  For tests.
 */
extern size_t	cr_db_pack_thread_min;
extern unsigned	cr_db_pack_halves_used;
/* Loads whose context was read on a thread of its own, beside the values. */
extern unsigned	cr_db_ctx_thread_used;

/* The index of id in ids[n], sorted ascending, or -1. */
int	cr_db_find_id(const sqlite3_int64 *ids, size_t n, sqlite3_int64 id);

/*
 * cr_db_load_period() on a database already open (an import written
 * in memory): path names it in messages and as the data set's file.
 * The handle stays open.
 */
int	cr_db_load_handle(sqlite3 *, const char *path, const char *period,
	    struct cr_dataset **, char **cause);
struct cr_import;
/* Write an import on an open empty database (import_write.c). */
int	cr_import_write_handle(const struct cr_import *, sqlite3 *,
	    char **cause);

struct cr_store;
/*
 * The scenario store's connection, NULL while it has no file: for tests
 * that provoke what is hard to arrange from outside, such as a full disk.
 */
sqlite3	*cr_store_db(struct cr_store *);

/*
 * sqlite3_errmsg(h) with every control and hidden character made
 * visible, so that a message quoting a damaged file is one safe line.
 * Valid until the next call.
 */
const char	*cr_db_errmsg(sqlite3 *);

#endif
