/*
 * "About this data set": what the explorer's i shows, as lines of
 * text, so that it is computed and tested without a terminal.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "session.h"
#include "tables.h"
#include "xmalloc.h"

/* Sources listed at most; the rest are counted. */
#define ABOUT_SOURCES	12

static void
add(char ***lines, size_t *n, char *s)
{
	*lines = xreallocarray(*lines, *n + 1, sizeof **lines);
	(*lines)[(*n)++] = s;
}

void
session_about_counts(const struct session *ss, size_t *count, size_t *missing)
{
	const struct cr_model	*m = ss->ds->model;
	size_t			 i;

	memset(count, 0, CR_PROV_COUNT * sizeof *count);
	*missing = 0;
	for (i = 0; i < m->n_entities * m->n_leaves; i++) {
		if (isnan(m->raw[i]))
			(*missing)++;
		else if (cr_model_prov_at(m, i) < CR_PROV_COUNT)
			count[cr_model_prov_at(m, i)]++;
	}
}

int
session_about_derived_pct(const struct session *ss)
{
	size_t	count[CR_PROV_COUNT], missing, all = 0, derived = 0;
	int	p;

	session_about_counts(ss, count, &missing);
	for (p = 0; p < CR_PROV_COUNT; p++) {
		all += count[p];
		if (cr_prov_is_derived((enum cr_prov)p))
			derived += count[p];
	}
	return (all > 0 ? (int)(100 * derived / all) : 0);
}

/* How many leaves have a target dist2targ can use, and whose it is. */
static void
about_targets(const struct session *ss, char ***lines, size_t *n)
{
	const struct cr_dataset	*ds = ss->ds;
	const struct cr_model	*m = ds->model;
	size_t			 count[CR_PROV_COUNT] = { 0 }, k = 0, l;
	char			*s, *t;
	int			 node, p;

	for (l = 0; l < m->n_leaves; l++) {
		node = m->leaf_node[l];
		if (isnan(m->nodes[node].target))
			continue;
		k++;
		if (ds->target_prov != NULL)
			count[ds->target_prov[node]]++;
	}
	if (k == 0) {
		add(lines, n, xstrdup("Targets: none stored (dist2targ needs "
		    "one on the command line: dist2targ:TARGET)"));
		return;
	}
	s = xasprintf("Targets: %zu of %zu indicators (dist2targ uses them)",
	    k, m->n_leaves);
	for (p = 0; p < CR_PROV_COUNT; p++) {
		if (count[p] == 0)
			continue;
		t = xasprintf("%s; %zu %s%s", s, count[p],
		    cr_prov_name((enum cr_prov)p),
		    cr_prov_is_derived((enum cr_prov)p) ? " ~" : "");
		free(s);
		s = t;
	}
	add(lines, n, s);
}

void
session_about(const struct session *ss, char ***lines, size_t *n)
{
	const struct cr_dataset	*ds = ss->ds;
	const struct cr_model	*m = ds->model;
	size_t			 count[CR_PROV_COUNT], missing, i;
	int			 p;

	*lines = NULL;
	*n = 0;
	add(lines, n, xasprintf("%s%s%s", ds->title_zh, *ds->title_zh != '\0' &&
	    *ds->title_en != '\0' ? " / " : "", ds->title_en));
	add(lines, n, xasprintf("source: %s", ds->source));
	if (ds->licence != NULL && *ds->licence != '\0')
		add(lines, n, xasprintf("licence: %s", ds->licence));
	add(lines, n, xasprintf("file: %s", ds->path));
	add(lines, n, xasprintf("%zu units, %zu indicators, %zu nodes in all%s%s",
	    m->n_entities, m->n_leaves, m->n_nodes, *ds->period != '\0' ?
	    "; year " : "", ds->period));
	add(lines, n, xstrdup(""));
	add(lines, n, xstrdup("Values by provenance (~ marks the ones not "
	    "published or official):"));
	session_about_counts(ss, count, &missing);
	for (p = 0; p < CR_PROV_COUNT; p++)
		if (count[p] > 0)
			add(lines, n, xasprintf("  %-14s %8zu%s",
			    cr_prov_name((enum cr_prov)p), count[p],
			    cr_prov_is_derived((enum cr_prov)p) ? "  ~" : ""));
	add(lines, n, xasprintf("  %-14s %8zu", "missing", missing));
	about_targets(ss, lines, n);
	add(lines, n, xstrdup(""));
	add(lines, n, xasprintf("Prepared on import: %s", strcmp(
	    ss->file_recipe, "none") != 0 ? ss->file_recipe :
	    "nothing recorded"));
	if (ss->recipe != NULL)
		add(lines, n, xasprintf("Prepared for this scenario instead: "
		    "%s (the raw values imported again with it; I changes "
		    "it, u undoes)", ss->recipe));
	add(lines, n, xstrdup(""));
	add(lines, n, xasprintf("Sources (%zu):", ds->n_sources));
	for (i = 0; i < ds->n_sources && i < ABOUT_SOURCES; i++)
		add(lines, n, xasprintf("  %s", ds->sources[i]));
	if (ds->n_sources > ABOUT_SOURCES)
		add(lines, n, xasprintf("  ... and %zu more ('cityrank show "
		    "CITY' gives each value's)", ds->n_sources - ABOUT_SOURCES));
}
