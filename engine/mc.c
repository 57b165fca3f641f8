/*
 * Uncertainty analysis (mc.h): preparing a run, running samples on
 * threads, and what they say of each unit.
 */
#include "config.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_version.h>

#include "cause.h"
#include "mc_priv.h"
#include "xmalloc.h"

void
cr_mc_spec_init(struct cr_mc_spec *sp)
{
	memset(sp, 0, sizeof(*sp));
	sp->node = 0;
	sp->weights = 1;
	sp->level = 0;
	sp->dist = CR_MC_UNIFORM;
	sp->noise = 0.25;
	sp->conc = 100;
	sp->samples = 1000;
	sp->seed = 1;
	sp->top = 10;
}

static int
check_spec(const struct cr_model *m, const struct cr_mc_spec *sp,
    char **cause)
{
	if (sp->node < 0 || (size_t)sp->node >= m->n_nodes)
		return cr_cause(cause, "no node %d to analyse", sp->node);
	if (m->nodes[sp->node].leaf != -1)
		return cr_cause(cause, "%s is an indicator: no weights beneath "
		    "it", m->nodes[sp->node].code);
	if (m->n_entities == 0)
		return cr_cause(cause, "the data set has no units");
	if (sp->samples < 1 || sp->samples > CR_MC_SAMPLES_MAX)
		return cr_cause(cause, "samples must be 1 to %d",
		    CR_MC_SAMPLES_MAX);
	if (sp->dist == CR_MC_UNIFORM && !(sp->noise >= 0 && sp->noise < 1))
		return cr_cause(cause, "noise must be at least 0 and below 1");
	if (sp->dist == CR_MC_DIRICHLET &&
	    !(sp->conc > 0 && sp->conc <= CR_MC_CONC_MAX))
		return cr_cause(cause, "the concentration must be above 0 and "
		    "at most %g", CR_MC_CONC_MAX);
	if (sp->top < 1)
		return cr_cause(cause, "top must be 1 or more");
	if (sp->level < 0)
		return cr_cause(cause, "the level must be 0 (every level) or "
		    "a depth");
	if (sp->norms >= 1u << CR_NORM_COUNT || sp->aggs >= 1u << CR_AGG_COUNT)
		return cr_cause(cause, "unknown method in the sets");
	return 0;
}

/*
 * mc_eval.c aggregates by the arithmetic and geometric means only, one
 * at every depth: the scenario's, or each drawn from the set.
 */
static int
check_aggs(const struct cr_model *m, const struct cr_mc_spec *sp,
    const struct cr_scenario *base, char **cause)
{
	int	i;

	if (sp->aggs == 0)
		return cr_scenario_solvable(m, base,
		    "the robustness analysis", cause);
	for (i = 0; i < CR_AGG_COUNT; i++)
		if ((sp->aggs & (1u << i)) && cr_agg_solvable((enum cr_agg)i,
		    "the robustness analysis", cause) == -1)
			return -1;
	return 0;
}

/* Every depth its scenario's own aggregation no more. */
static void
clear_levels(struct cr_scenario *sc)
{
	while (sc->n_levels > 0)
		cr_scenario_set_level_agg(sc, sc->n_levels - 1, NULL);
}

/*
 * The base's aggregation as the global one alone: the one it uses at
 * every depth (check_aggs() saw there is one, unless the methods are
 * drawn, and then a drawn one is used at every depth).
 */
static void
one_agg(const struct cr_model *m, struct cr_scenario *sc)
{
	struct cr_agg_spec	 a;
	int			 uniform;

	uniform = cr_scenario_uniform_agg(m, sc, &a) == 0;
	clear_levels(sc);
	if (uniform)
		cr_scenario_set_agg(sc, &a);
}

/* The methods drawn from, in enum order; the scenario's when none. */
static void
method_sets(struct cr_mc *mc)
{
	int	i;

	for (i = 0; i < CR_NORM_COUNT; i++)
		if (mc->spec.norms & (1u << i))
			mc->norm[mc->n_norm++] = (enum cr_norm)i;
	if (mc->n_norm == 0)
		mc->norm[mc->n_norm++] = mc->base->norm;
	for (i = 0; i < CR_AGG_COUNT; i++)
		if (mc->spec.aggs & (1u << i))
			mc->agg[mc->n_agg++] = (enum cr_agg)i;
	if (mc->n_agg == 0)
		mc->agg[mc->n_agg++] = mc->base->agg;
}

int
cr_mc_new(const struct cr_model *m, const struct cr_scenario *base,
    const struct cr_mc_spec *sp, struct cr_mc **out, char **cause)
{
	struct cr_mc	*mc;

	if (!m->frozen)
		return cr_cause(cause, "the model is not frozen");
	if (check_spec(m, sp, cause) == -1 ||
	    check_aggs(m, sp, base, cause) == -1 ||
	    cr_scenario_check(m, base, cause) == -1)
		return -1;
	mc = xcalloc(1, sizeof(*mc));
	mc->m = m;
	mc->spec = *sp;
	mc->ne = m->n_entities;
	mc->base = cr_scenario_copy(m, base);
	one_agg(m, mc->base);
	mc->done = xmalloc(sizeof(*mc->done));
	atomic_init(mc->done, 0);
	method_sets(mc);
	if (mc_factors(mc, cause) == -1 || mc_prepare(mc, cause) == -1) {
		cr_mc_free(mc);
		return -1;
	}
	*out = mc;
	return 0;
}

void
cr_mc_free(struct cr_mc *mc)
{
	if (mc == NULL)
		return;
	mc_rows_free(mc);
	cr_scenario_free(mc->base);
	free(mc->factor);
	free(mc->group);
	free(mc->vary);
	free(mc->order);
	free(mc->nominal_score);
	free(mc->nominal_rank);
	free(mc->done);
	free(mc);
}

const struct cr_mc_spec *
cr_mc_spec(const struct cr_mc *mc)
{
	return &mc->spec;
}

const struct cr_model *
cr_mc_model(const struct cr_mc *mc)
{
	return mc->m;
}

size_t
cr_mc_factors(const struct cr_mc *mc, const struct cr_factor **f)
{
	*f = mc->factor;
	return mc->n_factors;
}

size_t
cr_mc_norms(const struct cr_mc *mc, const enum cr_norm **n)
{
	*n = mc->norm;
	return mc->n_norm;
}

size_t
cr_mc_aggs(const struct cr_mc *mc, const enum cr_agg **a)
{
	*a = mc->agg;
	return mc->n_agg;
}

const double *
cr_mc_nominal_score(const struct cr_mc *mc)
{
	return mc->nominal_score;
}

const int *
cr_mc_nominal_rank(const struct cr_mc *mc)
{
	return mc->nominal_rank;
}

void
cr_mc_result_init(struct cr_mc_result *r)
{
	memset(r, 0, sizeof(*r));
}

void
cr_mc_result_free(struct cr_mc_result *r)
{
	free(r->score);
	free(r->rank);
	cr_mc_result_init(r);
}

size_t
cr_mc_done(const struct cr_mc *mc)
{
	return atomic_load(mc->done);
}

/* What the threads of one cr_mc_run() share. */
struct run {
	const struct cr_mc	*mc;
	size_t			 from, to;
	size_t			 b_end;
	atomic_size_t		 next;		/* the next block to take */
	atomic_int		 stop;
	volatile sig_atomic_t	*cancel;
	cr_mc_progress_fn	 progress;
	void			*arg;
	struct cr_mc_result	*res;
};

/*
 * A block's samples from its start, so that each sample's draw is the
 * same whatever range asked for it; only those in range are scored.
 * The draws come first; then the block is scored a chunk of units at a
 * time, every sample of the block on one chunk while its rows are in
 * cache; then each sample is ranked.
 */
static int
run_block(struct run *rn, struct mc_ws *ws, size_t b)
{
	const struct cr_mc	*mc = rn->mc;
	size_t			 nn = mc->m->n_nodes, ne = mc->ne;
	size_t			 s, s0, s1, k, e0, e1;
	double			*w = ws->w, *out;
	const double		*v;

	gsl_rng_set(ws->r, mc_block_seed(mc->spec.seed, CR_STREAM_MC, b));
	s1 = (b + 1) * CR_MC_BLOCK;
	if (s1 > rn->to)
		s1 = rn->to;
	s0 = b * CR_MC_BLOCK < rn->from ? rn->from : b * CR_MC_BLOCK;
	for (s = b * CR_MC_BLOCK; s < s1; s++) {
		mc_draw(mc, ws);
		if (s < s0)
			continue;
		k = s - s0;
		memcpy(ws->bw + k * nn, ws->w, nn * sizeof(*ws->w));
		ws->bnorm[k] = ws->norm;
		ws->bagg[k] = ws->agg;
	}
	for (e0 = 0; e0 < ne; e0 = e1) {
		e1 = e0 + MC_CHUNK < ne ? e0 + MC_CHUNK : ne;
		if ((rn->cancel != NULL && *rn->cancel) ||
		    atomic_load(&rn->stop)) {
			atomic_store(&rn->stop, 1);
			ws->w = w;
			return -1;
		}
		for (s = s0; s < s1; s++) {
			k = s - s0;
			ws->w = ws->bw + k * nn;
			ws->norm = ws->bnorm[k];
			ws->agg = ws->bagg[k];
			v = mc_eval_range(mc, ws, e0, e1);
			out = rn->res->score + (s - rn->from) * ne;
			memcpy(out + e0, v + e0, (e1 - e0) * sizeof(*v));
		}
	}
	ws->w = w;
	for (s = s0; s < s1; s++) {
		out = rn->res->score + (s - rn->from) * ne;
		cr_rank(out, ne, 1, rn->res->rank + (s - rn->from) * ne, 1);
	}
	atomic_fetch_add(mc->done, s1 > s0 ? s1 - s0 : 0);
	return 0;
}

static void
work(struct run *rn, int caller)
{
	struct mc_ws	 ws;
	size_t		 b;

	mc_ws_init(rn->mc, &ws);
	while ((b = atomic_fetch_add(&rn->next, 1)) < rn->b_end) {
		if (run_block(rn, &ws, b) == -1)
			break;
		if (caller && rn->progress != NULL)
			rn->progress(atomic_load(rn->mc->done),
			    rn->to - rn->from, rn->arg);
	}
	mc_ws_free(&ws);
}

static void *
worker(void *arg)
{
	work(arg, 0);
	return NULL;
}

uint64_t
cr_mc_bytes(const struct cr_mc *mc, size_t samples)
{
	uint64_t	n = samples, ne = mc->ne;

	return (n * ne * (sizeof(double) + sizeof(int)) +
	    (n + 1) * sizeof(double) + (ne + 1) * sizeof(size_t));
}

int
cr_mc_run(const struct cr_mc *mc, size_t from, size_t to, int threads,
    volatile sig_atomic_t *cancel, cr_mc_progress_fn progress, void *arg,
    struct cr_mc_result *res)
{
	struct run	 rn;
	pthread_t	*tid;
	int		 i, started;

	if (to > mc->spec.samples)
		to = mc->spec.samples;
	if (from > to)
		from = to;
	cr_mc_result_init(res);
	res->n_entities = mc->ne;
	res->from = from;
	res->to = to;
	res->score = xreallocarray(NULL, (to - from) * mc->ne + 1,
	    sizeof(*res->score));
	res->rank = xreallocarray(NULL, (to - from) * mc->ne + 1,
	    sizeof(*res->rank));
	memset(&rn, 0, sizeof(rn));
	rn.mc = mc;
	rn.from = from;
	rn.to = to;
	rn.b_end = (to + CR_MC_BLOCK - 1) / CR_MC_BLOCK;
	atomic_init(&rn.next, from / CR_MC_BLOCK);
	atomic_init(&rn.stop, 0);
	rn.cancel = cancel;
	rn.progress = progress;
	rn.arg = arg;
	rn.res = res;
	atomic_store(mc->done, 0);
	if (threads < 1)
		threads = 1;
	tid = xcalloc((size_t)threads, sizeof(*tid));
	/* A thread that cannot start leaves its share to the others. */
	for (started = 0, i = 1; i < threads; i++)
		if (pthread_create(&tid[started], NULL, worker, &rn) == 0)
			started++;
	work(&rn, 1);
	for (i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	free(tid);
	if (atomic_load(&rn.stop)) {
		cr_mc_result_free(res);
		return CR_MC_CANCELLED;
	}
	return 0;
}

void
cr_mc_sample_scenario(const struct cr_mc *mc, size_t sample,
    struct cr_scenario *sc)
{
	struct mc_ws	 ws;
	size_t		 s, b = sample / CR_MC_BLOCK;

	mc_ws_init(mc, &ws);
	gsl_rng_set(ws.r, mc_block_seed(mc->spec.seed, CR_STREAM_MC, b));
	for (s = b * CR_MC_BLOCK; s <= sample; s++)
		mc_draw(mc, &ws);
	memcpy(sc->weight, ws.w, mc->m->n_nodes * sizeof(*sc->weight));
	sc->norm = mc->norm[ws.norm];
	sc->norm_lo = mc->base->norm_lo;
	sc->norm_hi = mc->base->norm_hi;
	if (sc->norm == CR_NORM_MINMAX && mc->base->norm != CR_NORM_MINMAX) {
		sc->norm_lo = 0;
		sc->norm_hi = 100;
	}
	sc->agg = mc->agg[ws.agg];
	clear_levels(sc);
	mc_ws_free(&ws);
}

double
mc_rank_change(const struct cr_mc *mc, const int *rank)
{
	size_t	e, n = 0;
	double	sum = 0;

	for (e = 0; e < mc->ne; e++) {
		if (rank[e] == 0 || mc->nominal_rank[e] == 0)
			continue;
		sum += abs(rank[e] - mc->nominal_rank[e]);
		n++;
	}
	return n > 0 ? sum / (double)n : 0;
}

/*
 * GSL's interpolation, but equal neighbours give their value exactly:
 * (1 - d) x + d x can be an ulp off x, and with no spread a band must
 * be the value itself.
 */
static double
between(double lo, double hi, double delta)
{
	return lo == hi ? lo : (1 - delta) * lo + delta * hi;
}

/* The same quantile of sorted values. */
static double
quantile_sorted(const double *v, size_t n, double f)
{
	double	 h = f * (double)(n - 1);
	size_t	 k = (size_t)h;

	return between(v[k], k + 1 < n ? v[k + 1] : v[k], h - (double)k);
}

/*
 * gsl_stats_quantile_from_sorted_data()'s quantile, with the two order
 * statistics it reads found by selection: O(n), not a sort.  buf is
 * permuted, its values kept.
 */
static double
quantile_select(double *buf, size_t n, double f)
{
	double	 h = f * (double)(n - 1), lo, hi;
	size_t	 k = (size_t)h;

	lo = gsl_stats_select(buf, 1, n, k);
	hi = k + 1 < n ? gsl_stats_select(buf, 1, n, k + 1) : lo;
	return between(lo, hi, h - (double)k);
}

/*
 * Ranks are whole numbers in a narrow band: counted over the band
 * they come out sorted in O(samples + band).
 */
static void
rank_stats(const struct cr_mc *mc, const struct cr_mc_result *r, size_t e,
    double *buf, size_t **cntp, size_t *cap, struct cr_mc_unit *u)
{
	size_t	 s, n = r->to - r->from, k = 0, top = 0, i, j, *cnt;
	int	 lo = INT32_MAX, hi = 0, v;
	double	 sum = 0;

	for (s = 0; s < n; s++) {
		v = r->rank[s * mc->ne + e];
		if (v == 0)
			continue;
		lo = v < lo ? v : lo;
		hi = v > hi ? v : hi;
	}
	if (hi == 0)
		return;
	if ((size_t)(hi - lo + 1) > *cap) {
		*cap = (size_t)(hi - lo + 1);
		*cntp = xreallocarray(*cntp, *cap, sizeof(**cntp));
	}
	cnt = *cntp;
	memset(cnt, 0, (size_t)(hi - lo + 1) * sizeof(*cnt));
	for (s = 0; s < n; s++)
		if ((v = r->rank[s * mc->ne + e]) != 0)
			cnt[v - lo]++;
	for (i = 0; i <= (size_t)(hi - lo); i++) {
		for (j = 0; j < cnt[i]; j++)
			buf[k++] = (double)lo + (double)i;
		sum += (double)cnt[i] * ((double)lo + (double)i);
		if ((double)lo + (double)i <= mc->spec.top)
			top += cnt[i];
	}
	u->ranked = k;
	u->mean_rank = sum / (double)k;
	u->median_rank = quantile_sorted(buf, k, 0.5);
	u->p05_rank = quantile_sorted(buf, k, 0.05);
	u->p95_rank = quantile_sorted(buf, k, 0.95);
	u->p_top = (double)top / (double)n;
}

static void
score_stats(const struct cr_mc *mc, const struct cr_mc_result *r, size_t e,
    double *buf, struct cr_mc_unit *u)
{
	size_t	s, n = r->to - r->from, k = 0;
	double	v;

	for (s = 0; s < n; s++)
		if (!isnan(v = r->score[s * mc->ne + e]))
			buf[k++] = v;
	if (k == 0)
		return;
	u->score_p05 = quantile_select(buf, k, 0.05);
	u->score_p95 = quantile_select(buf, k, 0.95);
}

void
cr_mc_summarise(const struct cr_mc *mc, const struct cr_mc_result *r,
    struct cr_mc_unit *out)
{
	size_t	 e, n = r->to - r->from;
	double	*buf = xreallocarray(NULL, n + 1, sizeof(*buf));
	size_t	 cap = mc->ne + 1;
	size_t	*cnt = xreallocarray(NULL, cap, sizeof(*cnt));

	for (e = 0; e < mc->ne; e++) {
		out[e] = (struct cr_mc_unit){ mc->nominal_rank[e], 0, NAN,
		    NAN, NAN, NAN, NAN, NAN, n > 0 ? 0 : NAN };
		rank_stats(mc, r, e, buf, &cnt, &cap, &out[e]);
		score_stats(mc, r, e, buf, &out[e]);
	}
	free(buf);
	free(cnt);
}

const char *
cr_mc_rng_version(void)
{
	return gsl_version;
}
