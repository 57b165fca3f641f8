/*
 * Load a data set file into a core model.  The file is opened read-only
 * and checked before anything is read: that it is SQLite, that it is a
 * cityrank file, that its schema is not newer than ours and that every
 * table is there.  Each failure becomes one line for the user.
 *
 * Schema 2 files hold values and context for several periods (years);
 * one is loaded.  Schema 1 files have no period column and no period
 * table, and still load: every query below that names a period has a
 * schema-1 twin without it.
 */
#include "config.h"

#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "checksum.h"
#include "memavail.h"
#include "db.h"
#include "db_priv.h"
#include "pack.h"
#include "xmalloc.h"

struct loader {
	sqlite3			*h;
	const char		*path;
	struct cr_dataset	*ds;
	sqlite3_int64		*entity_id;	/* sorted: index == entity */
	sqlite3_int64		*node_id;	/* sorted: index == node */
	sqlite3_int64		*source_id;	/* sorted */
	uint32_t		*ent_source;	/* an entity's values' source */
	/* Schema 10: each entity's pack's line and its source (db.h). */
	uint32_t		*pack_line, *pack_src;
	char			**cause;
	int			 version;	/* schema of the file */
	int			 packs_record;	/* schema 8: rows are edits */
	/* A pack's provenance letter as enum cr_prov; CR_PROV_COUNT: none. */
	enum cr_prov		 prov_of[256];
	const char		*want;		/* period asked for, or NULL */
	int			 own_file;	/* opened by path, not handed */
};

static int
fail(struct loader *l, const char *fmt, const char *arg)
{
	char	*msg;

	/* The first failure is the cause; later ones follow from it. */
	msg = xasprintf(fmt, arg);
	if (*l->cause == NULL)
		*l->cause = xasprintf("%s: %s", l->path, msg);
	free(msg);
	return (-1);
}

static int
fail_sql(struct loader *l)
{
	return (fail(l, "%s", cr_db_errmsg(l->h)));
}

static int
prepare(struct loader *l, const char *sql, sqlite3_stmt **st)
{
	if (sqlite3_prepare_v2(l->h, sql, -1, st, NULL) != SQLITE_OK)
		return (fail_sql(l));
	return (0);
}

/*
 * The next row of st while *rc is 0.  SQLite ends a table it cannot
 * read with an error, not SQLITE_DONE: anything but a row or the end
 * sets *rc, so that damage is never taken for the last row.
 */
static int
next_row(struct loader *l, sqlite3_stmt *st, int *rc)
{
	int	s;

	if (*rc != 0)
		return (0);
	if ((s = sqlite3_step(st)) == SQLITE_ROW)
		return (1);
	if (s != SQLITE_DONE)
		*rc = fail_sql(l);
	return (0);
}

static const char *
text(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);

	return (s == NULL ? "" : (const char *)s);
}

/* Rows come ordered by id, so a binary search maps an id to an index. */
int
cr_db_find_id(const sqlite3_int64 *ids, size_t n, sqlite3_int64 id)
{
	size_t	lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ids[mid] == id)
			return ((int)mid);
		if (ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (-1);
}

static int
pragma_int(struct loader *l, const char *sql, int *out)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (prepare(l, sql, &st) != 0)
		return (-1);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		return (fail_sql(l));
	}
	*out = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return (0);
}

static int
check_header(struct loader *l)
{
	sqlite3_stmt	*st;
	int		 app, version, i, rc = 0;
	char		 buf[32];

	if (pragma_int(l, "PRAGMA application_id", &app) != 0)
		return (-1);
	if ((unsigned)app != CR_DB_APPLICATION_ID)
		return (fail(l, "%s", "not a cityrank data set"));
	if (pragma_int(l, "PRAGMA user_version", &version) != 0)
		return (-1);
	if (version > CR_DB_SCHEMA_VERSION) {
		snprintf(buf, sizeof buf, "%d", version);
		return (fail(l, "written by a newer cityrank (schema %s); "
		    "this version reads schema " CR_STR(CR_DB_SCHEMA_VERSION)
		    " or older", buf));
	}
	if (version < 1)
		return (fail(l, "%s", "no schema version: not a cityrank "
		    "data set"));
	l->version = version;
	if (prepare(l, "SELECT 1 FROM sqlite_master "
	    "WHERE type = 'table' AND name = ?", &st) != 0)
		return (-1);
	for (i = 0; cr_db_tables[i] != NULL; i++) {
		/* Schema 1 had no periods. */
		if (version < 2 && strcmp(cr_db_tables[i], "period") == 0)
			continue;
		if (version < 3 && strcmp(cr_db_tables[i], "value_pack") == 0)
			continue;
		if (version < 4 && strcmp(cr_db_tables[i], "checksum") == 0)
			continue;
		if (version < 5 && strcmp(cr_db_tables[i], "prep_note") == 0)
			continue;
		if (version < 6 && strcmp(cr_db_tables[i], "raw_input") == 0)
			continue;
		if (version < 7 && strcmp(cr_db_tables[i], "target") == 0)
			continue;
		sqlite3_bind_text(st, 1, cr_db_tables[i], -1, SQLITE_STATIC);
		if (!next_row(l, st, &rc) && rc == 0)
			rc = fail(l, "missing table '%s'", cr_db_tables[i]);
		sqlite3_reset(st);
		if (rc != 0)
			break;
	}
	sqlite3_finalize(st);
	return (rc);
}

/*
 * Schema 4: each table the loader reads in full must match its
 * checksum, unless an edit since made it stale (NULL).  A table with no
 * row at all is damage too: the writers give every one a row.
 */
static int
check_sum(struct loader *l, const struct cr_sum_table *t, uint64_t sum)
{
	sqlite3_stmt	*st;
	int		 rc = 0;

	if (l->version < 4)
		return (0);
	if (prepare(l, "SELECT xxh3 FROM checksum WHERE name = ?", &st) != 0)
		return (-1);
	sqlite3_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
	if (!next_row(l, st, &rc)) {
		if (rc == 0)
			rc = fail(l, "no checksum of table %s: the file is "
			    "damaged; run 'cityrank check'", t->name);
	} else if (sqlite3_column_type(st, 0) != SQLITE_NULL &&
	    cr_sum_from_i64(sqlite3_column_int64(st, 0)) != sum)
		rc = fail(l, "table %s is damaged; run 'cityrank check'",
		    t->name);
	sqlite3_finalize(st);
	return (rc);
}

/* The tables not read in full below, or read only on use, checked. */
static int
check_tables(struct loader *l)
{
	const struct cr_sum_table	*t;
	uint64_t			 sum;
	char				*why = NULL;
	int				 rc = 0;

	if (l->version < 4)
		return (0);
	for (t = cr_sum_tables; rc == 0 && t->name != NULL; t++) {
		if (!cr_sum_applies(t, l->version) || t->on_use ||
		    t->by_loader)
			continue;
		if (cr_sum_table(l->h, t, &sum, &why) != 0) {
			rc = fail(l, "%s", why);
			free(why);
		} else
			rc = check_sum(l, t, sum);
	}
	return (rc);
}

static int
load_meta(struct loader *l)
{
	sqlite3_stmt		*st;
	struct cr_dataset	*ds = l->ds;
	const char		*k, *v;
	char			*name = NULL;
	int			 rc = 0;

	if (prepare(l, "SELECT key, value FROM meta", &st) != 0)
		return (-1);
	while (next_row(l, st, &rc)) {
		k = text(st, 0);
		v = text(st, 1);
		if (strcmp(k, "name") == 0 && name == NULL)
			name = xstrdup(v);
		else if (strcmp(k, "title_zh") == 0 && ds->title_zh == NULL)
			ds->title_zh = xstrdup(v);
		else if (strcmp(k, "title_en") == 0 && ds->title_en == NULL)
			ds->title_en = xstrdup(v);
		else if (strcmp(k, "source") == 0 && ds->source == NULL)
			ds->source = xstrdup(v);
		else if (strcmp(k, "year") == 0 && ds->year == NULL)
			ds->year = xstrdup(v);
		else if (strcmp(k, "prep") == 0 && ds->prep == NULL)
			ds->prep = xstrdup(v);
		else if (strcmp(k, "licence") == 0 && ds->licence == NULL)
			ds->licence = xstrdup(v);
		else if (strcmp(k, "values") == 0 && l->version >= 8) {
			if (strcmp(v, "packs") == 0)
				l->packs_record = 1;
			else
				rc = fail(l, "the values are kept as '%s', "
				    "which this cityrank does not know; run "
				    "'cityrank check'", v);
		}
	}
	sqlite3_finalize(st);
	if (rc != 0) {
		free(name);
		return (rc);
	}
	if (ds->title_zh == NULL)
		ds->title_zh = xstrdup("");
	if (ds->title_en == NULL)
		ds->title_en = xstrdup("");
	if (ds->source == NULL)
		ds->source = xstrdup("");
	if (ds->year == NULL)
		ds->year = xstrdup("");
	if (ds->prep == NULL)
		ds->prep = xstrdup("");
	if (ds->licence == NULL)
		ds->licence = xstrdup("");
	ds->model = cr_model_new(name != NULL ? name : "unnamed");
	free(name);
	return (0);
}

static void
add_period(struct cr_dataset *ds, const char *name)
{
	ds->periods = xreallocarray(ds->periods, ds->n_periods + 1,
	    sizeof *ds->periods);
	ds->periods[ds->n_periods++] = xstrdup(name);
}

/* "2018, 2019, 2020", at most a screenful. */
static char *
period_list(const struct cr_dataset *ds)
{
	char	*s = xstrdup(""), *t;
	size_t	 i;

	for (i = 0; i < ds->n_periods && i < 30; i++) {
		t = xasprintf("%s%s%s", s, i > 0 ? ", " : "", ds->periods[i]);
		free(s);
		s = t;
	}
	if (i < ds->n_periods) {
		t = xasprintf("%s and %zu more", s, ds->n_periods - i);
		free(s);
		s = t;
	}
	return (s);
}

/* The periods the file has, and which one to load. */
static int
load_periods(struct loader *l)
{
	sqlite3_stmt		*st;
	struct cr_dataset	*ds = l->ds;
	char			*list, *msg;
	size_t			 i;
	int			 rc = 0;

	if (l->version >= 2) {
		/* The table's order, as its checksum saw it. */
		if (prepare(l, "SELECT name FROM period NOT INDEXED "
		    "ORDER BY ord", &st) != 0)
			return (-1);
		while (next_row(l, st, &rc))
			add_period(ds, text(st, 0));
		sqlite3_finalize(st);
		if (rc != 0)
			return (rc);
	}
	if (l->want == NULL) {
		ds->period = xstrdup(ds->n_periods > 0 ?
		    ds->periods[ds->n_periods - 1] : "");
		goto year;
	}
	for (i = 0; i < ds->n_periods; i++)
		if (strcmp(ds->periods[i], l->want) == 0)
			break;
	if (i < ds->n_periods) {
		ds->period = xstrdup(l->want);
		goto year;
	}
	list = period_list(ds);
	if (ds->n_periods == 0)
		msg = xasprintf("no period '%s': the data set has no periods",
		    l->want);
	else
		msg = xasprintf("no period '%s'; it has %s", l->want, list);
	fail(l, "%s", msg);
	free(msg);
	free(list);
	return (-2);
year:
	/* The data's year is the period shown, not when it was imported. */
	if (ds->period[0] != '\0') {
		free(ds->year);
		ds->year = xstrdup(ds->period);
	}
	return (0);
}

static int
load_sources(struct loader *l)
{
	sqlite3_stmt		*st;
	struct cr_dataset	*ds = l->ds;
	size_t			 cap = 0;
	int			 rc = 0;

	if (prepare(l, "SELECT id, text FROM source ORDER BY id", &st) != 0)
		return (-1);
	while (next_row(l, st, &rc)) {
		if (ds->n_sources == cap) {
			cap = cap ? cap * 2 : 64;
			ds->sources = xreallocarray(ds->sources, cap,
			    sizeof *ds->sources);
			l->source_id = xreallocarray(l->source_id, cap,
			    sizeof *l->source_id);
		}
		l->source_id[ds->n_sources] = sqlite3_column_int64(st, 0);
		ds->sources[ds->n_sources++] = cr_strpool_dup(
		    &ds->source_strs, text(st, 1));
	}
	sqlite3_finalize(st);
	return (rc);
}

static uint32_t
source_index(struct loader *l, sqlite3_int64 id)
{
	int	i = cr_db_find_id(l->source_id, l->ds->n_sources, id);

	return (i < 0 ? UINT32_MAX : (uint32_t)i);
}

/*
 * A number column as stored: a REAL or an INTEGER that is finite.  The
 * schema's column type does not stop a hand edit storing text (which
 * sqlite3_column_double() would read as 0) or 1e999 (infinity), and a
 * value that is not a number must not pass as one, nor as missing.
 */
static int
finite_col(sqlite3_stmt *st, int col, double *v)
{
	int	t = sqlite3_column_type(st, col);

	*v = sqlite3_column_double(st, col);
	return ((t == SQLITE_FLOAT || t == SQLITE_INTEGER) && isfinite(*v));
}

static int
not_finite(struct loader *l, const char *what, int e, const char *code)
{
	char	*who;

	who = xasprintf("%s of %s at %s", what, e < 0 ? "the data set" :
	    l->ds->model->entities[e].code, code);
	fail(l, "%s is not a finite number; run 'cityrank check'", who);
	free(who);
	return (-1);
}

static int
load_nodes(struct loader *l)
{
	sqlite3_stmt	*st;
	struct cr_model	*m = l->ds->model;
	char		*why = NULL;
	size_t		 cap = 0;
	double		 w;
	int		 p, rc = 0;

	/*
	 * A parent is found among the nodes read before it (parents come
	 * first), not by a join: see load_context().
	 */
	if (prepare(l, "SELECT id, code, parent, name_zh, name_en, unit, "
	    "weight, direction FROM node ORDER BY id", &st) != 0)
		return (-1);
	while (next_row(l, st, &rc)) {
		if (m->n_nodes == cap) {
			cap = cap ? cap * 2 : 64;
			l->node_id = xreallocarray(l->node_id, cap,
			    sizeof *l->node_id);
		}
		l->node_id[m->n_nodes] = sqlite3_column_int64(st, 0);
		p = sqlite3_column_type(st, 2) == SQLITE_NULL ? -1 :
		    cr_db_find_id(l->node_id, m->n_nodes,
		    sqlite3_column_int64(st, 2));
		if (p < 0 && sqlite3_column_type(st, 2) != SQLITE_NULL) {
			why = xasprintf("node '%s' has a parent that is not "
			    "a node before it", text(st, 1));
			rc = -1;
			break;
		}
		if (!finite_col(st, 6, &w)) {
			why = xasprintf("the weight of node '%s' is not a "
			    "finite number; run 'cityrank check'", text(st, 1));
			rc = -1;
			break;
		}
		rc = cr_model_add_node(m, text(st, 1), p < 0 ? NULL :
		    m->nodes[p].code, text(st, 3), text(st, 4), text(st, 5),
		    w, sqlite3_column_int(st, 7), &why);
	}
	sqlite3_finalize(st);
	if (rc == 0)
		rc = cr_model_freeze(m, &why);
	if (why != NULL)
		fail(l, "bad framework: %s", why);
	free(why);
	return (rc);
}

static int	parse_prov(struct loader *, const char *, enum cr_prov *);

/*
 * Schema 7: leaves' targets.  One on an aggregate, or one that is not
 * a finite number, is damage (dist2targ would take it for a leaf's).
 */
static int
load_targets(struct loader *l)
{
	sqlite3_stmt		*st;
	struct cr_dataset	*ds = l->ds;
	struct cr_model		*m = ds->model;
	enum cr_prov		 prov;
	double			 v;
	int			 n, rc = 0;

	if (l->version < 7)
		return (0);
	if (prepare(l, "SELECT node, value, provenance, source FROM target "
	    "ORDER BY node", &st) != 0)
		return (-1);
	while (rc == 0 && next_row(l, st, &rc)) {
		n = cr_db_find_id(l->node_id, m->n_nodes,
		    sqlite3_column_int64(st, 0));
		if (n < 0)
			rc = fail(l, "%s", "a target of no node; run 'cityrank "
			    "check'");
		else if (m->nodes[n].leaf < 0)
			rc = fail(l, "a target on %s, which is not a leaf; "
			    "run 'cityrank check'", m->nodes[n].code);
		else if (!finite_col(st, 1, &v))
			rc = fail(l, "the target of %s is not a finite "
			    "number; run 'cityrank check'", m->nodes[n].code);
		else if ((rc = parse_prov(l, text(st, 2), &prov)) == 0) {
			if (ds->target_prov == NULL) {
				ds->target_prov = xcalloc(m->n_nodes + 1, 1);
				ds->target_source = xreallocarray(NULL,
				    m->n_nodes + 1, sizeof *ds->target_source);
				memset(ds->target_source, 0xff, (m->n_nodes + 1) *
				    sizeof *ds->target_source);
			}
			m->nodes[n].target = v;
			ds->target_prov[n] = (unsigned char)prov;
			ds->target_source[n] = source_index(l,
			    sqlite3_column_int64(st, 3));
		}
	}
	sqlite3_finalize(st);
	return (rc);
}

/*
 * A data set that would not fit is refused before its values are read,
 * naming what it needs and what there is: past that point the kernel
 * would kill the process without a word (memavail.c).
 */
static int
fits_memory(struct loader *l, size_t entities)
{
	const struct cr_model	*m = l->ds->model;
	const char		*what;
	uint64_t		 need, have;
	char			*msg;

	need = cr_mem_need(entities, m->n_leaves, m->n_nodes);
	if ((have = cr_mem_available(&what)) == 0 || need <= have)
		return (0);
	msg = xasprintf("%zu units x %zu indicators need about %.0f MB of "
	    "memory to open, and %s is %.0f MB", entities, m->n_leaves,
	    (double)need / 1048576, what, (double)have / 1048576);
	fail(l, "%s", msg);
	free(msg);
	return (-1);
}

static int
load_entities(struct loader *l)
{
	const struct cr_sum_table	*t;
	struct cr_sum			*sum;
	sqlite3_stmt			*st;
	struct cr_model			*m = l->ds->model;
	char				*why = NULL;
	size_t				 cap = 0;
	int				 rc = 0, bad = 0;

	if (prepare(l, "SELECT count(*) FROM entity", &st) != 0)
		return (-1);
	if (next_row(l, st, &rc) && sqlite3_column_int64(st, 0) > 0) {
		/* One allocation of the value arrays, not a doubling series. */
		cap = (size_t)sqlite3_column_int64(st, 0);
		if (fits_memory(l, cap) != 0) {
			sqlite3_finalize(st);
			return (-1);
		}
		cr_model_reserve(m, cap);
		l->entity_id = xreallocarray(l->entity_id, cap,
		    sizeof *l->entity_id);
	}
	sqlite3_finalize(st);
	if (rc != 0)
		return (rc);
	/* Summed as read: a bad row may be damage, and is said as such. */
	t = cr_sum_find("entity", l->version);
	if (prepare(l, t->sql, &st) != 0)
		return (-1);
	sum = cr_sum_begin(t);
	while (next_row(l, st, &rc)) {
		cr_sum_row(sum, st);
		if (bad != 0)
			continue;
		if (m->n_entities == cap) {
			cap = cap ? cap * 2 : 64;
			l->entity_id = xreallocarray(l->entity_id, cap,
			    sizeof *l->entity_id);
		}
		l->entity_id[m->n_entities] = sqlite3_column_int64(st, 0);
		bad = cr_model_add_entity(m, text(st, 1), text(st, 2),
		    text(st, 3), &why);
	}
	sqlite3_finalize(st);
	if (rc == 0)
		rc = check_sum(l, t, cr_sum_end(sum));
	else
		(void)cr_sum_end(sum);
	if (rc == 0 && bad != 0)
		rc = fail(l, "bad entity: %s", why != NULL ? why :
		    "it could not be added");
	free(why);
	if (rc != 0)
		return (-1);
	if (m->n_entities == 0)
		return (fail(l, "%s", "the data set has no entities"));
	return (0);
}

static int
parse_prov(struct loader *l, const char *s, enum cr_prov *p)
{
	if (cr_prov_parse(s, p) != 0)
		return (fail(l, "unknown provenance '%s'", s));
	return (0);
}

/*
 * Sources usually follow the entity (an import names each data row) or
 * are the same for all: keep one id an entity, and an id a value only
 * once two values of one entity differ.
 */
static void
set_source(struct loader *l, size_t e, size_t leaf, uint32_t id)
{
	struct cr_dataset	*ds = l->ds;
	size_t			 nl = ds->model->n_leaves, k;

	if (ds->value_source == NULL) {
		if (l->ent_source[e] == UINT32_MAX)
			l->ent_source[e] = id;
		if (id == l->ent_source[e])
			return;
		ds->value_source = xreallocarray(NULL, ds->model->n_entities *
		    nl + 1, sizeof *ds->value_source);
		for (k = 0; k < ds->model->n_entities * nl; k++)
			ds->value_source[k] = l->ent_source[k / nl];
	}
	ds->value_source[e * nl + leaf] = id;
}

/*
 * Rows of the entities no pack gave; in a file whose packs are the
 * record (schema 8), every row, each an edit over its pack's value.
 */
static int
load_rows(struct loader *l, const unsigned char *packed)
{
	sqlite3_stmt		*st;
	struct cr_dataset	*ds = l->ds;
	struct cr_model		*m = ds->model;
	enum cr_prov		 prov;
	double			 v;
	int			 e, n, rc = 0;

	if (prepare(l, l->version < 2 ?
	    "SELECT entity, node, value, provenance, source FROM value" :
	    "SELECT entity, node, value, provenance, source FROM value "
	    "WHERE period = ?", &st) != 0)
		return (-1);
	if (l->version >= 2)
		sqlite3_bind_text(st, 1, ds->period, -1, SQLITE_STATIC);
	while (next_row(l, st, &rc)) {
		e = cr_db_find_id(l->entity_id, m->n_entities,
		    sqlite3_column_int64(st, 0));
		n = cr_db_find_id(l->node_id, m->n_nodes,
		    sqlite3_column_int64(st, 1));
		if (e < 0 || n < 0 || m->nodes[n].leaf < 0)
			rc = fail(l, "%s", "a value refers to a missing "
			    "entity or to a node that is not a leaf");
		else if (packed[e] && !l->packs_record)
			continue;
		else if (!finite_col(st, 2, &v))
			rc = not_finite(l, "value", e, m->nodes[n].code);
		else if ((rc = parse_prov(l, text(st, 3), &prov)) == 0) {
			cr_model_set_value(m, e, m->nodes[n].leaf, v, prov);
			set_source(l, (size_t)e, (size_t)m->nodes[n].leaf,
			    source_index(l, sqlite3_column_int64(st, 4)));
		}
	}
	sqlite3_finalize(st);
	return (rc);
}

/*
 * A pack written for another framework (a leaf added since, say) is
 * not used where the rows are the record; where the packs are, it is
 * an error (load_packs()).
 */
static int
pack_fits(struct loader *l, sqlite3_stmt *st)
{
	size_t	 nl = l->ds->model->n_leaves;

	return (sqlite3_column_int64(st, 2) == (sqlite3_int64)nl &&
	    (size_t)sqlite3_column_bytes(st, 3) == 8 * nl &&
	    cr_pack_prov_fits((size_t)sqlite3_column_bytes(st, 4), nl,
	    l->version) &&
	    (sqlite3_column_type(st, 6) == SQLITE_NULL ||
	    (size_t)sqlite3_column_bytes(st, 6) == 8 * nl));
}

/*
 * The pack's values into entity e's row; -1 when a letter or a number
 * is corrupt, with nothing said (unpack() says it).  A pack with one
 * source for all its values touches only e's row and ent_source[e]:
 * two threads may unpack two entities' packs at once (load_halves()).
 */
static int
unpack_values(struct loader *l, sqlite3_stmt *st, int e)
{
	struct cr_model		*m = l->ds->model;
	const unsigned char	*val, *srcs;
	const char		*prov;
	enum cr_prov		 p;
	uint32_t		 src;
	sqlite3_int64		 line;
	double			 v;
	size_t			 i;

	double			*row = m->raw + (size_t)e * m->n_leaves;
	unsigned char		*prow = m->prov + (size_t)e * m->n_leaves;
	size_t			 first = SIZE_MAX, plen;
	char			 c;

	val = sqlite3_column_blob(st, 3);
	prov = (const char *)sqlite3_column_text(st, 4);
	plen = (size_t)sqlite3_column_bytes(st, 4);	/* pack_fits() */
	srcs = sqlite3_column_blob(st, 6);
	src = source_index(l, sqlite3_column_int64(st, 5));
	/*
	 * Straight into the entity's row: 20 million values at 100,000
	 * units, where a call, a letter search and a source check each
	 * were a few per cent of the open.
	 */
	for (i = 0; i < m->n_leaves; i++) {
		if ((c = cr_pack_letter(prov, plen, val, i)) == CR_PACK_NONE)
			continue;
		v = cr_pack_value(val, i);
		if ((p = l->prov_of[(unsigned char)c]) == CR_PROV_COUNT ||
		    !isfinite(v))
			return (-1);
		row[i] = v;
		prow[i] = (unsigned char)p;
		if (first == SIZE_MAX)
			first = i;
		if (srcs != NULL)
			set_source(l, (size_t)e, i, source_index(l,
			    cr_pack_source(srcs, i)));
	}
	/* One source for the pack: said once, unless values differ. */
	if (srcs == NULL && first != SIZE_MAX) {
		if (l->ds->value_source == NULL &&
		    (l->ent_source[e] == UINT32_MAX ||
		    l->ent_source[e] == src))
			l->ent_source[e] = src;
		else
			for (i = first; i < m->n_leaves; i++)
				if (!isnan(row[i]))
					set_source(l, (size_t)e, i, src);
	}
	/* Schema 10: the line of its one source, named when asked. */
	if (sqlite3_column_type(st, 8) == SQLITE_NULL)
		return (0);
	line = sqlite3_column_int64(st, 8);
	if (sqlite3_column_type(st, 8) != SQLITE_INTEGER || srcs != NULL ||
	    line <= 0 || line > UINT32_MAX || l->pack_line == NULL)
		return (-1);
	if (first != SIZE_MAX && src != UINT32_MAX) {
		l->pack_line[e] = (uint32_t)line;
		l->pack_src[e] = src;
	}
	return (0);
}

static int
unpack(struct loader *l, sqlite3_stmt *st, int e)
{
	if (unpack_values(l, st, e) != 0)
		return (fail(l, "%s", "a value pack is corrupt"));
	return (0);
}

/* "shenzhen", "shenzhen (period 2019)" or "entity id 7"; caller frees. */
static char *
pack_who(struct loader *l, int e, sqlite3_int64 id)
{
	if (e < 0)
		return (xasprintf("entity id %lld", (long long)id));
	return (xasprintf("%s%s%s%s", l->ds->model->entities[e].code,
	    *l->ds->period != '\0' ? " (period " : "", l->ds->period,
	    *l->ds->period != '\0' ? ")" : ""));
}

/*
 * Schema 4: a pack must match its checksum.  The packs are copies the
 * triggers drop on any edit, so a mismatch is damage, not a change, and
 * damage that hit one part of the file may have hit others: the load
 * fails rather than fall back to the rows.
 */
/* Whether a pack (schema 4 or later) matches its checksum. */
static int
pack_sum_ok(sqlite3_stmt *st)
{
	struct cr_pack_row	 r;

	cr_pack_row_read(st, 0, &r);
	return (sqlite3_column_type(st, 7) != SQLITE_NULL &&
	    cr_sum_from_i64(sqlite3_column_int64(st, 7)) ==
	    cr_pack_checksum(&r));
}

static int
pack_damaged(struct loader *l, sqlite3_stmt *st, int e)
{
	char	*who;

	if (l->version < 4 || pack_sum_ok(st))
		return (0);
	who = pack_who(l, e, sqlite3_column_int64(st, 0));
	fail(l, "value pack of %s is damaged; run 'cityrank check'", who);
	free(who);
	return (-1);
}

/* Schema 8: a pack that does not fit cannot be passed over. */
static int
pack_misfit(struct loader *l, sqlite3_stmt *st, int e)
{
	char	*who, *msg;

	who = pack_who(l, e, sqlite3_column_int64(st, 0));
	msg = xasprintf("value pack of %s does not fit the framework (%lld "
	    "leaves, not %zu): the file was edited or damaged, and its "
	    "values are in their packs; run 'cityrank check'", who,
	    (long long)sqlite3_column_int64(st, 2),
	    l->ds->model->n_leaves);
	fail(l, "%s", msg);
	free(msg);
	free(who);
	return (-1);
}

/*
 * A unit has one pack a period (a unique index says so).  A second is
 * damage to the table's tree: one bit off in an inner page's last
 * child pointer had the scan read a page twice and skip the one
 * beside it, and counting the pack read twice as another unit's left
 * two units with no values and no message.
 */
static int
pack_twice(struct loader *l, int e)
{
	char	*who, *msg;

	who = pack_who(l, e, 0);
	msg = xasprintf("two value packs of %s: the file is damaged; run "
	    "'cityrank check'", who);
	fail(l, "%s", msg);
	free(msg);
	free(who);
	return (-1);
}

/*
 * From this many entities on, a second thread reads half the packs on
 * a connection of its own (db_priv.h: tests lower it).
 */
size_t		cr_db_pack_thread_min = 20000;
unsigned	cr_db_pack_halves_used;

/*
 * The entity of a pack's id, e the last one's: a writer puts packs in
 * entity order, so the next entity is tried first; any order loads.
 */
static int
pack_entity(struct loader *l, sqlite3_int64 id, int e)
{
	struct cr_model	*m = l->ds->model;

	if (e + 1 < (int)m->n_entities && l->entity_id[e + 1] == id)
		return (e + 1);
	return (cr_db_find_id(l->entity_id, m->n_entities, id));
}

/* Rows [lo, hi] of value_pack, on connection h. */
struct pack_half {
	struct loader	*l;
	sqlite3		*h;
	sqlite3_int64	 lo, hi;
	unsigned char	*packed;
	size_t		 n;	/* packs unpacked */
	int		 clean;	/* every pack sound and simple */
};

/*
 * One pack the quick way: sound, fitting, one source for all values,
 * its entity not claimed before.  Anything else is left to the careful
 * way, which says what is wrong in order, as one thread always did.
 */
static int
quick_pack(struct pack_half *p, sqlite3_stmt *st, int *e)
{
	struct loader	*l = p->l;

	*e = pack_entity(l, sqlite3_column_int64(st, 0), *e);
	if (*e < 0 || !pack_sum_ok(st) || !pack_fits(l, st) ||
	    sqlite3_column_type(st, 6) != SQLITE_NULL)
		return (-1);
	/* Two packs of one entity (a damaged index) are not raced over. */
	if (__atomic_exchange_n(&p->packed[*e], 1, __ATOMIC_RELAXED) != 0)
		return (-1);
	return (unpack_values(l, st, *e));
}

static void *
quick_half(void *arg)
{
	struct pack_half	*p = arg;
	sqlite3_stmt		*st;
	char			*sql;
	int			 e = -1, rc;

	p->clean = 0;
	sql = cr_pack_row_sql(p->l->version, "NOT INDEXED WHERE period = ? "
	    "AND rowid BETWEEN ? AND ?");
	rc = sqlite3_prepare_v2(p->h, sql, -1, &st, NULL);
	free(sql);
	if (rc != SQLITE_OK)
		return (NULL);
	sqlite3_bind_text(st, 1, p->l->ds->period, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, p->lo);
	sqlite3_bind_int64(st, 3, p->hi);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (quick_pack(p, st, &e) != 0)
			break;
		p->n++;
	}
	p->clean = rc == SQLITE_DONE;
	sqlite3_finalize(st);
	return (NULL);
}

/* The lowest and highest rowid of value_pack; -1 when none. */
static int
pack_rowids(sqlite3 *h, sqlite3_int64 *lo, sqlite3_int64 *hi)
{
	sqlite3_stmt	*st;
	int		 rc = -1;

	/*
	 * Each in a query of its own: SQLite finds a lone min() or max()
	 * at the end of the tree, but both in one query scanned the table
	 * (3% of the open at 84,000 units).
	 */
	if (sqlite3_prepare_v2(h, "SELECT (SELECT min(rowid) FROM "
	    "value_pack), (SELECT max(rowid) FROM value_pack)", -1, &st,
	    NULL) != SQLITE_OK)
		return (-1);
	if (sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) == SQLITE_INTEGER) {
		*lo = sqlite3_column_int64(st, 0);
		*hi = sqlite3_column_int64(st, 1);
		rc = 0;
	}
	sqlite3_finalize(st);
	return (rc);
}

static int
two_cores(void)
{
	return (sysconf(_SC_NPROCESSORS_ONLN) >= 2);
}

/* Both halves, the second on a thread of its own; 1 when both clean. */
static int
run_halves(struct loader *l, sqlite3 *h2, unsigned char *packed,
    size_t *n_packed)
{
	struct pack_half	 a, b;
	sqlite3_int64		 lo, hi;
	pthread_t		 t;

	if (pack_rowids(l->h, &lo, &hi) != 0)
		return (0);
	a = (struct pack_half){ l, l->h, lo, lo + (hi - lo) / 2, packed, 0,
	    0 };
	b = (struct pack_half){ l, h2, a.hi + 1, hi, packed, 0, 0 };
	if (pthread_create(&t, NULL, quick_half, &b) != 0)
		return (0);
	quick_half(&a);
	pthread_join(t, NULL);
	if (!a.clean || !b.clean)
		return (0);
	*n_packed = a.n + b.n;
	return (1);
}

/*
 * At 100,000 units reading the packs was a quarter of an open, on one
 * core: a file of one period with many units is read in two halves by
 * rowid, the second on a connection of its own.  One read transaction
 * on the first spans the second's, so a writer cannot commit between
 * them.  1 when every pack was taken so; 0 when the careful way must
 * read them (a pack damaged, misfit or with sources a value, or no
 * second connection), what the halves did undone first.
 */
static int
load_halves(struct loader *l, unsigned char *packed, size_t *n_packed)
{
	struct cr_model	*m = l->ds->model;
	sqlite3		*h2;
	char		*why = NULL;
	size_t		 e;
	int		 done;

	if (!l->own_file || l->version < 4 || l->ds->n_periods > 1 ||
	    m->n_entities < cr_db_pack_thread_min || !two_cores())
		return (0);
	if (sqlite3_exec(l->h, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return (0);
	done = 0;
	if (cr_db_open(l->path, &h2, &why) == 0) {
		/* One pass: no cache to keep (ctx_start()). */
		(void)sqlite3_exec(h2, "PRAGMA cache_size = 16", NULL, NULL,
		    NULL);
		done = run_halves(l, h2, packed, n_packed);
		sqlite3_close(h2);
	}
	free(why);
	(void)sqlite3_exec(l->h, "COMMIT", NULL, NULL, NULL);
	if (done) {
		cr_db_pack_halves_used++;
		return (1);
	}
	/* Rows the halves filled are filled again, the same. */
	memset(packed, 0, m->n_entities);
	if (l->pack_line != NULL)
		memset(l->pack_line, 0, m->n_entities * sizeof *l->pack_line);
	for (e = 0; e < m->n_entities; e++)
		l->ent_source[e] = UINT32_MAX;
	*n_packed = 0;
	return (0);
}

/*
 * The packs of the period.  With one period in the file every pack is
 * one of them, and the table is read straight through: through the
 * (entity, period) index, each row was a second search of the table,
 * a tenth of the open at 100,000 units.
 */
static int
prepare_packs(struct loader *l, sqlite3_stmt **st)
{
	char	*sql;
	int	 rc;

	sql = cr_pack_row_sql(l->version, l->ds->n_periods <= 1 ?
	    "NOT INDEXED WHERE period = ?" :
	    "WHERE period = ? ORDER BY entity");
	rc = prepare(l, sql, st);
	free(sql);
	if (rc != 0)
		return (-1);
	sqlite3_bind_text(*st, 1, l->ds->period, -1, SQLITE_STATIC);
	return (0);
}

static int
load_packs(struct loader *l, unsigned char *packed, size_t *n_packed)
{
	sqlite3_stmt	*st;
	int		 e = -1, rc = 0;

	if (load_halves(l, packed, n_packed))
		return (0);
	if (prepare_packs(l, &st) != 0)
		return (-1);
	while (next_row(l, st, &rc)) {
		e = pack_entity(l, sqlite3_column_int64(st, 0), e);
		if (pack_damaged(l, st, e) != 0)
			rc = -1;
		else if (e < 0)
			rc = fail(l, "%s", "a value pack refers to a missing "
			    "entity");
		else if (packed[e])
			rc = pack_twice(l, e);
		else if (!pack_fits(l, st)) {
			if (l->packs_record)
				rc = pack_misfit(l, st, e);
		} else if ((rc = unpack(l, st, e)) == 0) {
			packed[e] = 1;
			(*n_packed)++;
		}
	}
	sqlite3_finalize(st);
	return (rc);
}

/*
 * Schema 8: with no rows to stand in, an entity without a pack has lost
 * its values, which must not pass for missing ones.
 */
static int
all_packed(struct loader *l, const unsigned char *packed)
{
	struct cr_model	*m = l->ds->model;
	char		*who, *msg;
	size_t		 e;

	for (e = 0; e < m->n_entities; e++)
		if (!packed[e])
			break;
	if (e == m->n_entities)
		return (0);
	who = pack_who(l, (int)e, 0);
	msg = xasprintf("no value pack of %s: the file was edited or "
	    "damaged, and its values are in their packs; run 'cityrank "
	    "check'", who);
	fail(l, "%s", msg);
	free(msg);
	free(who);
	return (-1);
}

/*
 * Schema 10: the lines go to the data set, with a buffer that fits the
 * name of the longest; a file that names none keeps no array.
 */
static void
keep_lines(struct loader *l)
{
	struct cr_dataset	*ds = l->ds;
	size_t			 e, len, max = 0;
	int			 any = 0;

	for (e = 0; e < ds->model->n_entities; e++) {
		if (l->pack_line[e] == 0)
			continue;
		any = 1;
		len = strlen(ds->sources[l->pack_src[e]]);
		if (len > max)
			max = len;
	}
	if (!any)
		return;
	ds->entity_line.v = l->pack_line;
	l->pack_line = NULL;
	cr_linecol_compact(&ds->entity_line, ds->model->n_entities);
	/* With one source an entity, that source is the pack's. */
	if (ds->value_source != NULL) {
		ds->line_source = l->pack_src;
		l->pack_src = NULL;
	}
	ds->line_buf_len = max + CR_LINE_EXTRA;
	ds->line_buf = xmalloc(ds->line_buf_len);
}

/*
 * Each entity's source, or one number when all share it (no entity
 * without values: it has none).  Takes *src.
 */
static void
keep_entity_sources(struct cr_dataset *ds, uint32_t **src)
{
	size_t		 e, n;
	uint32_t	*s = *src;

	/* A file that failed before its entities has neither. */
	if (s == NULL || ds->model == NULL)
		return;
	n = ds->model->n_entities;
	for (e = 1; e < n && s[e] == s[0]; e++)
		;
	if (n > 0 && e == n && s[0] < UINT32_MAX - 1) {
		ds->entity_source_all = s[0] + 1;
		return;
	}
	ds->entity_source = s;
	*src = NULL;
}

static int
load_values(struct loader *l)
{
	struct cr_model	*m = l->ds->model;
	unsigned char	*packed;
	size_t		 n_packed = 0, e;
	int		 rc = 0;

	l->ds->value_source = NULL;
	l->ent_source = xreallocarray(NULL, m->n_entities + 1,
	    sizeof *l->ent_source);
	for (e = 0; e < m->n_entities; e++)
		l->ent_source[e] = UINT32_MAX;
	packed = xcalloc(m->n_entities + 1, 1);
	if (l->version >= 10) {
		l->pack_line = xcalloc(m->n_entities + 1, sizeof *l->pack_line);
		l->pack_src = xcalloc(m->n_entities + 1, sizeof *l->pack_src);
	}
	/* Decoders write the provenance a value; one for all again after. */
	cr_model_prov_expand(m);
	if (l->version >= 3)
		rc = load_packs(l, packed, &n_packed);
	if (rc == 0 && l->packs_record)
		rc = all_packed(l, packed);
	/* The packs' own edits, or the rows of the entities none gave. */
	if (rc == 0 && (n_packed < m->n_entities || l->packs_record))
		rc = load_rows(l, packed);
	if (rc == 0 && l->pack_line != NULL)
		keep_lines(l);
	cr_model_prov_compact(m);
	free(packed);
	free(l->pack_line);
	free(l->pack_src);
	l->pack_line = l->pack_src = NULL;
	return (rc);
}

static int	read_context(struct loader *, const sqlite3_int64 *);

static int
load_context(struct loader *l)
{
	sqlite3_stmt	*st;
	struct cr_model	*m = l->ds->model;
	sqlite3_int64	*var_id = NULL;
	char		*why = NULL;
	int		 rc = 0;

	if (prepare(l, "SELECT id, code, name_zh, name_en, unit, kind "
	    "FROM context_var ORDER BY id", &st) != 0)
		return (-1);
	while (next_row(l, st, &rc)) {
		var_id = xreallocarray(var_id, m->n_ctx + 1, sizeof *var_id);
		var_id[m->n_ctx] = sqlite3_column_int64(st, 0);
		rc = cr_model_add_ctxvar(m, text(st, 1), text(st, 2),
		    text(st, 3), text(st, 4), strcmp(text(st, 5), "num") == 0 ?
		    CR_CTX_NUM : CR_CTX_TEXT, &why);
	}
	sqlite3_finalize(st);
	if (why != NULL)
		fail(l, "bad context variable: %s", why);
	free(why);
	if (rc != 0) {
		free(var_id);
		return (-1);
	}
	rc = read_context(l, var_id);
	free(var_id);
	return (rc);
}

/*
 * At 84,000 units the context's rows were a third of the load, read
 * after the values on one core.  From cr_db_pack_thread_min units on,
 * with a second core, they are read beside the values: on a connection
 * of their own, by a copy of the loader with a cause of its own.  The
 * two write apart (the values their columns, the context its
 * variables and their strings), and the outcome is the one in order:
 * the values' failure first, then the context's, each message as the
 * one thread gives it.
 */
unsigned	cr_db_ctx_thread_used;

struct ctx_job {
	struct loader	 l;
	char		*cause;
	int		 rc;
	int		 started;
	pthread_t	 t;
};

static void *
ctx_run(void *arg)
{
	struct ctx_job	*j = arg;

	j->rc = load_context(&j->l);
	return (NULL);
}

static void
ctx_start(struct loader *l, struct ctx_job *j)
{
	sqlite3	*h;
	char	*why = NULL;

	memset(j, 0, sizeof *j);
	if (!l->own_file || l->ds->model->n_entities < cr_db_pack_thread_min ||
	    !two_cores())
		return;
	if (cr_db_open(l->path, &h, &why) != 0) {
		free(why);
		return;
	}
	/*
	 * One pass over the table needs no cache to speak of: SQLite's
	 * default 2 MB filled as it read would add 7% to the explorer's
	 * memory at 84,000 units.
	 */
	(void)sqlite3_exec(h, "PRAGMA cache_size = 16", NULL, NULL, NULL);
	j->l = *l;
	j->l.h = h;
	j->l.cause = &j->cause;
	if (pthread_create(&j->t, NULL, ctx_run, j) != 0) {
		sqlite3_close(h);
		return;
	}
	j->started = 1;
}

/* The context after the values' rc: read here, or the thread's. */
static int
ctx_end(struct loader *l, struct ctx_job *j, int rc)
{
	if (!j->started)
		return (rc == 0 ? load_context(l) : rc);
	pthread_join(j->t, NULL);
	sqlite3_close(j->l.h);
	cr_db_ctx_thread_used++;
	if (rc == 0 && j->rc != 0 && *l->cause == NULL) {
		*l->cause = j->cause;
		j->cause = NULL;
	}
	free(j->cause);
	return (rc != 0 ? rc : j->rc);
}

/*
 * A context row's line (schema 10, the column after the source), 0 for
 * none; -1 and the cause when it is not a line.
 */
static int
context_line(struct loader *l, sqlite3_stmt *st, int c, unsigned *line)
{
	sqlite3_int64	n;

	*line = 0;
	if (l->version < 10 || sqlite3_column_type(st, c) == SQLITE_NULL)
		return (0);
	n = sqlite3_column_int64(st, c);
	if (sqlite3_column_type(st, c) != SQLITE_INTEGER || n <= 0 ||
	    n > UINT_MAX)
		return (fail(l, "%s", "a context value names a line that is "
		    "not one"));
	*line = (unsigned)n;
	return (0);
}

/*
 * One context row: columns 0 entity, 1 var, then num, text, prov,
 * source and (schema 10) line.
 */
static int
context_row(struct loader *l, sqlite3_stmt *st, const sqlite3_int64 *var_id,
    int c)
{
	struct cr_model	*m = l->ds->model;
	enum cr_prov	 prov;
	uint32_t	 si;
	unsigned	 line;
	double		 num;
	int		 v, e, rc = 0;

	e = cr_db_find_id(l->entity_id, m->n_entities,
	    sqlite3_column_int64(st, 0));
	v = cr_db_find_id(var_id, m->n_ctx, sqlite3_column_int64(st, 1));
	si = source_index(l, sqlite3_column_int64(st, c + 3));
	if (si == UINT32_MAX)
		rc = fail(l, "%s", "a context value refers to a "
		    "missing source");
	else if (e < 0 || v < 0)
		rc = fail(l, "%s", "a context value refers to a "
		    "missing entity or variable");
	else if ((rc = parse_prov(l, text(st, c + 2), &prov)) != 0)
		;
	else if ((rc = context_line(l, st, c + 4, &line)) != 0)
		;
	else if (m->ctx[v].kind == CR_CTX_NUM &&
	    sqlite3_column_type(st, c) != SQLITE_NULL) {
		if (!finite_col(st, c, &num))
			rc = not_finite(l, "context value", e, m->ctx[v].code);
		else
			cr_model_set_ctx_num(m, v, e, num, prov,
			    l->ds->sources[si], line);
	} else if (m->ctx[v].kind == CR_CTX_TEXT &&
	    sqlite3_column_type(st, c + 1) != SQLITE_NULL)
		cr_model_set_ctx_text(m, v, e, text(st, c + 1), prov,
		    l->ds->sources[si], line);
	return (rc);
}

/*
 * Context without a period holds in every period; the loaded period's
 * own row for a unit and variable comes after it (the key's order), so
 * it wins.  Variables and sources are looked up in what was read of
 * them, not joined: a join seeks by id, and a seek goes by the keys of
 * a table's inner pages, which a damaged page can change while a scan,
 * and the table's checksum, still see every row.  Every row is read and
 * summed, each period's too, so that the sum is checked in this pass.
 */
static int
read_context(struct loader *l, const sqlite3_int64 *var_id)
{
	const struct cr_sum_table	*t = cr_sum_find("context", l->version);
	struct cr_sum			*sum;
	sqlite3_stmt			*st;
	const char			*period;
	char				*row_why = NULL;
	int				 rc = 0, bad = 0;

	if (l->version < 2) {
		if (prepare(l, "SELECT entity, var, num, text, provenance, "
		    "source FROM context", &st) != 0)
			return (-1);
		while (next_row(l, st, &rc))
			rc = context_row(l, st, var_id, 2);
		sqlite3_finalize(st);
		return (rc);
	}
	/* Columns: entity, var, period, num, text, provenance, source, line. */
	if (prepare(l, t->sql, &st) != 0)
		return (-1);
	sum = cr_sum_begin(t);
	while (next_row(l, st, &rc)) {
		cr_sum_row(sum, st);
		period = text(st, 2);
		if (bad != 0 || (*period != '\0' &&
		    strcmp(period, l->ds->period) != 0))
			continue;
		/* A bad row may be damage: said as such if the sum says so. */
		if ((bad = context_row(l, st, var_id, 3)) != 0) {
			row_why = *l->cause;
			*l->cause = NULL;
		}
	}
	sqlite3_finalize(st);
	if (rc == 0)
		rc = check_sum(l, t, cr_sum_end(sum));
	else
		(void)cr_sum_end(sum);
	if (rc != 0 || bad == 0) {
		free(row_why);
		return (rc);
	}
	*l->cause = row_why;
	return (bad);
}

static int
pub_kind(const char *s, enum cr_pub_kind *k)
{
	if (strcmp(s, "score") == 0)
		*k = CR_PUB_SCORE;
	else if (strcmp(s, "rank") == 0)
		*k = CR_PUB_RANK;
	else if (strcmp(s, "mean") == 0)
		*k = CR_PUB_MEAN;
	else
		return (-1);
	return (0);
}

static int
load_published(struct loader *l)
{
	sqlite3_stmt		*st;
	struct cr_dataset	*ds = l->ds;
	struct cr_model		*m = ds->model;
	struct cr_published	*p;
	size_t			 cap = 0;
	int			 rc = 0;

	if (prepare(l, "SELECT entity, node, kind, value, provenance, source "
	    "FROM published ORDER BY rowid", &st) != 0)
		return (-1);
	while (next_row(l, st, &rc)) {
		if (ds->n_published == cap) {
			cap = cap ? cap * 2 : 64;
			ds->published = xreallocarray(ds->published, cap,
			    sizeof *ds->published);
		}
		p = &ds->published[ds->n_published];
		p->entity = sqlite3_column_type(st, 0) == SQLITE_NULL ? -1 :
		    cr_db_find_id(l->entity_id, m->n_entities,
		    sqlite3_column_int64(st, 0));
		p->node = cr_db_find_id(l->node_id, m->n_nodes,
		    sqlite3_column_int64(st, 1));
		p->source = source_index(l, sqlite3_column_int64(st, 5));
		if (p->node < 0 || (p->entity < 0 &&
		    sqlite3_column_type(st, 0) != SQLITE_NULL))
			rc = fail(l, "%s", "a published figure refers to a "
			    "missing entity or node");
		else if (!finite_col(st, 3, &p->value))
			rc = not_finite(l, "published figure", p->entity,
			    m->nodes[p->node].code);
		else if (pub_kind(text(st, 2), &p->kind) != 0)
			rc = fail(l, "unknown published kind '%s'",
			    text(st, 2));
		else if ((rc = parse_prov(l, text(st, 4), &p->prov)) == 0)
			ds->n_published++;
	}
	sqlite3_finalize(st);
	return (rc);
}

static void
add_preset(struct cr_dataset *ds, size_t at, const char *code,
    const char *zh, const char *en, const char *desc, struct cr_scenario *sc)
{
	struct cr_preset	*p;

	ds->presets = xreallocarray(ds->presets, ds->n_presets + 1,
	    sizeof *ds->presets);
	memmove(ds->presets + at + 1, ds->presets + at,
	    (ds->n_presets - at) * sizeof *ds->presets);
	ds->n_presets++;
	p = &ds->presets[at];
	p->code = xstrdup(code);
	p->name_zh = xstrdup(zh);
	p->name_en = xstrdup(en);
	p->description = xstrdup(desc);
	p->scenario = sc;
}

static int
preset_weights(struct loader *l, sqlite3_int64 id, struct cr_scenario *sc)
{
	sqlite3_stmt	*st;
	struct cr_model	*m = l->ds->model;
	int		 n, rc = 0;

	if (prepare(l, "SELECT node, weight FROM preset_weight "
	    "WHERE preset = ?", &st) != 0)
		return (-1);
	sqlite3_bind_int64(st, 1, id);
	while (next_row(l, st, &rc)) {
		n = cr_db_find_id(l->node_id, m->n_nodes,
		    sqlite3_column_int64(st, 0));
		if (n < 0)
			rc = fail(l, "%s", "a preset weight refers to a "
			    "missing node");
		else if (!finite_col(st, 1, &sc->weight[n]))
			rc = fail(l, "a preset's weight of %s is not a finite "
			    "number; run 'cityrank check'", m->nodes[n].code);
	}
	sqlite3_finalize(st);
	return (rc);
}

/* A preset's methods, as --normalize and --aggregate take them. */
static int
preset_methods(struct cr_scenario *sc, const char *norm, const char *agg,
    char **why)
{
	struct cr_norm_spec	 n;
	struct cr_agg_spec	 a;
	int			 rc = -1;

	cr_norm_spec_init(&n);
	if (cr_norm_spec_parse(norm, &n, why) == 0 &&
	    cr_agg_spec_parse(agg, &a, why) == 0) {
		cr_scenario_set_norm(sc, &n);
		cr_scenario_set_agg(sc, &a);
		rc = 0;
	}
	cr_norm_spec_clear(&n);
	return (rc);
}

static int
load_presets(struct loader *l)
{
	sqlite3_stmt		*st;
	struct cr_dataset	*ds = l->ds;
	struct cr_model		*m = ds->model;
	struct cr_scenario	*sc;
	char			*why = NULL;
	int			 rc = 0;

	/* 'default' sorts first: it is the baseline. */
	if (prepare(l, "SELECT id, code, name_zh, name_en, normalize, "
	    "aggregate, description FROM preset "
	    "ORDER BY code <> 'default', id", &st) != 0)
		return (-1);
	while (next_row(l, st, &rc)) {
		sc = cr_scenario_new(m, text(st, 1));
		if (preset_methods(sc, text(st, 4), text(st, 5), &why) != 0 ||
		    preset_weights(l, sqlite3_column_int64(st, 0), sc) != 0 ||
		    cr_scenario_check(m, sc, &why) != 0) {
			if (why != NULL)
				rc = fail(l, "bad preset: %s", why);
			else
				rc = -1;
			cr_scenario_free(sc);
			break;
		}
		add_preset(ds, ds->n_presets, text(st, 1), text(st, 2),
		    text(st, 3), text(st, 6), sc);
	}
	sqlite3_finalize(st);
	free(why);
	if (rc != 0)
		return (rc);
	if (ds->n_presets == 0 || strcmp(ds->presets[0].code, "default") != 0) {
		/* Imported data may ship no presets: its weights are it. */
		add_preset(ds, 0, "default", "默认", "Default",
		    "the data set's own weights", cr_scenario_new(m,
		    "default"));
	}
	return (0);
}

static int
open_file(struct loader *l)
{
	char	*why = NULL;

	if (cr_db_open(l->path, &l->h, &why) != 0) {
		fail(l, "%s", why);
		free(why);
		return (-1);
	}
	return (0);
}

int
cr_db_load(const char *path, struct cr_dataset **out, char **cause)
{
	return (cr_db_load_period(path, NULL, out, cause));
}

static int	load(sqlite3 *, const char *, const char *,
		    struct cr_dataset **, char **);

int
cr_db_load_period(const char *path, const char *period,
    struct cr_dataset **out, char **cause)
{
	return (load(NULL, path, period, out, cause));
}

int
cr_db_load_handle(sqlite3 *h, const char *path, const char *period,
    struct cr_dataset **out, char **cause)
{
	return (load(h, path, period, out, cause));
}

/* From the file at path, or from h when it is open already. */
static void
prov_table(struct loader *l)
{
	enum cr_prov	 p;
	int		 c;

	for (c = 0; c < 256; c++)
		l->prov_of[c] = cr_pack_prov((char)c, &p) == 0 ? p :
		    CR_PROV_COUNT;
}

static int
load(sqlite3 *h, const char *path, const char *period,
    struct cr_dataset **out, char **cause)
{
	struct loader	 l;
	struct ctx_job	 ctx;
	char		*dummy = NULL;
	int		 rc = 0;

	memset(&l, 0, sizeof l);
	memset(&ctx, 0, sizeof ctx);
	prov_table(&l);
	l.path = path;
	l.want = period;
	l.cause = cause != NULL ? cause : &dummy;
	*l.cause = NULL;
	l.ds = xcalloc(1, sizeof *l.ds);
	l.ds->path = xstrdup(path);
	l.h = h;
	if (h == NULL && (rc = open_file(&l)) == 0)
		l.own_file = 1;
	if (rc == 0)
		rc = check_header(&l);
	if (rc == 0)
		rc = check_tables(&l);
	if (rc == 0)
		rc = load_meta(&l);
	if (rc == 0)
		rc = load_periods(&l);
	if (rc == 0)
		rc = load_sources(&l);
	if (rc == 0)
		rc = load_nodes(&l);
	if (rc == 0)
		rc = load_targets(&l);
	if (rc == 0)
		rc = load_entities(&l);
	if (rc == 0)
		ctx_start(&l, &ctx);
	if (rc == 0)
		rc = load_values(&l);
	if (rc == 0 || ctx.started)
		rc = ctx_end(&l, &ctx, rc);
	if (rc == 0)
		cr_model_ctx_compact(l.ds->model);
	if (rc == 0)
		rc = load_published(&l);
	if (rc == 0)
		rc = load_presets(&l);
	if (h == NULL)
		sqlite3_close(l.h);
	free(l.entity_id);
	free(l.node_id);
	free(l.source_id);
	/* Without per-value sources, the entity's source stands for all. */
	if (l.ds != NULL && l.ds->value_source == NULL)
		keep_entity_sources(l.ds, &l.ent_source);
	free(l.ent_source);
	free(dummy);
	if (rc != 0) {
		cr_dataset_free(l.ds);
		*out = NULL;
		return (rc == -2 ? -2 : -1);
	}
	*out = l.ds;
	return (0);
}
