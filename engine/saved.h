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
/*
 * The text format's version (see doc/scenarios.md): 2 has the methods'
 * parameters, [normalize] and [aggregate].  A scenario that format 1
 * can hold is written as 1, which any cityrank reads.
 */
#define CR_SAVED_FORMAT		2
/* The deepest depth a scenario may give an aggregation of its own. */
#define CR_SAVED_DEPTH_MAX	1000

/* A leaf's own normalisation, by the leaf's code. */
struct cr_saved_leaf {
	char			*code;
	struct cr_norm_spec	 norm;
};

/* A depth's own aggregation. */
struct cr_saved_level {
	int			 depth;
	struct cr_agg_spec	 agg;
};

struct cr_saved {
	char		*name;		/* "" for the unnamed last state */
	char		*note;		/* may be "" */
	char		*dataset;	/* the data set's hash, hex */
	char		*title;		/* the data set's title, for people */
	char		*period;	/* "" when the data set has none */
	enum cr_norm	 norm;
	double		 norm_lo, norm_hi;
	enum cr_agg	 agg;
	struct cr_norm_par norm_par;	/* as a cr_scenario's */
	double		 agg_p;
	size_t		 n_leaf;	/* leaves' own, in the order given */
	struct cr_saved_leaf *leaf;
	size_t		 n_level;	/* depths' own, in the order given */
	struct cr_saved_level *level;
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
/*
 * A leaf's own normalisation, or a depth's own aggregation: -1 with
 * *cause for a repeated or bad code or depth, or a spec that is not
 * valid (cr_norm_spec_valid, cr_agg_spec_valid).
 */
int		 cr_saved_add_leaf(struct cr_saved *, const char *code,
		    const struct cr_norm_spec *, char **cause);
int		 cr_saved_add_level(struct cr_saved *, int depth,
		    const struct cr_agg_spec *, char **cause);
/* Drop the leaves' and depths' own methods. */
void		 cr_saved_clear_own(struct cr_saved *);
/* The global methods as specs (ref borrowed), and set from them. */
void		 cr_saved_norm(const struct cr_saved *, struct cr_norm_spec *);
void		 cr_saved_agg(const struct cr_saved *, struct cr_agg_spec *);
void		 cr_saved_set_norm(struct cr_saved *,
		    const struct cr_norm_spec *);
void		 cr_saved_set_agg(struct cr_saved *,
		    const struct cr_agg_spec *);
/* 1 when format 1 and the store's first schema can hold it. */
int		 cr_saved_v1(const struct cr_saved *);
/*
 * The leaves' and depths' own methods as one line each,
 * "CODE=METHOD,CODE=METHOD" and "DEPTH=METHOD,...", "" for none; and
 * read back (all or nothing, added to those s has).
 */
char		*cr_saved_leaves_text(const struct cr_saved *);
char		*cr_saved_levels_text(const struct cr_saved *);
int		 cr_saved_parse_leaves(struct cr_saved *, const char *,
		    char **cause);
int		 cr_saved_parse_levels(struct cr_saved *, const char *,
		    char **cause);
/* Replace a string field (one of the struct's char * members). */
void		 cr_saved_set(char **field, const char *value);
/*
 * A name a user may give: 1 to CR_SAVED_NAME_MAX bytes of valid UTF-8,
 * no control characters, not only spaces.  -1 and *cause otherwise.
 */
int		 cr_saved_check_name(const char *name, char **cause);

#endif
