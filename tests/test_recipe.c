/*
 * A scenario's own preparation recipe (session_set_recipe()): the data
 * prepared again from the raw tables the file keeps must be what an
 * import with the same steps writes, value for value, with the same
 * provenance and sources, and score the same to the bit.  The import
 * here is made with the import's own option parsers, not the recipe's
 * line; undo goes back to the file's data; a recipe that fails changes
 * nothing.
 */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "dbtest.h"
#include "import.h"
#include "session.h"
#include "slurp.h"
#include "xmalloc.h"

static char	tmpdir[] = "/tmp/cityrank-test-recipe.XXXXXX";
static char	*raw_db, *data_csv, *meta_csv;

/* Steps as import's options: NULL for an option not given. */
struct steps {
	int		 denominate;
	const char	*impute, *screen, *treat;
	const char	*recipe;	/* the same as one line */
};

static const struct steps cases[] = {
	{ 0, "mean", NULL, NULL, "impute mean" },
	{ 0, "median", NULL, "winsorise:3", "treat winsorise:3; impute "
	    "median" },
	{ 1, NULL, "0.95", NULL, "screen 0.95;denominate" },
	{ 1, "mean_group:EurAsia_group", "0.9", "winsorise:5",
	    "denominate; impute mean_group:EurAsia_group; screen 0.9; "
	    "treat winsorise:5" },
	{ 0, NULL, NULL, NULL, "none" },
};

static struct session *
open_file(const char *path)
{
	struct session	*s;
	char		*why = NULL;

	if (session_open(path, NULL, &s, &why) != 0)
		fail_msg("%s", why);
	session_set_store(s, NULL);
	return (s);
}

/* What 'cityrank import' with those options writes, opened. */
static struct session *
imported(const struct steps *st, const char *out)
{
	struct cr_import	*imp;
	struct cr_prep_spec	 spec;
	char			*why = NULL;

	cr_prep_spec_init(&spec);
	spec.denominate = st->denominate;
	assert_true(st->impute == NULL ||
	    cr_prep_parse_impute(&spec, st->impute, &why) == 0);
	assert_true(st->screen == NULL ||
	    cr_prep_parse_screen(&spec, st->screen, &why) == 0);
	assert_true(st->treat == NULL ||
	    cr_prep_parse_treat(&spec, st->treat, &why) == 0);
	imp = cr_import_read(data_csv, meta_csv);
	assert_int_equal(imp->n_errors, 0);
	if (cr_prep_any(&spec) && cr_import_prepare(imp, &spec, &why) != 0)
		fail_msg("%s", why);
	if (cr_import_write(imp, out, 1, &why) != 0)
		fail_msg("%s", why);
	cr_import_free(imp);
	cr_prep_spec_free(&spec);
	return (open_file(out));
}

/* Bit for bit: units, values, provenance, sources, every score. */
static void
assert_same_data(struct session *a, struct session *b)
{
	const struct cr_model	*m = a->ds->model, *n = b->ds->model;
	size_t			 e, k;

	assert_int_equal(m->n_entities, n->n_entities);
	assert_int_equal(m->n_leaves, n->n_leaves);
	assert_string_equal(a->ds->prep, b->ds->prep);
	for (e = 0; e < m->n_entities; e++) {
		assert_string_equal(m->entities[e].code, n->entities[e].code);
		for (k = 0; k < m->n_leaves; k++) {
			assert_memory_equal(&m->raw[e * m->n_leaves + k],
			    &n->raw[e * m->n_leaves + k], sizeof *m->raw);
			assert_int_equal(cr_model_prov_at(m, e * m->n_leaves + k),
			    cr_model_prov_at(n, e * m->n_leaves + k));
			assert_string_equal(cr_dataset_value_source(a->ds,
			    (int)e, (int)k), cr_dataset_value_source(b->ds,
			    (int)e, (int)k));
		}
		for (k = 0; k < m->n_nodes; k++)
			assert_memory_equal(&(double){ cr_scores_score(
			    a->scores, (int)e, (int)k) }, &(double){
			    cr_scores_score(b->scores, (int)e, (int)k) },
			    sizeof(double));
	}
}

static void
test_same_as_import(void **state)
{
	struct session	*s, *t;
	char		*out = xasprintf("%s/imported.db", tmpdir);
	char		*why = NULL;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		s = open_file(raw_db);
		t = imported(&cases[i], out);
		if (session_set_recipe(s, cases[i].recipe, &why) < 0)
			fail_msg("%s: %s", cases[i].recipe, why);
		assert_same_data(s, t);
		/* The override is said as its line, in the steps' order. */
		assert_string_equal(session_recipe(s), *t->ds->prep != '\0' ?
		    t->ds->prep : "none");
		assert_int_equal(s->recipe == NULL, i == 4);
		session_free(s);
		session_free(t);
	}
	unlink(out);
	free(out);
}

/* The bundled-like file keeps its recipe; undo comes back to it. */
static void
test_undo_and_failures(void **state)
{
	struct session	*s, *t, *u;
	char		*out = xasprintf("%s/full.db", tmpdir);
	char		*out2 = xasprintf("%s/plain.db", tmpdir);
	char		*why = NULL;
	double		*before;
	size_t		 n, i;
	int		 rc;

	(void)state;
	s = imported(&cases[3], out);
	t = imported(&cases[4], out2);
	u = imported(&cases[3], out);
	n = s->ds->model->n_entities;
	before = xcalloc(n, sizeof *before);
	for (i = 0; i < n; i++)
		before[i] = cr_scores_score(s->scores, (int)i, 0);
	/* The file's own recipe, said again: nothing to do. */
	assert_int_equal(session_set_recipe(s, cases[3].recipe, &why), 1);
	assert_int_equal(session_set_recipe(s, "none", &why), 0);
	assert_true(session_modified(s));
	assert_same_data(s, t);
	assert_int_equal(session_undo(s, &why), 0);
	assert_null(s->recipe);
	assert_false(session_modified(s));
	assert_same_data(s, u);
	assert_int_equal(session_redo(s, &why), 0);
	assert_same_data(s, t);
	assert_int_equal(session_undo(s, &why), 0);
	/* Not a recipe, not this data's: a usage slip, nothing changed. */
	rc = session_set_recipe(s, "impute mean_group:Nope", &why);
	assert_int_equal(rc, -2);
	assert_non_null(strstr(why, "Nope"));
	free(why);
	rc = session_set_recipe(s, "screen 2", &why);
	assert_int_equal(rc, -2);
	assert_non_null(strstr(why, "screen"));
	free(why);
	assert_null(s->recipe);
	assert_int_equal(s->n_undo, 0);
	for (i = 0; i < n; i++)
		assert_memory_equal(&before[i], &(double){ cr_scores_score(
		    s->scores, (int)i, 0) }, sizeof(double));
	session_free(s);
	session_free(t);
	session_free(u);
	/* A data set that was not imported keeps no raw tables. */
	s = open_file(getenv("CITYRANK_DB"));
	assert_int_equal(session_set_recipe(s, "impute mean", &why), -2);
	assert_non_null(strstr(why, "was not imported"));
	free(why);
	assert_null(s->recipe);
	session_free(s);
	unlink(out);
	unlink(out2);
	free(out);
	free(out2);
	free(before);
}

/* A copy of the raw import as NAME in the scratch directory, then sql. */
static char *
copy_changed(const char *name, const char *sql)
{
	sqlite3	*h;
	char	*path = xasprintf("%s/%s", tmpdir, name), *cmd;

	cmd = xasprintf("cp '%s' '%s'", raw_db, path);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	/* Every caller makes an older file: schema 9 and older had no line. */
	dbtest_unline(path);
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	return (path);
}

/* A schema 5 file (no raw tables) loads as it did; its recipe stays. */
static void
test_schema5(void **state)
{
	struct session	*s;
	char		*old, *why = NULL;

	(void)state;
	old = copy_changed("old.db", "DROP TABLE raw_input; DELETE FROM "
	    "checksum WHERE name = 'raw_input'; PRAGMA user_version = 5");
	s = open_file(old);
	assert_int_equal(s->ds->model->n_entities, 51);
	assert_int_equal(session_set_recipe(s, "impute mean", &why), -2);
	assert_non_null(strstr(why, "keeps no raw values"));
	free(why);
	assert_null(s->recipe);
	session_free(s);
	unlink(old);
	free(old);
}

/*
 * The raw tables are checked when a recipe reads them, not at each
 * load (at 100,000 units they are the size of the CSV): damage there
 * leaves the file open and refuses the recipe, changing nothing.
 */
static void
test_raw_damaged(void **state)
{
	struct session	*s;
	char		*bad, *why = NULL;
	const void	*before;

	(void)state;
	/* A byte cut, and the sum put back as if nothing wrote it. */
	bad = copy_changed("bad.db", "CREATE TEMP TABLE k AS SELECT xxh3 "
	    "FROM checksum WHERE name = 'raw_input'; UPDATE raw_input SET "
	    "content = substr(content, 1, length(content) - 1) WHERE "
	    "name = 'data'; UPDATE checksum SET xxh3 = (SELECT xxh3 FROM "
	    "k) WHERE name = 'raw_input'");
	s = open_file(bad);
	before = s->ds;
	assert_int_equal(session_set_recipe(s, "impute mean", &why), -1);
	assert_non_null(strstr(why, "table raw_input is damaged"));
	free(why);
	assert_null(s->recipe);
	assert_ptr_equal(s->ds, before);
	session_free(s);
	unlink(bad);
	free(bad);
}

/*
 * A raw table whose zlib stream is damaged, under a sum an edit made
 * stale (so that the checksum cannot tell): refused by the inflating,
 * which names the table, and the file stays open as it was.
 */
static void
test_raw_stream_damaged(void **state)
{
	static const char *const sql[] = {
		/* the stream's own check (Adler-32) is wrong */
		"UPDATE raw_input SET content = substr(content, 1, "
		"length(content) - 1) || X'00' WHERE name = 'data'",
		/* it ends early */
		"UPDATE raw_input SET content = substr(content, 1, "
		"length(content) / 2) WHERE name = 'data'",
		/* the bytes as read, not deflated, in a schema 9 file */
		"UPDATE raw_input SET content = CAST('uCode,uName' AS BLOB) "
		"WHERE name = 'data'",
	};
	struct session	*s;
	char		*bad, *why = NULL, *q;
	const void	*before;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof sql / sizeof sql[0]; i++) {
		q = xasprintf("%s; UPDATE checksum SET xxh3 = NULL WHERE "
		    "name = 'raw_input'", sql[i]);
		bad = copy_changed("bad.db", q);
		s = open_file(bad);
		before = s->ds;
		assert_int_equal(session_set_recipe(s, "impute mean", &why),
		    -1);
		if (strstr(why, "the raw table ASEM_iData.csv ") == NULL)
			fail_msg("case %zu: %s", i, why);
		free(why);
		assert_null(s->recipe);
		assert_ptr_equal(s->ds, before);
		session_free(s);
		unlink(bad);
		free(bad);
		free(q);
	}
}

/*
 * A schema 8 file keeps its raw tables as the bytes read, not deflated:
 * it prepares again as it did, the same to the bit as a file of today.
 */
static void
test_schema8_plain(void **state)
{
	const char	*csv[2] = { data_csv, meta_csv };
	const char	*name[2] = { "data", "meta" };
	struct session	*s, *t;
	sqlite3		*h;
	sqlite3_stmt	*st;
	char		*old, *bytes, *why = NULL;
	size_t		 len;
	int		 i;

	(void)state;
	old = copy_changed("old8.db", "UPDATE checksum SET xxh3 = NULL "
	    "WHERE name = 'raw_input'; PRAGMA user_version = 8");
	assert_int_equal(sqlite3_open(old, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "UPDATE raw_input SET "
	    "content = ? WHERE name = ?", -1, &st, NULL), SQLITE_OK);
	for (i = 0; i < 2; i++) {
		bytes = slurp(csv[i], &len);
		sqlite3_bind_blob(st, 1, bytes, (int)len, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, name[i], -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(st), SQLITE_DONE);
		assert_int_equal(sqlite3_changes(h), 1);
		sqlite3_reset(st);
		free(bytes);
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	s = open_file(old);
	t = open_file(raw_db);
	assert_int_equal(session_set_recipe(s, "impute mean; treat "
	    "winsorise:3", &why), 0);
	assert_int_equal(session_set_recipe(t, "impute mean; treat "
	    "winsorise:3", &why), 0);
	assert_same_data(s, t);
	session_free(s);
	session_free(t);
	unlink(old);
	free(old);
}

static int
setup(void **state)
{
	struct cr_import	*imp;
	char			*why = NULL;

	(void)state;
	cr_db_init();
	if (mkdtemp(tmpdir) == NULL)
		return (-1);
	data_csv = xasprintf("%s/tests/fixtures/coinr-asem/ASEM_iData.csv",
	    getenv("SRCDIR"));
	meta_csv = xasprintf("%s/tests/fixtures/coinr-asem/ASEM_iMeta.csv",
	    getenv("SRCDIR"));
	raw_db = xasprintf("%s/raw.db", tmpdir);
	imp = cr_import_read(data_csv, meta_csv);
	if (imp->n_errors != 0 || cr_import_write(imp, raw_db, 1, &why) != 0)
		return (-1);
	cr_import_free(imp);
	return (0);
}

static int
teardown(void **state)
{
	(void)state;
	unlink(raw_db);
	free(raw_db);
	free(data_csv);
	free(meta_csv);
	return (rmdir(tmpdir));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_as_import),
		cmocka_unit_test(test_undo_and_failures),
		cmocka_unit_test(test_schema5),
		cmocka_unit_test(test_raw_damaged),
		cmocka_unit_test(test_raw_stream_damaged),
		cmocka_unit_test(test_schema8_plain),
	};

	return (cmocka_run_group_tests(tests, setup, teardown));
}
