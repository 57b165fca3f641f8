/* A line a unit, or one number for lines in the units' order. */
#include "config.h"

#include <stdlib.h>

#include "linecol.h"
#include "xmalloc.h"

void
cr_linecol_compact(struct cr_linecol *c, size_t n)
{
	size_t	 e;

	/* The last line, first + n - 1, must be a line too. */
	if (c->v == NULL || n == 0 || c->v[0] == 0 || n - 1 > UINT32_MAX ||
	    c->v[0] > UINT32_MAX - (n - 1))
		return;
	for (e = 1; e < n && c->v[e] == c->v[0] + (uint32_t)e; e++)
		;
	if (e < n)
		return;
	c->first = c->v[0];
	free(c->v);
	c->v = NULL;
}

void
cr_linecol_expand(struct cr_linecol *c, size_t cap)
{
	size_t	 e;

	if (c->v != NULL)
		return;
	c->v = xcalloc(cap + 1, sizeof(*c->v));
	for (e = 0; c->first != 0 && e <= cap; e++)
		c->v[e] = c->first + (uint32_t)e;
	c->first = 0;
}

void
cr_linecol_resize(struct cr_linecol *c, size_t cap)
{
	if (c->v != NULL)
		c->v = xreallocarray(c->v, cap + 1, sizeof(*c->v));
}

void
cr_linecol_free(struct cr_linecol *c)
{
	free(c->v);
	c->v = NULL;
	c->first = 0;
}
