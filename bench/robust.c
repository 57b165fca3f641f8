/*
 * robust: the uncertainty and sensitivity analyses' time, in process.
 * A benchmark, not a test: it reports medians and judges nothing.
 *
 *	robust [-r repetitions] [-n samples] [-s sobol base] [-T threads]
 *	    [data set]
 *
 * On the data set's first preset: n Monte Carlo samples (default
 * 10,000) with the weights at every level and, separately, at level 1,
 * each run and summarised (cr_mc_run + cr_mc_summarise) with 1 to T
 * threads (default 1 and the CPUs online); and Sobol indices over the
 * level-1 weights with s base samples (default 10,000: s (d + 2)
 * evaluations), with and without the bootstrap (500 resamples).  Each
 * figure is the median of r repetitions (11) of wall-clock time, which
 * is what threads shorten, beside the process CPU time of the same
 * calls.
 *
 * Build (bench/robust.sh does this):
 *	cc -O2 -Ibuild -Iengine -Idb -o robust bench/robust.c \
 *	    build/libdb.a build/libengine.a -lsqlite3 -lxxhash -lgsl \
 *	    -lgslcblas -lpthread -lm
 */
#include "config.h"

#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "mc.h"
#include "model.h"
#include "score.h"
#include "sobol.h"
#include "bench.h"

#define MAX_REPS	101

static double
wall_ms(void)
{
	struct timespec	ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) == -1)
		err(1, "clock_gettime");
	return (ts.tv_sec * 1e3 + ts.tv_nsec / 1e6);
}

static void
report(const char *what, double *wall, double *cpu, int n)
{
	double	w = median(wall, n), c;

	printf("%-52s %9.2f %9.2f %9.2f", what, w, wall[0], wall[n - 1]);
	c = median(cpu, n);
	printf(" %9.2f\n", c);
}

static struct cr_mc *
prepare(const struct cr_model *m, const struct cr_scenario *sc, size_t n,
    int level)
{
	struct cr_mc_spec	 sp;
	struct cr_mc		*mc;
	char			*cause = NULL;

	cr_mc_spec_init(&sp);
	sp.samples = n;
	sp.level = level;
	if (cr_mc_new(m, sc, &sp, &mc, &cause) != 0)
		errx(1, "cr_mc_new: %s", cause);
	return (mc);
}

static void
time_mc(const struct cr_model *m, const struct cr_scenario *sc, size_t n,
    int level, int threads, int reps)
{
	static double		 wall[MAX_REPS], cpu[MAX_REPS];
	struct cr_mc		*mc = prepare(m, sc, n, level);
	struct cr_mc_result	 r;
	struct cr_mc_unit	*u;
	char			 label[128];
	double			 w0, c0;
	int			 i;

	u = calloc(m->n_entities + 1, sizeof(*u));
	for (i = 0; i < reps; i++) {
		w0 = wall_ms();
		c0 = cpu_us();
		if (cr_mc_run(mc, 0, n, threads, NULL, NULL, NULL, &r) != 0)
			errx(1, "cr_mc_run");
		cr_mc_summarise(mc, &r, u);
		cpu[i] = (cpu_us() - c0) / 1e3;
		wall[i] = wall_ms() - w0;
		cr_mc_result_free(&r);
	}
	snprintf(label, sizeof label, "MC %zu samples, %s, %d thread%s", n,
	    level == 0 ? "every level" : "level 1", threads,
	    threads == 1 ? "" : "s");
	report(label, wall, cpu, reps);
	free(u);
	cr_mc_free(mc);
}

static void
time_sobol(const struct cr_model *m, const struct cr_scenario *sc,
    size_t n, size_t boot, int threads, int reps)
{
	static double		 wall[MAX_REPS], cpu[MAX_REPS];
	struct cr_mc		*mc = prepare(m, sc, n, 1);
	struct cr_sobol_opts	 o;
	struct cr_sobol		 r;
	char			 label[128], *cause = NULL;
	double			 w0, c0;
	size_t			 d = 0;
	int			 i;

	memset(&o, 0, sizeof(o));
	o.n = n;
	o.unit = -1;
	o.boot = boot;
	o.conf = 0.95;
	for (i = 0; i < reps; i++) {
		w0 = wall_ms();
		c0 = cpu_us();
		if (cr_sobol_run(mc, &o, threads, NULL, NULL, NULL, &r,
		    &cause) != 0)
			errx(1, "cr_sobol_run: %s", cause);
		cpu[i] = (cpu_us() - c0) / 1e3;
		wall[i] = wall_ms() - w0;
		d = r.d;
		cr_sobol_free(&r);
	}
	snprintf(label, sizeof label, "Sobol %zu x (%zu + 2), boot %zu, %d "
	    "thread%s", n, d, boot, threads, threads == 1 ? "" : "s");
	report(label, wall, cpu, reps);
	cr_mc_free(mc);
}

static int
number(const char *s, int lo, int hi)
{
	char	*end;
	long	 v;

	v = strtol(s, &end, 10);
	if (end == s || *end != '\0' || v < lo || v > hi)
		errx(1, "%s: want a number from %d to %d", s, lo, hi);
	return ((int)v);
}

int
main(int argc, char **argv)
{
	struct cr_dataset	*ds;
	const struct cr_model	*m;
	const struct cr_scenario *sc;
	const char		*path = "build/cityrank.db";
	char			*cause = NULL;
	int			 ch, reps = 11, n = 10000, sn = 10000, t;
	int			 tmax = (int)sysconf(_SC_NPROCESSORS_ONLN);

	while ((ch = getopt(argc, argv, "r:n:s:T:")) != -1) {
		switch (ch) {
		case 'r':
			reps = number(optarg, 1, MAX_REPS);
			break;
		case 'n':
			n = number(optarg, 1, 10000000);
			break;
		case 's':
			sn = number(optarg, 0, 10000000);
			break;
		case 'T':
			tmax = number(optarg, 1, 256);
			break;
		default:
			fprintf(stderr, "usage: robust [-r repetitions] "
			    "[-n samples] [-s sobol base] [-T threads] "
			    "[data set]\n");
			return (1);
		}
	}
	if (optind < argc)
		path = argv[optind];
	if (tmax < 1)
		tmax = 1;
	if (cr_db_load(path, &ds, &cause) == -1)
		errx(1, "%s: %s", path, cause);
	if (ds->n_presets == 0)
		errx(1, "%s: no presets", path);
	m = ds->model;
	sc = ds->presets[0].scenario;
	printf("data set: %s (%zu units, %zu nodes, %zu leaves)\n", path,
	    m->n_entities, m->n_nodes, m->n_leaves);
	printf("%d repetitions; milliseconds\n\n", reps);
	printf("%-52s %9s %9s %9s %9s\n", "", "wall med", "min", "max",
	    "cpu med");
	for (t = 1; t <= tmax; t++)
		time_mc(m, sc, (size_t)n, 0, t, reps);
	for (t = 1; t <= tmax; t++)
		time_mc(m, sc, (size_t)n, 1, t, reps);
	if (sn > 1) {
		time_sobol(m, sc, (size_t)sn, 0, 1, reps);
		time_sobol(m, sc, (size_t)sn, CR_SOBOL_BOOT, 1, reps);
		if (tmax > 1)
			time_sobol(m, sc, (size_t)sn, CR_SOBOL_BOOT, tmax,
			    reps);
	}
	cr_dataset_free(ds);
	return (0);
}
