/*
 * libFuzzer target: read the input as a scenario file and check what
 * saved_text.h promises.  A rejected file leaves *out alone and says
 * where, "FILE:LINE: message", at a line the input has.  An accepted
 * one holds what a scenario may hold; written out again, its text is
 * valid UTF-8 with no control but the newlines and no bidirectional
 * control, parses back to an equal scenario (numbers bit for bit), and
 * writes out again to the same text.
 */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "saved.h"
#include "saved_text.h"
#include "score.h"
#include "utf8.h"

#define FILE_NAME	"fuzz.scn"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
same_double(double a, double b)
{
	return memcmp(&a, &b, sizeof a) == 0;
}

static void
check_equal(const struct cr_saved *a, const struct cr_saved *b)
{
	struct cr_norm_spec	 na, nb;
	struct cr_agg_spec	 aa, ab;
	size_t			 i;

	if (strcmp(a->name, b->name) != 0 || strcmp(a->note, b->note) != 0 ||
	    strcmp(a->dataset, b->dataset) != 0 ||
	    strcmp(a->title, b->title) != 0 ||
	    strcmp(a->period, b->period) != 0 ||
	    strcmp(a->modified, b->modified) != 0 || a->norm != b->norm ||
	    !same_double(a->norm_lo, b->norm_lo) ||
	    !same_double(a->norm_hi, b->norm_hi) || a->agg != b->agg ||
	    a->n != b->n)
		abort();
	for (i = 0; i < a->n; i++)
		if (strcmp(a->code[i], b->code[i]) != 0 ||
		    !same_double(a->weight[i], b->weight[i]))
			abort();
	cr_saved_norm(a, &na);
	cr_saved_norm(b, &nb);
	cr_saved_agg(a, &aa);
	cr_saved_agg(b, &ab);
	if (!cr_norm_spec_equal(&na, &nb) || !cr_agg_spec_equal(&aa, &ab) ||
	    a->n_leaf != b->n_leaf || a->n_level != b->n_level)
		abort();
	for (i = 0; i < a->n_leaf; i++)
		if (strcmp(a->leaf[i].code, b->leaf[i].code) != 0 ||
		    !cr_norm_spec_equal(&a->leaf[i].norm, &b->leaf[i].norm))
			abort();
	for (i = 0; i < a->n_level; i++)
		if (a->level[i].depth != b->level[i].depth ||
		    !cr_agg_spec_equal(&a->level[i].agg, &b->level[i].agg))
			abort();
}

/* What an accepted file may hold. */
static void
check_saved(const struct cr_saved *s)
{
	size_t	i;

	if (cr_saved_check_name(s->name, NULL) != 0 || s->n == 0 ||
	    strlen(s->note) > CR_SAVED_NOTE_MAX ||
	    strlen(s->title) > CR_SAVED_TEXT_MAX ||
	    strlen(s->period) > CR_SAVED_TEXT_MAX || s->dataset[0] == '\0' ||
	    (unsigned)s->norm >= CR_NORM_COUNT ||
	    (unsigned)s->agg >= CR_AGG_COUNT ||
	    !(s->norm_lo < s->norm_hi))
		abort();
	for (i = 0; i < s->n_leaf; i++)
		if (!cr_norm_spec_valid(&s->leaf[i].norm))
			abort();
	for (i = 0; i < s->n_level; i++)
		if (!cr_agg_spec_valid(&s->level[i].agg))
			abort();
	for (i = 0; i < s->n; i++)
		if (s->code[i][0] == '\0' || !isfinite(s->weight[i]) ||
		    s->weight[i] < 0 || s->weight[i] > CR_WEIGHT_MAX ||
		    signbit(s->weight[i]))
			abort();
}

static void
check_visible(const char *text)
{
	size_t		 len = strlen(text), i;
	uint32_t	 cp;
	int		 n;

	if (!cr_utf8_valid(text, len))
		abort();
	for (i = 0; i < len; i += (size_t)n) {
		n = cr_utf8_decode(text + i, len - i, &cp);
		if (cp == '\n')
			continue;
		if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ||
		    (cp >= 0x202A && cp <= 0x202E) ||
		    (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E ||
		    cp == 0x200F || cp == 0x061C || cp == 0x2028 ||
		    cp == 0x2029 || cp == 0xFEFF)
			abort();
	}
}

/* "FILE:LINE: " with a line the input has (or 1 for an empty one). */
static void
check_cause(const char *cause, const uint8_t *data, size_t size)
{
	const char	*p;
	size_t		 line = 0, lines = 1, i;

	if (cause == NULL || strncmp(cause, FILE_NAME ":", 9) != 0)
		abort();
	for (p = cause + 9; *p >= '0' && *p <= '9'; p++)
		line = line * 10 + (size_t)(*p - '0');
	if (p == cause + 9 || p[0] != ':' || p[1] != ' ' || p[2] == '\0')
		abort();
	for (i = 0; i < size; i++)
		if (data[i] == '\n')
			lines++;
	if (line < 1 || line > lines)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cr_saved	 sentinel, *s = &sentinel, *t = NULL;
	char		*cause = NULL, *text, *again;

	if (cr_saved_parse((const char *)data, size, FILE_NAME, &s,
	    &cause) != 0) {
		if (s != &sentinel)
			abort();
		check_cause(cause, data, size);
		free(cause);
		return 0;
	}
	if (cause != NULL || s == &sentinel)
		abort();
	check_saved(s);
	text = cr_saved_format(s);
	check_visible(text);
	if (cr_saved_parse(text, strlen(text), FILE_NAME, &t, &cause) != 0)
		abort();
	check_equal(s, t);
	again = cr_saved_format(t);
	if (strcmp(text, again) != 0)
		abort();
	free(again);
	free(text);
	cr_saved_free(t);
	cr_saved_free(s);
	return 0;
}
