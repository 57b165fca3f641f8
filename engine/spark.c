/* A sparkline of a series, for a unit's rank over the years. */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#include "spark.h"
#include "xmalloc.h"

static const char *const blocks[] = {
	"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"
};
static const char *const plain[] = { "_", ".", "-", "^" };

char *
cr_spark(const double *v, size_t n, int invert, int ascii)
{
	const char *const *glyph = ascii ? plain : blocks;
	int		 levels = ascii ? 4 : 8;
	double		 lo = INFINITY, hi = -INFINITY, t;
	size_t		 i;
	char		*out, *p;

	for (i = 0; i < n; i++)
		if (isfinite(v[i])) {
			lo = fmin(lo, v[i]);
			hi = fmax(hi, v[i]);
		}
	/* Three bytes a block, the longest glyph, and the NUL. */
	p = out = xcalloc(3 * n + 1, 1);
	for (i = 0; i < n; i++) {
		if (!isfinite(v[i])) {
			*p++ = ' ';
			continue;
		}
		t = hi > lo ? (v[i] - lo) / (hi - lo) : 0.5;
		if (invert)
			t = 1 - t;
		strcpy(p, glyph[(int)floor(t * (levels - 1) + 0.5)]);
		p += strlen(p);
	}
	*p = '\0';
	return (out);
}
