/*
 * A linear or mixed-integer programme, solved by GLPK (simplex, and
 * branch-and-cut when a column is integer) through its C API.  The one
 * file that includes glpk.h: GLPK prints nothing (its terminal output is
 * off and hooked), and its results come back as numbers.
 *
 * One programme at a time per thread: cr_lp_free() releases GLPK's
 * environment as well, so that nothing of it outlives a solve.
 */
#ifndef CR_LP_H
#define CR_LP_H

#include <stddef.h>

struct cr_lp;

enum cr_lp_status {
	CR_LP_OPTIMAL,		/* proven optimal */
	CR_LP_FEASIBLE,		/* a solution, not proven: see gap */
	CR_LP_INFEASIBLE,	/* proven to have none */
	CR_LP_UNKNOWN,		/* the time ran out with none found */
	CR_LP_FAILED		/* the solver failed (numerics) */
};

struct cr_lp	*cr_lp_new(int maximise);
void		 cr_lp_free(struct cr_lp *);
/* A column: lo <= x <= hi (+-INFINITY for none), its cost; its index. */
int		 cr_lp_col(struct cr_lp *, double lo, double hi, double cost,
		    int integer);
/* A row: lo <= sum vals[i] x[cols[i]] <= hi. */
void		 cr_lp_row(struct cr_lp *, double lo, double hi, size_t n,
		    const int *cols, const double *vals);
/* Solve within a time limit in seconds; the status. */
enum cr_lp_status cr_lp_solve(struct cr_lp *, double seconds);
double		 cr_lp_value(const struct cr_lp *, int col);
double		 cr_lp_objective(const struct cr_lp *);
/* The relative gap of a FEASIBLE MIP's solution (0 when optimal). */
double		 cr_lp_gap(const struct cr_lp *);
const char	*cr_lp_status_name(enum cr_lp_status);

/* The version of the solver library loaded (GLPK's), for --version. */
const char	*cr_lp_version(void);

#endif
