/* The city detail view. */
#include "config.h"

#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "keys.h"
#include "detail_years.h"
#include "detail_cols.h"
#include "list.h"
#include "session.h"
#include "scores_key.h"
#include "profile.h"
#include "utf8.h"
#include "xmalloc.h"

#define NPROFILE	3
/* The unit column's width at most. */
#define UNIT_MAX	30

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

/* "战略 Strategy 3/26" for each node of a profile list. */
static char *
profile_text(struct app *a, const int *nodes, const int *ranks, int n)
{
	const struct cr_model	*m = a->sess->ds->model;
	char			*s = xstrdup(""), *t;
	int			 i;

	for (i = 0; i < n; i++) {
		t = xasprintf("%s%s%s %d/%zu", s, i ? ", " : "",
		    session_node_name(a->sess, nodes[i]), ranks[i],
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

/*
 * The unit's strongest and weakest nodes, kept until the unit or the
 * scores change (weights, methods, year or data): each is the unit's
 * rank at every node, O(nodes x units), 0.4 s at 100,000 x 200, so a
 * frame in a hurry leaves it for the next, and a key typed while it is
 * worked out comes first.
 */
struct detail_profile {
	int			 entity;
	struct scores_key	 key;
	int			 strong[NPROFILE], weak[NPROFILE], ns, nw;
	int			 srank[NPROFILE], wrank[NPROFILE];
};

static void
profile_free(struct detail_profile *p)
{
	if (p == NULL)
		return;
	scores_key_free(&p->key);
	free(p);
}

void
view_detail_free(struct app *a)
{
	profile_free(a->detail.profile);
	a->detail.profile = NULL;
}

/* The profile of the unit shown, or NULL while it is pending. */
static const struct detail_profile *
profile_of(struct app *a, int e)
{
	const struct session	*ss = a->sess;
	const struct cr_model	*m = ss->ds->model;
	struct detail_profile	*p = a->detail.profile;
	int			 i;

	if (p != NULL && p->entity == e && scores_key_same(&p->key, ss))
		return (p);
	if (app_defer(a))
		return (NULL);
	view_detail_free(a);
	p = xcalloc(1, sizeof *p);
	if (cr_profile_until(m, ss->scores, e, NPROFILE, p->strong, p->weak,
	    &p->ns, &p->nw, app_key_waits, a) == 1) {
		free(p);
		return (NULL);
	}
	/* The ranks said beside them: a leaf's is counted, so kept too. */
	for (i = 0; i < p->ns; i++)
		p->srank[i] = cr_scores_rank(ss->scores, e, p->strong[i]);
	for (i = 0; i < p->nw; i++)
		p->wrank[i] = cr_scores_rank(ss->scores, e, p->weak[i]);
	p->entity = e;
	scores_key_take(&p->key, ss);
	return (a->detail.profile = p);
}

static int
draw_head(struct app *a, int y, int x, int w)
{
	const struct detail_profile *p;
	int			 e = a->detail.entity;
	char			*s, *ps, *pw;

	s = title_line(a, e);
	attrset(draw_attr(&a->d, ROLE_TITLE));
	draw_text(stdscr, y, x, s, w, 0);
	attrset(A_NORMAL);
	free(s);
	s = context_line(a->sess, e);
	draw_text(stdscr, y + 1, x, s, w, 0);
	free(s);
	if ((p = profile_of(a, e)) != NULL) {
		ps = profile_text(a, p->strong, p->srank, p->ns);
		pw = profile_text(a, p->weak, p->wrank, p->nw);
	} else {
		ps = xstrdup("...");
		pw = xstrdup("...");
	}
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

/*
 * The node table.  Each column is as wide as what it shows; what does
 * not fit gives way in detail_cols.c's order, the names last.
 */
struct table {
	struct detail_cols	 c;
	/* The city's published figures by node: [2 * node + kind]. */
	const struct cr_published **pub;
	const char		*unit;	/* every leaf's one unit, or NULL */
	size_t			 count[CR_PROV_COUNT], missing;
};

/* The published score and rank of a node: "83.0 #1", "#1" or "". */
static void
report_text(const struct table *t, int node, char *buf, size_t len)
{
	const struct cr_published	*sc = t->pub[2 * node];
	const struct cr_published	*rk = t->pub[2 * node + 1];
	char				 sb[48] = "", rb[48] = "";

	if (sc != NULL)
		snprintf(sb, sizeof sb, "%.1f%s", sc->value,
		    cr_prov_is_derived(sc->prov) ? "~" : "");
	if (rk != NULL)
		snprintf(rb, sizeof rb, "#%.0f%s", rk->value,
		    cr_prov_is_derived(rk->prov) ? "~" : "");
	snprintf(buf, len, "%s%s%s", sb, sc != NULL && rk != NULL ? " " : "",
	    rb);
}

/* The raw value of a leaf ("92.8", "missing") and its provenance. */
static const char *
raw_text(const struct cr_model *m, int e, const struct cr_node *n,
    char *buf, size_t len)
{
	size_t	lk;

	if (n->leaf < 0) {
		snprintf(buf, len, "computed");
		return ("");
	}
	lk = (size_t)e * m->n_leaves + (size_t)n->leaf;
	if (isnan(m->raw[lk])) {
		snprintf(buf, len, "missing");
		return ("");
	}
	snprintf(buf, len, "%g", m->raw[lk]);
	return (cr_prov_name(cr_model_prov_at(m, lk)));
}

static int
max_of(int a, int b)
{
	return (a > b ? a : b);
}

/* What each column needs for this city, and the counts for a legend. */
static void
table_measure(struct app *a, int e, struct table *t)
{
	const struct cr_dataset	*ds = a->sess->ds;
	const struct cr_model	*m = ds->model;
	const struct cr_node	*n;
	const struct cr_published *p;
	char			 buf[96], *name;
	size_t			 i, lk;
	int			 d = draw_digits(m->n_entities), uniform = 1;

	memset(t, 0, sizeof *t);
	t->pub = xcalloc(2 * m->n_nodes + 1, sizeof *t->pub);
	for (i = 0; i < ds->n_published; i++) {
		p = &ds->published[i];
		if (p->entity == e && p->node >= 0 &&
		    (size_t)p->node < m->n_nodes && p->kind != CR_PUB_MEAN &&
		    t->pub[2 * p->node + p->kind] == NULL)
			t->pub[2 * p->node + p->kind] = p;
	}
	/* "6519/10000", or "6519" and a header of four. */
	t->c.rank = max_of(2 * d + 1, 4);
	t->c.rank_short = max_of(d, 4);
	t->c.raw = 3;
	t->c.prov = 10;
	for (i = 0; i < m->n_nodes; i++) {
		n = &m->nodes[i];
		name = session_node_both(a->sess, (int)i);
		t->c.name = max_of(t->c.name, 2 * n->depth +
		    cr_utf8_width(name));
		free(name);
		report_text(t, (int)i, buf, sizeof buf);
		if (buf[0] != '\0')
			t->c.report = max_of(max_of(t->c.report, 6),
			    cr_utf8_width(buf));
		t->c.prov = max_of(t->c.prov, cr_utf8_width(raw_text(m, e, n,
		    buf, sizeof buf)));
		t->c.raw = max_of(t->c.raw, cr_utf8_width(buf));
		if (n->leaf < 0)
			continue;
		t->c.unit = max_of(t->c.unit, cr_utf8_width(n->unit));
		t->c.source = max_of(t->c.source, cr_utf8_width(
		    cr_dataset_value_source(ds, e, n->leaf)));
		if (t->unit != NULL && strcmp(t->unit, n->unit) != 0)
			uniform = 0;
		t->unit = n->unit;
		lk = (size_t)e * m->n_leaves + (size_t)n->leaf;
		if (isnan(m->raw[lk]))
			t->missing++;
		else if (cr_model_prov_at(m, lk) < CR_PROV_COUNT)
			t->count[cr_model_prov_at(m, lk)]++;
	}
	/*
	 * A column with nothing in it is none; else its header fits.  A
	 * rare long unit is cut rather than widen the column for all.
	 */
	if (t->c.unit > 0)
		t->c.unit = t->c.unit > UNIT_MAX ? UNIT_MAX :
		    max_of(t->c.unit, 4);
	if (t->c.source > 0)
		t->c.source = max_of(t->c.source, 6);
	if (!uniform)
		t->unit = NULL;
}

/*
 * Under a compact table, what its columns no longer say: the city's raw
 * values by provenance ("19 reconstructed~": the message line says
 * what ~ is), or their one unit.
 */
static char *
legend(const struct table *t)
{
	char	*s, *u;
	int	 p, n = 0;

	s = xasprintf("raw values%s%s%s", t->c.unitw == 0 && t->unit != NULL &&
	    *t->unit != '\0' ? " in " : "", t->c.unitw == 0 &&
	    t->unit != NULL ? t->unit : "", t->c.compact ? ":" : "");
	for (p = 0; p < CR_PROV_COUNT && t->c.compact; p++) {
		if (t->count[p] == 0)
			continue;
		u = xasprintf("%s%s %zu %s%s", s, n++ > 0 ? "," : "",
		    t->count[p], cr_prov_name((enum cr_prov)p),
		    cr_prov_is_derived((enum cr_prov)p) ? "~" : "");
		free(s);
		s = u;
	}
	if (t->missing > 0 && t->c.compact) {
		u = xasprintf("%s%s %zu missing", s, n > 0 ? "," : "",
		    t->missing);
		free(s);
		s = u;
	}
	return (s);
}

/* Whether the table as fitted needs the legend line. */
static int
needs_legend(const struct table *t)
{
	return (t->c.compact || (t->c.unitw == 0 && t->unit != NULL &&
	    *t->unit != '\0'));
}

static void
draw_columns_head(struct app *a, int y, int x, int w, const struct table *t)
{
	const struct detail_cols *c = &t->c;
	int			  cx = x + c->namew + 1;

	attrset(draw_attr(&a->d, ROLE_HEADER));
	draw_text(stdscr, y, x, "", w, 0);
	draw_text(stdscr, y, x, " Node", c->namew, 0);
	draw_text(stdscr, y, cx, "Score", DETAIL_SCORE_W - 1, 1);
	cx += DETAIL_SCORE_W + 1;
	draw_text(stdscr, y, cx, "Rank", c->rankw, 1);
	cx += c->rankw + 1;
	if (c->reportw) {
		draw_text(stdscr, y, cx, "Report", c->reportw, 0);
		cx += c->reportw + 1;
	}
	draw_text(stdscr, y, cx, "Raw", c->raww, 1);
	cx += c->raww + c->compact + 1;
	if (c->unitw) {
		draw_text(stdscr, y, cx, "Unit", c->unitw, 0);
		cx += c->unitw + 1;
	}
	if (c->provw) {
		draw_text(stdscr, y, cx, "· Provenance", c->provw + 2, 0);
		cx += c->provw + 3;
	}
	if (c->sourcew)
		draw_text(stdscr, y, cx, "Source", c->sourcew, 0);
	attrset(A_NORMAL);
}

static void
draw_node(struct app *a, int y, int x, const struct table *t, int node)
{
	const struct cr_model	 *m = a->sess->ds->model;
	const struct cr_node	 *n = &m->nodes[node];
	const struct detail_cols *c = &t->c;
	const char		 *prov;
	int			  e = a->detail.entity, cx, r;
	double			  v = cr_scores_score(a->sess->scores, e, node);
	char			 *s, *name, num[96];

	name = session_node_both(a->sess, node);
	s = xasprintf("%*s%s", 2 * n->depth, "", name);
	draw_text(stdscr, y, x, s, c->namew, 0);
	free(s);
	free(name);
	cx = x + c->namew + 1;
	if (isnan(v))
		snprintf(num, sizeof num, "- ");
	else
		snprintf(num, sizeof num, "%.1f%s", v,
		    cr_prov_is_derived(cr_scores_prov(a->sess->scores, e,
		    node)) ? "~" : " ");
	draw_text(stdscr, y, cx, num, DETAIL_SCORE_W, 1);
	cx += DETAIL_SCORE_W + 1;
	/* A leaf's rank is counted over every unit: pending in a hurry. */
	if (!cr_scores_rank_kept(a->sess->scores, node) && app_defer(a))
		snprintf(num, sizeof num, "...");
	else if ((r = cr_scores_rank(a->sess->scores, e, node)) <= 0)
		snprintf(num, sizeof num, "-");
	else if (c->rankw >= c->rank)
		snprintf(num, sizeof num, "%d/%zu", r, m->n_entities);
	else
		snprintf(num, sizeof num, "%d", r);
	draw_text(stdscr, y, cx, num, c->rankw, 1);
	cx += c->rankw + 1;
	if (c->reportw) {
		report_text(t, node, num, sizeof num);
		draw_text(stdscr, y, cx, num, c->reportw, 0);
		cx += c->reportw + 1;
	}
	prov = raw_text(m, e, n, num, sizeof num);
	draw_text(stdscr, y, cx, num, c->raww, n->leaf >= 0 && *prov != '\0');
	cx += c->raww;
	if (c->compact && *prov != '\0' &&
	    cr_prov_is_derived(cr_model_prov(m, e, n->leaf)))
		draw_text(stdscr, y, cx, "~", 1, 0);
	cx += c->compact + 1;
	if (c->unitw) {
		draw_text(stdscr, y, cx, n->leaf >= 0 ? n->unit : "",
		    c->unitw, 0);
		cx += c->unitw + 1;
	}
	if (c->provw) {
		if (*prov != '\0') {
			s = xasprintf("· %s", prov);
			draw_text(stdscr, y, cx, s, c->provw + 2, 0);
			free(s);
		}
		cx += c->provw + 3;
	}
	if (c->sourcew && n->leaf >= 0)
		draw_text(stdscr, y, cx, cr_dataset_value_source(a->sess->ds,
		    e, n->leaf), c->sourcew, 0);
}

void
view_detail_draw(struct app *a, int y, int x, int h, int w)
{
	const struct cr_model	*m = a->sess->ds->model;
	struct view_detail	*v = &a->detail;
	struct table		 t;
	char			*s;
	int			 r, used, foot = 0;

	used = draw_head(a, y, x, w);
	used += detail_years_draw(a, y + used, x, w);
	table_measure(a, v->entity, &t);
	detail_cols_fit(&t.c, w);
	draw_columns_head(a, y + used, x, w, &t);
	used++;
	if (needs_legend(&t)) {
		s = legend(&t);
		foot = draw_wrapped(NULL, 0, x + 1, s, w - 1, 2);
		attrset(draw_attr(&a->d, ROLE_DERIVED));
		draw_wrapped(stdscr, y + h - foot, x + 1, s, w - 1, foot);
		attrset(A_NORMAL);
		free(s);
	}
	v->nlines = m->n_nodes;
	v->rows = h - used - foot > 1 ? h - used - foot : 1;
	if (v->top + (size_t)v->rows > v->nlines)
		v->top = v->nlines > (size_t)v->rows ? v->nlines -
		    (size_t)v->rows : 0;
	for (r = 0; r < h - used - foot; r++) {
		draw_text(stdscr, y + used + r, x, "", w, 0);
		if (v->top + (size_t)r < v->nlines)
			draw_node(a, y + used + r, x, &t, (int)(v->top +
			    (size_t)r));
	}
	free(t.pub);
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
		a->detail.entity = app_selected_entity(a);
}

static int
key_other(struct app *a, int key)
{
	other_city(a, key == 'l' || key == KEY_RIGHT ? 1 : -1);
	return (TUI_REDRAW);
}

static const struct binding bindings[] = {
	{ { 'l', KEY_RIGHT, 'h', KEY_LEFT }, 0, "l h → ←",
	    "next / previous city in the ranking", key_other, 0 },
};

const struct keymap view_detail_keys = KEYMAP("City detail (Enter on a "
    "city)", bindings, KEYS_LISTS);

int
view_detail_key(struct app *a, int key)
{
	struct view_detail	*v = &a->detail;

	/* The lines scroll, the last page at most. */
	if (list_move(&v->top, v->nlines > (size_t)v->rows ? v->nlines -
	    (size_t)v->rows + 1 : 1, (size_t)v->rows, key))
		return (TUI_REDRAW);
	return (keys_run(&view_detail_keys, a, key) < 0 ? 0 : TUI_REDRAW);
}
