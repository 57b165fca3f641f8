/*
 * cityrank compare A B [C D]: cities side by side, the gap between the
 * first two split into each child's weighted contribution, and the
 * smallest single weight change that would swap them.
 */
#include "config.h"

#include <stdlib.h>

#include "cli.h"
#include "match.h"
#include "tables.h"

#define MAX_CITIES	4

static int
resolve(struct cli *c, int *e)
{
	const struct cr_model	*m = c->sess->ds->model;
	char			*why = NULL;
	int			 i, j;

	if (c->nargs < 2 || c->nargs > MAX_CITIES) {
		cli_error("compare needs 2 to %d cities (got %d)",
		    MAX_CITIES, c->nargs);
		return (-1);
	}
	for (i = 0; i < c->nargs; i++) {
		if ((e[i] = cr_match_city(m, c->args[i], &why)) < 0) {
			cli_error("%s", why);
			free(why);
			return (-1);
		}
		for (j = 0; j < i; j++)
			if (e[j] == e[i]) {
				cli_error("'%s' names %s twice", c->args[i],
				    m->entities[e[i]].name_en);
				return (-1);
			}
	}
	return (0);
}

int
cmd_compare(struct cli *c)
{
	struct out_table	 t;
	int			 e[MAX_CITIES];

	if (resolve(c, e) != 0)
		return (CR_EXIT_USAGE);
	out_init(&t);
	t.format = c->format;
	t.ascii = c->ascii;
	if (table_compare(c->sess, e, c->nargs, &t) != 0) {
		cli_error("cannot compare at '%s': it is an indicator; "
		    "compare at an aggregate (--by)",
		    c->sess->ds->model->nodes[c->sess->by].code);
		out_free(&t);
		return (CR_EXIT_USAGE);
	}
	return (cli_print(c, &t));
}
