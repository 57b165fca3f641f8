/*
 * Tables of saved scenarios: the list, one scenario's weights, and two
 * scenarios side by side.  The explorer's scenario view exports these.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "session.h"
#include "tables.h"
#include "xmalloc.h"

/*
 * "minmax:0:100 arith", the parameters as --normalize and --aggregate
 * take them, and how many leaves and depths have their own.
 */
static const char *
methods(const struct cr_saved *v, char *buf, size_t len)
{
	struct cr_norm_spec	 n;
	struct cr_agg_spec	 a;
	char			*ns, *as;

	cr_saved_norm(v, &n);
	cr_saved_agg(v, &a);
	ns = v->norm == CR_NORM_MINMAX ? xasprintf("minmax:%g:%g",
	    v->norm_lo, v->norm_hi) : cr_norm_spec_format(&n);
	as = cr_agg_spec_format(&a);
	snprintf(buf, len, "%s %s", ns, as);
	if (v->n_leaf > 0)
		snprintf(buf + strlen(buf), len - strlen(buf), ", %zu lea%s "
		    "own", v->n_leaf, v->n_leaf == 1 ? "f" : "ves");
	if (v->n_level > 0)
		snprintf(buf + strlen(buf), len - strlen(buf), ", %zu "
		    "depth%s own", v->n_level, v->n_level == 1 ? "" : "s");
	free(ns);
	free(as);
	return (buf);
}

/* "rank geom", or with parameters and the leaves' and depths' own. */
static char *
scenario_methods(const struct cr_model *m, const struct cr_scenario *sc)
{
	struct cr_norm_spec	 n;
	struct cr_agg_spec	 a;
	char			*ns, *as, *out;

	cr_scenario_norm(sc, &n);
	cr_scenario_agg(sc, &a);
	ns = cr_norm_spec_v1(&n) ? xstrdup(cr_norm_name(n.method)) :
	    cr_norm_spec_format(&n);
	as = cr_agg_spec_format(&a);
	if (cr_scenario_n_leaf_norms(sc, m) == 0 &&
	    cr_scenario_n_level_aggs(sc) == 0)
		out = xasprintf("%s %s", ns, as);
	else
		out = xasprintf("%s %s (%zu leaves and %zu depths their own)",
		    ns, as, cr_scenario_n_leaf_norms(sc, m),
		    cr_scenario_n_level_aggs(sc));
	free(ns);
	free(as);
	return (out);
}

#define NOTE_COLS	48

/* Cut the last cell's text to about cols bytes, on a character. */
static void
cut_last(struct out_table *t, size_t cols)
{
	char	*s = t->cells[t->ncells - 1].text;
	size_t	 n = cols;

	while (n > 0 && (s[n] & 0xc0) == 0x80)
		n--;
	memcpy(s + n, "...", 4);
}

/* One row of the list: kind is "saved" or "preset". */
static void
list_row(struct session *ss, struct out_table *t, const struct cr_saved *v,
    const char *kind)
{
	char	buf[96];

	out_str(t, v->name);
	out_str(t, kind);
	out_str(t, v->period);
	out_str(t, methods(v, buf, sizeof buf));
	out_str(t, strcmp(v->dataset, ss->hash) == 0 ? "this" : v->title);
	out_str(t, v->modified);
	out_str(t, v->note);
	/* A long note would widen every row of a text table. */
	if (out_is_text(t) && strlen(v->note) > NOTE_COLS)
		cut_last(t, NOTE_COLS);
}

void
table_scenario_list(struct session *ss, struct cr_saved **list, size_t n,
    const struct cr_saved *last, struct out_table *t)
{
	struct cr_saved	*v;
	size_t		 i;

	out_meta(t, "data set", session_title(ss));
	out_col(t, "name", "Name", 0);
	out_col(t, "kind", "Kind", 0);
	out_col(t, "year", "Year", 0);
	out_col(t, "methods", "Methods", 0);
	out_col(t, "data_set", "Data set", 0);
	out_col(t, "saved", "Saved (UTC)", 0);
	out_col(t, "note", "Note", 0);
	for (i = 0; i < n; i++)
		list_row(ss, t, list[i], "saved");
	if (last != NULL)
		list_row(ss, t, last, "last");
	for (i = 0; i < ss->ds->n_presets; i++) {
		v = session_preset_saved(ss, &ss->ds->presets[i]);
		list_row(ss, t, v, "preset");
		cr_saved_free(v);
	}
	out_note(t, "Presets come with the data set and cannot be changed; "
	    "save a copy under a name of your own.");
	if (last != NULL)
		out_note(t, "last: the state at the last exit from this data "
		    "set ('cityrank --resume')");
}

void
table_scenario_show(struct session *ss, const struct cr_saved *v,
    struct out_table *t)
{
	const struct cr_model	*m = ss->ds->model;
	struct cr_scenario	*sc = NULL;
	char			 buf[96], *warn = NULL, *why = NULL;
	size_t			 i;
	int			 node;

	out_meta(t, "scenario", v->name);
	if (v->note[0] != '\0')
		out_meta(t, "note", v->note);
	out_meta(t, "made on", strcmp(v->dataset, ss->hash) == 0 ?
	    "this data set" : v->title);
	if (v->period[0] != '\0')
		out_meta(t, "year", v->period);
	out_meta(t, "methods", methods(v, buf, sizeof buf));
	if (v->modified[0] != '\0')
		out_meta(t, "saved", v->modified);
	if (session_saved_scenario(ss, v, &sc, &warn, &why) != 0) {
		out_meta(t, "here", why);
		free(why);
	} else if (warn != NULL)
		out_meta(t, "warning", warn);
	free(warn);
	out_col(t, "code", "Code", 0);
	out_col(t, "weight", "Weight", 1);
	out_col(t, "share", "Share of index %", 1);
	for (i = 0; i < v->n; i++) {
		out_str(t, v->code[i]);
		out_num(t, v->weight[i], 4);
		node = cr_model_find_node(m, v->code[i]);
		out_num(t, sc != NULL && node >= 0 ?
		    100 * cr_scenario_share(m, sc, node) : NAN, 1);
	}
	cr_scenario_free(sc);
}

/* "0.25 (25.0%)" of one node's weight under a scenario. */
static char *
weight_text(const struct cr_model *m, const struct cr_scenario *sc,
    int node)
{
	return (xasprintf("%g (%.1f%%)", sc->weight[node],
	    100 * cr_scenario_share(m, sc, node)));
}

/* A node's weight as a share of its siblings': what a user set. */
static double
local_share(const struct cr_model *m, const struct cr_scenario *sc,
    int node)
{
	double	sum = 0;
	int	c, p = m->nodes[node].parent;

	if (p < 0)
		return (1);
	for (c = m->nodes[p].first_child; c != -1;
	    c = m->nodes[c].next_sibling)
		sum += sc->weight[c];
	return (sum > 0 ? sc->weight[node] / sum : 0);
}

static void
diff_meta(struct session *ss, struct out_table *t,
    const struct cr_scenario *a, const struct cr_scenario *b)
{
	const struct cr_model	*m = ss->ds->model;
	size_t			 i;
	char			*k, *va, *vb, *s;
	int			 same = 1;

	out_meta(t, "A", a->name);
	out_meta(t, "B", b->name);
	if (!cr_scenario_same_methods(m, a, b)) {
		va = scenario_methods(m, a);
		vb = scenario_methods(m, b);
		s = xasprintf("%s -> %s", va, vb);
		out_meta(t, "methods", s);
		free(va);
		free(vb);
		free(s);
		same = 0;
	}
	for (i = 1; i < m->n_nodes; i++) {
		/* Shares below a changed node move too: not a difference. */
		if (fabs(local_share(m, a, (int)i) -
		    local_share(m, b, (int)i)) < 1e-12)
			continue;
		k = xasprintf("weight %s", m->nodes[i].code);
		va = weight_text(m, a, (int)i);
		vb = weight_text(m, b, (int)i);
		s = xasprintf("%s -> %s", va, vb);
		out_meta(t, k, s);
		free(k);
		free(va);
		free(vb);
		free(s);
		same = 0;
	}
	if (same)
		out_meta(t, "differences", "none: the same weights and "
		    "methods");
}

/* What a diff's rows are made from as they are printed. */
struct diff_rows {
	struct session	*ss;
	struct cr_scores *sa, *sb;
	int		*order;
};

static void
diff_row(struct out_table *t, size_t i, void *arg)
{
	struct diff_rows	*dr = arg;
	const struct cr_model	*m = dr->ss->ds->model;
	struct cr_scores	*sa = dr->sa, *sb = dr->sb;
	int			 e = dr->order[i], by = dr->ss->by, ra, rb;
	char			 buf[32];

	ra = cr_scores_rank(sa, e, by);
	rb = cr_scores_rank(sb, e, by);
	out_num(t, ra > 0 ? ra : NAN, 0);
	t->cells[t->ncells - 1].is_int = 1;
	out_num(t, rb > 0 ? rb : NAN, 0);
	t->cells[t->ncells - 1].is_int = 1;
	if (out_is_text(t)) {
		session_move_text(buf, sizeof buf, ra, rb, t->ascii);
		out_str(t, buf);
	} else {
		out_num(t, ra > 0 && rb > 0 ? ra - rb : NAN, 0);
		t->cells[t->ncells - 1].is_int = 1;
	}
	out_str(t, m->entities[e].code);
	out_str(t, m->entities[e].name_zh);
	out_str(t, m->entities[e].name_en);
	out_num(t, cr_scores_score(sa, e, by), 2);
	out_num(t, cr_scores_score(sb, e, by), 2);
}

static void
diff_rows_free(void *arg)
{
	struct diff_rows	*dr = arg;

	cr_scores_free(dr->sa);
	cr_scores_free(dr->sb);
	free(dr->order);
	free(dr);
}

/* The rows, made as printed; they own the two scores from here. */
static void
diff_rows(struct session *ss, struct out_table *t, struct cr_scores *sa,
    struct cr_scores *sb)
{
	const struct cr_model	*m = ss->ds->model;
	struct diff_rows	*dr = xcalloc(1, sizeof *dr);

	out_col(t, "rank_a", "Rank A", 1);
	out_col(t, "rank_b", "Rank B", 1);
	out_col(t, "move", out_is_text(t) ? "Move" : "move", 1);
	out_col(t, "code", "Code", 0);
	out_col(t, "name_zh", "City", 0);
	out_col(t, "name_en", "Pinyin", 0);
	out_col(t, "score_a", "Score A", 1);
	out_col(t, "score_b", "Score B", 1);
	cr_scores_rank_all(sa, ss->by);
	cr_scores_rank_all(sb, ss->by);
	dr->ss = ss;
	dr->sa = sa;
	dr->sb = sb;
	dr->order = session_ranked_order(m, sb, ss->by);
	out_rows(t, m->n_entities, diff_row, dr, diff_rows_free);
}

int
table_scenario_diff(struct session *ss, const struct cr_saved *va,
    const struct cr_saved *vb, struct out_table *t, char **cause)
{
	const struct cr_model	*m = ss->ds->model;
	struct cr_scenario	*a = NULL, *b = NULL;
	struct cr_scores	*sa, *sb;
	char			*wa = NULL, *wb = NULL;
	int			 rc = -1;

	if (session_saved_scenario(ss, va, &a, &wa, cause) != 0 ||
	    session_saved_scenario(ss, vb, &b, &wb, cause) != 0) {
		cr_scenario_free(a);
		free(wa);
		return (-1);
	}
	sa = cr_scores_new(m);
	sb = cr_scores_new(m);
	if (cr_score(m, a, sa, cause) == 0 && cr_score(m, b, sb, cause) == 0) {
		session_scenario_data(ss, t);
		diff_meta(ss, t, a, b);
		if (wa != NULL)
			out_note(t, wa);
		if (wb != NULL)
			out_note(t, wb);
		diff_rows(ss, t, sa, sb);
		sa = sb = NULL;
		out_note(t, "Move: places gained from A to B; rows in B's "
		    "order; scores on this data set and year");
		rc = 0;
	}
	cr_scores_free(sa);
	cr_scores_free(sb);
	cr_scenario_free(a);
	cr_scenario_free(b);
	free(wa);
	free(wb);
	return (rc);
}
