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
	struct cli_progress	 p;
	char			*why = NULL;
	int			 rc;

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
	if (!c->flips)
		return (cli_print_table(c, table_rank));
	/* Minutes at thousands of units: a terminal sees how far. */
	c->sess->progress = cli_progress_start(&p, "rank --flips",
	    c->sess->ds->model->n_entities, "units");
	c->sess->progress_arg = &p;
	rc = cli_print_table(c, table_rank_flips);
	c->sess->progress = NULL;
	cli_progress_done(&p);
	return (rc);
}
