/*
 * Flipped-byte checks of a data set file, shared by the quick unit
 * test (test_flip) and the long run for the record (flipcheck): load a
 * copy with one byte changed and compare what it gives with the clean
 * file's load, so that damage either fails the load or changes nothing
 * the user is shown as a result.
 */
#ifndef CR_FLIP_H
#define CR_FLIP_H

#include <stddef.h>

#include "db.h"

/* What a load of a damaged copy differs in from the clean load. */
#define FLIP_VALUES	0x01	/* a raw value, bit for bit */
#define FLIP_PROV	0x02	/* a value's provenance */
#define FLIP_SOURCE	0x04	/* a value's source text */
#define FLIP_PRESET	0x08	/* presets: codes, methods, weights */
#define FLIP_SCORE	0x10	/* cr_score() of any preset, any node */
#define FLIP_SHAPE	0x20	/* counts of nodes, leaves, entities */
#define FLIP_NAMES	0x40	/* codes and names of nodes, entities */
#define FLIP_OTHER	0x80	/* context, published figures, titles */
/* What the issue counts as a wrong result. */
#define FLIP_RESULT	(FLIP_VALUES | FLIP_PROV | FLIP_SOURCE | \
			    FLIP_PRESET | FLIP_SCORE | FLIP_SHAPE)

/* The clean load, with every preset scored, to compare others with. */
struct flip_ref;

struct flip_ref	*flip_ref_new(struct cr_dataset *);
void		 flip_ref_free(struct flip_ref *);
/* A FLIP_ mask of what ds differs in; 0 when it is the same. */
int		 flip_compare(const struct flip_ref *, struct cr_dataset *);

/* Outcomes of one damaged load. */
enum flip_outcome {
	FLIP_SAME,	/* loaded, gives exactly the clean results */
	FLIP_ERROR,	/* the load failed with a message */
	FLIP_WRONG,	/* loaded, and some result differs */
	FLIP_DIFFERS,	/* loaded; only names or context differ */
	FLIP_NOMSG	/* the load failed without a usable message */
};

/*
 * Write buf (len bytes) to path with the byte at off XORed with mask,
 * load it and compare; *diff gets the FLIP_ mask, *why (when not NULL)
 * the load's message, caller frees.
 */
enum flip_outcome flip_one(const struct flip_ref *, const unsigned char *buf,
		    size_t len, size_t off, unsigned char mask,
		    const char *path, int *diff, char **why);
/* The whole file in memory; NULL on failure. */
unsigned char	*flip_slurp(const char *path, size_t *len);

#endif
