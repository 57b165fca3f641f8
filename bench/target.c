/*
 * target: the CPU cost of the stability intervals, the rank-flip
 * distances and the target solver on the bundled data set, in process.
 * A benchmark, not a test: it reports medians and judges nothing.
 *
 *	target [-r repetitions] [data set]
 *
 * Cases, each timed r times with the process CPU clock (median, min,
 * max in milliseconds):
 *	every stability interval: every weight that moves the index, the
 *	    ranking's interval and every city's rank's (cr_stab_units(),
 *	    one call a weight); the same with one cr_stab_interval() per
 *	    weight and city; one weight (strategy) and one city
 *	every flip: cr_flips_all() for every city
 *	target rank: Wuhan (7th) to rank 5, a MIP with a binary a city
 *	target above: Harbin above Yancheng, an LP
 *	target infeasible: Harbin to rank 1, proven infeasible, with the
 *	    best rank's MIP after
 *	target range: best and worst rank of every city, 52 MIPs
 * Each target answer includes its re-scoring through cr_score().
 *
 * Build (bench/target.sh does this):
 *	cc -O2 -Ibuild -Iengine -Idb -o target bench/target.c \
 *	    build/libdb.a build/libengine.a -lsqlite3 -lxxhash -lglpk -lm
 */
#include "config.h"

#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "model.h"
#include "score.h"
#include "stability.h"
#include "target.h"
#include "bench.h"

#define MAX_REPS	1001

struct ctx {
	const struct cr_model	*m;
	struct cr_scenario	*sc;
	struct cr_scores	*s;
	struct cr_target_spec	 sp;
	int			 root;
	struct cr_flip		*up, *down;
	struct cr_reach		*reach;
	struct cr_stab		*st;
};

static void
report(const char *what, double *v, int n)
{
	double	med = median(v, n);

	printf("%-36s %10.3f %10.3f %10.3f\n", what, med / 1e3, v[0] / 1e3,
	    v[n - 1] / 1e3);
}

static void
all_intervals(struct ctx *c)
{
	int	 nodes[256];
	size_t	 nw, w;

	nw = cr_stab_weights(c->m, 0, nodes);
	for (w = 0; w < nw; w++)
		if (cr_stab_units(c->m, c->sc, c->s, 0, nodes[w], c->st,
		    NULL) == -1)
			errx(1, "interval");
}

/* The same, one call a weight and city: what a view asking each pays. */
static void
one_by_one(struct ctx *c)
{
	struct cr_stab	 st;
	int		 nodes[256];
	size_t		 nw, w, e;

	nw = cr_stab_weights(c->m, 0, nodes);
	for (w = 0; w < nw; w++)
		for (e = 0; e < c->m->n_entities; e++)
			if (cr_stab_interval(c->m, c->sc, c->s, 0, nodes[w],
			    (int)e, &st, NULL) == -1)
				errx(1, "interval");
}

/* One weight and one city: the explorer's weights view, per key. */
static void
one_interval(struct ctx *c)
{
	struct cr_stab	 st;

	if (cr_stab_interval(c->m, c->sc, c->s, 0, 1, 6, &st, NULL) == -1)
		errx(1, "interval");
}

static void
all_flips(struct ctx *c)
{
	if (cr_flips_all(c->m, c->sc, c->s, 0, c->up, c->down, NULL, NULL,
	    NULL) == -1)
		errx(1, "flips");
}

static int
ent(const struct cr_model *m, const char *code)
{
	int	e = cr_model_find_entity(m, code);

	if (e < 0)
		errx(1, "no %s in the data set", code);
	return (e);
}

static void
rank_case(struct ctx *c, const char *code, int k, int want)
{
	struct cr_target	 o;
	char			*why = NULL;

	if (cr_target_rank(c->m, c->sc, c->s, &c->sp, ent(c->m, code), k, &o,
	    &why) == -1)
		errx(1, "target: %s", why);
	if ((int)o.status != want)
		errx(1, "target %s %d: status %d", code, k, o.status);
	cr_target_clear(&o);
}

static void
t_rank(struct ctx *c)
{
	rank_case(c, "wuhan", 5, CR_TARGET_FOUND);
}

static void
t_infeasible(struct ctx *c)
{
	rank_case(c, "harbin", 1, CR_TARGET_INFEASIBLE);
}

static void
t_above(struct ctx *c)
{
	struct cr_target	 o;
	char			*why = NULL;

	if (cr_target_above(c->m, c->sc, c->s, &c->sp, ent(c->m, "harbin"),
	    ent(c->m, "yancheng"), &o, &why) == -1 ||
	    o.status != CR_TARGET_FOUND)
		errx(1, "target above: %s", why ? why : "not found");
	cr_target_clear(&o);
}

static void
t_range(struct ctx *c)
{
	char	*why = NULL;

	if (cr_target_range(c->m, c->sc, c->s, &c->sp, c->reach, NULL, NULL,
	    &why) == -1)
		errx(1, "range: %s", why);
}

static void
time_case(struct ctx *c, const char *what, void (*fn)(struct ctx *),
    int reps)
{
	static double	 v[MAX_REPS];
	double		 t0;
	int		 r;

	fn(c);
	for (r = 0; r < reps; r++) {
		t0 = cpu_us();
		fn(c);
		v[r] = cpu_us() - t0;
	}
	report(what, v, reps);
}

int
main(int argc, char **argv)
{
	struct cr_dataset	*ds;
	struct ctx		 c;
	const char		*path = "build/cityrank.db";
	char			*cause = NULL, *end;
	int			 ch, reps = 21, nw, nodes[256];

	while ((ch = getopt(argc, argv, "r:")) != -1) {
		switch (ch) {
		case 'r':
			reps = (int)strtol(optarg, &end, 10);
			if (*end != '\0' || reps < 1 || reps > MAX_REPS)
				errx(1, "-r: from 1 to %d", MAX_REPS);
			break;
		default:
			errx(1, "usage: target [-r repetitions] [data set]");
		}
	}
	if (optind < argc)
		path = argv[optind];
	if (cr_db_load(path, &ds, &cause) == -1)
		errx(1, "%s: %s", path, cause);
	memset(&c, 0, sizeof(c));
	c.m = ds->model;
	c.sc = cr_scenario_new(c.m, "bench");
	c.s = cr_scores_new(c.m);
	if (cr_score(c.m, c.sc, c.s, &cause) == -1)
		errx(1, "score: %s", cause);
	c.sp.by = 0;
	c.sp.groups = &c.root;
	c.sp.n_groups = 1;
	c.sp.floor = CR_TARGET_FLOOR;
	c.sp.norm = CR_TNORM_L1;
	c.sp.seconds = CR_TARGET_SECONDS;
	c.up = calloc(c.m->n_entities, sizeof(*c.up));
	c.down = calloc(c.m->n_entities, sizeof(*c.down));
	c.reach = calloc(c.m->n_entities, sizeof(*c.reach));
	c.st = calloc(c.m->n_entities, sizeof(*c.st));
	if (c.up == NULL || c.down == NULL || c.reach == NULL || c.st == NULL)
		err(1, NULL);
	nw = (int)cr_stab_weights(c.m, 0, nodes);
	printf("%zu cities, %d weights that move the index; %d "
	    "repetitions\n\n", c.m->n_entities, nw, reps);
	printf("%-36s %10s %10s %10s\n", "case (CPU ms)", "median", "min",
	    "max");
	time_case(&c, "every stability interval", all_intervals, reps);
	time_case(&c, "the same, a call each", one_by_one, reps);
	time_case(&c, "one weight, one city", one_interval, reps);
	time_case(&c, "every flip (up and down)", all_flips, reps);
	time_case(&c, "target: wuhan --rank 5 (MIP)", t_rank, reps);
	time_case(&c, "target: harbin --above yancheng (LP)", t_above, reps);
	time_case(&c, "target: harbin --rank 1 (none)", t_infeasible, reps);
	time_case(&c, "target --range (52 MIPs)", t_range, reps);
	free(c.up);
	free(c.down);
	free(c.reach);
	free(c.st);
	cr_scores_free(c.s);
	cr_scenario_free(c.sc);
	cr_dataset_free(ds);
	return (0);
}
