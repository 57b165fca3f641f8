/*
 * rescore: the engine's CPU cost behind one weight key press, in
 * process, on the bundled data set.  A benchmark, not a test: it
 * reports medians and judges nothing.
 *
 *	rescore [-n iterations] [-r repetitions] [data set]
 *
 * One iteration changes one node's weight (alternating between its
 * default and the weight that raises its share among its siblings by
 * one percentage point, as the + key does) and calls
 * cr_score_weight_changed().  A repetition times n iterations with the
 * process CPU clock; the median per-iteration time over r repetitions
 * is printed, for a dimension (child of the root) and for the deepest
 * leaf (the longest path to re-aggregate), beside a full cr_score()
 * and a whole cr_db_load() for scale.
 *
 * Build (bench/rescore.sh does this):
 *	cc -O2 -Ibuild -Iengine -Idb -o rescore bench/rescore.c \
 *	    build/libdb.a build/libengine.a -lsqlite3 -lxxhash -lm
 */
#include "config.h"

#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "model.h"
#include "score.h"
#include "bench.h"

#define MAX_REPS	1001

struct bench {
	const struct cr_model	*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s;
};

/* Prints median, min and max. */
static void
report(const char *what, double *v, int n)
{
	double	med = median(v, n);

	printf("%-40s %10.3f %10.3f %10.3f\n", what, med, v[0], v[n - 1]);
}

/* Per-iteration CPU microseconds of n alternating weight changes. */
static double
time_changes(struct bench *b, int node, int n)
{
	double	 w0 = b->sc->weight[node];
	double	 w1 = raised_weight(b->m, b->sc, node), t0;
	char	*cause = NULL;
	int	 i;

	t0 = cpu_us();
	for (i = 0; i < n; i++) {
		b->sc->weight[node] = i & 1 ? w0 : w1;
		if (cr_score_weight_changed(b->m, b->sc, b->s, node,
		    &cause) == -1)
			errx(1, "re-score: %s", cause);
	}
	t0 = cpu_us() - t0;
	/* Leave the scenario as found, and the scores to match it. */
	b->sc->weight[node] = w0;
	if (cr_score_weight_changed(b->m, b->sc, b->s, node, &cause) == -1)
		errx(1, "re-score: %s", cause);
	return (t0 / n);
}

static double
time_full(struct bench *b, int n)
{
	double	 t0;
	char	*cause = NULL;
	int	 i;

	t0 = cpu_us();
	for (i = 0; i < n; i++)
		if (cr_score(b->m, b->sc, b->s, &cause) == -1)
			errx(1, "score: %s", cause);
	return ((cpu_us() - t0) / n);
}

static double
time_load(const char *path)
{
	struct cr_dataset	*ds;
	double			 t0;
	char			*cause = NULL;

	t0 = cpu_us();
	if (cr_db_load(path, &ds, &cause) == -1)
		errx(1, "%s: %s", path, cause);
	t0 = cpu_us() - t0;
	cr_dataset_free(ds);
	return (t0);
}

/* The first node of greatest depth: the most ancestors to redo. */
static int
deepest_leaf(const struct cr_model *m)
{
	size_t	i;
	int	best = -1;

	for (i = 0; i < m->n_nodes; i++)
		if (m->nodes[i].leaf != -1 && (best == -1 ||
		    m->nodes[i].depth > m->nodes[best].depth))
			best = (int)i;
	return (best);
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
	static double		 v[MAX_REPS];
	struct cr_dataset	*ds;
	struct bench		 b;
	const char		*path = "build/cityrank.db";
	char			*cause = NULL, label[128];
	int			 ch, iters = 10000, reps = 11, r, node;
	int			 dim, leaf, full_iters;

	while ((ch = getopt(argc, argv, "n:r:")) != -1) {
		switch (ch) {
		case 'n':
			iters = number(optarg, 1, 100000000);
			break;
		case 'r':
			reps = number(optarg, 1, MAX_REPS);
			break;
		default:
			fprintf(stderr, "usage: rescore [-n iterations] "
			    "[-r repetitions] [data set]\n");
			return (1);
		}
	}
	if (optind < argc)
		path = argv[optind];

	if (cr_db_load(path, &ds, &cause) == -1)
		errx(1, "%s: %s", path, cause);
	if (ds->n_presets == 0)
		errx(1, "%s: no presets", path);
	b.m = ds->model;
	/* A copy: the preset is the baseline the explorer compares with. */
	b.sc = cr_scenario_copy(b.m, ds->presets[0].scenario);
	b.s = cr_scores_new(b.m);
	if (cr_score(b.m, b.sc, b.s, &cause) == -1)
		errx(1, "score: %s", cause);
	if ((dim = b.m->nodes[0].first_child) < 0 ||
	    (leaf = deepest_leaf(b.m)) < 0)
		errx(1, "%s: the framework has no dimension", path);

	printf("data set: %s (%zu entities, %zu nodes, %zu leaves)\n", path,
	    b.m->n_entities, b.m->n_nodes, b.m->n_leaves);
	printf("%d repetitions; CPU microseconds per call\n\n", reps);
	printf("%-40s %10s %10s %10s\n", "", "median", "min", "max");

	node = dim;
	snprintf(label, sizeof label, "weight change, dimension (%s)",
	    b.m->nodes[node].code);
	for (r = 0; r < reps; r++)
		v[r] = time_changes(&b, node, iters);
	report(label, v, reps);

	node = leaf;
	snprintf(label, sizeof label, "weight change, leaf (%s, depth %d)",
	    b.m->nodes[node].code, b.m->nodes[node].depth);
	for (r = 0; r < reps; r++)
		v[r] = time_changes(&b, node, iters);
	report(label, v, reps);

	/* A full score is much slower: fewer calls give the same time. */
	full_iters = iters / 10 > 0 ? iters / 10 : 1;
	for (r = 0; r < reps; r++)
		v[r] = time_full(&b, full_iters);
	report("full cr_score", v, reps);

	for (r = 0; r < reps; r++)
		v[r] = time_load(path);
	report("cr_db_load, whole data set", v, reps);

	printf("\nweight change: %d calls per repetition; full score: %d\n",
	    iters, full_iters);
	cr_scores_free(b.s);
	cr_scenario_free(b.sc);
	cr_dataset_free(ds);
	return (0);
}
