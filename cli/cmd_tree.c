/* cityrank tree: the framework with weights and each node's share. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "tables.h"
#include "xmalloc.h"

int
cmd_tree(struct cli *c)
{
	if (c->nargs > 0) {
		cli_error("tree takes no arguments (got '%s')", c->args[0]);
		return (CR_EXIT_USAGE);
	}
	return (cli_print_table(c, table_tree));
}
