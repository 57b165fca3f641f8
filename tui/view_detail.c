/* The city detail view. */
#include "config.h"

#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "list.h"
#include "session.h"
#include "profile.h"
#include "xmalloc.h"

#define NPROFILE	3

static const char *
ctx_text(const struct cr_model *m, const char *code, int e)
{
	int	v = cr_model_find_ctx(m, code);

	if (v < 0 || m->ctx[v].kind != CR_CTX_TEXT || m->ctx[v].text[e] == NULL)
		return ("");
	return (m->ctx[v].text[e]);
}

/* "163200 yuan (~ estimated)": the provenance always shows. */
static char *
ctx_num(const struct cr_model *m, const char *code, int e)
{
	const struct cr_ctxvar	*cv;
	int			 v = cr_model_find_ctx(m, code);

	if (v < 0 || m->ctx[v].kind != CR_CTX_NUM || isnan(m->ctx[v].num[e]))
		return (xstrdup("-"));
	cv = &m->ctx[v];
	if (strcmp(cv->unit, "rank") == 0)
		return (xasprintf("%.0f", cv->num[e]));
	return (xasprintf("%.0f %s (%s%s)", cv->num[e], cv->unit,
	    cr_prov_is_derived(cv->prov[e]) ? "~ " : "",
	    cr_prov_name(cv->prov[e])));
}

/* "战略 Strategy (rank 3)" for each node of a profile list. */
static char *
profile_text(struct app *a, int e, const int *nodes, int n)
{
	const struct cr_model	*m = a->sess->ds->model;
	char			*s = xstrdup(""), *t;
	int			 i;

	for (i = 0; i < n; i++) {
		t = xasprintf("%s%s%s %d/%zu", s, i ? ", " : "",
		    session_node_name(a->sess, nodes[i]),
		    cr_scores_rank(a->sess->scores, e, nodes[i]),
		    m->n_entities);
		free(s);
		s = t;
	}
	return (s);
}

/* "name · province region · code · class X", each part when known. */
static char *
title_line(struct app *a, int e)
{
	const struct cr_model	*m = a->sess->ds->model;
	const char		*prov = ctx_text(m, "province", e);
	const char		*region = ctx_text(m, "region", e);
	const char		*class = ctx_text(m, "cbn_class", e);
	char			*name, *s;

	name = session_unit_both(a->sess, e);
	if (a->d.ascii)
		prov = "";
	s = xasprintf("%s%s%s%s%s · %s%s%s", name,
	    *prov != '\0' || *region != '\0' ? " · " : "", prov,
	    *prov != '\0' && *region != '\0' ? " " : "", region,
	    m->entities[e].code, *class != '\0' ? " · class " : "", class);
	free(name);
	return (s);
}

/*
 * The bundled data's per-capita GDP line; other data sets list their
 * own context variables, as many as fit.
 */
static char *
context_line(const struct session *ss, int e)
{
	const struct cr_model	*m = ss->ds->model;
	const struct cr_ctxvar	*cv;
	char			*gdp, *rank, *s, *t;
	size_t			 v;

	if (cr_model_find_ctx(m, "gdp_pc_2018") >= 0) {
		gdp = ctx_num(m, "gdp_pc_2018", e);
		rank = ctx_num(m, "gdp_pc_rank", e);
		s = xasprintf("per-capita GDP 2018: %s · GDP rank %s of %zu",
		    gdp, rank, m->n_entities);
		free(gdp);
		free(rank);
		return (s);
	}
	s = xstrdup("");
	for (v = 0; v < m->n_ctx; v++) {
		cv = &m->ctx[v];
		if (cv->kind == CR_CTX_TEXT)
			t = xasprintf("%s%s%s: %s", s, v ? " · " : "",
			    session_ctx_name(ss, (int)v), cv->text[e] != NULL ?
			    cv->text[e] : "-");
		else if (isnan(cv->num[e]))
			t = xasprintf("%s%s%s: -", s, v ? " · " : "",
			    session_ctx_name(ss, (int)v));
		else
			t = xasprintf("%s%s%s: %g%s%s%s", s, v ? " · " : "",
			    session_ctx_name(ss, (int)v), cv->num[e],
			    *cv->unit ? " " : "", cv->unit,
			    cr_prov_is_derived(cv->prov[e]) ? "~" : "");
		free(s);
		s = t;
	}
	return (s);
}

static int
draw_head(struct app *a, int y, int x, int w)
{
	const struct cr_model	*m = a->sess->ds->model;
	int			 e = a->detail.entity, strong[NPROFILE];
	int			 weak[NPROFILE], ns = 0, nw = 0;
	char			*s, *ps, *pw;

	s = title_line(a, e);
	attrset(draw_attr(&a->d, ROLE_TITLE));
	draw_text(stdscr, y, x, s, w, 0);
	attrset(A_NORMAL);
	free(s);
	s = context_line(a->sess, e);
	draw_text(stdscr, y + 1, x, s, w, 0);
	free(s);
	cr_profile(m, a->sess->scores, e, NPROFILE, strong, weak, &ns, &nw);
	ps = profile_text(a, e, strong, ns);
	pw = profile_text(a, e, weak, nw);
	s = xasprintf("strongest: %s", ps);
	draw_text(stdscr, y + 2, x, s, w, 0);
	free(s);
	s = xasprintf("weakest:   %s", pw);
	draw_text(stdscr, y + 3, x, s, w, 0);
	free(s);
	free(ps);
	free(pw);
	return (4);
}

/* "6519/10000" must fit: the rank column is as wide as that. */
static int
rank_width(size_t n)
{
	int	 d = draw_digits(n);

	return (2 * d + 1 > 6 ? 2 * d + 1 : 6);
}

static void
draw_node(struct app *a, int y, int x, int w, int node)
{
	const struct cr_model	*m = a->sess->ds->model;
	const struct cr_node	*n = &m->nodes[node];
	int			 e = a->detail.entity;
	double			 v = cr_scores_score(a->sess->scores, e, node);
	size_t			 lk;
	char			*s, *name, num[96];
	int			 namew = w - 50, rw = rank_width(m->n_entities);

	name = session_node_both(a->sess, node);
	s = xasprintf("%*s%s", 2 * n->depth, "", name);
	draw_text(stdscr, y, x, s, namew, 0);
	free(s);
	free(name);
	if (isnan(v))
		snprintf(num, sizeof num, "-");
	else
		snprintf(num, sizeof num, "%6.1f%s", v,
		    cr_prov_is_derived(cr_scores_prov(a->sess->scores, e, node)) ?
		    "~" : " ");
	draw_text(stdscr, y, x + namew, num, 8, 1);
	snprintf(num, sizeof num, "%d/%zu", cr_scores_rank(a->sess->scores, e,
	    node), m->n_entities);
	draw_text(stdscr, y, x + namew + 9, num, rw, 1);
	if (n->leaf < 0) {
		draw_text(stdscr, y, x + namew + 10 + rw, "computed", 40 - rw,
		    0);
		return;
	}
	lk = (size_t)e * m->n_leaves + (size_t)n->leaf;
	if (isnan(m->raw[lk]))
		snprintf(num, sizeof num, "missing");
	else
		snprintf(num, sizeof num, "%g %s · %s", m->raw[lk], n->unit,
		    cr_prov_name(m->prov[lk]));
	draw_text(stdscr, y, x + namew + 10 + rw, num, 40 - rw, 0);
}

void
view_detail_draw(struct app *a, int y, int x, int h, int w)
{
	const struct cr_model	*m = a->sess->ds->model;
	struct view_detail	*v = &a->detail;
	char			*s;
	int			 r, used;

	used = draw_head(a, y, x, w);
	attrset(draw_attr(&a->d, ROLE_HEADER));
	draw_text(stdscr, y + used, x, " Node", w - 50, 0);
	s = xasprintf("   Score %*s Raw value · provenance",
	    rank_width(m->n_entities), "Rank");
	draw_text(stdscr, y + used, x + w - 50, s, 50, 0);
	free(s);
	attrset(A_NORMAL);
	used++;
	v->nlines = m->n_nodes;
	v->rows = h - used > 1 ? h - used : 1;
	if (v->top + (size_t)v->rows > v->nlines)
		v->top = v->nlines > (size_t)v->rows ? v->nlines -
		    (size_t)v->rows : 0;
	for (r = 0; r < h - used; r++) {
		draw_text(stdscr, y + used + r, x, "", w, 0);
		if (v->top + (size_t)r < v->nlines)
			draw_node(a, y + used + r, x, w, (int)(v->top +
			    (size_t)r));
	}
}

/* Step to the previous or next city in the ranking's order. */
static void
other_city(struct app *a, int dir)
{
	struct view_rank	*r = &a->rank;

	view_rank_select_entity(a, a->detail.entity);
	if (dir > 0 && r->cur + 1 < r->n)
		r->cur++;
	else if (dir < 0 && r->cur > 0)
		r->cur--;
	if (r->n > 0)
		a->detail.entity = r->order[r->cur];
}

int
view_detail_key(struct app *a, int key)
{
	struct view_detail	*v = &a->detail;

	/* The lines scroll, the last page at most. */
	if (list_move(&v->top, v->nlines > (size_t)v->rows ? v->nlines -
	    (size_t)v->rows + 1 : 1, (size_t)v->rows, key))
		return (TUI_REDRAW);
	switch (key) {
	case 'l':
	case KEY_RIGHT:
		other_city(a, 1);
		break;
	case 'h':
	case KEY_LEFT:
		other_city(a, -1);
		break;
	default:
		return (0);
	}
	return (TUI_REDRAW);
}
