/*
 * Nice tick values.  A step is m * 10^e with m in {1, 2, 5}; tick i is
 * computed from the integer i, never by adding steps, so 0.1 + 0.1 +
 * 0.1 rounding never shows up in a label.
 */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>

#include "ticks.h"

/* Slack when deciding whether a quotient is a whole number of steps. */
#define QEPS	1e-7
/* Relative slack when comparing a value with a 1-2-5 value. */
#define REPS	1e-9
/* Bounds are clamped here so that hi - lo stays finite. */
#define VMAX	1e300

static const int	 mult[] = { 1, 2, 5 };

/* 10^e by repeated multiplication: exact for |e| <= 22. */
static double
p10(int e)
{
	double	 p = 1;
	int	 i, a = e < 0 ? -e : e;

	for (i = 0; i < a; i++)
		p *= 10;
	return e < 0 ? 1 / p : p;
}

/* k * 10^e, dividing for negative e so that 3 * 0.1 prints as 0.3. */
static double
scaled(double k, int e)
{
	return e < 0 ? k / p10(-e) : k * p10(e);
}

static double
clampv(double v)
{
	return v > VMAX ? VMAX : v < -VMAX ? -VMAX : v;
}

/*
 * A range too narrow for its magnitude (or empty) cannot be divided
 * into steps without losing all precision: widen it around its middle.
 */
static void
widen(double *lo, double *hi)
{
	double	 mid, big, d;

	big = fmax(fabs(*lo), fabs(*hi));
	if (*hi - *lo > 1e-9 * big && *hi > *lo)
		return;
	mid = *lo / 2 + *hi / 2;
	d = mid == 0 ? 1 : fabs(mid) / 10;
	*lo = mid - d;
	*hi = mid + d;
}

void
cr_ticks_linear(double lo, double hi, int maxn, struct cr_ticks *t)
{
	double	 step = 1, i0 = 0, i1 = 1, tmp;
	int	 e, k, i, found = 0;

	if (maxn < 2)
		maxn = 2;
	if (maxn > CR_TICKS_MAX)
		maxn = CR_TICKS_MAX;
	if (!isfinite(lo) || !isfinite(hi)) {
		lo = 0;
		hi = 1;
	}
	if (lo > hi) {
		tmp = lo;
		lo = hi;
		hi = tmp;
	}
	lo = clampv(lo);
	hi = clampv(hi);
	widen(&lo, &hi);
	/* Start with a step that gives far too many ticks, then grow. */
	e = (int)floor(log10(hi - lo)) - 2;
	while (!found) {
		for (k = 0; k < 3 && !found; k++) {
			step = scaled(mult[k], e);
			i0 = floor(lo / step + QEPS);
			i1 = ceil(hi / step - QEPS);
			found = i1 - i0 + 1 <= maxn;
		}
		if (!found)
			e++;
	}
	k--;
	t->n = (int)(i1 - i0) + 1;
	for (i = 0; i < t->n; i++) {
		t->v[i] = scaled((i0 + i) * mult[k], e);
		if (t->v[i] == 0)
			t->v[i] = 0;	/* no -0 */
	}
	t->step = step;
	t->lo = t->v[0];
	t->hi = t->v[t->n - 1];
}

/* Decade of v: 10^e <= v < 10^(e+1), whatever log10 rounds to. */
static int
decade(double v)
{
	int	 e = (int)floor(log10(v));

	while (p10(e + 1) <= v * (1 + REPS))
		e++;
	while (p10(e) > v * (1 + REPS))
		e--;
	return e;
}

/* Largest 1-2-5 value <= v. */
static double
floor125(double v)
{
	int	 e = decade(v), k;

	for (k = 2; k > 0; k--)
		if (scaled(mult[k], e) <= v * (1 + REPS))
			break;
	return scaled(mult[k], e);
}

/* Smallest 1-2-5 value >= v. */
static double
ceil125(double v)
{
	int	 e = decade(v), k;

	for (k = 0; k < 3; k++)
		if (scaled(mult[k], e) >= v * (1 - REPS))
			return scaled(mult[k], e);
	return p10(e + 1);
}

static int
in_range(double v, double lo, double hi)
{
	return v >= lo * (1 - REPS) && v <= hi * (1 + REPS);
}

void
cr_ticks_log(double lo, double hi, int maxn, struct cr_ticks *t)
{
	double	 v, tmp;
	int	 e, e0, e1, k, n125 = 0, nd = 0, every;

	if (maxn < 2)
		maxn = 2;
	if (maxn > CR_TICKS_MAX)
		maxn = CR_TICKS_MAX;
	if (!isfinite(lo) || !isfinite(hi) || lo <= 0 || hi <= 0) {
		lo = 1;
		hi = 10;
	}
	if (lo > hi) {
		tmp = lo;
		lo = hi;
		hi = tmp;
	}
	lo = fmax(lo, 1e-300);
	hi = fmin(hi, 1e300);
	if (hi <= lo * (1 + REPS)) {
		lo /= 2;
		hi *= 2;
	}
	lo = floor125(lo);
	hi = ceil125(hi);
	e0 = decade(lo);
	e1 = decade(hi);
	for (e = e0; e <= e1; e++) {
		if (in_range(p10(e), lo, hi))
			nd++;
		for (k = 0; k < 3; k++)
			if (in_range(scaled(mult[k], e), lo, hi))
				n125++;
	}
	t->n = 0;
	t->step = 0;
	t->lo = lo;
	t->hi = hi;
	/*
	 * All 1-2-5 values when they fit; else decades, since a log axis
	 * reads best by powers of ten.  A range holding fewer than two
	 * decades keeps its 1-2-5 values even past maxn (at most six).
	 */
	if (n125 <= maxn || nd < 2) {
		for (e = e0; e <= e1; e++)
			for (k = 0; k < 3; k++) {
				v = scaled(mult[k], e);
				if (in_range(v, lo, hi) &&
				    t->n < CR_TICKS_MAX)
					t->v[t->n++] = v;
			}
		return;
	}
	every = (nd + maxn - 1) / maxn;
	nd = 0;
	for (e = e0; e <= e1; e++) {
		if (!in_range(p10(e), lo, hi))
			continue;
		if (nd++ % every == 0)
			t->v[t->n++] = p10(e);
	}
}

int
cr_tick_decimals(double step)
{
	double	 x;
	int	 d;

	if (!(step > 0) || !isfinite(step))
		return 0;
	for (d = 0; d < 9; d++) {
		x = step * p10(d);
		if (fabs(x - round(x)) <= 1e-6 * fmax(1, x))
			break;
	}
	return d;
}

void
cr_tick_format(char *buf, size_t len, double v, double div, int decimals,
    const char *suffix)
{
	double	 x;

	if (len == 0)
		return;
	if (suffix == NULL)
		suffix = "";
	if (!(div > 0) || !isfinite(div))
		div = 1;
	if (decimals < 0)
		decimals = 0;
	if (decimals > 9)
		decimals = 9;
	x = v / div;
	/* Rounding to the decimals shown must not leave a "-0". */
	if (fabs(x) < 0.5 / p10(decimals))
		x = 0;
	if (fabs(x) >= 1e9 || (x != 0 && fabs(x) < 1e-6))
		snprintf(buf, len, "%.3g%s", x, suffix);
	else
		snprintf(buf, len, "%.*f%s", decimals, x, suffix);
}
