/*
 * cityrank import: a COINr data table and metadata table into a data
 * set file.  Every problem found is listed, one line each on standard
 * error; the file is written only when there are none.
 */
#include "config.h"

#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"
#include "emit.h"
#include "import.h"
#include "xmalloc.h"

/* Lines quote the files, which may hold anything: one line each. */
static void
print_diags(const struct cr_import *imp)
{
	size_t	 i;

	for (i = 0; i < imp->n_diags; i++)
		emit_line(stderr, "%s", imp->diags[i].text);
}

static int
failed(const struct cr_import *imp, const char *out)
{
	char	 more[64] = "";
	size_t	 shown = 0, i;

	for (i = 0; i < imp->n_diags; i++)
		shown += !imp->diags[i].warning;
	if (shown < imp->n_errors)
		snprintf(more, sizeof more, " (the first %zu shown)", shown);
	emit_err("import: %zu error%s%s; nothing written to %s",
	    imp->n_errors, imp->n_errors == 1 ? "" : "s", more, out);
	return (CR_EXIT_FAIL);
}

static void
summary(const struct cr_import *imp, const char *out)
{
	struct stat	 sb;
	char		*years, size[64] = "";

	if (imp->n_periods > 1)
		years = xasprintf("%zu years (%s to %s), ", imp->n_periods,
		    imp->periods[0], imp->periods[imp->n_periods - 1]);
	else if (imp->n_periods == 1)
		years = xasprintf("year %s, ", imp->periods[0]);
	else
		years = xstrdup("");
	/* Decimal units, as df -H and the benchmarks give them. */
	if (stat(out, &sb) == 0) {
		if (sb.st_size < 1000 * 1000)
			snprintf(size, sizeof size, "; %.0f kB",
			    (double)sb.st_size / 1e3);
		else
			snprintf(size, sizeof size, "; %.1f MB",
			    (double)sb.st_size / 1e6);
	}
	emit_line(stdout, "wrote %s: %zu units, %zu indicators in %zu "
	    "levels, %s%zu missing values%s", out, imp->prepared ?
	    imp->n_kept_units : imp->n_units, imp->n_indicators,
	    imp->n_levels, years, imp->n_missing, size);
	free(years);
}

/* The option strings as a spec; a usage error names the option. */
static int
parse_spec(const struct cli *c, struct cr_prep_spec *s)
{
	static const char *const names[] = { "--impute", "--screen",
	    "--treat" };
	const char	*arg[3] = { c->import_impute, c->import_screen,
	    c->import_treat };
	int		(*fn[3])(struct cr_prep_spec *, const char *,
	    char **) = { cr_prep_parse_impute, cr_prep_parse_screen,
	    cr_prep_parse_treat };
	char		*why;
	int		 i;

	cr_prep_spec_init(s);
	s->denominate = c->import_denominate;
	for (i = 0; i < 3; i++) {
		if (arg[i] == NULL || fn[i](s, arg[i], &why) == 0)
			continue;
		emit_err("%s: %s", names[i], why);
		emit_line(stderr, "Try 'cityrank --help'.");
		free(why);
		return (-1);
	}
	return (0);
}

/* Notes a user should see at once; the rest are in the file. */
static int
shown(enum cr_prep_what w)
{
	return (w == CR_PREP_DENOM_ZERO || w == CR_PREP_DENOM_MISSING ||
	    w == CR_PREP_EMPTY_GROUP || w == CR_PREP_NOT_IMPUTED ||
	    w == CR_PREP_DROPPED || w == CR_PREP_WINSORISED ||
	    w == CR_PREP_LOGGED || w == CR_PREP_TOO_FEW);
}

#define NOTES_SHOWN	20

static void
prep_summary(const struct cr_import *imp)
{
	const struct cr_prep_report	*r = &imp->report;
	size_t				 i, n = 0;
	char				*s;

	emit_line(stdout, "prepared: %s", imp->recipe);
	emit_line(stdout, "  %zu values imputed, %zu %s dropped, %zu "
	    "indicators winsorised (%zu points), %zu log-transformed, %zu "
	    "denominators 0 or missing", r->n_imputed, r->n_dropped,
	    imp->n_periods > 1 ? "unit-years" : "units",
	    r->count[CR_PREP_WINSORISED], r->n_winsorised,
	    r->count[CR_PREP_LOGGED], r->count[CR_PREP_DENOM_ZERO] +
	    r->count[CR_PREP_DENOM_MISSING]);
	for (i = 0; i < r->n_notes; i++) {
		if (!shown(r->notes[i].what))
			continue;
		if (n++ == NOTES_SHOWN)
			continue;
		s = cr_import_note_text(imp, &r->notes[i]);
		emit_line(stdout, "  %s", s);
		free(s);
	}
	if (n > NOTES_SHOWN)
		emit_line(stdout, "  and %zu more (all of them in the file's "
		    "prep_note table)", n - NOTES_SHOWN);
}

/* For 'cityrank datasets' and the explorer's O; the import stands anyway. */
static void
remember(const char *out)
{
	char	*why = NULL;

	if (session_recent_add(out, &why) != 0)
		emit_err("warning: not listed among the recent imports: %s",
		    why);
	free(why);
}

int
cmd_import(struct cli *c)
{
	struct cr_import	*imp;
	struct cr_prep_spec	 spec;
	char			*why = NULL;
	int			 rc = CR_EXIT_OK, prc;

	if (parse_spec(c, &spec) != 0)
		return (CR_EXIT_USAGE);
	/* Fail fast, before reading anything; the writer checks again. */
	if (!c->import_force && access(c->import_out, F_OK) == 0) {
		emit_err("%s exists; not overwritten (use --force to replace "
		    "it)", c->import_out);
		cr_prep_spec_free(&spec);
		return (CR_EXIT_FAIL);
	}
	imp = cr_import_read(c->import_data, c->import_meta);
	print_diags(imp);
	if (imp->n_errors > 0)
		rc = failed(imp, c->import_out);
	else if (cr_prep_any(&spec) &&
	    (prc = cr_import_prepare(imp, &spec, &why)) != 0) {
		emit_err("import: %s; nothing written to %s", why,
		    c->import_out);
		rc = prc == -2 ? CR_EXIT_USAGE : CR_EXIT_FAIL;
	} else if (cr_import_write(imp, c->import_out, c->import_force,
	    &why) != 0) {
		emit_err("import: %s", why);
		rc = CR_EXIT_FAIL;
	} else {
		summary(imp, c->import_out);
		if (imp->prepared)
			prep_summary(imp);
		remember(c->import_out);
	}
	free(why);
	cr_prep_spec_free(&spec);
	cr_import_free(imp);
	return (rc);
}
