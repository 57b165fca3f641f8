/* Slides built on a session: see slideshow.h. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "slideshow.h"
#include "session_priv.h"
#include "tables.h"
#include "xmalloc.h"

struct session_mark {
	struct snap	*state;
	int		 by;
	struct snap	*undo[SESSION_HISTORY];
	size_t		 n_undo;
	struct snap	*redo[SESSION_HISTORY];
	size_t		 n_redo;
};

struct session_mark *
session_mark_take(struct session *s)
{
	struct session_mark	*k = xcalloc(1, sizeof *k);

	k->state = snap_take(s);
	k->by = s->by;
	memcpy(k->undo, s->undo, sizeof k->undo);
	memcpy(k->redo, s->redo, sizeof k->redo);
	k->n_undo = s->n_undo;
	k->n_redo = s->n_redo;
	s->n_undo = s->n_redo = 0;
	return (k);
}

int
session_mark_back(struct session *s, const struct session_mark *k,
    char **cause)
{
	s->by = k->by;
	return (snap_go(s, k->state, cause));
}

int
session_mark_end(struct session *s, struct session_mark *k, char **cause)
{
	int	rc = session_mark_back(s, k, cause);

	while (s->n_undo > 0)
		snap_free(s->undo[--s->n_undo]);
	while (s->n_redo > 0)
		snap_free(s->redo[--s->n_redo]);
	memcpy(s->undo, k->undo, sizeof k->undo);
	memcpy(s->redo, k->redo, sizeof k->redo);
	s->n_undo = k->n_undo;
	s->n_redo = k->n_redo;
	snap_free(k->state);
	free(k);
	return (rc);
}

static void
set_free(struct cr_slide *sl, enum cr_slide_key k, char *v)
{
	cr_slide_set(sl, k, v);
	free(v);
}

static void
tour_dimensions(struct session *s, struct cr_slides *t)
{
	const struct cr_model	*m = s->ds->model;
	const struct cr_node	*n;
	struct cr_slide		*sl;
	char			*name;
	int			 c, k = 0;

	for (c = m->nodes[0].first_child; c >= 0; c = n->next_sibling) {
		n = &m->nodes[c];
		sl = cr_slides_add(t, CR_SLIDE_RANKING);
		cr_slide_set(sl, CR_SK_BY, n->code);
		name = session_node_both(s, c);
		set_free(sl, CR_SK_TITLE, xasprintf("%d of %d: %s", ++k,
		    m->nodes[0].n_children, name));
		free(name);
		set_free(sl, CR_SK_CAPTION, xasprintf("Ranked by this "
		    "dimension alone; it weighs %.0f%% of the index.",
		    session_pct(s, c)));
	}
}

struct cr_slides *
session_tour(struct session *s)
{
	const struct cr_model	*m = s->ds->model;
	struct cr_slides	*t = cr_slides_new("tour");
	struct cr_slide		*sl;
	struct axis		 x, y;
	int			*order;
	char			*root = session_node_both(s, 0);

	sl = cr_slides_add(t, CR_SLIDE_RANKING);
	cr_slide_set(sl, CR_SK_BY, m->nodes[0].code);
	cr_slide_set(sl, CR_SK_TITLE, root);
	set_free(sl, CR_SK_CAPTION, xasprintf("%zu cities ranked by the "
	    "index, under the %s weights.", m->n_entities, s->sc->name));
	tour_dimensions(s, t);
	axis_defaults(s, &x, &y);
	sl = cr_slides_add(t, CR_SLIDE_SCATTER);
	cr_slide_set(sl, CR_SK_X, axis_code(s, &x));
	cr_slide_set(sl, CR_SK_Y, m->nodes[0].code);
	set_free(sl, CR_SK_TITLE, xasprintf("%s and the index",
	    axis_title(s, &x)));
	cr_slide_set(sl, CR_SK_CAPTION, "Each point a city; the line is the "
	    "least-squares fit; above it, ahead of what X predicts.");
	if (m->n_entities >= 2 && m->nodes[0].n_children > 0) {
		order = session_ranked_order(m, s->scores, 0);
		sl = cr_slides_add(t, CR_SLIDE_COMPARE);
		cr_slide_set(sl, CR_SK_BY, m->nodes[0].code);
		set_free(sl, CR_SK_UNITS, xasprintf("%s, %s",
		    m->entities[order[0]].code, m->entities[order[1]].code));
		cr_slide_set(sl, CR_SK_TITLE, "The top two");
		cr_slide_set(sl, CR_SK_CAPTION, "The gap between them, split "
		    "by dimension: what each one's weight makes of it.");
		free(order);
	}
	sl = cr_slides_add(t, CR_SLIDE_ROBUST);
	cr_slide_set(sl, CR_SK_TITLE, "How firm is each rank?");
	cr_slide_set(sl, CR_SK_CAPTION, "Each rank's 5-95% band with the "
	    "weights drawn around the scenario's.");
	free(root);
	return (t);
}

static int
fail(char **cause, const struct cr_slides *ss, int line, const char *fmt,
    ...) __attribute__((format(printf, 4, 5)));

static int
fail(char **cause, const struct cr_slides *ss, int line, const char *fmt,
    ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	*cause = xasprintf("%s:%d: %s", ss->file, line, msg);
	free(msg);
	return (-1);
}

/* The scenario, then the weights on top of it, then the node. */
static int
build_state(struct session *s, const struct cr_slides *ss,
    const struct cr_slide *sl, char **cause)
{
	const char	*v;
	struct cr_saved	*saved;
	char		*why = NULL, *warn = NULL;
	int		 node, rc;

	if ((v = sl->val[CR_SK_SCENARIO]) != NULL) {
		if (session_find(s, v, &saved, &why) != 0)
			goto bad_scenario;
		rc = session_load(s, saved, &warn, &why);
		cr_saved_free(saved);
		free(warn);
		if (rc < 0)
			goto bad_scenario;
	}
	if ((v = sl->val[CR_SK_WEIGHTS]) != NULL &&
	    session_set_weights(s, v, &why) < 0) {
		rc = fail(cause, ss, sl->at[CR_SK_WEIGHTS], "weights: %s", why);
		free(why);
		return (rc);
	}
	if ((v = sl->val[CR_SK_BY]) != NULL) {
		if ((node = cr_model_find_node(s->ds->model, v)) < 0)
			return (fail(cause, ss, sl->at[CR_SK_BY], "unknown "
			    "node '%s' (see 'cityrank tree')", v));
		session_rank_by(s, node);
	}
	return (0);
bad_scenario:
	rc = fail(cause, ss, sl->at[CR_SK_SCENARIO], "scenario: %s", why);
	free(why);
	return (rc);
}

static int
build_pattern(struct session *s, const struct cr_slides *ss,
    const struct cr_slide *sl, enum cr_slide_key k, struct cr_match **out,
    char **cause)
{
	char	*why = NULL;
	int	 rc;

	if (sl->val[k] == NULL)
		return (0);
	if ((*out = cr_match_new(sl->val[k], &why)) == NULL) {
		rc = fail(cause, ss, sl->at[k], "%s: %s", cr_slide_key_name(k),
		    why);
		free(why);
		return (rc);
	}
	if (cr_match_scan(*out, s->ds->model, NULL, NULL) != 0)
		return (fail(cause, ss, sl->at[k], "%s: %s",
		    cr_slide_key_name(k), cr_match_costly(*out)));
	return (0);
}

/* Units, axes and patterns: what the views show beyond the state. */
static int
build_view(struct session *s, const struct cr_slides *ss,
    const struct cr_slide *sl, struct slide_built *b, char **cause)
{
	const struct cr_model	*m = s->ds->model;
	char			*why = NULL;
	int			 i, rc;

	for (i = 0; i < sl->n_units; i++) {
		if ((b->units[i] = cr_match_city(m, sl->units[i], &why)) < 0) {
			rc = fail(cause, ss, sl->at[CR_SK_UNITS], "%s", why);
			free(why);
			return (rc);
		}
		b->n_units = i + 1;
	}
	if (sl->view == CR_SLIDE_COMPARE && m->nodes[s->by].n_children == 0)
		return (fail(cause, ss, sl->line, "cannot compare at '%s': it "
		    "is an indicator; compare at an aggregate (by)",
		    m->nodes[s->by].code));
	axis_defaults(s, &b->x, &b->y);
	for (i = CR_SK_X; i <= CR_SK_Y; i++)
		if (sl->val[i] != NULL && axis_parse(s, sl->val[i],
		    i == CR_SK_X ? &b->x : &b->y, &why) != 0) {
			rc = fail(cause, ss, sl->at[i], "%s: %s",
			    cr_slide_key_name((enum cr_slide_key)i), why);
			free(why);
			return (rc);
		}
	if (build_pattern(s, ss, sl, CR_SK_FILTER, &b->filter, cause) != 0 ||
	    build_pattern(s, ss, sl, CR_SK_HIGHLIGHT, &b->highlight,
	    cause) != 0)
		return (-1);
	return (0);
}

int
session_slide_build(struct session *s, const struct session_mark *k,
    const struct cr_slides *ss, const struct cr_slide *sl,
    struct slide_built *b, char **cause)
{
	char	*why = NULL;
	int	 rc;

	memset(b, 0, sizeof *b);
	if (session_mark_back(s, k, &why) != 0) {
		rc = fail(cause, ss, sl->line, "%s", why);
		free(why);
		return (rc);
	}
	if (sl->error != NULL) {
		*cause = xstrdup(sl->error);
		return (-1);
	}
	if (build_state(s, ss, sl, cause) != 0 ||
	    build_view(s, ss, sl, b, cause) != 0) {
		session_slide_free(b);
		/* Already there once: the same state scores the same. */
		(void)session_mark_back(s, k, &why);
		free(why);
		return (-1);
	}
	return (0);
}

void
session_slide_free(struct slide_built *b)
{
	cr_match_free(b->filter);
	cr_match_free(b->highlight);
	b->filter = b->highlight = NULL;
}
