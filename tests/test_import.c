/*
 * The COINr importer: every kind of problem is reported at its file,
 * line and column, all of them in one run, and nothing is written; the
 * ASEM example (one year and the five-year panel) imports whole; files
 * of schema 1 still load.
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <dirent.h>
#include <signal.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>
#include <zlib.h>

#include "db.h"
#include "dbtest.h"
#include "import.h"
#include "slurp.h"
#include "xmalloc.h"

static char	tmpdir[] = "/tmp/cityrank-test-import.XXXXXX";

static const char meta_head[] =
    "Level,iCode,iName,Direction,Weight,Unit,Target,Parent,Type\n";
/* A good framework: Index <- P <- a, b; Index <- Q <- c; group g. */
static const char good_meta[] =
    "Level,iCode,iName,Direction,Weight,Unit,Target,Parent,Type\n"
    "1,a,Alpha,1,1,,,P,Indicator\n"
    "1,b,Beta,-1,2,,,P,Indicator\n"
    "1,c,Gamma,1,1,,,Q,Indicator\n"
    "2,P,Pillar P,1,1,,,Index,Aggregate\n"
    "2,Q,Pillar Q,1,1,,,Index,Aggregate\n"
    "3,Index,Index,1,1,,,,Aggregate\n"
    ",g,Group,,,,,,Group\n"
    ",pop,Population,,,,,,Denominator\n";
static const char good_data[] =
    "uCode,uName,g,pop,a,b,c\n"
    "X,Ex,big,10,1,2,3\n"
    "Y,Why,small,20,4,,6\n"
    "Z,Zed,,30,7,8,9\n";

static char *
tmp(const char *name)
{
	return (xasprintf("%s/%s", tmpdir, name));
}

static void
write_file(const char *path, const char *text, size_t len)
{
	FILE	*fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, len, fp), len);
	fclose(fp);
}

static char *
fixture(const char *name)
{
	return (xasprintf("%s/tests/fixtures/%s", getenv("SRCDIR"), name));
}

/* Import data and meta given as text. */
static struct cr_import *
import_text(const char *data, const char *meta)
{
	struct cr_import	*imp;
	char			*d = tmp("data.csv"), *m = tmp("meta.csv");

	write_file(d, data, strlen(data));
	write_file(m, meta, strlen(meta));
	imp = cr_import_read(d, m);
	free(d);
	free(m);
	return (imp);
}

static void
dump(const struct cr_import *imp)
{
	size_t	i;

	for (i = 0; i < imp->n_diags; i++)
		print_message("# %s\n", imp->diags[i].text);
}

/* The diagnostic that is exactly "DIR/want...", or fail. */
static void
has_diag(const struct cr_import *imp, const char *want)
{
	char	*full = xasprintf("%s/%s", tmpdir, want);
	size_t	 i;

	for (i = 0; i < imp->n_diags; i++)
		if (strncmp(imp->diags[i].text, full, strlen(full)) == 0)
			break;
	if (i == imp->n_diags) {
		dump(imp);
		fail_msg("no message '%s'", full);
	}
	free(full);
}

/* Exactly one error, and it is want. */
static void	errors(const char *, const char *, size_t, const char *);

static void
one_error(const char *data, const char *meta, const char *want)
{
	errors(data, meta, 1, want);
}

/* n errors, want among them. */
static void
errors(const char *data, const char *meta, size_t n, const char *want)
{
	struct cr_import	*imp = import_text(data, meta);

	has_diag(imp, want);
	if (imp->n_errors != n) {
		dump(imp);
		fail_msg("%zu errors for '%s', not %zu", imp->n_errors, want,
		    n);
	}
	cr_import_free(imp);
}

/* Metadata rows after the header, with data for a and b. */
static void
meta_errors(const char *rows, size_t n, const char *want)
{
	char	*meta = xasprintf("%s%s", meta_head, rows);

	errors("uCode,a,b\nX,1,2\n", meta, n, want);
	free(meta);
}

static void
meta_error(const char *rows, const char *want)
{
	meta_errors(rows, 1, want);
}

static void
test_good(void **state)
{
	struct cr_import	*imp;

	(void)state;
	imp = import_text(good_data, good_meta);
	dump(imp);
	assert_int_equal(imp->n_errors, 0);
	assert_int_equal(imp->n_warnings, 0);
	assert_int_equal(imp->n_units, 3);
	assert_int_equal(imp->n_indicators, 3);
	assert_int_equal(imp->n_levels, 3);
	assert_int_equal(imp->n_nodes, 6);
	assert_int_equal(imp->n_missing, 1);
	assert_int_equal(imp->n_periods, 0);
	/* Parents first, children in the order written. */
	assert_string_equal(imp->items[imp->nodes[0]].code, "Index");
	assert_string_equal(imp->items[imp->nodes[1]].code, "P");
	assert_string_equal(imp->items[imp->nodes[2]].code, "a");
	assert_string_equal(imp->items[imp->nodes[3]].code, "b");
	assert_string_equal(imp->items[imp->nodes[4]].code, "Q");
	cr_import_free(imp);
}

static void
test_meta_errors(void **state)
{
	(void)state;
	meta_error("1,a,A,1,1,,,P,Indicator\n"
	    "1,b,B,1,1,,,Nope,Indicator\n"
	    "2,P,P,1,1,,,,Aggregate\n",
	    "meta.csv:3:13: unknown Parent 'Nope'");
	meta_error("1,a,A,1,-1,,,P,Indicator\n"
	    "1,b,B,1,1,,,P,Indicator\n"
	    "2,P,P,1,1,,,,Aggregate\n",
	    "meta.csv:2:9: Weight '-1' is negative");
	meta_error("1,a,A,1,heavy,,,P,Indicator\n"
	    "1,b,B,1,1,,,P,Indicator\n"
	    "2,P,P,1,1,,,,Aggregate\n",
	    "meta.csv:2:9: Weight 'heavy' is not a number");
	meta_error("1,a,A,0,1,,,P,Indicator\n"
	    "1,b,B,1,1,,,P,Indicator\n"
	    "2,P,P,1,1,,,,Aggregate\n",
	    "meta.csv:2:7: Direction '0' is not 1 or -1");
	meta_error("1,a,A,,1,,,P,Indicator\n"
	    "1,b,B,1,1,,,P,Indicator\n"
	    "2,P,P,1,1,,,,Aggregate\n",
	    "meta.csv:2:7: empty Direction");
	/* And the data's column b has no row. */
	meta_errors("1,a,A,1,1,,,P,Indicator\n"
	    "1,a,B,1,1,,,P,Indicator\n"
	    "2,P,P,1,1,,,,Aggregate\n", 2,
	    "meta.csv:3:3: duplicate iCode 'a' (first on line 2)");
	/* Both children are a level too far down. */
	meta_errors("1,a,A,1,1,,,P,Indicator\n"
	    "1,b,B,1,1,,,P,Indicator\n"
	    "3,P,P,1,1,,,,Aggregate\n", 2,
	    "meta.csv:2:1: Level 1 of 'a' does not fit its Parent 'P' at "
	    "Level 3");
	meta_error("1,a,A,1,1,,,P,Indicator\n"
	    "2,b,B,1,1,,,P,Indicator\n"
	    "2,P,P,1,1,,,,Aggregate\n",
	    "meta.csv:3:1: Indicator 'b' has Level 2; indicators are Level 1");
	meta_error("1,a,A,1,1,,,P,Indicator\n"
	    "1,b,B,1,1,,,a,Indicator\n"
	    "2,P,P,1,1,,,,Aggregate\n",
	    "meta.csv:3:13: Parent 'a' is of Type Indicator");
	meta_error("1,a,A,1,1,,,P,Indicator\n"
	    "1,b,B,1,1,,,R,Indicator\n"
	    "2,P,P,1,1,,,,Aggregate\n"
	    "2,R,R,1,1,,,,Aggregate\n",
	    "meta.csv:5:13: a second root 'R'");
	meta_error("1,a,A,1,1,,,P,Indicator\n"
	    "1,b,B,1,1,,,P,Indicator\n"
	    "2,P,P,1,1,,,,Aggregate\n"
	    "1,x,X,1,1,,,P,Widget\n",
	    "meta.csv:5:15: Type 'Widget' is not Indicator, Aggregate");
	meta_error("1,a,A,1,1,,,P,Indicator\n"
	    "1,b,B,1,1,,,P,Indicator\n"
	    "2,P,P,1,1,,,I,Aggregate\n"
	    "2,E,Empty,1,1,,,I,Aggregate\n"
	    "3,I,Index,1,1,,,,Aggregate\n",
	    "meta.csv:5:3: Aggregate 'E' has no children");
	meta_error("1,a,A,1,0,,,P,Indicator\n"
	    "1,b,B,1,0,,,P,Indicator\n"
	    "2,P,P,1,1,,,,Aggregate\n",
	    "meta.csv:4:3: every child of 'P' has Weight 0");
	meta_error("1,a,A,1,1,,,P,Indicator\n"
	    "1,b,B,1,1,,,P,Indicator\n"
	    "2,P,P,1,1,,,,Aggregate\n"
	    "1,c,C,1,1,,,P,Indicator\n",
	    "meta.csv:5:3: Indicator 'c' has no column in ");
	meta_error("1,a,A,1,1,,,P,Indicator\n"
	    "1,b,B,1,1,,,P,Indicator\n"
	    "x,P,P,1,1,,,,Aggregate\n",
	    "meta.csv:4:1: Level 'x' is not a whole number from 1");
	/* The data's column b then has no row: two errors. */
	meta_errors("1,a,A,1,1,,,P,Indicator\n"
	    "1,b B,B,1,1,,,P,Indicator\n"
	    "2,P,P,1,1,,,,Aggregate\n", 2,
	    "meta.csv:3:3: iCode 'b B' must be printable ASCII");
	meta_error("1,a,A,1,1,,seven,P,Indicator\n"
	    "1,b,B,1,1,,,P,Indicator\n"
	    "2,P,P,1,1,,,,Aggregate\n",
	    "meta.csv:2:12: Target 'seven' is not a number");
	one_error("uCode,a\nX,1\n",
	    "Level,iCode,iName,Weight,Parent,Type\n"
	    "1,a,A,1,P,Indicator\n2,P,P,1,,Aggregate\n",
	    "meta.csv:1:1: missing column 'Direction'");
	one_error("uCode,a\nX,1\n", "", "meta.csv:1:1: empty file");
}

static void
test_cycle(void **state)
{
	struct cr_import	*imp;
	char			*meta;

	(void)state;
	/* R and S name each other: one message for the cycle. */
	meta = xasprintf("%s%s", meta_head,
	    "1,a,A,1,1,,,P,Indicator\n"
	    "1,b,B,1,1,,,R,Indicator\n"
	    "2,P,P,1,1,,,,Aggregate\n"
	    "2,S,S,1,1,,,R,Aggregate\n"
	    "2,R,R,1,1,,,S,Aggregate\n");
	imp = import_text("uCode,a,b\nX,1,2\n", meta);
	has_diag(imp, "meta.csv:5:13: Parent makes a cycle: S -> R -> S");
	assert_int_equal(imp->n_errors, 1);
	cr_import_free(imp);
	free(meta);
	meta_error("1,a,A,1,1,,,P,Indicator\n"
	    "1,b,B,1,1,,,P,Indicator\n"
	    "2,P,P,1,1,,,P,Aggregate\n",
	    "meta.csv:4:13: Parent makes a cycle: P -> P");
}

static void
test_data_errors(void **state)
{
	(void)state;
	one_error("uCode,uName,g,pop,a,b,c\n"
	    "X,Ex,big,10,1,2,3\nY,Why,,20,4,abc,6\n", good_meta,
	    "data.csv:3:13: 'abc' in column 'b' is not a number");
	one_error("uCode,uName,g,pop,a,b,c\n"
	    "X,Ex,big,10,1,2,3\nX,Why,,20,4,5,6\n", good_meta,
	    "data.csv:3:1: duplicate uCode 'X' (first on line 2)");
	one_error("uCode,uName,g,pop,a,b,c,extra\n"
	    "X,Ex,big,10,1,2,3,0\n", good_meta,
	    "data.csv:1:25: column 'extra' has no row in ");
	one_error("uCode,uName,g,pop,a,b,c,P\n"
	    "X,Ex,big,10,1,2,3,0\n", good_meta,
	    "data.csv:1:25: 'P' is an Aggregate in ");
	one_error("uCode,uName,g,pop,a,b\n"
	    "X,Ex,big,10,1,2\n", good_meta,
	    "meta.csv:4:3: Indicator 'c' has no column in ");
	one_error("uCode,uName,g,pop,a,b,c\n"
	    "X,Ex,big,10,1,2,3\nY,Why,,20,4\n", good_meta,
	    "data.csv:3:1: 5 fields where the header has 7");
	one_error("uName,g,pop,a,b,c\n"
	    "Ex,big,10,1,2,3\n", good_meta,
	    "data.csv:1:1: missing column 'uCode'");
	one_error("uCode,uName,g,pop,a,b,a,c\n"
	    "X,Ex,big,10,1,2,3,4\n", good_meta,
	    "data.csv:1:23: duplicate column 'a' (first at column 19)");
	one_error("uCode,uName,g,pop,a,b,c\n"
	    "X,Ex,big,10,1,2,0x10\n", good_meta,
	    "data.csv:2:17: '0x10' in column 'c' is not a number");
	one_error("uCode,uName,g,pop,a,b,c\n"
	    "X,Ex,big,10,1,2,inf\n", good_meta,
	    "data.csv:2:17: 'inf' in column 'c' is not a number");
	one_error("uCode,uName,g,pop,a,b,c\n"
	    ",Ex,big,10,1,2,3\n", good_meta,
	    "data.csv:2:1: empty uCode");
	one_error("uCode,uName,g,pop,a,b,c\n", good_meta,
	    "data.csv:1:1: no units");
}

static void
test_time_errors(void **state)
{
	(void)state;
	one_error("uCode,Time,uName,g,pop,a,b,c\n"
	    "X,2018,Ex,big,10,1,2,3\n"
	    "X,2019,Ex,big,10,1,2,3\n"
	    "X,2018,Ex,big,10,1,2,3\n", good_meta,
	    "data.csv:4:1: duplicate uCode 'X' for Time 2018 (first on "
	    "line 2)");
	one_error("uCode,Time,uName,g,pop,a,b,c\n"
	    "X,last year,Ex,big,10,1,2,3\n", good_meta,
	    "data.csv:2:3: Time 'last year' is not a whole number");
	one_error("uCode,Time,uName,g,pop,a,b,c\n"
	    "X,,Ex,big,10,1,2,3\n", good_meta,
	    "data.csv:2:3: empty Time");
}

static void
test_syntax_errors(void **state)
{
	(void)state;
	/* An unterminated quote is reported where it opens. */
	one_error("uCode,uName,g,pop,a,b,c\n"
	    "X,\"Ex,big,10,1,2,3\n", good_meta,
	    "data.csv:2:3: unterminated quoted field");
	one_error("uCode,uName,g,pop,a,b,c\n"
	    "X,E\"x,big,10,1,2,3\n", good_meta,
	    "data.csv:2:4: quote inside an unquoted field");
	one_error("uCode,uName,g,pop,a,b,c\n"
	    "X,\xff,big,10,1,2,3\n", good_meta,
	    "data.csv:2:3: invalid UTF-8");
	one_error(good_data, "Level,iCode,iName,Direction,Weight,Unit,Target,"
	    "Parent,Type\n1,\"a\"b,A,1,1,,,P,Indicator\n",
	    "meta.csv:2:6: unexpected character after closing quote");
}

/* Quotes, doubled quotes, commas and line breaks inside names, BOM, CRLF. */
static void
test_accepted_syntax(void **state)
{
	struct cr_import	*imp;

	(void)state;
	imp = import_text("\xef\xbb\xbf" "\"uCode\",\"uName\",g,pop,a,b,c\r\n"
	    "X,\"Ex, \"\"the\"\" first\",big,10,1,2,3\r\n"
	    "Y,\"Why\r\nnot\",,20,NA,5,6\r\n"
	    "Z,Zed,\"\",30,7,8,9\r\n",
	    "\xef\xbb\xbf" "Level,iCode,iName,Direction,Weight,Unit,Target,"
	    "Parent,Type\r\n"
	    "1,a,\"Alpha, the first\",1,1,,,P,Indicator\r\n"
	    "1,b,Beta,-1,2,,,P,Indicator\r\n"
	    "1,c,Gamma,1,1,,,Q,Indicator\r\n"
	    "2,P,Pillar P,1,1,,,Index,Aggregate\r\n"
	    "2,Q,Pillar Q,1,1,,,Index,Aggregate\r\n"
	    "3,Index,Index,1,1,,,,Aggregate\r\n"
	    ",g,Group,,,,,,Group\r\n"
	    ",pop,Population,,,,,,Denominator\r\n");
	dump(imp);
	assert_int_equal(imp->n_errors, 0);
	assert_int_equal(imp->n_units, 3);
	assert_string_equal(imp->units[0].name, "Ex, \"the\" first");
	assert_string_equal(imp->units[1].name, "Why\r\nnot");
	/* NA is R's missing value. */
	assert_int_equal(imp->n_missing, 1);
	assert_string_equal(imp->items[0].name, "Alpha, the first");
	cr_import_free(imp);
}

static void
test_many_errors(void **state)
{
	struct cr_import	*imp;
	char			*meta, *out = tmp("many.db"), *why = NULL;
	size_t			 i;

	(void)state;
	meta = xasprintf("%s%s", meta_head,
	    "1,a,A,1,-2,,,P,Indicator\n"
	    "1,b,B,5,1,,,Nope,Indicator\n"
	    "2,P,P,1,1,,,,Aggregate\n");
	imp = import_text("uCode,a,b,zz\nX,1,2,0\nY,one,2,0\nX,3,4,0\n",
	    meta);
	has_diag(imp, "data.csv:1:11: column 'zz' has no row");
	has_diag(imp, "data.csv:3:3: 'one' in column 'a' is not a number");
	has_diag(imp, "data.csv:4:1: duplicate uCode 'X'");
	has_diag(imp, "meta.csv:2:9: Weight '-2' is negative");
	has_diag(imp, "meta.csv:3:7: Direction '5' is not 1 or -1");
	has_diag(imp, "meta.csv:3:13: unknown Parent 'Nope'");
	assert_int_equal(imp->n_errors, 6);
	/* Sorted: the data file first, then by line and column. */
	for (i = 1; i < imp->n_diags; i++)
		assert_true(imp->diags[i - 1].file < imp->diags[i].file ||
		    (imp->diags[i - 1].file == imp->diags[i].file &&
		    imp->diags[i - 1].line <= imp->diags[i].line));
	/* Nothing is written, and nothing is left behind. */
	assert_int_equal(cr_import_write(imp, out, 1, &why), -1);
	assert_non_null(strstr(why, "6 errors"));
	assert_int_equal(access(out, F_OK), -1);
	free(why);
	cr_import_free(imp);
	free(meta);
	free(out);
}

/* Past the limit, errors are counted but not kept. */
static void
test_error_limit(void **state)
{
	struct cr_import	*imp;
	char			*data;
	size_t			 i, len = 0, cap = 1 << 16;

	(void)state;
	data = xmalloc(cap);
	len = (size_t)snprintf(data, cap, "uCode,uName,g,pop,a,b,c\n");
	for (i = 0; i < 120; i++)
		len += (size_t)snprintf(data + len, cap - len,
		    "U%zu,u,big,10,x,2,3\n", i);
	imp = import_text(data, good_meta);
	assert_int_equal(imp->n_errors, 120);
	assert_int_equal(imp->n_diags, CR_IMPORT_MAX_DIAGS);
	cr_import_free(imp);
	free(data);
}

static void
test_warning(void **state)
{
	struct cr_import	*imp;
	char			*meta;

	(void)state;
	meta = xasprintf("%s%s", meta_head,
	    "1,a,A,1,1,,,P,Indicator\n"
	    "1,b,B,1,1,,,P,Indicator\n"
	    "2,P,P,-1,1,,,,Aggregate\n");
	imp = import_text("uCode,a,b\nX,1,2\n", meta);
	assert_int_equal(imp->n_errors, 0);
	assert_int_equal(imp->n_warnings, 1);
	has_diag(imp, "meta.csv:4:7: warning: Direction -1 of Aggregate 'P' "
	    "is ignored");
	cr_import_free(imp);
	free(meta);
}

static void
test_binary_and_huge(void **state)
{
	struct cr_import	*imp;
	char			*d = tmp("bin.csv"), *m = tmp("meta.csv");
	char			*big = tmp("big.csv");
	FILE			*fp;

	(void)state;
	write_file(d, "uCode,a\nX,\0\x01\x02", 13);
	write_file(m, good_meta, strlen(good_meta));
	imp = cr_import_read(d, m);
	has_diag(imp, "bin.csv:2:3: NUL byte: a binary file, not CSV text");
	assert_int_equal(imp->n_errors, 1);
	cr_import_free(imp);
	/* A sparse file over the limit: refused by its size, not read. */
	fp = fopen(big, "wb");
	assert_non_null(fp);
	assert_int_equal(ftruncate(fileno(fp),
	    (off_t)CR_IMPORT_MAX_BYTES + 1), 0);
	fclose(fp);
	imp = cr_import_read(big, m);
	has_diag(imp, "big.csv: 256.0 MiB is over the import limit of 256 MiB");
	assert_int_equal(imp->n_errors, 1);
	cr_import_free(imp);
	imp = cr_import_read(tmpdir, m);
	assert_int_equal(imp->n_errors, 1);
	assert_non_null(strstr(imp->diags[0].text, ": not a regular file"));
	cr_import_free(imp);
	unlink(big);
	free(big);
	free(d);
	free(m);
}

static struct cr_import *
asem(const char *data)
{
	struct cr_import	*imp;
	char			*d = fixture(data);
	char			*m = fixture("coinr-asem/ASEM_iMeta.csv");

	imp = cr_import_read(d, m);
	dump(imp);
	assert_int_equal(imp->n_errors, 0);
	assert_int_equal(imp->n_warnings, 0);
	assert_int_equal(imp->n_units, 51);
	assert_int_equal(imp->n_indicators, 49);
	assert_int_equal(imp->n_levels, 4);
	/* 49 indicators, 8 pillars, 2 sub-indices, the index. */
	assert_int_equal(imp->n_nodes, 60);
	free(d);
	free(m);
	return (imp);
}

/*
 * The raw table called name in the file at path is the zlib stream of
 * the fixture's bytes, by zlib's own reader, and smaller than they are.
 */
static void
raw_is_deflated(const char *path, const char *name, const char *fix)
{
	sqlite3		*h;
	sqlite3_stmt	*st;
	char		*f = fixture(fix), *want, *got;
	size_t		 n;
	uLongf		 len;
	int		 zlen;

	want = slurp(f, &n);
	assert_int_equal(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, "SELECT content FROM "
	    "raw_input WHERE name = ?", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	zlen = sqlite3_column_bytes(st, 0);
	assert_true(zlen > 0 && (size_t)zlen < n);
	len = (uLongf)n;
	got = xmalloc(n);
	assert_int_equal(uncompress((Bytef *)got, &len,
	    sqlite3_column_blob(st, 0), (uLong)zlen), Z_OK);
	assert_int_equal(len, (uLongf)n);
	assert_memory_equal(got, want, n);
	sqlite3_finalize(st);
	sqlite3_close(h);
	free(got);
	free(want);
	free(f);
}

static int
count(const char *path, const char *sql)
{
	sqlite3		*h;
	sqlite3_stmt	*st;
	int		 n;

	assert_int_equal(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return (n);
}

static void
test_asem(void **state)
{
	struct cr_import	*imp;
	struct cr_dataset	*ds;
	char			*out = tmp("asem.db"), *why = NULL;

	(void)state;
	imp = asem("coinr-asem/ASEM_iData.csv");
	assert_int_equal(imp->n_missing, 63);
	assert_int_equal(imp->n_periods, 1);
	assert_string_equal(imp->periods[0], "2018");
	unlink(out);
	assert_int_equal(cr_import_write(imp, out, 0, &why), 0);
	/* Schema 8: the values are in their packs, the record, not rows. */
	assert_int_equal(count(out, "SELECT count(*) FROM value"), 0);
	assert_int_equal(dbtest_letters(out, 'u'), 51 * 49 - 63);
	assert_int_equal(dbtest_letters(out, '-'), 63);
	/* Schema 10: a pack of one provenance keeps one letter. */
	assert_int_equal(count(out, "SELECT count(*) FROM value_pack WHERE "
	    "provenance = 'u'"), 51);
	assert_int_equal(count(out, "SELECT count(*) FROM meta WHERE "
	    "key = 'values' AND value = 'packs'"), 1);
	assert_int_equal(count(out, "PRAGMA user_version"), 10);
	assert_int_equal(CR_DB_SCHEMA_VERSION, 10);
	/* Schema 9: the raw tables as zlib streams of the bytes read. */
	raw_is_deflated(out, "data", "coinr-asem/ASEM_iData.csv");
	raw_is_deflated(out, "meta", "coinr-asem/ASEM_iMeta.csv");
	assert_int_equal(cr_db_load(out, &ds, &why), 0);
	assert_int_equal(ds->model->n_entities, 51);
	assert_int_equal(ds->model->n_leaves, 49);
	assert_int_equal(ds->model->n_nodes, 60);
	/* Four groups (text) and four denominators (numbers). */
	assert_int_equal(ds->model->n_ctx, 8);
	assert_int_equal(ds->model->ctx[cr_model_find_ctx(ds->model,
	    "GDP_group")].kind, CR_CTX_TEXT);
	assert_int_equal(ds->model->ctx[cr_model_find_ctx(ds->model,
	    "Population")].kind, CR_CTX_NUM);
	assert_int_equal(ds->n_periods, 1);
	assert_string_equal(ds->period, "2018");
	assert_string_equal(ds->presets[0].code, "default");
	assert_int_equal(ds->presets[0].scenario->norm, CR_NORM_MINMAX);
	assert_int_equal(ds->presets[0].scenario->agg, CR_AGG_ARITH);
	cr_dataset_free(ds);
	/* An existing file is kept unless forced. */
	assert_int_equal(cr_import_write(imp, out, 0, &why), -1);
	assert_non_null(strstr(why, "exists; not overwritten (use --force"));
	free(why);
	why = NULL;
	assert_int_equal(cr_import_write(imp, out, 1, &why), 0);
	cr_import_free(imp);
	free(out);
}

/* Raw values of two models, missing equal to missing. */
static void
same_raw(const struct cr_model *a, const struct cr_model *b)
{
	size_t	i;

	assert_int_equal(a->n_entities, b->n_entities);
	assert_int_equal(a->n_leaves, b->n_leaves);
	for (i = 0; i < a->n_entities * a->n_leaves; i++) {
		if (isnan(a->raw[i]))
			assert_true(isnan(b->raw[i]));
		else
			assert_true(a->raw[i] == b->raw[i]);
	}
}

static void
test_asem_panel(void **state)
{
	struct cr_import	*imp;
	struct cr_dataset	*ds, *one, *late;
	char			*out = tmp("panel.db"), *why = NULL;
	char			*single = tmp("asem.db");	/* test_asem */
	const char		*years[] = { "2018", "2019", "2020", "2021",
				    "2022" };
	size_t			 i;

	(void)state;
	imp = asem("coinr-asem/ASEM_iData_p.csv");
	assert_int_equal(imp->n_rows, 255);
	assert_int_equal(imp->n_missing, 5 * 63);
	assert_int_equal(imp->n_periods, 5);
	for (i = 0; i < 5; i++)
		assert_string_equal(imp->periods[i], years[i]);
	unlink(out);
	assert_int_equal(cr_import_write(imp, out, 0, &why), 0);
	cr_import_free(imp);
	/* The latest year by default. */
	assert_int_equal(cr_db_load(out, &late, &why), 0);
	assert_int_equal(late->n_periods, 5);
	assert_string_equal(late->period, "2022");
	assert_string_equal(late->year, "2022");
	/* 2018 of the panel is the one-year file. */
	assert_int_equal(cr_db_load_period(out, "2018", &ds, &why), 0);
	assert_string_equal(ds->period, "2018");
	assert_int_equal(cr_db_load(single, &one, &why), 0);
	same_raw(ds->model, one->model);
	assert_true(memcmp(ds->model->raw, late->model->raw,
	    ds->model->n_entities * ds->model->n_leaves *
	    sizeof *ds->model->raw) != 0);
	cr_dataset_free(ds);
	cr_dataset_free(one);
	cr_dataset_free(late);
	/* A year it lacks: -2, and the message lists those it has. */
	assert_int_equal(cr_db_load_period(out, "2030", &ds, &why), -2);
	assert_null(ds);
	assert_non_null(strstr(why, "no period '2030'; it has 2018, 2019, "
	    "2020, 2021, 2022"));
	free(why);
	free(out);
	free(single);
}

/* A file written by cityrank 0.1.0 (schema 1, no periods) still loads. */
static void
test_schema1(void **state)
{
	struct cr_dataset	*old, *now;
	char			*path = fixture("schema1/cityrank-v1.db");
	char			*why = NULL;
	size_t			 i;

	(void)state;
	assert_int_equal(count(path, "PRAGMA user_version"), 1);
	assert_int_equal(cr_db_load(path, &old, &why), 0);
	assert_int_equal(old->n_periods, 0);
	assert_string_equal(old->period, "");
	assert_int_equal(cr_db_load(getenv("CITYRANK_DB"), &now, &why), 0);
	assert_int_equal(old->model->n_entities, 26);
	same_raw(old->model, now->model);
	assert_int_equal(old->model->n_ctx, now->model->n_ctx);
	for (i = 0; i < old->model->n_ctx; i++)
		if (old->model->ctx[i].kind == CR_CTX_NUM)
			assert_memory_equal(old->model->ctx[i].num,
			    now->model->ctx[i].num, old->model->n_entities *
			    sizeof(double));
	cr_dataset_free(old);
	cr_dataset_free(now);
	assert_int_equal(cr_db_load_period(path, "2018", &old, &why), -2);
	assert_non_null(strstr(why, "the data set has no periods"));
	free(why);
	free(path);
}

static void
sql(const char *path, const char *stmt)
{
	sqlite3	*h;
	char	*err = NULL;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	if (sqlite3_exec(h, stmt, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", stmt, err);
	sqlite3_close(h);
}

/*
 * A prepared import: Y's missing b is the mean of 2 and 8, 5, stored as
 * imputed, with the recipe and the report.  Made a schema 4 file (no
 * prep_note, no imputed value) it still loads.
 */
static void
test_prepared(void **state)
{
	struct cr_import	*imp = import_text(good_data, good_meta);
	struct cr_prep_spec	 spec;
	struct cr_dataset	*ds;
	char			*out = tmp("prep.db"), *why = NULL;
	int			 y, b;

	(void)state;
	cr_prep_spec_init(&spec);
	assert_int_equal(cr_prep_parse_impute(&spec, "mean", &why), 0);
	assert_int_equal(cr_import_prepare(imp, &spec, &why), 0);
	assert_int_equal(cr_import_write(imp, out, 0, &why), 0);
	cr_import_free(imp);
	assert_int_equal(cr_db_load(out, &ds, &why), 0);
	assert_string_equal(ds->prep, "impute mean");
	y = cr_model_find_entity(ds->model, "Y");
	b = ds->model->nodes[cr_model_find_node(ds->model, "b")].leaf;
	assert_true(cr_model_raw(ds->model, y, b) == 5);
	assert_int_equal(cr_model_prov_at(ds->model, (size_t)y * ds->model->n_leaves +
	    (size_t)b), CR_PROV_IMPUTED);
	cr_dataset_free(ds);
	assert_int_equal(count(out, "SELECT count(*) FROM prep_note WHERE "
	    "what = 'imputed' AND indicator = 'b' AND n = 1"), 1);
	assert_int_equal(dbtest_letters(out, 'i'), 1);

	/* A group column the metadata lacks: an option error. */
	imp = import_text(good_data, good_meta);
	assert_int_equal(cr_prep_parse_impute(&spec, "mean_group:pop", &why),
	    0);
	assert_int_equal(cr_import_prepare(imp, &spec, &why), -2);
	assert_non_null(strstr(why, "'pop' is not a column of Type Group"));
	free(why);
	why = NULL;
	cr_import_free(imp);
	cr_prep_spec_free(&spec);

	/* Schema 4: what a cityrank of before this wrote. */
	dbtest_unpack(out);
	sql(out, "DROP TABLE prep_note; DELETE FROM checksum WHERE name = "
	    "'prep_note'; DELETE FROM meta WHERE key = 'prep'; "
	    "UPDATE value SET provenance = 'user'; PRAGMA user_version = 4");
	assert_int_equal(cr_db_load(out, &ds, &why), 0);
	assert_string_equal(ds->prep, "");
	cr_dataset_free(ds);
	unlink(out);
	free(out);
}

/* Files in the test directory whose name holds part, such as ".tmp". */
static int
count_named(const char *part)
{
	DIR		*d = opendir(tmpdir);
	struct dirent	*de;
	int		 n = 0;

	assert_non_null(d);
	while ((de = readdir(d)) != NULL)
		if (strstr(de->d_name, part) != NULL)
			n++;
	closedir(d);
	return (n);
}

static void
on_xfsz(int sig)
{
	(void)sig;
	cr_import_cleanup();
	_exit(3);
}

/*
 * Import the ASEM set to out in a child whose files may not grow past
 * 64 KiB, so that the write stops midway: with catch set, SIGXFSZ
 * reaches a handler that calls cr_import_cleanup(), as the program's
 * does for SIGINT; without, writes fail with EFBIG.  The child's exit
 * status: 3 from the handler, 1 when cr_import_write() failed.
 */
static int
import_cut_short(const char *out, int catch)
{
	/* Static: still reachable when the handler ends the child. */
	static struct cr_import	*imp;
	static char		*d, *m, *why;
	struct rlimit		 rl = { 64 << 10, 64 << 10 };
	pid_t			 pid;
	int			 status, rc = 2;

	if ((pid = fork()) == 0) {
		signal(SIGXFSZ, catch ? on_xfsz : SIG_IGN);
		d = fixture("coinr-asem/ASEM_iData_p.csv");
		m = fixture("coinr-asem/ASEM_iMeta.csv");
		imp = cr_import_read(d, m);
		if (imp->n_errors == 0 && setrlimit(RLIMIT_FSIZE, &rl) == 0)
			rc = cr_import_write(imp, out, 0, &why) == 0 ? 0 : 1;
		/* Freed, so that valgrind finds no leak in the child. */
		cr_import_free(imp);
		free(d);
		free(m);
		free(why);
		_exit(rc);
	}
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return (WEXITSTATUS(status));
}

/* An import interrupted by a signal leaves no OUT.tmp-* behind. */
/* A file's check report, and its status. */
static int
check_report(const char *path, char **report)
{
	char	*why = NULL;
	size_t	 len;
	FILE	*fp = open_memstream(report, &len);
	int	 rc;

	assert_non_null(fp);
	rc = cr_db_check(path, fp, &why);
	fclose(fp);
	assert_null(why);
	return (rc);
}

static void
load_fails(const char *path, const char *want)
{
	struct cr_dataset	*ds = NULL;
	char			*why = NULL;

	assert_int_equal(cr_db_load(path, &ds, &why), -1);
	assert_null(ds);
	if (strstr(why, want) == NULL)
		fail_msg("'%s' does not say '%s'", why, want);
	free(why);
}

/*
 * Schema 7: each indicator's Target is stored with the provenance and
 * a source of its own, and loads into its node; none on the aggregate
 * (a warning) or where the cell is empty.  A schema 6 file has none
 * and loads.  A target on an aggregate, or not a number, is damage the
 * loader refuses and the check names.
 */
static void
test_targets(void **state)
{
	static const char meta[] =
	    "Level,iCode,iName,Direction,Weight,Unit,Target,Parent,Type\n"
	    "1,a,Alpha,1,1,,5,P,Indicator\n"
	    "1,b,Beta,-1,2,,-2.5e-3,P,Indicator\n"
	    "1,c,Gamma,1,1,,,P,Indicator\n"
	    "2,P,Pillar,1,1,,9,,Aggregate\n";
	struct cr_import	*imp;
	struct cr_dataset	*ds;
	const struct cr_model	*m;
	char			*out = tmp("targets.db"), *why = NULL, *rep;
	int			 a, b, c, p;

	(void)state;
	imp = import_text("uCode,a,b,c\nX,1,2,3\nY,4,5,6\n", meta);
	assert_int_equal(imp->n_errors, 0);
	assert_int_equal(imp->n_warnings, 1);
	has_diag(imp, "meta.csv:5:17: warning: Target of Aggregate 'P' is "
	    "ignored: only an Indicator has one");
	unlink(out);
	assert_int_equal(cr_import_write(imp, out, 0, &why), 0);
	cr_import_free(imp);
	assert_int_equal(count(out, "SELECT count(*) FROM target"), 2);
	assert_int_equal(cr_db_load(out, &ds, &why), 0);
	m = ds->model;
	a = cr_model_find_node(m, "a");
	b = cr_model_find_node(m, "b");
	c = cr_model_find_node(m, "c");
	p = cr_model_find_node(m, "P");
	assert_true(m->nodes[a].target == 5);
	assert_true(m->nodes[b].target == -2.5e-3);
	assert_true(isnan(m->nodes[c].target));
	assert_true(isnan(m->nodes[p].target));
	assert_non_null(ds->target_prov);
	assert_int_equal(ds->target_prov[a], CR_PROV_USER);
	assert_int_equal(ds->target_prov[b], CR_PROV_USER);
	assert_string_equal(ds->sources[ds->target_source[a]],
	    "Target of a, meta.csv line 2");
	assert_string_equal(ds->sources[ds->target_source[b]],
	    "Target of b, meta.csv line 3");
	cr_dataset_free(ds);
	assert_int_equal(check_report(out, &rep), 0);
	assert_non_null(strstr(rep, "2 targets, each on a leaf"));
	free(rep);

	/* On an aggregate: the edit makes the checksum stale, not wrong. */
	sql(out, "UPDATE target SET node = (SELECT id FROM node "
	    "WHERE code = 'P') WHERE node = (SELECT id FROM node "
	    "WHERE code = 'a')");
	load_fails(out, "a target on P, which is not a leaf");
	assert_int_equal(check_report(out, &rep), 1);
	assert_non_null(strstr(rep, "1 target on an aggregate, not a leaf "
	    "(the first: P)"));
	free(rep);
	sql(out, "UPDATE target SET node = (SELECT id FROM node "
	    "WHERE code = 'a'), value = 'x' WHERE node = (SELECT id "
	    "FROM node WHERE code = 'P')");
	load_fails(out, "the target of a is not a finite number");
	assert_int_equal(check_report(out, &rep), 1);
	assert_non_null(strstr(rep, "1 target is not a finite number (the "
	    "first: a)"));
	free(rep);

	/* Schema 6: no target table; nothing about targets is checked. */
	dbtest_unpack(out);
	sql(out, "DROP TABLE target; DELETE FROM checksum WHERE name = "
	    "'target'; PRAGMA user_version = 6");
	assert_int_equal(cr_db_load(out, &ds, &why), 0);
	assert_null(ds->target_prov);
	assert_true(isnan(ds->model->nodes[cr_model_find_node(ds->model,
	    "a")].target));
	cr_dataset_free(ds);
	assert_int_equal(check_report(out, &rep), 0);
	assert_non_null(strstr(rep, "schema 6\n"));
	assert_null(strstr(rep, "each on a leaf"));
	free(rep);
	unlink(out);
	free(out);
}

static void
test_import_interrupted(void **state)
{
	char	*out = tmp("cut.db");

	(void)state;
	assert_int_equal(import_cut_short(out, 1), 3);
	assert_int_equal(count_named("cut.db"), 0);
	free(out);
}

/* A write that fails midway (file too large) leaves nothing either. */
static void
test_import_write_fails(void **state)
{
	char	*out = tmp("big.db");

	(void)state;
	assert_int_equal(import_cut_short(out, 0), 1);
	assert_int_equal(count_named("big.db"), 0);
	free(out);
}

static int
setup(void **state)
{
	(void)state;
	return (mkdtemp(tmpdir) == NULL ? -1 : 0);
}

static int
teardown(void **state)
{
	char	*cmd = xasprintf("rm -rf '%s'", tmpdir);
	int	 rc;

	(void)state;
	rc = system(cmd);
	free(cmd);
	return (rc == 0 ? 0 : -1);
}

/* The value of the row's cell in the item's column. */
static double
cell(const struct cr_import *imp, size_t row, const char *code)
{
	size_t	i;

	for (i = 0; i < imp->n_items; i++)
		if (strcmp(imp->items[i].code, code) == 0)
			return (imp->rows[row].num[imp->items[i].slot]);
	fail_msg("no item '%s'", code);
	return (NAN);
}

/*
 * Every finite double is a value, the least subnormal and the largest
 * double included; what would read as infinity or, not being 0, as 0
 * is refused with its cause, as are hex and spaces.
 */
static void
test_numbers(void **state)
{
	struct cr_import	*imp;

	(void)state;
	imp = import_text("uCode,uName,g,pop,a,b,c\n"
	    "X,Ex,big,10,4.9e-324,-1.7976931348623157e308,1e308\n"
	    "Y,Why,,20,-0,.5,5.\n"
	    "Z,Zed,,1e-400,1E+2,+2e-3,0e999\n", good_meta);
	/* 1e-400 is a denominator's: the same parser. */
	has_diag(imp, "data.csv:4:8: '1e-400' in column 'pop' is too small");
	assert_int_equal(imp->n_errors, 1);
	cr_import_free(imp);
	imp = import_text("uCode,uName,g,pop,a,b,c\n"
	    "X,Ex,big,10,4.9e-324,-1.7976931348623157e308,1e308\n"
	    "Y,Why,,20,-0,.5,5.\n"
	    "Z,Zed,,30,1E+2,+2e-3,0e999\n", good_meta);
	dump(imp);
	assert_int_equal(imp->n_errors, 0);
	assert_true(cell(imp, 0, "a") == 4.9e-324);
	assert_true(cell(imp, 0, "a") > 0);
	assert_true(cell(imp, 0, "b") == -DBL_MAX);
	assert_true(cell(imp, 0, "c") == 1e308);
	assert_true(cell(imp, 1, "a") == 0);
	assert_true(cell(imp, 1, "b") == 0.5 && cell(imp, 1, "c") == 5);
	assert_true(cell(imp, 2, "a") == 100 && cell(imp, 2, "b") == 0.002);
	assert_true(cell(imp, 2, "c") == 0);
	cr_import_free(imp);

	one_error("uCode,uName,g,pop,a,b,c\n"
	    "X,Ex,big,10,1,2,1e999\n", good_meta,
	    "data.csv:2:17: '1e999' in column 'c' is too large");
	one_error("uCode,uName,g,pop,a,b,c\n"
	    "X,Ex,big,10,1,2,-1.8e308\n", good_meta,
	    "data.csv:2:17: '-1.8e308' in column 'c' is too large");
	one_error("uCode,uName,g,pop,a,b,c\n"
	    "X,Ex,big,10,1,2,2e-324\n", good_meta,
	    "data.csv:2:17: '2e-324' in column 'c' is too small");
	one_error("uCode,uName,g,pop,a,b,c\n"
	    "X,Ex,big,10,1,2,\" 3\"\n", good_meta,
	    "data.csv:2:17: ' 3' in column 'c' is not a number");
	one_error("uCode,uName,g,pop,a,b,c\n"
	    "X,Ex,big,10,1,2,1e\n", good_meta,
	    "data.csv:2:17: '1e' in column 'c' is not a number");
	one_error("uCode,uName,g,pop,a,b,c\n"
	    "X,Ex,big,10,1,2,.\n", good_meta,
	    "data.csv:2:17: '.' in column 'c' is not a number");
	one_error("uCode,uName,g,pop,a,b,c\n"
	    "X,Ex,big,10,1,2,1e5e5\n", good_meta,
	    "data.csv:2:17: '1e5e5' in column 'c' is not a number");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_meta_errors),
		cmocka_unit_test(test_cycle),
		cmocka_unit_test(test_data_errors),
		cmocka_unit_test(test_time_errors),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_accepted_syntax),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_many_errors),
		cmocka_unit_test(test_error_limit),
		cmocka_unit_test(test_warning),
		cmocka_unit_test(test_binary_and_huge),
		cmocka_unit_test(test_asem),
		cmocka_unit_test(test_targets),
		cmocka_unit_test(test_asem_panel),
		cmocka_unit_test(test_schema1),
		cmocka_unit_test(test_prepared),
		cmocka_unit_test(test_import_interrupted),
		cmocka_unit_test(test_import_write_fails),
	};

	return (cmocka_run_group_tests(tests, setup, teardown));
}
