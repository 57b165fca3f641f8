/*
 * A saved scenario, as it is stored and shared: weights by node code
 * (not index, so it survives a change of framework), the methods, the
 * period and the identity of the data set it was made on.  It knows no
 * model: the session turns it into a cr_scenario and back.  Pure C.
 */
#ifndef CR_SAVED_H
#define CR_SAVED_H

#include <stddef.h>

#include "score.h"

/* A name is at most this many bytes of UTF-8, without control codes. */
#define CR_SAVED_NAME_MAX	200
/* A note is at most this many bytes. */
#define CR_SAVED_NOTE_MAX	4000
/* The text format's version (see doc/scenarios.md). */
#define CR_SAVED_FORMAT		1

struct cr_saved {
	char		*name;		/* "" for the unnamed last state */
	char		*note;		/* may be "" */
	char		*dataset;	/* the data set's hash, hex */
	char		*title;		/* the data set's title, for people */
	char		*period;	/* "" when the data set has none */
	enum cr_norm	 norm;
	double		 norm_lo, norm_hi;
	enum cr_agg	 agg;
	size_t		 n;		/* weights, in framework order */
	char		**code;		/* n node codes, unique */
	double		*weight;	/* n, finite, 0 to CR_WEIGHT_MAX */
	char		*modified;	/* when last saved, ISO 8601 UTC; "" */
	/* --- preparation (issue 13): start --- */
	/*
	 * The data prepared another way than the data set's own recipe:
	 * its line (engine/prepare.h), "none" for no step; "" keeps the
	 * data set's own.
	 */
	char		*recipe;
	/* --- preparation: end --- */
};

/* Every string "" and no weights. */
struct cr_saved	*cr_saved_new(void);
struct cr_saved	*cr_saved_copy(const struct cr_saved *);
void		 cr_saved_free(struct cr_saved *);
/* Append one weight; -1 with *cause for a repeated code or bad value. */
int		 cr_saved_add(struct cr_saved *, const char *code, double w,
		    char **cause);
/* Replace a string field (one of the struct's char * members). */
void		 cr_saved_set(char **field, const char *value);
/*
 * A name a user may give: 1 to CR_SAVED_NAME_MAX bytes of valid UTF-8,
 * no control characters, not only spaces.  -1 and *cause otherwise.
 */
int		 cr_saved_check_name(const char *name, char **cause);

#endif
