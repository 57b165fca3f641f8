/*
 * Comparing two entities at one aggregate node: where the gap between
 * their scores comes from, and the smallest change of one weight that
 * would reverse their order.  Pure C: no ncurses, no SQLite.
 *
 * Both functions read scores from a successful cr_score() with the same
 * model and scenario (sc->agg decides the formulas; the normalisation
 * is already in the children's scores).  Nothing is re-scored and the
 * scenario is never changed.  "Used" children of an entity are those
 * with a weight > 0 and a score: exactly the ones cr_score() averaged.
 * Shares are a child's weight divided by the sum of its siblings'.
 */
#ifndef CR_COMPARE_H
#define CR_COMPARE_H

#include <stddef.h>

#include "model.h"
#include "score.h"

/*
 * Gap decomposition.  The gap is score_a - score_b at the node, and
 * contrib[i] is the part of it owed to child[i]; the contributions add
 * up to the gap to rounding.  w~a_c is child c's weight divided by the
 * weight of a's used children (0 when c is not used by a); w~b_c the
 * same for b.
 *
 * Arithmetic: contrib_c = w~a_c s_a,c - w~b_c s_b,c.  When a and b use
 * the same children, w~a = w~b and this is w~_c (s_a,c - s_b,c): the
 * child's weight times the difference.  When the sets differ (a score
 * is missing for one of them) the terms mix levels with differences;
 * they still add up but approx is set.
 *
 * Geometric: the same terms on logarithms, L_c = w~a_c ln s_a,c -
 * w~b_c ln s_b,c, add up to ln S_a - ln S_b; each is multiplied by
 * gap / (ln S_a - ln S_b), the logarithmic mean of S_a and S_b, so that
 * they add up to the gap.  For a gap of 0 that factor is its limit,
 * S_a itself (the terms then add up to 0 and still say which child
 * favours whom).  approx is set when the sets differ, as above.
 *
 * Geometric with a used child scoring exactly 0: that entity's score is
 * 0 whatever its other children, so the gap is laid on its zero
 * children alone, in proportion to their weights; the others get 0.
 * When both entities have a zero, the gap is 0 and so is every
 * contribution.  approx is set in both cases.
 *
 * Harmonic: the terms on reciprocals, w~a_c / s_a,c - w~b_c / s_b,c, add
 * up to 1 / S_a - 1 / S_b = -gap / (S_a S_b): each is multiplied by
 * -S_a S_b, so they add up to the gap exactly.  Zeros as geometric.
 *
 * Power mean: the terms on s^p add up to S_a^p - S_b^p; each is
 * multiplied by gap / (S_a^p - S_b^p) (for a gap of 0 its limit,
 * 1 / (p S_a^(p-1))).  With p < 0, zeros as geometric.  A depth's own
 * aggregation is the node's: each node by its own.
 *
 * Copeland: the gap is a difference of counts of units beaten, which no
 * child owns a part of: undivided is set and every contribution is NAN.
 *
 * Children that are used by neither entity get 0.
 */
struct cr_gap {
	int	 node, ea, eb;
	double	 score_a, score_b;
	double	 gap;		/* score_a - score_b */
	size_t	 n;		/* children of the node */
	int	*child;		/* n node ids, in tree order */
	double	*contrib;	/* n, parallel to child */
	int	 approx;	/* see above */
	/* Copeland: the gap is a count of units, no child's; contrib NAN */
	int	 undivided;
};

/*
 * 0 on success; 1 when either score at the node is missing (gap and
 * every contribution are then NAN, child[] is filled); -1 for a node
 * out of range or a leaf, an entity out of range, or scores that do
 * not fit the model (out is then zeroed).  Release with cr_gap_clear().
 */
int	cr_compare_gap(const struct cr_model *, const struct cr_scenario *,
	    const struct cr_scores *, int node, int ea, int eb,
	    struct cr_gap *out);
/* Frees the arrays and zeroes *gap; safe on a zeroed or cleared one. */
void	cr_gap_clear(struct cr_gap *);

/*
 * "What would it take": the smallest change of ONE child's share that
 * reverses the order of ea and eb at the node.  Child d's share goes
 * from its current w_d to t in [0, 1] and every other child keeps its
 * proportion of the rest: its share becomes w_j (1 - t) / (1 - w_d).
 * Every child is a candidate, also one with weight 0 now; one whose
 * share is 1 is not (the others have nothing to scale), so a single
 * child never is.
 *
 * Arithmetic, both entities using the same children: the difference
 * D(t) = t Δ_d + (1 - t) R_d, with Δ_c = s_a,c - s_b,c and R_d =
 * sum over j != d of w_j Δ_j / (1 - w_d), is linear in t and the tie is
 * at t* = R_d / (R_d - Δ_d).  Geometric: the same on ln s.  When one
 * entity lacks a score for some child, each is still rescaled over its
 * own children, D(t) is a ratio of quadratics and t* the nearest root
 * of the quadratic; the computation is exact in both cases.
 *
 * A candidate counts only if the order is strictly reversed beyond t*
 * inside [0, 1]; a tie reached exactly at t = 0 or t = 1 is not a
 * reversal.  Geometric: a candidate whose own score or whose used
 * siblings' scores include a 0 for either entity is skipped (the mean
 * jumps to or from 0 rather than crossing).  The candidate with the
 * smallest |t* - w_d| wins; on equal changes the first in tree order.
 *
 * to is t*, where the two tie; to_beyond is t* moved 0.001 (0.1
 * percentage point) further from w_d, clamped to [0, 1], where the
 * order is reversed.  When the clamp would land on an end at which one
 * entity has no score left, or past a second crossing, to_beyond is
 * the midpoint instead.
 */
struct cr_swap {
	int		 found;
	int		 child;		/* node id, or -1 */
	double		 from;		/* w_d, its share now */
	double		 to;		/* t*: they tie */
	double		 to_beyond;	/* order reversed */
	double		 change;	/* |to - from| */
	const char	*reason;	/* static, or NULL */
};

/*
 * Reasons when found is 0, "A" being ea and "B" eb:
 *	"missing score"		either score at the node is missing
 *	"already tied"		the scores are equal
 *	"no single weight can: A is ahead or level on every child"
 *	"no single weight can: B is ahead or level on every child"
 *				the leader is behind on no child that both
 *				have a score for
 *	"no single weight can: the node has a single child"
 *	"no single weight can: a zero score in a geometric mean"
 *				candidates were skipped for a zero
 *	"no single weight can reverse the order"	otherwise
 * 0 on success (found or not); -1 for arguments as in cr_compare_gap(),
 * with *out then zeroed and child -1.
 */
int	cr_compare_swap(const struct cr_model *, const struct cr_scenario *,
	    const struct cr_scores *, int node, int ea, int eb,
	    struct cr_swap *out);

#endif
