/*
 * Sobol indices (sobol.h): Saltelli's sampling of a prepared run's
 * factors, the estimators, and the bootstrap.
 */
#include "config.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "cause.h"
#include "mc_priv.h"
#include "sobol.h"
#include "xmalloc.h"

void
cr_sobol_init(struct cr_sobol *r)
{
	memset(r, 0, sizeof(*r));
}

void
cr_sobol_free(struct cr_sobol *r)
{
	free(r->first);
	free(r->first_lo);
	free(r->first_hi);
	free(r->total);
	free(r->total_lo);
	free(r->total_hi);
	cr_sobol_init(r);
}

/*
 * The estimate:
 * V = var(fA, fB), S_i = mean(fB (fAB_i - fA)) / V (Saltelli 2010),
 * ST_i = mean((fA - fAB_i)^2) / 2V (Jansen).
 */
static void
estimate(const double *fA, const double *fB, const double *fAB, size_t n,
    size_t d, double *first, double *total, double *var)
{
	double	 sum = 0, sq = 0, mean, v, a, b, s, t;
	size_t	 j, i;

	for (j = 0; j < n; j++)
		sum += fA[j] + fB[j];
	mean = sum / (double)(2 * n);
	for (j = 0; j < n; j++)
		sq += (fA[j] - mean) * (fA[j] - mean) +
		    (fB[j] - mean) * (fB[j] - mean);
	v = sq / (double)(2 * n);
	*var = v;
	for (i = 0; i < d; i++) {
		s = t = 0;
		for (j = 0; j < n; j++) {
			a = fAB[i * n + j];
			b = fA[j];
			s += fB[j] * (a - b);
			t += (b - a) * (b - a);
		}
		first[i] = v > 0 ? s / (double)n / v : NAN;
		total[i] = v > 0 ? t / (double)(2 * n) / v : NAN;
	}
}

/*
 * A resample only sums rows: each row's terms are computed once, one
 * row's together, fA, fB, their squares, then fB (fAB_i - fA) and
 * (fA - fAB_i)^2 for each factor.
 */
static double *
row_terms(const double *fA, const double *fB, const double *fAB, size_t n,
    size_t d)
{
	size_t	 w = 2 * d + 4, j, i;
	double	*t = xreallocarray(NULL, n * w + 1, sizeof(*t)), *r, a;

	for (j = 0; j < n; j++) {
		r = t + j * w;
		r[0] = fA[j];
		r[1] = fB[j];
		r[2] = fA[j] * fA[j];
		r[3] = fB[j] * fB[j];
		for (i = 0; i < d; i++) {
			a = fAB[i * n + j];
			r[4 + i] = fB[j] * (a - fA[j]);
			r[4 + d + i] = (fA[j] - a) * (fA[j] - a);
		}
	}
	return t;
}

/* What the bootstrap's threads share. */
struct boot {
	const double		*terms;
	size_t			 n, d, reps;
	uint64_t		 seed;
	double			*bs;	/* reps * 2d: first, then total */
	atomic_size_t		 next;
};

/* One resample's indices from sums of its rows' terms. */
static void
boot_one(const struct boot *bt, gsl_rng *r, double *sum, double *out)
{
	size_t		 w = 2 * bt->d + 4, k, c;
	const double	*row;
	double		 n = (double)bt->n, mean, v;

	memset(sum, 0, w * sizeof(*sum));
	for (k = 0; k < bt->n; k++) {
		row = bt->terms + gsl_rng_uniform_int(r, bt->n) * w;
		for (c = 0; c < w; c++)
			sum[c] += row[c];
	}
	mean = (sum[0] + sum[1]) / (2 * n);
	v = (sum[2] + sum[3]) / (2 * n) - mean * mean;
	for (c = 0; c < 2 * bt->d; c++)
		out[c] = v > 0 ? sum[4 + c] / (c < bt->d ? n : 2 * n) / v : NAN;
}

/* Replicate r resamples from its own stream: any thread, same numbers. */
static void *
boot_work(void *arg)
{
	struct boot	*bt = arg;
	gsl_rng		*r;
	double		*sum;
	size_t		 rep;

	if ((r = gsl_rng_alloc(gsl_rng_mt19937)) == NULL)
		xalloc_die();
	sum = xreallocarray(NULL, 2 * bt->d + 4, sizeof(*sum));
	while ((rep = atomic_fetch_add(&bt->next, 1)) < bt->reps) {
		gsl_rng_set(r, mc_block_seed(bt->seed, CR_STREAM_BOOT, rep));
		boot_one(bt, r, sum, bt->bs + rep * 2 * bt->d);
	}
	free(sum);
	gsl_rng_free(r);
	return NULL;
}

static void
run_threads(void *(*fn)(void *), void *arg, int threads)
{
	pthread_t	*tid;
	int		 i, started;

	if (threads < 1)
		threads = 1;
	tid = xcalloc((size_t)threads, sizeof(*tid));
	for (started = 0, i = 1; i < threads; i++)
		if (pthread_create(&tid[started], NULL, fn, arg) == 0)
			started++;
	fn(arg);
	for (i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	free(tid);
}

/* Percentile interval of column c of the replicates, NANs left out. */
static void
interval(const double *bs, size_t reps, size_t stride, size_t c,
    double conf, double *buf, double *lo, double *hi)
{
	size_t	r, k = 0;

	for (r = 0; r < reps; r++)
		if (!isnan(bs[r * stride + c]))
			buf[k++] = bs[r * stride + c];
	if (k == 0) {
		*lo = *hi = NAN;
		return;
	}
	gsl_sort(buf, 1, k);
	*lo = gsl_stats_quantile_from_sorted_data(buf, 1, k, (1 - conf) / 2);
	*hi = gsl_stats_quantile_from_sorted_data(buf, 1, k, (1 + conf) / 2);
}

static void
alloc_out(struct cr_sobol *out, size_t n, size_t d)
{
	out->d = d;
	out->n = n;
	out->first = xcalloc(d + 1, sizeof(double));
	out->first_lo = xcalloc(d + 1, sizeof(double));
	out->first_hi = xcalloc(d + 1, sizeof(double));
	out->total = xcalloc(d + 1, sizeof(double));
	out->total_lo = xcalloc(d + 1, sizeof(double));
	out->total_hi = xcalloc(d + 1, sizeof(double));
}

void
cr_sobol_indices(const double *fA, const double *fB, const double *fAB,
    size_t n, size_t d, const struct cr_sobol_opts *o, int threads,
    struct cr_sobol *out)
{
	struct boot	 bt;
	double		*buf, sum = 0;
	size_t		 i, j;

	alloc_out(out, n, d);
	out->evals = n * (d + 2);
	estimate(fA, fB, fAB, n, d, out->first, out->total, &out->var);
	for (j = 0; j < n; j++)
		sum += fA[j] + fB[j];
	out->mean = n > 0 ? sum / (double)(2 * n) : NAN;
	for (i = 0; i < d; i++) {
		out->first_lo[i] = out->first_hi[i] = NAN;
		out->total_lo[i] = out->total_hi[i] = NAN;
	}
	if (o->boot == 0 || n == 0 || !(out->var > 0))
		return;
	memset(&bt, 0, sizeof(bt));
	bt.terms = row_terms(fA, fB, fAB, n, d);
	bt.n = n;
	bt.d = d;
	bt.reps = o->boot;
	bt.seed = o->seed;
	bt.bs = xreallocarray(NULL, o->boot * 2 * d + 1, sizeof(double));
	atomic_init(&bt.next, 0);
	run_threads(boot_work, &bt, threads);
	buf = xreallocarray(NULL, o->boot + 1, sizeof(*buf));
	for (i = 0; i < d; i++) {
		interval(bt.bs, o->boot, 2 * d, i, o->conf, buf,
		    &out->first_lo[i], &out->first_hi[i]);
		interval(bt.bs, o->boot, 2 * d, d + i, o->conf, buf,
		    &out->total_lo[i], &out->total_hi[i]);
	}
	free(buf);
	free(bt.bs);
	free((double *)bt.terms);
}

/* What the sampling threads share. */
struct saltelli {
	const struct cr_mc	*mc;
	const struct cr_sobol_opts *o;
	size_t			 n, d, b_end;
	double			*fA, *fB, *fAB;
	atomic_size_t		 next;
	atomic_int		 stop;
	volatile sig_atomic_t	*cancel;
	cr_mc_progress_fn	 progress;
	void			*arg;
	pthread_t		 caller;
};

/* The output of the sample in ws->u. */
static double
output(const struct saltelli *st, struct mc_ws *ws, int *rank)
{
	const struct cr_mc	*mc = st->mc;
	const double		*v;

	mc_apply_u(mc, ws);
	v = mc_eval(mc, ws);
	cr_rank(v, mc->ne, 1, rank, 1);
	if (st->o->unit >= 0)
		return rank[st->o->unit] > 0 ? rank[st->o->unit] : NAN;
	return mc_rank_change(mc, rank);
}

/* Row j: A and B drawn from the block's stream, then d + 2 outputs. */
static void
saltelli_row(struct saltelli *st, struct mc_ws *ws, double *a, double *b,
    int *rank, size_t j)
{
	size_t	d = st->d, i, k;

	for (k = 0; k < d; k++)
		a[k] = gsl_rng_uniform(ws->r);
	for (k = 0; k < d; k++)
		b[k] = gsl_rng_uniform(ws->r);
	memcpy(ws->u, a, d * sizeof(*a));
	st->fA[j] = output(st, ws, rank);
	memcpy(ws->u, b, d * sizeof(*b));
	st->fB[j] = output(st, ws, rank);
	for (i = 0; i < d; i++) {
		memcpy(ws->u, a, d * sizeof(*a));
		ws->u[i] = b[i];
		st->fAB[i * st->n + j] = output(st, ws, rank);
	}
}

static void *
saltelli_work(void *arg)
{
	struct saltelli	*st = arg;
	struct mc_ws	 ws;
	double		*a, *b;
	int		*rank, caller = pthread_equal(pthread_self(), st->caller);
	size_t		 blk, j, j1;

	mc_ws_init(st->mc, &ws);
	a = xcalloc(st->d + 1, sizeof(*a));
	b = xcalloc(st->d + 1, sizeof(*b));
	rank = xcalloc(st->mc->ne + 1, sizeof(*rank));
	while (!atomic_load(&st->stop) &&
	    (blk = atomic_fetch_add(&st->next, 1)) < st->b_end) {
		gsl_rng_set(ws.r, mc_block_seed(st->mc->spec.seed,
		    CR_STREAM_SOBOL, blk));
		j1 = (blk + 1) * CR_MC_BLOCK < st->n ?
		    (blk + 1) * CR_MC_BLOCK : st->n;
		for (j = blk * CR_MC_BLOCK; j < j1; j++) {
			if (st->cancel != NULL && *st->cancel) {
				atomic_store(&st->stop, 1);
				break;
			}
			saltelli_row(st, &ws, a, b, rank, j);
		}
		atomic_fetch_add(st->mc->done, (j - blk * CR_MC_BLOCK) *
		    (st->d + 2));
		if (caller && st->progress != NULL)
			st->progress(atomic_load(st->mc->done),
			    st->n * (st->d + 2), st->arg);
	}
	free(a);
	free(b);
	free(rank);
	mc_ws_free(&ws);
	return NULL;
}

int
cr_sobol_run(const struct cr_mc *mc, const struct cr_sobol_opts *o,
    int threads, volatile sig_atomic_t *cancel, cr_mc_progress_fn progress,
    void *arg, struct cr_sobol *out, char **cause)
{
	struct saltelli		 st;
	struct cr_sobol_opts	 bo = *o;
	int			 stopped;

	cr_sobol_init(out);
	if (mc->spec.dist != CR_MC_UNIFORM)
		return cr_cause(cause, "Sobol indices need independent "
		    "factors: a Dirichlet draw moves a group's weights "
		    "together");
	if (o->n < 2)
		return cr_cause(cause, "Sobol indices need 2 or more base "
		    "samples");
	if (o->unit >= 0 && ((size_t)o->unit >= mc->ne ||
	    mc->nominal_rank[o->unit] == 0))
		return cr_cause(cause, "%s has no rank to follow",
		    (size_t)o->unit < mc->ne ?
		    mc->m->entities[o->unit].code : "the unit");
	memset(&st, 0, sizeof(st));
	st.mc = mc;
	st.o = o;
	st.n = o->n;
	st.d = mc->n_factors;
	st.b_end = (st.n + CR_MC_BLOCK - 1) / CR_MC_BLOCK;
	st.fA = xreallocarray(NULL, st.n, sizeof(double));
	st.fB = xreallocarray(NULL, st.n, sizeof(double));
	st.fAB = xreallocarray(NULL, st.n * st.d, sizeof(double));
	atomic_init(&st.next, 0);
	atomic_init(&st.stop, 0);
	st.cancel = cancel;
	st.progress = progress;
	st.arg = arg;
	st.caller = pthread_self();
	atomic_store(mc->done, 0);
	run_threads(saltelli_work, &st, threads);
	stopped = atomic_load(&st.stop);
	if (!stopped) {
		bo.seed = mc->spec.seed;
		cr_sobol_indices(st.fA, st.fB, st.fAB, st.n, st.d, &bo, threads,
		    out);
	}
	free(st.fA);
	free(st.fB);
	free(st.fAB);
	return stopped ? CR_MC_CANCELLED : 0;
}
