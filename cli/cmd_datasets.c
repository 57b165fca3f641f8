/*
 * cityrank datasets: the bundled data sets, what --dataset NAME opens.
 * Each is loaded to count what it holds, so a row says what the file
 * says, not what the table in dbpath.c hopes.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "cli.h"
#include "db.h"
#include "emit.h"
#include "xmalloc.h"

static void
columns(struct out_table *t)
{
	out_col(t, "name", "Name", 0);
	out_col(t, "title", "Title", 0);
	out_col(t, "units", "Units", 1);
	out_col(t, "indicators", "Indicators", 1);
	out_col(t, "years", "Years", 1);
	out_col(t, "source", "Source", 0);
	out_col(t, "licence", "Licence", 0);
	out_col(t, "path", "Path", 0);
}

/* One row; -1 and *why when the file does not load. */
static int
row(struct out_table *t, const struct cli_bundled *b, char **why)
{
	struct cr_dataset	*ds;
	char			*path = cli_bundled_path(b);
	int			 rc;

	rc = cr_db_load(path, &ds, why);
	out_str(t, b->name);
	if (rc != 0) {
		out_str(t, "");
		out_num(t, NAN, 0);
		out_num(t, NAN, 0);
		out_num(t, NAN, 0);
		out_str(t, "");
		out_str(t, "");
	} else {
		out_str(t, *ds->title_en != '\0' ? ds->title_en :
		    ds->title_zh);
		out_int(t, (long)ds->model->n_entities);
		out_int(t, (long)ds->model->n_leaves);
		out_int(t, (long)(ds->n_periods > 0 ? ds->n_periods : 1));
		out_str(t, ds->source);
		out_str(t, ds->licence);
		cr_dataset_free(ds);
	}
	out_str(t, path);
	free(path);
	return (rc);
}

int
cmd_datasets(struct cli *c)
{
	const struct cli_bundled	*b;
	struct out_table		 t;
	char				*why = NULL, *note;
	int				 failed = 0;

	if (c->nargs > 0) {
		cli_error("datasets takes no arguments (got '%s')",
		    c->args[0]);
		return (CR_EXIT_USAGE);
	}
	out_init(&t);
	t.format = c->format;
	t.ascii = c->ascii;
	columns(&t);
	for (b = cli_bundled; b->name != NULL; b++) {
		if (row(&t, b, &why) == 0)
			continue;
		failed = 1;
		note = xasprintf("%s does not load: %s", b->name, why);
		out_note(&t, note);
		free(note);
		free(why);
		why = NULL;
	}
	out_note(&t, "Open one with 'cityrank --dataset NAME'; the first "
	    "is the default.");
	if (cli_print(c, &t) != CR_EXIT_OK)
		return (CR_EXIT_FAIL);
	return (failed ? CR_EXIT_FAIL : CR_EXIT_OK);
}
