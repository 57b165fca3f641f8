/* The data set's identity for scenarios: XXH3-128 of what scores see. */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <xxhash.h>

#include "dshash.h"
#include "xmalloc.h"

static void
put_str(XXH3_state_t *st, const char *s)
{
	/* The NUL separates fields, so "ab","c" differs from "a","bc". */
	XXH3_128bits_update(st, s, strlen(s) + 1);
}

/* Little-endian bytes, one NaN, so the hash is the same everywhere. */
static void
put_num(XXH3_state_t *st, double v)
{
	unsigned char	b[8];
	uint64_t	u;
	int		i;

	if (isnan(v))
		v = NAN;
	if (v == 0)
		v = 0;		/* -0 and 0 score alike */
	memcpy(&u, &v, sizeof u);
	for (i = 0; i < 8; i++)
		b[i] = (unsigned char)(u >> (8 * i));
	XXH3_128bits_update(st, b, sizeof b);
}

char *
cr_model_hash(const struct cr_model *m)
{
	XXH3_state_t	*st;
	XXH128_hash_t	 h;
	size_t		 i, e;
	const struct cr_node *n;

	if ((st = XXH3_createState()) == NULL)
		xalloc_die();
	XXH3_128bits_reset(st);
	put_str(st, "cityrank data set 1");
	for (i = 0; i < m->n_nodes; i++) {
		n = &m->nodes[i];
		put_str(st, n->code);
		put_str(st, n->parent >= 0 ? m->nodes[n->parent].code : "");
		put_num(st, n->leaf >= 0 ? n->direction : 0);
	}
	for (e = 0; e < m->n_entities; e++)
		put_str(st, m->entities[e].code);
	for (i = 0; i < m->n_entities * m->n_leaves; i++)
		put_num(st, m->raw[i]);
	h = XXH3_128bits_digest(st);
	XXH3_freeState(st);
	return (xasprintf("%016llx%016llx", (unsigned long long)h.high64,
	    (unsigned long long)h.low64));
}
