/* cityrank rank: the cities ordered by one node's score. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "tables.h"
#include "xmalloc.h"

int
cmd_rank(struct cli *c)
{
	char	*why = NULL;

	if (c->nargs > 0) {
		cli_error("rank takes no arguments (got '%s')", c->args[0]);
		return (CR_EXIT_USAGE);
	}
	/* The flips are solved for, as stability's intervals are. */
	if (c->flips && cr_scenario_solvable(c->sess->ds->model,
	    c->sess->sc, "--flips", &why) != 0) {
		cli_error("%s", why);
		free(why);
		return (CR_EXIT_USAGE);
	}
	return (cli_print_table(c, c->flips ? table_rank_flips : table_rank));
}
