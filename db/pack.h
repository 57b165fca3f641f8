/*
 * Value packs (schema 3): each entity's leaf values of one period in
 * one row, so that opening a large data set reads one row an entity
 * instead of one a value.  In the bundled data set, and in every file
 * of schema 7 and older, the value table is the record; a pack is a
 * copy of it that triggers delete when the rows it copies change, and
 * the loader reads the rows of any entity whose pack is missing or does
 * not fit the framework.  In a file an import wrote (schema 8, meta
 * 'values' = 'packs') the packs are the record: no value row is
 * written, and a row is an edit that overrides its pack's value.  The
 * layout is in data/FORMAT.md.
 */
#ifndef CR_PACK_H
#define CR_PACK_H

#include <endian.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <sqlite3.h>

#include "model.h"

/* The provenance letter of a leaf with no value. */
#define CR_PACK_NONE	'-'

/*
 * Fill value_pack from the value table, then create the triggers that
 * keep it honest.  Call inside the writer's transaction, after the
 * last value row.  -1 and *cause on failure.
 */
int		 cr_pack_write(sqlite3 *, char **cause);

/*
 * Schema 8: packs written from the writer's own values, one at a time:
 * set the leaves that have a value (leaf is the index among the leaves
 * in ascending node id order), then put the pack, which clears it.
 * line (schema 10) is the line of the source its values came from, 0
 * for none; it is kept only when they have one source.  A packer is
 * for the writer's transaction; NULL or -1 and *cause on failure.
 */
struct cr_packer;
struct cr_packer *cr_packer_new(sqlite3 *, size_t n_leaves, char **cause);
void		 cr_packer_set(struct cr_packer *, size_t leaf, double,
		    enum cr_prov, sqlite3_int64 source);
int		 cr_packer_put(struct cr_packer *, sqlite3_int64 entity,
		    const char *period, sqlite3_int64 line);
void		 cr_packer_free(struct cr_packer *);
/*
 * The one trigger a file whose packs are the record has: deleting an
 * entity deletes its packs.  Rows then override packs, so no change to
 * them may drop one.
 */
int		 cr_pack_record_triggers(sqlite3 *, char **cause);

/*
 * Eight little-endian bytes, as a pack stores values and sources.  One
 * load where the host is little-endian: the byte loop it replaces was a
 * third of reading the packs of 100,000 units.
 */
static inline uint64_t
cr_pack_u64(const unsigned char *b)
{
	uint64_t	u;

	memcpy(&u, b, sizeof u);
	return (le64toh(u));
}

/*
 * Leaf i of a pack's value blob, NAN when the leaf has no value.
 * Inline: a load reads every value through it, 20 million at 100,000
 * units.
 */
static inline double
cr_pack_value(const unsigned char *blob, size_t i)
{
	uint64_t	 u = cr_pack_u64(blob + 8 * i);
	double		 v;

	memcpy(&v, &u, sizeof v);
	return (v);
}
/*
 * A pack's provenance: a letter a leaf, or (schema 10) one letter for
 * every leaf with a value, the leaves without one NAN in the value
 * blob, as they always are: an import's packs nearly always have one
 * provenance.  Whether prov_len letters fit n leaves in a file of that
 * schema.
 */
static inline int
cr_pack_prov_fits(size_t prov_len, size_t n, int version)
{
	return (prov_len == n || (version >= 10 && prov_len == 1 && n > 0));
}

/* The letter of leaf i, CR_PACK_NONE for a leaf with no value. */
static inline char
cr_pack_letter(const char *prov, size_t prov_len,
    const unsigned char *blob, size_t i)
{
	if (prov_len != 1)
		return (prov[i]);
	return (isnan(cr_pack_value(blob, i)) ? CR_PACK_NONE : prov[0]);
}

/* Leaf i of a pack's sources blob. */
sqlite3_int64	 cr_pack_source(const unsigned char *, size_t i);
/* A provenance letter; -1 for one that is not. */
int		 cr_pack_prov(char, enum cr_prov *);

#endif
