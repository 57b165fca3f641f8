/*
 * Internal to the uncertainty and sensitivity analyses (mc.c,
 * mc_eval.c, perturb.c, sobol.c, mcpart.c): the prepared run, and one
 * thread's workspace for scoring samples.
 */
#ifndef CR_MC_PRIV_H
#define CR_MC_PRIV_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include <gsl/gsl_rng.h>

#include "mc.h"

/* Random streams: each analysis draws from its own. */
enum cr_stream { CR_STREAM_MC = 1, CR_STREAM_SOBOL, CR_STREAM_BOOT };

struct cr_mc {
	const struct cr_model	*m;
	struct cr_mc_spec	 spec;
	struct cr_scenario	*base;
	size_t			 ne;
	struct cr_factor	*factor;
	size_t			 n_factors;
	size_t			 n_wfactors;	/* weights, the first ones */
	int			*group;		/* parents of varied weights */
	size_t			 n_groups;
	size_t			 max_children;
	enum cr_norm		 norm[CR_NORM_COUNT];
	size_t			 n_norm;
	enum cr_agg		 agg[CR_AGG_COUNT];
	size_t			 n_agg;
	unsigned char		*vary;		/* n_nodes: scored per sample */
	int			*order;		/* those, children first */
	size_t			 n_order;
	/*
	 * The rows that stay fixed, per method pair (norm * n_agg + agg):
	 * row[pair * n_nodes + node], n_entities scores, NULL where the
	 * node varies or is not read.  A leaf's row does not depend on the
	 * aggregation: pairs after the first share it (owned says which).
	 */
	double			**row;
	unsigned char		*owned;
	double			*nominal_score;
	int			*nominal_rank;
	atomic_size_t		*done;
};

/* One thread's sample: its weights, methods and aggregates. */
struct mc_ws {
	size_t		 n_nodes;
	double		*w;		/* n_nodes weights */
	double		**val;		/* n_nodes: a row for each varied node */
	double		*sum, *wsum;
	unsigned char	*zero;
	double		*u;		/* n_factors uniforms */
	double		*alpha, *theta;	/* a Dirichlet group's */
	size_t		 norm, agg;	/* indices into the sets */
	gsl_rng		*r;
	/* A block's draws, kept to score them unit chunk by chunk. */
	double		*bw;		/* CR_MC_BLOCK * n_nodes */
	size_t		*bnorm, *bagg;
};

void	 mc_ws_init(const struct cr_mc *, struct mc_ws *);
void	 mc_ws_free(struct mc_ws *);
/* The seed of a block of a stream: distinct blocks, distinct seeds. */
unsigned long mc_block_seed(uint64_t seed, enum cr_stream, uint64_t block);
/* The factors from the spec (perturb.c); -1 when none. */
int	 mc_factors(struct cr_mc *, char **cause);
/* Draw sample weights and methods into ws (the spec's distribution). */
void	 mc_draw(const struct cr_mc *, struct mc_ws *);
/* Weights and methods from n_factors uniforms in [0, 1) (ws->u). */
void	 mc_apply_u(const struct cr_mc *, struct mc_ws *);
/* Fixed rows for every method pair (mc_eval.c); -1 when one fails. */
int	 mc_prepare(struct cr_mc *, char **cause);
void	 mc_rows_free(struct cr_mc *);
/* Score the sample in ws: the analysed node's row of scores. */
const double *mc_eval(const struct cr_mc *, struct mc_ws *);
/* The same for units [e0, e1) only (the row is read there). */
const double *mc_eval_range(const struct cr_mc *, struct mc_ws *,
	    size_t e0, size_t e1);
/*
 * Units scored together for a block of samples: their leaf rows (here
 * 256 x 200 leaves, 400 kB) stay in cache across the block's samples
 * instead of streaming every row from memory once a sample.
 */
#define MC_CHUNK	256
/* Mean |rank - nominal rank| over units ranked in both. */
double	 mc_rank_change(const struct cr_mc *, const int *rank);

#endif
