/*
 * flipcheck: the long flipped-byte run, for the record (doc/robustness.md).
 *
 *	flipcheck [-cv] [-s step] [-m mask] [-o first] file.db
 *
 * For every step-th offset from first, XOR the byte there with mask in a
 * copy of the file, load the copy in a child process (so that a crash or
 * a hang is counted, not fatal) and compare it with the clean load.
 * Prints the counts by outcome, and the wrong results by table (from
 * SQLite's dbstat of the clean file); -v prints every offset that is not
 * clean, with the load's message.  -c also runs cr_db_check() on each
 * copy and counts what it says against what the load did.
 */
#include "config.h"

#include <sys/types.h>
#include <sys/wait.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "flip.h"
#include "xmalloc.h"

#define MAX_PAGES	4096

enum { N_SAME, N_ERROR, N_WRONG, N_DIFFERS, N_NOMSG, N_CRASH, N_COUNT };

static const char *const outcome_name[N_COUNT] = {
	"clean (exactly the clean file's results)",
	"error (the load failed with a message naming the file)",
	"WRONG (loaded, exit 0, results differ)",
	"loaded; only names, context or published figures differ",
	"failed without a message naming the file",
	"crashed or hung"
};

/* cr_db_check() of a copy: -1, 0 or 1, stored + 1; by load outcome. */
static size_t	 checked[N_COUNT][3];
static int	 run_check;

static char	*page_owner[MAX_PAGES + 1];
static size_t	 wrong_by_page[MAX_PAGES + 1];
static int	 page_size = 4096;

/* Which table or index each page belongs to, from the clean file. */
static void
map_pages(const char *path)
{
	sqlite3		*h;
	sqlite3_stmt	*st;
	int		 pg;

	if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK)
		goto done;
	if (sqlite3_prepare_v2(h, "PRAGMA page_size", -1, &st, NULL) ==
	    SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		page_size = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(h, "SELECT pageno, name FROM dbstat", -1, &st,
	    NULL) != SQLITE_OK)
		goto done;
	while (sqlite3_step(st) == SQLITE_ROW) {
		pg = sqlite3_column_int(st, 0);
		if (pg > 0 && pg <= MAX_PAGES && page_owner[pg] == NULL)
			page_owner[pg] = xstrdup((const char *)
			    sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
done:
	sqlite3_close(h);
}

/* One damaged load in a child; its outcome and difference by a pipe. */
static int
run_one(const struct flip_ref *r, const unsigned char *buf, size_t len,
    size_t off, unsigned char mask, const char *path, int verbose)
{
	enum flip_outcome	 o;
	pid_t			 pid;
	FILE			*null;
	char			*why, *cwhy = NULL;
	int			 fd[2], res[3], status, diff, k;

	/* Or the child prints the parent's buffered lines again. */
	fflush(stdout);
	if (pipe(fd) != 0 || (pid = fork()) == -1) {
		perror("flipcheck");
		exit(2);
	}
	if (pid == 0) {
		close(fd[0]);
		alarm(20);
		o = flip_one(r, buf, len, off, mask, path, &diff, &why);
		res[0] = (int)o;
		res[1] = diff;
		res[2] = -1;
		if (run_check && (null = fopen("/dev/null", "w")) != NULL) {
			res[2] = cr_db_check(path, null, &cwhy) + 1;
			fclose(null);
		}
		if (verbose && o != FLIP_SAME)
			printf("%zu page %zu: %d diff 0x%02x %s\n", off,
			    off / (size_t)page_size + 1, (int)o, diff,
			    why != NULL ? why : "");
		fflush(stdout);
		if (write(fd[1], res, sizeof res) != sizeof res)
			_exit(3);
		_exit(0);
	}
	close(fd[1]);
	if (read(fd[0], res, sizeof res) != sizeof res)
		res[0] = -1;
	close(fd[0]);
	if (waitpid(pid, &status, 0) == -1 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0 || res[0] < 0) {
		if (verbose)
			printf("%zu: crashed or hung\n", off);
		return (N_CRASH);
	}
	switch ((enum flip_outcome)res[0]) {
	case FLIP_SAME:
		k = N_SAME;
		break;
	case FLIP_ERROR:
		k = N_ERROR;
		break;
	case FLIP_WRONG:
		k = N_WRONG;
		break;
	case FLIP_DIFFERS:
		k = N_DIFFERS;
		break;
	default:
		k = N_NOMSG;
		break;
	}
	if (res[2] >= 0 && res[2] <= 2)
		checked[k][res[2]]++;
	return (k);
}

static void
usage(void)
{
	fprintf(stderr, "usage: flipcheck [-cv] [-s step] [-m mask] "
	    "[-o first] file.db\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct cr_dataset	*ds;
	struct flip_ref		*r;
	unsigned char		*buf;
	size_t			 len, off, first = 0, step = 1, pg;
	size_t			 n[N_COUNT] = { 0 }, total = 0;
	unsigned long		 mask = 0xff;
	char			*why = NULL, *path;
	int			 ch, verbose = 0, k;

	while ((ch = getopt(argc, argv, "cm:o:s:v")) != -1) {
		switch (ch) {
		case 'c':
			run_check = 1;
			break;
		case 'm':
			mask = strtoul(optarg, NULL, 0);
			break;
		case 'o':
			first = strtoul(optarg, NULL, 0);
			break;
		case 's':
			step = strtoul(optarg, NULL, 0);
			break;
		case 'v':
			verbose = 1;
			break;
		default:
			usage();
		}
	}
	if (argc - optind != 1 || step == 0 || mask == 0 || mask > 0xff)
		usage();
	cr_db_init();
	if (cr_db_load(argv[optind], &ds, &why) != 0) {
		fprintf(stderr, "flipcheck: %s\n", why);
		return (2);
	}
	if ((buf = flip_slurp(argv[optind], &len)) == NULL) {
		fprintf(stderr, "flipcheck: %s: cannot read\n", argv[optind]);
		return (2);
	}
	map_pages(argv[optind]);
	r = flip_ref_new(ds);
	path = xasprintf("%s.flip-%ld", argv[optind], (long)getpid());
	for (off = first; off < len; off += step) {
		k = run_one(r, buf, len, off, (unsigned char)mask, path,
		    verbose);
		n[k]++;
		total++;
		pg = off / (size_t)page_size + 1;
		if (k == N_WRONG && pg <= MAX_PAGES)
			wrong_by_page[pg]++;
	}
	unlink(path);
	printf("%s: %zu bytes, %zu flipped copies (every %zu from %zu, "
	    "XOR 0x%02lx)\n", argv[optind], len, total, step, first, mask);
	for (k = 0; k < N_COUNT; k++) {
		printf("%8zu  %s\n", n[k], outcome_name[k]);
		if (run_check && n[k] > 0)
			printf("          cr_db_check: %zu clean, %zu damaged, "
			    "%zu cannot check\n", checked[k][1], checked[k][2],
			    checked[k][0]);
	}
	for (pg = 1; pg <= MAX_PAGES; pg++)
		if (wrong_by_page[pg] > 0)
			printf("  wrong: %zu in page %zu (%s)\n",
			    wrong_by_page[pg], pg, page_owner[pg] != NULL ?
			    page_owner[pg] : "free or unknown");
	for (pg = 1; pg <= MAX_PAGES; pg++)
		free(page_owner[pg]);
	flip_ref_free(r);
	free(path);
	free(buf);
	return (n[N_WRONG] + n[N_CRASH] + n[N_NOMSG] > 0 ? 1 : 0);
}
