/*
 * Value packs (schema 3): each entity's leaf values of one period in
 * one row, so that opening a large data set reads one row an entity
 * instead of one a value.  The value table stays the record; a pack is
 * a copy of it that triggers delete when the rows it copies change, and
 * the loader reads the rows of any entity whose pack is missing or does
 * not fit the framework.  The layout is in data/FORMAT.md.
 */
#ifndef CR_PACK_H
#define CR_PACK_H

#include <stddef.h>

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

/* Leaf i of a pack's value blob: NAN when the leaf has no value. */
double		 cr_pack_value(const unsigned char *, size_t i);
/* Leaf i of a pack's sources blob. */
sqlite3_int64	 cr_pack_source(const unsigned char *, size_t i);
/* A provenance letter; -1 for one that is not. */
int		 cr_pack_prov(char, enum cr_prov *);

#endif
