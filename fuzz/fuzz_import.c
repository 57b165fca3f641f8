/*
 * libFuzzer target for the importer's reading and validation.  The
 * input holds both tables: the data table, a line "@@META@@", then the
 * metadata table (without the marker, all of it is the data table and
 * the metadata is a small valid one).  Checks: every problem is located
 * in one of the two files, errors are counted among the problems, and
 * an import without errors is consistent.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "import.h"

static const char fallback_meta[] =
    "Level,iCode,iName,Direction,Weight,Unit,Target,Parent,Type\n"
    "1,a,A,1,1,,,P,Indicator\n"
    "1,b,B,-1,2,,,P,Indicator\n"
    "2,P,Pillar,1,1,,,Index,Aggregate\n"
    "3,Index,Index,1,1,,,,Aggregate\n";

static char	data_path[64], meta_path[64];

static void
put(const char *path, const uint8_t *buf, size_t len)
{
	FILE	*fp = fopen(path, "wb");

	if (fp == NULL || fwrite(buf, 1, len, fp) != len || fclose(fp) != 0)
		abort();
}

static void
check(const struct cr_import *im)
{
	size_t	i;

	if (im->n_errors + im->n_warnings < im->n_diags ||
	    im->n_diags > CR_IMPORT_MAX_DIAGS)
		abort();
	for (i = 0; i < im->n_diags; i++)
		if (strncmp(im->diags[i].text, data_path,
		    strlen(data_path)) != 0 &&
		    strncmp(im->diags[i].text, meta_path,
		    strlen(meta_path)) != 0)
			abort();	/* a message that names no file */
	if (im->n_errors != 0)
		return;
	for (i = 0; i < im->n_rows; i++)
		if (im->rows[i].unit >= im->n_units ||
		    (im->n_periods > 0 && im->rows[i].period >= im->n_periods))
			abort();
	if (im->n_indicators > im->n_nodes)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *buf, size_t len)
{
	static const char	 mark[] = "\n@@META@@\n";
	struct cr_import	*im;
	const uint8_t		*m;

	if (data_path[0] == '\0') {
		snprintf(data_path, sizeof data_path, "/tmp/fuzz-import-%d-data.csv",
		    (int)getpid());
		snprintf(meta_path, sizeof meta_path, "/tmp/fuzz-import-%d-meta.csv",
		    (int)getpid());
	}
	m = memmem(buf, len, mark, sizeof mark - 1);
	if (m != NULL) {
		put(data_path, buf, (size_t)(m - buf));
		m += sizeof mark - 1;
		put(meta_path, m, len - (size_t)(m - buf));
	} else {
		put(data_path, buf, len);
		put(meta_path, (const uint8_t *)fallback_meta,
		    sizeof fallback_meta - 1);
	}
	im = cr_import_read(data_path, meta_path);
	check(im);
	cr_import_free(im);
	return (0);
}
