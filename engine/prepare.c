/*
 * The preparation pipeline: its recipe (the options that spell it),
 * its report, and the two short steps, denomination and screening.
 * Imputation is in impute.c, outlier treatment in outlier.c.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "num.h"
#include "prepare_priv.h"
#include "xmalloc.h"

static const char *const impute_names[] = {
	"none", "mean", "median", "mean_group", "median_group", "linear",
	"locf"
};

static const struct {
	const char	*step, *name;
} whats[CR_PREP_WHAT_COUNT] = {
	[CR_PREP_DENOM_ZERO] = { "denominate", "denominator_zero" },
	[CR_PREP_DENOM_MISSING] = { "denominate", "denominator_missing" },
	[CR_PREP_IMPUTED] = { "impute", "imputed" },
	[CR_PREP_EMPTY_GROUP] = { "impute", "empty_group" },
	[CR_PREP_NOT_IMPUTED] = { "impute", "not_imputed" },
	[CR_PREP_DROPPED] = { "screen", "dropped" },
	[CR_PREP_TOO_FEW] = { "treat", "too_few" },
	[CR_PREP_PASSED] = { "treat", "passed" },
	[CR_PREP_WINSORISED] = { "treat", "winsorised" },
	[CR_PREP_LOGGED] = { "treat", "log" },
};

void
cr_prep_spec_init(struct cr_prep_spec *s)
{
	memset(s, 0, sizeof *s);
	s->impute = CR_IMPUTE_NONE;
	s->screen = NAN;
	s->winmax = CR_PREP_WINMAX;
}

void
cr_prep_spec_free(struct cr_prep_spec *s)
{
	free(s->group);
	s->group = NULL;
}

const char *
cr_impute_name(enum cr_impute m)
{
	return ((unsigned)m < sizeof impute_names / sizeof impute_names[0] ?
	    impute_names[m] : "?");
}

const char *
cr_prep_step(enum cr_prep_what w)
{
	return ((unsigned)w < CR_PREP_WHAT_COUNT ? whats[w].step : "?");
}

const char *
cr_prep_what_name(enum cr_prep_what w)
{
	return ((unsigned)w < CR_PREP_WHAT_COUNT ? whats[w].name : "?");
}

int
cr_prep_parse_impute(struct cr_prep_spec *s, const char *arg, char **cause)
{
	const char	*colon = strchr(arg, ':');
	size_t		 len = colon != NULL ? (size_t)(colon - arg) :
			    strlen(arg), i;
	int		 grp;

	for (i = 0; i < sizeof impute_names / sizeof impute_names[0]; i++)
		if (strlen(impute_names[i]) == len &&
		    strncmp(arg, impute_names[i], len) == 0)
			break;
	if (i == sizeof impute_names / sizeof impute_names[0]) {
		*cause = xasprintf("'%.*s' is not none, mean, median, "
		    "mean_group:GROUP, median_group:GROUP, linear or locf",
		    (int)len, arg);
		return (-1);
	}
	grp = i == CR_IMPUTE_MEAN_GROUP || i == CR_IMPUTE_MEDIAN_GROUP;
	if (grp && (colon == NULL || colon[1] == '\0')) {
		*cause = xasprintf("%s needs a group column: %s:GROUP",
		    impute_names[i], impute_names[i]);
		return (-1);
	}
	if (!grp && colon != NULL) {
		*cause = xasprintf("%s takes no group (only mean_group and "
		    "median_group do)", impute_names[i]);
		return (-1);
	}
	free(s->group);
	s->group = grp ? xstrdup(colon + 1) : NULL;
	s->impute = (enum cr_impute)i;
	return (0);
}

int
cr_prep_parse_screen(struct cr_prep_spec *s, const char *arg, char **cause)
{
	double	v;

	if (cr_num_parse(arg, &v, NULL) != 0 || v < 0 || v > 1) {
		*cause = xasprintf("'%s' is not a share of indicator values "
		    "from 0 to 1 (0.9: a unit needs 90%% of them)", arg);
		return (-1);
	}
	s->screen = v;
	return (0);
}

int
cr_prep_parse_treat(struct cr_prep_spec *s, const char *arg, char **cause)
{
	const char	*colon = strchr(arg, ':');
	double		 v = CR_PREP_WINMAX;

	if (strncmp(arg, "winsorise", 9) != 0 ||
	    (arg[9] != '\0' && arg[9] != ':')) {
		*cause = xasprintf("'%s' is not winsorise or "
		    "winsorise:WINMAX", arg);
		return (-1);
	}
	if (colon != NULL && (cr_num_parse(colon + 1, &v, NULL) != 0 ||
	    v < 1 || v > 1e6 || v != floor(v))) {
		*cause = xasprintf("WINMAX '%s' is not a whole number from 1 "
		    "to 1000000", colon + 1);
		return (-1);
	}
	s->treat = 1;
	s->winmax = (int)v;
	return (0);
}

int
cr_prep_any(const struct cr_prep_spec *s)
{
	return (s->denominate || s->impute != CR_IMPUTE_NONE ||
	    !isnan(s->screen) || s->treat);
}

/* The shortest spelling that reads back as the same double. */
static void
shortest(char *buf, size_t len, double v)
{
	int	prec;

	for (prec = 1; prec < 17; prec++) {
		snprintf(buf, len, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			return;
	}
	snprintf(buf, len, "%.17g", v);
}

char *
cr_prep_recipe(const struct cr_prep_spec *s)
{
	char	*out = xstrdup(""), *t, num[32];
	const char *sep = "";

	if (s->denominate) {
		free(out);
		out = xstrdup("denominate");
		sep = "; ";
	}
	if (s->impute != CR_IMPUTE_NONE) {
		t = xasprintf("%s%simpute %s%s%s", out, sep,
		    cr_impute_name(s->impute), s->group != NULL ? ":" : "",
		    s->group != NULL ? s->group : "");
		free(out);
		out = t;
		sep = "; ";
	}
	if (!isnan(s->screen)) {
		shortest(num, sizeof num, s->screen);
		t = xasprintf("%s%sscreen %s", out, sep, num);
		free(out);
		out = t;
		sep = "; ";
	}
	if (s->treat) {
		t = xasprintf("%s%streat winsorise:%d", out, sep, s->winmax);
		free(out);
		out = t;
	}
	if (*out == '\0') {
		free(out);
		out = xstrdup("none");
	}
	return (out);
}

struct cr_prep_note *
prep_note(struct prep *pp, enum cr_prep_what what, size_t ind, size_t row,
    size_t period)
{
	struct cr_prep_report	*r = pp->r;
	struct cr_prep_note	*n;

	/* Doubling: a column of a million bad denominators stays linear. */
	if ((r->n_notes & (r->n_notes - 1)) == 0)
		r->notes = xreallocarray(r->notes, r->n_notes ?
		    r->n_notes * 2 : 1, sizeof *r->notes);
	n = &r->notes[r->n_notes++];
	memset(n, 0, sizeof *n);
	n->what = what;
	n->ind = ind;
	n->row = row;
	n->period = period;
	n->group = -1;
	n->a = n->b = n->c = n->d = NAN;
	r->count[what]++;
	return (n);
}

/*
 * COINr divides (Denominate, f_denom = `/`); R would give Inf or NaN
 * for a zero or missing denominator.  Here the value becomes missing,
 * and the note says which: an infinity would wreck every min-max.
 */
static void
denominate(struct prep *pp)
{
	struct cr_prep_table	*t = pp->t;
	size_t			 row, ind;
	double			*x, d;

	for (ind = 0; ind < t->n_ind; ind++)
		for (row = 0; row < t->n_rows && t->den_of[ind] >= 0; row++) {
			x = &PREP_X(pp, row, ind);
			if (isnan(*x))
				continue;
			d = t->den[row * t->n_den + (size_t)t->den_of[ind]];
			if (isnan(d) || d == 0) {
				prep_note(pp, isnan(d) ?
				    CR_PREP_DENOM_MISSING : CR_PREP_DENOM_ZERO,
				    ind, row, t->period[row]);
				*x = NAN;
			} else
				*x /= d;
		}
}

static char *
period_text(const struct cr_prep_table *t, size_t p)
{
	if (t->period_name == NULL || t->n_periods < 2)
		return (xstrdup(""));
	return (xasprintf(" of %s", t->period_name[p]));
}

/*
 * COINr's Screen(unit_screen = "byNA"): Dat_Avail = 1 - missing /
 * indicators, computed as R does, and a unit below the threshold is
 * dropped.  A period left with no unit is an error: nothing could be
 * scored.
 */
static int
screen(struct prep *pp, char **cause)
{
	struct cr_prep_table	*t = pp->t;
	size_t			 p, k, row, ind, *miss, kept;
	double			 avail, best;
	char			*per;

	miss = pp->idx;
	memset(miss, 0, t->n_rows * sizeof *miss);
	for (ind = 0; ind < t->n_ind; ind++)
		for (row = 0; row < t->n_rows; row++)
			miss[row] += isnan(PREP_X(pp, row, ind));
	for (p = 0; p < t->n_periods; p++) {
		kept = 0;
		best = 0;
		for (k = pp->start[p]; k < pp->start[p + 1]; k++) {
			row = pp->rows[k];
			avail = 1 - (double)miss[row] / (double)t->n_ind;
			if (avail > best)
				best = avail;
			if (avail >= pp->spec->screen) {
				kept++;
				continue;
			}
			t->dropped[row] = 1;
			pp->r->n_dropped++;
			prep_note(pp, CR_PREP_DROPPED, SIZE_MAX, row, p)->a =
			    avail;
		}
		if (kept == 0 && pp->start[p + 1] > pp->start[p]) {
			per = period_text(t, p);
			*cause = xasprintf("screening at %g drops every unit%s:"
			    " the most complete has %.1f%% of its indicator "
			    "values", pp->spec->screen, per, best * 100);
			free(per);
			return (-1);
		}
	}
	return (0);
}

/* dst = the transpose of src, r by c, in blocks that stay in cache. */
static void
transpose(double *dst, const double *src, size_t r, size_t c)
{
	enum { B = 32 };
	size_t	i0, j0, i, j;

	for (i0 = 0; i0 < r; i0 += B)
		for (j0 = 0; j0 < c; j0 += B)
			for (i = i0; i < i0 + B && i < r; i++)
				for (j = j0; j < j0 + B && j < c; j++)
					dst[j * r + i] = src[i * c + j];
}

/* Rows grouped by period, in row order within each. */
static void
by_period(struct prep *pp)
{
	struct cr_prep_table	*t = pp->t;
	size_t			*fill, i, p;

	pp->start = xcalloc(t->n_periods + 2, sizeof *pp->start);
	pp->rows = xcalloc(t->n_rows + 1, sizeof *pp->rows);
	for (i = 0; i < t->n_rows; i++)
		pp->start[t->period[i] + 1]++;
	for (p = 0; p < t->n_periods; p++)
		pp->start[p + 1] += pp->start[p];
	fill = xcalloc(t->n_periods + 1, sizeof *fill);
	for (i = 0; i < t->n_rows; i++) {
		p = t->period[i];
		pp->rows[pp->start[p] + fill[p]++] = i;
	}
	free(fill);
}

int
cr_prepare(const struct cr_prep_spec *spec, struct cr_prep_table *t,
    struct cr_prep_report *r, char **cause)
{
	struct prep	pp;
	size_t		n = t->n_rows > t->n_periods ? t->n_rows :
			    t->n_periods;
	int		rc = 0;

	memset(r, 0, sizeof *r);
	memset(t->imputed, 0, t->n_rows * t->n_ind);
	memset(t->dropped, 0, t->n_rows);
	memset(&pp, 0, sizeof pp);
	pp.spec = spec;
	pp.t = t;
	pp.r = r;
	pp.buf = xcalloc(n + 1, sizeof *pp.buf);
	pp.idx = xcalloc(n + 1, sizeof *pp.idx);
	pp.xc = xcalloc(t->n_rows * t->n_ind + 1, sizeof *pp.xc);
	transpose(pp.xc, t->x, t->n_rows, t->n_ind);
	by_period(&pp);
	if (spec->denominate && t->den_of != NULL)
		denominate(&pp);
	prep_impute(&pp);
	if (!isnan(spec->screen))
		rc = screen(&pp, cause);
	if (rc == 0 && spec->treat)
		prep_treat(&pp);
	transpose(t->x, pp.xc, t->n_ind, t->n_rows);
	free(pp.xc);
	free(pp.buf);
	free(pp.idx);
	free(pp.rows);
	free(pp.start);
	if (rc != 0)
		cr_prep_report_free(r);
	return (rc);
}

void
cr_prep_report_free(struct cr_prep_report *r)
{
	free(r->notes);
	memset(r, 0, sizeof *r);
}
