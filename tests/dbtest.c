/* Helpers for the tests that take SQLite files apart. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "checksum.h"
#include "dbtest.h"
#include "pack.h"
#include "xmalloc.h"

void
dbtest_copy(const char *from, const char *to)
{
	FILE	*in = fopen(from, "rb"), *out = fopen(to, "wb");
	char	 buf[8192];
	size_t	 n;

	assert_non_null(in);
	assert_non_null(out);
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		assert_int_equal(fwrite(buf, 1, n, out), n);
	fclose(in);
	fclose(out);
}

void
dbtest_sql(const char *path, const char *stmt)
{
	sqlite3	*h;
	char	*err = NULL;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	if (sqlite3_exec(h, stmt, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", stmt, err);
	sqlite3_close(h);
}

int
dbtest_count(const char *path, const char *stmt)
{
	sqlite3		*h;
	sqlite3_stmt	*st;
	int		 n;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, stmt, -1, &st, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return (n);
}

void
dbtest_flip(const char *path, long off, int mask)
{
	FILE	*fp = fopen(path, "r+b");
	int	 c;

	assert_non_null(fp);
	assert_int_equal(fseek(fp, off, SEEK_SET), 0);
	c = fgetc(fp);
	assert_int_not_equal(c, EOF);
	assert_int_equal(fseek(fp, off, SEEK_SET), 0);
	assert_int_not_equal(fputc(c ^ mask, fp), EOF);
	fclose(fp);
}

/* The page number of a table's b-tree root. */
long
dbtest_root_page(const char *path, const char *table)
{
	sqlite3		*h;
	sqlite3_stmt	*st;
	long		 pg;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT rootpage FROM "
	    "sqlite_master WHERE name = ?", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	pg = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return (pg);
}

/*
 * What a writer of schema 7 and older wrote: the values of every pack
 * as rows, the packs made again from them with the triggers that drop
 * them, and no 'values' key.  For tests that make an older file, or
 * one whose rows are the record, out of an import.
 */
void
dbtest_unpack(const char *path)
{
	sqlite3		*h;
	sqlite3_stmt	*leaf, *pack, *ins;
	sqlite3_int64	*leaf_id = NULL;
	enum cr_prov	 p;
	const char	*prov;
	size_t		 n = 0, i;
	char		*err = NULL;

	dbtest_unline(path);
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "BEGIN", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT id FROM node n WHERE "
	    "NOT EXISTS (SELECT 1 FROM node c WHERE c.parent = n.id) "
	    "ORDER BY id", -1, &leaf, NULL), SQLITE_OK);
	while (sqlite3_step(leaf) == SQLITE_ROW) {
		leaf_id = xreallocarray(leaf_id, n + 1, sizeof *leaf_id);
		leaf_id[n++] = sqlite3_column_int64(leaf, 0);
	}
	sqlite3_finalize(leaf);
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT entity, period, n, "
	    "value, provenance, source, sources FROM value_pack", -1, &pack,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "INSERT INTO value (entity, "
	    "node, period, value, provenance, source) VALUES (?, ?, ?, ?, ?, "
	    "?)", -1, &ins, NULL), SQLITE_OK);
	while (sqlite3_step(pack) == SQLITE_ROW) {
		assert_int_equal(sqlite3_column_int64(pack, 2), (long long)n);
		prov = (const char *)sqlite3_column_text(pack, 4);
		for (i = 0; i < n; i++) {
			if (cr_pack_prov(cr_pack_letter(prov, (size_t)
			    sqlite3_column_bytes(pack, 4),
			    sqlite3_column_blob(pack, 3), i), &p) != 0)
				continue;
			sqlite3_bind_int64(ins, 1,
			    sqlite3_column_int64(pack, 0));
			sqlite3_bind_int64(ins, 2, leaf_id[i]);
			sqlite3_bind_text(ins, 3, (const char *)
			    sqlite3_column_text(pack, 1), -1,
			    SQLITE_TRANSIENT);
			sqlite3_bind_double(ins, 4, cr_pack_value(
			    sqlite3_column_blob(pack, 3), i));
			sqlite3_bind_text(ins, 5, cr_prov_name(p), -1,
			    SQLITE_STATIC);
			sqlite3_bind_int64(ins, 6,
			    sqlite3_column_type(pack, 6) == SQLITE_NULL ?
			    sqlite3_column_int64(pack, 5) :
			    cr_pack_source(sqlite3_column_blob(pack, 6), i));
			assert_int_equal(sqlite3_step(ins), SQLITE_DONE);
			sqlite3_reset(ins);
		}
	}
	sqlite3_finalize(pack);
	sqlite3_finalize(ins);
	free(leaf_id);
	if (sqlite3_exec(h, "DELETE FROM value_pack; DROP TRIGGER IF EXISTS "
	    "value_pack_entity; DELETE FROM meta WHERE key = 'values'", NULL,
	    NULL, &err) != SQLITE_OK)
		fail_msg("%s", err);
	if (cr_pack_write(h, &err) != 0)
		fail_msg("%s", err);
	assert_int_equal(sqlite3_exec(h, "COMMIT", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(h);
}

/*
 * Each pack read whole (the columns of cr_pack_row_read(), the rowid in
 * place of the checksum), and one column set anew by bind(), which
 * binds parameter 1 of "UPDATE value_pack SET col = ?".
 */
static void
rewrite_packs(const char *path, const char *col,
    void (*bind)(sqlite3_stmt *up, sqlite3_stmt *pack))
{
	sqlite3		*h;
	sqlite3_stmt	*st, *up;
	char		*sql;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT entity, period, n, "
	    "value, provenance, source, sources, rowid, line FROM value_pack",
	    -1, &st, NULL), SQLITE_OK);
	sql = xasprintf("UPDATE value_pack SET %s = ? WHERE rowid = ?", col);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &up, NULL),
	    SQLITE_OK);
	free(sql);
	while (sqlite3_step(st) == SQLITE_ROW) {
		bind(up, st);
		sqlite3_bind_int64(up, 2, sqlite3_column_int64(st, 7));
		assert_int_equal(sqlite3_step(up), SQLITE_DONE);
		sqlite3_reset(up);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(up);
	sqlite3_close(h);
}

static void
bind_checksum(sqlite3_stmt *up, sqlite3_stmt *pack)
{
	struct cr_pack_row	r;

	cr_pack_row_read(pack, 0, &r);
	sqlite3_bind_int64(up, 1, cr_sum_to_i64(cr_pack_checksum(&r)));
}

void
dbtest_reseal(const char *path)
{
	rewrite_packs(path, "checksum", bind_checksum);
}

/* A pack's provenance as a letter a leaf, as schema 9 kept it. */
static void
bind_letters(sqlite3_stmt *up, sqlite3_stmt *pack)
{
	const char	*prov = (const char *)sqlite3_column_text(pack, 4);
	size_t		 n = (size_t)sqlite3_column_int64(pack, 2), i;
	size_t		 len = (size_t)sqlite3_column_bytes(pack, 4);
	char		*all = xmalloc(n + 1);

	for (i = 0; i < n; i++)
		all[i] = cr_pack_letter(prov, len, sqlite3_column_blob(pack,
		    3), i);
	sqlite3_bind_text(up, 1, all, (int)n, SQLITE_TRANSIENT);
	free(all);
}

int
dbtest_letters(const char *path, char letter)
{
	sqlite3		*h;
	sqlite3_stmt	*st;
	size_t		 n, i;
	int		 count = 0;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT n, value, provenance "
	    "FROM value_pack", -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		n = (size_t)sqlite3_column_int64(st, 0);
		for (i = 0; i < n; i++)
			count += cr_pack_letter((const char *)
			    sqlite3_column_text(st, 2), (size_t)
			    sqlite3_column_bytes(st, 2),
			    sqlite3_column_blob(st, 1), i) == letter;
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	return (count);
}

void
dbtest_unline(const char *path)
{
	dbtest_sql(path, "BEGIN; "
	    "INSERT OR IGNORE INTO source (text) "
	    "SELECT s.text || ' line ' || k.line FROM value_pack k, source s "
	    "WHERE s.id = k.source AND k.line IS NOT NULL UNION "
	    "SELECT s.text || ' line ' || c.line FROM context c, source s "
	    "WHERE s.id = c.source AND c.line IS NOT NULL; "
	    "UPDATE value_pack SET source = (SELECT n.id FROM source n, "
	    "source s WHERE s.id = value_pack.source AND n.text = s.text || "
	    "' line ' || value_pack.line), line = NULL WHERE line IS NOT NULL; "
	    "UPDATE context SET source = (SELECT n.id FROM source n, "
	    "source s WHERE s.id = context.source AND n.text = s.text || "
	    "' line ' || context.line), line = NULL WHERE line IS NOT NULL; "
	    "COMMIT");
	rewrite_packs(path, "provenance", bind_letters);
	dbtest_reseal(path);
}
