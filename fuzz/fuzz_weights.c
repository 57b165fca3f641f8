/*
 * libFuzzer target: read the input as a --weights specification
 * ("CODE=W,CODE=W"), a normalisation and an aggregation, and check what
 * score.h promises: a rejected weight specification leaves the scenario
 * as it was, an accepted one passes cr_scenario_check(), and a scenario
 * that was accepted can be scored.
 */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "score.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Parents first, as cr_model_add_node() wants. */
static const struct {
	const char	*code, *parent;
	double		 weight;
	int		 direction;
} nodes[] = {
	{ "index", NULL, 1, 1 },
	{ "strategy", "index", 1, 1 },
	{ "technology", "index", 2, 1 },
	{ "innovation", "index", 0.5, 1 },
	{ "planning", "strategy", 1, 1 },
	{ "execution", "strategy", 3, 1 },
	{ "iot", "technology", 1, 1 },
	{ "cloud", "technology", 1, -1 },
	{ "patents", "innovation", 0, 1 },
	{ "startups", "innovation", 1, 1 },
};

static const char *const entities[] = { "bj", "sh", "sz", "gz" };

static struct cr_model		*model;
static struct cr_scenario	*base;
static struct cr_scores		*scores;

static void
build(void)
{
	char	*cause = NULL;
	size_t	 i, e, l;

	model = cr_model_new("fuzz");
	for (i = 0; i < sizeof nodes / sizeof nodes[0]; i++)
		if (cr_model_add_node(model, nodes[i].code, nodes[i].parent,
		    nodes[i].code, nodes[i].code, "", nodes[i].weight,
		    nodes[i].direction, &cause) != 0)
			abort();
	if (cr_model_freeze(model, &cause) != 0)
		abort();
	for (e = 0; e < sizeof entities / sizeof entities[0]; e++) {
		if (cr_model_add_entity(model, entities[e], entities[e],
		    entities[e], &cause) != 0)
			abort();
		for (l = 0; l < model->n_leaves; l++) {
			/* One value missing, one indicator constant. */
			if (e == 1 && l == 2)
				continue;
			if (cr_model_set_value(model, (int)e, (int)l,
			    l == 3 ? 7.0 : (double)((e * 37 + l * 11) % 23),
			    CR_PROV_REPORT) != 0)
				abort();
		}
	}
	/* The data set's goalposts and targets, for the methods that
	 * take them. */
	for (l = 0; l < model->n_leaves; l++) {
		model->nodes[model->leaf_node[l]].post_lo = 0;
		model->nodes[model->leaf_node[l]].post_hi = 22;
		model->nodes[model->leaf_node[l]].target = 30;
	}
	base = cr_scenario_new(model, "base");
	base->locked[2] = 1;
	if (cr_scenario_check(model, base, &cause) != 0)
		abort();
	scores = cr_scores_new(model);
}

/* A scenario that was accepted must score; the methods are known good. */
static void
score(const struct cr_scenario *sc)
{
	char	*cause = NULL;
	int	 e, nd, r;

	if (cr_score(model, sc, scores, &cause) != 0)
		abort();
	for (e = 0; e < (int)model->n_entities; e++) {
		for (nd = 0; nd < (int)model->n_nodes; nd++) {
			r = cr_scores_rank(scores, e, nd);
			if (r < 0 || (size_t)r > model->n_entities)
				abort();
			/*
			 * With nothing missing beneath it a node has a finite
			 * score: weights and ranges are bounded so nothing
			 * overflows.
			 */
			if (cr_scores_missing(scores, e, nd) == 0 &&
			    !isfinite(cr_scores_score(scores, e, nd)))
				abort();
		}
	}
}

static void
weights(const char *s)
{
	struct cr_scenario	*sc;
	char			*cause = NULL;
	int			 rc;

	sc = cr_scenario_copy(model, base);
	rc = cr_scenario_parse_weights(model, sc, s, &cause);
	if (rc == -1) {
		if (cause == NULL || memcmp(sc->weight, base->weight,
		    model->n_nodes * sizeof(*sc->weight)) != 0)
			abort();
	} else if (rc == 0) {
		if (cause != NULL)
			abort();
		if (cr_scenario_check(model, sc, &cause) != 0)
			abort();
		score(sc);
	} else
		abort();
	/* Weights are all the parser may touch. */
	if (memcmp(sc->locked, base->locked, model->n_nodes) != 0 ||
	    sc->norm != base->norm || sc->agg != base->agg ||
	    strcmp(sc->name, base->name) != 0)
		abort();
	free(cause);
	cr_scenario_free(sc);
}

/*
 * A method with parameters may not fit the data: a reference unit that
 * is not there or is the worst, a target at the worst value.  Then the
 * score fails with a cause.
 */
static void
score_spec(const struct cr_scenario *sc, const struct cr_norm_spec *n)
{
	char	*cause = NULL;

	if (n->method != CR_NORM_DIST2REF && n->method != CR_NORM_DIST2TARG) {
		score(sc);
		return;
	}
	if (cr_score(model, sc, scores, &cause) == 0)
		score(sc);
	else if (cause == NULL)
		abort();
	free(cause);
}

/* What a method's text reads as, written and read again the same. */
static void
round_trip(const struct cr_norm_spec *n)
{
	struct cr_norm_spec	 back;
	char			*t, *u;

	cr_norm_spec_init(&back);
	t = cr_norm_spec_format(n);
	if (cr_norm_spec_parse(t, &back, NULL) != 0 ||
	    !cr_norm_spec_equal(n, &back))
		abort();
	u = cr_norm_spec_format(&back);
	if (strcmp(t, u) != 0)
		abort();
	free(t);
	free(u);
	cr_norm_spec_clear(&back);
}

static void
methods(const char *s)
{
	struct cr_scenario	*sc;
	struct cr_norm_spec	 n;
	struct cr_agg_spec	 a;
	enum cr_norm		 norm;
	enum cr_agg		 agg;
	double			 lo, hi;
	char			*cause = NULL, *t;

	sc = cr_scenario_copy(model, base);
	if (cr_norm_parse(s, &norm, &lo, &hi, &cause) == 0) {
		if (cause != NULL || (unsigned)norm >= CR_NORM_COUNT ||
		    !isfinite(lo) || !isfinite(hi) || !(lo < hi))
			abort();
		sc->norm = norm;
		sc->norm_lo = lo;
		sc->norm_hi = hi;
		score(sc);
	} else if (cause == NULL)
		abort();
	free(cause);
	cause = NULL;

	cr_norm_spec_init(&n);
	if (cr_norm_spec_parse(s, &n, &cause) == 0) {
		if (cause != NULL || !cr_norm_spec_valid(&n))
			abort();
		round_trip(&n);
		cr_scenario_set_norm(sc, &n);
		score_spec(sc, &n);
	} else if (cause == NULL)
		abort();
	cr_norm_spec_clear(&n);
	free(cause);
	cause = NULL;

	cr_scenario_free(sc);
	sc = cr_scenario_copy(model, base);
	if (cr_agg_parse(s, &agg, &cause) == 0) {
		if (cause != NULL || (unsigned)agg >= CR_AGG_COUNT)
			abort();
		sc->agg = agg;
		score(sc);	/* min-max 0-100 is never negative */
	} else if (cause == NULL)
		abort();
	free(cause);
	cause = NULL;

	if (cr_agg_spec_parse(s, &a, &cause) == 0) {
		if (cause != NULL || !cr_agg_spec_valid(&a))
			abort();
		t = cr_agg_spec_format(&a);
		free(t);
		cr_scenario_set_agg(sc, &a);
		score(sc);
	} else if (cause == NULL)
		abort();
	free(cause);
	cr_scenario_free(sc);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s;

	if (model == NULL)
		build();
	/* The parsers take C strings: stop at the first NUL, as argv would. */
	if ((s = malloc(size + 1)) == NULL)
		abort();
	if (size > 0)
		memcpy(s, data, size);
	s[size] = '\0';
	weights(s);
	methods(s);
	free(s);
	return 0;
}
