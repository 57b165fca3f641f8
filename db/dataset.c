/* A loaded data set: the model plus what the database says about it. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "db.h"
#include "swap.h"

void
cr_dataset_free(struct cr_dataset *ds)
{
	size_t	i;

	if (ds == NULL)
		return;
	for (i = 0; i < ds->n_presets; i++) {
		free(ds->presets[i].code);
		free(ds->presets[i].name_zh);
		free(ds->presets[i].name_en);
		free(ds->presets[i].description);
		cr_scenario_free(ds->presets[i].scenario);
	}
	free(ds->presets);
	cr_strpool_free(&ds->source_strs);
	free(ds->sources);
	free(ds->published);
	for (i = 0; i < ds->n_periods; i++)
		free(ds->periods[i]);
	free(ds->periods);
	free(ds->period);
	free(ds->value_source);
	free(ds->entity_source);
	cr_linecol_free(&ds->entity_line);
	free(ds->line_source);
	free(ds->line_buf);
	free(ds->target_prov);
	free(ds->target_source);
	cr_model_free(ds->model);
	free(ds->path);
	free(ds->title_zh);
	free(ds->title_en);
	free(ds->source);
	free(ds->year);
	free(ds->prep);
	free(ds->licence);
	free(ds);
}

const struct cr_preset *
cr_dataset_preset(const struct cr_dataset *ds, const char *code)
{
	size_t	i;

	for (i = 0; i < ds->n_presets; i++)
		if (strcmp(ds->presets[i].code, code) == 0)
			return (&ds->presets[i]);
	return (NULL);
}

const struct cr_published *
cr_dataset_published(const struct cr_dataset *ds, int entity, int node,
    enum cr_pub_kind kind)
{
	size_t	i;

	for (i = 0; i < ds->n_published; i++)
		if (ds->published[i].entity == entity &&
		    ds->published[i].node == node &&
		    ds->published[i].kind == kind)
			return (&ds->published[i]);
	return (NULL);
}

void
cr_dataset_swap_values(struct cr_dataset *ds, struct cr_dataset *o)
{
	struct cr_model	*m = ds->model, *n = o->model;

	SWAP(m->raw, n->raw);
	SWAP(m->prov, n->prov);
	SWAP(m->prov_one, n->prov_one);
	cr_model_swap_ctx(m, n);
	SWAP(ds->period, o->period);
	/* Sources are indices into each period's own list. */
	SWAP(ds->value_source, o->value_source);
	SWAP(ds->entity_source, o->entity_source);
	SWAP(ds->entity_source_all, o->entity_source_all);
	SWAP(ds->entity_line, o->entity_line);
	SWAP(ds->line_source, o->line_source);
	SWAP(ds->line_buf, o->line_buf);
	SWAP(ds->line_buf_len, o->line_buf_len);
	SWAP(ds->sources, o->sources);
	SWAP(ds->n_sources, o->n_sources);
	/* Their strings are in the pool: it goes with them. */
	SWAP(ds->source_strs, o->source_strs);
}

const char *
cr_dataset_source(const struct cr_dataset *ds, uint32_t i)
{
	if (i >= ds->n_sources)
		return ("");
	return (ds->sources[i]);
}

const char *
cr_dataset_value_source(const struct cr_dataset *ds, int e, int leaf)
{
	uint32_t	i, line;

	if (ds->value_source != NULL)
		i = ds->value_source[(size_t)e * ds->model->n_leaves +
		    (size_t)leaf];
	else if (ds->entity_source != NULL)
		i = ds->entity_source[e];
	else if (ds->entity_source_all != 0)
		i = ds->entity_source_all - 1;
	else
		return ("");
	if ((line = cr_linecol_get(&ds->entity_line, (size_t)e)) == 0 ||
	    (ds->line_source != NULL && ds->line_source[e] != i) ||
	    i >= ds->n_sources)
		return (cr_dataset_source(ds, i));
	cr_line_name(ds->line_buf, ds->line_buf_len, ds->sources[i], line);
	return (ds->line_buf);
}

void
cr_db_init(void)
{
	sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
