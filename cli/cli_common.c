/* Pieces every batch command shares. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "tables.h"
#include "xmalloc.h"

const char *
cli_prov_mark(enum cr_prov p)
{
	return (cr_prov_is_derived(p) ? "~" : " ");
}

void
cli_scenario_meta(struct cli *c, struct out_table *t)
{
	const struct cr_model	*m = c->ds->model;
	char			*s;

	out_meta(t, "data set", c->ds->title_zh[0] != '\0' ?
	    c->ds->title_zh : m->name);
	s = xasprintf("%s%s", c->sc->name, cr_scenario_differs(m, c->sc,
	    c->base) ? " (modified: weights or methods differ from the "
	    "baseline)" : "");
	out_meta(t, "scenario", s);
	free(s);
	if (c->sc->norm == CR_NORM_MINMAX)
		s = xasprintf("minmax %g-%g", c->sc->norm_lo, c->sc->norm_hi);
	else
		s = xstrdup(cr_norm_name(c->sc->norm));
	out_meta(t, "normalize", s);
	free(s);
	out_meta(t, "aggregate", cr_agg_name(c->sc->agg));
}

int
cli_print_table(struct cli *c, void (*build)(struct cli *, struct out_table *))
{
	struct out_table	 t;
	int			 rc;

	out_init(&t);
	build(c, &t);
	rc = out_print(&t, c->format, stdout);
	out_free(&t);
	return (rc == 0 ? CR_EXIT_OK : CR_EXIT_FAIL);
}
