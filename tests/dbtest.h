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
 * the packs made again from the rows, and no 'values' key.  Lines
 * become sources of their own first (dbtest_unline()).
 */
void	dbtest_unpack(const char *path);

/*
 * Make an import's file (schema 10: the data file one source, each
 * pack and context row its line) one as schema 9 and older wrote it: a
 * source row a line, named by the packs and rows, no line, and a
 * provenance letter a leaf.  The packs are sealed again; the sums of
 * source and context go stale, as after an edit.
 */
void	dbtest_unline(const char *path);
/*
 * Give every pack the checksum of what it holds now, as a writer
 * would: for tests that change a pack on purpose to reach a check
 * behind the checksum.
 */
void	dbtest_reseal(const char *path);

/*
 * How many leaves of all the value packs have that provenance letter
 * (CR_PACK_NONE: no value), whether a pack keeps a letter a leaf or
 * (schema 10) one for all.
 */
int	dbtest_letters(const char *path, char letter);

/* The page number of a table's b-tree root. */
long	dbtest_root_page(const char *path, const char *table);

#endif
