/*
 * The number parser every user number goes through (num.h).  The
 * syntax is checked here, so that strtod() only converts: alone it
 * takes hex, inf, nan and leading spaces, reads the locale's decimal
 * point, and says ERANGE both for an overflow and for a subnormal,
 * which is a number like any other.
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cause.h"
#include "num.h"
#include "xmalloc.h"

/* Digits from s; *nonzero is set when one of them is not 0. */
static size_t
digits(const char *s, int *nonzero)
{
	size_t	 n;

	for (n = 0; s[n] >= '0' && s[n] <= '9'; n++)
		if (s[n] != '0')
			*nonzero = 1;
	return n;
}

/* The length of the plain decimal at s, or 0 when s is not one. */
static size_t
syntax(const char *s, int *nonzero)
{
	const char	*p = s;
	size_t		 n, f = 0;
	int		 expnz = 0;

	*nonzero = 0;
	if (*p == '+' || *p == '-')
		p++;
	n = digits(p, nonzero);
	p += n;
	if (*p == '.') {
		p++;
		f = digits(p, nonzero);
		p += f;
	}
	if (n + f == 0)
		return 0;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if ((n = digits(p, &expnz)) == 0)
			return 0;
		p += n;
	}
	return (size_t)(p - s);
}

/*
 * strtod() of a checked decimal, whatever the locale (the program sets
 * LC_ALL from the environment): its point becomes the locale's.
 */
static double
convert(const char *s)
{
	const char	*dp = localeconv()->decimal_point, *pt;
	char		 buf[64], *t;
	size_t		 n = strlen(s), k = strlen(dp), i;
	double		 d;

	if (strcmp(dp, ".") == 0 || (pt = strchr(s, '.')) == NULL)
		return strtod(s, NULL);
	i = (size_t)(pt - s);
	t = n + k < sizeof(buf) ? buf : xmalloc(n + k);
	memcpy(t, s, i);
	memcpy(t + i, dp, k);
	memcpy(t + i + k, pt + 1, n - i);	/* with the NUL */
	d = strtod(t, NULL);
	if (t != buf)
		free(t);
	return d;
}

int
cr_num_parse(const char *s, double *out, char **cause)
{
	double	 d;
	int	 nonzero;

	if (syntax(s, &nonzero) != strlen(s) || *s == '\0')
		return cr_cause(cause, "%s", CR_NUM_NOT_A_NUMBER);
	d = convert(s);
	if (isinf(d))
		return cr_cause(cause, "is too large (the largest number is "
		    "about 1.8e308)");
	if (d == 0 && nonzero)
		return cr_cause(cause, "is too small (not 0, yet below "
		    "4.9e-324, the least number above 0)");
	*out = d;
	return 0;
}

/* The locale's decimal point in buf, made a point. */
static void
point(char *buf)
{
	const char	*dp = localeconv()->decimal_point;
	char		*p;
	size_t		 k = strlen(dp);

	if (strcmp(dp, ".") == 0 || k == 0 || (p = strstr(buf, dp)) == NULL)
		return;
	*p = '.';
	memmove(p + 1, p + k, strlen(p + k) + 1);
}

/* %.*e or %.*f, made a point, and whether it reads back as v. */
static int
spell(char *buf, size_t len, const char *fmt, int prec, double v)
{
	double	 d;

	snprintf(buf, len, fmt, prec, v);
	point(buf);
	return cr_num_parse(buf, &d, NULL) == 0 && d == v;
}

void
cr_num_format(double v, char *buf, size_t len)
{
	char	 e[CR_NUM_FORMAT_LEN], f[CR_NUM_FORMAT_LEN], *x;
	int	 prec, exp;

	if (!isfinite(v)) {
		snprintf(buf, len, "%g", v);
		return;
	}
	/* Seventeen digits always read back. */
	for (prec = 0; prec < 16; prec++)
		if (spell(e, sizeof e, "%.*e", prec, v))
			break;
	spell(e, sizeof e, "%.*e", prec, v);
	x = strchr(e, 'e');
	exp = atoi(x + 1);
	if (exp >= -5 && exp <= 15 && spell(f, sizeof f, "%.*f",
	    prec > exp ? prec - exp : 0, v)) {
		snprintf(buf, len, "%s", f);
		return;
	}
	*x = '\0';
	snprintf(buf, len, "%se%d", e, exp);
}
