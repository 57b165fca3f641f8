/*
 * Write a validated import as a data set file.  Everything goes into a
 * new temporary file beside the output, in one transaction; the file is
 * loaded back as a last check and only then put in place, so a failed
 * import leaves nothing behind and never half-replaces a file.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <sqlite3.h>

#include "checksum.h"
#include "db.h"
#include "db_priv.h"
#include "deflate.h"
#include "import.h"
#include "pack.h"
#include "xmalloc.h"

/*
 * The temporary file being written, for cr_import_cleanup() from a
 * signal handler: a static buffer, and a flag set only once the path
 * in it is whole.
 */
static char			cleanup_path[4096];
static volatile sig_atomic_t	cleanup_armed;

static void
arm_cleanup(const char *tmp)
{
	cleanup_armed = 0;
	if (strlen(tmp) >= sizeof cleanup_path)
		return;
	memcpy(cleanup_path, tmp, strlen(tmp) + 1);
	cleanup_armed = 1;
}

void
cr_import_cleanup(void)
{
	/* Async-signal-safe: unlink() of a path already in place. */
	if (cleanup_armed)
		unlink(cleanup_path);
}

struct writer {
	const struct cr_import	*imp;
	sqlite3			*h;
	char			**cause;
	sqlite3_int64		*item_id;	/* node or context_var id */
	sqlite3_int64		*unit_id;
	sqlite3_int64		*row_source;
};

static int
fail_sql(struct writer *w)
{
	*w->cause = xasprintf("%s", cr_db_errmsg(w->h));
	return (-1);
}

static int
prepare(struct writer *w, const char *sql, sqlite3_stmt **st)
{
	if (sqlite3_prepare_v2(w->h, sql, -1, st, NULL) != SQLITE_OK)
		return (fail_sql(w));
	return (0);
}

/* Run a bound insert, ready for the next row; its rowid in *id. */
static int
insert(struct writer *w, sqlite3_stmt *st, sqlite3_int64 *id)
{
	int	rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE)
		return (fail_sql(w));
	if (id != NULL)
		*id = sqlite3_last_insert_rowid(w->h);
	return (0);
}

static const char *
base_name(const char *path)
{
	const char	*s = strrchr(path, '/');

	return (s != NULL ? s + 1 : path);
}

static int
write_meta(struct writer *w)
{
	const struct cr_import	*imp = w->imp;
	const char		*data = base_name(imp->path[0]);
	const char		*meta = base_name(imp->path[1]);
	static const char *const keys[] = {
		"name", "title_zh", "title_en", "source", "year"
	};
	const char		*val[5];
	sqlite3_stmt		*st = NULL;
	char			*name, *title, *source, *dot;
	int			 rc, i;

	name = xstrdup(data);
	if ((dot = strrchr(name, '.')) != NULL && dot != name)
		*dot = '\0';
	title = xasprintf("%s (imported)", name);
	source = xasprintf("COINr-format import of %s and %s", data, meta);
	if (imp->ds_name != NULL) {
		free(name);
		name = xstrdup(imp->ds_name);
	}
	if (imp->ds_title != NULL) {
		free(title);
		title = xstrdup(imp->ds_title);
	}
	if (imp->ds_source != NULL) {
		free(source);
		source = xstrdup(imp->ds_source);
	}
	val[0] = name;
	val[1] = "";
	val[2] = title;
	val[3] = source;
	val[4] = imp->n_periods > 0 ? imp->periods[imp->n_periods - 1] : "";
	rc = prepare(w, "INSERT INTO meta (key, value) VALUES (?, ?)", &st);
	for (i = 0; rc == 0 && i < 5; i++) {
		sqlite3_bind_text(st, 1, keys[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, val[i], -1, SQLITE_STATIC);
		rc = insert(w, st, NULL);
	}
	/* Schema 8: the packs are the record; no value row is written. */
	if (rc == 0) {
		sqlite3_bind_text(st, 1, "values", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, "packs", -1, SQLITE_STATIC);
		rc = insert(w, st, NULL);
	}
	/* The recipe, in the words of the options that give it. */
	if (rc == 0 && imp->prepared) {
		sqlite3_bind_text(st, 1, "prep", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, imp->recipe, -1, SQLITE_STATIC);
		rc = insert(w, st, NULL);
	}
	if (rc == 0 && imp->ds_licence != NULL) {
		sqlite3_bind_text(st, 1, "licence", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, imp->ds_licence, -1, SQLITE_STATIC);
		rc = insert(w, st, NULL);
	}
	/* What a preparation again needs to say the sources as this one. */
	if (rc == 0 && imp->row_origin != NULL) {
		sqlite3_bind_text(st, 1, "raw_origin", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, imp->row_origin, -1, SQLITE_STATIC);
		rc = insert(w, st, NULL);
	}
	if (rc == 0 && imp->prov != NULL) {
		sqlite3_bind_text(st, 1, "raw_prov", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, imp->prov, -1, SQLITE_STATIC);
		rc = insert(w, st, NULL);
	}
	sqlite3_finalize(st);
	free(name);
	free(title);
	free(source);
	return (rc);
}

/* A denominated value is per unit of its denominator: its unit says so. */
static int
denominated(const struct cr_import *imp, const struct cr_import_item *it)
{
	return (imp->prepared && imp->recipe != NULL &&
	    strncmp(imp->recipe, "denominate", 10) == 0 &&
	    it->type == CR_IMPORT_INDICATOR && *it->denominator != '\0');
}

/* Nodes parents first, as the loader wants them. */
static int
write_nodes(struct writer *w)
{
	const struct cr_import		*imp = w->imp;
	const struct cr_import_item	*it;
	sqlite3_stmt			*st;
	size_t				 k;
	char				*unit;
	int				 rc = 0;

	if (prepare(w, "INSERT INTO node (code, parent, name_zh, name_en, "
	    "weight, direction, unit, description) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", &st) != 0)
		return (-1);
	for (k = 0; rc == 0 && k < imp->n_nodes; k++) {
		it = &imp->items[imp->nodes[k]];
		sqlite3_bind_text(st, 1, it->code, -1, SQLITE_STATIC);
		if (it->parent == -1)
			sqlite3_bind_null(st, 2);
		else
			sqlite3_bind_int64(st, 2, w->item_id[it->parent]);
		/* COINr names are in one language: both columns get it. */
		sqlite3_bind_text(st, 3, it->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, it->name, -1, SQLITE_STATIC);
		sqlite3_bind_double(st, 5, it->weight);
		sqlite3_bind_int(st, 6, it->direction);
		unit = denominated(imp, it) ? xasprintf("%s per %s",
		    *it->unit != '\0' ? it->unit : it->code,
		    it->denominator) : xstrdup(it->unit);
		sqlite3_bind_text(st, 7, unit, -1, SQLITE_TRANSIENT);
		free(unit);
		sqlite3_bind_text(st, 8, it->type == CR_IMPORT_INDICATOR ?
		    "COINr Indicator, Level 1" : "COINr Aggregate", -1,
		    SQLITE_STATIC);
		rc = insert(w, st, &w->item_id[imp->nodes[k]]);
	}
	sqlite3_finalize(st);
	return (rc);
}

static int
write_vars(struct writer *w)
{
	const struct cr_import		*imp = w->imp;
	const struct cr_import_item	*it;
	sqlite3_stmt			*st;
	size_t				 i;
	int				 rc = 0;

	if (prepare(w, "INSERT INTO context_var (code, name_zh, name_en, "
	    "unit, kind) VALUES (?, ?, ?, ?, ?)", &st) != 0)
		return (-1);
	for (i = 0; rc == 0 && i < imp->n_items; i++) {
		it = &imp->items[i];
		if (it->type == CR_IMPORT_INDICATOR ||
		    it->type == CR_IMPORT_AGGREGATE)
			continue;
		sqlite3_bind_text(st, 1, it->code, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, it->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, it->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, it->unit, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, it->type == CR_IMPORT_GROUP ? "text" :
		    "num", -1, SQLITE_STATIC);
		rc = insert(w, st, &w->item_id[i]);
	}
	sqlite3_finalize(st);
	return (rc);
}

static int
write_units(struct writer *w)
{
	const struct cr_import	*imp = w->imp;
	sqlite3_stmt		*st;
	size_t			 u;
	int			 rc = 0;

	if (prepare(w, "INSERT INTO entity (code, name_zh, name_en) "
	    "VALUES (?, ?, ?)", &st) != 0)
		return (-1);
	for (u = 0; rc == 0 && u < imp->n_units; u++) {
		/* Screened out in every year: not a unit of the data set. */
		if (imp->prepared && !imp->unit_kept[u])
			continue;
		sqlite3_bind_text(st, 1, imp->units[u].code, -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(st, 2, imp->units[u].name, -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(st, 3, imp->units[u].name, -1,
		    SQLITE_STATIC);
		rc = insert(w, st, &w->unit_id[u]);
	}
	sqlite3_finalize(st);
	return (rc);
}

static int
write_periods(struct writer *w)
{
	const struct cr_import	*imp = w->imp;
	sqlite3_stmt		*st;
	size_t			 i;
	int			 rc = 0;

	if (prepare(w, "INSERT INTO period (name, ord) VALUES (?, ?)",
	    &st) != 0)
		return (-1);
	for (i = 0; rc == 0 && i < imp->n_periods; i++) {
		sqlite3_bind_text(st, 1, imp->periods[i], -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
		rc = insert(w, st, NULL);
	}
	sqlite3_finalize(st);
	return (rc);
}

/*
 * Every value's source is the row it came from: the data file, named
 * once, and the row's line, kept with each pack and context row
 * (schema 10).
 */
static int
write_sources(struct writer *w)
{
	const struct cr_import	*imp = w->imp;
	sqlite3_stmt		*st;
	sqlite3_int64		 id;
	char			*text;
	size_t			 r;
	int			 rc;

	if (prepare(w, "INSERT INTO source (text) VALUES (?)", &st) != 0)
		return (-1);
	text = xasprintf("%s%s%s", imp->row_origin != NULL ?
	    imp->row_origin : "", imp->row_origin != NULL ? ", " : "",
	    base_name(imp->path[0]));
	sqlite3_bind_text(st, 1, text, -1, SQLITE_TRANSIENT);
	rc = insert(w, st, &id);
	free(text);
	sqlite3_finalize(st);
	for (r = 0; rc == 0 && r < imp->n_rows; r++)
		w->row_source[r] = id;
	return (rc);
}

/*
 * Each indicator's Target (schema 7), its source the metadata line it
 * is on (in the units of the values as written, denominated or not:
 * COINr's Normalise() takes the target to the data it normalises), and the provenance the values not imputed have: it comes from
 * the same hands as they do.
 */
static int
write_targets(struct writer *w)
{
	const struct cr_import		*imp = w->imp;
	const struct cr_import_item	*it;
	sqlite3_stmt			*src = NULL, *st = NULL;
	sqlite3_int64			 id;
	char				*text;
	size_t				 i;
	int				 rc;

	rc = prepare(w, "INSERT INTO source (text) VALUES (?)", &src);
	if (rc == 0)
		rc = prepare(w, "INSERT INTO target (node, value, provenance, "
		    "source) VALUES (?, ?, ?, ?)", &st);
	for (i = 0; rc == 0 && i < imp->n_items; i++) {
		it = &imp->items[i];
		if (it->type != CR_IMPORT_INDICATOR || isnan(it->target))
			continue;
		/* Named: never the text of a data row's source (UNIQUE). */
		text = xasprintf("%s%sTarget of %s, %s line %zu",
		    imp->row_origin != NULL ? imp->row_origin : "",
		    imp->row_origin != NULL ? ", " : "", it->code,
		    base_name(imp->path[1]), it->line);
		sqlite3_bind_text(src, 1, text, -1, SQLITE_TRANSIENT);
		free(text);
		if ((rc = insert(w, src, &id)) != 0)
			break;
		sqlite3_bind_int64(st, 1, w->item_id[i]);
		sqlite3_bind_double(st, 2, it->target);
		sqlite3_bind_text(st, 3, imp->prov != NULL ? imp->prov :
		    "user", -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, id);
		rc = insert(w, st, NULL);
	}
	sqlite3_finalize(src);
	sqlite3_finalize(st);
	return (rc);
}

static const char *
row_period(const struct cr_import *imp, const struct cr_import_row *r)
{
	return (imp->n_periods > 0 ? imp->periods[r->period] : "");
}

static int
dropped(const struct cr_import *imp, size_t row)
{
	return (imp->prepared && imp->dropped[row]);
}

/* A value filled in by imputation says so; the rest are the user's. */
static enum cr_prov
value_prov(const struct cr_import *imp, size_t row, size_t leaf,
    enum cr_prov base)
{
	if (imp->prepared && imp->imputed[row * imp->n_indicators + leaf])
		return (CR_PROV_IMPUTED);
	return (base);
}

/*
 * What the packs need of the import: each indicator's column and its
 * place among the leaves (ascending node ids, as the packs lay them
 * out), and which row gives each unit's values in each period.
 */
struct pack_plan {
	int		*slot;		/* n_indicators: each one's column */
	size_t		*leaf;		/* n_indicators: its place in a pack */
	size_t		 n_leaves;
	ssize_t		*row;		/* n_units * n_periods; -1 none */
	size_t		 n_periods;	/* at least 1: '' when none */
};

static int
plan_leaves(struct writer *w, struct pack_plan *pl)
{
	const struct cr_import		*imp = w->imp;
	const struct cr_import_item	*it;
	sqlite3_stmt			*st;
	sqlite3_int64			*leaf_id = NULL;
	size_t				 k, n = 0;
	int				 i, rc = 0;

	/* The loader's leaves: nodes without children, by id. */
	if (prepare(w, "SELECT id FROM node n WHERE NOT EXISTS (SELECT 1 "
	    "FROM node c WHERE c.parent = n.id) ORDER BY id", &st) != 0)
		return (-1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		leaf_id = xreallocarray(leaf_id, n + 1, sizeof *leaf_id);
		leaf_id[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(leaf_id);
		return (fail_sql(w));
	}
	pl->n_leaves = n;
	for (k = 0, n = 0; k < imp->n_nodes; k++) {
		it = &imp->items[imp->nodes[k]];
		if (it->type != CR_IMPORT_INDICATOR)
			continue;
		i = cr_db_find_id(leaf_id, pl->n_leaves,
		    w->item_id[imp->nodes[k]]);
		if (i < 0) {
			*w->cause = xasprintf("indicator %s is not a leaf",
			    it->code);
			free(leaf_id);
			return (-1);
		}
		pl->slot[n] = it->slot;
		pl->leaf[n++] = (size_t)i;
	}
	free(leaf_id);
	return (0);
}

static void
plan_rows(const struct cr_import *imp, struct pack_plan *pl)
{
	const struct cr_import_row	*r;
	size_t				 i;

	pl->n_periods = imp->n_periods > 0 ? imp->n_periods : 1;
	pl->row = xreallocarray(NULL, imp->n_units * pl->n_periods + 1,
	    sizeof *pl->row);
	for (i = 0; i < imp->n_units * pl->n_periods; i++)
		pl->row[i] = -1;
	for (i = 0; i < imp->n_rows; i++) {
		r = &imp->rows[i];
		if (!dropped(imp, i))
			pl->row[r->unit * pl->n_periods +
			    (imp->n_periods > 0 ? r->period : 0)] =
			    (ssize_t)i;
	}
}

/* One unit's pack of one period: its row's values, or all missing. */
static int
put_pack(struct writer *w, struct cr_packer *pk, const struct pack_plan *pl,
    size_t u, size_t p, enum cr_prov base)
{
	const struct cr_import		*imp = w->imp;
	const struct cr_import_row	*r;
	ssize_t				 row = pl->row[u * pl->n_periods + p];
	size_t				 k;

	if (row >= 0) {
		r = &imp->rows[row];
		for (k = 0; k < imp->n_indicators; k++)
			if (!isnan(r->num[pl->slot[k]]))
				cr_packer_set(pk, pl->leaf[k],
				    r->num[pl->slot[k]], value_prov(imp,
				    (size_t)row, k, base),
				    w->row_source[row]);
	}
	return (cr_packer_put(pk, w->unit_id[u], imp->n_periods > 0 ?
	    imp->periods[p] : "", row >= 0 ?
	    (sqlite3_int64)imp->rows[row].line : 0));
}

/*
 * Schema 8: the values go straight into their packs, the record, one
 * for every unit in every period, in unit order as the loader reads
 * them.  No value row: those are for edits after the import.
 */
static int
write_packs(struct writer *w)
{
	const struct cr_import	*imp = w->imp;
	struct cr_packer	*pk = NULL;
	struct pack_plan	 pl;
	enum cr_prov		 base;
	size_t			 u, p;
	int			 rc;

	memset(&pl, 0, sizeof pl);
	if (cr_prov_parse(imp->prov != NULL ? imp->prov : "user", &base) !=
	    0) {
		*w->cause = xasprintf("unknown provenance '%s'", imp->prov);
		return (-1);
	}
	pl.slot = xreallocarray(NULL, imp->n_indicators + 1, sizeof *pl.slot);
	pl.leaf = xreallocarray(NULL, imp->n_indicators + 1, sizeof *pl.leaf);
	rc = plan_leaves(w, &pl);
	if (rc == 0) {
		plan_rows(imp, &pl);
		if ((pk = cr_packer_new(w->h, pl.n_leaves, w->cause)) == NULL)
			rc = -1;
	}
	for (u = 0; rc == 0 && u < imp->n_units; u++) {
		if (imp->prepared && !imp->unit_kept[u])
			continue;
		for (p = 0; rc == 0 && p < pl.n_periods; p++)
			rc = put_pack(w, pk, &pl, u, p, base);
	}
	if (rc == 0)
		rc = cr_pack_record_triggers(w->h, w->cause);
	cr_packer_free(pk);
	free(pl.slot);
	free(pl.leaf);
	free(pl.row);
	return (rc);
}

/* One context cell; 0 also when it is missing and nothing is written. */
static int
write_cell(struct writer *w, sqlite3_stmt *st, size_t row, size_t item)
{
	const struct cr_import		*imp = w->imp;
	const struct cr_import_item	*it = &imp->items[item];
	const struct cr_import_row	*r = &imp->rows[row];

	if (it->type == CR_IMPORT_GROUP) {
		if (r->text[it->slot] == NULL)
			return (0);
		sqlite3_bind_text(st, 4, r->text[it->slot], -1,
		    SQLITE_STATIC);
	} else {
		if (isnan(r->num[it->slot]))
			return (0);
		sqlite3_bind_double(st, 3, r->num[it->slot]);
	}
	sqlite3_bind_int64(st, 1, w->unit_id[r->unit]);
	sqlite3_bind_int64(st, 2, w->item_id[item]);
	sqlite3_bind_text(st, 5, imp->prov != NULL ? imp->prov : "user", -1,
	    SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, w->row_source[row]);
	sqlite3_bind_text(st, 7, row_period(imp, r), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 8, (sqlite3_int64)r->line);
	return (insert(w, st, NULL));
}

/* Context is stored per period: the panel's may change year to year. */
static int
write_context(struct writer *w)
{
	const struct cr_import	*imp = w->imp;
	sqlite3_stmt		*st;
	size_t			 r, i;
	int			 rc = 0;

	if (prepare(w, "INSERT INTO context (entity, var, num, text, "
	    "provenance, source, period, line) VALUES (?, ?, ?, ?, ?, ?, ?, "
	    "?)",
	    &st) != 0)
		return (-1);
	for (r = 0; rc == 0 && r < imp->n_rows; r++)
		for (i = 0; rc == 0 && !dropped(imp, r) && i < imp->n_items;
		    i++)
			if (imp->items[i].slot >= 0 &&
			    imp->items[i].type != CR_IMPORT_INDICATOR)
				rc = write_cell(w, st, r, i);
	sqlite3_finalize(st);
	return (rc);
}

/* The baseline: the Weight column, scored as COINr does by default. */
static int
write_preset(struct writer *w)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (prepare(w, "INSERT INTO preset (code, name_zh, name_en, "
	    "normalize, aggregate, description) VALUES (?, ?, ?, ?, ?, ?)",
	    &st) != 0)
		return (-1);
	sqlite3_bind_text(st, 1, "default", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, "默认", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, "Default", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, "minmax", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, "arith", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, "the imported Weight column, min-max "
	    "normalisation to 0-100 and the weighted arithmetic mean (COINr's "
	    "defaults)", -1, SQLITE_STATIC);
	rc = insert(w, st, NULL);
	sqlite3_finalize(st);
	return (rc);
}

static void
bind_or_null(sqlite3_stmt *st, int col, const char *s)
{
	if (*s == '\0')
		sqlite3_bind_null(st, col);
	else
		sqlite3_bind_text(st, col, s, -1, SQLITE_STATIC);
}

static void
bind_num(sqlite3_stmt *st, int col, double v)
{
	if (isnan(v))
		sqlite3_bind_null(st, col);
	else
		sqlite3_bind_double(st, col, v);
}

/* The report of the preparation: one row a note, with its sentence. */
static int
write_notes(struct writer *w)
{
	const struct cr_import		*imp = w->imp;
	const struct cr_prep_note	*n;
	sqlite3_stmt			*st;
	char				*text;
	size_t				 i;
	int				 rc = 0;

	if (!imp->prepared)
		return (0);
	if (prepare(w, "INSERT INTO prep_note (step, what, period, "
	    "indicator, unit, grp, n, a, b, c, d, text) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", &st) != 0)
		return (-1);
	for (i = 0; rc == 0 && i < imp->report.n_notes; i++) {
		n = &imp->report.notes[i];
		sqlite3_bind_text(st, 1, cr_prep_step(n->what), -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(st, 2, cr_prep_what_name(n->what), -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(st, 3, cr_import_note_period(imp, n), -1,
		    SQLITE_STATIC);
		bind_or_null(st, 4, cr_import_note_indicator(imp, n));
		bind_or_null(st, 5, cr_import_note_unit(imp, n));
		bind_or_null(st, 6, cr_import_note_group(imp, n));
		sqlite3_bind_int64(st, 7, (sqlite3_int64)n->n);
		bind_num(st, 8, n->a);
		bind_num(st, 9, n->b);
		bind_num(st, 10, n->c);
		bind_num(st, 11, n->d);
		text = cr_import_note_text(imp, n);
		sqlite3_bind_text(st, 12, text, -1, SQLITE_TRANSIENT);
		free(text);
		rc = insert(w, st, NULL);
	}
	sqlite3_finalize(st);
	return (rc);
}

/*
 * The two tables as they were read, whatever the recipe, deflated: a
 * scenario can then prepare them another way (db/reprepare.c).
 */
static int
write_raw(struct writer *w)
{
	static const char *const names[] = { "data", "meta" };
	const struct cr_import	*imp = w->imp;
	sqlite3_stmt		*st;
	unsigned char		*z;
	size_t			 zlen;
	int			 i, rc = 0;

	if (prepare(w, "INSERT INTO raw_input (name, file, content) "
	    "VALUES (?, ?, ?)", &st) != 0)
		return (-1);
	for (i = 0; rc == 0 && i < 2; i++) {
		cr_deflate(imp->raw[i] != NULL ? imp->raw[i] : "",
		    imp->raw_len[i], &z, &zlen);
		sqlite3_bind_text(st, 1, names[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, base_name(imp->path[i]), -1,
		    SQLITE_STATIC);
		sqlite3_bind_blob64(st, 3, z, zlen, SQLITE_STATIC);
		rc = insert(w, st, NULL);
		free(z);
	}
	sqlite3_finalize(st);
	return (rc);
}

static int
exec(struct writer *w, const char *sql)
{
	char	*err = NULL;

	if (sqlite3_exec(w->h, sql, NULL, NULL, &err) != SQLITE_OK) {
		*w->cause = xasprintf("%s", err != NULL ? err : "sqlite error");
		sqlite3_free(err);
		return (-1);
	}
	return (0);
}

/* Everything, on an open empty database, in one transaction. */
static int
write_all(struct writer *w)
{
	char	*sql;
	int	 rc;

	/*
	 * No journal: on failure the whole temporary file goes.  It is
	 * off before the first write, so none is ever left beside it.
	 */
	sql = xasprintf("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
	    " PRAGMA application_id = %d; PRAGMA user_version = %d;"
	    " PRAGMA cache_size = -32768; PRAGMA locking_mode = EXCLUSIVE;"
	    " BEGIN; %s",
	    (int)CR_DB_APPLICATION_ID, CR_DB_SCHEMA_VERSION, cr_db_schema_sql);
	rc = exec(w, sql);
	free(sql);
	if (rc == 0)
		rc = write_meta(w);
	if (rc == 0)
		rc = write_nodes(w);
	if (rc == 0)
		rc = write_vars(w);
	if (rc == 0)
		rc = write_units(w);
	if (rc == 0)
		rc = write_periods(w);
	if (rc == 0)
		rc = write_sources(w);
	if (rc == 0)
		rc = write_targets(w);
	if (rc == 0)
		rc = write_packs(w);
	if (rc == 0)
		rc = write_context(w);
	if (rc == 0)
		rc = write_preset(w);
	if (rc == 0)
		rc = write_notes(w);
	if (rc == 0)
		rc = write_raw(w);
	if (rc == 0)
		rc = cr_sum_write(w->h, w->cause);
	if (rc == 0)
		rc = exec(w, "COMMIT");
	return (rc);
}

static int
write_db(struct writer *w, const char *tmp)
{
	/* One thread, one connection: SQLite's mutexes only cost time. */
	if (sqlite3_open_v2(tmp, &w->h, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		*w->cause = xasprintf("%s: %s", tmp, cr_db_errmsg(w->h));
		return (-1);
	}
	return (write_all(w));
}

int
cr_import_write_handle(const struct cr_import *imp, sqlite3 *h,
    char **cause)
{
	struct writer	w;
	int		rc;

	memset(&w, 0, sizeof w);
	w.imp = imp;
	w.h = h;
	w.cause = cause;
	*cause = NULL;
	w.item_id = xcalloc(imp->n_items + 1, sizeof *w.item_id);
	w.unit_id = xcalloc(imp->n_units + 1, sizeof *w.unit_id);
	w.row_source = xcalloc(imp->n_rows + 1, sizeof *w.row_source);
	rc = write_all(&w);
	free(w.item_id);
	free(w.unit_id);
	free(w.row_source);
	return (rc);
}

/*
 * An empty file beside out, so the final rename stays on one file
 * system, with the permissions a new file would get (mkstemp makes it
 * 0600).
 */
static char *
make_tmp(const char *out, char **cause)
{
	char	*tmp = xasprintf("%s.tmp-XXXXXX", out);
	mode_t	 mask;
	int	 fd;

	if ((fd = mkstemp(tmp)) == -1) {
		*cause = xasprintf("%s: %s", tmp, strerror(errno));
		free(tmp);
		return (NULL);
	}
	arm_cleanup(tmp);
	mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0666 & ~mask) != 0) {
		*cause = xasprintf("%s: %s", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		cleanup_armed = 0;
		free(tmp);
		return (NULL);
	}
	close(fd);
	return (tmp);
}

static int
exists(const char *out, char **cause)
{
	*cause = xasprintf("%s exists; not overwritten (use --force to "
	    "replace it)", out);
	return (-1);
}

/*
 * Without force, link() puts the file in place only if out still does
 * not exist, with no window between the check and the write.  A file
 * system without hard links falls back to a check and a rename.
 */
static int
install(const char *tmp, const char *out, int force, char **cause)
{
	if (!force) {
		if (link(tmp, out) == 0) {
			unlink(tmp);
			cr_sync_dir(out);
			return (0);
		}
		if (errno == EEXIST)
			return (exists(out, cause));
		if (access(out, F_OK) == 0)
			return (exists(out, cause));
	}
	if (rename(tmp, out) != 0) {
		*cause = xasprintf("%s: %s", out, strerror(errno));
		return (-1);
	}
	cr_sync_dir(out);
	return (0);
}

static int
same_file(const struct stat *a, const char *path)
{
	struct stat	sb;

	return (stat(path, &sb) == 0 && sb.st_dev == a->st_dev &&
	    sb.st_ino == a->st_ino);
}

static int
check_out(const struct cr_import *imp, const char *out, int force,
    char **cause)
{
	struct stat	sb;

	if (imp->n_errors > 0) {
		*cause = xasprintf("the import has %zu errors; nothing "
		    "written", imp->n_errors);
		return (-1);
	}
	if (lstat(out, &sb) != 0)
		return (0);
	if (!force)
		return (exists(out, cause));
	if (S_ISDIR(sb.st_mode)) {
		*cause = xasprintf("%s is a directory", out);
		return (-1);
	}
	if (same_file(&sb, imp->path[0]) || same_file(&sb, imp->path[1])) {
		*cause = xasprintf("%s is one of the input files; not "
		    "overwritten", out);
		return (-1);
	}
	return (0);
}

int
cr_import_write(const struct cr_import *imp, const char *out, int force,
    char **cause)
{
	struct writer		 w;
	struct cr_dataset	*ds;
	char			*tmp, *dummy = NULL;
	int			 rc;

	memset(&w, 0, sizeof w);
	w.imp = imp;
	w.cause = cause != NULL ? cause : &dummy;
	*w.cause = NULL;
	if (check_out(imp, out, force, w.cause) != 0 ||
	    (tmp = make_tmp(out, w.cause)) == NULL) {
		free(dummy);
		return (-1);
	}
	w.item_id = xcalloc(imp->n_items + 1, sizeof *w.item_id);
	w.unit_id = xcalloc(imp->n_units + 1, sizeof *w.unit_id);
	w.row_source = xcalloc(imp->n_rows + 1, sizeof *w.row_source);
	rc = write_db(&w, tmp);
	if (sqlite3_close(w.h) != SQLITE_OK && rc == 0) {
		*w.cause = xasprintf("%s: cannot close", tmp);
		rc = -1;
	}
	if (rc == 0 && cr_db_load(tmp, &ds, w.cause) == 0)
		cr_dataset_free(ds);
	else
		rc = -1;
	/* On disk before its name is: synchronous = OFF wrote it. */
	if (rc == 0)
		rc = cr_sync_file(tmp, w.cause);
	if (rc == 0)
		rc = install(tmp, out, force, w.cause);
	if (rc != 0)
		unlink(tmp);
	cleanup_armed = 0;
	free(tmp);
	free(w.item_id);
	free(w.unit_id);
	free(w.row_source);
	free(dummy);
	return (rc);
}
