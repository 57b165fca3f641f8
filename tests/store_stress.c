/*
 * The scenario store under kill -9 (tests/store_kill.sh) and on a full
 * disk (tests/store_full.sh).
 *
 *   store_stress save DIR START N     save sSTART to sSTART+N-1, and the
 *                                     last state of each one's data set,
 *                                     printing each name once its save
 *                                     has returned
 *   store_stress verify DIR NAMES     every name in the file NAMES is
 *                                     there and intact, so is everything
 *                                     else, and the file is whole
 *
 * The store is DIR/scenarios.db.  What a save writes is a function of
 * the name alone, so that verify knows what each scenario must hold.
 */
#include "config.h"

#include <sys/stat.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "db.h"
#include "saved.h"
#include "store.h"
#include "xmalloc.h"

#define N_DATASETS	4

static uint32_t
hash(const char *s)
{
	uint32_t	h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return (h);
}

static void
set(char **field, const char *fmt, const char *arg)
{
	char	*v = xasprintf(fmt, arg);

	cr_saved_set(field, v);
	free(v);
}

/* What the save of this name writes: 1 to 40 weights, any methods. */
static struct cr_saved *
expected(const char *name)
{
	struct cr_saved	*s = cr_saved_new();
	uint32_t	 h = hash(name);
	size_t		 i, n = 1 + h % 40;
	char		 code[32], ds[8];

	cr_saved_set(&s->name, name);
	set(&s->note, "note of %s", name);
	snprintf(ds, sizeof ds, "d%u", (unsigned)(h % N_DATASETS));
	cr_saved_set(&s->dataset, ds);
	cr_saved_set(&s->title, "stress");
	cr_saved_set(&s->period, (h & 16) ? "2020" : "");
	s->norm = (enum cr_norm)(h % CR_NORM_COUNT);
	s->norm_lo = h % 3;
	s->norm_hi = 100 + h % 7;
	s->agg = (enum cr_agg)((h >> 8) % CR_AGG_COUNT);
	/* Its unit is not optional. */
	if (s->norm == CR_NORM_DIST2REF &&
	    (s->norm_par.ref = strdup("u1")) == NULL)
		abort();
	for (i = 0; i < n; i++) {
		snprintf(code, sizeof code, "n%zu", i);
		if (cr_saved_add(s, code, (double)((h >> (i % 20)) % 1000) / 8,
		    NULL) != 0)
			abort();
	}
	return (s);
}

static int
differ(const char *what, const struct cr_saved *got)
{
	fprintf(stderr, "store_stress: '%s': %s differs\n", got->name, what);
	return (1);
}

/* 0 when got holds what the save of name wrote. */
static int
intact(const char *name, const struct cr_saved *got)
{
	struct cr_saved	*want = expected(name);
	size_t		 i;
	int		 bad = 0;

	if (strcmp(got->note, want->note) != 0 ||
	    strcmp(got->dataset, want->dataset) != 0 ||
	    strcmp(got->title, want->title) != 0 ||
	    strcmp(got->period, want->period) != 0)
		bad = differ("a text", got);
	else if (got->norm != want->norm || got->agg != want->agg ||
	    got->norm_lo != want->norm_lo || got->norm_hi != want->norm_hi)
		bad = differ("a method", got);
	else if (got->n != want->n)
		bad = differ("the number of weights", got);
	for (i = 0; !bad && i < got->n; i++)
		if (strcmp(got->code[i], want->code[i]) != 0 ||
		    got->weight[i] != want->weight[i])
			bad = differ("a weight", got);
	cr_saved_free(want);
	return (bad);
}

static int
save(const char *dir, long start, long n)
{
	struct cr_store	*st;
	struct cr_saved	*s;
	char		*path, *cause = NULL, name[32];
	long		 i;
	int		 rc = 0;

	path = xasprintf("%s/scenarios.db", dir);
	if (cr_store_open(path, &st, &cause) != 0) {
		fprintf(stderr, "store_stress: %s\n", cause);
		free(cause);
		free(path);
		return (1);
	}
	for (i = start; rc == 0 && i < start + n; i++) {
		snprintf(name, sizeof name, "s%ld", i);
		s = expected(name);
		/* Replace: a save that committed but was not printed. */
		if (cr_store_save(st, s, 1, &cause) != 0)
			rc = 1;
		else {
			printf("%s\n", name);
			fflush(stdout);
			if (cr_store_save_last(st, s, &cause) != 0)
				rc = 1;
		}
		cr_saved_free(s);
	}
	if (rc != 0) {
		fprintf(stderr, "store_stress: %s\n", cause);
		free(cause);
	}
	cr_store_close(st);
	free(path);
	return (rc);
}

/* integrity_check says ok and no weight lost its scenario. */
static int
whole(const char *path)
{
	sqlite3		*h;
	sqlite3_stmt	*q;
	const char	*res;
	int		 bad = 1;

	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		goto out;
	if (sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &q,
	    NULL) != SQLITE_OK)
		goto out;
	if (sqlite3_step(q) == SQLITE_ROW &&
	    (res = (const char *)sqlite3_column_text(q, 0)) != NULL &&
	    strcmp(res, "ok") == 0)
		bad = 0;
	else
		fprintf(stderr, "store_stress: integrity_check: %s\n",
		    sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
	if (!bad && sqlite3_prepare_v2(h, "PRAGMA foreign_key_check", -1,
	    &q, NULL) == SQLITE_OK) {
		if (sqlite3_step(q) != SQLITE_DONE) {
			fprintf(stderr, "store_stress: foreign_key_check\n");
			bad = 1;
		}
		sqlite3_finalize(q);
	}
out:
	if (bad && sqlite3_errcode(h) != SQLITE_OK)
		fprintf(stderr, "store_stress: %s\n", sqlite3_errmsg(h));
	sqlite3_close(h);
	return (bad);
}

/* Each name of a complete line of the file is there and intact. */
static int
check_names(struct cr_store *st, const char *names, size_t *count)
{
	struct cr_saved	*got;
	FILE		*fp;
	char		*line = NULL, *cause = NULL;
	size_t		 size = 0;
	ssize_t		 len;
	int		 bad = 0;

	if ((fp = fopen(names, "r")) == NULL) {
		perror(names);
		return (1);
	}
	*count = 0;
	while (!bad && (len = getline(&line, &size, fp)) > 0) {
		/* A line cut short by the kill was never a finished save. */
		if (line[len - 1] != '\n')
			break;
		line[len - 1] = '\0';
		if (cr_store_load(st, line, &got, &cause) != 0) {
			fprintf(stderr, "store_stress: %s\n", cause);
			free(cause);
			bad = 1;
		} else {
			bad = intact(line, got);
			cr_saved_free(got);
			(*count)++;
		}
	}
	free(line);
	fclose(fp);
	return (bad);
}

/* Whatever else the file holds is what some save wrote. */
static int
check_all(struct cr_store *st, size_t *count)
{
	struct cr_saved	**list, *got;
	char		 *cause = NULL, ds[8];
	size_t		  n, i;
	int		  bad = 0, rc;

	if (cr_store_list(st, &list, &n, &cause) != 0) {
		fprintf(stderr, "store_stress: %s\n", cause);
		free(cause);
		return (1);
	}
	for (i = 0; !bad && i < n; i++)
		bad = intact(list[i]->name, list[i]);
	cr_store_list_free(list, n);
	*count = n;
	for (i = 0; !bad && i < N_DATASETS; i++) {
		snprintf(ds, sizeof ds, "d%zu", i);
		if ((rc = cr_store_load_last(st, ds, &got, &cause)) == 1)
			continue;
		if (rc != 0) {
			fprintf(stderr, "store_stress: %s\n", cause);
			free(cause);
			return (1);
		}
		/* The note names the scenario it was the last state of. */
		bad = strncmp(got->note, "note of ", 8) != 0 ||
		    intact(got->note + 8, got);
		cr_saved_free(got);
	}
	return (bad);
}

static int
verify(const char *dir, const char *names)
{
	struct cr_store	*st;
	struct stat	 sb;
	char		*path, *cause = NULL;
	size_t		 listed = 0, stored = 0;
	int		 bad;

	path = xasprintf("%s/scenarios.db", dir);
	/* Opening rolls back what a killed save left half done. */
	if (cr_store_open(path, &st, &cause) != 0) {
		fprintf(stderr, "store_stress: %s\n", cause);
		free(cause);
		free(path);
		return (1);
	}
	bad = check_names(st, names, &listed) || check_all(st, &stored);
	if (!bad && stat(path, &sb) == 0)
		bad = whole(path);
	if (!bad)
		printf("%zu saves checked, %zu scenarios stored\n", listed,
		    stored);
	cr_store_close(st);
	free(path);
	return (bad);
}

int
main(int argc, char **argv)
{
	cr_db_init();
	if (argc == 5 && strcmp(argv[1], "save") == 0)
		return (save(argv[2], atol(argv[3]), atol(argv[4])));
	if (argc == 4 && strcmp(argv[1], "verify") == 0)
		return (verify(argv[2], argv[3]));
	fprintf(stderr, "usage: store_stress save DIR START N\n"
	    "       store_stress verify DIR NAMES\n");
	return (2);
}
