/*
 * Stability intervals and rank-flip distances in closed form: every
 * entity's score at the ranked node as a ratio of affine functions of
 * one child's share (stability.h), and where pairs of them cross.
 */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "affine.h"
#include "cause.h"
#include "radix.h"
#include "stability.h"
#include "xmalloc.h"

/* Coefficients this small against the terms are rounding: no function. */
#define IDENT_TOL	1e-12

enum kind { K_FN, K_NEGINF, K_MISSING };

/* How often, in units, a long pass asks whether to give up. */
#define STOP_EVERY	4096

/* Whether to give up: an explorer's key waiting, say.  fn may be NULL. */
struct stop {
	int		(*fn)(void *);
	void		*arg;
	int		 stopped;
};

/*
 * One unit's T(S_by)(t) = (a + b t) / (c + d t), c + d t > 0 on
 * 0 < t < 1, where d is always 1 - c.
 */
struct fn {
	unsigned char	 kind;
	double		 a, b, c;
};

#define FN_D(u)		(1 - (u)->c)

/*
 * Every unit's function, made in data order, which reads the scores
 * in their order (made as the rank order meets them, one at a time,
 * they cost half as much again in cache misses), and kept as 25 bytes
 * a unit: the kind, a, b and c, each an array of its own (a block of n
 * doubles fits where the sort's freed buffers were; one of 3n would be
 * new memory).  d, always 1 - c, is not kept.
 */
struct fam {
	size_t		 n;
	double		 t0;		/* the child's share now */
	double		 wrest;		/* its siblings' weight */
	int		 p, dn;		/* the parent, the child */
	struct cr_affine af;
	unsigned char	*kind;		/* n */
	double		*a, *b, *c;	/* n each */
	const double	*now;		/* the engine's score at by */
	double		*now_own;	/* now, when the scores keep none */
	struct stop	*stop;
};

/* At unit i of a pass: 1 once the stop function has said so. */
static int
stopping(struct fam *f, size_t i)
{
	struct stop	*st = f->stop;

	if (st == NULL || st->fn == NULL)
		return 0;
	if (!st->stopped && i % STOP_EVERY == 0 && st->fn(st->arg))
		st->stopped = 1;
	return st->stopped;
}

/* A pair's tie points in 0 < t < 1, and whether it never differs. */
struct pair {
	int	 fixed;		/* a sign for all t: the one now */
	int	 n;
	double	 r[2];
	double	 k[3];		/* k0 + k1 t + k2 t^2, sign of Y - X */
};

enum mode { M_ORDER, M_ABOVE };

size_t
cr_stab_weights(const struct cr_model *m, int by, int *nodes)
{
	size_t	 i, n = 0;
	int	 p;

	for (i = 1; i < m->n_nodes; i++) {
		p = m->nodes[i].parent;
		if (p != -1 && m->nodes[p].n_children > 1 &&
		    cr_model_under(m, p, by))
			nodes[n++] = (int)i;
	}
	return n;
}

static void
fam_free(struct fam *f)
{
	cr_affine_clear(&f->af);
	free(f->kind);
	free(f->a);
	free(f->b);
	free(f->c);
	free(f->now_own);
	memset(f, 0, sizeof(*f));
}

static void
set_const(struct fn *u, double v)
{
	u->kind = K_FN;
	u->a = v;
	u->b = 0;
	u->c = 1;
}

/* Sums of the other used children: A, B over W_rest; 1 for a zero. */
static int
rest_sums(const struct cr_affine *af, int e, int p, int dn, double wrest,
    double *A, double *B)
{
	const struct cr_model	*m = af->m;
	double			 v, w;
	int			 j, zero = 0;

	*A = *B = 0;
	for (j = m->nodes[p].first_child; j != -1;
	    j = m->nodes[j].next_sibling) {
		w = af->sc->weight[j];
		if (j == dn || !(w > 0))
			continue;
		v = cr_affine_t(af, cr_scores_score(af->s, e, j));
		if (isnan(v))
			continue;
		if (v == -INFINITY)
			zero = 1;
		else
			*A += w * v;
		*B += w;
	}
	*A /= wrest;
	*B /= wrest;
	return zero;
}

static void
unit_fn(const struct fam *f, int e, struct fn *u)
{
	const struct cr_affine	*af = &f->af;
	double			 A, B, xd, beta, konst;
	unsigned char		 present;
	int			 zero, dp;

	memset(u, 0, sizeof(*u));
	zero = rest_sums(af, e, f->p, f->dn, f->wrest, &A, &B);
	xd = cr_affine_t(af, cr_scores_score(af->s, e, f->dn));
	dp = !isnan(xd);
	present = dp || B > 0;
	switch (cr_affine_unit(af, e, &present, &beta, &konst)) {
	case CR_AFF_MISSING:
		u->kind = K_MISSING;
		return;
	case CR_AFF_NEGINF:
		u->kind = K_NEGINF;
		return;
	default:
		break;
	}
	if (!present || beta == 0) {
		set_const(u, konst);
		return;
	}
	if ((zero && B > 0) || xd == -INFINITY) {
		u->kind = K_NEGINF;
		return;
	}
	if (!dp) {
		set_const(u, konst + beta * A / B);
		return;
	}
	u->kind = K_FN;
	u->a = konst * B + beta * A;
	u->b = konst * (1 - B) + beta * (xd - A);
	u->c = B;
}

/* Unit e's function, as kept. */
static void
fam_get(const struct fam *f, size_t e, struct fn *u)
{
	u->kind = f->kind[e];
	u->a = f->a[e];
	u->b = f->b[e];
	u->c = f->c[e];
}

/*
 * The first half of fam_build(): -1 when the node cannot move the
 * ranking at by; else the share now, and the scores now, read where
 * the scores keep them (an aggregate's column) rather than copied.
 */
static int
fam_start(struct fam *f, const struct cr_model *m,
    const struct cr_scenario *sc, const struct cr_scores *s, int by, int dn,
    struct stop *stop)
{
	double			 wsum = 0;
	size_t			 e, n = m->n_entities;
	int			 p = m->nodes[dn].parent, j;

	memset(f, 0, sizeof(*f));
	f->stop = stop;
	if (p == -1 || m->nodes[p].n_children < 2 || !cr_model_under(m, p, by))
		return -1;
	for (j = m->nodes[p].first_child; j != -1;
	    j = m->nodes[j].next_sibling)
		wsum += sc->weight[j];
	f->wrest = wsum - sc->weight[dn];
	if (!(f->wrest > 0))
		return -1;
	f->n = n;
	f->t0 = sc->weight[dn] / wsum;
	f->p = p;
	f->dn = dn;
	cr_affine_init(&f->af, m, sc, s, by, &p, 1);
	if ((f->now = cr_scores_column(s, by)) == NULL) {
		f->now_own = xreallocarray(NULL, n + 1, sizeof(*f->now_own));
		for (e = 0; e < n; e++)
			f->now_own[e] = cr_scores_score(s, (int)e, by);
		f->now = f->now_own;
	}
	return 0;
}

/* The second half: every unit's function; -2 when stopped. */
static int
fam_fill(struct fam *f)
{
	struct fn	 u;
	size_t		 e;

	f->kind = xreallocarray(NULL, f->n + 1, sizeof(*f->kind));
	f->a = xreallocarray(NULL, f->n + 1, sizeof(*f->a));
	f->b = xreallocarray(NULL, f->n + 1, sizeof(*f->b));
	f->c = xreallocarray(NULL, f->n + 1, sizeof(*f->c));
	for (e = 0; e < f->n && !stopping(f, e); e++) {
		unit_fn(f, (int)e, &u);
		f->kind[e] = u.kind;
		f->a[e] = u.a;
		f->b[e] = u.b;
		f->c[e] = u.c;
	}
	return e < f->n ? -2 : 0;
}

/* -1 when the node cannot move the ranking at by. */
static int
fam_build(struct fam *f, const struct cr_model *m,
    const struct cr_scenario *sc, const struct cr_scores *s, int by, int dn)
{
	if (fam_start(f, m, sc, s, by, dn, NULL) == -1)
		return -1;
	(void)fam_fill(f);
	return 0;
}

static int
sgn(double x)
{
	return (x > 0) - (x < 0);
}

/* Y against X now, as the engine ranks: +1 when Y is strictly higher. */
static int
now_sign(const struct fam *f, size_t y, size_t x)
{
	return sgn(f->now[y] - f->now[x]);
}

static double
qval(const struct pair *pr, double t)
{
	return pr->k[0] + t * (pr->k[1] + t * pr->k[2]);
}

/* Roots in 0 < t < 1, ascending, a double root once. */
static int
roots01(const double k[3], double r[2])
{
	double	 disc, q, x[2], tmp;
	int	 n = 0, out = 0, i;

	if (k[2] == 0) {
		if (k[1] != 0)
			x[n++] = -k[0] / k[1];
	} else {
		disc = k[1] * k[1] - 4 * k[2] * k[0];
		if (disc < 0)
			return 0;
		/* The stable form: no cancellation in either root. */
		q = -0.5 * (k[1] + copysign(sqrt(disc), k[1]));
		if (q == 0)
			x[n++] = 0;
		else {
			x[n++] = q / k[2];
			if (disc > 0)
				x[n++] = k[0] / q;
		}
	}
	for (i = 0; i < n; i++)
		if (x[i] > 0 && x[i] < 1)
			r[out++] = x[i];
	if (out == 2 && r[0] > r[1]) {
		tmp = r[0];
		r[0] = r[1];
		r[1] = tmp;
	}
	return out;
}

/* Y - X as a quadratic's sign, or fixed when it cannot change. */
static void
pair_make(const struct fn *y, const struct fn *x, struct pair *pr)
{
	double	 scale;

	memset(pr, 0, sizeof(*pr));
	if (y->kind != K_FN || x->kind != K_FN) {
		pr->fixed = 1;
		return;
	}
	pr->k[0] = y->a * x->c - x->a * y->c;
	pr->k[1] = y->a * FN_D(x) + y->b * x->c - x->a * FN_D(y) -
	    x->b * y->c;
	pr->k[2] = y->b * FN_D(x) - x->b * FN_D(y);
	scale = (fabs(y->a) + fabs(y->b)) * (fabs(x->c) + fabs(FN_D(x))) +
	    (fabs(x->a) + fabs(x->b)) * (fabs(y->c) + fabs(FN_D(y)));
	if (fabs(pr->k[0]) <= IDENT_TOL * scale &&
	    fabs(pr->k[1]) <= IDENT_TOL * scale &&
	    fabs(pr->k[2]) <= IDENT_TOL * scale) {
		pr->fixed = 1;
		return;
	}
	pr->n = roots01(pr->k, pr->r);
}

static int
cls(int s, enum mode md)
{
	return md == M_ORDER ? s : s > 0;
}

/*
 * The widest span around t0 where the pair's class (the sign, or
 * whether Y is above X) stays what it is now, s0.
 */
static void
pair_span(const struct pair *pr, double t0, int s0, enum mode md,
    double *lo, double *hi)
{
	double	 prev;
	int	 i, c0 = cls(s0, md);

	*lo = 0;
	*hi = 1;
	if (pr->fixed)
		return;
	prev = t0;
	for (i = 0; i < pr->n; i++) {
		if (!(pr->r[i] > t0))
			continue;
		if (cls(sgn(qval(pr, (prev + pr->r[i]) / 2)), md) != c0) {
			*hi = prev;
			goto left;
		}
		if (cls(0, md) != c0) {
			*hi = pr->r[i];
			goto left;
		}
		prev = pr->r[i];
	}
	if (cls(sgn(qval(pr, (prev + 1) / 2)), md) != c0)
		*hi = prev;
left:
	prev = t0;
	for (i = pr->n - 1; i >= 0; i--) {
		if (!(pr->r[i] < t0))
			continue;
		if (cls(sgn(qval(pr, (prev + pr->r[i]) / 2)), md) != c0) {
			*lo = prev;
			return;
		}
		if (cls(0, md) != c0) {
			*lo = pr->r[i];
			return;
		}
		prev = pr->r[i];
	}
	if (cls(sgn(qval(pr, prev / 2)), md) != c0)
		*lo = prev;
}

/*
 * Every unit by its score now, higher first, ties in data order, no
 * score last: made before the functions, so that the sort's buffers
 * and the functions' arrays are never held at once.
 */
static int *
fam_order(const struct fam *f)
{
	int	*ord;

	ord = xreallocarray(NULL, f->n + 1, sizeof(*ord));
	cr_radix_rank_order(f->now, f->n, 1, NULL, 0, ord);
	return ord;
}

/* The pair a above b, adjacent in the order now: the ranking's span. */
static void
order_pair(const struct fam *f, const struct fn *fa, size_t a,
    const struct fn *fb, size_t b, struct cr_stab *o)
{
	struct pair	 pr;
	double		 lo, hi;

	pair_make(fa, fb, &pr);
	pair_span(&pr, f->t0, now_sign(f, a, b), M_ORDER, &lo, &hi);
	if (hi < o->hi) {
		o->hi = hi;
		o->hi_a = (int)a;
		o->hi_b = (int)b;
	}
	if (lo > o->lo) {
		o->lo = lo;
		o->lo_a = (int)a;
		o->lo_b = (int)b;
	}
}

/*
 * Y against the unit X: the unit's span.  Of the Ys that end it at the
 * same share, the first in data order is named, whatever order they
 * come in.
 */
static void
unit_pair(const struct fam *f, const struct fn *fy, size_t y,
    const struct fn *fx, size_t x, struct cr_stab *o)
{
	struct pair	 pr;
	double		 lo, hi;

	pair_make(fy, fx, &pr);
	pair_span(&pr, f->t0, now_sign(f, y, x), M_ABOVE, &lo, &hi);
	if (hi < o->unit_hi || (hi == o->unit_hi && o->unit_hi_by != -1 &&
	    (int)y < o->unit_hi_by)) {
		o->unit_hi = hi;
		o->unit_hi_by = (int)y;
	}
	if (lo > o->unit_lo || (lo == o->unit_lo && o->unit_lo_by != -1 &&
	    (int)y < o->unit_lo_by)) {
		o->unit_lo = lo;
		o->unit_lo_by = (int)y;
	}
}

/*
 * The whole ranking: until the first tie the order is the one now, so
 * the pair that ties first is adjacent in it; only adjacent pairs count.
 * The missing, sorted with the rest (fam_order()), are skipped: the
 * order of the others is what a stable sort of them alone would give.
 * With a unit (o->unit >= 0), its span too, in the same pass: each
 * unit's function is made once.
 */
static void
spans(struct fam *f, const int *ord, struct cr_stab *o)
{
	struct fn	 fa, fb, fx;
	size_t		 i, a = (size_t)-1, b, x = 0;
	int		 above = 0, unit = o->unit >= 0;

	if (unit) {
		x = (size_t)o->unit;
		fam_get(f, x, &fx);
		unit = fx.kind != K_MISSING;
	}
	for (i = 0; i < f->n && !stopping(f, i); i++) {
		b = (size_t)ord[i];
		fam_get(f, b, &fb);
		if (fb.kind == K_MISSING)
			continue;
		if (a != (size_t)-1)
			order_pair(f, &fa, a, &fb, b, o);
		if (unit && b != x) {
			above += now_sign(f, b, x) > 0;
			unit_pair(f, &fb, b, &fx, x, o);
		}
		fa = fb;
		a = b;
	}
	if (unit)
		o->rank = 1 + above;
}

static int
count_above(const struct fam *f, size_t x)
{
	size_t	 y;
	int	 r = 0;

	for (y = 0; y < f->n; y++)
		r += f->kind[y] != K_MISSING && now_sign(f, y, x) > 0;
	return r;
}

/* One unit's span from the kept functions (cr_stab_units()). */
static void
unit_span(const struct fam *f, struct cr_stab *o)
{
	struct fn	 fx, fy;
	size_t		 y, x = (size_t)o->unit;

	if (f->kind[x] == K_MISSING)
		return;
	o->rank = 1 + count_above(f, x);
	fam_get(f, x, &fx);
	for (y = 0; y < f->n; y++)
		if (y != x && f->kind[y] != K_MISSING) {
			fam_get(f, y, &fy);
			unit_pair(f, &fy, y, &fx, x, o);
		}
}

static int
bad_scores(const struct cr_model *m, const struct cr_scores *s, int by,
    char **cause)
{
	if (s->n_nodes != m->n_nodes || s->n_entities != m->n_entities)
		return cr_cause(cause, "the scores do not fit the model");
	if (by < 0 || (size_t)by >= m->n_nodes ||
	    m->nodes[by].n_children == 0)
		return cr_cause(cause, "no aggregate node %d to rank by", by);
	return 0;
}

/* The fields every answer starts with, before the engine is asked. */
static void
stab_init(struct cr_stab *o, int node, int unit)
{
	memset(o, 0, sizeof(*o));
	o->node = node;
	o->unit = unit;
	o->lo_a = o->lo_b = o->hi_a = o->hi_b = -1;
	o->unit_lo_by = o->unit_hi_by = -1;
	o->hi = o->unit_hi = 1;
}

static int
check_args(const struct cr_model *m, const struct cr_scores *s, int by,
    int node, int unit, char **cause)
{
	if (bad_scores(m, s, by, cause) == -1)
		return -1;
	if (node < 0 || (size_t)node >= m->n_nodes)
		return cr_cause(cause, "no node %d in the model", node);
	if (unit < -1 || (unit >= 0 && (size_t)unit >= m->n_entities))
		return cr_cause(cause, "no unit %d in the model", unit);
	return 0;
}

int
cr_stab_interval(const struct cr_model *m, const struct cr_scenario *sc,
    const struct cr_scores *s, int by, int node, int unit,
    struct cr_stab *o, char **cause)
{
	return cr_stab_interval_until(m, sc, s, by, node, unit, NULL, NULL, o,
	    cause);
}

int
cr_stab_interval_until(const struct cr_model *m,
    const struct cr_scenario *sc, const struct cr_scores *s, int by,
    int node, int unit, int (*stop)(void *), void *arg, struct cr_stab *o,
    char **cause)
{
	struct stop	 st = { stop, arg, 0 };
	struct fam	 f;
	int		*ord;

	stab_init(o, node, unit);
	if (check_args(m, s, by, node, unit, cause) == -1 ||
	    cr_scenario_solvable(m, sc, "stability", cause) == -1)
		return -1;
	if (fam_start(&f, m, sc, s, by, node, &st) == -1) {
		if (unit >= 0)
			o->rank = cr_scores_rank(s, unit, by);
		return 0;
	}
	ord = fam_order(&f);
	if (fam_fill(&f) == -2) {
		free(ord);
		fam_free(&f);
		return 1;
	}
	o->movable = 1;
	o->share = f.t0;
	spans(&f, ord, o);
	free(ord);
	fam_free(&f);
	return st.stopped;
}

int
cr_stab_units(const struct cr_model *m, const struct cr_scenario *sc,
    const struct cr_scores *s, int by, int node, struct cr_stab *out,
    char **cause)
{
	struct cr_stab	 all;
	struct fam	 f;
	size_t		 e;
	int		 movable, *ord;

	stab_init(&all, node, -1);
	if (check_args(m, s, by, node, -1, cause) == -1 ||
	    cr_scenario_solvable(m, sc, "stability", cause) == -1)
		return -1;
	movable = fam_start(&f, m, sc, s, by, node, NULL) == 0;
	if (movable) {
		ord = fam_order(&f);
		(void)fam_fill(&f);
		all.movable = 1;
		all.share = f.t0;
		spans(&f, ord, &all);
		free(ord);
	}
	for (e = 0; e < m->n_entities; e++) {
		out[e] = all;
		out[e].unit = (int)e;
		if (movable)
			unit_span(&f, &out[e]);
		else
			out[e].rank = cr_scores_rank(s, (int)e, by);
	}
	if (movable)
		fam_free(&f);
	return 0;
}

/*
 * Flips.  Sweeping t away from t0, the count of entities above the unit
 * changes only at a pair's root: at the root the pair ties (the other is
 * not above), past it the sign of the segment beyond tells.
 */
struct ev {
	double	 t;
	int	 y;
};

static int
ev_cmp(const void *pa, const void *pb)
{
	const struct ev	*a = pa, *b = pb;

	return (a->t > b->t) - (a->t < b->t);
}

struct sweep {
	const struct fam *f;
	struct pair	*pr;		/* n */
	unsigned char	*state;		/* n: above the unit now */
	struct ev	*ev;		/* 2n */
	int		*ranked;	/* n: a pair in play */
};

/* Whether Y is above in the segment beyond root r going dir. */
static int
above_beyond(const struct pair *pr, double r, int dir)
{
	double	 end = dir > 0 ? 1 : 0;
	int	 i;

	for (i = 0; i < pr->n; i++)
		if (dir * (pr->r[i] - r) > 0 && dir * (pr->r[i] - end) < 0)
			end = pr->r[i];
	return qval(pr, (r + end) / 2) > 0;
}

static void
note_flip(struct cr_flip *fl, int node, double from, double to, int c,
    int y, int c0)
{
	if (fl->found && fabs(fl->from - fl->to) <= fabs(from - to))
		return;
	fl->found = 1;
	fl->node = node;
	fl->from = from;
	fl->to = to;
	fl->rank_from = 1 + c0;
	fl->rank_to = 1 + c;
	fl->other = y;
}

/* One direction of one weight for unit x; c0 its count above now. */
static void
sweep_dir(struct sweep *sw, size_t x, int node, int dir, int c0,
    struct cr_flip *up, struct cr_flip *down)
{
	const struct fam	*f = sw->f;
	size_t			 y, ne = 0, i, j;
	double			 t0 = f->t0, r;
	int			 c = 0, pc, gone, come, got_up = 0, got_dn = 0;
	int			 who;

	for (y = 0; y < f->n; y++) {
		if (!sw->ranked[y])
			continue;
		if (sw->pr[y].fixed)
			sw->state[y] = now_sign(f, y, x) > 0;
		else
			sw->state[y] = above_beyond(&sw->pr[y], t0, dir);
		c += sw->state[y];
		for (i = 0; i < (size_t)sw->pr[y].n; i++) {
			r = sw->pr[y].r[i];
			if (dir * (r - t0) > 0) {
				sw->ev[ne].t = dir * r;
				sw->ev[ne++].y = (int)y;
			}
		}
	}
	/* A tie now that any change breaks. */
	if (c < c0)
		note_flip(up, node, t0, t0, c, -1, c0), got_up = 1;
	if (c > c0)
		note_flip(down, node, t0, t0, c, -1, c0), got_dn = 1;
	qsort(sw->ev, ne, sizeof(*sw->ev), ev_cmp);
	for (i = 0; i < ne && !(got_up && got_dn); i = j) {
		r = dir * sw->ev[i].t;
		gone = come = -1;
		pc = c;
		for (j = i; j < ne && sw->ev[j].t == sw->ev[i].t; j++) {
			y = (size_t)sw->ev[j].y;
			if (sw->state[y]) {
				pc--;
				gone = (int)y;
			}
			sw->state[y] = above_beyond(&sw->pr[y], r, dir);
		}
		c = pc;
		for (j = i; j < ne && sw->ev[j].t == sw->ev[i].t; j++) {
			y = (size_t)sw->ev[j].y;
			if (sw->state[y]) {
				c++;
				come = (int)y;
			}
		}
		who = gone;
		if (!got_up && (pc < c0 || c < c0)) {
			note_flip(up, node, t0, r, c, who, c0);
			got_up = 1;
		}
		if (!got_dn && c > c0) {
			note_flip(down, node, t0, r, c, come, c0);
			got_dn = 1;
		}
	}
}

static void
flips_for(struct sweep *sw, size_t x, int node, struct cr_flip *up,
    struct cr_flip *down)
{
	const struct fam	*f = sw->f;
	struct fn		 fx, fy;
	size_t			 y;
	int			 c0;

	if (f->kind[x] == K_MISSING)
		return;
	c0 = count_above(f, x);
	fam_get(f, x, &fx);
	for (y = 0; y < f->n; y++) {
		sw->ranked[y] = y != x && f->kind[y] != K_MISSING;
		if (sw->ranked[y]) {
			fam_get(f, y, &fy);
			pair_make(&fy, &fx, &sw->pr[y]);
		}
	}
	sweep_dir(sw, x, node, 1, c0, up, down);
	sweep_dir(sw, x, node, -1, c0, up, down);
}

/* Flips of the entities from lo to hi (one, or all). */
static int
flips_range(const struct cr_model *m, const struct cr_scenario *sc,
    const struct cr_scores *s, int by, size_t lo, size_t hi,
    struct cr_flip *up, struct cr_flip *down, cr_progress_fn progress,
    void *arg, char **cause)
{
	struct sweep	 sw;
	struct fam	 f;
	int		*nodes;
	size_t		 nw, w, x, n = m->n_entities;

	if (bad_scores(m, s, by, cause) == -1)
		return -1;
	memset(up, 0, (hi - lo) * sizeof(*up));
	memset(down, 0, (hi - lo) * sizeof(*down));
	for (x = lo; x < hi; x++)
		up[x - lo].other = down[x - lo].other = -1;
	if (cr_scenario_solvable(m, sc, "the flips", cause) == -1)
		return -1;
	nodes = xreallocarray(NULL, m->n_nodes, sizeof(*nodes));
	nw = cr_stab_weights(m, by, nodes);
	sw.pr = xreallocarray(NULL, n + 1, sizeof(*sw.pr));
	sw.state = xcalloc(n + 1, sizeof(*sw.state));
	sw.ev = xreallocarray(NULL, 2 * n + 1, sizeof(*sw.ev));
	sw.ranked = xcalloc(n + 1, sizeof(*sw.ranked));
	if (progress != NULL)
		progress(0, nw * (hi - lo), arg);
	for (w = 0; w < nw; w++) {
		if (fam_build(&f, m, sc, s, by, nodes[w]) == -1)
			continue;
		sw.f = &f;
		for (x = lo; x < hi; x++) {
			flips_for(&sw, x, nodes[w], &up[x - lo],
			    &down[x - lo]);
			if (progress != NULL)
				progress(w * (hi - lo) + x - lo + 1,
				    nw * (hi - lo), arg);
		}
		fam_free(&f);
	}
	free(sw.pr);
	free(sw.state);
	free(sw.ev);
	free(sw.ranked);
	free(nodes);
	return 0;
}

int
cr_flips_all(const struct cr_model *m, const struct cr_scenario *sc,
    const struct cr_scores *s, int by, struct cr_flip *up,
    struct cr_flip *down, cr_progress_fn progress, void *arg,
    char **cause)
{
	return flips_range(m, sc, s, by, 0, m->n_entities, up, down,
	    progress, arg, cause);
}

int
cr_flips(const struct cr_model *m, const struct cr_scenario *sc,
    const struct cr_scores *s, int by, int unit, struct cr_flip *up,
    struct cr_flip *down, char **cause)
{
	if (unit < 0 || (size_t)unit >= m->n_entities) {
		memset(up, 0, sizeof(*up));
		memset(down, 0, sizeof(*down));
		up->other = down->other = -1;
		return cr_cause(cause, "no unit %d in the model", unit);
	}
	return flips_range(m, sc, s, by, (size_t)unit, (size_t)unit + 1, up,
	    down, NULL, NULL, cause);
}
