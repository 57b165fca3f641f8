/*
 * The data set schema.  Bump CR_DB_SCHEMA_VERSION on any change.
 *
 * Schema 2 added periods (years): value and context rows carry a period,
 * '' for data without one, and the period table lists the named periods
 * in order.  The loader still reads schema 1, which has neither.
 *
 * Schema 3 added value_pack: each entity's values of a period in one
 * row (db/pack.h), so that large files open quickly.  Schema 2 files
 * load from their rows.  It has a rowid: a WITHOUT ROWID row over
 * about a kilobyte spills to an overflow page of its own, which made
 * the file half as large again.
 *
 * Schema 4 added checksums (db/checksum.h): value_pack.checksum, and
 * the checksum table, one row a table the loader reads in full.
 * Schema 3 files load with their packs and tables unchecked.  It also
 * declares period where value and context store it, after the other
 * key columns: SQLite 3.40's integrity_check reports every NOT NULL
 * column declared before a later key column of a WITHOUT ROWID table
 * as NULL in every row (db/check.c).  Every query names its columns.
 *
 * Schema 5 added the provenance 'imputed', the table prep_note (what
 * the preparation of an import did, engine/prepare.h) and the meta key
 * 'prep' (its recipe).  Schema 4 files load as they did: they have no
 * imputed value and no preparation.  A schema 4 reader refuses a
 * schema 5 file as newer rather than as damaged by an unknown letter.
 *
 * Schema 6 added raw_input: an import's two tables as they were read,
 * so that a scenario can prepare the values another way and get what
 * an import with that recipe would give (db/reprepare.c), and the meta
 * keys 'raw_origin' and 'raw_prov' (what a bundled import's sources
 * and provenance say).  Files of schema 5 and older load as they did;
 * their preparation cannot change.
 *
 * Schema 7 added target: a leaf's target in its own (prepared) units,
 * as the metadata's Target column gives it, with the provenance and
 * source its values have, so that dist2targ needs no number on the
 * command line.  A node has at most one.  Files of schema 6 and older
 * load as they did, with no target.
 *
 * Schema 8 added no table: it let the value packs be the record.  A
 * file with the meta key 'values' = 'packs' (every import's) has no
 * value row for what it imported: each entity of each period has a
 * pack, the loader refuses a file where one is missing or does not fit
 * the framework, and a row in value is an edit that overrides its
 * pack's value.  Such a file has none of the triggers that drop packs
 * when rows change, only the one that deletes an entity's packs with
 * it.  A schema 8 file without the key (mkdb's) is as schema 7 was:
 * the rows are the record.  Files of schema 7 and older load as they
 * did.
 *
 * Schema 9 changed no table: raw_input's content is the zlib stream of
 * the table as read (db/deflate.c), not the bytes themselves, which were
 * a third of an import's file.  Files of schema 8 and older keep the
 * bytes, and are read as they were.
 *
 * Schema 10 added line to value_pack and context: the line of the
 * source file a row came from.  An import names its data file once, as
 * one source, and each pack and context row its line: a source row a
 * line, with its unique index, was a sixth of an import of 84,000 units
 * of 16 indicators.  The loader names such a value's source as before,
 * "iData.csv line 7".  A pack's line is its one source's (NULL with a
 * sources blob), and its checksum covers it.  A pack's provenance may
 * also be one letter for all its values (db/pack.h).  Files of schema 9
 * and older have neither: every source is its own row, as before.
 */
#include "config.h"

#include <stddef.h>

#include "db.h"

/*
 * An OR chain, not IN (...): SQLite builds a temporary table for an IN
 * list on every row it checks, which was two thirds of a large import.
 * The two spellings accept the same values, so the schema version stays.
 */
#define PROV_CHECK \
	"CHECK (provenance = 'report' OR provenance = 'official' OR " \
	"provenance = 'user' OR provenance = 'estimated' OR " \
	"provenance = 'reconstructed' OR provenance = 'imputed')"

const char *const cr_db_schema_sql =
"CREATE TABLE meta ("
"  key TEXT PRIMARY KEY, value TEXT NOT NULL);"
"CREATE TABLE source ("
"  id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE);"
"CREATE TABLE node ("
"  id INTEGER PRIMARY KEY,"
"  code TEXT NOT NULL UNIQUE,"
"  parent INTEGER REFERENCES node(id),"
"  name_zh TEXT NOT NULL, name_en TEXT NOT NULL,"
"  weight REAL NOT NULL CHECK (weight >= 0),"
"  direction INTEGER NOT NULL CHECK (direction IN (-1, 1)),"
"  unit TEXT NOT NULL DEFAULT '',"
"  description TEXT NOT NULL DEFAULT '');"
"CREATE TABLE entity ("
"  id INTEGER PRIMARY KEY,"
"  code TEXT NOT NULL UNIQUE,"
"  name_zh TEXT NOT NULL, name_en TEXT NOT NULL);"
"CREATE TABLE value ("
"  entity INTEGER NOT NULL REFERENCES entity(id),"
"  node INTEGER NOT NULL REFERENCES node(id),"
"  period TEXT NOT NULL DEFAULT '',"
"  value REAL NOT NULL,"
"  provenance TEXT NOT NULL " PROV_CHECK ","
"  source INTEGER NOT NULL REFERENCES source(id),"
"  PRIMARY KEY (entity, node, period)) WITHOUT ROWID;"
"CREATE TABLE context_var ("
"  id INTEGER PRIMARY KEY,"
"  code TEXT NOT NULL UNIQUE,"
"  name_zh TEXT NOT NULL, name_en TEXT NOT NULL,"
"  unit TEXT NOT NULL DEFAULT '',"
"  kind TEXT NOT NULL CHECK (kind IN ('num', 'text')));"
"CREATE TABLE context ("
"  entity INTEGER NOT NULL REFERENCES entity(id),"
"  var INTEGER NOT NULL REFERENCES context_var(id),"
"  period TEXT NOT NULL DEFAULT '',"
"  num REAL, text TEXT,"
"  provenance TEXT NOT NULL " PROV_CHECK ","
"  source INTEGER NOT NULL REFERENCES source(id),"
"  line INTEGER CHECK (line > 0),"
"  PRIMARY KEY (entity, var, period)) WITHOUT ROWID;"
"CREATE TABLE published ("
"  entity INTEGER REFERENCES entity(id),"
"  node INTEGER NOT NULL REFERENCES node(id),"
"  kind TEXT NOT NULL CHECK (kind IN ('score', 'rank', 'mean')),"
"  value REAL NOT NULL,"
"  provenance TEXT NOT NULL " PROV_CHECK ","
"  source INTEGER NOT NULL REFERENCES source(id));"
"CREATE TABLE preset ("
"  id INTEGER PRIMARY KEY,"
"  code TEXT NOT NULL UNIQUE,"
"  name_zh TEXT NOT NULL, name_en TEXT NOT NULL,"
"  normalize TEXT NOT NULL, aggregate TEXT NOT NULL,"
"  description TEXT NOT NULL DEFAULT '');"
"CREATE TABLE preset_weight ("
"  preset INTEGER NOT NULL REFERENCES preset(id),"
"  node INTEGER NOT NULL REFERENCES node(id),"
"  weight REAL NOT NULL CHECK (weight >= 0),"
"  PRIMARY KEY (preset, node)) WITHOUT ROWID;"
"CREATE TABLE value_pack ("
"  entity INTEGER NOT NULL REFERENCES entity(id),"
"  period TEXT NOT NULL,"
"  n INTEGER NOT NULL,"
"  value BLOB NOT NULL,"
"  provenance TEXT NOT NULL,"
"  source INTEGER REFERENCES source(id),"
"  sources BLOB,"
"  checksum INTEGER NOT NULL,"
"  line INTEGER CHECK (line > 0),"
"  UNIQUE (entity, period));"
"CREATE TABLE checksum ("
"  name TEXT PRIMARY KEY,"
"  xxh3 INTEGER);"
"CREATE TABLE period ("
"  name TEXT PRIMARY KEY CHECK (name <> ''),"
"  ord INTEGER NOT NULL UNIQUE);"
"CREATE TABLE prep_note ("
"  id INTEGER PRIMARY KEY,"
"  step TEXT NOT NULL CHECK (step IN ('denominate', 'impute', 'screen',"
"    'treat')),"
"  what TEXT NOT NULL,"
"  period TEXT NOT NULL DEFAULT '',"
"  indicator TEXT, unit TEXT, grp TEXT,"
"  n INTEGER NOT NULL DEFAULT 0,"
"  a REAL, b REAL, c REAL, d REAL,"
"  text TEXT NOT NULL);"
"CREATE TABLE raw_input ("
"  name TEXT PRIMARY KEY CHECK (name IN ('data', 'meta')),"
"  file TEXT NOT NULL,"
"  content BLOB NOT NULL);"
"CREATE TABLE target ("
"  node INTEGER PRIMARY KEY REFERENCES node(id),"
"  value REAL NOT NULL,"
"  provenance TEXT NOT NULL " PROV_CHECK ","
"  source INTEGER NOT NULL REFERENCES source(id));";

const char *const cr_db_tables[] = {
	"meta", "source", "node", "entity", "value", "context_var",
	"context", "published", "preset", "preset_weight", "period",
	"value_pack", "checksum", "prep_note", "raw_input", "target", NULL
};
