/*
 * The methods of a scenario as text and as held: the parameters of the
 * normalisations and aggregations that take them, a leaf's own
 * normalisation and a depth's own aggregation (score.h).
 */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cause.h"
#include "model.h"
#include "num.h"
#include "score.h"
#include "xmalloc.h"

#define GOALPOSTS_SYNTAX	"goalposts[:LO:HI[:SCALE]]"
#define DIST2TARG_SYNTAX	"dist2targ[:TARGET][:cap]"
#define DIST2REF_SYNTAX		"dist2ref:UNIT[:cap]"

void
cr_norm_par_init(struct cr_norm_par *p)
{
	p->lo = p->hi = NAN;
	p->scale = 100;
	p->target = NAN;
	p->cap = 0;
	p->ref = NULL;
}

void
cr_norm_par_clear(struct cr_norm_par *p)
{
	free(p->ref);
	cr_norm_par_init(p);
}

void
cr_norm_par_copy(struct cr_norm_par *to, const struct cr_norm_par *from)
{
	char	*ref = from->ref != NULL ? xstrdup(from->ref) : NULL;

	/* Copy first: from may be to. */
	free(to->ref);
	*to = *from;
	to->ref = ref;
}

void
cr_norm_spec_init(struct cr_norm_spec *s)
{
	s->method = CR_NORM_MINMAX;
	s->lo = 0;
	s->hi = 100;
	cr_norm_par_init(&s->par);
}

void
cr_norm_spec_clear(struct cr_norm_spec *s)
{
	cr_norm_par_clear(&s->par);
}

void
cr_norm_spec_copy(struct cr_norm_spec *to, const struct cr_norm_spec *from)
{
	to->method = from->method;
	to->lo = from->lo;
	to->hi = from->hi;
	cr_norm_par_copy(&to->par, &from->par);
}

/* NAN-aware: two missing parameters are the same. */
static int
same(double a, double b)
{
	return a == b || (isnan(a) && isnan(b));
}

/*
 * A unit's code as a reference may be written: in a list of
 * "CODE=METHOD" items and in a scenario file, so no ',' and no blank
 * at either end, and nothing a reader cannot see.
 */
static int
valid_ref(const char *s)
{
	const unsigned char	*p;
	size_t			 n = strlen(s);

	if (n == 0 || s[0] == ' ' || s[n - 1] == ' ')
		return 0;
	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p < ' ' || *p == 0x7f || *p == ',')
			return 0;
	return 1;
}

int
cr_norm_spec_valid(const struct cr_norm_spec *s)
{
	const struct cr_norm_par	*p = &s->par;

	switch (s->method) {
	case CR_NORM_MINMAX:
		return isfinite(s->lo) && isfinite(s->hi) && s->lo < s->hi &&
		    fabs(s->lo) <= CR_RANGE_MAX && fabs(s->hi) <= CR_RANGE_MAX;
	case CR_NORM_GOALPOSTS:
		if (!(p->scale > 0 && p->scale <= CR_RANGE_MAX))
			return 0;
		if (isnan(p->lo) && isnan(p->hi))
			return 1;
		return isfinite(p->lo) && isfinite(p->hi) && p->lo < p->hi &&
		    isfinite(p->hi - p->lo);
	case CR_NORM_DIST2TARG:
		return !isinf(p->target) && (p->cap == 0 || p->cap == 1);
	case CR_NORM_DIST2REF:
		return p->ref != NULL && valid_ref(p->ref) &&
		    (p->cap == 0 || p->cap == 1);
	default:
		return (unsigned)s->method < CR_NORM_COUNT;
	}
}

int
cr_norm_spec_equal(const struct cr_norm_spec *a, const struct cr_norm_spec *b)
{
	const struct cr_norm_par	*p = &a->par, *q = &b->par;

	if (a->method != b->method)
		return 0;
	switch (a->method) {
	case CR_NORM_MINMAX:
		return a->lo == b->lo && a->hi == b->hi;
	case CR_NORM_GOALPOSTS:
		return same(p->lo, q->lo) && same(p->hi, q->hi) &&
		    p->scale == q->scale;
	case CR_NORM_DIST2TARG:
		return same(p->target, q->target) && p->cap == q->cap;
	case CR_NORM_DIST2REF:
		return p->cap == q->cap && p->ref != NULL && q->ref != NULL &&
		    strcmp(p->ref, q->ref) == 0;
	default:
		return 1;
	}
}

int
cr_norm_spec_v1(const struct cr_norm_spec *s)
{
	return s->method <= CR_NORM_FRACMAX;
}

/* [s, end) as one number, by the parser of every user number. */
static int
number(const char *s, const char *end, double *out, char **why)
{
	char	*t;
	int	 rc;

	t = xstrndup(s, (size_t)(end - s));
	rc = cr_num_parse(t, out, why);
	free(t);
	return rc;
}

/* A parameter quoted in a message: "'x' is not a number". */
static int
bad_number(char **cause, const char *what, const char *s, const char *end,
    const char *why, const char *syntax)
{
	return cr_cause(cause, "%s '%.*s' %s (expected %s)", what,
	    (int)(end - s), s, why, syntax);
}

/* "LO:HI[:SCALE]" after "goalposts:". */
static int
parse_goalposts(const char *s, struct cr_norm_par *p, char **cause)
{
	const char	*c1, *c2, *end = s + strlen(s);
	char		*why = NULL;
	double		 lo, hi, scale = 100;
	int		 rc = -1;

	if ((c1 = strchr(s, ':')) == NULL)
		return cr_cause(cause, "goalposts needs both posts, low and "
		    "high (expected " GOALPOSTS_SYNTAX ")");
	if ((c2 = strchr(c1 + 1, ':')) == NULL)
		c2 = end;
	if (number(s, c1, &lo, &why) == -1)
		bad_number(cause, "the low goalpost", s, c1, why,
		    GOALPOSTS_SYNTAX);
	else if (number(c1 + 1, c2, &hi, &why) == -1)
		bad_number(cause, "the high goalpost", c1 + 1, c2, why,
		    GOALPOSTS_SYNTAX);
	else if (c2 != end && number(c2 + 1, end, &scale, &why) == -1)
		bad_number(cause, "the goalposts' scale", c2 + 1, end, why,
		    GOALPOSTS_SYNTAX);
	else if (!(lo < hi))
		cr_cause(cause, "the goalposts %g and %g must be low, then "
		    "high (expected " GOALPOSTS_SYNTAX ")", lo, hi);
	else if (!isfinite(hi - lo))
		cr_cause(cause, "the goalposts %g and %g are too far apart: "
		    "their distance is beyond the doubles", lo, hi);
	else if (!(scale > 0 && scale <= CR_RANGE_MAX))
		cr_cause(cause, "the goalposts' scale %g is not above 0 and "
		    "at most 1e9", scale);
	else {
		p->lo = lo;
		p->hi = hi;
		p->scale = scale;
		rc = 0;
	}
	free(why);
	return rc;
}

/* "TARGET", "cap" or "TARGET:cap" after "dist2targ:". */
static int
parse_dist2targ(const char *s, struct cr_norm_par *p, char **cause)
{
	const char	*c, *end = s + strlen(s);
	char		*why = NULL;
	double		 t = NAN;
	int		 cap = 0;

	if (strcasecmp(s, "cap") == 0)
		cap = 1;
	else {
		c = strchr(s, ':');
		if (c != NULL && strcasecmp(c + 1, "cap") == 0)
			cap = 1;
		else if (c != NULL)
			return cr_cause(cause, "dist2targ: '%s' is not 'cap' "
			    "(expected " DIST2TARG_SYNTAX ")", c + 1);
		else
			c = end;
		if (number(s, c, &t, &why) == -1) {
			bad_number(cause, "the target", s, c, why,
			    DIST2TARG_SYNTAX);
			free(why);
			return -1;
		}
	}
	p->target = t;
	p->cap = cap;
	return 0;
}

/* "UNIT" or "UNIT:cap" after "dist2ref:". */
static int
parse_dist2ref(const char *s, struct cr_norm_par *p, char **cause)
{
	size_t	 n = strlen(s);
	char	*ref;
	int	 cap = 0;

	if (n > 4 && strcasecmp(s + n - 4, ":cap") == 0) {
		cap = 1;
		n -= 4;
	}
	ref = xstrndup(s, n);
	if (!valid_ref(ref)) {
		free(ref);
		return cr_cause(cause, "dist2ref: the reference unit's code "
		    "must be given, without ',', control characters or "
		    "blanks at its ends (expected " DIST2REF_SYNTAX ")");
	}
	free(p->ref);
	p->ref = ref;
	p->cap = cap;
	return 0;
}

int
cr_norm_spec_parse(const char *s, struct cr_norm_spec *out, char **cause)
{
	struct cr_norm_spec	 sp;
	const char		*colon = strchr(s, ':');
	size_t			 n = colon != NULL ? (size_t)(colon - s) :
				    strlen(s);
	int			 rc;

	cr_norm_spec_init(&sp);
	if (colon != NULL && n == 9 && strncasecmp(s, "goalposts", n) == 0) {
		sp.method = CR_NORM_GOALPOSTS;
		rc = parse_goalposts(colon + 1, &sp.par, cause);
	} else if (colon != NULL && n == 9 &&
	    strncasecmp(s, "dist2targ", n) == 0) {
		sp.method = CR_NORM_DIST2TARG;
		rc = parse_dist2targ(colon + 1, &sp.par, cause);
	} else if (colon != NULL && n == 8 &&
	    strncasecmp(s, "dist2ref", n) == 0) {
		sp.method = CR_NORM_DIST2REF;
		rc = parse_dist2ref(colon + 1, &sp.par, cause);
	} else if (colon != NULL && n == 8 &&
	    strncasecmp(s, "dist2max", n) == 0)
		rc = cr_cause(cause, "dist2max takes no parameters: '%s'", s);
	else
		rc = cr_norm_parse(s, &sp.method, &sp.lo, &sp.hi, cause);
	if (rc == -1) {
		cr_norm_spec_clear(&sp);
		return -1;
	}
	cr_norm_spec_clear(out);
	*out = sp;
	return 0;
}

/* ":" and the number as it reads back. */
static void
put_num(char *buf, size_t len, double v)
{
	char	 n[CR_NUM_FORMAT_LEN];
	size_t	 k = strlen(buf);

	cr_num_format(v, n, sizeof n);
	snprintf(buf + k, len - k, ":%s", n);
}

char *
cr_norm_spec_format(const struct cr_norm_spec *s)
{
	const struct cr_norm_par	*p = &s->par;
	char				 b[4 * CR_NUM_FORMAT_LEN + 32];

	snprintf(b, sizeof b, "%s", cr_norm_name(s->method));
	switch (s->method) {
	case CR_NORM_MINMAX:
		put_num(b, sizeof b, s->lo);
		put_num(b, sizeof b, s->hi);
		break;
	case CR_NORM_GOALPOSTS:
		if (isnan(p->lo) || isnan(p->hi))
			break;
		put_num(b, sizeof b, p->lo);
		put_num(b, sizeof b, p->hi);
		if (p->scale != 100)
			put_num(b, sizeof b, p->scale);
		break;
	case CR_NORM_DIST2TARG:
		if (!isnan(p->target))
			put_num(b, sizeof b, p->target);
		if (p->cap)
			snprintf(b + strlen(b), sizeof b - strlen(b), ":cap");
		break;
	case CR_NORM_DIST2REF:
		return xasprintf("%s:%s%s", b, p->ref != NULL ? p->ref : "",
		    p->cap ? ":cap" : "");
	default:
		break;
	}
	return xstrdup(b);
}

int
cr_agg_spec_parse(const char *s, struct cr_agg_spec *out, char **cause)
{
	char	*why = NULL;
	double	 p;

	if (strncasecmp(s, "power:", 6) != 0) {
		if (cr_agg_parse(s, &out->method, cause) == -1)
			return -1;
		out->p = 1;
		return 0;
	}
	if (cr_num_parse(s + 6, &p, &why) == -1) {
		cr_cause(cause, "the power mean's exponent '%s' %s: p must "
		    "be a finite number (1 arithmetic, 0 geometric, -1 "
		    "harmonic)", s + 6, why);
		free(why);
		return -1;
	}
	out->method = CR_AGG_POWER;
	out->p = p + 0.0;	/* no -0 */
	return 0;
}

char *
cr_agg_spec_format(const struct cr_agg_spec *s)
{
	char	 n[CR_NUM_FORMAT_LEN];

	if (s->method != CR_AGG_POWER)
		return xstrdup(cr_agg_name(s->method));
	cr_num_format(s->p, n, sizeof n);
	return xasprintf("power:%s", n);
}

int
cr_agg_spec_equal(const struct cr_agg_spec *a, const struct cr_agg_spec *b)
{
	return a->method == b->method &&
	    (a->method != CR_AGG_POWER || a->p == b->p);
}

int
cr_agg_spec_valid(const struct cr_agg_spec *s)
{
	return (unsigned)s->method < CR_AGG_COUNT &&
	    (s->method != CR_AGG_POWER || isfinite(s->p));
}

int
cr_agg_spec_v1(const struct cr_agg_spec *s)
{
	return s->method <= CR_AGG_HARM;
}
