/*
 * Flipped bytes, the quick run: copies of the bundled file, and of an
 * imported panel, each with one byte changed at offsets spread over the
 * whole file, must either fail to load with a message naming the file
 * or load exactly the clean file's values, provenance, sources, presets
 * and scores.  flipcheck does every offset, for doc/robustness.md.
 *
 * CITYRANK_FLIP_STEP sets one spacing for both; light (tests/light.h:
 * the run under valgrind) a wide one, 20011.  The default is a prime, so
 * offsets fall all over the pages.
 */
#include "config.h"

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

#include "db.h"
#include "flip.h"
#include "import.h"
#include "light.h"
#include "xmalloc.h"

static char	tmpdir[] = "/tmp/cityrank-test-flip.XXXXXX";

static size_t
step(size_t dflt)
{
	const char	*s = getenv("CITYRANK_FLIP_STEP");

	if (s != NULL && atoi(s) > 0)
		return ((size_t)atoi(s));
	return (test_light() ? 20011 : dflt);
}

/*
 * Every step-th byte XOR 0xff, and every step-th from half a step on
 * XOR 0x01 (one bit, as a bad disk or memory flips it).
 */
static void
flip_file(const char *path, size_t every)
{
	static const unsigned char	 mask[2] = { 0xff, 0x01 };
	struct cr_dataset		*ds;
	struct flip_ref			*ref;
	enum flip_outcome		 o;
	unsigned char			*buf;
	size_t				 len, off, n[5] = { 0 };
	char				*why = NULL, *copy;
	int				 m, diff;

	if (cr_db_load(path, &ds, &why) != 0)
		fail_msg("%s", why);
	ref = flip_ref_new(ds);
	buf = flip_slurp(path, &len);
	assert_non_null(buf);
	copy = xasprintf("%s/flipped.db", tmpdir);
	for (m = 0; m < 2; m++) {
		for (off = (size_t)m * every / 2; off < len; off += every) {
			o = flip_one(ref, buf, len, off, mask[m], copy, &diff,
			    &why);
			if (o != FLIP_SAME && o != FLIP_ERROR)
				fail_msg("%s: byte %zu XOR 0x%02x: outcome %d, "
				    "differs in 0x%02x (%s)", path, off,
				    mask[m], (int)o, diff, why != NULL ? why :
				    "loaded");
			free(why);
			n[o]++;
		}
	}
	print_message("%s: %zu bytes, %zu copies: %zu clean, %zu errors\n",
	    path, len, n[FLIP_SAME] + n[FLIP_ERROR], n[FLIP_SAME],
	    n[FLIP_ERROR]);
	/* Both kinds happen: damage in packs fails, in free space not. */
	assert_true(n[FLIP_SAME] > 0 && n[FLIP_ERROR] > 0);
	unlink(copy);
	free(copy);
	free(buf);
	flip_ref_free(ref);
}

static void
test_flip_bundled(void **state)
{
	(void)state;
	flip_file(getenv("CITYRANK_DB"), step(157));
}

/*
 * The keys of a table's inner pages steer a seek by id, not a scan: a
 * changed key could make a join miss a row that the table's checksum,
 * summing a scan, still saw (a context value lost its source that way).
 * Every byte of the end of each inner page, where its cells are, and
 * of its header, whose last four are the right-most child: one bit
 * off there pointed the scan of the packs at the page beside, read
 * twice, and two cities came out with every value missing.
 */
static void
test_flip_inner_pages(void **state)
{
	const char		*db = getenv("CITYRANK_DB");
	struct cr_dataset	*ds;
	struct flip_ref		*ref;
	enum flip_outcome	 o;
	sqlite3			*h;
	sqlite3_stmt		*st;
	unsigned char		*buf;
	size_t			 len, end, off, pages = 0, i;
	char			*why = NULL, *copy;
	int			 diff, m;

	(void)state;
	if (cr_db_load(db, &ds, &why) != 0)
		fail_msg("%s", why);
	ref = flip_ref_new(ds);
	buf = flip_slurp(db, &len);
	assert_non_null(buf);
	copy = xasprintf("%s/inner.db", tmpdir);
	assert_int_equal(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT pageno * 4096 FROM "
	    "dbstat WHERE pagetype = 'internal'", -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		end = (size_t)sqlite3_column_int64(st, 0);
		pages++;
		for (i = 0; i < 12 + 64; i++)
			for (m = 0x01; m <= 0xff; m += 0xfe) {
				/* The header (past page 1's file header). */
				off = i < 12 ? end - 4096 + (end == 4096 ?
				    100 : 0) + i : end - 64 + (i - 12);
				o = flip_one(ref, buf, len, off,
				    (unsigned char)m, copy, &diff, &why);
				if (o != FLIP_SAME && o != FLIP_ERROR)
					fail_msg("byte %zu XOR 0x%02x: "
					    "outcome %d, differs in 0x%02x",
					    off, m, (int)o, diff);
				free(why);
			}
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	assert_true(pages > 0);
	unlink(copy);
	free(copy);
	free(buf);
	flip_ref_free(ref);
}

/* Periods, context by period, one source a pack: the importer's file. */
static void
test_flip_panel(void **state)
{
	struct cr_import	*imp;
	char			*d, *m, *out, *why = NULL;

	(void)state;
	d = xasprintf("%s/tests/fixtures/coinr-asem/ASEM_iData_p.csv",
	    getenv("SRCDIR"));
	m = xasprintf("%s/tests/fixtures/coinr-asem/ASEM_iMeta.csv",
	    getenv("SRCDIR"));
	out = xasprintf("%s/panel.db", tmpdir);
	imp = cr_import_read(d, m);
	assert_int_equal(imp->n_errors, 0);
	if (cr_import_write(imp, out, 1, &why) != 0)
		fail_msg("%s", why);
	cr_import_free(imp);
	flip_file(out, step(1999));
	unlink(out);
	free(out);
	free(d);
	free(m);
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
	char	*side;

	(void)state;
	side = xasprintf("%s/flipped.db-journal", tmpdir);
	unlink(side);
	free(side);
	return (rmdir(tmpdir));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flip_bundled),
		cmocka_unit_test(test_flip_inner_pages),
		cmocka_unit_test(test_flip_panel),
	};

	return (cmocka_run_group_tests(tests, setup, teardown));
}
