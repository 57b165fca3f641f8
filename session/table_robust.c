/*
 * cityrank robust: how far each unit's rank moves when the weights and
 * methods are drawn around the scenario, and which factor moves it.
 * Built apart from printing so the explorer can export the same table.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mc.h"
#include "session.h"
#include "sobol.h"
#include "tables.h"
#include "xmalloc.h"

static char *
set_text(const struct cr_mc *mc, int norms)
{
	const enum cr_norm	*n;
	const enum cr_agg	*a;
	size_t			 k, i;
	char			*s = xstrdup(""), *t;

	k = norms ? cr_mc_norms(mc, &n) : cr_mc_aggs(mc, &a);
	for (i = 0; i < k; i++) {
		t = xasprintf("%s%s%s", s, i > 0 ? ", " : "", norms ?
		    cr_norm_name(n[i]) : cr_agg_name(a[i]));
		free(s);
		s = t;
	}
	return s;
}

/* The factors by name: weights by node code, then the methods. */
char *
session_robust_factors(const struct cr_mc *mc)
{
	const struct cr_model	*m = cr_mc_model(mc);
	const struct cr_factor	*f;
	size_t			 n, i;
	char			*s = xstrdup(""), *t;

	n = cr_mc_factors(mc, &f);
	for (i = 0; i < n; i++) {
		t = xasprintf("%s%s%s", s, i > 0 ? " " : "",
		    f[i].kind == CR_FACTOR_WEIGHT ? m->nodes[f[i].node].code :
		    f[i].kind == CR_FACTOR_NORM ? "normalize" : "aggregate");
		free(s);
		s = t;
	}
	return s;
}

static void
spec_meta(struct session *ss, const struct cr_mc *mc, struct out_table *t,
    int sobol)
{
	const struct cr_mc_spec	*sp = cr_mc_spec(mc);
	const struct cr_model	*m = cr_mc_model(mc);
	const struct cr_factor	*f;
	const struct cr_node	*n = &m->nodes[sp->node];
	char			*s, *list;
	size_t			 nf;

	session_scenario_meta(ss, t);
	s = xasprintf("%s %s / %s", n->code, n->name_zh, n->name_en);
	out_meta(t, "analysed", s);
	free(s);
	s = xasprintf("%llu", (unsigned long long)sp->seed);
	out_meta(t, "seed", s);
	free(s);
	if (!sobol) {
		s = xasprintf("%zu", sp->samples);
		out_meta(t, "samples", s);
		free(s);
	}
	if (sp->weights) {
		if (sp->dist == CR_MC_DIRICHLET)
			s = xasprintf("Dirichlet around the shares, "
			    "concentration %g, %s", sp->conc,
			    sp->level == 0 ? "every level" : "level");
		else
			s = xasprintf("each times 1 +- %g%% (uniform), %s",
			    sp->noise * 100, sp->level == 0 ? "every level" :
			    "level");
		if (sp->level != 0) {
			list = xasprintf("%s %d", s, sp->level);
			free(s);
			s = list;
		}
		out_meta(t, "weights", s);
		free(s);
	}
	if (sp->norms != 0) {
		s = set_text(mc, 1);
		out_meta(t, "normalize drawn from", s);
		free(s);
	}
	if (sp->aggs != 0) {
		s = set_text(mc, 0);
		out_meta(t, "aggregate drawn from", s);
		free(s);
	}
	nf = cr_mc_factors(mc, &f);
	list = session_robust_factors(mc);
	s = xasprintf("%zu: %s", nf, list);
	out_meta(t, "uncertain factors", s);
	free(s);
	free(list);
}

static void
columns(struct out_table *t, int top)
{
	int	 text = out_is_text(t);
	char	*s;

	out_col(t, "nominal_rank", "Rank", 1);
	if (!text)
		out_col(t, "code", "Code", 0);
	out_col(t, "name", "City", 0);
	out_col(t, "name_en", "Pinyin", 0);
	out_col(t, "median_rank", "Median", 1);
	out_col(t, "mean_rank", "Mean", 1);
	out_col(t, "p05_rank", "P5", 1);
	out_col(t, "p95_rank", "P95", 1);
	out_col(t, "score", "Score", 1);
	out_col(t, "score_p05", "Score P5", 1);
	out_col(t, "score_p95", "Score P95", 1);
	s = xasprintf("P(top %d)", top);
	out_col(t, "p_top", s, 1);
	free(s);
	if (!text)
		out_col(t, "ranked", "Ranked", 1);
}

/* A quantile of ranks is whole, or between two places: one decimal. */
static void
rank_cell(struct out_table *t, double v)
{
	out_num(t, v, 1);
	if (!isnan(v) && v == floor(v))
		t->cells[t->ncells - 1].is_int = 1;
}

static void
row(struct session *ss, const struct cr_mc *mc, const struct cr_mc_unit *u,
    int e, struct out_table *t)
{
	const struct cr_model	*m = cr_mc_model(mc);
	int			 text = out_is_text(t);
	enum cr_prov		 prov;

	if (u->nominal_rank > 0)
		out_int(t, u->nominal_rank);
	else
		out_num(t, NAN, 0);
	if (!text)
		out_str(t, m->entities[e].code);
	out_str(t, m->entities[e].name_zh);
	out_str(t, m->entities[e].name_en);
	rank_cell(t, u->median_rank);
	out_num(t, u->mean_rank, 2);
	rank_cell(t, u->p05_rank);
	rank_cell(t, u->p95_rank);
	prov = cr_scores_prov(ss->scores, e, cr_mc_spec(mc)->node);
	out_num_mark(t, cr_mc_nominal_score(mc)[e], 2, session_prov_mark(prov));
	out_num(t, u->score_p05, 2);
	out_num(t, u->score_p95, 2);
	out_num(t, u->p_top, 3);
	if (!text)
		out_int(t, (long)u->ranked);
}

void
table_robust(struct session *ss, const struct cr_mc *mc,
    const struct cr_mc_unit *units, struct out_table *t)
{
	const struct cr_model	*m = cr_mc_model(mc);
	const struct cr_mc_spec	*sp = cr_mc_spec(mc);
	int			*order;
	size_t			 i;
	char			*s;

	spec_meta(ss, mc, t, 0);
	s = xasprintf("%d", sp->top);
	out_meta(t, "top", s);
	free(s);
	columns(t, sp->top);
	order = session_ranked_order(m, ss->scores, sp->node);
	for (i = 0; i < m->n_entities; i++)
		row(ss, mc, &units[order[i]], order[i], t);
	free(order);
	out_note(t, "Rank: under the scenario; Median, Mean, P5, P95: of the "
	    "rank over the samples (quantiles interpolated, so a half place "
	    "can show); Score P5-P95: the 5-95% band of the score; P(top "
	    "k): the share of samples in which it ranks k or better");
	out_note(t, "~ computed from reconstructed or estimated values, not "
	    "published by the source; method: doc/uncertainty.md");
}

void
table_sobol(struct session *ss, const struct cr_mc *mc,
    const struct cr_sobol *r, int unit, size_t boot, struct out_table *t)
{
	const struct cr_model	*m = cr_mc_model(mc);
	const struct cr_factor	*f;
	const struct cr_node	*n;
	size_t			 nf, i;
	char			*s;

	spec_meta(ss, mc, t, 1);
	s = xasprintf("%zu (%zu evaluations)", r->n, r->evals);
	out_meta(t, "base samples", s);
	free(s);
	if (unit >= 0)
		s = xasprintf("rank of %s %s / %s", m->entities[unit].code,
		    m->entities[unit].name_zh, m->entities[unit].name_en);
	else
		s = xstrdup("mean absolute rank change against the nominal "
		    "ranking");
	out_meta(t, "output", s);
	free(s);
	s = xasprintf("mean %.6g, variance %.6g", r->mean, r->var);
	out_meta(t, "output over A and B", s);
	free(s);
	s = xasprintf("%zu resamples, 95%% percentile intervals", boot);
	out_meta(t, "bootstrap", s);
	free(s);
	out_col(t, "factor", "Factor", 0);
	out_col(t, "name", "Name", 0);
	out_col(t, "first", "First", 1);
	out_col(t, "first_lo", "First lo", 1);
	out_col(t, "first_hi", "First hi", 1);
	out_col(t, "total", "Total", 1);
	out_col(t, "total_lo", "Total lo", 1);
	out_col(t, "total_hi", "Total hi", 1);
	nf = cr_mc_factors(mc, &f);
	for (i = 0; i < nf && i < r->d; i++) {
		if (f[i].kind == CR_FACTOR_WEIGHT) {
			n = &m->nodes[f[i].node];
			out_str(t, n->code);
			s = xasprintf("%s / %s", n->name_zh, n->name_en);
			out_str(t, s);
			free(s);
		} else {
			out_str(t, f[i].kind == CR_FACTOR_NORM ? "normalize" :
			    "aggregate");
			out_str(t, "method");
		}
		out_num(t, r->first[i], 3);
		out_num(t, r->first_lo[i], 3);
		out_num(t, r->first_hi[i], 3);
		out_num(t, r->total[i], 3);
		out_num(t, r->total_lo[i], 3);
		out_num(t, r->total_hi[i], 3);
	}
	if (!(r->var > 0))
		out_note(t, "the output does not vary over the samples: there "
		    "is no variance to share out, and no index");
	out_note(t, "First: the share of the output's variance a factor "
	    "explains alone (Saltelli 2010); Total: with its interactions "
	    "(Jansen); lo-hi: bootstrap interval; method: "
	    "doc/uncertainty.md");
}
