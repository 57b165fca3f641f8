/*
 * Strings that live as long as their owner (a model's unit names, a
 * data set's sources), copied into large blocks: one allocation for
 * thousands of strings, not one each.  At 84,000 units the allocator's
 * own overhead on three or four short strings a unit was as large as
 * the strings.  Nothing in a pool is freed alone.
 */
#ifndef CR_STRPOOL_H
#define CR_STRPOOL_H

#include <stddef.h>

struct cr_strblock;

/* All zero is an empty pool. */
struct cr_strpool {
	struct cr_strblock	*head;
};

/* A copy of s in the pool, valid until the pool is freed. */
char	*cr_strpool_dup(struct cr_strpool *, const char *s);
/* Every string of the pool; the pool is then empty. */
void	 cr_strpool_free(struct cr_strpool *);

#endif
