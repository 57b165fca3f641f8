/*
 * What a figure drawn from the session's scores was worked out for:
 * the scenario (weights and methods), the period and the data.  A view
 * that keeps such a figure between frames (a correlation, a stability
 * interval, a unit's profile, a plot) keeps one of these beside it and
 * works the figure out again when it no longer matches.
 */
#ifndef SESSION_SCORES_KEY_H
#define SESSION_SCORES_KEY_H

#include "session.h"

struct scores_key {
	struct cr_scenario	*sc;		/* NULL: nothing kept yet */
	char			*period;
	unsigned		 data_gen;
};

/* 1 when the session's scores are still those the key was taken of. */
int	scores_key_same(const struct scores_key *, const struct session *);
/* Take the key of the session's scores now, in place of the old. */
void	scores_key_take(struct scores_key *, const struct session *);
void	scores_key_free(struct scores_key *);

#endif
