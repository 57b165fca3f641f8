/*
 * A city's profile: the nodes where it does best and worst relative to
 * the other entities.  Pure C: no ncurses, no SQLite.
 */
#ifndef CR_PROFILE_H
#define CR_PROFILE_H

#include "model.h"
#include "score.h"

/*
 * Every node except the root, leaves and aggregates alike, is placed by
 * the entity's rank there (1 = best) as p = (rank - 1) / (n_ranked - 1),
 * 0 best and 1 worst, n_ranked being the entities with a score at that
 * node.  Nodes where the entity's score is missing, or where fewer than
 * two entities are ranked, are skipped.
 *
 * strong gets up to k nodes with the smallest p, weak up to k with the
 * largest; equal p keeps node order (parents first) in both.  The two
 * lists are independent, so they share nodes when fewer than 2k nodes
 * qualify.  Either list may be NULL along with its count.  0, or -1
 * (counts set to 0) when the entity is out of range, k < 0, or the
 * scores do not belong to the model.  A leaf's rank is counted when
 * its column is not ranked (score.h): O(n_nodes x n_entities), and
 * nothing is kept.
 */
int	cr_profile(const struct cr_model *, const struct cr_scores *,
	    int entity, int k, int *strong, int *weak, int *nstrong,
	    int *nweak);
/*
 * The same, asking stop(arg) before each node whether to give up (an
 * explorer with a key waiting, at 100,000 units): 1 when it did, the
 * lists then empty.
 */
int	cr_profile_until(const struct cr_model *, const struct cr_scores *,
	    int entity, int k, int *strong, int *weak, int *nstrong,
	    int *nweak, int (*stop)(void *), void *arg);

#endif
