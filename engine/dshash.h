/*
 * The identity of a data set as a scenario sees it: the framework (node
 * codes, parents, directions) and the entities and values scored.  Two
 * files with the same framework and numbers have the same hash, so a
 * scenario made on one loads on the other without a warning.
 */
#ifndef CR_DSHASH_H
#define CR_DSHASH_H

#include "model.h"

/* 32 hex digits of XXH3-128 (malloc'd). */
char	*cr_model_hash(const struct cr_model *);

#endif
