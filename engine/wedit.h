/*
 * Interactive weight editing for the explorer's weights view: steps of
 * a node's share within its parent, locks, resets to a baseline,
 * presets, and undo/redo.  Pure C: no ncurses, no SQLite.
 *
 * Only weights are edited and recorded; methods (normalisation,
 * aggregation) and locks are not part of the history.  An edit that
 * changes nothing records nothing.  On -1, *cause is malloc'd (caller
 * frees) and nothing changes.
 */
#ifndef CR_WEDIT_H
#define CR_WEDIT_H

#include <stddef.h>

#include "model.h"
#include "score.h"

/* Actions kept for undo; the oldest is dropped beyond this. */
#define CR_WEDIT_HISTORY	200

struct cr_wedit;

/*
 * Edits sc in place.  Neither sc nor base is owned; both must outlive
 * the editor.  base is the baseline for resets (NULL: the model's
 * default weights).
 */
struct cr_wedit	*cr_wedit_new(const struct cr_model *, struct cr_scenario *sc,
		    const struct cr_scenario *base);
void		 cr_wedit_free(struct cr_wedit *);

/* The node's share of its siblings' total weight, 0-100; root is 100. */
double		 cr_wedit_pct(const struct cr_wedit *, int node);

/*
 * Raise or lower the node's share within its parent by delta_pct
 * percentage points, clamped to [0, 100 - the locked siblings' share].
 * Unlocked siblings absorb the opposite change in proportion to their
 * weights (equally when all are zero); locked ones keep their share.
 * The whole sibling group is then written back as shares summing to 1.
 * 0 on success, also when clamping left nothing to change (then no
 * history entry; cr_wedit_undo_depth() tells); then call
 * cr_score_weight_changed() with this node.  -1 on an error.
 */
int		 cr_wedit_step(struct cr_wedit *, int node, double delta_pct,
		    char **cause);

/* Locks live in sc->locked[]; they only constrain cr_wedit_step(). */
void		 cr_wedit_lock(struct cr_wedit *, int node, int on);
int		 cr_wedit_locked(const struct cr_wedit *, int node);

/*
 * Back to the baseline weights: the node's sibling group, or every
 * group.  One undoable action each; locks are ignored.  Groups whose
 * shares already equal the baseline's are left alone.  0 when weights
 * changed, 1 when nothing did (the root has no group), -1 for a node
 * out of range.
 */
int		 cr_wedit_reset_node(struct cr_wedit *, int node);
int		 cr_wedit_reset_all(struct cr_wedit *);

/*
 * Replace every weight by the preset's (its methods are not applied).
 * One undoable action; locks are ignored.  0 when weights changed, 1
 * when they already were the preset's, -1 when the preset fails
 * cr_scenario_check().
 */
int		 cr_wedit_apply_preset(struct cr_wedit *,
		    const struct cr_scenario *preset, char **cause);

/*
 * 0 and *node_changed set, or 1 when there is nothing to undo/redo.
 * *node_changed is a node of the one sibling group that changed (pass
 * it to cr_score_weight_changed()), or -1 when several groups changed
 * (re-score everything).  node_changed may be NULL.
 */
int		 cr_wedit_undo(struct cr_wedit *, int *node_changed);
int		 cr_wedit_redo(struct cr_wedit *, int *node_changed);
size_t		 cr_wedit_undo_depth(const struct cr_wedit *);
size_t		 cr_wedit_redo_depth(const struct cr_wedit *);

#endif
