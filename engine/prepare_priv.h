/* What the steps of the preparation share; not for other modules. */
#ifndef CR_PREPARE_PRIV_H
#define CR_PREPARE_PRIV_H

#include <stddef.h>

#include "prepare.h"

struct prep {
	const struct cr_prep_spec *spec;
	struct cr_prep_table	*t;
	struct cr_prep_report	*r;
	/* Rows by period: rows[start[p] .. start[p + 1]). */
	size_t			*rows, *start;
	/*
	 * The values column by column, xc[ind * n_rows + row]: every step
	 * reads an indicator at a time, and a row-major column is one
	 * cache miss a value (a third of the time at 10,000 units).
	 */
	double			*xc;
	double			*buf;		/* n_rows values */
	size_t			*idx;		/* n_rows row numbers */
};

#define PREP_X(pp, row, ind) ((pp)->xc[(ind) * (pp)->t->n_rows + (row)])

/* A note with its subject; the numbers are set by the caller. */
struct cr_prep_note *prep_note(struct prep *, enum cr_prep_what,
	    size_t ind, size_t row, size_t period);
void	prep_impute(struct prep *);
void	prep_treat(struct prep *);

#endif
