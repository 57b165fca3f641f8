/*
 * Scenarios: weights and method choices, and the parsers for them.
 */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cause.h"
#include "model.h"
#include "num.h"
#include "score.h"
#include "utf8.h"
#include "xmalloc.h"

#define DIFF_TOLERANCE	1e-12

static const char *const norm_names[CR_NORM_COUNT] = {
	"none", "minmax", "zscore", "rank", "prank", "borda", "fracmax",
	"goalposts", "dist2max", "dist2targ", "dist2ref"
};

/* Every method, for messages: what --normalize and --aggregate take. */
#define NORM_LIST	"none, minmax[:LO:HI], zscore, rank, prank, borda, " \
			"fracmax, goalposts[:LO:HI[:SCALE]], dist2max, " \
			"dist2targ[:TARGET][:cap] or dist2ref:UNIT[:cap]"
#define AGG_LIST	"arith, geom, harm, power:P or copeland"

int
cr_norm_ranked(enum cr_norm n)
{
	return n == CR_NORM_RANK || n == CR_NORM_PRANK || n == CR_NORM_BORDA;
}


const char *
cr_norm_name(enum cr_norm n)
{
	if ((unsigned)n >= CR_NORM_COUNT)
		return "?";
	return norm_names[n];
}

/* [s, end) is one number, by the parser of every user number (num.h). */
static int
parse_number(const char *s, const char *end, double *out)
{
	char	*t;
	int	 rc;

	t = xstrndup(s, (size_t)(end - s));
	rc = cr_num_parse(t, out, NULL);
	free(t);
	return rc;
}

static int
parse_range(const char *s, double *lo, double *hi)
{
	const char	*colon, *end;

	end = s + strlen(s);
	if ((colon = strchr(s, ':')) == NULL)
		return -1;
	if (parse_number(s, colon, lo) == -1 ||
	    parse_number(colon + 1, end, hi) == -1)
		return -1;
	if (fabs(*lo) > CR_RANGE_MAX || fabs(*hi) > CR_RANGE_MAX)
		return -1;
	return *lo < *hi ? 0 : -1;
}

int
cr_norm_parse(const char *s, enum cr_norm *out, double *lo, double *hi,
    char **cause)
{
	double	 l = 0, h = 100;
	int	 i;

	if (strncasecmp(s, "minmax:", 7) == 0) {
		if (parse_range(s + 7, &l, &h) == -1)
			return cr_cause(cause, "bad min-max range '%s' (expected "
			    "minmax:LO:HI with LO < HI, both within +-1e9)", s);
		*out = CR_NORM_MINMAX;
		goto done;
	}
	for (i = 0; i < CR_NORM_COUNT; i++) {
		if (strcasecmp(s, norm_names[i]) == 0) {
			/* Its unit is its one parameter, and not optional. */
			if (i == CR_NORM_DIST2REF)
				return cr_cause(cause, "dist2ref needs the "
				    "reference unit: dist2ref:UNIT[:cap]");
			*out = (enum cr_norm)i;
			goto done;
		}
	}
	return cr_cause(cause, "unknown normalisation '%s' (expected "
	    NORM_LIST ")", s);
done:
	if (lo != NULL)
		*lo = l;
	if (hi != NULL)
		*hi = h;
	return 0;
}

const char *
cr_agg_name(enum cr_agg a)
{
	switch (a) {
	case CR_AGG_ARITH:
		return "arith";
	case CR_AGG_GEOM:
		return "geom";
	case CR_AGG_HARM:
		return "harm";
	case CR_AGG_POWER:
		return "power";
	case CR_AGG_COPELAND:
		return "copeland";
	default:
		return "?";
	}
}

int
cr_agg_parse(const char *s, enum cr_agg *out, char **cause)
{
	if (strcasecmp(s, "arith") == 0 || strcasecmp(s, "arithmetic") == 0)
		*out = CR_AGG_ARITH;
	else if (strcasecmp(s, "geom") == 0 ||
	    strcasecmp(s, "geometric") == 0)
		*out = CR_AGG_GEOM;
	else if (strcasecmp(s, "harm") == 0 ||
	    strcasecmp(s, "harmonic") == 0)
		*out = CR_AGG_HARM;
	else if (strcasecmp(s, "copeland") == 0)
		*out = CR_AGG_COPELAND;
	else if (strcasecmp(s, "power") == 0)
		return cr_cause(cause, "power needs its exponent: power:P (1 "
		    "arithmetic, 0 geometric, -1 harmonic)");
	else
		return cr_cause(cause, "unknown aggregation '%s' (expected "
		    AGG_LIST ")", s);
	return 0;
}

int
cr_agg_solvable(enum cr_agg a, const char *what, char **cause)
{
	if (a == CR_AGG_ARITH || a == CR_AGG_GEOM)
		return 0;
	return cr_cause(cause, "%s works with the arithmetic and geometric "
	    "means only, not %s; use --aggregate arith or geom", what,
	    cr_agg_name(a));
}

struct cr_scenario *
cr_scenario_new(const struct cr_model *m, const char *name)
{
	struct cr_scenario	*sc;
	size_t			 i;

	sc = xcalloc(1, sizeof(*sc));
	sc->name = xstrdup(name != NULL ? name : "");
	sc->weight = xreallocarray(NULL, m->n_nodes, sizeof(*sc->weight));
	sc->locked = xcalloc(m->n_nodes, sizeof(*sc->locked));
	for (i = 0; i < m->n_nodes; i++)
		sc->weight[i] = m->nodes[i].weight;
	sc->norm = CR_NORM_MINMAX;
	sc->norm_lo = 0;
	sc->norm_hi = 100;
	sc->agg = CR_AGG_ARITH;
	cr_norm_par_init(&sc->norm_par);
	sc->agg_p = 1;
	return sc;
}

struct cr_scenario *
cr_scenario_copy(const struct cr_model *m, const struct cr_scenario *from)
{
	struct cr_scenario	*sc;

	sc = xcalloc(1, sizeof(*sc));
	*sc = *from;
	sc->name = xstrdup(from->name);
	sc->weight = xreallocarray(NULL, m->n_nodes, sizeof(*sc->weight));
	sc->locked = xreallocarray(NULL, m->n_nodes, sizeof(*sc->locked));
	if (m->n_nodes > 0) {
		memcpy(sc->weight, from->weight,
		    m->n_nodes * sizeof(*sc->weight));
		memcpy(sc->locked, from->locked,
		    m->n_nodes * sizeof(*sc->locked));
	}
	cr_norm_par_init(&sc->norm_par);
	sc->leaf_norm = NULL;
	sc->n_leaf_norm = 0;
	sc->level_agg = NULL;
	sc->n_levels = 0;
	cr_scenario_copy_methods(m, sc, from);
	return sc;
}

void
cr_scenario_free(struct cr_scenario *sc)
{
	if (sc == NULL)
		return;
	cr_scenario_clear_overrides(sc);
	cr_norm_par_clear(&sc->norm_par);
	free(sc->name);
	free(sc->weight);
	free(sc->locked);
	free(sc);
}

/* Sum of the weights of a node and its siblings. */
static double
sibling_sum(const struct cr_model *m, const double *w, int node)
{
	double	 sum = 0;
	int	 c;

	for (c = m->nodes[m->nodes[node].parent].first_child; c != -1;
	    c = m->nodes[c].next_sibling)
		sum += w[c];
	return sum;
}

static double
local_share(const struct cr_model *m, const double *w, int node)
{
	double	 sum;

	sum = sibling_sum(m, w, node);
	return sum > 0 ? w[node] / sum : 0;
}

/* Exactly: a result kept for one is good for the other. */
int
cr_scenario_same(const struct cr_model *m, const struct cr_scenario *a,
    const struct cr_scenario *b)
{
	size_t	i;

	if (a->norm != b->norm || a->agg != b->agg ||
	    a->norm_lo != b->norm_lo || a->norm_hi != b->norm_hi)
		return (0);
	for (i = 0; i < m->n_nodes; i++)
		if (a->weight[i] != b->weight[i])
			return (0);
	return (1);
}

/*
 * Only relative weights among siblings matter to the scores, so 2,2 and
 * 1,1 are the same scenario.
 */
int
cr_scenario_differs(const struct cr_model *m, const struct cr_scenario *a,
    const struct cr_scenario *b)
{
	double	 sa, sb;
	size_t	 i;

	if (!cr_scenario_same_methods(m, a, b))
		return 1;
	for (i = 0; i < m->n_nodes; i++) {
		if (m->nodes[i].parent == -1)
			continue;
		sa = local_share(m, a->weight, (int)i);
		sb = local_share(m, b->weight, (int)i);
		if (fabs(sa - sb) > DIFF_TOLERANCE * fmax(fabs(sa), fabs(sb)))
			return 1;
	}
	return 0;
}

static int
check_weights(const struct cr_model *m, const double *w, char **cause)
{
	size_t	 i;
	int	 c, positive;

	for (i = 0; i < m->n_nodes; i++)
		if (!isfinite(w[i]) || w[i] < 0 || w[i] > CR_WEIGHT_MAX)
			return cr_cause(cause, "weight %g of '%s' is not a "
			    "number from 0 to 1e9", w[i], m->nodes[i].code);
	for (i = 0; i < m->n_nodes; i++) {
		if (m->nodes[i].n_children == 0)
			continue;
		positive = 0;
		for (c = m->nodes[i].first_child; c != -1;
		    c = m->nodes[c].next_sibling)
			if (w[c] > 0)
				positive = 1;
		if (!positive)
			return cr_cause(cause, "all weights under '%s' are zero",
			    m->nodes[i].code);
	}
	return 0;
}

int
cr_scenario_check(const struct cr_model *m, const struct cr_scenario *sc,
    char **cause)
{
	return check_weights(m, sc->weight, cause);
}


/*
 * One "CODE=W" item, [s, end), applied to w.  seen[] marks the nodes
 * given so far: a second weight for one is a mistake, not an override.
 */
static int
parse_item(const struct cr_model *m, double *w, unsigned char *seen,
    const char *s, const char *end, char **cause)
{
	const char	*eq, *cs, *ce, *ws, *we;
	char		*code, *num, *why = NULL;
	double		 d;
	int		 node, rc = -1;

	cr_trim_span(&s, &end);
	if (s == end)
		return cr_cause(cause, "empty item in --weights");
	if ((eq = memchr(s, '=', (size_t)(end - s))) == NULL)
		return cr_cause(cause, "missing '=' in '%.*s' (expected "
		    "CODE=WEIGHT)", (int)(end - s), s);
	cs = s;
	ce = eq;
	ws = eq + 1;
	we = end;
	cr_trim_span(&cs, &ce);
	cr_trim_span(&ws, &we);
	code = xstrndup(cs, (size_t)(ce - cs));
	/* The parser wants a terminated string; the spec is not ours. */
	num = xstrndup(ws, (size_t)(we - ws));
	if ((node = cr_model_find_node(m, code)) == -1)
		cr_cause(cause, "unknown node '%s' in --weights", code);
	else if (seen[node])
		cr_cause(cause, "node '%s' is given twice in --weights", code);
	else if (cr_num_parse(num, &d, &why) == -1)
		cr_cause(cause, "weight '%s' for '%s' %s", num, code, why);
	else if (d < 0)
		cr_cause(cause, "weight %s for '%s' is negative", num, code);
	else if (d > CR_WEIGHT_MAX)
		cr_cause(cause, "weight %s for '%s' is too large (at most 1e9: "
		    "weights are relative among siblings)", num, code);
	else {
		w[node] = d + 0.0;	/* no -0 */
		seen[node] = 1;
		rc = 0;
	}
	free(why);
	free(code);
	free(num);
	return rc;
}

int
cr_scenario_parse_weights(const struct cr_model *m, struct cr_scenario *sc,
    const char *spec, char **cause)
{
	const char	*s, *end, *comma;
	unsigned char	*seen;
	double		*w;
	int		 rc = -1;

	s = spec;
	end = spec + strlen(spec);
	cr_trim_span(&s, &end);
	if (s == end)
		return cr_cause(cause, "empty --weights specification");
	/* Work on a copy so that an error leaves the scenario unchanged. */
	w = xreallocarray(NULL, m->n_nodes, sizeof(*w));
	seen = xcalloc(m->n_nodes + 1, sizeof(*seen));
	if (m->n_nodes > 0)
		memcpy(w, sc->weight, m->n_nodes * sizeof(*w));
	for (;;) {
		if ((comma = memchr(s, ',', (size_t)(end - s))) == NULL)
			comma = end;
		if (parse_item(m, w, seen, s, comma, cause) == -1)
			goto out;
		if (comma == end)
			break;
		s = comma + 1;
	}
	if (check_weights(m, w, cause) == -1)
		goto out;
	memcpy(sc->weight, w, m->n_nodes * sizeof(*w));
	rc = 0;
out:
	free(seen);
	free(w);
	return rc;
}

double
cr_scenario_share(const struct cr_model *m, const struct cr_scenario *sc,
    int node)
{
	double	 share = 1;

	if (node < 0 || (size_t)node >= m->n_nodes)
		return NAN;
	for (; m->nodes[node].parent != -1; node = m->nodes[node].parent)
		share *= local_share(m, sc->weight, node);
	return share;
}
