/*
 * Numbers a user writes: data cells, weights, ranges.  One parser, so
 * that a number the importer takes is one --weights takes, and the
 * other way round.
 */
#ifndef CR_NUM_H
#define CR_NUM_H

#include <stddef.h>

/* The cause of a string that is not a number at all. */
#define CR_NUM_NOT_A_NUMBER	"is not a number"

/*
 * A plain decimal, all of s: an optional sign, digits with an optional
 * point (a digit on at least one side), an optional exponent (e or E,
 * an optional sign, digits).  No spaces, no hex, no inf or nan; the
 * point is a point in every locale.  Every finite double can be
 * written, the subnormals included; a number beyond the largest double
 * is "too large", and one that is not 0 but would read as 0 is "too
 * small", never rounded to infinity or to 0.
 *
 * 0 and the number in *out; else -1, *out unchanged, and in *cause
 * (malloc'd, when cause is not NULL) a phrase to follow the number as
 * the caller quotes it: "is not a number" (CR_NUM_NOT_A_NUMBER), "is
 * too large (...)" or "is too small (...)".
 */
int	cr_num_parse(const char *s, double *out, char **cause);

/*
 * A finite number as cr_num_parse() reads it back, the same double:
 * the fewest significant digits that do, written as people write
 * numbers (100, 0.25) unless far from 1 (1e-7, 1.5e20).  The point
 * is a point in every locale.  len >= CR_NUM_FORMAT_LEN.
 */
#define CR_NUM_FORMAT_LEN	64
void	cr_num_format(double v, char *buf, size_t len);

#endif
