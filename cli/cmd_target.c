/*
 * cityrank target CITY (--rank K | --above CITY2) and target --range:
 * the least change of the weights at a level that reaches a goal, and
 * the ranks every city can reach, by GLPK (doc/target.md).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "emit.h"
#include "match.h"
#include "tables.h"
#include "target.h"
#include "xmalloc.h"

static int
usage(const char *msg)
{
	cli_error("%s", msg);
	return (CR_EXIT_USAGE);
}

static int
city(const struct cr_model *m, const char *arg, int *e)
{
	char	*why = NULL;

	if ((*e = cr_match_city(m, arg, &why)) >= 0)
		return (0);
	cli_error("%s", why);
	free(why);
	return (-1);
}

/* The groups varied, and a floor they can all meet. */
static int
spec_of(struct cli *c, struct cr_target_spec *sp, int **groups)
{
	char	*why = NULL;

	if (session_target_spec(c->sess, c->level, c->floor, c->tnorm,
	    c->seconds, sp, groups, &why) == 0)
		return (0);
	cli_error("target: %s", why);
	free(why);
	return (-1);
}

static int
range(struct cli *c, const struct cr_target_spec *sp)
{
	struct session		*ss = c->sess;
	const struct cr_model	*m = ss->ds->model;
	struct cr_reach		*r;
	struct out_table	 t;
	struct cli_progress	 p;
	cr_progress_fn		 fn;
	char			*why = NULL;
	int			 rc;

	r = xcalloc(m->n_entities + 1, sizeof(*r));
	/* Two programmes a unit: a terminal sees how far. */
	fn = cli_progress_start(&p, "target --range", 0, "units");
	rc = cr_target_range(m, ss->sc, ss->scores, sp, r, fn, &p, &why);
	cli_progress_done(&p);
	if (rc != 0) {
		cli_error("%s", why);
		free(why);
		free(r);
		return (CR_EXIT_FAIL);
	}
	out_init(&t);
	t.format = c->format;
	t.ascii = c->ascii;
	table_target_range(ss, sp, r, &t);
	free(r);
	return (cli_print(c, &t));
}

static int
print_answer(struct cli *c, const struct target_ask *a,
    const struct cr_target *o)
{
	struct out_table	 t;
	int			 rc;

	out_init(&t);
	t.format = c->format;
	t.ascii = c->ascii;
	table_target(c->sess, a, o, &t);
	rc = cli_print(c, &t);
	/* Text formats show the ranking too; scripts take the weights. */
	if (rc != CR_EXIT_OK || o->status != CR_TARGET_FOUND ||
	    (c->format != OUT_TABLE && c->format != OUT_MD))
		return (rc);
	emit_line(stdout, "%s", "");
	out_init(&t);
	t.format = c->format;
	t.ascii = c->ascii;
	table_target_ranking(c->sess, o, &t);
	return (cli_print(c, &t));
}

static int
goal(struct cli *c, const struct cr_target_spec *sp)
{
	struct session		*ss = c->sess;
	const struct cr_model	*m = ss->ds->model;
	struct target_ask	 a;
	struct cr_target	 o;
	char			*why = NULL;
	int			 rc;

	a.spec = sp;
	a.k = c->target_k;
	a.other = -1;
	if (city(m, c->args[0], &a.unit) != 0 || (c->target_above != NULL &&
	    city(m, c->target_above, &a.other) != 0))
		return (CR_EXIT_USAGE);
	if (a.other == a.unit)
		return (usage("--above: a city cannot be above itself"));
	if (a.other < 0 && (size_t)a.k > m->n_entities) {
		cli_error("--rank %d: there are only %zu cities", a.k,
		    m->n_entities);
		return (CR_EXIT_USAGE);
	}
	if (a.other >= 0)
		rc = cr_target_above(m, ss->sc, ss->scores, sp, a.unit,
		    a.other, &o, &why);
	else
		rc = cr_target_rank(m, ss->sc, ss->scores, sp, a.unit, a.k,
		    &o, &why);
	if (rc != 0) {
		cli_error("%s", why);
		free(why);
		return (CR_EXIT_FAIL);
	}
	rc = print_answer(c, &a, &o);
	cr_target_clear(&o);
	return (rc);
}

int
cmd_target(struct cli *c)
{
	struct cr_target_spec	 sp;
	int			*groups = NULL, rc;

	if (c->range && (c->target_k > 0 || c->target_above != NULL))
		return (usage("target --range takes neither --rank nor "
		    "--above"));
	if (c->range && c->nargs > 0) {
		cli_error("target --range takes no CITY (got '%s')",
		    c->args[0]);
		return (CR_EXIT_USAGE);
	}
	if (!c->range && c->nargs != 1)
		return (usage("target needs one CITY and --rank K or --above "
		    "CITY2 (or --range)"));
	if (!c->range && (c->target_k > 0) == (c->target_above != NULL))
		return (usage("target needs one of --rank K and --above "
		    "CITY2"));
	memset(&sp, 0, sizeof(sp));
	if (spec_of(c, &sp, &groups) != 0) {
		free(groups);
		return (CR_EXIT_USAGE);
	}
	rc = c->range ? range(c, &sp) : goal(c, &sp);
	free(groups);
	return (rc);
}
