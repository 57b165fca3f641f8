/*
 * Whether a data set fits in memory, asked before it is read.  Linux
 * overcommits: malloc() succeeds and the kernel kills the process when
 * the pages are touched, with no word said.  So the loader compares what
 * the data set will take with what the machine has left, and refuses
 * one that does not fit, naming both.
 */
#include "config.h"

#include <sys/resource.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memavail.h"
#include "num.h"

/*
 * Per value: the raw double and its provenance (model.h).  Per entity
 * and aggregate: 40 bytes, what the scores and the baseline's copy took
 * when ranks were ints and missing counts and provenance were kept (now
 * a score and two packed ranks, score.h, so it errs on the side of
 * refusing).  Per entity: its struct and names.  The rest (libraries,
 * SQLite's cache, the screen) about 16 MB.  At 100,000 x 200 this says
 * 298 MB; the batch ranking's peak RSS was 299 MB, and 246 MB since
 * (doc/benchmarks.md, sections 9 and 16).
 */
uint64_t
cr_mem_need(size_t entities, size_t leaves, size_t nodes)
{
	uint64_t	 e = entities, aggs = nodes > leaves ? nodes - leaves : 1;

	return (e * leaves * 9 + e * aggs * 40 + e * 64 + (16 << 20));
}

/* MemAvailable from /proc/meminfo, in bytes; 0 when not there. */
static uint64_t
meminfo_available(void)
{
	FILE			*f;
	char			 line[256];
	unsigned long long	 kb = 0;

	if ((f = fopen("/proc/meminfo", "r")) == NULL)
		return (0);
	while (fgets(line, sizeof line, f) != NULL)
		if (sscanf(line, "MemAvailable: %llu kB", &kb) == 1)
			break;
	fclose(f);
	return ((uint64_t)kb * 1024);
}

static void
least(uint64_t *best, const char **what, uint64_t v, const char *name)
{
	if (v > 0 && (*best == 0 || v < *best)) {
		*best = v;
		*what = name;
	}
}

uint64_t
cr_mem_available(const char **what)
{
	struct rlimit	 rl;
	const char	*env = getenv("CITYRANK_MEM_AVAILABLE");
	uint64_t	 best = 0;
	double		 v;

	*what = "unknown";
	if (env != NULL && cr_num_parse(env, &v, NULL) == 0 && v > 0 && v < 1e19) {
		*what = "CITYRANK_MEM_AVAILABLE";
		return ((uint64_t)v);
	}
	least(&best, what, meminfo_available(), "the memory available "
	    "(close other programs, or use a machine with more)");
	if (getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
		least(&best, what, rl.rlim_cur, "the process's address "
		    "space limit (raise ulimit -v)");
	if (getrlimit(RLIMIT_DATA, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
		least(&best, what, rl.rlim_cur, "the process's data limit "
		    "(raise ulimit -d)");
	return (best);
}
