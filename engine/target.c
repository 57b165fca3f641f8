/*
 * The target solver (target.h): the ranked node's score of every unit
 * as an affine function of the varied shares, and GLPK programmes over
 * them; every answer re-scored through cr_score() before it is given.
 */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "affine.h"
#include "cause.h"
#include "lp.h"
#include "num.h"
#include "target.h"
#include "xmalloc.h"

/* The margin of a strict inequality, against the size of the scores. */
#define EPS_REL		1e-6
/* Coefficients this small against the scores are rounding. */
#define IDENT_TOL	1e-12

enum kind { K_FN, K_NEGINF, K_MISSING };

/* T(S_by) of unit e = konst[e] + sum_j coef[e * nv + j] v_j. */
struct lin {
	const struct cr_model	*m;
	const struct cr_scenario *sc;
	const struct cr_target_spec *spec;
	size_t		 nv, ne;
	int		*var;		/* nv node ids */
	int		*grp;		/* nv: group index */
	double		*v0;		/* nv: shares now */
	unsigned char	*kind;		/* ne */
	double		*konst;		/* ne */
	double		*coef;		/* ne * nv */
	double		 scale, eps;
};

/* Which side of X another unit can be on within the floors. */
enum cls { NEVER, ALWAYS, FREE };

static int
group_ok(const struct cr_model *m, int by, int p)
{
	return m->nodes[p].n_children > 1 && cr_model_under(m, p, by);
}

int
cr_target_level(const struct cr_model *m, int by, const char *spec,
    int **groups, size_t *n, char **cause)
{
	double	 d;
	size_t	 i;
	int	 p;

	*groups = NULL;
	*n = 0;
	if (spec == NULL || cr_num_parse(spec, &d, NULL) != 0) {
		p = spec == NULL ? by : cr_model_find_node(m, spec);
		if (p < 0)
			return cr_cause(cause, "no node '%s' (a node code or "
			    "a depth from 1)", spec);
		if (!group_ok(m, by, p))
			return cr_cause(cause, "'%s' has no weights to vary "
			    "under %s: it needs two children or more and to be "
			    "%s or beneath it", m->nodes[p].code,
			    m->nodes[by].code, m->nodes[by].code);
		*groups = xmalloc(sizeof(**groups));
		**groups = p;
		*n = 1;
		return 0;
	}
	if (d != floor(d) || d < 1 || d > 1000)
		return cr_cause(cause, "depth '%s' is not a whole number from 1",
		    spec);
	*groups = xreallocarray(NULL, m->n_nodes, sizeof(**groups));
	for (i = 0; i < m->n_nodes; i++)
		if (m->nodes[i].depth == (int)d - 1 &&
		    group_ok(m, by, (int)i))
			(*groups)[(*n)++] = (int)i;
	if (*n == 0) {
		free(*groups);
		*groups = NULL;
		return cr_cause(cause, "no weights at depth %s under %s", spec,
		    m->nodes[by].code);
	}
	return 0;
}

static void
lin_free(struct lin *l)
{
	free(l->var);
	free(l->grp);
	free(l->v0);
	free(l->kind);
	free(l->konst);
	free(l->coef);
	memset(l, 0, sizeof(*l));
}

static int
check_spec(const struct cr_model *m, const struct cr_target_spec *sp,
    char **cause)
{
	size_t	 g;
	int	 p, k;

	if (sp->by < 0 || (size_t)sp->by >= m->n_nodes ||
	    m->nodes[sp->by].n_children == 0)
		return cr_cause(cause, "no aggregate node to rank by");
	if (!(sp->floor >= 0 && sp->floor < 1))
		return cr_cause(cause, "the floor must be from 0 to 100%%");
	for (g = 0; g < sp->n_groups; g++) {
		p = sp->groups[g];
		if (p < 0 || (size_t)p >= m->n_nodes || !group_ok(m, sp->by, p))
			return cr_cause(cause, "no weights to vary at node %d",
			    p);
		k = m->nodes[p].n_children;
		if (sp->floor * k > 1 + 1e-12)
			return cr_cause(cause, "a floor of %g%% leaves no room "
			    "among the %d children of %s (at most %g%%)",
			    sp->floor * 100, k, m->nodes[p].code, 100.0 / k);
	}
	return 0;
}

static void
lin_vars(struct lin *l)
{
	const struct cr_model	*m = l->m;
	size_t			 g, n = 0;
	double			 sum;
	int			 c, p, first;

	for (g = 0; g < l->spec->n_groups; g++)
		n += (size_t)m->nodes[l->spec->groups[g]].n_children;
	l->var = xreallocarray(NULL, n + 1, sizeof(*l->var));
	l->grp = xreallocarray(NULL, n + 1, sizeof(*l->grp));
	l->v0 = xreallocarray(NULL, n + 1, sizeof(*l->v0));
	for (g = 0; g < l->spec->n_groups; g++) {
		p = l->spec->groups[g];
		sum = 0;
		first = (int)l->nv;
		for (c = m->nodes[p].first_child; c != -1;
		    c = m->nodes[c].next_sibling) {
			sum += l->sc->weight[c];
			l->var[l->nv] = c;
			l->grp[l->nv++] = (int)g;
		}
		for (n = (size_t)first; n < l->nv; n++)
			l->v0[n] = l->sc->weight[l->var[n]] / sum;
	}
}

/* One unit's coefficients; -1 for a missing score that matters. */
static int
lin_unit(struct lin *l, const struct cr_affine *af,
    const struct cr_scores *s, size_t e, double *beta, char **cause)
{
	double	*co = l->coef + e * l->nv, x, t, abs = 0;
	size_t	 j;
	int	 g;

	switch (cr_affine_unit(af, (int)e, NULL, beta, &l->konst[e])) {
	case CR_AFF_MISSING:
		l->kind[e] = K_MISSING;
		return 0;
	case CR_AFF_NEGINF:
		l->kind[e] = K_NEGINF;
		return 0;
	default:
		break;
	}
	l->kind[e] = K_FN;
	for (j = 0; j < l->nv; j++) {
		g = l->grp[j];
		if (beta[g] == 0)
			continue;
		x = cr_scores_score(s, (int)e, l->var[j]);
		if (isnan(x))
			return cr_cause(cause, "%s has no score for %s: the "
			    "target solver needs a score for every weight it "
			    "varies (try another --level)",
			    l->m->entities[e].code, l->m->nodes[l->var[j]].code);
		t = cr_affine_t(af, x);
		if (t == -INFINITY) {
			l->kind[e] = K_NEGINF;
			return 0;
		}
		co[j] = beta[g] * t;
		abs += fabs(co[j]);
	}
	l->scale = fmax(l->scale, fabs(l->konst[e]) + abs);
	return 0;
}

static int
lin_build(struct lin *l, const struct cr_model *m,
    const struct cr_scenario *sc, const struct cr_scores *s,
    const struct cr_target_spec *sp, char **cause)
{
	struct cr_affine	 af;
	double			*beta;
	size_t			 e;
	int			 rc = 0;

	memset(l, 0, sizeof(*l));
	if (s->n_nodes != m->n_nodes || s->n_entities != m->n_entities)
		return cr_cause(cause, "the scores do not fit the model");
	if (cr_scenario_solvable(m, sc, "the target solver", cause) == -1 ||
	    check_spec(m, sp, cause) == -1)
		return -1;
	l->m = m;
	l->sc = sc;
	l->spec = sp;
	l->ne = m->n_entities;
	lin_vars(l);
	l->kind = xcalloc(l->ne + 1, sizeof(*l->kind));
	l->konst = xcalloc(l->ne + 1, sizeof(*l->konst));
	l->coef = xcalloc(l->ne * l->nv + 1, sizeof(*l->coef));
	beta = xcalloc(sp->n_groups + 1, sizeof(*beta));
	l->scale = 1;
	cr_affine_init(&af, m, sc, s, sp->by, sp->groups, sp->n_groups);
	for (e = 0; e < l->ne && rc == 0; e++)
		rc = lin_unit(l, &af, s, e, beta, cause);
	cr_affine_clear(&af);
	free(beta);
	l->eps = EPS_REL * l->scale;
	if (rc == -1)
		lin_free(l);
	return rc;
}

/* D(v) = T(S_x) - T(S_y): its constant and coefficients (nv). */
static double
diff(const struct lin *l, size_t x, size_t y, double *d)
{
	size_t	 j;

	for (j = 0; j < l->nv; j++)
		d[j] = l->coef[x * l->nv + j] - l->coef[y * l->nv + j];
	return l->konst[x] - l->konst[y];
}

/* The least (sign -1) or greatest (+1) of D over the floors' simplices. */
static double
extreme(const struct lin *l, double k0, const double *d, int sign)
{
	double	 sum = k0, best, f = l->spec->floor;
	size_t	 j, i;
	int	 g;

	for (j = 0; j < l->nv; j = i) {
		g = l->grp[j];
		best = d[j];
		for (i = j; i < l->nv && l->grp[i] == g; i++) {
			sum += f * d[i];
			if (sign * d[i] > sign * best)
				best = d[i];
		}
		sum += (1 - f * (double)(i - j)) * best;
	}
	return sum;
}

static int
identical(const struct lin *l, double k0, const double *d)
{
	size_t	 j;

	if (fabs(k0) > IDENT_TOL * l->scale)
		return 0;
	for (j = 0; j < l->nv; j++)
		if (fabs(d[j]) > IDENT_TOL * l->scale)
			return 0;
	return 1;
}

/*
 * Can x beat y (be higher by eps)?  mode 0.  Can y be above x by eps?
 * mode 1.  FREE gives the big-M that switches the row off.
 */
static enum cls
classify(const struct lin *l, size_t x, size_t y, int above, double *d,
    double *k0, double *bigm)
{
	double	 lo, hi;

	/* A geometric 0 beats nothing and ties only with another. */
	if (l->kind[x] == K_NEGINF)
		return l->kind[y] == K_NEGINF ? NEVER : ALWAYS;
	if (l->kind[y] == K_NEGINF)
		return NEVER;
	*k0 = diff(l, x, y, d);
	if (identical(l, *k0, d))
		return NEVER;
	lo = extreme(l, *k0, d, -1);
	hi = extreme(l, *k0, d, 1);
	if (!above) {
		if (lo >= l->eps)
			return NEVER;
		if (hi < l->eps)
			return ALWAYS;
		*bigm = l->eps - lo;
	} else {
		if (hi <= -l->eps)
			return ALWAYS;
		if (lo > -l->eps)
			return NEVER;
		*bigm = hi + l->eps;
	}
	return FREE;
}

/* The shares' columns and each group's sum; the first column is 0. */
static void
add_shares(struct cr_lp *lp, const struct lin *l, int *cols, double *vals)
{
	size_t	 j, i, k;
	double	 f = l->spec->floor;

	for (j = 0; j < l->nv; j++)
		cr_lp_col(lp, f, 1, 0, 0);
	for (j = 0; j < l->nv; j = i) {
		for (i = j, k = 0; i < l->nv && l->grp[i] == l->grp[j]; i++) {
			cols[k] = (int)i;
			vals[k++] = 1;
		}
		cr_lp_row(lp, 1, 1, k, cols, vals);
	}
}

/* |v - v0| bounded by u_j (L1) or one z (L-infinity), at cost 1. */
static void
add_distance(struct cr_lp *lp, const struct lin *l)
{
	double	 vals[2] = { 1, 1 };
	int	 cols[2];
	size_t	 j;
	int	 z = -1;

	if (l->spec->norm == CR_TNORM_LINF)
		z = cr_lp_col(lp, 0, INFINITY, 1, 0);
	for (j = 0; j < l->nv; j++) {
		cols[0] = z != -1 ? z : cr_lp_col(lp, 0, INFINITY, 1, 0);
		cols[1] = (int)j;
		vals[1] = -1;
		cr_lp_row(lp, -l->v0[j], INFINITY, 2, cols, vals);
		vals[1] = 1;
		cr_lp_row(lp, l->v0[j], INFINITY, 2, cols, vals);
	}
}

/*
 * x stays at least eps above y unless the binary col b (or -1: always)
 * is 1: sum d_j v_j + M b >= -k0 + eps.
 */
static void
add_beat(struct cr_lp *lp, const struct lin *l, const double *d, double k0,
    int b, double bigm, int *cols, double *vals)
{
	size_t	 j, n = 0;

	for (j = 0; j < l->nv; j++) {
		cols[n] = (int)j;
		vals[n++] = d[j];
	}
	if (b != -1) {
		cols[n] = b;
		vals[n++] = bigm;
	}
	cr_lp_row(lp, -k0 + l->eps, INFINITY, n, cols, vals);
}

/* y at least eps above x when the binary b is 1. */
static void
add_above(struct cr_lp *lp, const struct lin *l, const double *d, double k0,
    int b, double bigm, int *cols, double *vals)
{
	size_t	 j, n = 0;

	for (j = 0; j < l->nv; j++) {
		cols[n] = (int)j;
		vals[n++] = d[j];
	}
	cols[n] = b;
	vals[n++] = bigm;
	cr_lp_row(lp, -INFINITY, -k0 - l->eps + bigm, n, cols, vals);
}

/* What a programme gave: its status, the shares, its objective. */
struct sol {
	enum cr_lp_status st;
	double		 gap;
	double		 obj;
	double		*v;		/* nv */
	int		 fixed;		/* units counted without a binary */
};

static void
take(struct cr_lp *lp, const struct lin *l, struct sol *so, double seconds)
{
	size_t	 j;

	so->st = cr_lp_solve(lp, seconds);
	so->gap = cr_lp_gap(lp);
	if (so->st == CR_LP_OPTIMAL || so->st == CR_LP_FEASIBLE) {
		so->obj = cr_lp_objective(lp);
		for (j = 0; j < l->nv; j++)
			so->v[j] = cr_lp_value(lp, (int)j);
	}
}

/*
 * Rank programmes.  goal 'k': least distance with at most k - 1 above;
 * 'b': fewest above (best rank); 'w': most above (worst rank).
 */
static void
solve_rank(const struct lin *l, size_t x, int goal, int k, struct sol *so)
{
	struct cr_lp	*lp;
	double		*d, *vals, k0 = 0, bigm = 0;
	int		*cols, *bins, nb = 0, b;
	size_t		 y, n = l->nv + 2;
	enum cls	 c;

	lp = cr_lp_new(goal == 'w');
	d = xcalloc(n, sizeof(*d));
	vals = xcalloc(n + l->ne, sizeof(*vals));
	cols = xcalloc(n + l->ne, sizeof(*cols));
	bins = xcalloc(l->ne + 1, sizeof(*bins));
	add_shares(lp, l, cols, vals);
	if (goal == 'k')
		add_distance(lp, l);
	so->fixed = 0;
	for (y = 0; y < l->ne; y++) {
		if (y == x || l->kind[y] == K_MISSING)
			continue;
		c = classify(l, x, y, goal == 'w', d, &k0, &bigm);
		if (c == ALWAYS)
			so->fixed++;
		if (c != FREE)
			continue;
		b = cr_lp_col(lp, 0, 1, goal == 'k' ? 0 : 1, 1);
		bins[nb++] = b;
		if (goal == 'w')
			add_above(lp, l, d, k0, b, bigm, cols, vals);
		else
			add_beat(lp, l, d, k0, b, bigm, cols, vals);
	}
	if (goal == 'k') {
		for (b = 0; b < nb; b++)
			vals[b] = 1;
		if (k - 1 - so->fixed < 0)
			so->st = CR_LP_INFEASIBLE;
		else {
			cr_lp_row(lp, -INFINITY, k - 1 - so->fixed,
			    (size_t)nb, bins, vals);
			take(lp, l, so, l->spec->seconds);
		}
	} else
		take(lp, l, so, l->spec->seconds);
	cr_lp_free(lp);
	free(d);
	free(vals);
	free(cols);
	free(bins);
}

/* Least distance with x at least eps above y: a linear programme. */
static void
solve_above(const struct lin *l, size_t x, size_t y, struct sol *so)
{
	struct cr_lp	*lp;
	double		*d, *vals, k0 = 0, bigm = 0;
	int		*cols;
	size_t		 n = l->nv + 2;
	enum cls	 c;

	so->fixed = 0;
	d = xcalloc(n, sizeof(*d));
	c = classify(l, x, y, 0, d, &k0, &bigm);
	if (c == ALWAYS) {
		so->st = CR_LP_INFEASIBLE;
		free(d);
		return;
	}
	lp = cr_lp_new(0);
	vals = xcalloc(n, sizeof(*vals));
	cols = xcalloc(n, sizeof(*cols));
	add_shares(lp, l, cols, vals);
	add_distance(lp, l);
	if (c == FREE)
		add_beat(lp, l, d, k0, -1, 0, cols, vals);
	take(lp, l, so, l->spec->seconds);
	cr_lp_free(lp);
	free(d);
	free(vals);
	free(cols);
}

/*
 * The solver's shares back within the floors, a share it left where it
 * was (to rounding) exactly as it was, so that an unchanged weight
 * reads unchanged.  Weights are relative: a group need not sum to 1
 * exactly for cr_score(); shares() gives the shares.
 */
static void
tidy(const struct lin *l, double *v)
{
	size_t	 j;

	for (j = 0; j < l->nv; j++) {
		if (fabs(v[j] - l->v0[j]) < 1e-9)
			v[j] = l->v0[j];
		v[j] = fmin(1, fmax(v[j], l->spec->floor));
	}
}

/* Each group's weights v as shares of their sum. */
static void
shares(const struct lin *l, const double *v, double *out)
{
	size_t	 j, i, k;
	double	 sum;

	for (j = 0; j < l->nv; j = i) {
		sum = 0;
		for (i = j; i < l->nv && l->grp[i] == l->grp[j]; i++)
			sum += v[i];
		for (k = j; k < i; k++)
			out[k] = v[k] / sum;
	}
}

/* The scenario with the shares v, scored as the engine scores. */
static int
rescore(const struct lin *l, const double *v, struct cr_scenario **scp,
    struct cr_scores **sp, char **cause)
{
	struct cr_scenario	*sc = cr_scenario_copy(l->m, l->sc);
	struct cr_scores	*s = cr_scores_new(l->m);
	size_t			 j;

	for (j = 0; j < l->nv; j++)
		sc->weight[l->var[j]] = v[j];
	if (cr_score(l->m, sc, s, cause) == -1) {
		cr_scenario_free(sc);
		cr_scores_free(s);
		return -1;
	}
	*scp = sc;
	*sp = s;
	return 0;
}

static double
distance(const struct lin *l, const double *v)
{
	double	 sum = 0, mx = 0, a;
	size_t	 j;

	for (j = 0; j < l->nv; j++) {
		a = fabs(v[j] - l->v0[j]);
		sum += a;
		mx = fmax(mx, a);
	}
	return l->spec->norm == CR_TNORM_LINF ? mx : sum;
}

static void
out_init(struct cr_target *o, const struct lin *l, int rank)
{
	size_t	 j;

	memset(o, 0, sizeof(*o));
	o->n = l->nv;
	o->node = xreallocarray(NULL, l->nv + 1, sizeof(*o->node));
	o->from = xreallocarray(NULL, l->nv + 1, sizeof(*o->from));
	o->to = xreallocarray(NULL, l->nv + 1, sizeof(*o->to));
	for (j = 0; j < l->nv; j++) {
		o->node[j] = l->var[j];
		o->from[j] = o->to[j] = l->v0[j];
	}
	o->rank_from = o->rank_to = rank;
	o->eps = l->eps;
}

void
cr_target_clear(struct cr_target *o)
{
	free(o->node);
	free(o->from);
	free(o->to);
	cr_scenario_free(o->sc);
	cr_scores_free(o->scores);
	memset(o, 0, sizeof(*o));
}

/*
 * The best ('b') or worst ('w') rank x can reach, re-scored; -1 on a
 * failure, 1 when the re-scored rank is not as good (or as bad) as the
 * programme's: the margin was too thin.
 */
static int
reach_rank(const struct lin *l, size_t x, int dir, int *rank, int *optimal,
    double *v, char **cause)
{
	struct cr_scenario	*sc;
	struct cr_scores	*s;
	struct sol		 so;
	int			 r;

	memset(&so, 0, sizeof(so));
	so.v = v;
	solve_rank(l, x, dir, 0, &so);
	if (so.st != CR_LP_OPTIMAL && so.st != CR_LP_FEASIBLE)
		return cr_cause(cause, "the solver found no rank for %s (%s)",
		    l->m->entities[x].code, cr_lp_status_name(so.st));
	tidy(l, v);
	if (rescore(l, v, &sc, &s, cause) == -1)
		return -1;
	r = cr_scores_rank(s, (int)x, l->spec->by);
	cr_scenario_free(sc);
	cr_scores_free(s);
	*rank = 1 + so.fixed + (int)lround(so.obj);
	*optimal = so.st == CR_LP_OPTIMAL;
	if (dir == 'b' ? r > *rank : r < *rank)
		return 1;
	*rank = r;
	return 0;
}

static int
best_verified(struct lin *l, size_t x, int *rank, int *optimal, double *v,
    char **cause)
{
	double	 eps0 = l->eps;
	int	 rc = 1, try;

	for (try = 0; try < 2 && rc == 1; try++) {
		l->eps = eps0 * (try == 0 ? 1 : 100);
		rc = reach_rank(l, x, 'b', rank, optimal, v, cause);
	}
	l->eps = eps0;
	if (rc == 1)
		return cr_cause(cause, "the best rank of %s did not hold when "
		    "re-scored: a numerical problem, please report it",
		    l->m->entities[x].code);
	return rc;
}

/* Does the re-scored answer do what was asked? */
static int
holds(const struct lin *l, const struct cr_scores *s, size_t x, int goal,
    int k)
{
	int	 r = cr_scores_rank(s, (int)x, l->spec->by);

	if (goal == 'k')
		return r > 0 && r <= k;
	return r > 0 && cr_scores_score(s, (int)x, l->spec->by) >
	    cr_scores_score(s, k, l->spec->by);
}

static int
check_unit(const struct cr_model *m, int unit, const char *what,
    char **cause)
{
	if (unit < 0 || (size_t)unit >= m->n_entities)
		return cr_cause(cause, "no %s %d in the model", what, unit);
	return 0;
}

/* Solve, re-score, check; widen the margin once if it did not hold. */
static int
target(struct lin *l, const struct cr_scores *s, size_t x, int goal, int k,
    struct cr_target *o, char **cause)
{
	struct sol	 so;
	double		*v, eps0 = l->eps;
	int		 try, rc = 0;

	out_init(o, l, cr_scores_rank(s, (int)x, l->spec->by));
	v = xcalloc(l->nv + 1, sizeof(*v));
	for (try = 0; try < 2; try++) {
		memset(&so, 0, sizeof(so));
		so.v = v;
		l->eps = eps0 * (try == 0 ? 1 : 100);
		if (goal == 'k')
			solve_rank(l, x, 'k', k, &so);
		else
			solve_above(l, x, (size_t)k, &so);
		if (so.st == CR_LP_INFEASIBLE || so.st == CR_LP_UNKNOWN)
			break;
		if (so.st == CR_LP_FAILED) {
			rc = cr_cause(cause, "the solver failed");
			goto out;
		}
		tidy(l, v);
		cr_scenario_free(o->sc);
		cr_scores_free(o->scores);
		o->sc = NULL;
		o->scores = NULL;
		if (rescore(l, v, &o->sc, &o->scores, cause) == -1) {
			rc = -1;
			goto out;
		}
		if (holds(l, o->scores, x, goal, k))
			break;
	}
	o->eps = l->eps;
	if (so.st == CR_LP_INFEASIBLE || so.st == CR_LP_UNKNOWN) {
		o->status = so.st == CR_LP_INFEASIBLE ? CR_TARGET_INFEASIBLE :
		    CR_TARGET_UNKNOWN;
		o->optimal = so.st == CR_LP_INFEASIBLE;
		l->eps = eps0;
		if (best_verified(l, x, &o->best_rank, &o->best_optimal, v,
		    cause) == -1)
			rc = -1;
		goto out;
	}
	if (try == 2) {
		rc = cr_cause(cause, "the answer did not hold when re-scored "
		    "(%s at rank %d): a numerical problem, please report it",
		    l->m->entities[x].code, cr_scores_rank(o->scores, (int)x,
		    l->spec->by));
		goto out;
	}
	o->status = CR_TARGET_FOUND;
	o->optimal = so.st == CR_LP_OPTIMAL;
	o->gap = o->optimal ? 0 : so.gap;
	shares(l, v, o->to);
	o->distance = distance(l, o->to);
	o->rank_to = cr_scores_rank(o->scores, (int)x, l->spec->by);
out:
	free(v);
	return rc;
}

int
cr_target_rank(const struct cr_model *m, const struct cr_scenario *sc,
    const struct cr_scores *s, const struct cr_target_spec *sp, int unit,
    int k, struct cr_target *o, char **cause)
{
	struct lin	 l;
	int		 rc;

	memset(o, 0, sizeof(*o));
	if (check_unit(m, unit, "unit", cause) == -1)
		return -1;
	if (k < 1 || (size_t)k > m->n_entities)
		return cr_cause(cause, "rank %d is not from 1 to %zu", k,
		    m->n_entities);
	if (lin_build(&l, m, sc, s, sp, cause) == -1)
		return -1;
	if (l.kind[unit] == K_MISSING)
		rc = cr_cause(cause, "%s has no score at %s",
		    m->entities[unit].code, m->nodes[sp->by].code);
	else if ((rc = target(&l, s, (size_t)unit, 'k', k, o, cause)) == -1)
		cr_target_clear(o);
	lin_free(&l);
	return rc;
}

int
cr_target_above(const struct cr_model *m, const struct cr_scenario *sc,
    const struct cr_scores *s, const struct cr_target_spec *sp, int unit,
    int other, struct cr_target *o, char **cause)
{
	struct lin	 l;
	int		 rc;

	memset(o, 0, sizeof(*o));
	if (check_unit(m, unit, "unit", cause) == -1 ||
	    check_unit(m, other, "unit", cause) == -1)
		return -1;
	if (unit == other)
		return cr_cause(cause, "a unit cannot be above itself");
	if (lin_build(&l, m, sc, s, sp, cause) == -1)
		return -1;
	if (l.kind[unit] == K_MISSING || l.kind[other] == K_MISSING)
		rc = cr_cause(cause, "%s has no score at %s",
		    m->entities[l.kind[unit] == K_MISSING ? unit : other].code,
		    m->nodes[sp->by].code);
	else if ((rc = target(&l, s, (size_t)unit, 'a', other, o, cause)) ==
	    -1)
		cr_target_clear(o);
	lin_free(&l);
	return rc;
}

/* One unit's reach; a margin widened once when re-scoring disagrees. */
static int
reach(struct lin *l, size_t x, struct cr_reach *r, double *v, char **cause)
{
	double	 eps0 = l->eps;
	int	 rc, try;

	rc = best_verified(l, x, &r->best, &r->best_optimal, v, cause);
	for (try = 0; try < 2 && rc == 0; try++) {
		l->eps = eps0 * (try == 0 ? 1 : 100);
		if ((rc = reach_rank(l, x, 'w', &r->worst,
		    &r->worst_optimal, v, cause)) != 1)
			break;
	}
	l->eps = eps0;
	if (rc == 1)
		return cr_cause(cause, "the reachable ranks of %s did not hold "
		    "when re-scored: a numerical problem, please report it",
		    l->m->entities[x].code);
	return rc;
}

int
cr_target_range(const struct cr_model *m, const struct cr_scenario *sc,
    const struct cr_scores *s, const struct cr_target_spec *sp,
    struct cr_reach *out, cr_progress_fn progress, void *arg,
    char **cause)
{
	struct lin	 l;
	double		*v;
	size_t		 x;
	int		 rc = 0;

	memset(out, 0, m->n_entities * sizeof(*out));
	if (lin_build(&l, m, sc, s, sp, cause) == -1)
		return -1;
	v = xcalloc(l.nv + 1, sizeof(*v));
	if (progress != NULL)
		progress(0, l.ne, arg);
	for (x = 0; x < l.ne && rc == 0; x++) {
		if (l.kind[x] != K_MISSING)
			rc = reach(&l, x, &out[x], v, cause);
		if (progress != NULL)
			progress(x + 1, l.ne, arg);
	}
	free(v);
	lin_free(&l);
	return rc;
}
