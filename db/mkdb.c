/*
 * mkdb: build the bundled data sets at make time.
 *
 *	mkdb DATADIR OUT		the 26 cities, from the CSV files in data
 *	mkdb --asem FIXTUREDIR OUT	COINr's ASEM example, prepared as
 *					COINr's own example prepares it
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "import.h"
#include "xmalloc.h"

/*
 * COINr's build_example_coin() (R/examples.R): denominate, impute the
 * mean within EurAsia_group, screen at 0.9, winsorise up to 5 points;
 * min-max 0-100 and the arithmetic mean are the import's default preset.
 */
static int
asem(const char *dir, const char *out, char **cause)
{
	struct cr_import	*imp;
	struct cr_prep_spec	 spec;
	char			*data, *meta, *why = NULL;
	int			 rc = -1;

	data = xasprintf("%s/ASEM_iData.csv", dir);
	meta = xasprintf("%s/ASEM_iMeta.csv", dir);
	cr_prep_spec_init(&spec);
	spec.denominate = 1;
	if (cr_prep_parse_impute(&spec, "mean_group:EurAsia_group",
	    &why) != 0 || cr_prep_parse_screen(&spec, "0.9", &why) != 0 ||
	    cr_prep_parse_treat(&spec, "winsorise:5", &why) != 0) {
		*cause = why;
		goto out;
	}
	imp = cr_import_read(data, meta);
	if (imp->n_errors > 0) {
		*cause = xasprintf("%s", imp->diags[0].text);
		cr_import_free(imp);
		goto out;
	}
	imp->ds_name = "asem";
	imp->ds_title = "ASEM Sustainable Connectivity (COINr example)";
	imp->ds_source = "JRC ASEM Sustainable Connectivity portal "
	    "(official statistics), via COINr 1.1.14's example data "
	    "(github.com/bluefoxr/COINr)";
	imp->ds_licence = "MIT (COINr's example data; see asem-LICENSE.md)";
	imp->row_origin = "JRC ASEM portal via COINr";
	imp->prov = "official";
	if (cr_import_prepare(imp, &spec, &why) != 0 ||
	    cr_import_write(imp, out, 1, &why) != 0)
		*cause = why;
	else
		rc = 0;
	cr_import_free(imp);
out:
	cr_prep_spec_free(&spec);
	free(data);
	free(meta);
	return (rc);
}

int
main(int argc, char **argv)
{
	char	*cause = NULL;
	int	 rc;

	cr_db_init();
	if (argc == 4 && strcmp(argv[1], "--asem") == 0)
		rc = asem(argv[2], argv[3], &cause);
	else if (argc == 3 && argv[1][0] != '-')
		rc = cr_db_build(argv[1], argv[2], &cause);
	else {
		fprintf(stderr, "usage: mkdb DATADIR OUT.db\n"
		    "       mkdb --asem FIXTUREDIR OUT.db\n");
		return (2);
	}
	if (rc != 0) {
		fprintf(stderr, "mkdb: %s\n", cause);
		free(cause);
		return (1);
	}
	return (0);
}
