/*
 * What a node's scores have to do with the index's: the question a
 * planner asks of a heavy weight that barely moves the ranking (COINr's
 * get_corr).  Pure C: no ncurses, no SQLite.
 */
#ifndef CR_CORR_H
#define CR_CORR_H

#include "model.h"
#include "score.h"

/*
 * Pearson's r of the node's scores with the root's (*r_index) and with
 * its parent's (*r_parent), across the units with both.  NAN where it
 * is undefined: the root has no parent, a node may have no spread,
 * fewer than two units may have both (stats.h).  Scores, not weights:
 * the answer changes with every change of weights or methods.
 * O(n_entities).
 */
void	cr_node_corr(const struct cr_model *, const struct cr_scores *,
	    int node, double *r_index, double *r_parent);

/*
 * The same for many nodes of one result: the index's scores are read
 * once, and a parent's kept for its next child (nodes parents-first
 * and depth-first share parents).  The scores must not change while
 * it is in use.
 */
struct cr_corr;

struct cr_corr	*cr_corr_new(const struct cr_model *, const struct cr_scores *);
void		 cr_corr_node(struct cr_corr *, int node, double *r_index,
		    double *r_parent);
/*
 * The same, asking stop(arg) every few thousand units whether to give
 * up (an explorer with a key waiting): 1 when it did, and no answer.
 */
int		 cr_corr_node_until(struct cr_corr *, int node,
		    int (*stop)(void *), void *arg, double *r_index,
		    double *r_parent);
void		 cr_corr_free(struct cr_corr *);

#endif
