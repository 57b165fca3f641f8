/*
 * cityrank stability [CITY] [--level L]: each weight's stability
 * interval, and the city's rank's, in closed form.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "match.h"
#include "tables.h"
#include "target.h"

int
cmd_stability(struct cli *c)
{
	const struct cr_model	*m = c->sess->ds->model;
	struct out_table	 t;
	int			*groups = NULL, unit = -1, rc;
	size_t			 n = 0;
	char			*why = NULL;

	if (c->nargs > 1) {
		cli_error("stability takes at most one CITY (got '%s' too)",
		    c->args[1]);
		return (CR_EXIT_USAGE);
	}
	if (m->nodes[c->sess->by].n_children == 0) {
		cli_error("stability: %s is a leaf: no weight moves its "
		    "ranking (rank by an aggregate)", m->nodes[c->sess->by].code);
		return (CR_EXIT_USAGE);
	}
	if (c->nargs == 1 &&
	    (unit = cr_match_city(m, c->args[0], &why)) < 0) {
		cli_error("%s", why);
		free(why);
		return (CR_EXIT_USAGE);
	}
	if (c->level != NULL && cr_target_level(m, c->sess->by, c->level,
	    &groups, &n, &why) != 0) {
		cli_error("--level: %s", why);
		free(why);
		return (CR_EXIT_USAGE);
	}
	out_init(&t);
	t.format = c->format;
	t.ascii = c->ascii;
	if (table_stability(c->sess, unit, groups, n, &t, &why) != 0) {
		cli_error("%s", why);
		free(why);
		free(groups);
		out_free(&t);
		return (CR_EXIT_FAIL);
	}
	free(groups);
	rc = cli_print(c, &t);
	return (rc);
}
