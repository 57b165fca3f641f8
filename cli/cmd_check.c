/*
 * cityrank check [--db FILE]: is a data set file damaged?  The file is
 * not loaded first: a damaged one would not load, and that is when the
 * question is asked.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "db.h"
#include "emit.h"
#include "xmalloc.h"

int
cmd_check(struct cli *c)
{
	FILE	*fp;
	char	*buf = NULL, *why = NULL;
	size_t	 len = 0;
	int	 rc;

	if (c->nargs > 0) {
		cli_error("check takes no arguments (got '%s'; use --db FILE)",
		    c->args[0]);
		return (CR_EXIT_USAGE);
	}
	if ((fp = open_memstream(&buf, &len)) == NULL)
		xalloc_die();
	rc = cr_db_check(c->check_path, fp, &why);
	fclose(fp);
	/* The report quotes the file: it goes out through the one layer. */
	emit_text(stdout, buf);
	free(buf);
	if (rc < 0) {
		cli_error("%s", why);
		free(why);
		return (CR_EXIT_FAIL);
	}
	return (rc == 0 ? CR_EXIT_OK : CR_EXIT_FAIL);
}
