/* Helpers for the tests that take SQLite files apart (cmocka asserts). */
#ifndef CR_DBTEST_H
#define CR_DBTEST_H

void	dbtest_copy(const char *from, const char *to);
/* Run SQL on a file; fail the test, saying why, when it does not run. */
void	dbtest_sql(const char *path, const char *stmt);
/* The first column of the first row of a query. */
int	dbtest_count(const char *path, const char *stmt);
/* XOR one byte of a file with mask. */
void	dbtest_flip(const char *path, long off, int mask);

/*
 * Make an import's file (schema 8, its packs the record) one whose rows
 * are the record, as schema 7 and older wrote it: rows from the packs,
 * the packs made again from the rows, and no 'values' key.
 */
void	dbtest_unpack(const char *path);

/* The page number of a table's b-tree root. */
long	dbtest_root_page(const char *path, const char *table);

#endif
