/*
 * The line of a file each unit's row is on, kept as one number when the
 * rows come in the units' order (line = first + unit), as an import's
 * do: 336 KB a column at 84,000 units.  The data set's values and each
 * context variable keep one.
 */
#ifndef CR_LINECOL_H
#define CR_LINECOL_H

#include <stddef.h>
#include <stdint.h>

struct cr_linecol {
	uint32_t	*v;	/* a line a unit, 0 for none; or NULL */
	uint32_t	 first;	/* v NULL: unit e's line is first + e; 0 none */
};

static inline uint32_t
cr_linecol_get(const struct cr_linecol *c, size_t e)
{
	if (c->v != NULL)
		return c->v[e];
	return c->first != 0 ? c->first + (uint32_t)e : 0;
}

/* v given back when the n lines are first + unit. */
void	cr_linecol_compact(struct cr_linecol *, size_t n);
/* A line a unit again, room for cap + 1, as cr_linecol_get() says. */
void	cr_linecol_expand(struct cr_linecol *, size_t cap);
/* Room for cap units when there is a line a unit. */
void	cr_linecol_resize(struct cr_linecol *, size_t cap);
void	cr_linecol_free(struct cr_linecol *);

#endif
