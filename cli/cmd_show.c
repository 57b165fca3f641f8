/* cityrank show CITY: one city, every node, with where numbers came from. */
#include "config.h"

#include <stdlib.h>

#include "cli.h"
#include "match.h"
#include "tables.h"

int
cmd_show(struct cli *c)
{
	struct out_table	 t;
	char			*why = NULL;
	int			 e;

	if (c->nargs != 1) {
		cli_error("show needs one CITY (a name, a pinyin name or a "
		    "pattern)");
		return (CR_EXIT_USAGE);
	}
	if ((e = cr_match_city(c->sess->ds->model, c->args[0], &why)) < 0) {
		cli_error("%s", why);
		free(why);
		return (CR_EXIT_USAGE);
	}
	out_init(&t);
	t.format = c->format;
	t.ascii = c->ascii;
	table_show(c->sess, e, &t);
	return (cli_print(c, &t));
}
