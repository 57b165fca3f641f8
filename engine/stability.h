/*
 * Weight stability intervals and rank-flip distances: how far one
 * weight can move before the ranking changes.  Pure C: no ncurses, no
 * SQLite, no I/O; closed form, nothing re-scored.
 *
 * One weight moves at a time, the way the explorer's weights view
 * steps it: child d's share of its parent p goes from its current s_d
 * to t, and every sibling keeps its proportion of the rest, its share
 * becoming s_j (1 - t) / (1 - s_d) (as compare.h's swap).  The ranking
 * is at the ranked node by (the index unless the session ranks by
 * another); p must be by or beneath it, else the weight does not move
 * the ranking at all.
 *
 * In the scale ranks are compared on (the score, or its log under a
 * geometric mean; affine.h), p's score for an entity is
 *
 *	T(S_p)(t) = (t T(x_d) + (1 - t) A) / (t + (1 - t) B)
 *
 * with x_d its score for d, A and B the weighted sum of T() of its
 * other used children and their weight, each over the weight of all
 * siblings of d (B = 1 when it has a score for all of them; then the
 * denominator is 1 and T(S_p) is affine in t).  When it lacks a score
 * for d, T(S_p) is the constant A / B.  Up through the ancestors,
 * T(S_by) = konst + beta T(S_p) with the other weights fixed
 * (affine.h), so every entity's T(S_by) is a ratio of affine functions
 * with a positive denominator on 0 < t < 1, and two entities tie where
 * a quadratic vanishes: each pair crosses at most twice (once when
 * neither lacks a score).  Under a geometric mean, a used score of 0
 * makes an entity's T(S_by) -inf over the whole open interval: it ties
 * with every other such entity and is below the rest.
 *
 * This is exact (to rounding) for both aggregations and with missing
 * children, over shares 0 < t < 1.  The ends are left out: at t = 0
 * the child is dropped (weight 0) and at t = 1 its siblings are, which
 * under a geometric mean with a score of 0 is a jump, not a limit.
 *
 * Relations at the current share are those of the cr_score() result
 * (so ties are exactly the engine's: rank = 1 + the entities with a
 * strictly higher score); the closed form gives where they change.  A
 * rank can change at a point where two pairs cross at once in opposite
 * directions and back; such coincidences are counted as changes.
 */
#ifndef CR_STABILITY_H
#define CR_STABILITY_H

#include <stddef.h>

#include "model.h"
#include "progress.h"
#include "score.h"

/*
 * The weights that move the ranking at by: every node whose parent is
 * by or beneath it and has another child.  Writes up to n_nodes ids to
 * nodes[] in tree order; returns the count.
 */
size_t	cr_stab_weights(const struct cr_model *, int by, int *nodes);

/*
 * One weight's intervals, shares as fractions 0-1.  The whole ranking
 * is the same for every share strictly between lo and hi; at lo the
 * entities lo_a and lo_b tie (lo_a ranked above lo_b now), and so at
 * hi; -1 when the end is 0 or 1 with no change before it.  lo == hi ==
 * share when a tie now is broken by any change.  With a unit, the same
 * for that unit's rank: unit_lo_by and unit_hi_by are the entities
 * whose crossing changes it (or -1).
 *
 * movable is 0 when the weight cannot move the ranking (its parent not
 * at or beneath by, or it is an only child, or its share is 1: the
 * siblings have nothing to scale); the intervals are then 0 to 1.
 */
struct cr_stab {
	int	 node;
	int	 movable;
	double	 share;
	double	 lo, hi;
	int	 lo_a, lo_b, hi_a, hi_b;
	int	 unit;			/* -1: none asked */
	int	 rank;			/* the unit's rank now, 0 missing */
	double	 unit_lo, unit_hi;
	int	 unit_lo_by, unit_hi_by;
};

/*
 * 0 on success; -1 and *cause for a node or unit out of range, or
 * scores that do not fit the model.  unit is -1 for none.
 */
int	cr_stab_interval(const struct cr_model *, const struct cr_scenario *,
	    const struct cr_scores *, int by, int node, int unit,
	    struct cr_stab *out, char **cause);

/*
 * The same, asking stop(arg) every few thousand units whether to give
 * up (an explorer with a key waiting): 1 when it did, *out then no
 * answer.  stop may be NULL.
 */
int	cr_stab_interval_until(const struct cr_model *,
	    const struct cr_scenario *, const struct cr_scores *, int by,
	    int node, int unit, int (*stop)(void *), void *arg,
	    struct cr_stab *out, char **cause);

/*
 * The same for one weight and every unit at once, the weight's work
 * done once: out[e] (n_entities) has the ranking's interval and unit
 * e's.
 */
int	cr_stab_units(const struct cr_model *, const struct cr_scenario *,
	    const struct cr_scores *, int by, int node, struct cr_stab *out,
	    char **cause);

/*
 * Rank-flip distances: over every weight that moves the ranking, the
 * smallest single-weight change (as above) that moves the unit up at
 * least one place, and the one that moves it down.  to is the share at
 * which the change happens (the unit ties `other` there: moving up it
 * shares the better rank at to, moving down it falls just past it);
 * rank_to is its rank just past to.  found is 0 when no single weight
 * can (the unit is first or last, or no crossing lies within 0 < t < 1).
 */
struct cr_flip {
	int	 found;
	int	 node;
	double	 from, to;
	int	 rank_from, rank_to;
	int	 other;
};

/*
 * The same, for every entity at once: up[] and down[] are n_entities.
 * Every unit meets every other under every weight: the time grows as
 * the square of the units (doc/target.md), so progress, when given,
 * hears of each unit done under each weight.
 */
int	cr_flips_all(const struct cr_model *, const struct cr_scenario *,
	    const struct cr_scores *, int by, struct cr_flip *up,
	    struct cr_flip *down, cr_progress_fn progress, void *arg,
	    char **cause);
/* One unit. */
int	cr_flips(const struct cr_model *, const struct cr_scenario *,
	    const struct cr_scores *, int by, int unit, struct cr_flip *up,
	    struct cr_flip *down, char **cause);

#endif
