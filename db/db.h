/*
 * The data set file: one SQLite database holding a framework, its
 * entities, values with provenance and source, context variables,
 * published figures and weight presets.  This module loads it into a
 * core model; the engine never sees SQLite.
 */
#ifndef CR_DB_H
#define CR_DB_H

#include <stdint.h>
#include <stdio.h>

#include "linecol.h"
#include "model.h"
#include "score.h"

#define CR_DB_APPLICATION_ID	0x43524b31	/* "CRK1" */
#define CR_DB_SCHEMA_VERSION	10
#define CR_XSTR(x)		#x
#define CR_STR(x)		CR_XSTR(x)

enum cr_pub_kind { CR_PUB_SCORE, CR_PUB_RANK, CR_PUB_MEAN };

/* A figure printed by the source, kept to show beside computed ones. */
struct cr_published {
	int		 entity;	/* -1: a mean across all entities */
	int		 node;
	enum cr_pub_kind kind;
	double		 value;
	enum cr_prov	 prov;
	uint32_t	 source;	/* index into cr_dataset.sources */
};

struct cr_preset {
	char		*code;
	char		*name_zh;
	char		*name_en;
	char		*description;
	struct cr_scenario *scenario;
};

struct cr_dataset {
	char		*path;
	char		*title_zh, *title_en, *source, *year;
	/*
	 * How the values were prepared at import (engine/prepare.h), as
	 * the options that did it; "" when they were not.  The table
	 * prep_note says what each step did.
	 */
	char		*prep;
	/* The data's licence (meta key "licence"), "" when not said. */
	char		*licence;
	struct cr_model	*model;
	/*
	 * The source of each value, n_entities * n_leaves; NULL when each
	 * entity's values share one, entity_source[entity] (imports name
	 * the data row), so that big data sets keep one id an entity.
	 */
	uint32_t	*value_source;
	uint32_t	*entity_source;
	/*
	 * When entity_source is NULL, every entity's source plus one (an
	 * import's data file: 336 KB at 84,000 units kept as one number);
	 * 0 when there is none.
	 */
	uint32_t	 entity_source_all;
	/*
	 * Schema 10: the line of each entity's pack (0: none; all 0 when
	 * the file names no line) and the source it is a line of;
	 * line_source NULL when it is each entity's entity_source.
	 * A value of that source is named "iData.csv line 7" when asked:
	 * a string a unit was a twentieth of the memory of 84,000 units.
	 */
	struct cr_linecol entity_line;
	uint32_t	*line_source;
	char		*line_buf;	/* the name made; the longest fits */
	size_t		 line_buf_len;
	/*
	 * Each node's target, when the file gives one (schema 7; the value
	 * is the model's node.target): its provenance (enum cr_prov) and
	 * source, n_nodes each; NULL when the file has no target at all.
	 */
	unsigned char	*target_prov;
	uint32_t	*target_source;
	char		**sources;	/* in source_strs */
	size_t		 n_sources;
	struct cr_strpool source_strs;
	struct cr_published *published;
	size_t		 n_published;
	struct cr_preset *presets;	/* presets[0] is the baseline */
	size_t		 n_presets;
	/* Named periods (years) in order; none for data without a Time. */
	char		**periods;
	size_t		 n_periods;
	char		*period;	/* the loaded one, "" when none */
};

/*
 * Once, before any other call: no connection is shared between threads
 * (a load may read with two, each its own), so SQLite's per-connection
 * mutexes and its memory statistics are pure cost.
 */
void		 cr_db_init(void);

/*
 * Open a data set read-only and load it whole.  Every failure (missing,
 * unreadable, corrupt, not a cityrank file, missing table, newer schema,
 * inconsistent content) returns -1 with a one-line *cause.
 */
int		 cr_db_load(const char *path, struct cr_dataset **, char **cause);

/* A data set as a list shows it, read without loading it (summary.c). */
struct cr_db_summary {
	char		*title_en, *title_zh, *source, *licence;
	long long	 units, indicators, years;
};
/* 0, or -1 and *cause; the strings are "" when absent, freed by free. */
int		 cr_db_summary(const char *path, struct cr_db_summary *,
		    char **cause);
void		 cr_db_summary_free(struct cr_db_summary *);
/*
 * The same for one period: values and context of that period (context
 * stored without a period applies to every period).  NULL means the
 * latest period, or none when the file has none.  A period the file
 * does not have returns -2, with a *cause that lists the periods it has:
 * that is the caller's mistake rather than the file's.
 */
int		 cr_db_load_period(const char *path, const char *period,
		    struct cr_dataset **, char **cause);
void		 cr_dataset_free(struct cr_dataset *);
struct cr_prep_spec;
/*
 * The data set at path prepared with another recipe (db/reprepare.c):
 * its stored raw tables imported again as spec says and loaded, one
 * period as cr_db_load_period() loads it; ds->prep is then spec's
 * recipe ("" for none) and ds->path is path.  -1 and a one-line
 * *cause when the pipeline fails (screening drops every unit) or the
 * file cannot be read; -2 when asking is the caller's slip: the file
 * keeps no raw tables (not an import, or of schema 5 or older), spec
 * does not fit the data (a group column it lacks, a panel method
 * without years, nothing to denominate) or the period is not one of
 * the file's.
 */
int		 cr_db_reprepare(const char *path,
		    const struct cr_prep_spec *, const char *period,
		    struct cr_dataset **, char **cause);
const struct cr_preset *cr_dataset_preset(const struct cr_dataset *,
		    const char *code);
/* The published figure of that kind, or NULL. */
const struct cr_published *cr_dataset_published(const struct cr_dataset *,
		    int entity, int node, enum cr_pub_kind);
/*
 * Swap the values of another period of the same file, with their
 * provenance, sources and context: the nodes and entities stay.
 */
void		 cr_dataset_swap_values(struct cr_dataset *,
		    struct cr_dataset *);
const char	*cr_dataset_source(const struct cr_dataset *, uint32_t);
/*
 * The source text of one leaf value; where it names a line (schema
 * 10), made in a buffer of the data set's that the next call reuses.
 */
const char	*cr_dataset_value_source(const struct cr_dataset *, int entity,
		    int leaf);

/*
 * Check a data set file for damage (cityrank check): SQLite's
 * integrity and foreign key checks, the header, the checksums, and every
 * value pack against its rows.  Writes a few plain lines to report (one
 * a problem, with what and where) and returns 0 when the file is clean,
 * 1 when it is damaged, -1 with a one-line *cause when it cannot be
 * checked (missing, not a file, locked, not a cityrank data set, newer).
 */
int		 cr_db_check(const char *path, FILE *report, char **cause);

/* The schema, shared by the builder and the importer. */
extern const char *const cr_db_schema_sql;
/* Tables a valid file must have. */
extern const char *const cr_db_tables[];

/*
 * Build a data set file from the CSV sources in dir (see data/FORMAT.md).
 * Everything is validated first and written in one transaction to a
 * temporary file that is renamed over out only on success.
 */
int		 cr_db_build(const char *dir, const char *out, char **cause);

#endif
