/*
 * The data behind a scatter plot: two measures per city (any node's
 * score or any numeric context variable), the least-squares line, the
 * correlations, and each city's residual: ahead of (above) or behind
 * (below) what X predicts.  Shared by 'cityrank scatter' and the
 * explorer's scatter view.
 */
#ifndef CR_SCATTER_H
#define CR_SCATTER_H

#include <stddef.h>

#include "stats.h"

struct session;
struct cr_plot_point;

/* A measure: a node's score (node >= 0) or a context variable. */
struct axis {
	int	node;
	int	ctx;
};

int	 axis_parse(const struct session *, const char *code, struct axis *,
	    char **cause);
/* The default axes: per-capita GDP (if the data has it) and the index. */
void	 axis_defaults(const struct session *, struct axis *x, struct axis *y);
const char *axis_code(const struct session *, const struct axis *);
/* "人均GDP 2018" style title in the session's language, and the unit. */
const char *axis_title(const struct session *, const struct axis *);
const char *axis_unit(const struct session *, const struct axis *);
/* Step to the next (dir 1) or previous measure, nodes then variables. */
void	 axis_cycle(const struct session *, struct axis *, int dir);

#define SCATTER_HIGHLIGHT	3	/* largest residuals highlighted */

struct scatter {
	size_t		 n;		/* entities */
	double		*x, *y;		/* NAN when missing */
	unsigned char	*derived;	/* x or y not published or official */
	unsigned char	*highlight;	/* among the largest |residuals| */
	struct cr_fit	 fit;
	int		 have_fit;
	double		 pearson, spearman;
	size_t		 n_pairs;
};

void	 scatter_compute(const struct session *, const struct axis *x,
	    const struct axis *y, struct scatter *);
/* Unit i's place on the line, NAN without one: made when asked. */
double	 scatter_fitted(const struct scatter *, size_t i);
/* Its residual, y - scatter_fitted(): ahead of the line when > 0. */
double	 scatter_resid(const struct scatter *, size_t i);
/*
 * Unit i as the plot draws it (plot.h): its values, its name in the
 * session's language, not official or among the largest residuals.
 */
void	 scatter_point(const struct session *, const struct scatter *,
	    size_t i, struct cr_plot_point *);
void	 scatter_free(struct scatter *);
/*
 * The fit and the correlations on one line, each statistic that has no
 * value replaced by why not ("undefined (no spread in y)").  brief: the
 * explorer's footer, two decimals and no n.  Malloc'd.
 */
char	*scatter_stats_text(const struct scatter *, int ascii, int brief);

#endif
