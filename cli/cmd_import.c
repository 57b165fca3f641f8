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
#include "import.h"
#include "utf8.h"

/* Lines quote the files, which may hold anything: sanitise them. */
static void
print_diags(const struct cr_import *imp)
{
	char	*s;
	size_t	 i;

	for (i = 0; i < imp->n_diags; i++) {
		s = cr_sanitize(imp->diags[i].text);
		fprintf(stderr, "%s\n", s);
		free(s);
	}
}

static int
failed(const struct cr_import *imp, const char *out)
{
	size_t	shown = 0, i;

	for (i = 0; i < imp->n_diags; i++)
		shown += !imp->diags[i].warning;
	fprintf(stderr, "cityrank: import: %zu error%s", imp->n_errors,
	    imp->n_errors == 1 ? "" : "s");
	if (shown < imp->n_errors)
		fprintf(stderr, " (the first %zu shown)", shown);
	fprintf(stderr, "; nothing written to %s\n", out);
	return (CR_EXIT_FAIL);
}

static void
summary(const struct cr_import *imp, const char *out)
{
	struct stat	 sb;
	char		*s = cr_sanitize(out);

	printf("wrote %s: %zu units, %zu indicators in %zu levels, ", s,
	    imp->n_units, imp->n_indicators, imp->n_levels);
	if (imp->n_periods > 1)
		printf("%zu years (%s to %s), ", imp->n_periods,
		    imp->periods[0], imp->periods[imp->n_periods - 1]);
	else if (imp->n_periods == 1)
		printf("year %s, ", imp->periods[0]);
	printf("%zu missing values", imp->n_missing);
	/* Decimal units, as df -H and the benchmarks give them. */
	if (stat(out, &sb) == 0) {
		if (sb.st_size < 1000 * 1000)
			printf("; %.0f kB", (double)sb.st_size / 1e3);
		else
			printf("; %.1f MB", (double)sb.st_size / 1e6);
	}
	putchar('\n');
	free(s);
}

int
cmd_import(struct cli *c)
{
	struct cr_import	*imp;
	char			*why = NULL, *s;
	int			 rc = CR_EXIT_OK;

	/* Fail fast, before reading anything; the writer checks again. */
	if (!c->import_force && access(c->import_out, F_OK) == 0) {
		s = cr_sanitize(c->import_out);
		fprintf(stderr, "cityrank: %s exists; not overwritten (use "
		    "--force to replace it)\n", s);
		free(s);
		return (CR_EXIT_FAIL);
	}
	imp = cr_import_read(c->import_data, c->import_meta);
	print_diags(imp);
	if (imp->n_errors > 0)
		rc = failed(imp, c->import_out);
	else if (cr_import_write(imp, c->import_out, c->import_force,
	    &why) != 0) {
		s = cr_sanitize(why);
		fprintf(stderr, "cityrank: import: %s\n", s);
		free(s);
		rc = CR_EXIT_FAIL;
	} else
		summary(imp, c->import_out);
	free(why);
	cr_import_free(imp);
	return (rc);
}
