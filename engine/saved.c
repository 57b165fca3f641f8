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
	free(s);
}

int
cr_saved_add(struct cr_saved *s, const char *code, double w, char **cause)
{
	char	*q;
	size_t	 i;

	if (*code == '\0')
		return cr_cause(cause, "empty node code");
	if (!cr_model_valid_code(code)) {
		q = cr_sanitize(code);
		cr_cause(cause, "node code '%s' must be printable ASCII "
		    "without spaces, ',' or '='", q);
		free(q);
		return -1;
	}
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
