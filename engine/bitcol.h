/*
 * Columns of small unsigned numbers packed in bits: a rank of 84,000
 * units needs 17 bits, not the 32 of an int.  Each column starts on a
 * word of its own, so two threads may fill two columns at once; one
 * column is written by one thread at a time.
 */
#ifndef CR_BITCOL_H
#define CR_BITCOL_H

#include <stddef.h>
#include <stdint.h>

/* Bits a number up to max needs; at least 1. */
static inline unsigned
cr_bits_for(size_t max)
{
	unsigned	 w = 1;

	while (w < 32 && ((size_t)1 << w) <= max)
		w++;
	return w;
}

/* Words a column of n numbers of w bits takes, with one to spare. */
static inline size_t
cr_bits_words(size_t n, unsigned w)
{
	return (n * w + 63) / 64 + 1;
}

static inline uint32_t
cr_bits_get(const uint64_t *c, unsigned w, size_t i)
{
	size_t		 bit = i * w, at = bit / 64;
	unsigned	 off = (unsigned)(bit % 64);
	uint64_t	 v = c[at] >> off;

	if (off + w > 64)
		v |= c[at + 1] << (64 - off);
	return (uint32_t)(v & (((uint64_t)1 << w) - 1));
}

static inline void
cr_bits_set(uint64_t *c, unsigned w, size_t i, uint32_t v)
{
	size_t		 bit = i * w, at = bit / 64;
	unsigned	 off = (unsigned)(bit % 64);
	uint64_t	 mask = ((uint64_t)1 << w) - 1, x = v & mask;

	c[at] = (c[at] & ~(mask << off)) | (x << off);
	if (off + w > 64)
		c[at + 1] = (c[at + 1] & ~(mask >> (64 - off))) |
		    (x >> (64 - off));
}

#endif
