/*
 * cityrank datasets: the bundled data sets, what --dataset NAME opens,
 * and the files imported lately (session/datasets.h, which the
 * explorer's list shares).  Each is loaded to count what it holds, so
 * a row says what the file says, not what a table hopes.
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
	out_col(t, "kind", "Kind", 0);
}

static void
row(struct out_table *t, const struct session_dsinfo *d)
{
	out_str(t, d->name);
	out_str(t, d->title);
	if (d->why != NULL) {
		out_num(t, NAN, 0);
		out_num(t, NAN, 0);
		out_num(t, NAN, 0);
	} else {
		out_int(t, (long)d->units);
		out_int(t, (long)d->indicators);
		out_int(t, (long)d->years);
	}
	out_str(t, d->source);
	out_str(t, d->licence);
	out_str(t, d->path);
	out_str(t, d->bundled ? "bundled" : "import");
}

int
cmd_datasets(struct cli *c)
{
	struct session_dsinfo	*list;
	struct out_table	 t;
	char			*note;
	size_t			 n, i;
	int			 failed = 0, imports = 0;

	if (c->nargs > 0) {
		cli_error("datasets takes no arguments (got '%s')",
		    c->args[0]);
		return (CR_EXIT_USAGE);
	}
	out_init(&t);
	t.format = c->format;
	t.ascii = c->ascii;
	columns(&t);
	session_datasets(&list, &n);
	for (i = 0; i < n; i++) {
		row(&t, &list[i]);
		imports |= !list[i].bundled;
		if (list[i].why == NULL)
			continue;
		/* A recent import that no longer loads is not ours to fix. */
		failed |= list[i].bundled;
		note = xasprintf("%s does not load: %s", list[i].name,
		    list[i].why);
		out_note(&t, note);
		free(note);
	}
	session_datasets_free(list, n);
	out_note(&t, imports ? "Open one with 'cityrank --dataset NAME' "
	    "(bundled; the first is the default) or 'cityrank --db PATH' "
	    "(an import)." : "Open one with 'cityrank --dataset NAME'; the "
	    "first is the default.");
	if (cli_print(c, &t) != CR_EXIT_OK)
		return (CR_EXIT_FAIL);
	return (failed ? CR_EXIT_FAIL : CR_EXIT_OK);
}
