/*
 * Value packs: a file loaded through its packs must hold exactly what
 * it holds loaded through its rows (the reference: the same file with
 * the packs deleted), and any change to the rows must drop the packs
 * that copy them.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>
#include <xxhash.h>

#include "checksum.h"
#include "db.h"
#include "db_priv.h"
#include "import.h"
#include "pack.h"
#include "dbtest.h"
#include "xmalloc.h"

static char	tmpdir[] = "/tmp/cityrank-test-pack.XXXXXX";

static char *
tmp(const char *name)
{
	return (xasprintf("%s/%s", tmpdir, name));
}

static struct cr_dataset *
load(const char *path, const char *period)
{
	struct cr_dataset	*ds;
	char			*why = NULL;

	if (cr_db_load_period(path, period, &ds, &why) != 0)
		fail_msg("%s", why);
	return (ds);
}

/* Every value, its provenance and its source, entity by entity. */
static void
assert_same_values(const struct cr_dataset *a, const struct cr_dataset *b)
{
	const struct cr_model	*ma = a->model, *mb = b->model;
	size_t			 e, l, i;

	assert_int_equal(ma->n_entities, mb->n_entities);
	assert_int_equal(ma->n_leaves, mb->n_leaves);
	for (e = 0; e < ma->n_entities; e++) {
		for (l = 0; l < ma->n_leaves; l++) {
			i = e * ma->n_leaves + l;
			if (isnan(ma->raw[i]) || isnan(mb->raw[i])) {
				assert_true(isnan(ma->raw[i]) &&
				    isnan(mb->raw[i]));
				continue;
			}
			/* Bit for bit: a pack stores the double itself. */
			assert_memory_equal(&ma->raw[i], &mb->raw[i],
			    sizeof ma->raw[i]);
			assert_int_equal(cr_model_prov_at(ma, i), cr_model_prov_at(mb, i));
			assert_string_equal(cr_dataset_value_source(a,
			    (int)e, (int)l), cr_dataset_value_source(b,
			    (int)e, (int)l));
		}
	}
}

/* Load through the packs, then through the rows of a copy without them. */
static void
check_pack_equals_rows(const char *path, const char *period)
{
	struct cr_dataset	*packed, *rows;
	char			*bare = tmp("bare.db");

	dbtest_copy(path, bare);
	dbtest_sql(bare, "DELETE FROM value_pack");
	packed = load(path, period);
	rows = load(bare, period);
	assert_same_values(packed, rows);
	cr_dataset_free(packed);
	cr_dataset_free(rows);
	unlink(bare);
	free(bare);
}

static char *
bundled_copy(void)
{
	char	*p = tmp("bundled.db");

	dbtest_copy(getenv("CITYRANK_DB"), p);
	return (p);
}

static void
test_bundled(void **state)
{
	char	*p = bundled_copy();

	(void)state;
	/* One pack a city; each city's sources differ value to value. */
	assert_int_equal(dbtest_count(p, "SELECT count(*) FROM value_pack"), 26);
	assert_int_equal(dbtest_count(p, "SELECT count(*) FROM value_pack "
	    "WHERE sources IS NOT NULL AND source IS NULL"), 26);
	check_pack_equals_rows(p, NULL);
	unlink(p);
	free(p);
}

/* An ASEM table imported; the import kept in *imp_out when asked. */
static char *
import_asem(const char *data, const char *name, struct cr_import **imp_out)
{
	struct cr_import	*imp;
	char			*d, *m, *out = tmp(name), *why = NULL;

	d = xasprintf("%s/tests/fixtures/coinr-asem/%s", getenv("SRCDIR"),
	    data);
	m = xasprintf("%s/tests/fixtures/coinr-asem/ASEM_iMeta.csv",
	    getenv("SRCDIR"));
	imp = cr_import_read(d, m);
	assert_int_equal(imp->n_errors, 0);
	if (cr_import_write(imp, out, 1, &why) != 0)
		fail_msg("%s", why);
	if (imp_out != NULL)
		*imp_out = imp;
	else
		cr_import_free(imp);
	free(d);
	free(m);
	return (out);
}

/*
 * An import's values of the loaded period against what the importer
 * read from the CSV, cell by cell: the number bit for bit, provenance
 * user and the source the line of its row.  A unit with no row in the
 * period has every value missing.
 */
static void
assert_import_values(const struct cr_import *imp,
    const struct cr_dataset *ds, const char *file)
{
	const struct cr_model		*m = ds->model;
	const struct cr_import_row	*r;
	const struct cr_import_item	*it;
	unsigned char			*seen;
	size_t				*lines;
	char				*src;
	double				 v, got;
	size_t				 row, i, e, l, n = 0;
	int				 ent, leaf;

	seen = xcalloc(m->n_entities + 1, 1);
	lines = xcalloc(m->n_entities + 1, sizeof(*lines));
	for (row = 0; row < imp->n_rows; row++) {
		r = &imp->rows[row];
		if (strcmp(imp->n_periods > 0 ? imp->periods[r->period] : "",
		    ds->period) != 0)
			continue;
		ent = cr_model_find_entity(m, imp->units[r->unit].code);
		assert_true(ent >= 0);
		seen[ent] = 1;
		lines[ent] = r->line;
		src = xasprintf("%s line %zu", file, r->line);
		for (i = 0; i < imp->n_items; i++) {
			it = &imp->items[i];
			if (it->type != CR_IMPORT_INDICATOR)
				continue;
			leaf = m->nodes[cr_model_find_node(m, it->code)].leaf;
			assert_true(leaf >= 0);
			v = r->num[it->slot];
			got = cr_model_raw(m, ent, leaf);
			if (isnan(v)) {
				assert_true(isnan(got));
				continue;
			}
			assert_memory_equal(&v, &got, sizeof v);
			assert_int_equal(cr_model_prov_at(m, (size_t)ent * m->n_leaves +
			    (size_t)leaf), CR_PROV_USER);
			assert_string_equal(cr_dataset_value_source(ds, ent,
			    leaf), src);
			n++;
		}
		free(src);
	}
	assert_true(n > 0);
	for (e = 0; e < m->n_entities; e++)
		for (l = 0; !seen[e] && l < m->n_leaves; l++)
			assert_true(isnan(cr_model_raw(m, (int)e, (int)l)));
	/*
	 * A row for every unit, each named by its line of one file (schema
	 * 10): one source and one provenance, kept once.
	 */
	for (e = 0; e < m->n_entities && seen[e]; e++)
		;
	if (e == m->n_entities &&
	    (ds->entity_line.v != NULL || ds->entity_line.first != 0)) {
		assert_null(ds->entity_source);
		assert_true(ds->entity_source_all != 0);
		assert_null(m->prov);
		/* Lines in the units' order: one number. */
		for (e = 1; e < m->n_entities && lines[e] == lines[0] + e; e++)
			;
		if (e == m->n_entities) {
			assert_null(ds->entity_line.v);
			assert_int_equal(ds->entity_line.first, lines[0]);
		} else
			assert_non_null(ds->entity_line.v);
	}
	free(seen);
	free(lines);
}

/* 63 cells are missing: their packs say so, and hold the rest. */
static void
test_import_one_period(void **state)
{
	struct cr_import	*imp;
	struct cr_dataset	*ds;
	char			*p = import_asem("ASEM_iData.csv", "asem.db",
				    &imp);

	(void)state;
	assert_int_equal(dbtest_count(p, "SELECT count(*) FROM value_pack"),
	    51);
	/* Each country's row names one source for all its values. */
	assert_int_equal(dbtest_count(p, "SELECT count(*) FROM value_pack "
	    "WHERE source IS NOT NULL AND sources IS NULL"), 51);
	assert_int_equal(dbtest_letters(p, '-'), 63);
	ds = load(p, NULL);
	assert_import_values(imp, ds, "ASEM_iData.csv");
	cr_dataset_free(ds);
	cr_import_free(imp);
	unlink(p);
	free(p);
}

static void
test_import_panel(void **state)
{
	struct cr_import	*imp;
	struct cr_dataset	*ds, *dp;
	char			*p = import_asem("ASEM_iData_p.csv",
				    "panel.db", &imp);
	size_t			 i, n;

	(void)state;
	ds = load(p, NULL);
	n = ds->n_periods;
	assert_true(n > 1);
	/* Every unit has a pack in every period, even one it lacks. */
	assert_int_equal(dbtest_count(p, "SELECT count(*) FROM value_pack"),
	    (int)(ds->model->n_entities * n));
	for (i = 0; i < n; i++) {
		dp = load(p, ds->periods[i]);
		assert_import_values(imp, dp, "ASEM_iData_p.csv");
		cr_dataset_free(dp);
	}
	cr_dataset_free(ds);
	cr_import_free(imp);
	unlink(p);
	free(p);
}

/*
 * Schema 8: an import writes no value row, only packs, and marks the
 * file so; of the triggers that drop packs only the entity's is there.
 */
static void
test_import_packs_record(void **state)
{
	char	*p = import_asem("ASEM_iData.csv", "record.db", NULL);

	(void)state;
	assert_int_equal(dbtest_count(p, "SELECT count(*) FROM value"), 0);
	assert_int_equal(dbtest_count(p, "PRAGMA user_version"), 10);
	assert_int_equal(dbtest_count(p, "SELECT count(*) FROM meta WHERE "
	    "key = 'values' AND value = 'packs'"), 1);
	assert_int_equal(dbtest_count(p, "SELECT count(*) FROM sqlite_master "
	    "WHERE type = 'trigger' AND name LIKE 'value_pack%'"), 1);
	assert_int_equal(dbtest_count(p, "SELECT count(*) FROM sqlite_master "
	    "WHERE type = 'trigger' AND name = 'value_pack_entity'"), 1);
	/* The key is in meta's checksum: changing it is an edit. */
	assert_int_equal(dbtest_count(p, "SELECT xxh3 IS NOT NULL FROM "
	    "checksum WHERE name = 'meta'"), 1);
	/*
	 * Schema 10: the data file is one source, and each pack and
	 * context row keeps its line (the header is line 1, the 51 units
	 * the lines after it); assert_import_values() reads them back.
	 */
	assert_int_equal(dbtest_count(p, "SELECT count(*) FROM source WHERE "
	    "text LIKE '%iData.csv%'"), 1);
	assert_int_equal(dbtest_count(p, "SELECT count(*) FROM value_pack "
	    "WHERE line IS NULL OR source <> (SELECT id FROM source WHERE "
	    "text = 'ASEM_iData.csv')"), 0);
	assert_int_equal(dbtest_count(p, "SELECT min(line) || max(line) || "
	    "count(DISTINCT line) FROM value_pack"), 25251);
	assert_int_equal(dbtest_count(p, "SELECT count(*) FROM context c, "
	    "value_pack k WHERE c.entity = k.entity AND (c.line IS NOT "
	    "k.line OR c.source <> k.source)"), 0);
	assert_int_equal(dbtest_count(p, "SELECT count(*) FROM context"),
	    dbtest_count(p, "SELECT count(*) FROM context WHERE line > 0"));
	unlink(p);
	free(p);
}

/* The loaded value of (entity, leaf), its provenance and source. */
static double
value_at(const struct cr_dataset *ds, const char *unit, const char *leaf,
    enum cr_prov *prov, const char **src)
{
	const struct cr_model	*m = ds->model;
	int			 e, l;

	e = cr_model_find_entity(m, unit);
	l = m->nodes[cr_model_find_node(m, leaf)].leaf;
	assert_true(e >= 0 && l >= 0);
	*prov = (enum cr_prov)cr_model_prov_at(m, (size_t)e * m->n_leaves + (size_t)l);
	*src = cr_dataset_value_source(ds, e, l);
	return (cr_model_raw(m, e, l));
}

/* Every value of a and b the same but (unit, leaf)'s. */
static void
assert_same_but(const struct cr_dataset *a, const struct cr_dataset *b,
    const char *unit, const char *leaf)
{
	const struct cr_model	*ma = a->model;
	size_t			 e, l, i, skip;

	skip = (size_t)cr_model_find_entity(ma, unit) * ma->n_leaves +
	    (size_t)ma->nodes[cr_model_find_node(ma, leaf)].leaf;
	assert_int_equal(ma->n_entities, b->model->n_entities);
	for (e = 0; e < ma->n_entities; e++)
		for (l = 0; l < ma->n_leaves; l++) {
			i = e * ma->n_leaves + l;
			if (i == skip)
				continue;
			assert_memory_equal(&ma->raw[i], &b->model->raw[i],
			    sizeof ma->raw[i]);
			assert_int_equal(cr_model_prov_at(ma, i), cr_model_prov_at(b->model, i));
			if (!isnan(ma->raw[i]))
				assert_string_equal(
				    cr_dataset_value_source(a, (int)e, (int)l),
				    cr_dataset_value_source(b, (int)e, (int)l));
		}
}

/*
 * Schema 8: a row in value is an edit over the pack: it changes that
 * value, with its provenance and source, and no other; the pack stays.
 * Deleting the row gives the pack's value back.  DEU is line 12 of
 * ASEM_iData.csv; its LPI is 4.225967 and its Flights 174.3588 there,
 * and CHN's NEET is empty (line 36).
 */
static void
test_override_row(void **state)
{
	struct cr_dataset	*orig, *ds;
	enum cr_prov		 prov;
	const char		*src;
	char			*p = import_asem("ASEM_iData.csv", "edit.db",
				    NULL);

	(void)state;
	orig = load(p, NULL);
	assert_true(value_at(orig, "DEU", "LPI", &prov, &src) == 4.225967);
	assert_string_equal(src, "ASEM_iData.csv line 12");
	dbtest_sql(p, "INSERT INTO source (text) VALUES ('a hand edit'); "
	    "INSERT INTO value (entity, node, period, value, provenance, "
	    "source) SELECT e.id, n.id, '2018', 3.75, 'estimated', s.id "
	    "FROM entity e, node n, source s WHERE e.code = 'DEU' AND "
	    "n.code = 'LPI' AND s.text = 'a hand edit'");
	assert_int_equal(dbtest_count(p, "SELECT count(*) FROM value_pack"),
	    51);
	ds = load(p, NULL);
	assert_true(value_at(ds, "DEU", "LPI", &prov, &src) == 3.75);
	assert_int_equal(prov, CR_PROV_ESTIMATED);
	assert_string_equal(src, "a hand edit");
	/* Its neighbour in the same pack keeps the row's line. */
	assert_true(value_at(ds, "DEU", "Flights", &prov, &src) == 174.3588);
	assert_string_equal(src, "ASEM_iData.csv line 12");
	assert_same_but(orig, ds, "DEU", "LPI");
	cr_dataset_free(ds);

	/* An edit by UPDATE of the row, then a value where none was. */
	dbtest_sql(p, "UPDATE value SET value = -1");
	ds = load(p, NULL);
	assert_true(value_at(ds, "DEU", "LPI", &prov, &src) == -1);
	cr_dataset_free(ds);
	assert_true(isnan(value_at(orig, "CHN", "NEET", &prov, &src)));
	dbtest_sql(p, "DELETE FROM value; INSERT INTO value (entity, node, "
	    "period, value, provenance, source) SELECT e.id, n.id, '2018', "
	    "7, 'user', 1 FROM entity e, node n WHERE e.code = 'CHN' AND "
	    "n.code = 'NEET'");
	ds = load(p, NULL);
	assert_true(value_at(ds, "CHN", "NEET", &prov, &src) == 7);
	assert_same_but(orig, ds, "CHN", "NEET");
	cr_dataset_free(ds);

	/* Deleted, the pack's values are back, all of them. */
	dbtest_sql(p, "DELETE FROM value");
	ds = load(p, NULL);
	assert_same_values(orig, ds);
	cr_dataset_free(ds);
	cr_dataset_free(orig);
	unlink(p);
	free(p);
}

static void	expect_load_error(const char *, const char *);

/*
 * Schema 10: a line changed in a pack or a context row is damage the
 * checksums see; a pack that names a line beside a sources blob, sealed
 * as if a writer had made it, is corrupt.  The file as schema 9 wrote
 * it, a source row a line, loads the same sources.
 */
static void
test_lines(void **state)
{
	struct cr_dataset	*a, *b;
	char	*p = import_asem("ASEM_iData.csv", "lines.db", NULL);
	char	*q = tmp("lines2.db"), *old = tmp("lines9.db");
	const char *sa, *sb;
	size_t	 e, v, n = 0;

	(void)state;
	dbtest_copy(p, q);
	dbtest_copy(p, old);
	dbtest_sql(q, "UPDATE value_pack SET line = line + 100 WHERE entity = "
	    "(SELECT id FROM entity WHERE code = 'FIN')");
	expect_load_error(q, "value pack of FIN (period 2018) is damaged");
	dbtest_reseal(q);
	a = load(q, NULL);
	assert_int_equal(dbtest_count(q, "SELECT line FROM value_pack WHERE "
	    "entity = (SELECT id FROM entity WHERE code = 'FIN')"), 100 +
	    dbtest_count(p, "SELECT line FROM value_pack WHERE entity = "
	    "(SELECT id FROM entity WHERE code = 'FIN')"));
	cr_dataset_free(a);
	dbtest_sql(q, "UPDATE value_pack SET sources = zeroblob(8 * n) WHERE "
	    "entity = (SELECT id FROM entity WHERE code = 'FIN')");
	dbtest_reseal(q);
	expect_load_error(q, "a value pack is corrupt");

	dbtest_copy(p, q);
	/* Without the trigger that would make the sum stale: damage. */
	dbtest_sql(q, "DROP TRIGGER checksum_context_U; UPDATE context SET "
	    "line = line + 1 WHERE entity = (SELECT min(entity) FROM context)");
	expect_load_error(q, "table context is damaged");

	dbtest_unline(old);
	dbtest_sql(old, "PRAGMA user_version = 9");
	assert_int_equal(dbtest_count(old, "SELECT count(*) FROM source WHERE "
	    "text LIKE 'ASEM_iData.csv line %'"), 51);
	a = load(p, NULL);
	b = load(old, NULL);
	assert_same_values(a, b);
	for (v = 0; v < a->model->n_ctx; v++)
		for (e = 0; e < a->model->n_entities; e++) {
			sa = cr_model_ctx_source(a->model, (int)v, (int)e);
			sb = cr_model_ctx_source(b->model, (int)v, (int)e);
			if (sa == NULL || sb == NULL)
				assert_true(sa == sb);
			else
				assert_string_equal(sa, sb);
			n += sa != NULL;
		}
	/* Every context row's, and only those. */
	assert_int_equal(n, dbtest_count(p, "SELECT count(*) FROM context"));
	cr_dataset_free(a);
	cr_dataset_free(b);
	unlink(old);
	unlink(q);
	unlink(p);
	free(old);
	free(q);
	free(p);
}

/*
 * Schema 8: no rows stand in for a pack that is missing or does not
 * fit, so either is an error naming the entity, not missing values.
 */
static void
test_record_pack_missing(void **state)
{
	char	*p = import_asem("ASEM_iData.csv", "gone.db", NULL);
	char	*q = tmp("misfit.db");

	(void)state;
	dbtest_copy(p, q);
	dbtest_sql(p, "DELETE FROM value_pack WHERE entity = (SELECT id "
	    "FROM entity WHERE code = 'FIN')");
	expect_load_error(p, "no value pack of FIN (period 2018): the file "
	    "was edited or damaged");

	dbtest_sql(q, "UPDATE value_pack SET n = n + 1, "
	    "value = value || zeroblob(8), provenance = provenance || 'u' "
	    "WHERE entity = (SELECT id FROM entity WHERE code = 'HUN')");
	dbtest_reseal(q);
	expect_load_error(q, "value pack of HUN (period 2018) does not fit "
	    "the framework (50 leaves, not 49): the file was edited or "
	    "damaged");
	unlink(q);
	unlink(p);
	free(p);

	/* A new leaf: no trigger drops the packs, and none fits. */
	p = import_asem("ASEM_iData.csv", "leaf.db", NULL);
	dbtest_sql(p, "INSERT INTO node (code, parent, name_zh, name_en, "
	    "weight, direction) SELECT 'NewLeaf', parent, 'n', 'n', 1, 1 "
	    "FROM node WHERE code = 'LPI'");
	assert_int_equal(dbtest_count(p, "SELECT count(*) FROM value_pack"),
	    51);
	expect_load_error(p, "does not fit the framework (49 leaves, not "
	    "50)");
	unlink(p);
	free(q);
	free(p);
}

/*
 * Schema 8: deleting an entity deletes its packs (a trigger), so that
 * what is left loads, one entity fewer.  Its context rows the user
 * deletes, as in any file.
 */
static void
test_record_entity_delete(void **state)
{
	struct cr_dataset	*ds;
	char			*p = import_asem("ASEM_iData.csv", "del.db",
				    NULL);

	(void)state;
	dbtest_sql(p, "DELETE FROM context WHERE entity = (SELECT id FROM "
	    "entity WHERE code = 'FIN'); DELETE FROM entity WHERE "
	    "code = 'FIN'");
	assert_int_equal(dbtest_count(p, "SELECT count(*) FROM value_pack"),
	    50);
	ds = load(p, NULL);
	assert_int_equal(ds->model->n_entities, 50);
	assert_int_equal(cr_model_find_entity(ds->model, "FIN"), -1);
	cr_dataset_free(ds);
	unlink(p);
	free(p);
}

/*
 * Schema 8: an override row is checked as a row always was: on a leaf,
 * of an entity, finite, with a provenance.
 */
static void
test_record_bad_override(void **state)
{
	char	*p = import_asem("ASEM_iData.csv", "bad.db", NULL);
	char	*q = tmp("bad2.db");

	(void)state;
	dbtest_copy(p, q);
	dbtest_sql(p, "INSERT INTO value (entity, node, period, value, "
	    "provenance, source) SELECT e.id, n.id, '2018', 1, 'user', 1 "
	    "FROM entity e, node n WHERE e.code = 'DEU' AND n.code = 'Conn'");
	expect_load_error(p, "a value refers to a missing entity or to a node "
	    "that is not a leaf");
	dbtest_sql(p, "UPDATE value SET node = (SELECT id FROM node WHERE "
	    "code = 'LPI'), value = 9e999");
	expect_load_error(p, "value of DEU at LPI is not a finite number");
	dbtest_sql(q, "PRAGMA ignore_check_constraints = ON; INSERT INTO "
	    "value (entity, node, period, value, provenance, source) SELECT "
	    "e.id, n.id, '2018', 1, 'guessed', 1 FROM entity e, node n "
	    "WHERE e.code = 'DEU' AND n.code = 'LPI'");
	expect_load_error(q, "unknown provenance 'guessed'");
	unlink(q);
	unlink(p);
	free(q);
	free(p);
}

/*
 * A schema 7 file, whose rows are the record, still loads from its
 * rows where a pack is missing: the key 'values' means nothing there.
 */
static void
test_schema7_rows(void **state)
{
	struct cr_import	*imp;
	struct cr_dataset	*ds;
	char			*p = import_asem("ASEM_iData.csv", "v7.db", &imp);

	(void)state;
	dbtest_unpack(p);
	assert_int_equal(dbtest_count(p, "SELECT count(*) FROM value"),
	    51 * 49 - 63);
	dbtest_sql(p, "DELETE FROM value_pack; INSERT INTO meta (key, value) "
	    "VALUES ('values', 'packs'); PRAGMA user_version = 7");
	ds = load(p, NULL);
	assert_import_values(imp, ds, "ASEM_iData.csv");
	cr_dataset_free(ds);
	cr_import_free(imp);
	unlink(p);
	free(p);
}

/* Changing one value drops that entity's pack and no other. */
static void
test_update_drops_pack(void **state)
{
	struct cr_dataset	*ds;
	char			*p = bundled_copy();
	int			 leaf;

	(void)state;
	dbtest_sql(p, "UPDATE value SET value = 12.5 WHERE entity = "
	    "(SELECT id FROM entity WHERE code = 'beijing') AND node = "
	    "(SELECT id FROM node WHERE code = 'environment')");
	assert_int_equal(dbtest_count(p, "SELECT count(*) FROM value_pack"), 25);
	ds = load(p, NULL);
	leaf = ds->model->nodes[cr_model_find_node(ds->model,
	    "environment")].leaf;
	assert_true(leaf >= 0);
	assert_true(ds->model->raw[(size_t)cr_model_find_entity(ds->model,
	    "beijing") * ds->model->n_leaves + (size_t)leaf] == 12.5);
	cr_dataset_free(ds);
	check_pack_equals_rows(p, NULL);

	dbtest_sql(p, "DELETE FROM value WHERE entity = "
	    "(SELECT id FROM entity WHERE code = 'shanghai') AND node = "
	    "(SELECT id FROM node WHERE code = 'environment')");
	assert_int_equal(dbtest_count(p, "SELECT count(*) FROM value_pack"), 24);
	check_pack_equals_rows(p, NULL);
	unlink(p);
	free(p);
}

/* A new leaf changes every pack's layout: all go. */
static void
test_node_change_drops_all(void **state)
{
	struct cr_dataset	*ds;
	char			*p = bundled_copy();

	(void)state;
	dbtest_sql(p, "INSERT INTO node (code, parent, name_zh, name_en, weight, "
	    "direction) SELECT 'dp_new', parent, '新', 'New', 1, 1 "
	    "FROM node WHERE code = 'environment'");
	assert_int_equal(dbtest_count(p, "SELECT count(*) FROM value_pack"), 0);
	ds = load(p, NULL);
	assert_int_equal(ds->model->n_leaves, 20);
	cr_dataset_free(ds);
	unlink(p);
	free(p);
}

/* A pack that does not fit the framework is passed over for the rows. */
static void
test_misfit_pack_unused(void **state)
{
	char	*p = bundled_copy();

	(void)state;
	dbtest_sql(p, "UPDATE value_pack SET n = n + 1, "
	    "value = value || zeroblob(8), provenance = provenance || 'r' "
	    "WHERE rowid = (SELECT min(rowid) FROM value_pack)");
	dbtest_reseal(p);
	check_pack_equals_rows(p, NULL);
	unlink(p);
	free(p);
}

static void
expect_load_error(const char *path, const char *want)
{
	struct cr_dataset	*ds = (void *)1;
	char			*why = NULL;

	assert_int_equal(cr_db_load(path, &ds, &why), -1);
	assert_null(ds);
	if (why == NULL || strstr(why, want) == NULL ||
	    strstr(why, path) == NULL)
		fail_msg("message '%s' lacks '%s' or the path", why, want);
	free(why);
}

static void
test_corrupt_pack(void **state)
{
	char	*p = bundled_copy();

	(void)state;
	dbtest_sql(p, "UPDATE value_pack SET provenance = 'x' || "
	    "substr(provenance, 2) WHERE rowid = "
	    "(SELECT min(rowid) FROM value_pack)");
	/* Changed behind SQLite's back: the checksum sees it first. */
	expect_load_error(p, "value pack of shenzhen is damaged; run "
	    "'cityrank check'");
	dbtest_reseal(p);
	expect_load_error(p, "value pack is corrupt");
	dbtest_sql(p, "DELETE FROM value_pack; INSERT INTO value_pack "
	    "(entity, period, n, value, provenance, source, checksum) "
	    "VALUES (999999, '', 0, x'', '', NULL, 0)");
	expect_load_error(p, "value pack of entity id 999999 is damaged");
	dbtest_reseal(p);
	expect_load_error(p, "missing entity");
	unlink(p);
	free(p);
}

static unsigned char *
slurp(const char *path, size_t *len)
{
	FILE		*fp = fopen(path, "rb");
	unsigned char	*buf;
	long		 size;

	assert_non_null(fp);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	size = ftell(fp);
	assert_true(size > 0);
	rewind(fp);
	buf = xmalloc((size_t)size);
	assert_int_equal(fread(buf, 1, (size_t)size, fp), (size_t)size);
	fclose(fp);
	*len = (size_t)size;
	return (buf);
}

/* Where needle first is in the file, which must hold it. */
static long
find_bytes(const char *path, const void *needle, size_t n)
{
	unsigned char	*buf;
	size_t		 len, i;
	long		 at = -1;

	buf = slurp(path, &len);
	for (i = 0; at < 0 && i + n <= len; i++)
		if (memcmp(buf + i, needle, n) == 0)
			at = (long)i;
	free(buf);
	assert_true(at >= 0);
	return (at);
}

/* The value blob of the first or last pack, as it is in the file. */
static long
pack_value_at(const char *path, int last)
{
	sqlite3		*h;
	sqlite3_stmt	*st;
	long		 at;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, last ?
	    "SELECT value FROM value_pack ORDER BY rowid DESC LIMIT 1" :
	    "SELECT value FROM value_pack ORDER BY rowid LIMIT 1", -1, &st,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	at = find_bytes(path, sqlite3_column_blob(st, 0),
	    (size_t)sqlite3_column_bytes(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(h);
	return (at);
}

static long
first_pack_value(const char *path)
{
	return (pack_value_at(path, 0));
}

/*
 * One bit of a pack's value blob, changed on disk: SQLite sees nothing
 * (the page is sound) and the rows are right, so only the checksum can
 * tell; the old loader gave shenzhen another value.
 */
static void
test_flipped_pack_byte(void **state)
{
	char	*p = bundled_copy();

	(void)state;
	/* The low exponent bit of the fourth value: finite, but another. */
	dbtest_flip(p, first_pack_value(p) + 3 * 8 + 6, 0x10);
	expect_load_error(p, "value pack of shenzhen is damaged; run "
	    "'cityrank check'");
	unlink(p);
	free(p);
}

/*
 * A file of one period read in two halves, each on its own connection
 * and thread (db_load.c; at 20,000 units and more, here from 1): the
 * values, provenance and sources of every cell as the CSV has them.
 */
static void
test_halves(void **state)
{
	struct cr_import	*imp;
	struct cr_dataset	*ds;
	char			*p = import_asem("ASEM_iData.csv", "halves.db",
				    &imp);
	unsigned		 used = cr_db_pack_halves_used;

	(void)state;
	cr_db_pack_thread_min = 1;
	ds = load(p, NULL);
	assert_import_values(imp, ds, "ASEM_iData.csv");
	/* Where there is a second core to read with, both halves did. */
	if (sysconf(_SC_NPROCESSORS_ONLN) >= 2)
		assert_int_equal(cr_db_pack_halves_used, used + 1);
	cr_dataset_free(ds);
	unlink(p);
	free(p);
	/* Sources a value each: one thread reads, the careful way. */
	p = bundled_copy();
	used = cr_db_pack_halves_used;
	check_pack_equals_rows(p, NULL);
	assert_int_equal(cr_db_pack_halves_used, used);
	cr_db_pack_thread_min = 20000;
	cr_import_free(imp);
	unlink(p);
	free(p);
}

/* The load's message with the packs read in halves, then on one thread. */
static void
expect_same_error(const char *path, const char *want)
{
	struct cr_dataset	*ds;
	char			*two = NULL, *one = NULL;

	cr_db_pack_thread_min = 1;
	assert_int_equal(cr_db_load(path, &ds, &two), -1);
	cr_db_pack_thread_min = SIZE_MAX;
	assert_int_equal(cr_db_load(path, &ds, &one), -1);
	cr_db_pack_thread_min = 20000;
	assert_non_null(two);
	assert_non_null(one);
	assert_string_equal(two, one);
	if (strstr(one, want) == NULL)
		fail_msg("message '%s' lacks '%s'", one, want);
	free(two);
	free(one);
}

/*
 * Damage in the second half, or in both: the message is the one a
 * single thread gives, naming the first damaged pack in the file.
 */
static void
test_halves_damaged(void **state)
{
	char	*p = import_asem("ASEM_iData.csv", "halfbad.db", NULL);
	int	 first, last;

	(void)state;
	first = dbtest_count(p, "SELECT entity FROM value_pack ORDER BY "
	    "rowid LIMIT 1");
	last = dbtest_count(p, "SELECT entity FROM value_pack ORDER BY "
	    "rowid DESC LIMIT 1");
	assert_true(first != last);
	dbtest_flip(p, pack_value_at(p, 1) + 6, 0x10);
	expect_same_error(p, "is damaged; run 'cityrank check'");
	dbtest_flip(p, pack_value_at(p, 0) + 6, 0x10);
	expect_same_error(p, "is damaged; run 'cityrank check'");
	unlink(p);
	free(p);
}

/* Every context variable, value, provenance and source of a and b. */
static void
assert_same_context(const struct cr_dataset *a, const struct cr_dataset *b)
{
	const struct cr_model	*ma = a->model, *mb = b->model;
	const struct cr_ctxvar	*va, *vb;
	char			*sa;
	const char		*sb;
	size_t			 v, e;

	assert_int_equal(ma->n_ctx, mb->n_ctx);
	assert_true(ma->n_ctx > 0);
	for (v = 0; v < ma->n_ctx; v++) {
		va = &ma->ctx[v];
		vb = &mb->ctx[v];
		assert_string_equal(va->code, vb->code);
		assert_int_equal(va->kind, vb->kind);
		for (e = 0; e < ma->n_entities; e++) {
			if (va->kind == CR_CTX_NUM)
				assert_memory_equal(&va->num[e], &vb->num[e],
				    sizeof(double));
			else if (va->text[e] == NULL || vb->text[e] == NULL)
				assert_true(va->text[e] == vb->text[e]);
			else
				assert_string_equal(va->text[e], vb->text[e]);
			assert_int_equal(va->prov[e], vb->prov[e]);
			/* The second call reuses the model's buffer. */
			sa = cr_model_ctx_source(ma, (int)v, (int)e) == NULL ?
			    NULL : xstrdup(cr_model_ctx_source(ma, (int)v,
			    (int)e));
			sb = cr_model_ctx_source(mb, (int)v, (int)e);
			if (sa == NULL || sb == NULL)
				assert_true(sa == NULL && sb == NULL);
			else
				assert_string_equal(sa, sb);
			free(sa);
		}
	}
}

/*
 * The context read on a thread of its own beside the values (from
 * 20,000 units, here from 1): the same variables, values and sources
 * as one thread reads, for an import (lines) and the bundled file.
 */
static void
test_context_thread(void **state)
{
	struct cr_dataset	*one, *two;
	char			*p = import_asem("ASEM_iData.csv", "ctx.db",
				    NULL);
	char			*q = bundled_copy();
	unsigned		 used;
	int			 i;

	(void)state;
	for (i = 0; i < 2; i++) {
		cr_db_pack_thread_min = SIZE_MAX;
		used = cr_db_ctx_thread_used;
		one = load(i == 0 ? p : q, NULL);
		assert_int_equal(cr_db_ctx_thread_used, used);
		cr_db_pack_thread_min = 1;
		two = load(i == 0 ? p : q, NULL);
		if (sysconf(_SC_NPROCESSORS_ONLN) >= 2)
			assert_int_equal(cr_db_ctx_thread_used, used + 1);
		cr_db_pack_thread_min = 20000;
		assert_same_context(one, two);
		assert_same_values(one, two);
		cr_dataset_free(one);
		cr_dataset_free(two);
	}
	unlink(p);
	unlink(q);
	free(p);
	free(q);
}

/*
 * Damage in the context, in the values, or in both: read beside the
 * values or after them, the one message the order gives (the values'
 * first).
 */
static void
test_context_thread_damaged(void **state)
{
	char	*p = bundled_copy();

	(void)state;
	dbtest_flip(p, find_bytes(p, "northeast", 9), 'n' ^ 'o');
	expect_same_error(p, "table context is damaged");
	dbtest_flip(p, first_pack_value(p) + 3 * 8 + 6, 0x10);
	expect_same_error(p, "value pack of shenzhen is damaged");
	unlink(p);
	free(p);
}

/* A preset weight, 0.4 (big-endian in SQLite's record), changed on disk. */
static void
test_flipped_table_byte(void **state)
{
	static const unsigned char w[8] = {
		0x3f, 0xd9, 0x99, 0x99, 0x99, 0x99, 0x99, 0x9a
	};
	char	*p = bundled_copy();

	(void)state;
	dbtest_flip(p, find_bytes(p, w, sizeof w) + 7, 0x01);
	expect_load_error(p, "table preset_weight is damaged; run "
	    "'cityrank check'");
	unlink(p);
	free(p);
}

/*
 * A unit's name and a region in the context, changed on disk: the two
 * tables the loader checks as it reads them (db_load.c), not before.
 * 'n' to 'o' keeps each a valid row, so only the checksum can tell.
 */
static void
test_flipped_read_tables(void **state)
{
	char	*p = bundled_copy();

	(void)state;
	dbtest_flip(p, find_bytes(p, "Shenzhen", 8) + 5, 'n' ^ 'o');
	expect_load_error(p, "table entity is damaged; run 'cityrank check'");
	unlink(p);
	free(p);
	p = bundled_copy();
	dbtest_flip(p, find_bytes(p, "northeast", 9), 'n' ^ 'o');
	expect_load_error(p, "table context is damaged; run "
	    "'cityrank check'");
	unlink(p);
	free(p);
	/*
	 * A row the loader cannot take (a provenance it does not know,
	 * 'officiam'): damage, and said as damage, not as a bad row.
	 */
	p = bundled_copy();
	dbtest_flip(p, find_bytes(p, "广东official", 14) + 13, 'l' ^ 'm');
	expect_load_error(p, "table context is damaged; run "
	    "'cityrank check'");
	unlink(p);
	free(p);
}

/*
 * An edit through SQL that leaves a unit the model refuses: the sum is
 * stale, so it is the unit's own error, named, and nothing loads.
 */
static void
test_edited_entity_refused(void **state)
{
	char	*p = bundled_copy();

	(void)state;
	dbtest_sql(p, "UPDATE entity SET code = '' WHERE code = 'wuhan'");
	expect_load_error(p, "bad entity: empty entity code");
	unlink(p);
	free(p);
}

/* An edit through SQL marks the checksum stale: the file still loads. */
static void
test_edit_marks_stale(void **state)
{
	struct cr_dataset	*ds;
	const struct cr_preset	*pr;
	char			*p = bundled_copy();

	(void)state;
	dbtest_sql(p, "UPDATE preset_weight SET weight = 0.5 WHERE node = "
	    "(SELECT id FROM node WHERE code = 'strategy') AND preset = "
	    "(SELECT id FROM preset WHERE code = 'strategy_heavy')");
	assert_int_equal(dbtest_count(p, "SELECT count(*) FROM checksum "
	    "WHERE xxh3 IS NULL"), 1);
	assert_int_equal(dbtest_count(p, "SELECT count(*) FROM checksum "
	    "WHERE name = 'preset_weight' AND xxh3 IS NULL"), 1);
	ds = load(p, NULL);
	pr = cr_dataset_preset(ds, "strategy_heavy");
	assert_non_null(pr);
	assert_true(pr->scenario->weight[cr_model_find_node(ds->model,
	    "strategy")] == 0.5);
	cr_dataset_free(ds);
	/* A table with no checksum row at all is damage, not an edit. */
	dbtest_sql(p, "DELETE FROM checksum WHERE name = 'node'");
	expect_load_error(p, "no checksum of table node");
	unlink(p);
	free(p);
}

/*
 * A schema 3 file (built by mkdb at fb47d12) has no checksums: it loads
 * through its packs as it always did, and holds what the rows hold.
 */
static void
test_schema3(void **state)
{
	struct cr_dataset	*a, *b;
	char			*v3, *p = bundled_copy();

	(void)state;
	v3 = xasprintf("%s/tests/fixtures/schema3/cityrank-v3.db",
	    getenv("SRCDIR"));
	assert_int_equal(dbtest_count(v3, "PRAGMA user_version"), 3);
	a = load(v3, NULL);
	b = load(p, NULL);
	assert_same_values(a, b);
	cr_dataset_free(a);
	cr_dataset_free(b);
	check_pack_equals_rows(v3, NULL);
	unlink(p);
	free(p);
	free(v3);
}

/* A schema 2 file is a schema 3 one without packs: it loads from rows. */
static void
test_schema2(void **state)
{
	struct cr_dataset	*a, *b;
	char			*p = bundled_copy();
	char			*old = tmp("v2.db");

	(void)state;
	dbtest_copy(p, old);
	dbtest_sql(old, "DROP TABLE value_pack; PRAGMA user_version = 2");
	a = load(p, NULL);
	b = load(old, NULL);
	assert_same_values(a, b);
	cr_dataset_free(a);
	cr_dataset_free(b);
	unlink(old);
	unlink(p);
	free(old);
	free(p);
}

/*
 * The sums are XXH3-64 of the bytes data/FORMAT.md lays out, whatever
 * the pieces they are fed in: laid out here by hand and hashed in one
 * call, fields longer and shorter than any buffer.
 */
struct spec {
	unsigned char	*b;
	size_t		 n;
};

static void
spec_add(struct spec *s, const void *p, size_t len)
{
	s->b = xreallocarray(s->b, s->n + len + 1, 1);
	memcpy(s->b + s->n, p, len);
	s->n += len;
}

static void
spec_u64(struct spec *s, uint64_t u)
{
	unsigned char	b[8];
	int		k;

	for (k = 0; k < 8; k++)
		b[k] = (unsigned char)(u >> (8 * k));
	spec_add(s, b, 8);
}

static void
spec_field(struct spec *s, char tag, const void *p, size_t len)
{
	spec_add(s, &tag, 1);
	spec_u64(s, len);
	spec_add(s, p, len);
}

static void
test_sum_of_layout(void **state)
{
	static const size_t	 lens[] = { 0, 24, 4095, 4096, 10000 };
	struct cr_pack_row	 r;
	struct spec		 s;
	const struct cr_sum_table *t;
	sqlite3			*h;
	sqlite3_stmt		*st;
	unsigned char		*big;
	char			*why = NULL;
	uint64_t		 sum;
	size_t			 i, len;

	(void)state;
	big = xmalloc(10000);
	for (i = 0; i < 10000; i++)
		big[i] = (unsigned char)('a' + i % 26);
	for (i = 0; i < sizeof lens / sizeof lens[0]; i++) {
		len = lens[i];
		memset(&r, 0, sizeof r);
		r.entity = 7;
		r.period = "2020";
		r.period_len = 4;
		r.n = 3;
		r.value = big;
		r.value_len = len;
		r.prov = "uuu";
		r.prov_len = 3;
		r.has_source = i % 2;
		r.source = 5;
		r.sources = i % 2 ? NULL : big + 1;
		r.sources_len = i % 2 ? 0 : len / 2;
		memset(&s, 0, sizeof s);
		spec_field(&s, 'P', "value_pack", 10);
		spec_u64(&s, 7);
		spec_field(&s, 's', "2020", 4);
		spec_u64(&s, 3);
		spec_field(&s, 'b', big, len);
		spec_field(&s, 's', "uuu", 3);
		if (i % 2) {
			spec_add(&s, "i", 1);
			spec_u64(&s, 5);
			spec_add(&s, "n", 1);
		} else {
			spec_add(&s, "n", 1);
			spec_field(&s, 'b', big + 1, len / 2);
		}
		assert_true(cr_pack_checksum(&r) == XXH3_64bits(s.b, s.n));
		free(s.b);
	}

	/* A table: meta's rows in key order, then their count. */
	assert_int_equal(sqlite3_open(":memory:", &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "CREATE TABLE meta (key TEXT "
	    "PRIMARY KEY, value TEXT)", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "INSERT INTO meta VALUES "
	    "(?, ?)", -1, &st, NULL), SQLITE_OK);
	for (i = 0; i < sizeof lens / sizeof lens[0]; i++) {
		sqlite3_bind_int(st, 1, (int)(9 - i));
		sqlite3_bind_text(st, 2, (const char *)big, (int)lens[i],
		    SQLITE_STATIC);
		assert_int_equal(sqlite3_step(st), SQLITE_DONE);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	memset(&s, 0, sizeof s);
	spec_field(&s, 'T', "meta", 4);
	for (i = sizeof lens / sizeof lens[0]; i-- > 0; ) {
		/* The keys were bound as integers: stored as text. */
		char	 k = (char)('0' + 9 - i);

		spec_field(&s, 's', &k, 1);
		spec_field(&s, 's', big, lens[i]);
	}
	spec_u64(&s, sizeof lens / sizeof lens[0]);
	assert_non_null(t = cr_sum_find("meta", CR_DB_SCHEMA_VERSION));
	assert_int_equal(cr_sum_table(h, t, &sum, &why), 0);
	assert_true(sum == XXH3_64bits(s.b, s.n));
	free(s.b);
	sqlite3_close(h);
	free(big);
}

/* Doubles go in little-endian whatever the machine. */
static void
test_byte_order(void **state)
{
	/* 1.5 is 0x3FF8000000000000. */
	static const unsigned char one_and_half[8] = {
		0, 0, 0, 0, 0, 0, 0xf8, 0x3f
	};
	static const unsigned char three[8] = { 3, 0, 0, 0, 0, 0, 0, 0 };
	enum cr_prov	 prov;

	(void)state;
	assert_true(cr_pack_value(one_and_half, 0) == 1.5);
	assert_int_equal(cr_pack_source(three, 0), 3);
	assert_int_equal(cr_pack_prov('c', &prov), 0);
	assert_int_equal(prov, CR_PROV_RECONSTRUCTED);
	assert_int_equal(cr_pack_prov('r', &prov), 0);
	assert_int_equal(prov, CR_PROV_REPORT);
	assert_int_equal(cr_pack_prov(CR_PACK_NONE, &prov), -1);
}

static int
setup(void **state)
{
	(void)state;
	cr_db_init();
	return (mkdtemp(tmpdir) == NULL ? -1 : 0);
}

static int
teardown(void **state)
{
	(void)state;
	return (rmdir(tmpdir));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sum_of_layout),
		cmocka_unit_test(test_bundled),
		cmocka_unit_test(test_import_one_period),
		cmocka_unit_test(test_import_panel),
		cmocka_unit_test(test_import_packs_record),
		cmocka_unit_test(test_override_row),
		cmocka_unit_test(test_record_pack_missing),
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_record_entity_delete),
		cmocka_unit_test(test_record_bad_override),
		cmocka_unit_test(test_schema7_rows),
		cmocka_unit_test(test_update_drops_pack),
		cmocka_unit_test(test_node_change_drops_all),
		cmocka_unit_test(test_misfit_pack_unused),
		cmocka_unit_test(test_corrupt_pack),
		cmocka_unit_test(test_schema2),
		cmocka_unit_test(test_flipped_pack_byte),
		cmocka_unit_test(test_flipped_table_byte),
		cmocka_unit_test(test_flipped_read_tables),
		cmocka_unit_test(test_halves),
		cmocka_unit_test(test_halves_damaged),
		cmocka_unit_test(test_context_thread),
		cmocka_unit_test(test_context_thread_damaged),
		cmocka_unit_test(test_edited_entity_refused),
		cmocka_unit_test(test_edit_marks_stale),
		cmocka_unit_test(test_schema3),
		cmocka_unit_test(test_byte_order),
	};

	return (cmocka_run_group_tests(tests, setup, teardown));
}
