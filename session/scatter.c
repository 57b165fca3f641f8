/* The numbers behind a scatter plot. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plot.h"
#include "session.h"
#include "scatter.h"
#include "xmalloc.h"

int
axis_parse(const struct session *ss, const char *code, struct axis *a,
    char **cause)
{
	const struct cr_model	*m = ss->ds->model;

	a->node = cr_model_find_node(m, code);
	a->ctx = -1;
	if (a->node >= 0)
		return (0);
	a->ctx = cr_model_find_ctx(m, code);
	if (a->ctx >= 0 && m->ctx[a->ctx].kind == CR_CTX_NUM)
		return (0);
	*cause = xasprintf("'%s' is neither a node nor a numeric context "
	    "variable (see 'cityrank tree' and 'cityrank show CITY')", code);
	return (-1);
}

void
axis_defaults(const struct session *ss, struct axis *x, struct axis *y)
{
	x->node = -1;
	x->ctx = cr_model_find_ctx(ss->ds->model, "gdp_pc_2018");
	if (x->ctx < 0) {
		x->ctx = -1;
		x->node = ss->ds->model->nodes[0].first_child;
	}
	y->node = ss->by;
	y->ctx = -1;
}

const char *
axis_code(const struct session *ss, const struct axis *a)
{
	const struct cr_model	*m = ss->ds->model;

	return (a->node >= 0 ? m->nodes[a->node].code : m->ctx[a->ctx].code);
}

const char *
axis_title(const struct session *ss, const struct axis *a)
{
	return (a->node >= 0 ? session_node_name(ss, a->node) :
	    session_ctx_name(ss, a->ctx));
}

const char *
axis_unit(const struct session *ss, const struct axis *a)
{
	const struct cr_model	*m = ss->ds->model;

	return (a->node >= 0 ? m->nodes[a->node].unit : m->ctx[a->ctx].unit);
}

void
axis_cycle(const struct session *ss, struct axis *a, int dir)
{
	const struct cr_model	*m = ss->ds->model;
	int			 n = (int)(m->n_nodes + m->n_ctx), i;

	/* One index over nodes then variables; skip text variables. */
	i = a->node >= 0 ? a->node : (int)m->n_nodes + a->ctx;
	do {
		i = (i + dir + n) % n;
	} while (i >= (int)m->n_nodes &&
	    m->ctx[i - (int)m->n_nodes].kind != CR_CTX_NUM);
	a->node = i < (int)m->n_nodes ? i : -1;
	a->ctx = i < (int)m->n_nodes ? -1 : i - (int)m->n_nodes;
}

static double
value(const struct session *ss, const struct axis *a, size_t e,
    unsigned char *derived)
{
	const struct cr_model	*m = ss->ds->model;

	if (a->node >= 0) {
		*derived |= cr_prov_is_derived(cr_scores_prov(ss->scores,
		    (int)e, a->node)) != 0;
		return (cr_scores_score(ss->scores, (int)e, a->node));
	}
	*derived |= cr_prov_is_derived(m->ctx[a->ctx].prov[e]) != 0;
	return (m->ctx[a->ctx].num[e]);
}

static void
mark_largest(struct scatter *s)
{
	size_t	i, best;
	int	k;

	for (k = 0; k < SCATTER_HIGHLIGHT; k++) {
		best = SIZE_MAX;
		for (i = 0; i < s->n; i++) {
			if (isnan(scatter_resid(s, i)) || s->highlight[i])
				continue;
			if (best == SIZE_MAX || fabs(scatter_resid(s, i)) >
			    fabs(scatter_resid(s, best)))
				best = i;
		}
		if (best == SIZE_MAX)
			return;
		s->highlight[best] = 1;
	}
}

/* A measure's values as the session keeps them, NULL when it keeps none. */
static const double *
column(const struct session *ss, const struct axis *a)
{
	if (a->node >= 0)
		return (cr_scores_column(ss->scores, a->node));
	return (ss->ds->model->ctx[a->ctx].num);
}

/*
 * The rank correlation first when both measures are kept as columns:
 * its ranks and sort, 24 bytes a pair, are then never held with the
 * scatter's own copies, 16 more.
 */
void
scatter_compute(const struct session *ss, const struct axis *x,
    const struct axis *y, struct scatter *s)
{
	const double	*cx = column(ss, x), *cy = column(ss, y);
	size_t		 i, n = ss->ds->model->n_entities;

	memset(s, 0, sizeof *s);
	s->n = n;
	if (cx != NULL && cy != NULL)
		s->spearman = cr_spearman(cx, cy, n);
	s->x = xcalloc(n + 1, sizeof *s->x);
	s->y = xcalloc(n + 1, sizeof *s->y);
	s->derived = xcalloc(n + 1, sizeof *s->derived);
	s->highlight = xcalloc(n + 1, sizeof *s->highlight);
	for (i = 0; i < n; i++) {
		s->x[i] = value(ss, x, i, &s->derived[i]);
		s->y[i] = value(ss, y, i, &s->derived[i]);
		if (!isnan(s->x[i]) && !isnan(s->y[i]))
			s->n_pairs++;
	}
	s->have_fit = cr_linfit(s->x, s->y, n, &s->fit) == 0;
	s->pearson = cr_pearson(s->x, s->y, n);
	if (cx == NULL || cy == NULL)
		s->spearman = cr_spearman(s->x, s->y, n);
	mark_largest(s);
}

double
scatter_fitted(const struct scatter *s, size_t i)
{
	return (s->have_fit && !isnan(s->x[i]) ? s->fit.a + s->fit.b * s->x[i] :
	    NAN);
}

double
scatter_resid(const struct scatter *s, size_t i)
{
	return (s->y[i] - scatter_fitted(s, i));
}

void
scatter_point(const struct session *ss, const struct scatter *s, size_t i,
    struct cr_plot_point *p)
{
	p->x = s->x[i];
	p->y = s->y[i];
	p->label = session_unit_name(ss, (int)i);
	p->flags = (s->derived[i] ? CR_PT_ESTIMATED : 0) |
	    (s->highlight[i] ? CR_PT_HIGHLIGHT : 0);
}

/* "0.812" or the reason a statistic has no value. */
static char *
stat_text(double v, const char *why, int decimals)
{
	if (!isnan(v))
		return (xasprintf("%.*f", decimals, v));
	return (xasprintf("undefined (%s)", why != NULL ? why : "no pairs"));
}

char *
scatter_stats_text(const struct scatter *s, int ascii, int brief)
{
	const char	*why = cr_corr_undefined(s->x, s->y, s->n);
	char		*r2, *r, *rho, *line;
	int		 d = brief ? 2 : 3;

	if (!s->have_fit)
		return (xasprintf("no least-squares line: %s (n = %zu)",
		    s->fit.undefined != NULL ? s->fit.undefined :
		    "fewer than two points", s->n_pairs));
	r2 = stat_text(s->fit.r2, s->fit.undefined != NULL ?
	    s->fit.undefined : why, d);
	r = stat_text(s->pearson, why, d);
	rho = stat_text(s->spearman, why, d);
	if (brief)
		line = xasprintf("y = %.4g + %.4g%sx  r%s %s  r %s  %s %s",
		    s->fit.a, s->fit.b, ascii ? "*" : "·", ascii ? "^2" : "²",
		    r2, r, ascii ? "rho" : "ρ", rho);
	else
		line = xasprintf("y = %.4g + %.4g%sx   r%s = %s   Pearson r = "
		    "%s   Spearman %s = %s   n = %zu", s->fit.a, s->fit.b,
		    ascii ? "*" : "·", ascii ? "^2" : "²", r2, r,
		    ascii ? "rho" : "ρ", rho, s->n_pairs);
	free(r2);
	free(r);
	free(rho);
	return (line);
}

void
scatter_free(struct scatter *s)
{
	free(s->x);
	free(s->y);
	free(s->derived);
	free(s->highlight);
}
