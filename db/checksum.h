/*
 * Checksums of what a data set file holds (schema 4).  SQLite checks
 * the structure of its pages but not the values in them: one flipped
 * byte in a number reads back as another number.  The writers store an
 * XXH3-64 checksum of each value pack, and of each table the loader
 * reads in full; the loader and the check recompute them.  The layout
 * hashed is in data/FORMAT.md.
 */
#ifndef CR_CHECKSUM_H
#define CR_CHECKSUM_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

/* One value pack's columns, as written or as read. */
struct cr_pack_row {
	sqlite3_int64		 entity, n, source;
	int			 has_source;	/* source is not NULL */
	const char		*period;
	size_t			 period_len;
	const unsigned char	*value;
	size_t			 value_len;
	const char		*prov;
	size_t			 prov_len;
	const unsigned char	*sources;	/* NULL when it is NULL */
	size_t			 sources_len;
	sqlite3_int64		 line;		/* schema 10; 0 when NULL */
};

/* A table whose content has a checksum, and the query that reads it. */
struct cr_sum_table {
	const char	*name;
	const char	*sql;
	int		 since;		/* the schema that added it; 0: all */
	int		 until;		/* the last schema summed so; 0: all */
	int		 on_use;	/* checked when read, not at load */
	int		 by_loader;	/* summed by the loader as it reads */
};
/* Every table with a checksum; NULL name at the end. */
extern const struct cr_sum_table cr_sum_tables[];

/* A 64-bit checksum as SQLite stores it, and back. */
sqlite3_int64	 cr_sum_to_i64(uint64_t);
uint64_t	 cr_sum_from_i64(sqlite3_int64);

uint64_t	 cr_pack_checksum(const struct cr_pack_row *);
/*
 * Columns col.. of st: entity, period, n, value, provenance, source,
 * sources, (the checksum, not read), line.  Pointers are SQLite's,
 * valid until the next step.
 */
void		 cr_pack_row_read(sqlite3_stmt *, int col,
		    struct cr_pack_row *);
/*
 * "SELECT" those columns (and the checksum) "FROM value_pack" then rest,
 * for a file of that schema: NULL for a column it does not have.
 * Caller frees.
 */
char		*cr_pack_row_sql(int version, const char *rest);

/* Whether a file of that schema sums the table by t's query. */
int		 cr_sum_applies(const struct cr_sum_table *t, int version);
/* The table of that name as a file of that schema sums it, or NULL. */
const struct cr_sum_table *cr_sum_find(const char *name, int version);

/*
 * A table's checksum worked out row by row, by a reader that runs the
 * table's query itself (the loader, summing the rows as it reads them):
 * begin, a cr_sum_row() for every row, then end.
 */
struct cr_sum;
struct cr_sum	*cr_sum_begin(const struct cr_sum_table *);
void		 cr_sum_row(struct cr_sum *, sqlite3_stmt *);
uint64_t	 cr_sum_end(struct cr_sum *);

/*
 * The checksum of a table's content, by its query; -1 with SQLite's
 * message in *cause (malloc'd) when it cannot be read.
 */
int		 cr_sum_table(sqlite3 *, const struct cr_sum_table *,
		    uint64_t *sum, char **cause);
/*
 * The table called name against its stored checksum: 0 when it matches
 * or an edit made the sum stale; -1 and *cause when it is damaged.
 */
int		 cr_sum_verify(sqlite3 *, const char *name, char **cause);
/*
 * Fill the checksum table and create the triggers that mark a table's
 * checksum stale (NULL) when the table is changed.  Call inside the
 * writer's transaction, after the last row of every table.
 */
int		 cr_sum_write(sqlite3 *, char **cause);

#endif
