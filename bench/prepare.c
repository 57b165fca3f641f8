/*
 * prepare: the cost of the preparation pipeline (engine/prepare.h) on
 * an imported data set, apart from reading and writing it.  Reads the
 * two CSV tables once a run, times cr_import_prepare() alone, and
 * prints each run's milliseconds and their median.
 *
 *	prepare DATA.csv META.csv RUNS [--denominate] [--impute M]
 *	    [--screen T] [--treat winsorise[:W]]
 *
 * Build: make bench/prepare (see bench/README.md).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "import.h"
#include "prepare.h"

static double
now_ms(clockid_t clock)
{
	struct timespec	ts;

	clock_gettime(clock, &ts);
	return (ts.tv_sec * 1e3 + ts.tv_nsec / 1e6);
}

static int
cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return (x < y ? -1 : x > y);
}

static void
spec_args(struct cr_prep_spec *s, int argc, char **argv)
{
	char	*why = NULL;
	int	 i, rc = 0;

	for (i = 0; i < argc && rc == 0; i++) {
		if (strcmp(argv[i], "--denominate") == 0)
			s->denominate = 1;
		else if (i + 1 < argc && strcmp(argv[i], "--impute") == 0)
			rc = cr_prep_parse_impute(s, argv[++i], &why);
		else if (i + 1 < argc && strcmp(argv[i], "--screen") == 0)
			rc = cr_prep_parse_screen(s, argv[++i], &why);
		else if (i + 1 < argc && strcmp(argv[i], "--treat") == 0)
			rc = cr_prep_parse_treat(s, argv[++i], &why);
		else {
			fprintf(stderr, "prepare: bad argument %s\n", argv[i]);
			exit(2);
		}
	}
	if (rc != 0) {
		fprintf(stderr, "prepare: %s\n", why);
		exit(2);
	}
}

int
main(int argc, char **argv)
{
	struct cr_prep_spec	 spec;
	struct cr_import	*imp;
	double			*ms, *cpu, t0, c0;
	char			*why = NULL;
	int			 runs, i;

	if (argc < 4 || (runs = atoi(argv[3])) < 1) {
		fprintf(stderr, "usage: prepare DATA META RUNS [options]\n");
		return (2);
	}
	cr_prep_spec_init(&spec);
	spec_args(&spec, argc - 4, argv + 4);
	ms = calloc((size_t)runs, sizeof *ms);
	cpu = calloc((size_t)runs, sizeof *cpu);
	for (i = 0; i < runs; i++) {
		imp = cr_import_read(argv[1], argv[2]);
		if (imp->n_errors > 0) {
			fprintf(stderr, "prepare: %s\n", imp->diags[0].text);
			return (1);
		}
		t0 = now_ms(CLOCK_MONOTONIC);
		c0 = now_ms(CLOCK_PROCESS_CPUTIME_ID);
		if (cr_import_prepare(imp, &spec, &why) != 0) {
			fprintf(stderr, "prepare: %s\n", why);
			return (1);
		}
		ms[i] = now_ms(CLOCK_MONOTONIC) - t0;
		cpu[i] = now_ms(CLOCK_PROCESS_CPUTIME_ID) - c0;
		printf("run %d: %.1f ms, %.1f ms CPU (%zu imputed, %zu dropped, %zu "
		    "winsorised, %zu logged)\n", i + 1, ms[i], cpu[i],
		    imp->report.n_imputed, imp->report.n_dropped,
		    imp->report.count[CR_PREP_WINSORISED],
		    imp->report.count[CR_PREP_LOGGED]);
		cr_import_free(imp);
	}
	qsort(ms, (size_t)runs, sizeof *ms, cmp);
	qsort(cpu, (size_t)runs, sizeof *cpu, cmp);
	printf("median %.1f ms, %.1f ms CPU, of %d runs\n", ms[runs / 2],
	    cpu[runs / 2], runs);
	cr_prep_spec_free(&spec);
	free(ms);
	free(cpu);
	return (0);
}
