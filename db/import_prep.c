/*
 * Prepare an import before it is written: the pipeline of
 * engine/prepare.h over the rows read, with the denominators and
 * groups the metadata names.  The prepared values replace the read
 * ones in the rows; which were imputed and which rows were dropped is
 * kept for the writer, and so is the report, with a sentence for each
 * note that the file stores and the explorer can show.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import_priv.h"
#include "xmalloc.h"

/* The item of every indicator, in framework (leaf) order. */
static void
indicators(struct cr_import *imp)
{
	size_t	k, n = 0;

	imp->ind_item = xcalloc(imp->n_indicators + 1, sizeof *imp->ind_item);
	for (k = 0; k < imp->n_nodes; k++)
		if (imp->items[imp->nodes[k]].type == CR_IMPORT_INDICATOR)
			imp->ind_item[n++] = imp->nodes[k];
}

static int
find_item(const struct cr_import *imp, const char *code)
{
	size_t	i;

	for (i = 0; i < imp->n_items; i++)
		if (!imp->items[i].invalid &&
		    strcmp(imp->items[i].code, code) == 0)
			return ((int)i);
	return (-1);
}

/* The Group items, for a message: "A, B and C". */
static char *
group_list(const struct cr_import *imp)
{
	char	*s = NULL, *t;
	size_t	 i;

	for (i = 0; i < imp->n_items; i++) {
		if (imp->items[i].invalid ||
		    imp->items[i].type != CR_IMPORT_GROUP)
			continue;
		t = s == NULL ? xstrdup(imp->items[i].code) :
		    xasprintf("%s, %s", s, imp->items[i].code);
		free(s);
		s = t;
	}
	return (s);
}

/* Group ids in order of first appearance; -1 for an empty cell. */
static int *
group_ids(struct cr_import *imp, int item, size_t *n)
{
	struct strmap	 names;
	const char	*s;
	int		*g;
	size_t		 r, slot = (size_t)imp->items[item].slot;

	memset(&names, 0, sizeof names);
	g = xcalloc(imp->n_rows + 1, sizeof *g);
	imp->group_names = NULL;
	for (r = 0; r < imp->n_rows; r++) {
		if ((s = imp->rows[r].text[slot]) == NULL) {
			g[r] = -1;
			continue;
		}
		g[r] = (int)strmap_put(&names, s, names.n);
		if ((size_t)g[r] + 1 > imp->n_group_names) {
			imp->group_names = xreallocarray(imp->group_names,
			    (size_t)g[r] + 1, sizeof *imp->group_names);
			imp->group_names[imp->n_group_names++] = xstrdup(s);
		}
	}
	*n = names.n;
	strmap_free(&names);
	return (g);
}

/* Denominator columns: each Denominator item, and which each uses. */
static void
denominators(struct cr_import *imp, struct cr_prep_table *t, int *den_of,
    double **den)
{
	int	*col_item, item, j;
	size_t	 i, k, r;

	col_item = xcalloc(imp->n_items + 1, sizeof *col_item);
	for (i = 0; i < imp->n_items; i++)
		if (!imp->items[i].invalid &&
		    imp->items[i].type == CR_IMPORT_DENOMINATOR)
			col_item[t->n_den++] = (int)i;
	for (k = 0; k < imp->n_indicators; k++) {
		den_of[k] = -1;
		item = find_item(imp, imp->items[imp->ind_item[k]].denominator);
		for (j = 0; item != -1 && j < (int)t->n_den; j++)
			if (col_item[j] == item)
				den_of[k] = j;
	}
	*den = xcalloc(imp->n_rows * t->n_den + 1, sizeof **den);
	for (r = 0; r < imp->n_rows; r++)
		for (i = 0; i < t->n_den; i++)
			(*den)[r * t->n_den + i] = imp->rows[r].num[
			    imp->items[col_item[i]].slot];
	free(col_item);
}

/* -2 and *cause when an option names what the files do not have. */
static int
check_spec(struct cr_import *imp, const struct cr_prep_spec *spec,
    int *group_item, char **cause)
{
	char	*list;
	size_t	 k;
	int	 any = 0;

	*group_item = -1;
	if (spec->group != NULL) {
		*group_item = find_item(imp, spec->group);
		if (*group_item == -1 ||
		    imp->items[*group_item].type != CR_IMPORT_GROUP) {
			list = group_list(imp);
			*cause = xasprintf("--impute %s:%s: '%s' is not a "
			    "column of Type Group in %s (%s%s)",
			    cr_impute_name(spec->impute), spec->group,
			    spec->group, imp_name(imp, IMP_META),
			    list != NULL ? "its groups: " : "it has none",
			    list != NULL ? list : "");
			free(list);
			return (-2);
		}
	}
	if ((spec->impute == CR_IMPUTE_LINEAR ||
	    spec->impute == CR_IMPUTE_LOCF) && imp->n_periods < 2) {
		*cause = xasprintf("--impute %s: fills gaps across years, "
		    "and %s has %s", cr_impute_name(spec->impute),
		    imp_name(imp, IMP_DATA), imp->n_periods == 0 ?
		    "no Time column" : "one year only");
		return (-2);
	}
	for (k = 0; k < imp->n_indicators; k++)
		any |= *imp->items[imp->ind_item[k]].denominator != '\0';
	if (spec->denominate && !any) {
		*cause = xasprintf("--denominate: no indicator of %s names a "
		    "Denominator", imp_name(imp, IMP_META));
		return (-2);
	}
	return (0);
}

static void
fill_table(struct cr_import *imp, struct cr_prep_table *t)
{
	const struct cr_import_row	*r;
	size_t				 i, k, *unit, *period;
	double				*time;

	t->n_rows = imp->n_rows;
	t->n_ind = imp->n_indicators;
	t->x = xcalloc(t->n_rows * t->n_ind + 1, sizeof *t->x);
	unit = xcalloc(t->n_rows + 1, sizeof *unit);
	period = xcalloc(t->n_rows + 1, sizeof *period);
	for (i = 0; i < imp->n_rows; i++) {
		r = &imp->rows[i];
		unit[i] = r->unit;
		period[i] = imp->n_periods > 0 ? r->period : 0;
		for (k = 0; k < t->n_ind; k++)
			t->x[i * t->n_ind + k] =
			    r->num[imp->items[imp->ind_item[k]].slot];
	}
	t->unit = unit;
	t->period = period;
	t->n_units = imp->n_units;
	t->n_periods = imp->n_periods > 0 ? imp->n_periods : 1;
	time = xcalloc(t->n_periods + 1, sizeof *time);
	for (i = 0; i < imp->n_periods; i++)
		time[i] = strtod(imp->periods[i], NULL);
	t->time = time;
	t->period_name = (const char *const *)imp->periods;
	imp->imputed = xcalloc(t->n_rows * t->n_ind + 1, 1);
	imp->dropped = xcalloc(t->n_rows + 1, 1);
	t->imputed = imp->imputed;
	t->dropped = imp->dropped;
}

/* The prepared values back into the rows; units kept somewhere. */
static void
take_back(struct cr_import *imp, const struct cr_prep_table *t)
{
	size_t	i, k;

	imp->unit_kept = xcalloc(imp->n_units + 1, 1);
	imp->n_missing = 0;
	for (i = 0; i < imp->n_rows; i++) {
		if (imp->dropped[i])
			continue;
		imp->unit_kept[imp->rows[i].unit] = 1;
		for (k = 0; k < t->n_ind; k++) {
			imp->rows[i].num[imp->items[imp->ind_item[k]].slot] =
			    t->x[i * t->n_ind + k];
			imp->n_missing += isnan(t->x[i * t->n_ind + k]);
		}
	}
	imp->n_kept_units = 0;
	for (i = 0; i < imp->n_units; i++)
		imp->n_kept_units += imp->unit_kept[i];
}

int
cr_import_prepare(struct cr_import *imp, const struct cr_prep_spec *spec,
    char **cause)
{
	struct cr_prep_table	 t;
	double			*den = NULL;
	int			*den_of, *group = NULL, gi, rc;

	*cause = NULL;
	if (imp->n_errors > 0 || imp->prepared)
		return (-1);
	indicators(imp);
	if ((rc = check_spec(imp, spec, &gi, cause)) != 0)
		return (rc);
	memset(&t, 0, sizeof t);
	fill_table(imp, &t);
	den_of = xcalloc(imp->n_indicators + 1, sizeof *den_of);
	denominators(imp, &t, den_of, &den);
	t.den = den;
	t.den_of = den_of;
	if (gi != -1) {
		group = group_ids(imp, gi, &t.n_groups);
		t.group = group;
	}
	rc = cr_prepare(spec, &t, &imp->report, cause);
	if (rc == 0) {
		take_back(imp, &t);
		imp->prepared = 1;
		imp->recipe = cr_prep_recipe(spec);
		imp->prep_group = spec->group != NULL ?
		    xstrdup(spec->group) : NULL;
		imp->prep_screen = spec->screen;
		imp->prep_impute = spec->impute;
	}
	free(t.x);
	free((void *)t.unit);
	free((void *)t.period);
	free((void *)t.time);
	free(den);
	free(den_of);
	free(group);
	return (rc);
}

static const char *
ind_code(const struct cr_import *imp, const struct cr_prep_note *n)
{
	return (n->ind == SIZE_MAX ? "" :
	    imp->items[imp->ind_item[n->ind]].code);
}

static const char *
unit_code(const struct cr_import *imp, const struct cr_prep_note *n)
{
	return (n->row == SIZE_MAX ? "" :
	    imp->units[imp->rows[n->row].unit].code);
}

const char *
cr_import_note_period(const struct cr_import *imp,
    const struct cr_prep_note *n)
{
	return (imp->n_periods > 0 && n->period != SIZE_MAX ?
	    imp->periods[n->period] : "");
}

const char *
cr_import_note_indicator(const struct cr_import *imp,
    const struct cr_prep_note *n)
{
	return (ind_code(imp, n));
}

const char *
cr_import_note_unit(const struct cr_import *imp,
    const struct cr_prep_note *n)
{
	return (unit_code(imp, n));
}

const char *
cr_import_note_group(const struct cr_import *imp,
    const struct cr_prep_note *n)
{
	return (n->group < 0 ? "" : imp->group_names[n->group]);
}

/* " (2018)" in a panel, else nothing. */
static char *
when(const struct cr_import *imp, const struct cr_prep_note *n)
{
	const char	*p = cr_import_note_period(imp, n);

	/* One year is the data set's year: no need to say it each time. */
	return (imp->n_periods < 2 ? xstrdup("") : xasprintf(" (%s)", p));
}

static char *
treat_text(const struct cr_import *imp, const struct cr_prep_note *n,
    const char *w)
{
	const char	*c = ind_code(imp, n);

	switch (n->what) {
	case CR_PREP_TOO_FEW:
		return (xasprintf("%s%s: %zu values, too few to test for "
		    "outliers (%d needed)", c, w, n->n, CR_PREP_MIN_TREAT));
	case CR_PREP_PASSED:
		return (xasprintf("%s%s: skew %.3f, kurtosis %.3f: no "
		    "outliers", c, w, n->a, n->b));
	case CR_PREP_WINSORISED:
		return (xasprintf("%s%s: winsorised %zu point%s; skew %.3f -> "
		    "%.3f, kurtosis %.3f -> %.3f", c, w, n->n, n->n == 1 ?
		    "" : "s", n->a, n->c, n->b, n->d));
	default:
		return (xasprintf("%s%s: winsorising %zu point%s did not "
		    "pass; log-transformed instead; skew %.3f -> %.3f, "
		    "kurtosis %.3f -> %.3f", c, w, n->n, n->n == 1 ? "" : "s",
		    n->a, n->c, n->b, n->d));
	}
}

char *
cr_import_note_text(const struct cr_import *imp,
    const struct cr_prep_note *n)
{
	char	*w = when(imp, n), *s;
	const char *c = ind_code(imp, n);

	switch (n->what) {
	case CR_PREP_DENOM_ZERO:
	case CR_PREP_DENOM_MISSING:
		s = xasprintf("%s of %s%s: its denominator %s is %s; the "
		    "value is left missing", c, unit_code(imp, n), w,
		    imp->items[imp->ind_item[n->ind]].denominator,
		    n->what == CR_PREP_DENOM_ZERO ? "0" : "missing");
		break;
	case CR_PREP_IMPUTED:
		s = xasprintf("%s%s: %zu value%s imputed (%s%s%s)", c, w,
		    n->n, n->n == 1 ? "" : "s", cr_impute_name(
		    imp->prep_impute), imp->prep_group != NULL ? " within " :
		    "", imp->prep_group != NULL ? imp->prep_group : "");
		break;
	case CR_PREP_EMPTY_GROUP:
		s = xasprintf("%s%s: group %s has no value; its %zu missing "
		    "value%s stay%s missing", c, w,
		    cr_import_note_group(imp, n), n->n, n->n == 1 ? "" : "s",
		    n->n == 1 ? "s" : "");
		break;
	case CR_PREP_NOT_IMPUTED:
		s = xasprintf("%s%s: %zu value%s left missing (nothing to "
		    "impute from)", c, w, n->n, n->n == 1 ? "" : "s");
		break;
	case CR_PREP_DROPPED:
		s = xasprintf("%s%s dropped: %.1f%% of its indicator values, "
		    "below %g%%", unit_code(imp, n), w, n->a * 100,
		    imp->prep_screen * 100);
		break;
	default:
		s = treat_text(imp, n, w);
		break;
	}
	free(w);
	return (s);
}
