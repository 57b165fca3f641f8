/*
 * libFuzzer target: read the input as CSV and put every field through
 * the sanitiser and the width functions, checking what they promise.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "utf8.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_field(const char *f, int cols)
{
	char	*s, *fit;
	int	 w;

	s = cr_sanitize(f);
	w = cr_utf8_width(f);
	/* Sanitised text is valid UTF-8, measures the same and is stable. */
	if (!cr_utf8_valid(s, strlen(s)) || cr_utf8_width(s) != w)
		abort();
	fit = cr_sanitize(s);
	if (strcmp(fit, s) != 0)
		abort();
	free(fit);
	fit = cr_fit(f, cols, cols & 1, cols & 2);
	if (cr_utf8_width(fit) != cols || !cr_utf8_valid(fit, strlen(fit)))
		abort();
	free(fit);
	free(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cr_csv	c;
	size_t		i;
	int		r;

	cr_csv_init(&c, (const char *)data, size);
	while ((r = cr_csv_next(&c)) == 1) {
		for (i = 0; i < c.n_fields; i++) {
			if (c.field_line[i] < c.record_line ||
			    !cr_utf8_valid(c.field[i], strlen(c.field[i])))
				abort();
			check_field(c.field[i], (int)((size + i) % 24));
		}
	}
	if (r == -1 && (c.err_line == 0 || c.err_col == 0 ||
	    c.error[0] == '\0'))
		abort();
	cr_csv_free(&c);
	return 0;
}
