/* cityrank rank: the cities ordered by one node's score. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "session.h"
#include "stability.h"
#include "tables.h"
#include "xmalloc.h"

/* Flip columns: the weight, its signed change, the rank past it. */
static void
flip_columns(struct out_table *t)
{
	if (out_is_text(t)) {
		out_col(t, "flip_up", "Up a place", 0);
		out_col(t, "flip_down", "Down a place", 0);
		return;
	}
	out_col(t, "flip_up_node", "flip_up_node", 0);
	out_col(t, "flip_up_pp", "flip_up_pp", 1);
	out_col(t, "flip_up_rank", "flip_up_rank", 1);
	out_col(t, "flip_down_node", "flip_down_node", 0);
	out_col(t, "flip_down_pp", "flip_down_pp", 1);
	out_col(t, "flip_down_rank", "flip_down_rank", 1);
}

/* "strategy +3.1": raise strategy's share 3.1 points. */
static void
flip_cells(struct out_table *t, const struct cr_model *m,
    const struct cr_flip *f)
{
	char	*s;

	if (out_is_text(t)) {
		if (!f->found)
			out_str(t, "");
		else {
			s = xasprintf("%s %+.1f", m->nodes[f->node].code,
			    100 * (f->to - f->from));
			out_str(t, s);
			free(s);
		}
		return;
	}
	out_str(t, f->found ? m->nodes[f->node].code : "");
	out_num(t, f->found ? 100 * (f->to - f->from) : NAN, 3);
	out_num(t, f->found ? f->rank_to : NAN, 0);
	t->cells[t->ncells - 1].is_int = 1;
}

/* rank --against YEAR: that year's rank and the places gained since. */
static void
against_columns(struct out_table *t, struct session *ss)
{
	char	*title;

	if (ss->against == NULL)
		return;
	title = xasprintf("%s", ss->against_ds->period);
	out_col(t, "against_rank", title, 1);
	free(title);
	title = xasprintf("vs %s", ss->against_ds->period);
	out_col(t, "against_move", title, 1);
	free(title);
}

static void
against_cells(struct out_table *t, struct session *ss, int e, int now)
{
	int	then;
	char	buf[32];

	if (ss->against == NULL)
		return;
	then = cr_scores_rank(ss->against, e, ss->by);
	if (then > 0)
		out_int(t, then);
	else
		out_num(t, NAN, 0);
	if (out_is_text(t)) {
		session_move_text(buf, sizeof buf, then, now, t->ascii);
		out_str(t, buf);
	} else if (then > 0 && now > 0)
		out_int(t, then - now);
	else
		out_num(t, NAN, 0);
}

static void
columns(struct out_table *t, int moved, int published)
{
	int	text = out_is_text(t);

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
row(struct out_table *t, struct session *ss, int e, int moved, int published)
{
	const struct cr_model		*m = ss->ds->model;
	const struct cr_published	*p;
	enum cr_prov			 prov;
	int				 text, now, base;
	char				 buf[32];

	text = out_is_text(t);
	now = cr_scores_rank(ss->scores, e, ss->by);
	base = cr_scores_rank(ss->base_scores, e, ss->by);
	if (now > 0)
		out_int(t, now);
	else
		out_num(t, NAN, 0);
	if (moved && text) {
		session_move_text(buf, sizeof buf, base, now, t->ascii);
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
	prov = cr_scores_prov(ss->scores, e, ss->by);
	out_num_mark(t, cr_scores_score(ss->scores, e, ss->by), 2,
	    session_prov_mark(prov));
	if (!text)
		out_str(t, cr_prov_name(prov));
	if (moved || !text) {
		if (base > 0)
			out_int(t, base);
		else
			out_num(t, NAN, 0);
	}
	if (published) {
		p = cr_dataset_published(ss->ds, e, ss->by, CR_PUB_RANK);
		out_num(t, p != NULL ? p->value : NAN, 0);
		t->cells[t->ncells - 1].is_int = 1;
	}
	out_int(t, cr_scores_missing(ss->scores, e, ss->by));
	against_cells(t, ss, e, now);
}

static int
has_published_ranks(struct session *ss)
{
	size_t	e;

	for (e = 0; e < ss->ds->model->n_entities; e++)
		if (cr_dataset_published(ss->ds, (int)e, ss->by, CR_PUB_RANK))
			return (1);
	return (0);
}

static void
notes(struct out_table *t, struct session *ss, int published)
{
	const struct cr_model	*m = ss->ds->model;
	size_t			 e;
	int			 derived = 0;

	for (e = 0; e < m->n_entities; e++)
		if (cr_prov_is_derived(cr_scores_prov(ss->scores, (int)e,
		    ss->by)))
			derived = 1;
	if (derived)
		out_note(t, "~ computed from reconstructed, estimated or "
		    "imputed values, not published by the source (see "
		    "'cityrank show CITY' and data/README.md)");
	out_note(t, "Base: rank under the baseline preset; Missing: leaf "
	    "values missing beneath the node (dropped, weights rescaled)");
	if (published)
		out_note(t, "Report: the rank the source publishes");
}

/* What the rows are made from as they are printed. */
struct rank_rows {
	struct session	*ss;
	int		*order;
	int		 moved, published;
	struct cr_flip	*up, *down;	/* NULL without --flips */
};

static void
rank_row(struct out_table *t, size_t i, void *arg)
{
	struct rank_rows	*rr = arg;
	const struct cr_model	*m = rr->ss->ds->model;
	int			 e = rr->order[i];

	row(t, rr->ss, e, rr->moved, rr->published);
	if (rr->up != NULL) {
		flip_cells(t, m, &rr->up[e]);
		flip_cells(t, m, &rr->down[e]);
	}
}

static void
rank_rows_free(void *arg)
{
	struct rank_rows	*rr = arg;

	free(rr->order);
	free(rr->up);
	free(rr->down);
	free(rr);
}

static void
build(struct session *ss, struct out_table *t, int flips)
{
	const struct cr_model	*m = ss->ds->model;
	const struct cr_node	*n = &m->nodes[ss->by];
	struct rank_rows	*rr = xcalloc(1, sizeof *rr);

	rr->ss = ss;
	rr->moved = cr_scenario_differs(m, ss->sc, ss->base);
	rr->published = has_published_ranks(ss);
	session_scenario_meta(ss, t);
	session_ranked_by_meta(ss, t);
	columns(t, rr->moved, rr->published);
	against_columns(t, ss);
	if (flips) {
		flip_columns(t);
		rr->up = xcalloc(m->n_entities + 1, sizeof(*rr->up));
		rr->down = xcalloc(m->n_entities + 1, sizeof(*rr->down));
		/* A leaf has no weights beneath: nothing flips it. */
		if (n->n_children > 0)
			(void)cr_flips_all(m, ss->sc, ss->scores, ss->by,
			    rr->up, rr->down, ss->progress, ss->progress_arg,
			    NULL);
	}
	/* Every row reads both ranks at the node: rank it once. */
	cr_scores_rank_all(ss->scores, ss->by);
	cr_scores_rank_all(ss->base_scores, ss->by);
	rr->order = session_ranked_order(m, ss->scores, ss->by);
	/* Made as printed: at 84,000 units, kept rows took 39 MB. */
	out_rows(t, m->n_entities, rank_row, rr, rank_rows_free);
	notes(t, ss, rr->published);
	if (flips)
		out_note(t, "Up/Down a place: the smallest change of one "
		    "weight's share (in points of its parent, siblings in "
		    "proportion) that moves the city up or down; empty when "
		    "no single weight can (doc/target.md)");
}

void
table_rank(struct session *ss, struct out_table *t)
{
	build(ss, t, 0);
}

void
table_rank_flips(struct session *ss, struct out_table *t)
{
	build(ss, t, 1);
}
