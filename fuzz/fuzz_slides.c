/*
 * libFuzzer target: read the input as a slide script (engine/slides.c)
 * and check what slides.h promises.  A refused script leaves *out NULL
 * and says where: "FILE: ..." or "FILE:LINE: ..." at a line the input
 * has.  An accepted one holds 1 to CR_SLIDES_MAX slides; a slide's
 * error names a line of the input; a slide without one has the units
 * its view needs, none empty, and no value holds a newline.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "slides.h"

#define FILE_NAME	"fuzz.slides"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Lines of the input as the parser counts them. */
static long
count_lines(const uint8_t *d, size_t n)
{
	long	lines = 0;
	size_t	i;

	for (i = 0; i < n; i++)
		if (d[i] == '\n')
			lines++;
	return (n > 0 && d[n - 1] != '\n' ? lines + 1 : lines);
}

/* "FILE_NAME:LINE: " with LINE within the input. */
static void
check_where(const char *msg, long lines, int need_line)
{
	size_t	len = strlen(FILE_NAME);
	char	*end;
	long	line;

	if (strncmp(msg, FILE_NAME ":", len + 1) != 0)
		abort();
	if (msg[len + 1] == ' ' && !need_line)
		return;
	line = strtol(msg + len + 1, &end, 10);
	if (end == msg + len + 1 || *end != ':' || line < 1 || line > lines)
		abort();
}

static void
check_slide(const struct cr_slide *sl, long lines)
{
	int	k, i;

	if ((unsigned)sl->view >= CR_SLIDE_NVIEWS || sl->line < 1 ||
	    sl->line > lines || sl->n_units < 0 ||
	    sl->n_units > CR_SLIDES_UNITS)
		abort();
	for (k = 0; k < CR_SK_COUNT; k++)
		if (sl->val[k] != NULL && (strchr(sl->val[k], '\n') != NULL ||
		    sl->at[k] < sl->line || sl->at[k] > lines))
			abort();
	for (i = 0; i < sl->n_units; i++)
		if (sl->units[i][0] == '\0')
			abort();
	if (sl->error != NULL) {
		check_where(sl->error, lines, 1);
		return;
	}
	if ((sl->view == CR_SLIDE_SHOW && sl->n_units != 1) ||
	    (sl->view == CR_SLIDE_COMPARE && sl->n_units < 2))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cr_slides	*s = (struct cr_slides *)1;
	char			*cause = NULL;
	long			 lines = count_lines(data, size);
	size_t			 i;

	if (cr_slides_parse(FILE_NAME, (const char *)data, size, &s,
	    &cause) != 0) {
		if (s != NULL || cause == NULL)
			abort();
		check_where(cause, lines, 0);
		free(cause);
		return (0);
	}
	if (s == NULL || s->n < 1 || s->n > CR_SLIDES_MAX || cause != NULL)
		abort();
	for (i = 0; i < s->n; i++)
		check_slide(&s->s[i], lines);
	cr_slides_free(s);
	return (0);
}
