/*
 * Imputation: fill a missing indicator value from the other units of
 * its period (the mean or median, over all of them or those of its
 * group: COINr's i_mean, i_median, i_mean_grp, i_median_grp, applied
 * column by column), or from the unit's own other periods (linear
 * interpolation in time, or the latest earlier value).  Imputed cells
 * are flagged, so their provenance can say so.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "prepare_priv.h"
#include "xmalloc.h"

static int
dbl_cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return (x < y ? -1 : x > y);
}

/* R's median(): the middle value, or the mean of the middle two. */
double
cr_median(double *x, size_t n)
{
	if (n == 0)
		return (NAN);
	qsort(x, n, sizeof *x, dbl_cmp);
	if (n % 2 == 1)
		return (x[n / 2]);
	return ((x[n / 2 - 1] + x[n / 2]) / 2);
}

/* R's mean(): a long double sum, then a correction pass. */
static double
mean(const double *x, size_t n)
{
	long double	sum = 0;
	double		m;
	size_t		i;

	for (i = 0; i < n; i++)
		sum += x[i];
	m = (double)(sum / n);
	sum = 0;
	for (i = 0; i < n; i++)
		sum += x[i] - m;
	return (m + (double)(sum / n));
}

static int
grouped(enum cr_impute m)
{
	return (m == CR_IMPUTE_MEAN_GROUP || m == CR_IMPUTE_MEDIAN_GROUP);
}

/* The rows of period p in group g (or all, g == -1) missing ind. */
static void
fill(struct prep *pp, size_t ind, size_t p, int g, size_t *done,
    size_t *left)
{
	struct cr_prep_table	*t = pp->t;
	struct cr_prep_note	*nt;
	size_t			 k, row, n = 0, gaps = 0;
	double			 v, *x;

	for (k = pp->start[p]; k < pp->start[p + 1]; k++) {
		row = pp->rows[k];
		if (g != -1 && t->group[row] != g)
			continue;
		v = t->x[row * t->n_ind + ind];
		if (isnan(v))
			gaps++;
		else
			pp->buf[n++] = v;
	}
	if (gaps == 0)
		return;
	if (n == 0) {
		if (g != -1) {
			nt = prep_note(pp, CR_PREP_EMPTY_GROUP, ind, SIZE_MAX,
			    p);
			nt->group = g;
			nt->n = gaps;
		}
		*left += gaps;
		return;
	}
	v = pp->spec->impute == CR_IMPUTE_MEAN ||
	    pp->spec->impute == CR_IMPUTE_MEAN_GROUP ? mean(pp->buf, n) :
	    cr_median(pp->buf, n);
	for (k = pp->start[p]; k < pp->start[p + 1]; k++) {
		row = pp->rows[k];
		if (g != -1 && t->group[row] != g)
			continue;
		x = &t->x[row * t->n_ind + ind];
		if (isnan(*x)) {
			*x = v;
			t->imputed[row * t->n_ind + ind] = 1;
		}
	}
	*done += gaps;
}

/* Rows of period p with no group: COINr leaves them alone. */
static size_t
ungrouped_gaps(struct prep *pp, size_t ind, size_t p)
{
	struct cr_prep_table	*t = pp->t;
	size_t			 k, row, n = 0;

	for (k = pp->start[p]; k < pp->start[p + 1]; k++) {
		row = pp->rows[k];
		n += t->group[row] == -1 && isnan(t->x[row * t->n_ind + ind]);
	}
	return (n);
}

static void
counts(struct prep *pp, size_t ind, size_t p, size_t done, size_t left)
{
	if (done > 0)
		prep_note(pp, CR_PREP_IMPUTED, ind, SIZE_MAX, p)->n = done;
	if (left > 0)
		prep_note(pp, CR_PREP_NOT_IMPUTED, ind, SIZE_MAX, p)->n = left;
	pp->r->n_imputed += done;
}

static void
across_units(struct prep *pp)
{
	struct cr_prep_table	*t = pp->t;
	size_t			 ind, p, done, left;
	int			 g;

	for (ind = 0; ind < t->n_ind; ind++)
		for (p = 0; p < t->n_periods; p++) {
			done = left = 0;
			if (!grouped(pp->spec->impute))
				fill(pp, ind, p, -1, &done, &left);
			else {
				for (g = 0; g < (int)t->n_groups; g++)
					fill(pp, ind, p, g, &done, &left);
				left += ungrouped_gaps(pp, ind, p);
			}
			counts(pp, ind, p, done, left);
		}
}

/*
 * One unit's values of ind over the periods, from its rows (SIZE_MAX:
 * no row that period): observed values only, so that each gap is
 * filled from what was measured, never from another fill.
 */
static void
fill_unit(struct prep *pp, const size_t *row, size_t ind, size_t *done,
    size_t *left)
{
	struct cr_prep_table	*t = pp->t;
	size_t			 p, q, before, after;
	double			*x = pp->buf, w;

	for (p = 0; p < t->n_periods; p++)
		x[p] = row[p] == SIZE_MAX ? NAN :
		    t->x[row[p] * t->n_ind + ind];
	for (p = 0; p < t->n_periods; p++) {
		if (row[p] == SIZE_MAX || !isnan(x[p]))
			continue;
		before = after = SIZE_MAX;
		for (q = p; q-- > 0; )
			if (!isnan(x[q])) {
				before = q;
				break;
			}
		for (q = p + 1; q < t->n_periods; q++)
			if (!isnan(x[q])) {
				after = q;
				break;
			}
		if (before == SIZE_MAX || (pp->spec->impute ==
		    CR_IMPUTE_LINEAR && after == SIZE_MAX)) {
			left[p]++;
			continue;
		}
		if (pp->spec->impute == CR_IMPUTE_LOCF)
			w = x[before];
		else
			w = x[before] + (x[after] - x[before]) *
			    ((t->time[p] - t->time[before]) /
			    (t->time[after] - t->time[before]));
		t->x[row[p] * t->n_ind + ind] = w;
		t->imputed[row[p] * t->n_ind + ind] = 1;
		done[p]++;
	}
}

static void
across_periods(struct prep *pp)
{
	struct cr_prep_table	*t = pp->t;
	size_t			*row, *done, *left, np = t->n_periods;
	size_t			 i, u, ind, p;

	/* row[u * np + p]: the row of unit u in period p. */
	row = xcalloc(t->n_units * np + 1, sizeof *row);
	for (i = 0; i < t->n_units * np; i++)
		row[i] = SIZE_MAX;
	for (i = 0; i < t->n_rows; i++)
		row[t->unit[i] * np + t->period[i]] = i;
	done = xcalloc(np + 1, sizeof *done);
	left = xcalloc(np + 1, sizeof *left);
	for (ind = 0; ind < t->n_ind; ind++) {
		memset(done, 0, np * sizeof *done);
		memset(left, 0, np * sizeof *left);
		for (u = 0; u < t->n_units; u++)
			fill_unit(pp, row + u * np, ind, done, left);
		for (p = 0; p < np; p++)
			counts(pp, ind, p, done[p], left[p]);
	}
	free(row);
	free(done);
	free(left);
}

void
prep_impute(struct prep *pp)
{
	switch (pp->spec->impute) {
	case CR_IMPUTE_NONE:
		break;
	case CR_IMPUTE_LINEAR:
	case CR_IMPUTE_LOCF:
		across_periods(pp);
		break;
	default:
		across_units(pp);
		break;
	}
}
