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

/*
 * The limits on one name.  PCRE2's match and depth limits (its defaults
 * are 10,000,000: (a+)+$ took 0.25 s a name, 26 s to search 26 cities
 * named aaaa...ab); and CR_MATCH_STEPS, work counted by a callout before
 * each item (match.c says why), plus 4 a byte of the name.  Real
 * patterns on real names need a few hundred to a few thousand.
 *
 * Measured on the 2-core machine of doc/benchmarks.md: a name costs at
 * most about 0.1 ms with PCRE2's JIT, 0.25 ms interpreted (no JIT, or
 * (*NO_JIT) in the pattern), whatever its length (up to 20,000 bytes
 * tried).  Searching 100,000 names takes 0.02-0.07 s for ordinary
 * patterns; 100,000 names made to sit just under the limits (aaaaaaaaab
 * against (a+)+$) take 13 s with JIT, 28 s interpreted, so the explorer
 * shows progress and stops at a key, and keeps the answers (0.5 ms for
 * the 100,000 afterwards).
 */
#define CR_MATCH_LIMIT		10000
#define CR_MATCH_DEPTH		5000
#define CR_MATCH_STEPS		10000

/* PCRE2 gave up on the pattern (a limit): cr_match_costly() says why. */
#define CR_MATCH_COSTLY		(-1)
/* cr_match_scan's stop function asked it to stop. */
#define CR_MATCH_STOPPED	(-2)

/* NULL and *cause (with PCRE2's message and offset) on a bad pattern. */
struct cr_match	*cr_match_new(const char *pattern, char **cause);
void		 cr_match_free(struct cr_match *);
/*
 * Match with PCRE2's JIT (the default, where PCRE2 has it) or its
 * interpreter; 1 when JIT is in use.  For tests and measurements.
 */
int		 cr_match_jit(struct cr_match *, int on);
/*
 * 1 when the text matches, 0 when it does not, CR_MATCH_COSTLY when
 * PCRE2 gave up; from then on the pattern matches nothing.
 */
int		 cr_match_text(struct cr_match *, const char *);
/*
 * 1 when any searchable field of the entity matches; 0 when none does
 * or the pattern is too costly (cr_match_costly() is then set).  The
 * answer is kept: asking again costs nothing.
 */
int		 cr_match_entity(struct cr_match *, const struct cr_model *,
		    int entity);
/*
 * Answer for every entity, calling stop (when not NULL) before each
 * with how many are done and the total: 0 when all are answered,
 * CR_MATCH_COSTLY, or CR_MATCH_STOPPED when stop returned nonzero.
 */
int		 cr_match_scan(struct cr_match *, const struct cr_model *,
		    int (*stop)(void *, size_t, size_t), void *);
/* Why PCRE2 gave up, for a message ("the pattern is too costly: ..."). */
const char	*cr_match_costly(const struct cr_match *);
/*
 * Resolve a user's city argument to one entity.  Returns the entity, or
 * -1 with *cause naming the candidates (ambiguous), every entity
 * (unknown), or why the pattern is too costly.
 */
int		 cr_match_city(const struct cr_model *, const char *query,
		    char **cause);

#endif
