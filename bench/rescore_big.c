/*
 * rescore_big: the engine's CPU cost behind one weight key press on a
 * large data set (bench/scale.sh), in process.  A benchmark, not a
 * test: it reports medians and judges nothing.
 *
 *	rescore_big [-r repetitions] [-t ms] [-o cases] data set
 *
 * Like bench/rescore.c, but sized for 1,000 to 100,000 entities: the
 * number of calls per repetition is calibrated so that a repetition
 * takes at least -t ms of CPU (default 50), instead of being fixed.
 * One iteration changes one node's weight, alternating between its
 * default and the weight that raises its share among its siblings by
 * one percentage point (as the + key does), and calls
 * cr_score_weight_changed().  Timed, each as the median per call over
 * -r repetitions (default 11) of the process CPU clock:
 *
 *	pillar     the parent of the first leaf (re-aggregates its
 *	           parent, the grandparent... up to the root: 2 nodes in
 *	           a 4-level tree), then reads a rank of the index, as
 *	           the ranking's rank column does: since aggregates are
 *	           ranked when read, that ranks the index and only it
 *	top level  the root's first child (re-aggregates the root only),
 *	           and the same read
 *	cr_rank    ranking one node's column: the weight changes do one
 *	           per node they re-aggregate
 *	full       cr_score(): take each leaf's normalisation, aggregate,
 *	           rank the aggregates (a leaf's score is computed when
 *	           read, its rank counted or its column ranked when asked)
 *	profile    cr_profile() of the first entity right after a full
 *	           cr_score() (only the profile is timed): what a city's
 *	           detail page costs when first opened, every node's rank
 *	rank leaf  cr_scores_rank_all() of the first leaf right after a
 *	           full cr_score() (only the ranking is timed): what a
 *	           ranking by a leaf costs
 *	load       cr_db_load() of the whole file (fewer repetitions)
 *
 * -o names the cases to time, comma-separated (pillar, top, rank,
 * full, profile, leaf, load; default all); the memory table is printed
 * only with all of them.
 *
 * It also prints the bytes of the model's and the scores' arrays (the
 * memory a data set of this shape costs, array by array) and the
 * process's peak RSS with the data set and one set of scores loaded.
 *
 * Build (bench/scale.sh does this):
 *	cc -O2 -Ibuild -Iengine -Idb -o rescore_big bench/rescore_big.c \
 *	    build/libdb.a build/libengine.a -lsqlite3 -lxxhash -lm
 */
#include "config.h"

#include <sys/resource.h>

#include <err.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "model.h"
#include "profile.h"
#include "score.h"
#include "bench.h"

#define MAX_REPS	1001

struct bench {
	const struct cr_model	*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s;
	int			*rank;		/* scratch for cr_rank */
	long			 sink;		/* ranks read, kept */
};

/* Prints median, min and max, and the calls per repetition. */
static void
report(const char *what, double *v, int n, long calls)
{
	double	med = median(v, n);

	printf("%-44s %11.3f %11.3f %11.3f %8ld\n", what, med, v[0],
	    v[n - 1], calls);
}

/* The cases: each does n calls of one kind. */
enum what { W_CHANGE, W_RANK, W_FULL, W_PROFILE, W_RANK_LEAF };

/* A fresh full score, for the cases that time what follows one. */
static double
untimed_score(struct bench *b)
{
	double	 t0 = cpu_us();
	char	*cause = NULL;

	if (cr_score(b->m, b->sc, b->s, &cause) == -1)
		errx(1, "score: %s", cause);
	return (cpu_us() - t0);
}

/* Returns the CPU microseconds of untimed work done, to be taken off. */
static double
run(struct bench *b, enum what what, int node, long n)
{
	double	 w0 = b->sc->weight[node], w1, off = 0;
	char	*cause = NULL;
	int	 strong[3], weak[3], ns, nw;
	long	 i;

	switch (what) {
	case W_CHANGE:
		w1 = raised_weight(b->m, b->sc, node);
		for (i = 0; i < n; i++) {
			b->sc->weight[node] = i & 1 ? w0 : w1;
			if (cr_score_weight_changed(b->m, b->sc, b->s, node,
			    &cause) == -1)
				errx(1, "re-score: %s", cause);
			/* The ranking's rank column: the index ranked. */
			b->sink += cr_scores_rank(b->s, 0, 0);
		}
		/* Leave the scenario as found, and the scores to match. */
		b->sc->weight[node] = w0;
		if (cr_score_weight_changed(b->m, b->sc, b->s, node,
		    &cause) == -1)
			errx(1, "re-score: %s", cause);
		break;
	case W_RANK:
		/* The node's agg slot: its column of the aggregates' scores. */
		for (i = 0; i < n; i++)
			cr_rank(b->s->agg_score + (size_t)b->s->agg[node] *
			    b->m->n_entities, b->m->n_entities, 1, b->rank, 1);
		break;
	case W_FULL:
		for (i = 0; i < n; i++)
			if (cr_score(b->m, b->sc, b->s, &cause) == -1)
				errx(1, "score: %s", cause);
		break;
	case W_PROFILE:
		for (i = 0; i < n; i++) {
			off += untimed_score(b);
			cr_profile(b->m, b->s, 0, 3, strong, weak, &ns, &nw);
		}
		break;
	case W_RANK_LEAF:
		for (i = 0; i < n; i++) {
			off += untimed_score(b);
			cr_scores_rank_all(b->s, node);
		}
		break;
	}
	return (off);
}

/* Per-call CPU microseconds of one repetition of n calls. */
static double
time_run(struct bench *b, enum what what, int node, long n)
{
	double	t0 = cpu_us(), off;

	off = run(b, what, node, n);
	return ((cpu_us() - t0 - off) / (double)n);
}

/* Calls per repetition for at least min_us of CPU (one warm-up call). */
static long
calibrate(struct bench *b, enum what what, int node, double min_us)
{
	double	per = time_run(b, what, node, 1);
	long	n;

	if (per <= 0)
		per = 0.01;
	n = (long)(min_us / per) + 1;
	if (n > 10000000)
		n = 10000000;
	/* Weight changes alternate: an even count ends where it began. */
	if (what == W_CHANGE && n % 2)
		n++;
	return (n);
}

static void
measure(struct bench *b, const char *label, enum what what, int node,
    int reps, double min_us)
{
	static double	v[MAX_REPS];
	long		n = calibrate(b, what, node, min_us);
	int		r;

	for (r = 0; r < reps; r++)
		v[r] = time_run(b, what, node, n);
	report(label, v, reps, n);
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

static void
mem_row(const char *what, const char *shape, double bytes, double raw)
{
	printf("  %-28s %-26s %9.1f MB %6.2fx\n", what, shape, bytes / 1e6,
	    bytes / raw);
}

/*
 * The large arrays, by what allocates them (db.h, model.h, score.h), as
 * cityrank rank holds them: the data set, one struct cr_scores and a
 * ranks-only baseline (cr_scores_ranks_only).  Scores, ranks, missing
 * counts and provenance are stored for the aggregates only; a leaf's
 * ranks take entities x 4 bytes in each result once a whole column is
 * asked for, none here; rank normalisation adds the leaves' scores.
 * Bytes in use, not capacity; the peak RSS below is the check.
 */
static void
memory(const struct cr_dataset *ds, const struct cr_scores *s, long maxrss)
{
	const struct cr_model	*m = ds->model;
	double			 e = (double)m->n_entities;
	double			 l = (double)m->n_leaves;
	double			 nn = (double)m->n_nodes;
	double			 na = (double)s->n_aggs, raw, src, sc, tot, rk;
	size_t			 i, strings = 0;
	char			 what[64];

	raw = e * l * sizeof(double);
	src = 0;
	for (i = 0; i < m->n_entities; i++)
		strings += strlen(m->entities[i].code) +
		    strlen(m->entities[i].name_zh) +
		    strlen(m->entities[i].name_en) + 3;
	printf("\nmemory, array by array (raw values: %zu x %zu doubles "
	    "= %.1f MB)\n", m->n_entities, m->n_leaves, raw / 1e6);
	mem_row("model raw", "entities x leaves x 8", raw, raw);
	if (m->prov != NULL)
		mem_row("model prov", "entities x leaves x 1", e * l, raw);
	if (ds->value_source != NULL) {
		src = e * l * sizeof *ds->value_source;
		mem_row("dataset value_source", "entities x leaves x 4", src,
		    raw);
	} else if (ds->entity_source != NULL) {
		src = e * sizeof *ds->entity_source;
		mem_row("dataset entity_source", "entities x 4", src, raw);
	}
	/* Schema 10: the line of each unit's pack, and its source. */
	if (ds->entity_line.v != NULL) {
		mem_row("dataset entity_line", "entities x 4", e * 4, raw);
		src += e * 4;
	}
	if (ds->line_source != NULL) {
		mem_row("dataset line_source", "entities x 4", e * 4, raw);
		src += e * 4;
	}
	mem_row("entity structs + strings", "entities x 24 + text",
	    e * sizeof(struct cr_entity) + (double)strings, raw);
	rk = (double)na * s->rank_words * sizeof *s->agg_rank;
	sc = e * na * sizeof *s->agg_score + rk +
	    e * sizeof *s->ent_fact + l * sizeof *s->leaf_norm +
	    nn * sizeof *s->agg;
	mem_row("scores agg_score", "entities x aggregates x 8", e * na * 8,
	    raw);
	snprintf(what, sizeof what, "entities x aggs x %u bits",
	    s->rank_bits);
	mem_row("scores agg_rank", what, rk, raw);
	mem_row("scores ent_fact", "entities x 1", e, raw);
	mem_row("scores leaf_norm + agg", "leaves x 64 + nodes x 4",
	    l * sizeof *s->leaf_norm + nn * sizeof *s->agg, raw);
	mem_row("one struct cr_scores", "sum of the four above", sc, raw);
	mem_row("ranks-only baseline", what, rk, raw);
	tot = raw + (m->prov != NULL ? e * l : 0) + src +
	    e * sizeof(struct cr_entity) + (double)strings + sc + rk;
	mem_row("all of the above", "what cityrank rank holds", tot, raw);
	printf("  %-28s %-26s %9.1f MB %6.2fx\n", "peak RSS, this process",
	    "data set + 1 cr_scores", maxrss / 1e3, maxrss * 1e3 / raw);
	mem_row("+ one leaf's ranks, if asked", "entities x 4, per result",
	    e * sizeof **s->leaf_rank, raw);
	mem_row("+ leaf ranks, by rank norm", "entities x leaves x 4",
	    e * l * sizeof *s->leaf_rank2, raw);
}

/* Whether case is in the comma-separated list (NULL: every case). */
static int
wanted(const char *list, const char *name)
{
	size_t	 n = strlen(name);
	const char *p;

	if (list == NULL)
		return (1);
	for (p = list; (p = strstr(p, name)) != NULL; p += n)
		if ((p == list || p[-1] == ',') && (p[n] == ',' ||
		    p[n] == '\0'))
			return (1);
	return (0);
}

int
main(int argc, char **argv)
{
	static double		 v[MAX_REPS];
	struct cr_dataset	*ds;
	struct bench		 b;
	struct rusage		 ru;
	const char		*path;
	char			*cause = NULL, label[128];
	double			 min_us = 50e3;
	int			 ch, reps = 11, r, pillar, top, leaf;
	int			 load_reps;
	const char		*only = NULL;

	while ((ch = getopt(argc, argv, "r:t:o:")) != -1) {
		switch (ch) {
		case 'r':
			reps = number(optarg, 1, MAX_REPS);
			break;
		case 't':
			min_us = number(optarg, 1, 60000) * 1e3;
			break;
		case 'o':
			only = optarg;
			break;
		default:
			fprintf(stderr, "usage: rescore_big [-r repetitions] "
			    "[-t ms] [-o cases] data set\n");
			return (1);
		}
	}
	if (optind + 1 != argc)
		errx(1, "usage: rescore_big [-r repetitions] [-t ms] "
		    "data set");
	path = argv[optind];

	/* As cityrank does: SQLite without mutexes or statistics. */
	cr_db_init();
	if (cr_db_load(path, &ds, &cause) == -1)
		errx(1, "%s: %s", path, cause);
	b.m = ds->model;
	/* A copy: the preset is the baseline the explorer compares with. */
	b.sc = cr_scenario_copy(b.m, ds->presets[0].scenario);
	b.s = cr_scores_new(b.m);
	b.sink = 0;
	b.rank = calloc(b.m->n_entities, sizeof *b.rank);
	if (b.rank == NULL)
		err(1, "calloc");
	if (cr_score(b.m, b.sc, b.s, &cause) == -1)
		errx(1, "score: %s", cause);
	if ((top = b.m->nodes[0].first_child) < 0)
		errx(1, "%s: the framework has no top level", path);
	leaf = b.m->n_leaves > 0 ? b.m->leaf_node[0] : -1;
	pillar = leaf >= 0 ? b.m->nodes[leaf].parent : -1;
	if (pillar <= 0)
		errx(1, "%s: no pillar (a leaf's parent below the root)",
		    path);

	printf("data set: %s (%zu entities, %zu nodes, %zu leaves)\n", path,
	    b.m->n_entities, b.m->n_nodes, b.m->n_leaves);
	printf("%d repetitions of at least %.0f ms; CPU microseconds per "
	    "call\n\n", reps, min_us / 1e3);
	printf("%-44s %11s %11s %11s %8s\n", "", "median", "min", "max",
	    "calls");

	snprintf(label, sizeof label, "weight change, pillar (%s, depth %d)",
	    b.m->nodes[pillar].code, b.m->nodes[pillar].depth);
	if (wanted(only, "pillar"))
		measure(&b, label, W_CHANGE, pillar, reps, min_us);
	snprintf(label, sizeof label, "weight change, top level (%s)",
	    b.m->nodes[top].code);
	if (wanted(only, "top"))
		measure(&b, label, W_CHANGE, top, reps, min_us);
	if (wanted(only, "rank"))
		measure(&b, "cr_rank of one node (one per node redone)",
		    W_RANK, 0, reps, min_us);
	if (wanted(only, "full"))
		measure(&b, "full cr_score", W_FULL, 0, reps, min_us);
	if (wanted(only, "profile"))
		measure(&b, "cr_profile after a full cr_score", W_PROFILE, 0,
		    reps, min_us);
	snprintf(label, sizeof label, "rank_all of leaf %s after cr_score",
	    b.m->nodes[leaf].code);
	if (wanted(only, "leaf"))
		measure(&b, label, W_RANK_LEAF, leaf, reps, min_us);

	/* Before the loads below, which hold a second data set. */
	if (getrusage(RUSAGE_SELF, &ru) == -1)
		err(1, "getrusage");
	/* A load is long and allocates a lot: fewer repetitions. */
	load_reps = reps < 5 ? reps : 5;
	if (wanted(only, "load")) {
		for (r = 0; r < load_reps; r++)
			v[r] = time_load(path);
		report("cr_db_load, whole data set", v, load_reps, 1);
	}
	if (only == NULL)
		memory(ds, b.s, ru.ru_maxrss);
	free(b.rank);
	cr_scores_free(b.s);
	cr_scenario_free(b.sc);
	cr_dataset_free(ds);
	return (0);
}
