/*
 * A string pool (strpool.h): blocks of 64 KiB, filled in turn.  A string
 * larger than a quarter block gets a block of its own, put behind the
 * one being filled so that the room left there is not lost.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>
#include <stdlib.h>

#include "strpool.h"
#include "xmalloc.h"

#define BLOCK	(64 * 1024 - 64)	/* leaves room for malloc's header */

struct cr_strblock {
	struct cr_strblock	*next;
	size_t			 used, size;
	char			 data[];
};

static struct cr_strblock *
block_new(size_t size)
{
	struct cr_strblock	*b;

	if (size > SIZE_MAX - sizeof *b)
		xalloc_die();
	b = xmalloc(sizeof *b + size);
	b->next = NULL;
	b->used = 0;
	b->size = size;
	return (b);
}

char *
cr_strpool_dup(struct cr_strpool *p, const char *s)
{
	struct cr_strblock	*b = p->head;
	size_t			 len = strlen(s) + 1;
	char			*d;

	if (len > BLOCK / 4) {
		b = block_new(len);
		if (p->head != NULL) {
			b->next = p->head->next;
			p->head->next = b;
		} else
			p->head = b;
	} else if (b == NULL || b->size - b->used < len) {
		b = block_new(BLOCK);
		b->next = p->head;
		p->head = b;
	}
	d = b->data + b->used;
	memcpy(d, s, len);
	b->used += len;
	return (d);
}

void
cr_strpool_free(struct cr_strpool *p)
{
	struct cr_strblock	*b, *next;

	for (b = p->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	p->head = NULL;
}
