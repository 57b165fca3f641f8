/*
 * Helpers the in-process benchmarks share: CPU time, the median of a
 * series, and the weight that raises a node's share by one point.
 * Header-only: each benchmark is one file built by its script.
 */
#ifndef CR_BENCH_H
#define CR_BENCH_H

#include <err.h>
#include <stdlib.h>
#include <time.h>

#include "model.h"
#include "score.h"

static double
cpu_us(void)
{
	struct timespec	ts;

	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) == -1)
		err(1, "clock_gettime");
	return (ts.tv_sec * 1e6 + ts.tv_nsec / 1e3);
}

static int
cmp_double(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return (x < y ? -1 : x > y);
}

/* Sorts v; its median (v[0] and v[n - 1] are then the min and max). */
static double
median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return (n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2);
}

/*
 * The weight that raises node's share among its siblings by one
 * percentage point: w' / (w' + others) = share + 0.01.
 */
static double
raised_weight(const struct cr_model *m, const struct cr_scenario *sc,
    int node)
{
	double	others = 0, w = sc->weight[node], share;
	int	p = m->nodes[node].parent, ch;

	for (ch = m->nodes[p].first_child; ch >= 0;
	    ch = m->nodes[ch].next_sibling)
		if (ch != node)
			others += sc->weight[ch];
	if (others <= 0)
		return (w * 1.01);
	share = w / (w + others) + 0.01;
	if (share >= 1)
		return (w * 1.01);
	return (share * others / (1 - share));
}

#endif
