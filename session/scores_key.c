/* The key of a figure kept from the session's scores (scores_key.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "scores_key.h"
#include "xmalloc.h"

int
scores_key_same(const struct scores_key *k, const struct session *ss)
{
	return (k->sc != NULL && k->data_gen == ss->data_gen &&
	    strcmp(k->period, ss->ds->period) == 0 &&
	    cr_scenario_same(ss->ds->model, k->sc, ss->sc));
}

void
scores_key_take(struct scores_key *k, const struct session *ss)
{
	scores_key_free(k);
	k->sc = cr_scenario_copy(ss->ds->model, ss->sc);
	k->period = xstrdup(ss->ds->period);
	k->data_gen = ss->data_gen;
}

void
scores_key_free(struct scores_key *k)
{
	cr_scenario_free(k->sc);
	free(k->period);
	memset(k, 0, sizeof *k);
}
