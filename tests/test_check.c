/*
 * cr_db_check(), for 'cityrank check': 0 for a clean file, 1 with what
 * and where for a damaged one, -1 when it cannot check; and no false
 * damage from SQLite 3.40's NULL reports on WITHOUT ROWID tables.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "db.h"
#include "dbtest.h"
#include "import.h"
#include "xmalloc.h"

static char	tmpdir[] = "/tmp/cityrank-test-check.XXXXXX";

static char *
tmp(const char *name)
{
	return (xasprintf("%s/%s", tmpdir, name));
}

/* Where a blob read by query is in the file. */
static long
find_blob(const char *path, const char *query)
{
	sqlite3		*h;
	sqlite3_stmt	*st;
	FILE		*fp;
	unsigned char	*buf;
	size_t		 len, n, i;
	long		 at = -1;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, query, -1, &st, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = (size_t)sqlite3_column_bytes(st, 0);
	fp = fopen(path, "rb");
	assert_non_null(fp);
	buf = xmalloc(1 << 20);
	len = fread(buf, 1, 1 << 20, fp);
	fclose(fp);
	for (i = 0; at < 0 && i + n <= len; i++)
		if (memcmp(buf + i, sqlite3_column_blob(st, 0), n) == 0)
			at = (long)i;
	free(buf);
	sqlite3_finalize(st);
	sqlite3_close(h);
	assert_true(at >= 0);
	return (at);
}

/* Check path: the return code it must give, and the report as text. */
static char *
check(const char *path, int want)
{
	char	*text = NULL, *why = NULL;
	size_t	 len = 0;
	FILE	*fp;
	int	 rc;

	fp = open_memstream(&text, &len);
	assert_non_null(fp);
	rc = cr_db_check(path, fp, &why);
	fclose(fp);
	if (rc != want)
		fail_msg("cr_db_check %d, not %d: %s%s", rc, want, text,
		    why != NULL ? why : "");
	if (rc == -1) {
		assert_non_null(why);
		free(text);
		return (why);
	}
	assert_null(why);
	return (text);
}

static void
expect_in(const char *text, const char *want)
{
	if (strstr(text, want) == NULL)
		fail_msg("'%s' lacks '%s'", text, want);
}

static char *
bundled_copy(void)
{
	char	*p = tmp("bundled.db");

	dbtest_copy(getenv("CITYRANK_DB"), p);
	return (p);
}

static void
test_clean(void **state)
{
	char	*p = bundled_copy(), *r;

	(void)state;
	r = check(p, 0);
	expect_in(r, "integrity_check: ok\n");
	/* Schema 7's target table has a sum too, and no row here. */
	expect_in(r, "checksums: 13 tables match, 0 stale");
	expect_in(r, ": 0 targets, each on a leaf\n");
	expect_in(r, "26 value packs agree with their rows and checksums");
	expect_in(r, ": clean\n");
	free(r);
	/* An edit is not damage: the sum is stale, the pack dropped. */
	dbtest_sql(p, "UPDATE preset SET name_en = 'Equal' WHERE code = 'equal'; "
	    "UPDATE value SET value = 50 WHERE entity = 1 AND "
	    "node = (SELECT id FROM node WHERE code = 'ai')");
	r = check(p, 0);
	expect_in(r, "12 tables match, 1 stale");
	expect_in(r, "25 value packs agree");
	free(r);
	unlink(p);
	free(p);
}

/*
 * A schema 3 file (mkdb at fb47d12) makes SQLite 3.40 report NULL in
 * value.value, .provenance and .source for every row: left out.
 */
static void
test_schema3_clean(void **state)
{
	char	*p = tmp("v3.db"), *v3, *r;

	(void)state;
	v3 = xasprintf("%s/tests/fixtures/schema3/cityrank-v3.db",
	    getenv("SRCDIR"));
	dbtest_copy(v3, p);
	r = check(p, 0);
	expect_in(r, "schema 3\n");
	expect_in(r, "26 value packs agree with their rows\n");
	free(r);
	/* A NULL that is really there is still reported. */
	dbtest_sql(p, "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = "
	    "replace(sql, 'value REAL NOT NULL', 'value REAL') "
	    "WHERE name = 'value'");
	dbtest_sql(p, "INSERT INTO value (entity, node, value, provenance, source, "
	    "period) VALUES (1, (SELECT max(id) FROM node), NULL, 'report', "
	    "1, 'x')");
	dbtest_sql(p, "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = "
	    "replace(sql, 'value REAL,', 'value REAL NOT NULL,') "
	    "WHERE name = 'value'");
	r = check(p, 1);
	expect_in(r, "integrity_check: NULL value in value.value\n");
	free(r);
	unlink(p);
	free(p);
	free(v3);
}

static void
test_flipped_pack(void **state)
{
	char	*p = bundled_copy(), *r;

	(void)state;
	dbtest_flip(p, find_blob(p, "SELECT value FROM value_pack ORDER BY "
	    "rowid LIMIT 1") + 3 * 8 + 6, 0x10);
	r = check(p, 1);
	expect_in(r, "value pack of shenzhen does not match its checksum\n");
	/* The fourth leaf, egov, one exponent bit off: half its value. */
	expect_in(r, "value pack of shenzhen: leaf egov: pack "
	    "39.899999999999999 reconstructed source 1, rows "
	    "79.799999999999997 reconstructed source 1\n");
	expect_in(r, "damaged: 2 problems\n");
	free(r);
	unlink(p);
	free(p);
}

/* A row gone without the trigger that drops its pack: the pack says so. */
static void
test_deleted_row(void **state)
{
	char	*p = bundled_copy(), *r;

	(void)state;
	dbtest_sql(p, "DROP TRIGGER value_pack_del; DELETE FROM value WHERE "
	    "entity = (SELECT id FROM entity WHERE code = 'beijing') AND "
	    "node = (SELECT id FROM node WHERE code = 'environment')");
	r = check(p, 1);
	expect_in(r, "value pack of beijing: leaf environment: a value in "
	    "the pack, none in the rows\n");
	free(r);
	unlink(p);
	free(p);
}

static void
test_corrupt_page(void **state)
{
	char	*p = bundled_copy(), *r;

	(void)state;
	/* The page type byte of the preset table's root. */
	dbtest_flip(p, (dbtest_root_page(p, "preset") - 1) * 4096, 0xff);
	r = check(p, 1);
	expect_in(r, "integrity_check: ");
	expect_in(r, "damaged");
	free(r);
	/* Page 1, the schema: SQLite fails at once, still damage. */
	dbtest_copy(getenv("CITYRANK_DB"), p);
	dbtest_flip(p, 100, 0xff);
	r = check(p, 1);
	expect_in(r, "malformed");
	free(r);
	unlink(p);
	free(p);
}

/*
 * A code read back as NULL (a damaged record's type byte can say so):
 * damage to report, not a NULL to hand to strdup.  flipcheck -c found
 * it, a flipped byte in the entity table's page crashing the check.
 */
static void
test_null_code(void **state)
{
	char	*p = bundled_copy(), *r;

	(void)state;
	dbtest_sql(p, "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = "
	    "replace(sql, 'code TEXT NOT NULL UNIQUE', 'code TEXT UNIQUE') "
	    "WHERE name = 'entity'");
	/* Behind the trigger's back, as damage is, not an edit. */
	dbtest_sql(p, "DROP TRIGGER checksum_entity_U; "
	    "UPDATE entity SET code = NULL WHERE id = 1");
	r = check(p, 1);
	expect_in(r, "table entity: content does not match its checksum\n");
	free(r);
	unlink(p);
	free(p);
}

/*
 * Numbers a hand edit stored where the loader wants finite ones: the
 * loader refuses each, naming the row, and sends the user here; so the
 * check must find it, not call the file clean.
 */
static void
test_not_finite(void **state)
{
	static const struct {
		const char *sql, *load, *report;
	} cases[] = {
		{ "UPDATE value SET value = 1e999 WHERE entity = (SELECT id "
		  "FROM entity WHERE code = 'wuhan') AND node = (SELECT id "
		  "FROM node WHERE code = 'economy')",
		  "value of wuhan at economy is not a finite number",
		  "1 value is not a finite number (the first: wuhan at "
		  "economy)\n" },
		{ "UPDATE value SET value = 'n/a' WHERE node = (SELECT id "
		  "FROM node WHERE code = 'transport')",
		  "at transport is not a finite number",
		  "26 values are not finite numbers (the first: " },
		{ "UPDATE context SET num = -1e999 WHERE entity = (SELECT id "
		  "FROM entity WHERE code = 'wuxi') AND num IS NOT NULL",
		  "context value of wuxi at ", "2 context values are not "
		  "finite numbers (the first: wuxi at " },
		{ "UPDATE published SET value = x'00' WHERE entity IS NULL",
		  "published figure of the data set at ",
		  "are not finite numbers (the first: the data set at " },
		{ "UPDATE preset_weight SET weight = 'heavy' WHERE node = "
		  "(SELECT id FROM node WHERE code = 'innovation')",
		  "weight of innovation is not a finite number",
		  "preset weight" },
		{ "UPDATE node SET weight = 'x' WHERE code = 'security'",
		  "the weight of node 'security' is not a finite number",
		  "1 node weight is not a finite number (the first: "
		  "security)\n" },
	};
	struct cr_dataset	*ds = NULL;
	char			*p, *r, *why = NULL;
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		p = bundled_copy();
		dbtest_sql(p, cases[i].sql);
		if (cr_db_load(p, &ds, &why) != -1)
			fail_msg("case %zu loaded", i);
		assert_null(ds);
		expect_in(why, cases[i].load);
		expect_in(why, "run 'cityrank check'");
		free(why);
		why = NULL;
		r = check(p, 1);
		expect_in(r, cases[i].report);
		free(r);
		unlink(p);
		free(p);
	}
}

/*
 * SQLite quotes a damaged schema in its message, newlines and escapes
 * too: every cause and report line must still be one visible line.
 * fuzz_db found a load cause of two lines this way.
 */
static void
test_message_one_line(void **state)
{
	struct cr_dataset	*ds = NULL;
	char			*p = bundled_copy(), *r, *why = NULL, *nl;

	(void)state;
	dbtest_sql(p, "PRAGMA writable_schema = ON; UPDATE sqlite_master SET "
	    "sql = 'CREATE TABLE published (x ''ab' || char(10) || 'cd' || "
	    "char(27) || '[31m)' WHERE name = 'published'");
	assert_int_equal(cr_db_load(p, &ds, &why), -1);
	assert_null(strchr(why, '\n'));
	assert_null(strchr(why, '\033'));
	expect_in(why, "ab^Jcd^[[31m");
	free(why);
	r = check(p, 1);
	/* Every line of the report names the file. */
	for (nl = r; *nl != '\0'; nl = strchr(nl, '\n') + 1) {
		if (strncmp(nl, p, strlen(p)) != 0)
			fail_msg("a report line without the file: %s", nl);
		if (strchr(nl, '\n') == NULL)
			break;
	}
	assert_null(strchr(r, '\033'));
	free(r);
	unlink(p);
	free(p);
}

static void
test_cannot_check(void **state)
{
	char	*p = tmp("foreign.db"), *r;

	(void)state;
	dbtest_sql(p, "CREATE TABLE t (x)");
	r = check(p, -1);
	expect_in(r, "not a cityrank data set");
	free(r);
	unlink(p);
	r = check(p, -1);
	expect_in(r, "No such file");
	free(r);
	free(p);
}

/* ASEM's one year imported: a file whose packs are the record. */
static char *
import_copy(const char *name)
{
	struct cr_import	*imp;
	char			*d, *m, *out = tmp(name), *why = NULL;

	d = xasprintf("%s/tests/fixtures/coinr-asem/ASEM_iData.csv",
	    getenv("SRCDIR"));
	m = xasprintf("%s/tests/fixtures/coinr-asem/ASEM_iMeta.csv",
	    getenv("SRCDIR"));
	imp = cr_import_read(d, m);
	assert_int_equal(imp->n_errors, 0);
	if (cr_import_write(imp, out, 1, &why) != 0)
		fail_msg("%s", why);
	cr_import_free(imp);
	free(d);
	free(m);
	return (out);
}

/*
 * Schema 9: a raw table's zlib stream that does not read whole is
 * damage, also where an edit left its checksum stale (no sum to tell).
 */
static void
test_raw_stream(void **state)
{
	static const struct {
		const char	*sql, *says;
	} cases[] = {
		{ "substr(content, 1, length(content) - 1) || X'00'",
		    "raw table ASEM_iData.csv is not a zlib stream (incorrect "
		    "data check)\n" },
		{ "substr(content, 1, 100)",
		    "raw table ASEM_iData.csv ends before its zlib stream "
		    "does\n" },
		{ "content || X'00'",
		    "raw table ASEM_iData.csv has bytes after its zlib "
		    "stream\n" },
	};
	char	*p, *r, *q;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		p = import_copy("raw.db");
		q = xasprintf("UPDATE raw_input SET content = %s WHERE name = "
		    "'data'; UPDATE checksum SET xxh3 = NULL WHERE name = "
		    "'raw_input'", cases[i].sql);
		dbtest_sql(p, q);
		r = check(p, 1);
		expect_in(r, cases[i].says);
		expect_in(r, ": damaged: 1 problem\n");
		free(r);
		unlink(p);
		free(p);
		free(q);
	}
}

/*
 * Schema 8: no rows to compare the packs with.  Clean is every pack
 * matching its checksum and fitting; an edit over a pack is no damage.
 */
static void
test_record_clean(void **state)
{
	char	*p = import_copy("rec.db"), *r;

	(void)state;
	r = check(p, 0);
	expect_in(r, "cityrank data set, schema 10\n");
	expect_in(r, ": the values' record: the value packs (rows in value "
	    "are edits over them)\n");
	expect_in(r, ": 51 value packs match their checksums and fit the "
	    "framework\n");
	expect_in(r, ": 0 values edited over the packs\n");
	expect_in(r, ": raw tables: 2, each read whole\n");
	expect_in(r, ": clean\n");
	assert_null(strstr(r, "agree with their rows"));
	free(r);
	dbtest_sql(p, "INSERT INTO value (entity, node, period, value, "
	    "provenance, source) SELECT e.id, n.id, '2018', 3.5, 'estimated', "
	    "1 FROM entity e, node n WHERE e.code = 'DEU' AND n.code = 'LPI'");
	r = check(p, 0);
	expect_in(r, ": 51 value packs match their checksums and fit the "
	    "framework\n");
	expect_in(r, ": 1 value edited over the packs\n");
	expect_in(r, ": clean\n");
	free(r);
	unlink(p);
	free(p);
}

/*
 * Schema 10: a line that is not a line number, or one beside a sources
 * blob, is what the loader refuses, and the check says so, with the
 * packs sealed again as a writer would have.
 */
static void
test_record_lines(void **state)
{
	struct cr_dataset	*ds;
	char	*p = import_copy("recl.db"), *q = tmp("recl2.db"), *r;
	char	*why = NULL;

	(void)state;
	dbtest_copy(p, q);
	dbtest_sql(p, "PRAGMA ignore_check_constraints = ON; UPDATE "
	    "value_pack SET line = 0 WHERE entity = (SELECT id FROM entity "
	    "WHERE code = 'FIN')");
	dbtest_reseal(p);
	assert_int_equal(cr_db_load(p, &ds, &why), -1);
	expect_in(why, "a value pack is corrupt");
	free(why);
	why = NULL;
	r = check(p, 1);
	expect_in(r, ": 1 line is not a line number (the first: FIN)\n");
	free(r);
	dbtest_copy(q, p);
	dbtest_sql(p, "UPDATE value_pack SET sources = zeroblob(8 * n) WHERE "
	    "entity = (SELECT id FROM entity WHERE code = 'AUT')");
	dbtest_reseal(p);
	r = check(p, 1);
	expect_in(r, ": 1 value pack names a line beside a sources blob (the "
	    "first: AUT)\n");
	free(r);
	dbtest_copy(q, p);
	dbtest_sql(p, "PRAGMA ignore_check_constraints = ON; DROP TRIGGER "
	    "checksum_context_U; UPDATE context SET line = 'x' WHERE entity = "
	    "(SELECT min(entity) FROM context) AND var = (SELECT min(var) "
	    "FROM context); UPDATE checksum SET xxh3 = NULL WHERE name = "
	    "'context'");
	assert_int_equal(cr_db_load(p, &ds, &why), -1);
	expect_in(why, "a context value names a line that is not one");
	free(why);
	r = check(p, 1);
	expect_in(r, ": 1 line is not a line number (the first: AUT)\n");
	free(r);
	unlink(p);
	unlink(q);
	free(p);
	free(q);
}

/*
 * Schema 8: a flipped bit in a pack, a pack gone, one that does not fit
 * or holds no provenance: damage, each named.  AUT is the first row of
 * ASEM_iData.csv and so the first pack; LPI its first leaf.
 */
static void
test_record_damaged(void **state)
{
	char	*p = import_copy("recd.db"), *q = tmp("recd2.db"), *r;

	(void)state;
	dbtest_copy(p, q);
	dbtest_flip(p, find_blob(p, "SELECT value FROM value_pack ORDER BY "
	    "rowid LIMIT 1") + 6, 0x10);
	r = check(p, 1);
	expect_in(r, "value pack of AUT (period 2018) does not match its "
	    "checksum\n");
	expect_in(r, "damaged: 1 problem\n");
	free(r);
	dbtest_copy(q, p);
	dbtest_sql(p, "DELETE FROM value_pack WHERE entity = (SELECT id FROM "
	    "entity WHERE code = 'FIN')");
	r = check(p, 1);
	expect_in(r, ": no value pack of FIN (period 2018): the file was "
	    "edited or damaged\n");
	expect_in(r, "damaged: 1 problem\n");
	free(r);
	dbtest_copy(q, p);
	dbtest_sql(p, "UPDATE value_pack SET provenance = 'x' || "
	    "substr(provenance, 2) WHERE entity = (SELECT id FROM entity "
	    "WHERE code = 'AUT')");
	r = check(p, 1);
	expect_in(r, "value pack of AUT (period 2018) does not match its "
	    "checksum\n");
	expect_in(r, "value pack of AUT (period 2018): leaf LPI has no "
	    "provenance\n");
	free(r);
	dbtest_copy(q, p);
	dbtest_sql(p, "UPDATE value_pack SET n = 48 WHERE entity = (SELECT "
	    "id FROM entity WHERE code = 'HUN')");
	r = check(p, 1);
	expect_in(r, "value pack of HUN (period 2018) does not fit the "
	    "framework (48 leaves, not 49): the file was edited or damaged\n");
	free(r);
	dbtest_copy(q, p);
	dbtest_sql(p, "UPDATE meta SET value = 'cells' WHERE key = 'values'");
	r = check(p, 1);
	expect_in(r, "meta: the values are kept as 'cells', which this "
	    "cityrank does not know\n");
	free(r);
	unlink(q);
	unlink(p);
	free(q);
	free(p);
}

/* Schema 8: an edit the loader would refuse is a problem, named. */
static void
test_record_bad_override(void **state)
{
	static const struct {
		const char *node, *period, *value, *prov, *report;
	} cases[] = {
		{ "Conn", "2018", "1", "user", "the edited value of DEU at "
		  "Conn: Conn is not a leaf\n" },
		{ "LPI", "2018", "1", "guessed", "the edited value of DEU at "
		  "LPI has an unknown provenance\n" },
		{ "LPI", "1999", "1", "user", "the edited value of DEU at LPI "
		  "is of a period the data set does not have\n" },
		{ "LPI", "2018", "9e999", "user", "1 value is not a finite "
		  "number (the first: DEU at LPI)\n" },
	};
	char	*p = import_copy("reco.db"), *q = tmp("reco2.db"), *r, *sql;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		dbtest_copy(p, q);
		sql = xasprintf("PRAGMA ignore_check_constraints = ON; "
		    "INSERT INTO value (entity, node, period, value, "
		    "provenance, source) SELECT e.id, n.id, '%s', %s, '%s', 1 "
		    "FROM entity e, node n WHERE e.code = 'DEU' AND "
		    "n.code = '%s'", cases[i].period, cases[i].value,
		    cases[i].prov, cases[i].node);
		dbtest_sql(q, sql);
		free(sql);
		r = check(q, 1);
		expect_in(r, cases[i].report);
		expect_in(r, "damaged: 1 problem\n");
		free(r);
	}
	unlink(q);
	unlink(p);
	free(q);
	free(p);
}

static int
setup(void **state)
{
	(void)state;
	cr_db_init();
	return (mkdtemp(tmpdir) == NULL ? -1 : 0);
}

static int
teardown(void **state)
{
	(void)state;
	return (rmdir(tmpdir));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_schema3_clean),
		cmocka_unit_test(test_flipped_pack),
		cmocka_unit_test(test_deleted_row),
		cmocka_unit_test(test_corrupt_page),
		cmocka_unit_test(test_null_code),
		cmocka_unit_test(test_not_finite),
		cmocka_unit_test(test_message_one_line),
		cmocka_unit_test(test_cannot_check),
		cmocka_unit_test(test_record_clean),
		cmocka_unit_test(test_raw_stream),
		cmocka_unit_test(test_record_damaged),
		cmocka_unit_test(test_record_lines),
		cmocka_unit_test(test_record_bad_override),
	};

	return (cmocka_run_group_tests(tests, setup, teardown));
}
