/*
 * Outliers as COINr finds and treats them (R/treat.R, COINr 1.1):
 * skewness and kurtosis as e1071's type 2, the pass test of
 * check_SkewKurt(), winsorise() one extreme at a time, and log_CT().
 * The last digits of a treated index depend on following these
 * exactly, ties and all: see doc/import.md.
 */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "prepare_priv.h"
#include "xmalloc.h"

/*
 * Sums of the powers of the deviations from the mean, in long double
 * as R's sum() and mean() accumulate.
 */
static void
moments(const double *x, size_t n, long double *s2, long double *s3,
    long double *s4)
{
	long double	sum = 0;
	double		m, d;
	size_t		i;

	/* R's mean(): a long double sum, then a correction pass. */
	for (i = 0; i < n; i++)
		sum += x[i];
	m = (double)(sum / n);
	sum = 0;
	for (i = 0; i < n; i++)
		sum += x[i] - m;
	m += (double)(sum / n);
	*s2 = *s3 = *s4 = 0;
	for (i = 0; i < n; i++) {
		d = x[i] - m;
		*s2 += d * d;
		*s3 += d * d * d;
		*s4 += d * d * d * d;
	}
}

/*
 * Both from one pass of moments: skew = sqrt(n) s3 / s2^(3/2) *
 * sqrt(n (n - 1)) / (n - 2); kurt with r = n s4 / s2^2 is ((n + 1)
 * (r - 3) + 6) (n - 1) / ((n - 2) (n - 3)).  NAN where undefined.
 */
static void
skew_kurt(const double *x, size_t n, double *sk, double *kt)
{
	long double	s2, s3, s4;
	double		dn = (double)n, r;

	*sk = *kt = NAN;
	if (n < 3)
		return;
	moments(x, n, &s2, &s3, &s4);
	if (s2 == 0)
		return;
	*sk = sqrt(dn) * (double)s3 / pow((double)s2, 1.5) *
	    sqrt(dn * (dn - 1)) / (dn - 2);
	if (n < 4)
		return;
	r = dn * (double)s4 / ((double)s2 * (double)s2);
	*kt = ((dn + 1) * (r - 3) + 6) * (dn - 1) / ((dn - 2) * (dn - 3));
}

double
cr_skew(const double *x, size_t n)
{
	double	sk, kt;

	skew_kurt(x, n, &sk, &kt);
	return (sk);
}

double
cr_kurt(const double *x, size_t n)
{
	double	sk, kt;

	skew_kurt(x, n, &sk, &kt);
	return (kt);
}

/*
 * COINr: (abs(skew) < 2) | (kurt < 3.5).  Where R would have no answer
 * (too few values, no spread) COINr leaves the column as it is: so
 * does a pass here.
 */
static int
pass(double sk, double kt)
{
	if (isnan(sk) || isnan(kt))
		return (1);
	return (fabs(sk) < CR_PREP_SKEW || kt < CR_PREP_KURT);
}

int
cr_prep_passes(const double *x, size_t n)
{
	double	sk, kt;

	skew_kurt(x, n, &sk, &kt);
	return (pass(sk, kt));
}

/*
 * Move every point equal to the extreme to the nearest other value;
 * the number moved, or 0 when there is no other value.  hi: the
 * maximum, else the minimum.
 */
static size_t
clip(double *x, size_t n, int hi)
{
	double	ext = x[0], next = NAN;
	size_t	i, k = 0;

	for (i = 1; i < n; i++)
		if (hi ? x[i] > ext : x[i] < ext)
			ext = x[i];
	for (i = 0; i < n; i++)
		if (x[i] != ext && (isnan(next) ||
		    (hi ? x[i] > next : x[i] < next)))
			next = x[i];
	if (isnan(next))
		return (0);
	for (i = 0; i < n; i++)
		if (x[i] == ext) {
			x[i] = next;
			k++;
		}
	return (k);
}

/*
 * COINr's winsorise(): while the column fails and fewer than winmax
 * points were moved, move the points at the maximum (skew >= 0) or the
 * minimum to the next value.  A point moved once ties with the new
 * extreme, so it is counted again with it: COINr's count, nwin, is the
 * size of the last move at the top plus that of the last at the
 * bottom, which is the number of points changed.
 */
size_t
cr_winsorise(double *x, size_t n, int winmax)
{
	size_t	nmax = 0, nmin = 0, k;
	double	sk, kt;
	int	hi;

	for (;;) {
		skew_kurt(x, n, &sk, &kt);
		if (pass(sk, kt) || nmax + nmin >= (size_t)winmax)
			break;
		hi = sk >= 0;
		if ((k = clip(x, n, hi)) == 0)
			break;
		if (hi)
			nmax = k;
		else
			nmin = k;
	}
	return (nmax + nmin);
}

void
cr_log_ct(double *x, size_t n)
{
	double	mn = INFINITY, mx = -INFINITY;
	size_t	i;

	for (i = 0; i < n; i++) {
		if (isnan(x[i]))
			continue;
		if (x[i] < mn)
			mn = x[i];
		if (x[i] > mx)
			mx = x[i];
	}
	for (i = 0; i < n; i++)
		if (!isnan(x[i]))
			x[i] = log(x[i] - mn + 0.01 * (mx - mn));
}

/* The values of ind in period p of the rows kept; their rows in idx. */
static size_t
gather(struct prep *pp, size_t ind, size_t p)
{
	struct cr_prep_table	*t = pp->t;
	size_t			 k, row, n = 0;
	double			 v;

	for (k = pp->start[p]; k < pp->start[p + 1]; k++) {
		row = pp->rows[k];
		v = PREP_X(pp, row, ind);
		if (t->dropped[row] || isnan(v))
			continue;
		pp->idx[n] = row;
		pp->buf[n++] = v;
	}
	return (n);
}

static void
scatter(struct prep *pp, size_t ind, const double *x, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		PREP_X(pp, pp->idx[i], ind) = x[i];
}

/*
 * COINr's Treat.numeric() with its defaults: a column that fails is
 * winsorised; if that does not make it pass, the original column is
 * log-transformed instead (combine_treat = FALSE), whether or not the
 * log passes.
 */
static void
treat_column(struct prep *pp, size_t ind, size_t p, double *w)
{
	struct cr_prep_note	*nt;
	double			*x = pp->buf, sk, kt, sk1, kt1;
	size_t			 n = gather(pp, ind, p), nwin;

	if (n == 0)
		return;
	if (n < CR_PREP_MIN_TREAT) {
		prep_note(pp, CR_PREP_TOO_FEW, ind, SIZE_MAX, p)->n = n;
		return;
	}
	skew_kurt(x, n, &sk, &kt);
	if (pass(sk, kt)) {
		nt = prep_note(pp, CR_PREP_PASSED, ind, SIZE_MAX, p);
		nt->n = n;
		nt->a = sk;
		nt->b = kt;
		return;
	}
	memcpy(w, x, n * sizeof *w);
	nwin = cr_winsorise(w, n, pp->spec->winmax);
	skew_kurt(w, n, &sk1, &kt1);
	if (pass(sk1, kt1)) {
		nt = prep_note(pp, CR_PREP_WINSORISED, ind, SIZE_MAX, p);
		pp->r->n_winsorised += nwin;
	} else {
		cr_log_ct(x, n);
		memcpy(w, x, n * sizeof *w);
		skew_kurt(w, n, &sk1, &kt1);
		nt = prep_note(pp, CR_PREP_LOGGED, ind, SIZE_MAX, p);
	}
	nt->n = nwin;
	nt->a = sk;
	nt->b = kt;
	nt->c = sk1;
	nt->d = kt1;
	scatter(pp, ind, w, n);
}

void
prep_treat(struct prep *pp)
{
	double	*w;
	size_t	 ind, p;

	w = xcalloc(pp->t->n_rows + 1, sizeof *w);
	for (ind = 0; ind < pp->t->n_ind; ind++)
		for (p = 0; p < pp->t->n_periods; p++)
			treat_column(pp, ind, p, w);
	free(w);
}
