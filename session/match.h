/*
 * Finding entities by name: exact code, Chinese or pinyin name (any
 * case), else a PCRE2 pattern, caseless and UTF-8, matched against the
 * names, the code and the province.  Shared by batch commands and the
 * explorer's search.
 */
#ifndef CR_MATCH_H
#define CR_MATCH_H

#include "model.h"

struct cr_match;

/* NULL and *cause (with PCRE2's message and offset) on a bad pattern. */
struct cr_match	*cr_match_new(const char *pattern, char **cause);
void		 cr_match_free(struct cr_match *);
/* 1 when any searchable field of the entity matches. */
int		 cr_match_entity(const struct cr_match *,
		    const struct cr_model *, int entity);
/*
 * Resolve a user's city argument to one entity.  Returns the entity, or
 * -1 with *cause naming the candidates (ambiguous) or every entity
 * (unknown).
 */
int		 cr_match_city(const struct cr_model *, const char *query,
		    char **cause);

#endif
