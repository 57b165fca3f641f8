/*
 * Saved scenarios: the record itself and the checks on what a user or a
 * file may put in it.  Turning one into a cr_scenario is the session's.
 */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cause.h"
#include "model.h"
#include "saved.h"
#include "score.h"
#include "utf8.h"
#include "xmalloc.h"

/* Names quoted in messages are cut to this many columns. */
#define QUOTE_COLS	60

struct cr_saved *
cr_saved_new(void)
{
	struct cr_saved	*s;

	s = xcalloc(1, sizeof(*s));
	s->name = xstrdup("");
	s->note = xstrdup("");
	s->dataset = xstrdup("");
	s->title = xstrdup("");
	s->period = xstrdup("");
	s->modified = xstrdup("");
	s->recipe = xstrdup("");
	/* The methods of a new cr_scenario, so an empty record scores alike. */
	s->norm = CR_NORM_MINMAX;
	s->norm_lo = 0;
	s->norm_hi = 100;
	s->agg = CR_AGG_ARITH;
	cr_norm_par_init(&s->norm_par);
	s->agg_p = 1;
	return s;
}

struct cr_saved *
cr_saved_copy(const struct cr_saved *from)
{
	struct cr_saved	*s;
	size_t		 i;

	s = xcalloc(1, sizeof(*s));
	*s = *from;
	s->name = xstrdup(from->name);
	s->note = xstrdup(from->note);
	s->dataset = xstrdup(from->dataset);
	s->title = xstrdup(from->title);
	s->period = xstrdup(from->period);
	s->modified = xstrdup(from->modified);
	s->recipe = xstrdup(from->recipe);
	s->code = xreallocarray(NULL, from->n, sizeof(*s->code));
	s->weight = xreallocarray(NULL, from->n, sizeof(*s->weight));
	for (i = 0; i < from->n; i++) {
		s->code[i] = xstrdup(from->code[i]);
		s->weight[i] = from->weight[i];
	}
	cr_norm_par_init(&s->norm_par);
	cr_norm_par_copy(&s->norm_par, &from->norm_par);
	s->leaf = xreallocarray(NULL, from->n_leaf + 1, sizeof(*s->leaf));
	for (i = 0; i < from->n_leaf; i++) {
		s->leaf[i].code = xstrdup(from->leaf[i].code);
		cr_norm_spec_init(&s->leaf[i].norm);
		cr_norm_spec_copy(&s->leaf[i].norm, &from->leaf[i].norm);
	}
	s->level = xreallocarray(NULL, from->n_level + 1, sizeof(*s->level));
	for (i = 0; i < from->n_level; i++)
		s->level[i] = from->level[i];
	return s;
}

void
cr_saved_free(struct cr_saved *s)
{
	size_t	i;

	if (s == NULL)
		return;
	free(s->name);
	free(s->note);
	free(s->dataset);
	free(s->title);
	free(s->period);
	free(s->modified);
	free(s->recipe);
	for (i = 0; i < s->n; i++)
		free(s->code[i]);
	free(s->code);
	free(s->weight);
	cr_norm_par_clear(&s->norm_par);
	cr_saved_clear_own(s);
	free(s);
}

/* A node's code as cr_saved_add() takes it. */
static int
check_code(const char *code, char **cause)
{
	char	*q;

	if (*code == '\0')
		return cr_cause(cause, "empty node code");
	if (!cr_model_valid_code(code)) {
		q = cr_sanitize(code);
		cr_cause(cause, "node code '%s' must be printable ASCII "
		    "without spaces, ',' or '='", q);
		free(q);
		return -1;
	}
	return 0;
}

int
cr_saved_add(struct cr_saved *s, const char *code, double w, char **cause)
{
	size_t	 i;

	if (check_code(code, cause) != 0)
		return -1;
	if (!isfinite(w) || w < 0 || w > CR_WEIGHT_MAX)
		return cr_cause(cause, "weight %g of '%s' is not a number from "
		    "0 to 1e9", w, code);
	for (i = 0; i < s->n; i++)
		if (strcmp(s->code[i], code) == 0)
			return cr_cause(cause, "two weights for '%s'", code);

	s->code = xreallocarray(s->code, s->n + 1, sizeof(*s->code));
	s->weight = xreallocarray(s->weight, s->n + 1, sizeof(*s->weight));
	s->code[s->n] = xstrdup(code);
	/* -0 + 0 is +0: a stored weight never prints as "-0". */
	s->weight[s->n] = w + 0.0;
	s->n++;
	return 0;
}

int
cr_saved_add_leaf(struct cr_saved *s, const char *code,
    const struct cr_norm_spec *sp, char **cause)
{
	struct cr_saved_leaf	*l;
	size_t			 i;

	if (check_code(code, cause) == -1)
		return -1;
	for (i = 0; i < s->n_leaf; i++)
		if (strcmp(s->leaf[i].code, code) == 0)
			return cr_cause(cause, "two normalisations for '%s'",
			    code);
	if (!cr_norm_spec_valid(sp))
		return cr_cause(cause, "the normalisation of '%s' is not one "
		    "a scenario may hold", code);
	s->leaf = xreallocarray(s->leaf, s->n_leaf + 1, sizeof(*s->leaf));
	l = &s->leaf[s->n_leaf++];
	l->code = xstrdup(code);
	cr_norm_spec_init(&l->norm);
	cr_norm_spec_copy(&l->norm, sp);
	return 0;
}

int
cr_saved_add_level(struct cr_saved *s, int depth,
    const struct cr_agg_spec *sp, char **cause)
{
	size_t	 i;

	if (depth < 0 || depth > CR_SAVED_DEPTH_MAX)
		return cr_cause(cause, "depth %d is not 0 to %d", depth,
		    CR_SAVED_DEPTH_MAX);
	for (i = 0; i < s->n_level; i++)
		if (s->level[i].depth == depth)
			return cr_cause(cause, "two aggregations for depth %d",
			    depth);
	if (!cr_agg_spec_valid(sp))
		return cr_cause(cause, "the aggregation of depth %d is not "
		    "one a scenario may hold", depth);
	s->level = xreallocarray(s->level, s->n_level + 1,
	    sizeof(*s->level));
	s->level[s->n_level].depth = depth;
	s->level[s->n_level++].agg = *sp;
	return 0;
}

void
cr_saved_clear_own(struct cr_saved *s)
{
	size_t	 i;

	for (i = 0; i < s->n_leaf; i++) {
		free(s->leaf[i].code);
		cr_norm_spec_clear(&s->leaf[i].norm);
	}
	free(s->leaf);
	free(s->level);
	s->leaf = NULL;
	s->level = NULL;
	s->n_leaf = s->n_level = 0;
}

void
cr_saved_norm(const struct cr_saved *s, struct cr_norm_spec *out)
{
	out->method = s->norm;
	out->lo = s->norm_lo;
	out->hi = s->norm_hi;
	out->par = s->norm_par;
}

void
cr_saved_agg(const struct cr_saved *s, struct cr_agg_spec *out)
{
	out->method = s->agg;
	out->p = s->agg_p;
}

void
cr_saved_set_norm(struct cr_saved *s, const struct cr_norm_spec *sp)
{
	s->norm = sp->method;
	s->norm_lo = sp->lo;
	s->norm_hi = sp->hi;
	cr_norm_par_copy(&s->norm_par, &sp->par);
}

void
cr_saved_set_agg(struct cr_saved *s, const struct cr_agg_spec *sp)
{
	s->agg = sp->method;
	s->agg_p = sp->p;
}

int
cr_saved_v1(const struct cr_saved *s)
{
	struct cr_norm_spec	 n;
	struct cr_agg_spec	 a;

	cr_saved_norm(s, &n);
	cr_saved_agg(s, &a);
	return cr_norm_spec_v1(&n) && cr_agg_spec_v1(&a) && s->n_leaf == 0 &&
	    s->n_level == 0;
}

static void
append(char **list, const char *key, const char *value)
{
	char	*t;

	t = xasprintf("%s%s%s=%s", *list, **list != '\0' ? "," : "", key,
	    value);
	free(*list);
	*list = t;
}

char *
cr_saved_leaves_text(const struct cr_saved *s)
{
	char	*list = xstrdup(""), *m;
	size_t	 i;

	for (i = 0; i < s->n_leaf; i++) {
		m = cr_norm_spec_format(&s->leaf[i].norm);
		append(&list, s->leaf[i].code, m);
		free(m);
	}
	return list;
}

char *
cr_saved_levels_text(const struct cr_saved *s)
{
	char	*list = xstrdup(""), *m, d[16];
	size_t	 i;

	for (i = 0; i < s->n_level; i++) {
		m = cr_agg_spec_format(&s->level[i].agg);
		snprintf(d, sizeof d, "%d", s->level[i].depth);
		append(&list, d, m);
		free(m);
	}
	return list;
}

/*
 * The items of a list cr_saved_*_text() wrote, each "KEY=VALUE", to f;
 * what the store reads back, so nothing is trimmed or forgiven.
 */
static int
each_item(struct cr_saved *s, const char *list,
    int (*f)(struct cr_saved *, const char *, const char *, char **),
    char **cause)
{
	char	*copy, *item, *next, *eq;
	int	 rc = 0;

	if (*list == '\0')
		return 0;
	copy = xstrdup(list);
	for (item = copy; rc == 0 && item != NULL; item = next) {
		if ((next = strchr(item, ',')) != NULL)
			*next++ = '\0';
		if ((eq = strchr(item, '=')) == NULL) {
			rc = cr_cause(cause, "an item without '='");
			break;
		}
		*eq = '\0';
		rc = f(s, item, eq + 1, cause);
	}
	free(copy);
	return rc;
}

static int
leaf_item(struct cr_saved *s, const char *code, const char *method,
    char **cause)
{
	struct cr_norm_spec	 sp;
	int			 rc;

	cr_norm_spec_init(&sp);
	if ((rc = cr_norm_spec_parse(method, &sp, cause)) == 0)
		rc = cr_saved_add_leaf(s, code, &sp, cause);
	cr_norm_spec_clear(&sp);
	return rc;
}

static int
level_item(struct cr_saved *s, const char *depth, const char *method,
    char **cause)
{
	struct cr_agg_spec	 sp;
	size_t			 n = strlen(depth);

	if (n == 0 || n > 4 || strspn(depth, "0123456789") != n)
		return cr_cause(cause, "'%s' is not a depth", depth);
	if (cr_agg_spec_parse(method, &sp, cause) == -1)
		return -1;
	return cr_saved_add_level(s, atoi(depth), &sp, cause);
}

/* All or nothing: what was there is put back on an error. */
int
cr_saved_parse_leaves(struct cr_saved *s, const char *list, char **cause)
{
	size_t	 n = s->n_leaf;

	if (each_item(s, list, leaf_item, cause) == 0)
		return 0;
	while (s->n_leaf > n) {
		s->n_leaf--;
		free(s->leaf[s->n_leaf].code);
		cr_norm_spec_clear(&s->leaf[s->n_leaf].norm);
	}
	return -1;
}

int
cr_saved_parse_levels(struct cr_saved *s, const char *list, char **cause)
{
	size_t	 n = s->n_level;

	if (each_item(s, list, level_item, cause) == 0)
		return 0;
	s->n_level = n;
	return -1;
}

void
cr_saved_set(char **field, const char *value)
{
	char	*old = *field;

	/* Copy first: value may be the field's own string. */
	*field = xstrdup(value != NULL ? value : "");
	free(old);
}

/* Bidi embeddings, overrides and isolates can reorder a whole line. */
static int
is_bidi(uint32_t cp)
{
	return (cp >= 0x202A && cp <= 0x202E) ||
	    (cp >= 0x2066 && cp <= 0x2069);
}

/* Unicode's space separators (Zs). */
static int
is_space(uint32_t cp)
{
	return cp == 0x20 || cp == 0xA0 || cp == 0x1680 ||
	    (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
	    cp == 0x3000;
}

/* The name for a message: sanitised, and cut when long. */
static char *
quote(const char *name)
{
	char	*q;
	size_t	 n;

	if (cr_utf8_width(name) <= QUOTE_COLS)
		return cr_sanitize(name);
	q = cr_fit(name, QUOTE_COLS, 0, 0);
	/* A wide character at the edge leaves a space of padding. */
	n = strlen(q);
	while (n > 0 && q[n - 1] == ' ')
		q[--n] = '\0';
	return q;
}

static int
name_error(char **cause, const char *name, const char *why)
{
	char	*q;

	q = quote(name);
	cr_cause(cause, "scenario name '%s' %s", q, why);
	free(q);
	return -1;
}

int
cr_saved_check_name(const char *name, char **cause)
{
	size_t		 len = strlen(name), i;
	uint32_t	 cp;
	int		 n, visible = 0;
	char		 why[64];

	if (len == 0)
		return cr_cause(cause, "empty scenario name");
	if (len > CR_SAVED_NAME_MAX) {
		snprintf(why, sizeof why, "is %zu bytes, more than %d", len,
		    CR_SAVED_NAME_MAX);
		return name_error(cause, name, why);
	}
	if (!cr_utf8_valid(name, len))
		return name_error(cause, name, "is not valid UTF-8");
	for (i = 0; i < len; i += (size_t)n) {
		n = cr_utf8_decode(name + i, len - i, &cp);
		if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
			return name_error(cause, name,
			    "contains a control character");
		if (is_bidi(cp)) {
			snprintf(why, sizeof why, "contains a bidirectional "
			    "control (U+%04X)", (unsigned)cp);
			return name_error(cause, name, why);
		}
		/* Zero-width characters alone would look blank too. */
		if (!is_space(cp) && cr_cp_width(cp) > 0)
			visible = 1;
	}
	if (!visible)
		return name_error(cause, name, "has nothing but spaces");
	return 0;
}
