/*
 * Interactive weight editing.  Every edit builds the proposed weight
 * array, and one function diffs it against the scenario, records only
 * the weights that changed (node, old, new) and writes it back, so
 * undo and redo restore exact values.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cause.h"
#include "model.h"
#include "score.h"
#include "wedit.h"
#include "xmalloc.h"

/* Shares closer than this count as equal (float noise of re-scaling). */
#define SHARE_EPS	1e-12

struct change {
	int	 node;
	double	 from, to;
};

struct action {
	int		 node;	/* a node of the one changed group, or -1 */
	size_t		 n;
	struct change	*ch;
};

struct stack {
	struct action	 a[CR_WEDIT_HISTORY];
	size_t		 n;
};

struct cr_wedit {
	const struct cr_model		*m;
	struct cr_scenario		*sc;
	const struct cr_scenario	*base;
	struct stack			 undo, redo;
};


static int
valid_node(const struct cr_wedit *w, int node)
{
	return node >= 0 && (size_t)node < w->m->n_nodes;
}

static double
base_weight(const struct cr_wedit *w, int node)
{
	if (w->base != NULL)
		return w->base->weight[node];
	return w->m->nodes[node].weight;
}

static double
group_sum(const struct cr_model *m, const double *wt, int parent)
{
	double	 sum = 0;
	int	 c;

	for (c = m->nodes[parent].first_child; c != -1;
	    c = m->nodes[c].next_sibling)
		sum += wt[c];
	return sum;
}

static void
stack_clear(struct stack *s)
{
	while (s->n > 0)
		free(s->a[--s->n].ch);
}

/* Full: the oldest action goes, because history depth is bounded. */
static void
stack_push(struct stack *s, struct action a)
{
	if (s->n == CR_WEDIT_HISTORY) {
		free(s->a[0].ch);
		memmove(&s->a[0], &s->a[1], (s->n - 1) * sizeof(s->a[0]));
		s->n--;
	}
	s->a[s->n++] = a;
}

struct cr_wedit *
cr_wedit_new(const struct cr_model *m, struct cr_scenario *sc,
    const struct cr_scenario *base)
{
	struct cr_wedit	*w;

	w = xcalloc(1, sizeof(*w));
	w->m = m;
	w->sc = sc;
	w->base = base;
	return w;
}

void
cr_wedit_free(struct cr_wedit *w)
{
	if (w == NULL)
		return;
	stack_clear(&w->undo);
	stack_clear(&w->redo);
	free(w);
}

static double *
copy_weights(const struct cr_wedit *w)
{
	double	*next;

	next = xreallocarray(NULL, w->m->n_nodes, sizeof(*next));
	memcpy(next, w->sc->weight, w->m->n_nodes * sizeof(*next));
	return next;
}

/*
 * Record and write the proposed weights.  The action names one changed
 * node when all changes share a parent, so undo can re-score only that
 * group.
 */
static int
commit(struct cr_wedit *w, const double *next)
{
	const struct cr_model	*m = w->m;
	struct action		 a;
	size_t			 i;

	memset(&a, 0, sizeof(a));
	for (i = 0; i < m->n_nodes; i++)
		if (next[i] != w->sc->weight[i])
			a.n++;
	if (a.n == 0)
		return 1;
	a.ch = xreallocarray(NULL, a.n, sizeof(*a.ch));
	a.n = 0;
	for (i = 0; i < m->n_nodes; i++) {
		if (next[i] == w->sc->weight[i])
			continue;
		a.ch[a.n].node = (int)i;
		a.ch[a.n].from = w->sc->weight[i];
		a.ch[a.n].to = next[i];
		if (a.n == 0)
			a.node = (int)i;
		else if (a.node != -1 &&
		    m->nodes[i].parent != m->nodes[a.node].parent)
			a.node = -1;
		a.n++;
		w->sc->weight[i] = next[i];
	}
	stack_clear(&w->redo);
	stack_push(&w->undo, a);
	return 0;
}

double
cr_wedit_pct(const struct cr_wedit *w, int node)
{
	double	 sum;
	int	 p;

	if (!valid_node(w, node))
		return NAN;
	if ((p = w->m->nodes[node].parent) == -1)
		return 100;
	sum = group_sum(w->m, w->sc->weight, p);
	return sum > 0 ? 100 * w->sc->weight[node] / sum : 0;
}

/* The errors of a step that do not depend on the arithmetic. */
static int
step_check(const struct cr_wedit *w, int node, double delta_pct,
    char **cause)
{
	const struct cr_model	*m = w->m;
	int			 p;

	if (!valid_node(w, node))
		return cr_cause(cause, "no node %d", node);
	if (!isfinite(delta_pct))
		return cr_cause(cause, "step %g is not a finite number", delta_pct);
	if ((p = m->nodes[node].parent) == -1)
		return cr_cause(cause, "the index has no siblings");
	if (w->sc->locked[node])
		return cr_cause(cause, "'%s' is locked", m->nodes[node].code);
	if (m->nodes[p].n_children == 1)
		return cr_cause(cause, "'%s' is the only item under '%s'",
		    m->nodes[node].code, m->nodes[p].code);
	if (!(group_sum(m, w->sc->weight, p) > 0))
		return cr_cause(cause, "all weights under '%s' are zero",
		    m->nodes[p].code);
	return 0;
}

/*
 * Shares throughout: the node moves to target, locked siblings keep
 * theirs, and the unlocked ones share what is left.
 */
int
cr_wedit_step(struct cr_wedit *w, int node, double delta_pct, char **cause)
{
	const struct cr_model	*m = w->m;
	const double		*wt = w->sc->weight;
	double			*next, total, cur, locked = 0, loose = 0;
	double			 target, left, s;
	int			 p, c, n_loose = 0, rc;

	if (step_check(w, node, delta_pct, cause) == -1)
		return -1;
	p = m->nodes[node].parent;
	total = group_sum(m, wt, p);
	for (c = m->nodes[p].first_child; c != -1;
	    c = m->nodes[c].next_sibling) {
		if (c == node)
			continue;
		if (w->sc->locked[c])
			locked += wt[c] / total;
		else {
			loose += wt[c] / total;
			n_loose++;
		}
	}
	if (n_loose == 0)
		return cr_cause(cause, "every sibling of '%s' is locked",
		    m->nodes[node].code);
	cur = wt[node] / total;
	target = fmin(fmax(cur + delta_pct / 100, 0), fmax(1 - locked, 0));
	if (fabs(target - cur) <= SHARE_EPS)
		return 0;
	left = fmax(1 - locked - target, 0);

	next = copy_weights(w);
	next[node] = target;
	for (c = m->nodes[p].first_child; c != -1;
	    c = m->nodes[c].next_sibling) {
		if (c == node)
			continue;
		s = wt[c] / total;
		if (w->sc->locked[c])
			next[c] = s;
		else
			next[c] = loose > 0 ? s * left / loose : left / n_loose;
	}
	/* Cannot happen with the rules above; kept so sc stays valid. */
	if (!(group_sum(m, next, p) > 0))
		rc = cr_cause(cause, "at least one weight under '%s' must stay "
		    "above zero", m->nodes[p].code);
	else {
		(void)commit(w, next);	/* nothing exactly changed is fine */
		rc = 0;
	}
	free(next);
	return rc;
}

void
cr_wedit_lock(struct cr_wedit *w, int node, int on)
{
	if (valid_node(w, node))
		w->sc->locked[node] = on != 0;
}

int
cr_wedit_locked(const struct cr_wedit *w, int node)
{
	return valid_node(w, node) && w->sc->locked[node];
}

/*
 * Copy the baseline into next for one group when its shares differ;
 * 1 when it did.  Only shares matter, so a group re-expressed by a
 * step (0.25, 0.25, 0.5 for 1, 1, 2) is already at the baseline.
 */
static int
reset_group(const struct cr_wedit *w, double *next, int parent)
{
	const struct cr_model	*m = w->m;
	double			 sum, bsum, s, bs;
	int			 c, differs = 0;

	sum = group_sum(m, w->sc->weight, parent);
	bsum = 0;
	for (c = m->nodes[parent].first_child; c != -1;
	    c = m->nodes[c].next_sibling)
		bsum += base_weight(w, c);
	if (!(bsum > 0))
		return 0;	/* an invalid baseline is not copied */
	for (c = m->nodes[parent].first_child; c != -1;
	    c = m->nodes[c].next_sibling) {
		s = sum > 0 ? w->sc->weight[c] / sum : 0;
		bs = base_weight(w, c) / bsum;
		if (fabs(s - bs) > SHARE_EPS)
			differs = 1;
	}
	if (!differs)
		return 0;
	for (c = m->nodes[parent].first_child; c != -1;
	    c = m->nodes[c].next_sibling)
		next[c] = base_weight(w, c);
	return 1;
}

/* Locks are ignored: a reset is an explicit request for the baseline. */
int
cr_wedit_reset_node(struct cr_wedit *w, int node)
{
	double	*next;
	int	 rc = 1;

	if (!valid_node(w, node))
		return -1;
	if (w->m->nodes[node].parent == -1)
		return 1;
	next = copy_weights(w);
	if (reset_group(w, next, w->m->nodes[node].parent))
		rc = commit(w, next);
	free(next);
	return rc;
}

/* Locks are ignored, as for one group. */
int
cr_wedit_reset_all(struct cr_wedit *w)
{
	double	*next;
	size_t	 i;
	int	 any = 0, rc = 1;

	next = copy_weights(w);
	for (i = 0; i < w->m->n_nodes; i++)
		if (w->m->nodes[i].n_children > 0)
			any |= reset_group(w, next, (int)i);
	if (any)
		rc = commit(w, next);
	free(next);
	return rc;
}

/* Locks are ignored: a preset is a whole set of weights. */
int
cr_wedit_apply_preset(struct cr_wedit *w, const struct cr_scenario *preset,
    char **cause)
{
	if (cr_scenario_check(w->m, preset, cause) == -1)
		return -1;
	return commit(w, preset->weight);
}

/* Move the top action of one stack to the other, writing from or to. */
static int
replay(struct cr_wedit *w, struct stack *src, struct stack *dst, int undo,
    int *node_changed)
{
	struct action	 a;
	size_t		 i;

	if (src->n == 0)
		return 1;
	a = src->a[--src->n];
	for (i = 0; i < a.n; i++)
		w->sc->weight[a.ch[i].node] = undo ? a.ch[i].from : a.ch[i].to;
	if (node_changed != NULL)
		*node_changed = a.node;
	stack_push(dst, a);
	return 0;
}

int
cr_wedit_undo(struct cr_wedit *w, int *node_changed)
{
	return replay(w, &w->undo, &w->redo, 1, node_changed);
}

int
cr_wedit_redo(struct cr_wedit *w, int *node_changed)
{
	return replay(w, &w->redo, &w->undo, 0, node_changed);
}

size_t
cr_wedit_undo_depth(const struct cr_wedit *w)
{
	return w->undo.n;
}

size_t
cr_wedit_redo_depth(const struct cr_wedit *w)
{
	return w->redo.n;
}
