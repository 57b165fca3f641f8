/*
 * The data table: uCode, an optional uName and Time, then one column an
 * item of the metadata.  Each row is one unit, or one unit in one Time
 * (a panel).  Cells are kept as read; an empty cell (or R's NA) is a
 * missing value, anything else in a numeric column must be a number.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "import_priv.h"
#include "num.h"
#include "xmalloc.h"

struct data {
	struct cr_import	*imp;
	struct cr_csv		 csv;
	size_t			 ncols;
	size_t			 ucode, uname, time;	/* SIZE_MAX: absent */
	int			*item_of;	/* column -> item, or -1 */
	struct strmap		 units;		/* uCode -> unit */
	struct strmap		 pairs;		/* "unit Time" -> line */
	struct strmap		 periods;	/* Time -> index, unsorted */
	double			*period_value;
	size_t			 records;	/* rows after the header */
	char			 sbuf[48];
};

struct period_key {
	double	v;
	size_t	i;
};

static const char *
q(struct data *d, const char *s)
{
	return (imp_short(s, d->sbuf, sizeof d->sbuf));
}

static void __attribute__((format(printf, 3, 4)))
error(struct data *d, size_t field, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	imp_verror(d->imp, IMP_DATA, d->csv.field_line[field],
	    d->csv.field_col[field], fmt, ap);
	va_end(ap);
}

static const char *
type_name(enum cr_import_type t)
{
	static const char *const names[] = {
		"Indicator", "Aggregate", "Group", "Denominator", "Other"
	};

	return (names[t]);
}

/* A data column against the metadata: described, and not computed. */
static void
map_item(struct data *d, const struct strmap *codes, size_t j)
{
	struct cr_import	*imp = d->imp;
	const char		*name = d->csv.field[j];
	size_t			 i;

	if (!imp->meta_ok)
		return;
	if ((i = strmap_get(codes, name)) == SIZE_MAX) {
		error(d, j, "column '%s' has no row in %s (give it one, of "
		    "Type Other to keep it as a context variable, or delete "
		    "the column)", q(d, name), imp_name(imp, IMP_META));
		return;
	}
	if (imp->items[i].type == CR_IMPORT_AGGREGATE) {
		error(d, j, "'%s' is an Aggregate in %s: aggregate scores are "
		    "computed, not read", name, imp_name(imp, IMP_META));
		return;
	}
	imp->items[i].column = (int)j;
	d->item_of[j] = (int)i;
}

/* Every item that is read needs its column. */
static void
check_items(struct data *d)
{
	struct cr_import	*imp = d->imp;
	struct cr_import_item	*it;
	size_t			 i;

	if (!imp->meta_ok)
		return;
	for (i = 0; i < imp->n_items; i++) {
		it = &imp->items[i];
		if (it->invalid || it->type == CR_IMPORT_AGGREGATE ||
		    it->column != -1)
			continue;
		imp_error(imp, IMP_META, it->line, it->code_col, "%s '%s' has "
		    "no column in %s", type_name(it->type), it->code,
		    imp_name(imp, IMP_DATA));
	}
}

static void
header(struct data *d)
{
	struct cr_import	*imp = d->imp;
	struct strmap		 names, codes;
	const char		*name;
	size_t			 j, first;

	memset(&names, 0, sizeof names);
	memset(&codes, 0, sizeof codes);
	for (j = 0; j < imp->n_items; j++)
		if (!imp->items[j].invalid)
			strmap_put(&codes, imp->items[j].code, j);
	d->ncols = d->csv.n_fields;
	d->ucode = d->uname = d->time = SIZE_MAX;
	d->item_of = xcalloc(d->ncols, sizeof *d->item_of);
	for (j = 0; j < d->ncols; j++) {
		d->item_of[j] = -1;
		name = d->csv.field[j];
		if (*name == '\0') {
			error(d, j, "empty column name");
			continue;
		}
		if ((first = strmap_put(&names, name, j)) != j) {
			error(d, j, "duplicate column '%s' (first at column "
			    "%zu)", q(d, name), d->csv.field_col[first]);
			continue;
		}
		if (strcmp(name, "uCode") == 0)
			d->ucode = j;
		else if (strcmp(name, "uName") == 0)
			d->uname = j;
		else if (strcmp(name, "Time") == 0)
			d->time = j;
		else
			map_item(d, &codes, j);
	}
	if (d->ucode == SIZE_MAX)
		imp_error(imp, IMP_DATA, d->csv.record_line, 1, "missing "
		    "column 'uCode' (the unit codes)");
	check_items(d);
	strmap_free(&names);
	strmap_free(&codes);
}

/* The period index of a Time cell, or SIZE_MAX after an error. */
static size_t
period(struct data *d)
{
	const char	*s = d->csv.field[d->time];
	double		 v;
	char		 buf[32];
	size_t		 n = d->periods.n, i;

	if (*s == '\0') {
		error(d, d->time, "empty Time");
		return (SIZE_MAX);
	}
	if (imp_number(s, &v) != 0 || v != floor(v) || fabs(v) > 1e15) {
		error(d, d->time, "Time '%s' is not a whole number (a year)",
		    q(d, s));
		return (SIZE_MAX);
	}
	/* One spelling a year: "2018" and "2018.0" are the same. */
	snprintf(buf, sizeof buf, "%.0f", v);
	if ((i = strmap_put(&d->periods, buf, n)) == n) {
		d->period_value = xreallocarray(d->period_value, n + 1,
		    sizeof *d->period_value);
		d->period_value[n] = v;
	}
	return (i);
}

/* The unit of this row, or SIZE_MAX after an error. */
static size_t
unit(struct data *d, size_t per)
{
	struct cr_import	*imp = d->imp;
	const char		*code = d->csv.field[d->ucode], *name;
	size_t			 u, n = imp->n_units, first;
	char			*key;

	if (*code == '\0') {
		error(d, d->ucode, "empty uCode");
		return (SIZE_MAX);
	}
	if ((u = strmap_put(&d->units, code, n)) == n) {
		name = d->uname != SIZE_MAX ? d->csv.field[d->uname] : "";
		imp->units = xreallocarray(imp->units, n + 1,
		    sizeof *imp->units);
		imp->units[n].code = xstrdup(code);
		imp->units[n].name = xstrdup(*name != '\0' ? name : code);
		imp->units[n].line = d->csv.record_line;
		imp->n_units++;
		if (d->time == SIZE_MAX)
			return (u);
	} else if (d->time == SIZE_MAX) {
		error(d, d->ucode, "duplicate uCode '%s' (first on line %zu)",
		    q(d, code), imp->units[u].line);
		return (SIZE_MAX);
	}
	if (per == SIZE_MAX)
		return (SIZE_MAX);
	key = xasprintf("%zu %zu", u, per);
	first = strmap_put(&d->pairs, key, d->csv.record_line);
	free(key);
	if (first != d->csv.record_line) {
		error(d, d->ucode, "duplicate uCode '%s' for Time %s (first "
		    "on line %zu)", q(d, code), d->csv.field[d->time], first);
		return (SIZE_MAX);
	}
	return (u);
}

/* Read the cells of the row's items; 0 when all of them are good. */
static int
cells(struct data *d, struct cr_import_row *r)
{
	struct cr_import	*imp = d->imp;
	struct cr_import_item	*it;
	const char		*s;
	char			*why;
	size_t			 j;
	int			 rc = 0;

	r->num = xcalloc(imp->n_num + 1, sizeof *r->num);
	r->text = xcalloc(imp->n_text + 1, sizeof *r->text);
	for (j = 0; j < imp->n_num; j++)
		r->num[j] = NAN;
	for (j = 0; j < d->ncols; j++) {
		if (d->item_of[j] < 0)
			continue;
		it = &imp->items[d->item_of[j]];
		s = d->csv.field[j];
		if (it->type == CR_IMPORT_GROUP) {
			if (*s != '\0')
				r->text[it->slot] = xstrdup(s);
		} else if (*s == '\0' || strcmp(s, "NA") == 0) {
			if (it->type == CR_IMPORT_INDICATOR)
				imp->n_missing++;
		} else if (cr_num_parse(s, &r->num[it->slot], &why) != 0) {
			error(d, j, "'%s' in column '%s' %s%s", q(d, s),
			    it->code, why, strcmp(why, CR_NUM_NOT_A_NUMBER) ==
			    0 ? " (leave the cell empty for a missing value)" :
			    "");
			free(why);
			rc = -1;
		}
	}
	return (rc);
}

static void
free_row(struct cr_import *imp, struct cr_import_row *r)
{
	size_t	j;

	for (j = 0; j < imp->n_text; j++)
		free(r->text[j]);
	free(r->text);
	free(r->num);
}

static void
row(struct data *d)
{
	struct cr_import	*imp = d->imp;
	struct cr_import_row	 r;
	size_t			 per = 0;
	int			 ok;

	if (d->csv.n_fields != d->ncols) {
		imp_error(imp, IMP_DATA, d->csv.record_line, 1, "%zu fields "
		    "where the header has %zu", d->csv.n_fields, d->ncols);
		return;
	}
	memset(&r, 0, sizeof r);
	r.line = d->csv.record_line;
	if (d->time != SIZE_MAX)
		per = period(d);
	/* Without uCode the cells are still worth checking. */
	ok = d->ucode != SIZE_MAX && per != SIZE_MAX &&
	    (r.unit = unit(d, per)) != SIZE_MAX;
	r.period = per;
	ok = cells(d, &r) == 0 && ok;
	if (!ok) {
		free_row(imp, &r);
		return;
	}
	imp->rows = xreallocarray(imp->rows, imp->n_rows + 1,
	    sizeof *imp->rows);
	imp->rows[imp->n_rows++] = r;
}

static int
period_cmp(const void *a, const void *b)
{
	const struct period_key	*x = a, *y = b;

	return (x->v < y->v ? -1 : x->v > y->v);
}

/* Periods in time order; rows were numbered in order of appearance. */
static void
sort_periods(struct data *d)
{
	struct cr_import	*imp = d->imp;
	struct period_key	*order;
	size_t			*rank, n = d->periods.n, i;

	if (n == 0)
		return;
	order = xcalloc(n, sizeof *order);
	rank = xcalloc(n, sizeof *rank);
	for (i = 0; i < n; i++) {
		order[i].v = d->period_value[i];
		order[i].i = i;
	}
	qsort(order, n, sizeof *order, period_cmp);
	imp->periods = xcalloc(n, sizeof *imp->periods);
	for (i = 0; i < n; i++) {
		rank[order[i].i] = i;
		imp->periods[i] = xasprintf("%.0f", order[i].v);
	}
	imp->n_periods = n;
	for (i = 0; i < imp->n_rows; i++)
		imp->rows[i].period = rank[imp->rows[i].period];
	free(order);
	free(rank);
}

void
imp_read_data(struct cr_import *imp, const char *buf, size_t len)
{
	struct data	d;
	int		rc;

	memset(&d, 0, sizeof d);
	d.imp = imp;
	cr_csv_init(&d.csv, buf, len);
	if ((rc = cr_csv_next(&d.csv)) == 0)
		imp_error(imp, IMP_DATA, 1, 1, "empty file: expected a header "
		    "row");
	else if (rc == 1) {
		header(&d);
		while ((rc = cr_csv_next(&d.csv)) == 1) {
			d.records++;
			row(&d);
		}
		if (rc == 0 && d.records == 0)
			imp_error(imp, IMP_DATA, 1, 1, "no units: no rows "
			    "after the header");
	}
	if (rc < 0)
		imp_error(imp, IMP_DATA, d.csv.err_line, d.csv.err_col, "%s",
		    d.csv.error);
	sort_periods(&d);
	cr_csv_free(&d.csv);
	strmap_free(&d.units);
	strmap_free(&d.pairs);
	strmap_free(&d.periods);
	free(d.period_value);
	free(d.item_of);
}
