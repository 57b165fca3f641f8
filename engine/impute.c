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

static double
mid3(double a, double b, double c)
{
	if (a < b)
		return (b < c ? b : a < c ? c : a);
	return (a < c ? a : b < c ? c : b);
}

/*
 * The k-th smallest of x[0..n), moving the smaller before it and the
 * larger after: Hoare's FIND, which many equal values (a 0/1
 * indicator) do not slow.  Linear on average, where sorting each
 * column was most of imputing 10,000 units.
 */
static double
select_k(double *x, size_t n, size_t k)
{
	long	l = 0, r = (long)n - 1, i, j, kk = (long)k;
	double	p, t;

	while (l < r) {
		p = mid3(x[l], x[l + (r - l) / 2], x[r]);
		i = l;
		j = r;
		do {
			while (x[i] < p)
				i++;
			while (p < x[j])
				j--;
			if (i <= j) {
				t = x[i];
				x[i] = x[j];
				x[j] = t;
				i++;
				j--;
			}
		} while (i <= j);
		if (j < kk)
			l = i;
		if (kk < i)
			r = j;
	}
	return (x[k]);
}

/* R's median(): the middle value, or the mean of the middle two. */
double
cr_median(double *x, size_t n)
{
	double	hi, lo;
	size_t	i, k = n / 2;

	if (n == 0)
		return (NAN);
	hi = select_k(x, n, k);
	if (n % 2 == 1)
		return (hi);
	/* Everything before k is at most x[k]: the lower middle is the max. */
	lo = x[0];
	for (i = 1; i < k; i++)
		if (x[i] > lo)
			lo = x[i];
	return ((lo + hi) / 2);
}

/* Scratch for one column of one period, by group. */
struct cols {
	size_t		 ng;
	size_t		*cnt, *gaps, *off;
	long double	*sum;
	double		*fill, *sorted;
};

static int
grouped(const struct prep *pp)
{
	return (pp->t->group != NULL &&
	    (pp->spec->impute == CR_IMPUTE_MEAN_GROUP ||
	    pp->spec->impute == CR_IMPUTE_MEDIAN_GROUP));
}

/* The group of a row: 0 when not grouping, -1 for none. */
static int
gid(const struct prep *pp, size_t row)
{
	return (grouped(pp) ? pp->t->group[row] : 0);
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

/* Each group's mean of the values in buf, as R's mean() gives it. */
static void
means(struct prep *pp, struct cols *c, size_t n)
{
	size_t	k, g;
	int	gr;

	for (g = 0; g < c->ng; g++)
		c->sum[g] = 0;
	for (k = 0; k < n; k++)
		if ((gr = (int)pp->idx[k]) >= 0)
			c->sum[gr] += pp->buf[k];
	for (g = 0; g < c->ng; g++) {
		c->fill[g] = c->cnt[g] ? (double)(c->sum[g] / c->cnt[g]) :
		    NAN;
		c->sum[g] = 0;
	}
	for (k = 0; k < n; k++)
		if ((gr = (int)pp->idx[k]) >= 0)
			c->sum[gr] += pp->buf[k] - c->fill[gr];
	for (g = 0; g < c->ng; g++)
		if (c->cnt[g])
			c->fill[g] += (double)(c->sum[g] / c->cnt[g]);
}

/* Each group's median: the values laid out by group, then selected. */
static void
medians(struct prep *pp, struct cols *c, size_t n)
{
	size_t	k, g, at = 0;
	int	gr;

	for (g = 0; g < c->ng; g++) {
		c->off[g] = at;
		at += c->cnt[g];
	}
	for (k = 0; k < n; k++)
		if ((gr = (int)pp->idx[k]) >= 0)
			c->sorted[c->off[gr]++] = pp->buf[k];
	for (g = 0; g < c->ng; g++)
		c->fill[g] = cr_median(c->sorted + c->off[g] - c->cnt[g],
		    c->cnt[g]);
}

/*
 * One indicator in one period: its values (and their groups, in idx
 * as signed numbers; -1 for a gap or no group) gathered once, each
 * group's statistic, then the gaps filled.
 */
static void
column(struct prep *pp, struct cols *c, size_t ind, size_t p)
{
	struct cr_prep_table	*t = pp->t;
	struct cr_prep_note	*nt;
	size_t			 k, row, n = 0, g, done = 0, left = 0;
	double			*x;
	int			 gr;

	memset(c->cnt, 0, c->ng * sizeof *c->cnt);
	memset(c->gaps, 0, c->ng * sizeof *c->gaps);
	for (k = pp->start[p]; k < pp->start[p + 1]; k++, n++) {
		row = pp->rows[k];
		pp->buf[n] = PREP_X(pp, row, ind);
		gr = gid(pp, row);
		if (gr < 0)
			left += isnan(pp->buf[n]);
		else if (isnan(pp->buf[n]))
			c->gaps[gr]++;
		else
			c->cnt[gr]++;
		pp->idx[n] = (size_t)(isnan(pp->buf[n]) ? -1 : gr);
	}
	for (g = 0; g < c->ng && left + done == 0; g++)
		done += c->gaps[g];
	if (left + done == 0)
		return;
	if (pp->spec->impute == CR_IMPUTE_MEAN ||
	    pp->spec->impute == CR_IMPUTE_MEAN_GROUP)
		means(pp, c, n);
	else
		medians(pp, c, n);
	done = 0;
	for (g = 0; g < c->ng; g++) {
		if (c->gaps[g] == 0 || c->cnt[g] > 0)
			continue;
		left += c->gaps[g];
		if (grouped(pp)) {
			nt = prep_note(pp, CR_PREP_EMPTY_GROUP, ind, SIZE_MAX,
			    p);
			nt->group = (int)g;
			nt->n = c->gaps[g];
		}
	}
	for (k = pp->start[p]; k < pp->start[p + 1]; k++) {
		row = pp->rows[k];
		x = &PREP_X(pp, row, ind);
		if (!isnan(*x) || (gr = gid(pp, row)) < 0 || c->cnt[gr] == 0)
			continue;
		*x = c->fill[gr];
		t->imputed[row * t->n_ind + ind] = 1;
		done++;
	}
	counts(pp, ind, p, done, left);
}

static void
across_units(struct prep *pp)
{
	struct cr_prep_table	*t = pp->t;
	struct cols		 c;
	size_t			 ind, p;

	c.ng = grouped(pp) ? t->n_groups : 1;
	c.cnt = xcalloc(c.ng + 1, sizeof *c.cnt);
	c.gaps = xcalloc(c.ng + 1, sizeof *c.gaps);
	c.off = xcalloc(c.ng + 1, sizeof *c.off);
	c.sum = xcalloc(c.ng + 1, sizeof *c.sum);
	c.fill = xcalloc(c.ng + 1, sizeof *c.fill);
	c.sorted = xcalloc(t->n_rows + 1, sizeof *c.sorted);
	for (ind = 0; ind < t->n_ind; ind++)
		for (p = 0; p < t->n_periods; p++)
			column(pp, &c, ind, p);
	free(c.cnt);
	free(c.gaps);
	free(c.off);
	free(c.sum);
	free(c.fill);
	free(c.sorted);
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
		    PREP_X(pp, row[p], ind);
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
		PREP_X(pp, row[p], ind) = w;
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
