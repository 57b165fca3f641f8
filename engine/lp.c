/*
 * GLPK behind engine/lp.h.  Columns and rows are numbered from 0 here
 * and from 1 in GLPK.
 */
#include "config.h"

#include <glpk.h>
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "lp.h"
#include "xmalloc.h"

struct cr_lp {
	glp_prob	*p;
	int		 mip;
	enum cr_lp_status status;
	double		 gap;
	int		*ind;		/* row scratch, 1-based */
	double		*val;
	size_t		 cap;
};

/* Nothing GLPK would print reaches the terminal. */
static int
quiet(void *info, const char *s)
{
	(void)info;
	(void)s;
	return 1;
}

struct cr_lp *
cr_lp_new(int maximise)
{
	struct cr_lp	*lp = xcalloc(1, sizeof(*lp));

	glp_term_out(GLP_OFF);
	glp_term_hook(quiet, NULL);
	lp->p = glp_create_prob();
	glp_set_obj_dir(lp->p, maximise ? GLP_MAX : GLP_MIN);
	return lp;
}

void
cr_lp_free(struct cr_lp *lp)
{
	if (lp == NULL)
		return;
	glp_delete_prob(lp->p);
	glp_free_env();
	free(lp->ind);
	free(lp->val);
	free(lp);
}

static int
bound_type(double lo, double hi)
{
	if (isinf(lo) && isinf(hi))
		return GLP_FR;
	if (isinf(hi))
		return GLP_LO;
	if (isinf(lo))
		return GLP_UP;
	return lo == hi ? GLP_FX : GLP_DB;
}

int
cr_lp_col(struct cr_lp *lp, double lo, double hi, double cost, int integer)
{
	int	 j = glp_add_cols(lp->p, 1);

	glp_set_col_bnds(lp->p, j, bound_type(lo, hi), isinf(lo) ? 0 : lo,
	    isinf(hi) ? 0 : hi);
	glp_set_obj_coef(lp->p, j, cost);
	if (integer) {
		glp_set_col_kind(lp->p, j, lo >= 0 && hi <= 1 ? GLP_BV :
		    GLP_IV);
		lp->mip = 1;
	}
	return j - 1;
}

void
cr_lp_row(struct cr_lp *lp, double lo, double hi, size_t n, const int *cols,
    const double *vals)
{
	size_t	 k;
	int	 i = glp_add_rows(lp->p, 1);

	if (n + 1 > lp->cap) {
		lp->cap = n + 1;
		lp->ind = xreallocarray(lp->ind, lp->cap, sizeof(*lp->ind));
		lp->val = xreallocarray(lp->val, lp->cap, sizeof(*lp->val));
	}
	for (k = 0; k < n; k++) {
		lp->ind[k + 1] = cols[k] + 1;
		lp->val[k + 1] = vals[k];
	}
	glp_set_row_bnds(lp->p, i, bound_type(lo, hi), isinf(lo) ? 0 : lo,
	    isinf(hi) ? 0 : hi);
	glp_set_mat_row(lp->p, i, (int)n, lp->ind, lp->val);
}

static int
millis(double seconds)
{
	if (!(seconds > 0) || seconds * 1000 >= INT_MAX)
		return INT_MAX;
	return (int)ceil(seconds * 1000);
}

static enum cr_lp_status
solve_lp(struct cr_lp *lp, double seconds)
{
	glp_smcp	 parm;
	int		 rc;

	glp_init_smcp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	parm.presolve = GLP_ON;
	parm.tm_lim = millis(seconds);
	rc = glp_simplex(lp->p, &parm);
	if (rc == GLP_ENOPFS)
		return CR_LP_INFEASIBLE;
	if (rc == GLP_ETMLIM)
		return CR_LP_UNKNOWN;
	if (rc != 0)
		return CR_LP_FAILED;
	switch (glp_get_status(lp->p)) {
	case GLP_OPT:
		return CR_LP_OPTIMAL;
	case GLP_NOFEAS:
		return CR_LP_INFEASIBLE;
	default:
		return CR_LP_FAILED;
	}
}

/* The gap as the search goes, for a search the time limit stops. */
static void
watch(glp_tree *t, void *info)
{
	struct cr_lp	*lp = info;

	switch (glp_ios_reason(t)) {
	case GLP_IBINGO:
	case GLP_ISELECT:
		lp->gap = glp_ios_mip_gap(t);
		break;
	default:
		break;
	}
}

static enum cr_lp_status
solve_mip(struct cr_lp *lp, double seconds)
{
	glp_iocp	 parm;
	int		 rc;

	glp_init_iocp(&parm);
	parm.msg_lev = GLP_MSG_OFF;
	parm.presolve = GLP_ON;
	parm.tm_lim = millis(seconds);
	parm.cb_func = watch;
	parm.cb_info = lp;
	lp->gap = INFINITY;
	rc = glp_intopt(lp->p, &parm);
	if (rc == GLP_ENOPFS)
		return CR_LP_INFEASIBLE;
	if (rc != 0 && rc != GLP_ETMLIM)
		return CR_LP_FAILED;
	switch (glp_mip_status(lp->p)) {
	case GLP_OPT:
		lp->gap = 0;
		return CR_LP_OPTIMAL;
	case GLP_FEAS:
		return CR_LP_FEASIBLE;
	case GLP_NOFEAS:
		return CR_LP_INFEASIBLE;
	default:
		return rc == GLP_ETMLIM ? CR_LP_UNKNOWN : CR_LP_FAILED;
	}
}

enum cr_lp_status
cr_lp_solve(struct cr_lp *lp, double seconds)
{
	lp->gap = 0;
	lp->status = lp->mip ? solve_mip(lp, seconds) : solve_lp(lp, seconds);
	return lp->status;
}

double
cr_lp_value(const struct cr_lp *lp, int col)
{
	if (lp->mip)
		return glp_mip_col_val(lp->p, col + 1);
	return glp_get_col_prim(lp->p, col + 1);
}

double
cr_lp_objective(const struct cr_lp *lp)
{
	return lp->mip ? glp_mip_obj_val(lp->p) : glp_get_obj_val(lp->p);
}

double
cr_lp_gap(const struct cr_lp *lp)
{
	return lp->gap;
}

const char *
cr_lp_status_name(enum cr_lp_status st)
{
	static const char *const names[] = {
		"optimal", "feasible", "infeasible", "unknown", "failed"
	};

	return (unsigned)st < sizeof names / sizeof names[0] ? names[st] :
	    "?";
}

const char *
cr_lp_version(void)
{
	return (glp_version());
}
