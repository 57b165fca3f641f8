/* The explorer's state and the operations every view shares. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "cli.h"
#include "match.h"
#include "wedit.h"
#include "xmalloc.h"

void
app_init(struct app *a, struct cli *c)
{
	memset(a, 0, sizeof *a);
	a->c = c;
	a->d.ascii = c->ascii;
	a->wedit = cr_wedit_new(c->ds->model, c->sc, c->base);
	view_rank_init(a);
	view_tree_init(a);
	view_weights_init(a);
	a->detail.entity = -1;
}

void
app_free(struct app *a)
{
	view_rank_free(a);
	view_tree_free(a);
	view_weights_free(a);
	cr_wedit_free(a->wedit);
	cr_match_free(a->search);
	cr_match_free(a->filter);
	free(a->filter_text);
	free(a->export_path);
}

void
app_msg(struct app *a, int error, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(a->msg, sizeof a->msg, fmt, ap);
	va_end(ap);
	a->msg_error = error;
}

void
app_weight_changed(struct app *a, int node)
{
	char	*why = NULL;

	if (cr_score_weight_changed(a->c->ds->model, a->c->sc, a->c->scores,
	    node, &why) != 0) {
		app_msg(a, 1, "%s", why);
		free(why);
	}
	view_rank_refresh(a);
}

void
app_rescore(struct app *a)
{
	char	*why = NULL;

	if (cr_score(a->c->ds->model, a->c->sc, a->c->scores, &why) != 0) {
		app_msg(a, 1, "%s", why);
		free(why);
	}
	view_rank_refresh(a);
}

void
app_rank_by(struct app *a, int node)
{
	const struct cr_node	*n = &a->c->ds->model->nodes[node];

	a->c->by = node;
	view_rank_refresh(a);
	app_msg(a, 0, "ranked by %s %s", n->name_zh, n->name_en);
}

int
app_selected_entity(const struct app *a)
{
	const struct view_rank	*v = &a->rank;

	return (v->n > 0 && v->cur < v->n ? v->order[v->cur] : -1);
}

void
app_open_detail(struct app *a, int e)
{
	if (a->view != VIEW_DETAIL)
		a->back = a->view;
	a->detail.entity = e;
	a->detail.top = 0;
	a->view = VIEW_DETAIL;
}

int
app_keeps(const struct app *a, int e)
{
	return (a->filter == NULL ||
	    cr_match_entity(a->filter, a->c->ds->model, e));
}

/* Swap in another period's values: same file, same nodes and cities. */
static void
swap_values(struct cr_model *m, struct cr_model *n)
{
	double		*raw = m->raw;
	unsigned char	*prov = m->prov;
	struct cr_ctxvar *ctx = m->ctx;
	size_t		 nctx = m->n_ctx, cap = m->ctx_cap;

	m->raw = n->raw;
	m->prov = n->prov;
	m->ctx = n->ctx;
	m->n_ctx = n->n_ctx;
	m->ctx_cap = n->ctx_cap;
	n->raw = raw;
	n->prov = prov;
	n->ctx = ctx;
	n->n_ctx = nctx;
	n->ctx_cap = cap;
}

int
app_next_period(struct app *a)
{
	struct cr_dataset	*ds = a->c->ds, *next;
	char			*why = NULL, *tmp;
	size_t			 i;

	if (ds->n_periods < 2) {
		app_msg(a, 1, "this data set has %s", ds->n_periods == 0 ?
		    "no years" : "a single year");
		return (TUI_REDRAW);
	}
	for (i = 0; i < ds->n_periods; i++)
		if (strcmp(ds->periods[i], ds->period) == 0)
			break;
	i = (i + 1) % ds->n_periods;
	if (cr_db_load_period(ds->path, ds->periods[i], &next, &why) != 0 ||
	    next->model->n_entities != ds->model->n_entities ||
	    next->model->n_leaves != ds->model->n_leaves) {
		app_msg(a, 1, "%s", why != NULL ? why : "the file changed");
		free(why);
		return (TUI_REDRAW);
	}
	swap_values(ds->model, next->model);
	tmp = ds->period;
	ds->period = next->period;
	next->period = tmp;
	cr_dataset_free(next);
	/* The baseline follows the year, so moves stay against it. */
	cr_score(ds->model, a->c->base, a->c->base_scores, NULL);
	cr_scores_ranks_only(a->c->base_scores);
	app_rescore(a);
	app_msg(a, 0, "year %s", ds->period);
	return (TUI_REDRAW);
}
