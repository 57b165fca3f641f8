/*
 * cityrank compare A B [C D]: cities side by side, the gap between the
 * first two split into each child's weighted contribution, and the
 * smallest single weight change that would swap them.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "compare.h"
#include "match.h"
#include "tables.h"
#include "xmalloc.h"

#define MAX_CITIES	4

static int
resolve(struct cli *c, int *e)
{
	char	*why = NULL;
	int	 i, j;

	if (c->nargs < 2 || c->nargs > MAX_CITIES) {
		fprintf(stderr, "cityrank: compare needs 2 to %d cities "
		    "(got %d)\n", MAX_CITIES, c->nargs);
		return (-1);
	}
	for (i = 0; i < c->nargs; i++) {
		if ((e[i] = cr_match_city(c->ds->model, c->args[i], &why)) <
		    0) {
			fprintf(stderr, "cityrank: %s\n", why);
			free(why);
			return (-1);
		}
		for (j = 0; j < i; j++)
			if (e[j] == e[i]) {
				fprintf(stderr, "cityrank: '%s' names %s "
				    "twice\n", c->args[i],
				    c->ds->model->entities[e[i]].name_en);
				return (-1);
			}
	}
	return (0);
}

static void
columns(struct out_table *t, struct cli *c, const int *e, int n, int text)
{
	const struct cr_model	*m = c->ds->model;
	char			*k, *title;
	int			 i;

	out_col(t, "node", "Node", 0);
	out_col(t, "name_zh", "名称", 0);
	if (!text)
		out_col(t, "name_en", "Name", 0);
	for (i = 0; i < n; i++) {
		k = xasprintf("score_%s", m->entities[e[i]].code);
		title = xasprintf("%s", text && !c->ascii ?
		    m->entities[e[i]].name_zh : m->entities[e[i]].name_en);
		out_col(t, k, title, 1);
		free(k);
		free(title);
		k = xasprintf("rank_%s", m->entities[e[i]].code);
		out_col(t, k, "#", 1);
		free(k);
	}
	out_col(t, "diff", text ? "A-B" : "diff", 1);
	out_col(t, "contrib", text ? "Share of gap" : "contrib", 1);
}

/* The contribution of node to the gap, when it is a child of `by`. */
static double
contribution(const struct cr_gap *g, int node)
{
	size_t	i;

	for (i = 0; i < g->n; i++)
		if (g->child[i] == node)
			return (g->contrib[i]);
	return (NAN);
}

static void
row(struct out_table *t, struct cli *c, const int *e, int n, int node,
    const struct cr_gap *g, int text)
{
	const struct cr_model	*m = c->ds->model;
	const struct cr_node	*nd = &m->nodes[node];
	char			*s;
	int			 i, r;

	s = xasprintf("%*s%s", text ? 2 * nd->depth : 0, "", nd->code);
	out_str(t, s);
	free(s);
	out_str(t, nd->name_zh);
	if (!text)
		out_str(t, nd->name_en);
	for (i = 0; i < n; i++) {
		out_num_mark(t, cr_scores_score(c->scores, e[i], node), 1,
		    cli_prov_mark(cr_scores_prov(c->scores, e[i], node)));
		if ((r = cr_scores_rank(c->scores, e[i], node)) > 0)
			out_int(t, r);
		else
			out_num(t, NAN, 0);
	}
	out_num(t, cr_scores_score(c->scores, e[0], node) -
	    cr_scores_score(c->scores, e[1], node), 2);
	out_num(t, contribution(g, node), 2);
}

static void
gap_note(struct out_table *t, struct cli *c, const int *e,
    const struct cr_gap *g)
{
	const struct cr_model	*m = c->ds->model;
	char			*s, *u;
	size_t			 i;

	s = xasprintf("Gap %s - %s at %s: %+.2f =", m->entities[e[0]].name_zh,
	    m->entities[e[1]].name_zh, m->nodes[g->node].code, g->gap);
	for (i = 0; i < g->n; i++) {
		u = xasprintf("%s %s %+.2f", s, m->nodes[g->child[i]].code,
		    g->contrib[i]);
		free(s);
		s = u;
	}
	if (g->approx) {
		u = xasprintf("%s (approximate: a value is missing for one "
		    "city, or a zero under geometric aggregation)", s);
		free(s);
		s = u;
	}
	out_note(t, s);
	free(s);
}

static void
swap_note(struct out_table *t, struct cli *c, const int *e,
    const struct cr_swap *w)
{
	const struct cr_model	*m = c->ds->model;
	const char		*ahead, *behind;
	char			*s;
	int			 a_ahead;

	a_ahead = cr_scores_score(c->scores, e[0], c->by) >=
	    cr_scores_score(c->scores, e[1], c->by);
	ahead = m->entities[a_ahead ? e[0] : e[1]].name_zh;
	behind = m->entities[a_ahead ? e[1] : e[0]].name_zh;
	if (!w->found)
		s = xasprintf("What would it take: %s (A = %s, B = %s)",
		    w->reason, m->entities[e[0]].name_zh,
		    m->entities[e[1]].name_zh);
	else
		s = xasprintf("What would it take: %s %s's share of %s from "
		    "%.1f%% to beyond %.1f%% (others rescaled in proportion) "
		    "puts %s ahead of %s", w->to > w->from ? "raising" :
		    "lowering", m->nodes[w->child].code, m->nodes[c->by].code,
		    100 * w->from, 100 * w->to, behind, ahead);
	out_note(t, s);
	free(s);
}

int
table_compare(struct cli *c, const int *e, int n, struct out_table *t)
{
	const struct cr_model	*m = c->ds->model;
	struct cr_gap		 g;
	struct cr_swap		 w;
	int			 node, text;

	text = c->format == OUT_TABLE || c->format == OUT_MD;
	memset(&g, 0, sizeof g);
	if (cr_compare_gap(m, c->sc, c->scores, c->by, e[0], e[1], &g) != 0 ||
	    cr_compare_swap(m, c->sc, c->scores, c->by, e[0], e[1], &w) != 0) {
		cr_gap_clear(&g);
		return (-1);
	}
	t->ascii = c->ascii;
	cli_scenario_meta(c, t);
	columns(t, c, e, n, text);
	for (node = 0; node < (int)m->n_nodes; node++)
		row(t, c, e, n, node, &g, text);
	gap_note(t, c, e, &g);
	swap_note(t, c, e, &w);
	out_note(t, "A-B and the gap compare the first two cities; ~ marks "
	    "numbers computed from reconstructed values");
	cr_gap_clear(&g);
	return (0);
}

int
cmd_compare(struct cli *c)
{
	struct out_table	 t;
	int			 e[MAX_CITIES], rc;

	if (resolve(c, e) != 0)
		return (CR_EXIT_USAGE);
	out_init(&t);
	if (table_compare(c, e, c->nargs, &t) != 0) {
		fprintf(stderr, "cityrank: cannot compare at '%s': it has no "
		    "children or a score is missing\n",
		    c->ds->model->nodes[c->by].code);
		out_free(&t);
		return (CR_EXIT_USAGE);
	}
	rc = out_print(&t, c->format, stdout);
	out_free(&t);
	return (rc == 0 ? CR_EXIT_OK : CR_EXIT_FAIL);
}
