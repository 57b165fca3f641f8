/*
 * Round axis tick values ("nice numbers": 1, 2 or 5 times a power of
 * ten) and their labels, for text plots.
 */
#ifndef CR_TICKS_H
#define CR_TICKS_H

#include <stddef.h>

#define CR_TICKS_MAX	32

struct cr_ticks {
	double	lo, hi;		/* the range, padded out to nice values */
	double	step;		/* linear spacing; 0 for log ticks */
	int	n;		/* 2 .. CR_TICKS_MAX */
	double	v[CR_TICKS_MAX];	/* ascending */
};

/*
 * At most maxn (clamped to 2 .. CR_TICKS_MAX) evenly spaced ticks, as
 * many as fit, covering [lo, hi]; the first and last are t->lo, t->hi.
 * A zero range is widened around its value (±10%, or ±1 around 0);
 * non-finite bounds become 0 .. 1.
 */
void	cr_ticks_linear(double lo, double hi, int maxn, struct cr_ticks *t);
/*
 * Ticks for a log axis: every 1-2-5 value in the range when at most
 * maxn, else powers of ten (every k-th decade if still too many).  The
 * range is padded to 1-2-5 values.  lo must be > 0 (else 1 .. 10);
 * a zero range becomes lo / 2 .. hi * 2 before padding.
 */
void	cr_ticks_log(double lo, double hi, int maxn, struct cr_ticks *t);
/* Decimals needed to print multiples of step (> 0) exactly: 0 .. 9. */
int	cr_tick_decimals(double step);
/*
 * Print v / div with the given decimals, then suffix (may be NULL),
 * into buf: cr_tick_format(b, sizeof(b), 80000, 10000, 0, "万") gives
 * "8万".  Never prints "-0"; very large or small values use %g.
 */
void	cr_tick_format(char *buf, size_t len, double v, double div,
	    int decimals, const char *suffix);

#endif
