/*
 * The scenario store: what is saved comes back the same, a failed
 * change changes nothing, and a file that is newer, foreign, damaged,
 * locked, unwritable or on a full disk gives one clear line and is left
 * as it was.
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/time.h>

#include <errno.h>
#include <ftw.h>
#include <math.h>
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
#include "db_priv.h"
#include "saved.h"
#include "store.h"
#include "dbtest.h"
#include "xmalloc.h"

static char	tmpdir[] = "/tmp/cityrank-test-store.XXXXXX";

/* The scenarios file in a new, not yet existing directory of tmpdir. */
static char *
fresh(const char *name)
{
	return (xasprintf("%s/%s/cityrank/scenarios.db", tmpdir, name));
}

static int
exists(const char *path)
{
	struct stat	sb;

	return (stat(path, &sb) == 0);
}

static void
write_bytes(const char *path, const void *buf, size_t len)
{
	FILE	*fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(buf, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

static char *
read_bytes(const char *path, size_t *len)
{
	FILE	*fp = fopen(path, "rb");
	char	*buf = NULL;
	size_t	 n = 0, got;

	assert_non_null(fp);
	for (;;) {
		buf = xreallocarray(buf, n + 4096, 1);
		if ((got = fread(buf + n, 1, 4096, fp)) == 0)
			break;
		n += got;
	}
	fclose(fp);
	*len = n;
	return (buf);
}

/* The file holds exactly these bytes, and no journal lies beside it. */
static void
assert_bytes(const char *path, const char *want, size_t len)
{
	char	*got, *journal;
	size_t	 n;

	got = read_bytes(path, &n);
	assert_int_equal(n, len);
	assert_memory_equal(got, want, len);
	free(got);
	journal = xasprintf("%s-journal", path);
	assert_false(exists(journal));
	free(journal);
}

/* A scenario with n weights that depend on its name. */
static struct cr_saved *
sample(const char *name, size_t n)
{
	struct cr_saved	*s = cr_saved_new();
	char		 code[32];
	size_t		 i;

	cr_saved_set(&s->name, name);
	cr_saved_set(&s->note, "a note, 中文 too");
	cr_saved_set(&s->dataset, "0123abcd");
	cr_saved_set(&s->title, "Test data");
	cr_saved_set(&s->period, "2020");
	s->norm = CR_NORM_MINMAX;
	s->norm_lo = -5;
	s->norm_hi = 10.25;
	s->agg = CR_AGG_GEOM;
	for (i = 0; i < n; i++) {
		snprintf(code, sizeof code, "node%zu", i);
		assert_int_equal(cr_saved_add(s, code,
		    (double)(i * 7 % 13) / 3 + strlen(name), NULL), 0);
	}
	return (s);
}

static void
assert_same(const struct cr_saved *a, const struct cr_saved *b)
{
	size_t	i;

	assert_string_equal(a->name, b->name);
	assert_string_equal(a->note, b->note);
	assert_string_equal(a->dataset, b->dataset);
	assert_string_equal(a->title, b->title);
	assert_string_equal(a->period, b->period);
	assert_int_equal(a->norm, b->norm);
	assert_true(a->norm_lo == b->norm_lo);
	assert_true(a->norm_hi == b->norm_hi);
	assert_int_equal(a->agg, b->agg);
	assert_int_equal(a->n, b->n);
	for (i = 0; i < a->n; i++) {
		assert_string_equal(a->code[i], b->code[i]);
		assert_true(a->weight[i] == b->weight[i]);
	}
}

static struct cr_store *
open_ok(const char *path)
{
	struct cr_store	*st = NULL;
	char		*why = NULL;

	if (cr_store_open(path, &st, &why) != 0)
		fail_msg("%s", why);
	return (st);
}

static void
save_ok(struct cr_store *st, const char *name, size_t n)
{
	struct cr_saved	*s = sample(name, n);
	char		*why = NULL;

	if (cr_store_save(st, s, 0, &why) != 0)
		fail_msg("%s", why);
	cr_saved_free(s);
}

/*
 * The call failed with a cause holding want (and starting with path,
 * when given).  The cause is passed by address, as the call sets it.
 */
static void
assert_cause(int rc, char **why, const char *want, const char *path)
{
	assert_int_equal(rc, -1);
	assert_non_null(*why);
	if (strstr(*why, want) == NULL)
		fail_msg("'%s' does not say '%s'", *why, want);
	if (path != NULL && strncmp(*why, path, strlen(path)) != 0)
		fail_msg("'%s' does not name %s", *why, path);
	assert_null(strchr(*why, '\n'));
	free(*why);
	*why = NULL;
}

static void
assert_load_fails(struct cr_store *st, const char *name, const char *want,
    const char *path)
{
	struct cr_saved	*s = NULL;
	char		*why = NULL;

	assert_cause(cr_store_load(st, name, &s, &why), &why, want, path);
	assert_null(s);
}

static void
assert_names(struct cr_store *st, const char *const *want)
{
	struct cr_saved	**list;
	size_t		  n, i;
	char		 *why = NULL;

	if (cr_store_list(st, &list, &n, &why) != 0)
		fail_msg("%s", why);
	for (i = 0; want[i] != NULL; i++) {
		assert_true(i < n);
		assert_string_equal(list[i]->name, want[i]);
	}
	assert_int_equal(n, i);
	cr_store_list_free(list, n);
}

static void
test_default_path(void **state)
{
	char	*old_xdg, *old_home, *p;

	(void)state;
	old_xdg = getenv("XDG_DATA_HOME") != NULL ?
	    xstrdup(getenv("XDG_DATA_HOME")) : NULL;
	old_home = getenv("HOME") != NULL ? xstrdup(getenv("HOME")) : NULL;

	setenv("XDG_DATA_HOME", "/x/data", 1);
	setenv("HOME", "/home/u", 1);
	p = cr_store_default_path();
	assert_string_equal(p, "/x/data/cityrank/scenarios.db");
	free(p);
	/* A relative XDG_DATA_HOME is ignored, as the spec says. */
	setenv("XDG_DATA_HOME", "rel/data", 1);
	p = cr_store_default_path();
	assert_string_equal(p, "/home/u/.local/share/cityrank/scenarios.db");
	free(p);
	setenv("XDG_DATA_HOME", "", 1);
	p = cr_store_default_path();
	assert_string_equal(p, "/home/u/.local/share/cityrank/scenarios.db");
	free(p);
	unsetenv("XDG_DATA_HOME");
	unsetenv("HOME");
	assert_null(cr_store_default_path());
	setenv("HOME", "", 1);
	assert_null(cr_store_default_path());

	if (old_xdg != NULL)
		setenv("XDG_DATA_HOME", old_xdg, 1);
	if (old_home != NULL)
		setenv("HOME", old_home, 1);
	else
		unsetenv("HOME");
	free(old_xdg);
	free(old_home);
}

/* A missing file is an empty store, and only a save creates it. */
static void
test_missing(void **state)
{
	char		*path = fresh("missing"), *dir, *why = NULL;
	struct cr_store	*st = open_ok(path);
	struct cr_saved	*s = NULL, *bad;
	struct stat	 sb;
	static const char *const none[] = { NULL };

	(void)state;
	assert_string_equal(cr_store_path(st), path);
	assert_names(st, none);
	assert_load_fails(st, "x", "no scenario named 'x'", NULL);
	assert_int_equal(cr_store_load_last(st, "0123abcd", &s, &why), 1);
	assert_null(s);
	assert_cause(cr_store_delete(st, "x", &why), &why,
	    "no scenario named 'x'", NULL);
	assert_cause(cr_store_rename(st, "x", "y", &why), &why,
	    "no scenario named 'x'", NULL);
	/* A save refused before any write makes nothing either. */
	bad = sample("", 1);
	assert_int_equal(cr_store_save(st, bad, 0, &why), -1);
	free(why);
	cr_saved_free(bad);
	dir = xasprintf("%s/missing", tmpdir);
	assert_false(exists(dir));

	save_ok(st, "first", 3);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	free(dir);
	dir = xasprintf("%s/missing/cityrank", tmpdir);
	assert_int_equal(stat(dir, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	assert_int_equal(dbtest_count(path, "PRAGMA application_id"),
	    CR_STORE_APPLICATION_ID);
	assert_int_equal(dbtest_count(path, "PRAGMA user_version"),
	    CR_STORE_SCHEMA_VERSION);
	cr_store_close(st);
	free(dir);
	free(path);
}

static void
test_round_trip(void **state)
{
	char		*path = fresh("trip"), *why = NULL;
	struct cr_store	*st = open_ok(path);
	struct cr_saved	*s = sample("深圳 first", 40), *got = NULL;
	int		 f[6];
	char		 z;

	(void)state;
	assert_int_equal(cr_store_save(st, s, 0, &why), 0);
	cr_store_close(st);
	/* Read back by another opener, not from any cache. */
	st = open_ok(path);
	assert_int_equal(cr_store_load(st, "深圳 first", &got, &why), 0);
	assert_same(s, got);
	/* Saved just now, in ISO 8601 UTC. */
	assert_int_equal(strlen(got->modified), 20);
	assert_int_equal(sscanf(got->modified, "%4d-%2d-%2dT%2d:%2d:%2d%c",
	    &f[0], &f[1], &f[2], &f[3], &f[4], &f[5], &z), 7);
	assert_true(f[0] >= 2024 && z == 'Z');
	cr_saved_free(got);

	/* Every method and a scenario without weights. */
	cr_saved_free(s);
	s = sample("plain", 0);
	s->norm = CR_NORM_RANK;
	s->agg = CR_AGG_ARITH;
	cr_saved_set(&s->note, "");
	cr_saved_set(&s->period, "");
	assert_int_equal(cr_store_save(st, s, 0, &why), 0);
	assert_int_equal(cr_store_load(st, "plain", &got, &why), 0);
	assert_same(s, got);
	cr_saved_free(got);
	cr_saved_free(s);
	cr_store_close(st);
	free(path);
}

static void
test_exists(void **state)
{
	char		*path = fresh("exists"), *why = NULL;
	struct cr_store	*st = open_ok(path);
	struct cr_saved	*s = sample("a", 5), *other = sample("a", 2), *got;

	(void)state;
	assert_int_equal(cr_store_save(st, s, 0, &why), 0);
	assert_cause(cr_store_save(st, other, 0, &why), &why,
	    "a scenario named 'a' exists", NULL);
	assert_int_equal(cr_store_load(st, "a", &got, &why), 0);
	assert_same(s, got);
	cr_saved_free(got);
	assert_int_equal(cr_store_save(st, other, 1, &why), 0);
	assert_int_equal(cr_store_load(st, "a", &got, &why), 0);
	assert_same(other, got);
	cr_saved_free(got);
	/* The weights replaced, not added to. */
	assert_int_equal(dbtest_count(path, "SELECT count(*) FROM weight"), 2);
	assert_int_equal(dbtest_count(path, "SELECT count(*) FROM scenario"), 1);
	cr_saved_free(s);
	cr_saved_free(other);
	cr_store_close(st);
	free(path);
}

/* What the caller gives is checked before anything is written. */
static void
test_invalid(void **state)
{
	char		*path = fresh("invalid"), *why = NULL;
	struct cr_store	*st = open_ok(path);
	struct cr_saved	*s;
	char		 big[CR_SAVED_NOTE_MAX + 2];

	(void)state;
	save_ok(st, "keep", 2);
	s = sample("\033[2J", 1);
	assert_int_equal(cr_store_save(st, s, 0, &why), -1);
	free(why);
	cr_saved_set(&s->name, "   ");
	assert_int_equal(cr_store_save(st, s, 0, &why), -1);
	free(why);
	cr_saved_set(&s->name, "ok");
	s->weight[0] = NAN;
	assert_cause(cr_store_save(st, s, 0, &why), &why, "node0", NULL);
	s->weight[0] = -1;
	assert_cause(cr_store_save(st, s, 0, &why), &why, "node0", NULL);
	s->weight[0] = 2e9;
	assert_cause(cr_store_save(st, s, 0, &why), &why, "node0", NULL);
	s->weight[0] = 1;
	s->norm_lo = 100;
	assert_cause(cr_store_save(st, s, 0, &why), &why, "range", NULL);
	s->norm_lo = 0;
	s->agg = CR_AGG_COUNT;
	assert_cause(cr_store_save(st, s, 0, &why), &why, "aggregation", NULL);
	s->agg = CR_AGG_ARITH;
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	cr_saved_set(&s->note, big);
	assert_cause(cr_store_save(st, s, 0, &why), &why, "note", NULL);
	cr_saved_set(&s->note, "");
	/* Two weights of one code, as a caller could set them directly. */
	assert_int_equal(cr_saved_add(s, "other", 1, NULL), 0);
	cr_saved_set(&s->code[1], "node0");
	assert_cause(cr_store_save(st, s, 0, &why), &why,
	    "code 'node0' is given twice", NULL);
	assert_cause(cr_store_save_last(st, s, &why), &why, "twice", NULL);
	cr_saved_set(&s->dataset, "");
	assert_cause(cr_store_save_last(st, s, &why), &why, "data set", NULL);
	assert_int_equal(dbtest_count(path, "SELECT count(*) FROM scenario"), 1);
	assert_int_equal(dbtest_count(path, "SELECT count(*) FROM weight"), 2);
	cr_saved_free(s);
	cr_store_close(st);
	free(path);
}

static void
test_last(void **state)
{
	char		*path = fresh("last"), *why = NULL;
	struct cr_store	*st = open_ok(path);
	struct cr_saved	*a = sample("plan A", 3), *b = sample("", 4), *got;
	static const char *const named[] = { "beef", NULL };

	(void)state;
	cr_saved_set(&a->dataset, "beef");
	cr_saved_set(&b->dataset, "cafe");
	assert_int_equal(cr_store_save_last(st, a, &why), 0);
	assert_int_equal(cr_store_save_last(st, b, &why), 0);
	/* A named scenario may share its name with a data set's hash. */
	save_ok(st, "beef", 1);
	/* The last state keeps the name of the scenario it was. */
	assert_int_equal(cr_store_load_last(st, "beef", &got, &why), 0);
	assert_string_equal(got->name, "plan A");
	assert_same(a, got);
	cr_saved_free(got);
	a->agg = CR_AGG_ARITH;
	a->weight[2] = 0;
	assert_int_equal(cr_store_save_last(st, a, &why), 0);
	assert_int_equal(cr_store_load_last(st, "beef", &got, &why), 0);
	assert_same(a, got);
	cr_saved_free(got);
	assert_int_equal(cr_store_load_last(st, "cafe", &got, &why), 0);
	assert_same(b, got);
	cr_saved_free(got);
	got = NULL;
	assert_int_equal(cr_store_load_last(st, "dead", &got, &why), 1);
	assert_null(got);
	/* Last states are not in the list. */
	assert_names(st, named);
	assert_int_equal(dbtest_count(path, "SELECT count(*) FROM scenario"), 3);
	cr_saved_free(a);
	cr_saved_free(b);
	cr_store_close(st);
	free(path);
}

static void
test_list_order(void **state)
{
	char		*path = fresh("order");
	struct cr_store	*st = open_ok(path);
	static const char *const names[] = { "b", "a b", "ä", "B", "a",
	    "深圳", NULL };
	static const char *const sorted[] = { "B", "a", "a b", "b", "ä",
	    "深圳", NULL };
	struct cr_saved	**list;
	size_t		  n, i;
	char		 *why = NULL;

	(void)state;
	for (i = 0; names[i] != NULL; i++)
		save_ok(st, names[i], i + 1);
	assert_names(st, sorted);
	assert_int_equal(cr_store_list(st, &list, &n, &why), 0);
	for (i = 0; i < n; i++) {
		struct cr_saved *want = sample(list[i]->name, list[i]->n);

		assert_same(want, list[i]);
		cr_saved_free(want);
	}
	cr_store_list_free(list, n);
	cr_store_close(st);
	free(path);
}

static void
test_rename_delete(void **state)
{
	char		*path = fresh("rename"), *why = NULL;
	struct cr_store	*st = open_ok(path);
	struct cr_saved	*got, *want;
	static const char *const two[] = { "a", "b", NULL };
	static const char *const moved[] = { "b", "c", NULL };
	static const char *const one[] = { "b", NULL };

	(void)state;
	save_ok(st, "a", 3);
	save_ok(st, "b", 2);
	assert_cause(cr_store_rename(st, "a", "b", &why), &why,
	    "a scenario named 'b' exists", NULL);
	assert_cause(cr_store_rename(st, "zz", "c", &why), &why,
	    "no scenario named 'zz'", NULL);
	assert_int_equal(cr_store_rename(st, "a", "\t", &why), -1);
	free(why);
	assert_names(st, two);
	assert_int_equal(cr_store_rename(st, "a", "a", &why), 0);
	assert_int_equal(cr_store_rename(st, "a", "c", &why), 0);
	assert_names(st, moved);
	assert_int_equal(cr_store_load(st, "c", &got, &why), 0);
	want = sample("a", 3);
	cr_saved_set(&want->name, "c");
	assert_same(want, got);
	cr_saved_free(want);
	cr_saved_free(got);

	assert_cause(cr_store_delete(st, "a", &why), &why,
	    "no scenario named 'a'", NULL);
	assert_int_equal(cr_store_delete(st, "c", &why), 0);
	assert_names(st, one);
	assert_load_fails(st, "c", "no scenario named 'c'", NULL);
	/* Its weights went with it. */
	assert_int_equal(dbtest_count(path, "SELECT count(*) FROM weight"), 2);
	cr_store_close(st);
	free(path);
}

/* A file this version cannot read is refused and left as it was. */
static void
assert_refused(const char *path, const char *want)
{
	struct cr_store	*st = NULL;
	char		*before, *why = NULL;
	size_t		 len;

	before = read_bytes(path, &len);
	assert_cause(cr_store_open(path, &st, &why), &why, want, path);
	assert_null(st);
	assert_bytes(path, before, len);
	free(before);
}

static void
test_newer(void **state)
{
	char		*path = fresh("newer"), *why = NULL, *before;
	struct cr_store	*st = open_ok(path), *other;
	struct cr_saved	*s = sample("later", 2);
	size_t		 len;

	(void)state;
	save_ok(st, "a", 2);
	dbtest_sql(path, "PRAGMA user_version = 3");
	assert_refused(path, "scenarios file is of a newer version (3); "
	    "this cityrank reads 2");
	/* Upgraded while it was open: writes are refused as well. */
	before = read_bytes(path, &len);
	assert_cause(cr_store_save(st, s, 0, &why), &why, "newer version",
	    path);
	assert_cause(cr_store_delete(st, "a", &why), &why, "newer version",
	    path);
	assert_bytes(path, before, len);
	free(before);
	cr_store_close(st);

	/* A file made by another cityrank while this one had none. */
	free(path);
	path = fresh("newer2");
	other = open_ok(path);
	st = open_ok(path);
	save_ok(other, "a", 1);
	dbtest_sql(path, "PRAGMA user_version = 3");
	assert_cause(cr_store_save(st, s, 0, &why), &why, "newer version",
	    path);
	cr_store_close(other);
	cr_store_close(st);
	cr_saved_free(s);
	free(path);
}

static void
test_foreign(void **state)
{
	char		*path = fresh("foreign"), *dir, *why = NULL;
	struct cr_store	*st = NULL;
	static const char garbage[] = "this is not a database, only text "
	    "that happens to be where the scenarios should be\n";
	char		 noise[8192];
	size_t		 i;

	(void)state;
	dir = xasprintf("%s/foreign", tmpdir);
	assert_int_equal(mkdir(dir, 0700), 0);
	free(dir);
	dir = xasprintf("%s/foreign/cityrank", tmpdir);
	assert_int_equal(mkdir(dir, 0700), 0);

	/* Another program's SQLite file, and a data set file. */
	dbtest_sql(path, "CREATE TABLE t (x); INSERT INTO t VALUES (1)");
	assert_refused(path, "not a cityrank scenarios file");
	unlink(path);
	dbtest_sql(path, "PRAGMA application_id = 1129466673;"
	    " PRAGMA user_version = 3; CREATE TABLE meta (k, v)");
	assert_refused(path, "not a cityrank scenarios file");
	unlink(path);
	/* Ours in name, but without a version. */
	dbtest_sql(path, "PRAGMA application_id = 1129466707;"
	    " CREATE TABLE scenario (x)");
	assert_refused(path, "not a cityrank scenarios file");
	unlink(path);
	/* Garbage, short and long. */
	write_bytes(path, garbage, sizeof garbage);
	assert_refused(path, "not a cityrank scenarios file");
	for (i = 0; i < sizeof noise; i++)
		noise[i] = (char)(i * 2654435761u >> 13);
	write_bytes(path, noise, sizeof noise);
	assert_refused(path, "not a cityrank scenarios file");
	unlink(path);
	/* A directory where the file should be. */
	assert_int_equal(mkdir(path, 0700), 0);
	assert_cause(cr_store_open(path, &st, &why), &why,
	    "not a regular file", path);
	assert_null(st);
	rmdir(path);
	free(dir);
	free(path);
}

/* Pages of a valid file overwritten: quick_check finds it. */
static void
test_damaged(void **state)
{
	char		*path = fresh("damaged"), *buf;
	struct cr_store	*st = open_ok(path);
	size_t		 len, i;
	char		 name[16];

	(void)state;
	for (i = 0; i < 30; i++) {
		snprintf(name, sizeof name, "s%zu", i);
		save_ok(st, name, 50);
	}
	cr_store_close(st);
	buf = read_bytes(path, &len);
	assert_true(len >= 4 * 4096);
	for (i = 4096 + 8; i < 3 * 4096; i++)
		buf[i] = (char)(i * 31 + 7);
	write_bytes(path, buf, len);
	free(buf);
	assert_refused(path, "damaged (quick_check: ");

	/* A table missing. */
	unlink(path);
	st = open_ok(path);
	save_ok(st, "a", 1);
	cr_store_close(st);
	dbtest_sql(path, "DROP TABLE weight");
	assert_refused(path, "damaged (missing table 'weight')");
	free(path);
}

/* Content no save writes is an error that names the file. */
static void
test_bad_content(void **state)
{
	static const char *const tamper[] = {
		"UPDATE weight SET weight = 'heavy' WHERE ord = 1",
		"UPDATE weight SET weight = -1 WHERE ord = 1",
		"UPDATE weight SET weight = 1e300 WHERE ord = 1",
		"UPDATE weight SET code = '' WHERE ord = 1",
		"UPDATE weight SET code = x'00' WHERE ord = 1",
		"UPDATE scenario SET norm = 'MINMAX'",
		"UPDATE scenario SET norm = 'minmax:0:100'",
		"UPDATE scenario SET agg = 'arithmetic'",
		"UPDATE scenario SET agg = 'median'",
		"UPDATE scenario SET norm_lo = 200",
		"UPDATE scenario SET norm_hi = 'x'",
		"UPDATE scenario SET note = x'00ff'",
		"UPDATE scenario SET title = CAST(x'41004200' AS TEXT)",
		"UPDATE scenario SET modified = x'31'",
		"UPDATE scenario SET agg = 'power:0.50'",
		"UPDATE scenario SET agg = 'power:nan'",
		"UPDATE scenario SET norm = 'dist2ref'",
		"UPDATE scenario SET norm = 'goalposts:2:1'",
		"UPDATE scenario SET leaf_norm = 'a=sum'",
		"UPDATE scenario SET leaf_norm = 'a=rank,a=zscore'",
		"UPDATE scenario SET leaf_norm = 'a = rank'",
		"UPDATE scenario SET leaf_norm = 3",
		"UPDATE scenario SET level_agg = '1=geom,'",
		"UPDATE scenario SET level_agg = '01=geom'",
		NULL
	};
	char		*path = fresh("content"), *why = NULL;
	struct cr_store	*st;
	struct cr_saved	**list, *got = NULL;
	size_t		 i, n;

	(void)state;
	for (i = 0; tamper[i] != NULL; i++) {
		unlink(path);
		st = open_ok(path);
		save_ok(st, "t", 3);
		dbtest_sql(path, tamper[i]);
		assert_load_fails(st, "t", "scenario 't': ", path);
		list = NULL;
		assert_cause(cr_store_list(st, &list, &n, &why), &why,
		    "scenario 't': ", path);
		assert_null(list);
		assert_int_equal(n, 0);
		cr_store_close(st);
	}
	/* A bad name, and a last state filed under another data set. */
	unlink(path);
	st = open_ok(path);
	save_ok(st, "t", 1);
	dbtest_sql(path, "UPDATE scenario SET name = 'a' || char(10) || 'b'");
	assert_cause(cr_store_list(st, &list, &n, &why), &why, "bad name",
	    path);
	dbtest_sql(path, "UPDATE scenario SET kind = 'last', name = 'feed'");
	assert_cause(cr_store_load_last(st, "feed", &got, &why), &why,
	    "another data set", path);
	assert_null(got);
	cr_store_close(st);
	free(path);
}

/* The methods of issue 13, and a leaf's and a depth's own, kept. */
static void
test_methods(void **state)
{
	char			*path = fresh("methods"), *why = NULL;
	struct cr_store		*st = open_ok(path);
	struct cr_saved		*s = sample("m", 3), *got = NULL;
	struct cr_norm_spec	 n;
	struct cr_agg_spec	 a = { CR_AGG_POWER, -0.25 };
	struct cr_agg_spec	 c = { CR_AGG_COPELAND, 1 };

	(void)state;
	cr_norm_spec_init(&n);
	assert_int_equal(cr_norm_spec_parse("dist2ref:上海:cap", &n, NULL),
	    0);
	cr_saved_set_norm(s, &n);
	cr_saved_set_agg(s, &a);
	assert_int_equal(cr_norm_spec_parse("goalposts:1:2.5", &n, NULL), 0);
	assert_int_equal(cr_saved_add_leaf(s, "node1", &n, NULL), 0);
	assert_int_equal(cr_saved_add_level(s, 2, &c, NULL), 0);
	cr_norm_spec_clear(&n);
	if (cr_store_save(st, s, 0, &why) != 0)
		fail_msg("%s", why);
	assert_int_equal(cr_store_load(st, "m", &got, NULL), 0);
	assert_int_equal(got->norm, CR_NORM_DIST2REF);
	assert_string_equal(got->norm_par.ref, "上海");
	assert_int_equal(got->norm_par.cap, 1);
	assert_int_equal(got->agg, CR_AGG_POWER);
	assert_true(got->agg_p == -0.25);
	assert_int_equal(got->n_leaf, 1);
	assert_string_equal(got->leaf[0].code, "node1");
	assert_true(got->leaf[0].norm.par.lo == 1 &&
	    got->leaf[0].norm.par.hi == 2.5);
	assert_int_equal(got->n_level, 1);
	assert_true(got->level[0].depth == 2 &&
	    got->level[0].agg.method == CR_AGG_COPELAND);
	assert_int_equal(dbtest_count(path, "PRAGMA user_version"), 2);
	cr_saved_free(got);
	cr_saved_free(s);
	cr_store_close(st);
	free(path);
}

/*
 * A file of schema 1, as the first cityrank with a store wrote it: read
 * as it is, kept schema 1 by a save schema 1 can hold (an older
 * cityrank still reads it), made schema 2 by the first that cannot.
 */
static void
test_schema1(void **state)
{
	char			*path = fresh("schema1"), *why = NULL;
	struct cr_store		*st;
	struct cr_saved		*s, *got = NULL, **list = NULL;
	struct cr_agg_spec	 g = { CR_AGG_GEOM, 1 };
	size_t			 n;

	(void)state;
	/* The directories, as a first save makes them. */
	st = open_ok(path);
	save_ok(st, "gone", 1);
	cr_store_close(st);
	unlink(path);
	dbtest_sql(path, "PRAGMA application_id = 1129466707;"
	    " PRAGMA user_version = 1;"
	    "CREATE TABLE scenario (id INTEGER PRIMARY KEY,"
	    " kind TEXT NOT NULL CHECK (kind IN ('named', 'last')),"
	    " name TEXT NOT NULL, note TEXT NOT NULL, dataset TEXT NOT NULL,"
	    " title TEXT NOT NULL, period TEXT NOT NULL, norm TEXT NOT NULL,"
	    " norm_lo REAL NOT NULL, norm_hi REAL NOT NULL, agg TEXT NOT NULL,"
	    " modified TEXT NOT NULL, label TEXT NOT NULL,"
	    " UNIQUE (kind, name));"
	    "CREATE TABLE weight (scenario INTEGER NOT NULL"
	    "  REFERENCES scenario (id) ON DELETE CASCADE,"
	    " code TEXT NOT NULL, weight REAL NOT NULL, ord INTEGER NOT NULL,"
	    " PRIMARY KEY (scenario, ord), UNIQUE (scenario, code));"
	    "INSERT INTO scenario VALUES (1, 'named', 'old', '', 'ab', '', '',"
	    " 'rank', 0, 100, 'harm', '2024-05-01T09:30:00Z', '');"
	    "INSERT INTO weight VALUES (1, 'x', 2, 0);");
	st = open_ok(path);
	assert_int_equal(cr_store_load(st, "old", &got, NULL), 0);
	assert_int_equal(got->norm, CR_NORM_RANK);
	assert_int_equal(got->agg, CR_AGG_HARM);
	assert_int_equal(got->n_leaf + got->n_level, 0);
	assert_true(got->n == 1 && got->weight[0] == 2);
	cr_saved_free(got);

	save_ok(st, "plain", 2);
	assert_int_equal(dbtest_count(path, "PRAGMA user_version"), 1);
	s = sample("levels", 2);
	assert_int_equal(cr_saved_add_level(s, 1, &g, NULL), 0);
	if (cr_store_save(st, s, 0, &why) != 0)
		fail_msg("%s", why);
	assert_int_equal(dbtest_count(path, "PRAGMA user_version"), 2);
	assert_int_equal(cr_store_list(st, &list, &n, NULL), 0);
	assert_int_equal(n, 3);
	assert_string_equal(list[0]->name, "levels");
	assert_int_equal(list[0]->n_level, 1);
	assert_string_equal(list[1]->name, "old");
	assert_int_equal(list[1]->agg, CR_AGG_HARM);
	cr_store_list_free(list, n);
	cr_saved_free(s);
	cr_store_close(st);
	/* Another process that opens it now reads schema 2. */
	st = open_ok(path);
	assert_int_equal(cr_store_load(st, "levels", &got, NULL), 0);
	assert_int_equal(got->n_level, 1);
	cr_saved_free(got);
	cr_store_close(st);
	free(path);
}

/* Under a regular file: ENOTDIR, whoever runs the test. */
static void
test_not_a_directory(void **state)
{
	char		*file, *path, *why = NULL;
	struct cr_store	*st = NULL;

	(void)state;
	file = xasprintf("%s/plain", tmpdir);
	write_bytes(file, "x", 1);
	path = xasprintf("%s/plain/cityrank/scenarios.db", tmpdir);
	assert_cause(cr_store_open(path, &st, &why), &why, "Not a directory",
	    path);
	free(path);
	/* Where the directory would be made, a file. */
	path = xasprintf("%s/plain/scenarios.db", tmpdir);
	assert_cause(cr_store_open(path, &st, &why), &why, "Not a directory",
	    path);
	unlink(file);
	free(file);
	free(path);
}

/* The directory or the file is read-only. */
static void
test_read_only(void **state)
{
	char		*path, *dir, *why = NULL;
	struct cr_store	*st = NULL;
	struct cr_saved	*s;

	(void)state;
	/*
	 * Root writes anywhere, so nothing can fail.  Not skip(): cmocka
	 * 1.1 reports a skip to TAP as "not ok".
	 */
	if (geteuid() == 0) {
		print_message("# root ignores permissions: not tested\n");
		return;
	}
	s = sample("x", 1);
	dir = xasprintf("%s/ro", tmpdir);
	assert_int_equal(mkdir(dir, 0500), 0);
	path = xasprintf("%s/ro/cityrank/scenarios.db", tmpdir);
	st = open_ok(path);
	assert_cause(cr_store_save(st, s, 0, &why), &why, "Permission denied",
	    path);
	cr_store_close(st);
	free(path);
	/* A store in a directory made read-only: no journal, no save. */
	chmod(dir, 0700);
	path = xasprintf("%s/ro/scenarios.db", tmpdir);
	st = open_ok(path);
	save_ok(st, "a", 2);
	chmod(dir, 0500);
	assert_cause(cr_store_save(st, s, 0, &why), &why, "cannot write",
	    path);
	cr_store_close(st);
	st = open_ok(path);
	assert_names(st, (const char *const[]){ "a", NULL });
	cr_store_close(st);
	/* A read-only file: it reads, and a save says why it cannot. */
	chmod(dir, 0700);
	chmod(path, 0400);
	st = open_ok(path);
	assert_cause(cr_store_save(st, s, 0, &why), &why, "cannot write: the "
	    "file or its directory is read-only", path);
	assert_names(st, (const char *const[]){ "a", NULL });
	cr_store_close(st);
	free(path);
	free(dir);
	cr_saved_free(s);
}

/* A full disk, as SQLite's page limit makes one. */
static void
test_full(void **state)
{
	char		*path = fresh("full"), *why = NULL, *before, *stmt;
	struct cr_store	*st = open_ok(path);
	struct cr_saved	*big = sample("big", 3000), *got;
	static const char *const one[] = { "a", NULL };
	size_t		 len;
	int		 pages;

	(void)state;
	save_ok(st, "a", 4);
	pages = dbtest_count(path, "PRAGMA page_count");
	stmt = xasprintf("PRAGMA max_page_count = %d", pages);
	assert_int_equal(sqlite3_exec(cr_store_db(st), stmt, NULL, NULL,
	    NULL), SQLITE_OK);
	free(stmt);
	before = read_bytes(path, &len);
	assert_cause(cr_store_save(st, big, 0, &why), &why,
	    "the disk is full; nothing was changed", path);
	assert_bytes(path, before, len);
	/* A replacement that does not fit keeps the old one. */
	cr_saved_set(&big->name, "a");
	assert_cause(cr_store_save(st, big, 1, &why), &why, "disk is full",
	    path);
	assert_cause(cr_store_save_last(st, big, &why), &why, "disk is full",
	    path);
	assert_bytes(path, before, len);
	assert_names(st, one);
	assert_int_equal(cr_store_load(st, "a", &got, &why), 0);
	assert_int_equal(got->n, 4);
	cr_saved_free(got);
	free(before);
	/* Room again, and the store works on. */
	assert_int_equal(sqlite3_exec(cr_store_db(st),
	    "PRAGMA max_page_count = 1000000", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(cr_store_save(st, big, 1, &why), 0);
	assert_int_equal(cr_store_load(st, "a", &got, &why), 0);
	assert_int_equal(got->n, 3000);
	cr_saved_free(got);
	cr_saved_free(big);
	cr_store_close(st);
	free(path);
}

static double
now_ms(void)
{
	struct timeval	tv;

	gettimeofday(&tv, NULL);
	return (tv.tv_sec * 1e3 + tv.tv_usec / 1e3);
}

/* Another connection holds the lock: wait the timeout, then say so. */
static void
test_locked(void **state)
{
	char		*path = fresh("locked"), *why = NULL, *before;
	struct cr_store	*st = open_ok(path);
	struct cr_saved	*s = sample("b", 2), *got;
	sqlite3		*other;
	static const char *const two[] = { "a", "b", NULL };
	size_t		 len;
	double		 t;

	(void)state;
	save_ok(st, "a", 2);
	assert_int_equal(sqlite3_open(path, &other), SQLITE_OK);
	cr_store_set_timeout(st, 200);

	/* A writer's reserved lock: reading goes on, writing waits. */
	assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL,
	    NULL), SQLITE_OK);
	assert_int_equal(cr_store_load(st, "a", &got, &why), 0);
	cr_saved_free(got);
	t = now_ms();
	assert_cause(cr_store_save(st, s, 0, &why), &why, "scenarios file is "
	    "busy (locked by another cityrank?)", path);
	t = now_ms() - t;
	assert_true(t >= 150 && t < 3000);
	assert_int_equal(sqlite3_exec(other, "COMMIT", NULL, NULL, NULL),
	    SQLITE_OK);

	/* An exclusive lock stops readers too. */
	assert_int_equal(sqlite3_exec(other, "BEGIN EXCLUSIVE", NULL, NULL,
	    NULL), SQLITE_OK);
	before = read_bytes(path, &len);
	assert_cause(cr_store_save(st, s, 0, &why), &why, "busy", path);
	assert_cause(cr_store_rename(st, "a", "c", &why), &why, "busy", path);
	assert_cause(cr_store_delete(st, "a", &why), &why, "busy", path);
	assert_load_fails(st, "a", "busy", path);
	assert_bytes(path, before, len);
	free(before);
	assert_int_equal(sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(other);

	assert_int_equal(cr_store_save(st, s, 0, &why), 0);
	assert_names(st, two);
	cr_saved_free(s);
	cr_store_close(st);
	free(path);
}

/* Two openers of one file, saving in turn: every save is kept. */
static void
test_two_writers(void **state)
{
	char		*path = fresh("two");
	struct cr_store	*a, *b;
	struct cr_saved	**list;
	size_t		 n, i;
	char		 name[16], *why = NULL;

	(void)state;
	/* Both open before there is a file; either may create it. */
	a = open_ok(path);
	b = open_ok(path);
	for (i = 0; i < 20; i++) {
		snprintf(name, sizeof name, "b%02zu", i);
		save_ok(b, name, i % 5 + 1);
		snprintf(name, sizeof name, "a%02zu", i);
		save_ok(a, name, i % 7 + 1);
	}
	assert_int_equal(cr_store_delete(a, "b03", &why), 0);
	assert_int_equal(cr_store_rename(b, "a05", "c", &why), 0);
	assert_int_equal(cr_store_list(a, &list, &n, &why), 0);
	assert_int_equal(n, 39);
	assert_string_equal(list[0]->name, "a00");
	assert_string_equal(list[38]->name, "c");
	cr_store_list_free(list, n);
	assert_int_equal(cr_store_list(b, &list, &n, &why), 0);
	assert_int_equal(n, 39);
	cr_store_list_free(list, n);
	cr_store_close(a);
	cr_store_close(b);
	free(path);
}

/* A file left empty by a first save that never committed. */
static void
test_empty_file(void **state)
{
	char		*path = fresh("empty"), *dir;
	struct cr_store	*st;
	static const char *const none[] = { NULL };
	static const char *const one[] = { "a", NULL };

	(void)state;
	dir = xasprintf("%s/empty", tmpdir);
	assert_int_equal(mkdir(dir, 0700), 0);
	free(dir);
	dir = xasprintf("%s/empty/cityrank", tmpdir);
	assert_int_equal(mkdir(dir, 0700), 0);
	write_bytes(path, "", 0);
	st = open_ok(path);
	assert_names(st, none);
	save_ok(st, "a", 1);
	assert_names(st, one);
	cr_store_close(st);
	free(dir);
	free(path);
}

/* A test that failed may have left a directory read-only. */
static int
writable(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)ftw;
	if (flag == FTW_D && (sb->st_mode & 0700) != 0700)
		chmod(path, 0700);
	return (0);
}

static int
rm(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return (remove(path));
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
	nftw(tmpdir, writable, 16, FTW_PHYS);
	return (nftw(tmpdir, rm, 16, FTW_DEPTH | FTW_PHYS));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_path),
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_exists),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_last),
		cmocka_unit_test(test_list_order),
		cmocka_unit_test(test_rename_delete),
		cmocka_unit_test(test_newer),
		cmocka_unit_test(test_foreign),
		cmocka_unit_test(test_damaged),
		cmocka_unit_test(test_bad_content),
		cmocka_unit_test(test_methods),
		cmocka_unit_test(test_schema1),
		cmocka_unit_test(test_not_a_directory),
		cmocka_unit_test(test_read_only),
		cmocka_unit_test(test_full),
		cmocka_unit_test(test_locked),
		cmocka_unit_test(test_two_writers),
		cmocka_unit_test(test_empty_file),
	};

	return (cmocka_run_group_tests(tests, setup, teardown));
}
