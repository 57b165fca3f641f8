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
	double			*buf;		/* n_rows values */
	size_t			*idx;		/* n_rows row numbers */
};

/* A note with its subject; the numbers are set by the caller. */
struct cr_prep_note *prep_note(struct prep *, enum cr_prep_what,
	    size_t ind, size_t row, size_t period);
void	prep_impute(struct prep *);
void	prep_treat(struct prep *);

#endif
