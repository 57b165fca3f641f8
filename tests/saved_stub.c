/*
 * A stand-in for engine/saved.c, which is written on another branch:
 * just enough of saved.h, with its declared semantics, for the store's
 * tests to link.  Remove it from Makefile.am when saved.c is merged.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cause.h"
#include "saved.h"
#include "utf8.h"
#include "xmalloc.h"

struct cr_saved *
cr_saved_new(void)
{
	struct cr_saved	*s;

	s = xcalloc(1, sizeof *s);
	s->name = xstrdup("");
	s->note = xstrdup("");
	s->dataset = xstrdup("");
	s->title = xstrdup("");
	s->period = xstrdup("");
	s->modified = xstrdup("");
	s->norm = CR_NORM_MINMAX;
	s->norm_lo = 0;
	s->norm_hi = 100;
	s->agg = CR_AGG_ARITH;
	return (s);
}

struct cr_saved *
cr_saved_copy(const struct cr_saved *from)
{
	struct cr_saved	*s;
	size_t		 i;

	s = xcalloc(1, sizeof *s);
	*s = *from;
	s->name = xstrdup(from->name);
	s->note = xstrdup(from->note);
	s->dataset = xstrdup(from->dataset);
	s->title = xstrdup(from->title);
	s->period = xstrdup(from->period);
	s->modified = xstrdup(from->modified);
	s->code = xreallocarray(NULL, from->n, sizeof *s->code);
	s->weight = xreallocarray(NULL, from->n, sizeof *s->weight);
	for (i = 0; i < from->n; i++) {
		s->code[i] = xstrdup(from->code[i]);
		s->weight[i] = from->weight[i];
	}
	return (s);
}

void
cr_saved_free(struct cr_saved *s)
{
	size_t	i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++)
		free(s->code[i]);
	free(s->code);
	free(s->weight);
	free(s->name);
	free(s->note);
	free(s->dataset);
	free(s->title);
	free(s->period);
	free(s->modified);
	free(s);
}

int
cr_saved_add(struct cr_saved *s, const char *code, double w, char **cause)
{
	size_t	i;

	if (*code == '\0')
		return (cr_cause(cause, "an empty code"));
	if (!isfinite(w) || w < 0 || w > CR_WEIGHT_MAX)
		return (cr_cause(cause, "bad weight for '%s'", code));
	for (i = 0; i < s->n; i++)
		if (strcmp(s->code[i], code) == 0)
			return (cr_cause(cause, "code '%s' is repeated", code));
	s->code = xreallocarray(s->code, s->n + 1, sizeof *s->code);
	s->weight = xreallocarray(s->weight, s->n + 1, sizeof *s->weight);
	s->code[s->n] = xstrdup(code);
	s->weight[s->n++] = w;
	return (0);
}

void
cr_saved_set(char **field, const char *value)
{
	char	*old = *field;

	*field = xstrdup(value);
	free(old);
}

int
cr_saved_check_name(const char *name, char **cause)
{
	size_t		len = strlen(name), i;
	uint32_t	cp;
	int		n, blank = 1;

	if (len == 0 || len > CR_SAVED_NAME_MAX)
		return (cr_cause(cause, "a name is 1 to %d bytes",
		    CR_SAVED_NAME_MAX));
	for (i = 0; i < len; i += n) {
		if ((n = cr_utf8_decode(name + i, len - i, &cp)) < 0)
			return (cr_cause(cause, "a name must be UTF-8"));
		if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
			return (cr_cause(cause, "a name has no control "
			    "characters"));
		if (cp != ' ')
			blank = 0;
	}
	if (blank)
		return (cr_cause(cause, "a name is not only spaces"));
	return (0);
}
