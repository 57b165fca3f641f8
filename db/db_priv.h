/*
 * What the db modules share among themselves; the engine and the UI
 * never see it.
 */
#ifndef CR_DB_PRIV_H
#define CR_DB_PRIV_H

#include <stddef.h>

#include <sqlite3.h>

/* The index of id in ids[n], sorted ascending, or -1. */
int	cr_db_find_id(const sqlite3_int64 *ids, size_t n, sqlite3_int64 id);

struct cr_store;
/*
 * The scenario store's connection, NULL while it has no file: for tests
 * that provoke what is hard to arrange from outside, such as a full disk.
 */
sqlite3	*cr_store_db(struct cr_store *);

#endif
