/*
 * Import a data set in COINr's format: a data table (one row a unit,
 * or a unit and a Time) and a metadata table (one row an indicator,
 * aggregate, group, denominator or other variable).  See doc/import.md.
 *
 * Reading is pure: cr_import_read() parses and validates both files
 * into memory and collects every problem it finds, each with its file,
 * line and column.  Only an import without errors can be written, in
 * one transaction to a temporary file renamed over the output.
 */
#ifndef CR_IMPORT_H
#define CR_IMPORT_H

#include <stddef.h>

#include "prepare.h"

/* Inputs larger than this are refused before anything is read. */
#define CR_IMPORT_MAX_BYTES	(256u << 20)
/* Problems kept for the report; the rest are only counted. */
#define CR_IMPORT_MAX_DIAGS	50

enum cr_import_type {
	CR_IMPORT_INDICATOR,	/* a leaf of the framework, numeric */
	CR_IMPORT_AGGREGATE,	/* an inner node: computed, never read */
	CR_IMPORT_GROUP,	/* text context variable */
	CR_IMPORT_DENOMINATOR,	/* numeric context variable */
	CR_IMPORT_OTHER		/* numeric context variable */
};

/* One row of the metadata table. */
struct cr_import_item {
	char			*code, *name, *unit;
	enum cr_import_type	 type;
	int			 level;		/* 0 when not a node */
	double			 weight;
	int			 direction;
	int			 parent;	/* item index, -1 for none */
	int			 column;	/* data column, -1 for none */
	int			 slot;		/* in a row's num or text */
	/* Where it was written, for messages. */
	size_t			 line, code_col, level_col, parent_col;
	int			 n_children;
	char			*parent_code, *denominator;
	size_t			 denominator_col;
	/*
	 * An indicator's Target, in the units of its values as they are
	 * normalised (after denominating, as COINr's Normalise() sees
	 * them); NAN when the cell is empty or the row is no indicator.
	 */
	double			 target;
	int			 invalid;	/* bad Type: skip in checks */
};

struct cr_import_unit {
	char		*code, *name;
	size_t		 line;		/* first row */
};

/* One row of the data table. */
struct cr_import_row {
	size_t		 unit, period;
	size_t		 line;
	double		*num;		/* n_num values, NAN when missing */
	char		**text;		/* n_text values, NULL when missing */
};

struct cr_import_diag {
	int		 warning;
	int		 file;		/* 0 data, 1 metadata */
	size_t		 line, col;	/* 0 when about the whole file */
	size_t		 seq;		/* order found, for a stable sort */
	char		*text;		/* "file:line:column: message" */
};

struct cr_import {
	char			*path[2];	/* data, metadata */
	struct cr_import_item	*items;		/* metadata order */
	size_t			 n_items;
	int			*nodes;		/* items, parents first */
	size_t			 n_nodes, n_indicators, n_levels;
	struct cr_import_unit	*units;		/* data order */
	size_t			 n_units;
	/* ascending; none without Time */
	char			**periods;
	size_t			 n_periods;
	struct cr_import_row	*rows;
	size_t			 n_rows;
	size_t			 n_num, n_text;
	size_t			 n_missing;	/* empty indicator cells */
	struct cr_import_diag	*diags;		/* sorted by file, line */
	size_t			 n_diags, n_errors, n_warnings;
	int			 meta_ok;	/* usable to check the data */
	/* Set by cr_import_prepare(); see engine/prepare.h. */
	int			 prepared;
	char			*recipe;	/* cr_prep_recipe() */
	enum cr_impute		 prep_impute;
	char			*prep_group;
	double			 prep_screen;
	int			*ind_item;	/* leaf order -> item */
	unsigned char		*imputed;	/* n_rows * n_indicators */
	unsigned char		*dropped;	/* n_rows */
	unsigned char		*unit_kept;	/* n_units: a row kept */
	size_t			 n_kept_units;
	char			**group_names;	/* of the group column */
	size_t			 n_group_names;
	struct cr_prep_report	 report;
	/*
	 * Set by a caller that knows where the data come from (mkdb, for a
	 * bundled data set), else NULL: the data set's name, title, source
	 * and licence, what each row's source says before "FILE line N",
	 * and the provenance of values not imputed ("user" when NULL).
	 */
	const char		*ds_name, *ds_title, *ds_source, *ds_licence;
	const char		*row_origin, *prov;
	/* The two files as read, stored with the data set (schema 6). */
	char			*raw[2];
	size_t			 raw_len[2];
};

/* Never NULL; check n_errors.  Out of memory aborts through xmalloc. */
struct cr_import	*cr_import_read(const char *data, const char *meta);
/*
 * The same from two tables in memory, as a data set stores them: names
 * are the files' for messages and sources.  The buffers are copied.
 */
struct cr_import	*cr_import_read_mem(const char *data_name,
			    const char *data, size_t data_len,
			    const char *meta_name, const char *meta,
			    size_t meta_len);
void			 cr_import_free(struct cr_import *);
/*
 * Prepare an import without errors as spec says, in place: the rows
 * then hold the prepared values, and the writer stores them, which
 * were imputed, the recipe and the report.  -2 and *cause when an
 * option does not fit the files (a group column they lack, a panel
 * method without years, nothing to denominate); -1 and *cause when
 * the pipeline fails (screening drops every unit).
 */
int			 cr_import_prepare(struct cr_import *,
			    const struct cr_prep_spec *, char **cause);
/* A sentence for a note of the report, and its subjects by code. */
char			*cr_import_note_text(const struct cr_import *,
			    const struct cr_prep_note *);
const char		*cr_import_note_period(const struct cr_import *,
			    const struct cr_prep_note *);
const char		*cr_import_note_indicator(const struct cr_import *,
			    const struct cr_prep_note *);
const char		*cr_import_note_unit(const struct cr_import *,
			    const struct cr_prep_note *);
const char		*cr_import_note_group(const struct cr_import *,
			    const struct cr_prep_note *);
/*
 * Write an import without errors to out.  An existing out is replaced
 * only when force is set.  -1 and a one-line *cause on failure, when
 * nothing was written.
 */
int			 cr_import_write(const struct cr_import *,
			    const char *out, int force, char **cause);
/*
 * Remove the temporary file cr_import_write() is writing, if any: for
 * the program's signal handler, so an interrupted import leaves nothing
 * beside its output.  Async-signal-safe (one unlink() of a path kept in
 * a static buffer).
 */
void			 cr_import_cleanup(void);

#endif
