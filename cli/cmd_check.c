/*
 * cityrank check [--db FILE]: is a data set file damaged?  The file is
 * not loaded first: a damaged one would not load, and that is when the
 * question is asked.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "db.h"
#include "utf8.h"
#include "xmalloc.h"

/* The report quotes the file: every line is made safe on the way out. */
static void
print_safe(const char *buf)
{
	const char	*line, *nl;
	char		*one, *safe;

	for (line = buf; *line != '\0'; line = nl + 1) {
		if ((nl = strchr(line, '\n')) == NULL)
			nl = line + strlen(line);
		one = xstrndup(line, (size_t)(nl - line));
		safe = cr_sanitize(one);
		printf("%s\n", safe);
		free(safe);
		free(one);
		if (*nl == '\0')
			break;
	}
}

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
	print_safe(buf);
	free(buf);
	if (rc < 0) {
		cli_error("%s", why);
		free(why);
		return (CR_EXIT_FAIL);
	}
	return (rc == 0 ? CR_EXIT_OK : CR_EXIT_FAIL);
}
