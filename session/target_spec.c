/*
 * What the target solver varies, for both front ends: the sibling
 * groups of a --level (the ranked node's children by default) and a
 * floor every group can meet.
 */
#include "config.h"

#include <stdlib.h>

#include "session.h"
#include "tables.h"
#include "target.h"
#include "xmalloc.h"

int
session_target_spec(struct session *ss, const char *level, double floor,
    enum cr_tnorm norm, double seconds, struct cr_target_spec *sp,
    int **groups, char **cause)
{
	const struct cr_model	*m = ss->ds->model;
	char			*why = NULL;
	size_t			 g;
	int			 k;

	*groups = NULL;
	if (m->nodes[ss->by].n_children == 0) {
		*cause = xasprintf("%s is a leaf: no weight moves its ranking "
		    "(rank by an aggregate)", m->nodes[ss->by].code);
		return (-1);
	}
	sp->by = ss->by;
	if (cr_target_level(m, sp->by, level, groups, &sp->n_groups,
	    &why) != 0) {
		*cause = xasprintf("--level: %s", why);
		free(why);
		return (-1);
	}
	sp->groups = *groups;
	sp->floor = floor;
	sp->norm = norm;
	sp->seconds = seconds;
	for (g = 0; g < sp->n_groups; g++) {
		k = m->nodes[sp->groups[g]].n_children;
		if (sp->floor * k > 1 + 1e-12) {
			*cause = xasprintf("--floor %g%% leaves no room among "
			    "the %d weights under %s (at most %g%%)",
			    100 * sp->floor, k, m->nodes[sp->groups[g]].code,
			    100.0 / k);
			free(*groups);
			*groups = NULL;
			return (-1);
		}
	}
	return (0);
}
