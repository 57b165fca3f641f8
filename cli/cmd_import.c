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
	    "levels, %s%zu missing values%s", out, imp->n_units,
	    imp->n_indicators, imp->n_levels, years, imp->n_missing, size);
	free(years);
}

int
cmd_import(struct cli *c)
{
	struct cr_import	*imp;
	char			*why = NULL;
	int			 rc = CR_EXIT_OK;

	/* Fail fast, before reading anything; the writer checks again. */
	if (!c->import_force && access(c->import_out, F_OK) == 0) {
		emit_err("%s exists; not overwritten (use --force to replace "
		    "it)", c->import_out);
		return (CR_EXIT_FAIL);
	}
	imp = cr_import_read(c->import_data, c->import_meta);
	print_diags(imp);
	if (imp->n_errors > 0)
		rc = failed(imp, c->import_out);
	else if (cr_import_write(imp, c->import_out, c->import_force,
	    &why) != 0) {
		emit_err("import: %s", why);
		rc = CR_EXIT_FAIL;
	} else
		summary(imp, c->import_out);
	free(why);
	cr_import_free(imp);
	return (rc);
}
