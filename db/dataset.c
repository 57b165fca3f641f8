/* A loaded data set: the model plus what the database says about it. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "db.h"

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
	if (ds->value_source == NULL)
		return (ds->entity_source != NULL ? cr_dataset_source(ds,
		    ds->entity_source[e]) : "");
	return (cr_dataset_source(ds, ds->value_source[(size_t)e *
	    ds->model->n_leaves + (size_t)leaf]));
}

void
cr_db_init(void)
{
	sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
