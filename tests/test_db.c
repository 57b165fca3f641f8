/*
 * The database layer: the bundled file loads, and every kind of bad file
 * or bad source gives one clear message and changes nothing.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "db.h"
#include "dbtest.h"
#include "xmalloc.h"

static char	tmpdir[] = "/tmp/cityrank-test-db.XXXXXX";

static char *
tmp(const char *name)
{
	return (xasprintf("%s/%s", tmpdir, name));
}

static void
write_file(const char *path, const char *text)
{
	FILE	*fp = fopen(path, "wb");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

/* Load a file that must fail, with a message containing want. */
static void
expect_load_error(const char *path, const char *want)
{
	struct cr_dataset	*ds = (void *)1;
	char			*why = NULL;

	assert_int_equal(cr_db_load(path, &ds, &why), -1);
	assert_null(ds);
	assert_non_null(why);
	if (strstr(why, want) == NULL)
		fail_msg("message '%s' lacks '%s'", why, want);
	assert_non_null(strstr(why, path));
	assert_null(strchr(why, '\n'));
	free(why);
}

static void
test_bundled_loads(void **state)
{
	struct cr_dataset	*ds;
	char			*why = NULL;

	(void)state;
	assert_int_equal(cr_db_load(getenv("CITYRANK_DB"), &ds, &why), 0);
	/* index + 4 dimensions + 19 leaves (data/framework.csv). */
	assert_int_equal(ds->model->n_nodes, 24);
	assert_int_equal(ds->model->n_leaves, 19);
	assert_int_equal(ds->model->n_entities, 26);
	assert_string_equal(ds->presets[0].code, "default");
	assert_non_null(cr_dataset_preset(ds, "innovation_heavy"));
	assert_null(cr_dataset_preset(ds, "nope"));
	cr_dataset_free(ds);
}

static void
test_missing_file(void **state)
{
	char	*p = tmp("does-not-exist.db");

	(void)state;
	expect_load_error(p, "No such file");
	free(p);
}

static void
test_not_sqlite(void **state)
{
	char	*p = tmp("text.db");

	(void)state;
	write_file(p, "this is not a database, just text long enough to "
	    "fill a header of one hundred bytes or so........................");
	expect_load_error(p, "not a database");
	free(p);
}

static void
test_empty_file(void **state)
{
	char	*p = tmp("empty.db");

	(void)state;
	write_file(p, "");
	expect_load_error(p, "not a cityrank data set");
	free(p);
}

static void
test_foreign_sqlite(void **state)
{
	char	*p = tmp("foreign.db");

	(void)state;
	dbtest_sql(p, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
	expect_load_error(p, "not a cityrank data set");
	free(p);
}

static void
test_newer_schema(void **state)
{
	char	*p = tmp("newer.db");

	(void)state;
	dbtest_copy(getenv("CITYRANK_DB"), p);
	dbtest_sql(p, "PRAGMA user_version = 99");
	expect_load_error(p, "newer cityrank (schema 99)");
	free(p);
}

static void
test_missing_table(void **state)
{
	char	*p = tmp("notable.db");

	(void)state;
	dbtest_copy(getenv("CITYRANK_DB"), p);
	dbtest_sql(p, "DROP TABLE preset_weight");
	expect_load_error(p, "missing table 'preset_weight'");
	free(p);
}

static void
test_corrupt(void **state)
{
	struct cr_dataset	*ds;
	char			*p = tmp("corrupt.db"), *why = NULL;
	FILE			*fp;
	long			 off;

	(void)state;
	dbtest_copy(getenv("CITYRANK_DB"), p);
	/* Keep the 100-byte header, scribble over every page after it. */
	fp = fopen(p, "r+b");
	assert_non_null(fp);
	for (off = 100; off < 32768; off += 7) {
		fseek(fp, off, SEEK_SET);
		fputc(0xA5, fp);
	}
	fclose(fp);
	assert_int_equal(cr_db_load(p, &ds, &why), -1);
	assert_non_null(why);
	assert_non_null(strstr(why, p));
	free(why);
	free(p);
}

/*
 * A damaged page ends a table with an error, not with SQLITE_DONE: the
 * load must fail rather than use the rows before it (here: no preset
 * read, so a built-in default preset and different scores).
 */
static void
test_damaged_preset_page(void **state)
{
	char	*p = tmp("damaged-preset.db");
	long	 pg;

	(void)state;
	dbtest_copy(getenv("CITYRANK_DB"), p);
	pg = dbtest_root_page(p, "preset");
	/* The page type byte: 0x0d, a table leaf. */
	dbtest_flip(p, (pg - 1) * 4096, 0xff);
	expect_load_error(p, "malformed");
	free(p);
}

static void
test_unreadable(void **state)
{
	char	*p = tmp("unreadable.db");

	(void)state;
	if (geteuid() == 0) {
		/* Root reads everything: nothing to test. */
		free(p);
		return;
	}
	dbtest_copy(getenv("CITYRANK_DB"), p);
	chmod(p, 0);
	expect_load_error(p, "Permission denied");
	free(p);
}

static int
exists(const char *path, const char *suffix)
{
	char	*p = xasprintf("%s%s", path, suffix);
	int	 rc = access(p, F_OK) == 0;

	free(p);
	return (rc);
}

/* SQLite would open a FIFO and wait for a writer forever. */
static void
test_fifo(void **state)
{
	char	*p = tmp("fifo.db");

	(void)state;
	assert_int_equal(mkfifo(p, 0600), 0);
	/* The old loader hung here: let the test die rather than hang. */
	alarm(10);
	expect_load_error(p, "not a regular file");
	alarm(0);
	unlink(p);
	free(p);
}

static void
test_directory(void **state)
{
	char	*p = tmp("dir.db");

	(void)state;
	assert_int_equal(mkdir(p, 0700), 0);
	expect_load_error(p, "is a directory");
	rmdir(p);
	free(p);
}

/*
 * A child that opens path for writing, runs sql, says so on a pipe and
 * then either sleeps ms and exits 0, or (ms < 0) waits to be killed
 * (reap() with SIGKILL) without closing, as a program that crashed.
 */
static pid_t
writer(const char *path, const char *stmt, int ms)
{
	sqlite3	*h;
	pid_t	 pid;
	int	 fd[2];
	char	 c = 0;

	assert_int_equal(pipe(fd), 0);
	if ((pid = fork()) == 0) {
		close(fd[0]);
		if (sqlite3_open(path, &h) != SQLITE_OK ||
		    sqlite3_exec(h, stmt, NULL, NULL, NULL) != SQLITE_OK)
			_exit(1);
		if (write(fd[1], &c, 1) != 1)
			_exit(1);
		while (ms < 0)
			pause();
		usleep((useconds_t)ms * 1000);
		sqlite3_exec(h, "COMMIT", NULL, NULL, NULL);
		sqlite3_close(h);
		_exit(0);
	}
	assert_true(pid > 0);
	close(fd[1]);
	assert_int_equal(read(fd[0], &c, 1), 1);
	close(fd[0]);
	return (pid);
}

static void
reap(pid_t pid, int sig)
{
	int	status;

	if (sig != 0)
		kill(pid, sig);
	assert_int_equal(waitpid(pid, &status, 0), pid);
}

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
}

/* A writer's lock held for half a second: the load waits for it. */
static void
test_locked_briefly(void **state)
{
	struct cr_dataset	*ds;
	char			*p = tmp("locked.db"), *why = NULL;
	pid_t			 pid;

	(void)state;
	dbtest_copy(getenv("CITYRANK_DB"), p);
	pid = writer(p, "BEGIN EXCLUSIVE", 500);
	if (cr_db_load(p, &ds, &why) != 0)
		fail_msg("%s", why);
	cr_dataset_free(ds);
	reap(pid, 0);
	free(p);
}

/* Held longer than the busy timeout: a clear error after about 2 s. */
static void
test_locked_long(void **state)
{
	char	*p = tmp("locked.db");
	double	 t;
	pid_t	 pid;

	(void)state;
	dbtest_copy(getenv("CITYRANK_DB"), p);
	pid = writer(p, "BEGIN EXCLUSIVE", 10000);
	t = now();
	expect_load_error(p, "database is locked (another program is "
	    "writing it; waited 2 s)");
	t = now() - t;
	reap(pid, SIGKILL);
	assert_true(t > 1.5 && t < 5);
	free(p);
}

/*
 * A WAL-mode file with no write-ahead log holds everything in itself:
 * it loads, and nothing is created beside it (read-only, SQLite made
 * its -shm and -wal; in a read-only directory it failed).
 */
static void
test_wal_clean(void **state)
{
	struct cr_dataset	*ds;
	char			*p = tmp("wal.db"), *why = NULL;

	(void)state;
	dbtest_copy(getenv("CITYRANK_DB"), p);
	dbtest_sql(p, "PRAGMA journal_mode = WAL");
	assert_false(exists(p, "-wal"));
	if (cr_db_load(p, &ds, &why) != 0)
		fail_msg("%s", why);
	cr_dataset_free(ds);
	assert_false(exists(p, "-wal"));
	assert_false(exists(p, "-shm"));
	free(p);
}

/* A write-ahead log with changes not in the file yet: refused, why. */
static void
test_wal_pending(void **state)
{
	char	*p = tmp("walp.db");
	pid_t	 pid;

	(void)state;
	dbtest_copy(getenv("CITYRANK_DB"), p);
	dbtest_sql(p, "PRAGMA journal_mode = WAL");
	pid = writer(p, "PRAGMA wal_autocheckpoint = 0; "
	    "UPDATE meta SET value = 'changed' WHERE key = 'title_en'", -1);
	reap(pid, SIGKILL);
	assert_true(exists(p, "-wal"));
	expect_load_error(p, "in WAL mode with changes still in");
	free(p);
}

/* A write cut short leaves a hot journal a reader cannot roll back. */
static void
test_hot_journal(void **state)
{
	char	*p = tmp("hot.db");
	pid_t	 pid;

	(void)state;
	dbtest_copy(getenv("CITYRANK_DB"), p);
	pid = writer(p, "PRAGMA cache_size = 1; BEGIN; "
	    "UPDATE value_pack SET n = n; DELETE FROM source", -1);
	reap(pid, SIGKILL);
	assert_true(exists(p, "-journal"));
	expect_load_error(p, "a write was cut short and left");
	/* Still there: a reader must not throw away what rolls it back. */
	assert_true(exists(p, "-journal"));
	free(p);
}

/* A copy of data/ with one file replaced, built into out. */
static int
build_with(const char *file, const char *content, const char *out,
    char **why)
{
	static const char *const files[] = { "dataset.csv", "framework.csv",
	    "entities.csv", "values.csv", "context_vars.csv", "context.csv",
	    "published.csv", "presets.csv", "preset_weights.csv", NULL };
	char	*dir = tmp("src"), *from, *to;
	int	 i;

	mkdir(dir, 0700);
	for (i = 0; files[i] != NULL; i++) {
		from = xasprintf("%s/data/%s", getenv("SRCDIR"), files[i]);
		to = xasprintf("%s/%s", dir, files[i]);
		if (file != NULL && strcmp(file, files[i]) == 0)
			write_file(to, content);
		else
			dbtest_copy(from, to);
		free(from);
		free(to);
	}
	i = cr_db_build(dir, out, why);
	free(dir);
	return (i);
}

static void
expect_build_error(const char *file, const char *content, const char *want)
{
	char	*out = tmp("built.db"), *why = NULL, buf[16] = "";
	FILE	*fp;

	write_file(out, "keep");
	assert_int_equal(build_with(file, content, out, &why), -1);
	assert_non_null(why);
	if (strstr(why, want) == NULL)
		fail_msg("message '%s' lacks '%s'", why, want);
	/* The old output is untouched and no temporary file is left. */
	fp = fopen(out, "rb");
	assert_non_null(fp);
	assert_non_null(fgets(buf, sizeof buf, fp));
	fclose(fp);
	assert_string_equal(buf, "keep");
	free(why);
	why = xasprintf("%s.tmp", out);
	assert_int_equal(access(why, F_OK), -1);
	free(why);
	free(out);
}

static void
test_build_ok(void **state)
{
	struct cr_dataset	*ds;
	char			*out = tmp("good.db"), *why = NULL;

	(void)state;
	assert_int_equal(build_with(NULL, NULL, out, &why), 0);
	assert_int_equal(cr_db_load(out, &ds, &why), 0);
	assert_int_equal(ds->model->n_entities, 26);
	cr_dataset_free(ds);
	free(out);
}

static void
test_build_errors(void **state)
{
	(void)state;
	expect_build_error("values.csv",
	    "entity,indicator,value,provenance,source\n"
	    "shenzhen,iot,80,reconstructed,x\n"
	    "shenzhen,ai,abc,reconstructed,x\n",
	    "values.csv:3:13: 'abc' is not a number");
	expect_build_error("values.csv",
	    "entity,indicator,value,provenance,source\n"
	    "nowhere,iot,80,reconstructed,x\n",
	    "values.csv:2:1: unknown entity 'nowhere'");
	expect_build_error("values.csv",
	    "entity,indicator,value,provenance,source\n"
	    "shenzhen,iot,80,guessed,x\n",
	    "values.csv:2:17: unknown provenance 'guessed'");
	expect_build_error("values.csv",
	    "entity,indicator,value,source\n",
	    "values.csv:1: missing column 'provenance'");
	expect_build_error("values.csv",
	    "entity,indicator,value,provenance,source\n"
	    "shenzhen,iot,\"80,reconstructed,x\n",
	    "values.csv:2:14: unterminated quoted field");
	expect_build_error("framework.csv",
	    "code,parent,name_zh,name_en,weight,direction,unit,description\n"
	    "index,,指数,Index,1,1,,\n"
	    "a,nowhere,甲,A,1,1,,\n",
	    "framework.csv:3:3: unknown parent 'nowhere'");
	expect_build_error("framework.csv",
	    "code,parent,name_zh,name_en,weight,direction,unit,description\n"
	    "index,,指数,Index,1,1,,\n"
	    "a,index,甲,A,-1,1,,\n",
	    "weight '-1' is negative");
	expect_build_error("framework.csv",
	    "code,parent,name_zh,name_en,weight,direction,unit,description\n"
	    "index,,指数,Index,1,1,,\n"
	    "a,index,甲,A,1,2,,\n",
	    "direction '2' is not 1 or -1");
	expect_build_error("presets.csv",
	    "code,name_zh,name_en,normalize,aggregate,description\n"
	    "default,默认,Default,fancy,arith,x\n",
	    "presets.csv:2:20: unknown normalisation 'fancy'");
}

static int
setup(void **state)
{
	(void)state;
	return (mkdtemp(tmpdir) == NULL ? -1 : 0);
}

static int
teardown(void **state)
{
	char	*cmd = xasprintf("rm -rf '%s'", tmpdir);
	int	 rc;

	(void)state;
	rc = system(cmd);
	free(cmd);
	return (rc == 0 ? 0 : -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bundled_loads),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_not_sqlite),
		cmocka_unit_test(test_empty_file),
		cmocka_unit_test(test_foreign_sqlite),
		cmocka_unit_test(test_newer_schema),
		cmocka_unit_test(test_missing_table),
		cmocka_unit_test(test_corrupt),
		cmocka_unit_test(test_damaged_preset_page),
		cmocka_unit_test(test_unreadable),
		cmocka_unit_test(test_fifo),
		cmocka_unit_test(test_directory),
		cmocka_unit_test(test_locked_briefly),
		cmocka_unit_test(test_locked_long),
		cmocka_unit_test(test_wal_clean),
		cmocka_unit_test(test_wal_pending),
		cmocka_unit_test(test_hot_journal),
		cmocka_unit_test(test_build_ok),
		cmocka_unit_test(test_build_errors),
	};

	return (cmocka_run_group_tests(tests, setup, teardown));
}
