/* cityrank rank: the cities ordered by one node's score. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "tables.h"
#include "xmalloc.h"

/* Entities in rank order; unranked (missing) last, then data order. */
static int *
ranked_order(const struct cr_model *m, struct cr_scores *s, int by)
{
	int	*order, *count, r, e;
	size_t	 i, n = m->n_entities, pos;

	order = xcalloc(n + 1, sizeof *order);
	count = xcalloc(n + 2, sizeof *count);
	/* A counting sort keeps ties in data order. */
	for (i = 0; i < n; i++) {
		r = cr_scores_rank(s, (int)i, by);
		count[r == 0 ? n + 1 : (size_t)r]++;
	}
	for (pos = 0, i = 1; i <= n + 1; i++) {
		r = count[i];
		count[i] = (int)pos;
		pos += (size_t)r;
	}
	for (i = 0; i < n; i++) {
		e = (int)i;
		r = cr_scores_rank(s, e, by);
		order[count[r == 0 ? n + 1 : (size_t)r]++] = e;
	}
	free(count);
	return (order);
}

static void
move_text(char *buf, size_t len, int base, int now, int ascii)
{
	if (base == 0 || now == 0)
		snprintf(buf, len, "%s", "");
	else if (base == now)
		snprintf(buf, len, "=");
	else if (base > now)
		snprintf(buf, len, "%s%d", ascii ? "+" : "↑", base - now);
	else
		snprintf(buf, len, "%s%d", ascii ? "-" : "↓", now - base);
}

static void
columns(struct out_table *t, struct cli *c, int moved, int published)
{
	int	text = c->format == OUT_TABLE || c->format == OUT_MD;

	out_col(t, "rank", "Rank", 1);
	if (moved)
		out_col(t, "move", text ? "Move" : "move", 1);
	if (!text)
		out_col(t, "code", "Code", 0);
	out_col(t, "name_zh", "City", 0);
	out_col(t, "name_en", "Pinyin", 0);
	out_col(t, "score", "Score", 1);
	if (!text)
		out_col(t, "provenance", "Provenance", 0);
	if (moved || !text)
		out_col(t, "baseline_rank", "Base", 1);
	if (published)
		out_col(t, "report_rank", "Report", 1);
	out_col(t, "missing", "Missing", 1);
}

static void
row(struct out_table *t, struct cli *c, int e, int moved, int published)
{
	const struct cr_model		*m = c->ds->model;
	const struct cr_published	*p;
	enum cr_prov			 prov;
	int				 text, now, base;
	char				 buf[32];

	text = c->format == OUT_TABLE || c->format == OUT_MD;
	now = cr_scores_rank(c->scores, e, c->by);
	base = cr_scores_rank(c->base_scores, e, c->by);
	if (now > 0)
		out_int(t, now);
	else
		out_num(t, NAN, 0);
	if (moved && text) {
		move_text(buf, sizeof buf, base, now, c->ascii);
		out_str(t, buf);
	} else if (moved) {
		/* Scripts get a number: places gained against the baseline. */
		if (base > 0 && now > 0)
			out_int(t, base - now);
		else
			out_num(t, NAN, 0);
	}
	if (!text)
		out_str(t, m->entities[e].code);
	out_str(t, m->entities[e].name_zh);
	out_str(t, m->entities[e].name_en);
	prov = cr_scores_prov(c->scores, e, c->by);
	out_num_mark(t, cr_scores_score(c->scores, e, c->by), 2,
	    cli_prov_mark(prov));
	if (!text)
		out_str(t, cr_prov_name(prov));
	if (moved || !text) {
		if (base > 0)
			out_int(t, base);
		else
			out_num(t, NAN, 0);
	}
	if (published) {
		p = cr_dataset_published(c->ds, e, c->by, CR_PUB_RANK);
		out_num(t, p != NULL ? p->value : NAN, 0);
		t->cells[t->ncells - 1].is_int = 1;
	}
	out_int(t, cr_scores_missing(c->scores, e, c->by));
}

static int
has_published_ranks(struct cli *c)
{
	size_t	e;

	for (e = 0; e < c->ds->model->n_entities; e++)
		if (cr_dataset_published(c->ds, (int)e, c->by, CR_PUB_RANK))
			return (1);
	return (0);
}

static void
notes(struct out_table *t, struct cli *c, int published)
{
	const struct cr_model	*m = c->ds->model;
	size_t			 e;
	int			 derived = 0;

	for (e = 0; e < m->n_entities; e++)
		if (cr_prov_is_derived(cr_scores_prov(c->scores, (int)e,
		    c->by)))
			derived = 1;
	if (derived)
		out_note(t, "~ computed from reconstructed or estimated "
		    "values, not published by the source (see 'cityrank show "
		    "CITY' and data/README.md)");
	out_note(t, "Base: rank under the baseline preset; Missing: leaf "
	    "values missing beneath the node (dropped, weights rescaled)");
	if (published)
		out_note(t, "Report: the rank the source publishes");
}

void
table_rank(struct cli *c, struct out_table *t)
{
	const struct cr_model	*m = c->ds->model;
	const struct cr_node	*n = &m->nodes[c->by];
	int			*order, moved, published;
	size_t			 i;
	char			*s;

	moved = cr_scenario_differs(m, c->sc, c->base);
	published = has_published_ranks(c);
	t->ascii = c->ascii;
	cli_scenario_meta(c, t);
	s = xasprintf("%s %s / %s", n->code, n->name_zh, n->name_en);
	out_meta(t, "ranked by", s);
	free(s);
	columns(t, c, moved, published);
	/* Every row reads both ranks at the node: rank it once. */
	cr_scores_rank_all(c->scores, c->by);
	cr_scores_rank_all(c->base_scores, c->by);
	order = ranked_order(m, c->scores, c->by);
	for (i = 0; i < m->n_entities; i++)
		row(t, c, order[i], moved, published);
	notes(t, c, published);
	free(order);
}

int
cmd_rank(struct cli *c)
{
	if (c->nargs > 0) {
		fprintf(stderr, "cityrank: rank takes no arguments "
		    "(got '%s')\n", c->args[0]);
		return (CR_EXIT_USAGE);
	}
	return (cli_print_table(c, table_rank));
}
