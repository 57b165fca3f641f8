/*
 * The ranked node's score of each entity as an affine function of the
 * scores of some "marked" nodes beneath it, the weights of every other
 * node held fixed.  Both the stability intervals (stability.h) and the
 * target solver (target.h) move the weights of one or more sibling
 * groups: a group's parent is marked, and what its weights do to the
 * ranking goes up through its ancestors by this map.  Pure C.
 *
 * Scores are on the scale ranks are compared on: the score itself for
 * arithmetic aggregation, its logarithm for geometric (T below).  At an
 * ancestor a, T(S_a) is the weighted mean of T(S_c) over its used
 * children c (weight > 0 and a score), so
 *
 *	T(S_by) = konst + sum over marked g of beta[g] T(S_g)
 *
 * with beta[g] the product of the normalised weights on the path from g
 * up to by, and konst the rest.  The used children of a node depend on
 * which marked nodes have a score: the caller says (present[]), and a
 * node holding a marked node beneath has a score when one of its used
 * children has.  Every other node's score is read from the cr_score()
 * result, which must be of the same model and scenario.
 */
#ifndef CR_AFFINE_H
#define CR_AFFINE_H

#include <stddef.h>

#include "model.h"
#include "score.h"

enum cr_aff_kind {
	CR_AFF_FN,		/* konst + sum beta[g] T(S_g) */
	CR_AFF_NEGINF,		/* geometric: a used score of 0 makes it 0 */
	CR_AFF_MISSING		/* no score at by */
};

struct cr_affine {
	const struct cr_model	*m;
	const struct cr_scenario *sc;
	const struct cr_scores	*s;
	int			 by;
	int			 geom;
	size_t			 n_groups;
	int			*group;		/* n_nodes: marked index or -1 */
	unsigned char		*below;		/* n_nodes: marked at or below */
};

/* marked[]: n node ids, each at or below by and none below another. */
void		 cr_affine_init(struct cr_affine *, const struct cr_model *,
		    const struct cr_scenario *, const struct cr_scores *,
		    int by, const int *marked, size_t n);
void		 cr_affine_clear(struct cr_affine *);
/* T(): the score, or its logarithm (-inf for 0) under geometric. */
double		 cr_affine_t(const struct cr_affine *, double score);
/*
 * One entity: beta[n_groups] and *konst filled (beta 0 for a marked node
 * that does not reach by, e.g. beneath a zero weight).  present[g] says
 * whether marked node g has a score for it (NULL: all have).
 */
enum cr_aff_kind cr_affine_unit(const struct cr_affine *, int entity,
		    const unsigned char *present, double *beta, double *konst);

#endif
