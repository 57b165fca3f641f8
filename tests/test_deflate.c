/*
 * db/deflate.c: an import's raw tables as zlib streams.  The streams are
 * checked against zlib's own uncompress(), so that what is stored is
 * the format data/FORMAT.md names, not only what cr_inflate() reads
 * back; and every way a stored stream can be wrong is refused.
 */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <zlib.h>

#include "deflate.h"
#include "import.h"
#include "slurp.h"
#include "xmalloc.h"

/* The ASEM data table, as an import reads it. */
static char *
fixture(size_t *len)
{
	char	*path, *buf;

	path = xasprintf("%s/tests/fixtures/coinr-asem/ASEM_iData.csv",
	    getenv("SRCDIR"));
	buf = slurp(path, len);
	assert_true(*len > 1000);
	free(path);
	return (buf);
}

static void
test_round_trip(void **state)
{
	unsigned char	*z;
	char		*csv, *back, *why = NULL, *plain;
	size_t		 len, zlen, blen;
	uLongf		 plen;

	(void)state;
	csv = fixture(&len);
	cr_deflate(csv, len, &z, &zlen);
	/* Numbers in text deflate well: to 53% here (zlib -1 by hand). */
	assert_true(zlen < len * 6 / 10);
	/* zlib's own reader gives the bytes back: an RFC 1950 stream. */
	plen = len;
	plain = xmalloc(len);
	assert_int_equal(uncompress((Bytef *)plain, &plen, z, zlen), Z_OK);
	assert_int_equal(plen, len);
	assert_memory_equal(plain, csv, len);
	/* And so does ours, NUL-terminated, with room of exactly len. */
	assert_int_equal(cr_inflate(z, zlen, len, &back, &blen, &why), 0);
	assert_int_equal(blen, len);
	assert_memory_equal(back, csv, len);
	assert_int_equal(back[len], '\0');
	free(back);
	free(plain);
	free(z);
	free(csv);
}

static void
test_empty(void **state)
{
	unsigned char	*z;
	char		*back, *why = NULL;
	size_t		 zlen, blen = 99;

	(void)state;
	cr_deflate("", 0, &z, &zlen);
	assert_true(zlen > 0);
	assert_int_equal(cr_inflate(z, zlen, 0, &back, &blen, &why), 0);
	assert_int_equal(blen, 0);
	assert_string_equal(back, "");
	free(back);
	free(z);
}

/* cr_inflate() of the stream refuses it; *why names the fault. */
static void
refused(const void *z, size_t zlen, size_t cap, const char *fault)
{
	char	*back = NULL, *why = NULL;
	size_t	 blen = 0;

	assert_int_equal(cr_inflate(z, zlen, cap, &back, &blen, &why), -1);
	assert_null(back);
	assert_non_null(why);
	if (strstr(why, fault) == NULL)
		fail_msg("\"%s\" does not say \"%s\"", why, fault);
	free(why);
}

static void
test_damaged(void **state)
{
	unsigned char	*z, *bad;
	char		*csv;
	size_t		 len, zlen, i;

	(void)state;
	csv = fixture(&len);
	cr_deflate(csv, len, &z, &zlen);
	bad = xmalloc(zlen + 1);
	/* A flipped byte anywhere: the header, the data or the check. */
	for (i = 0; i < zlen; i += zlen / 7) {
		memcpy(bad, z, zlen);
		bad[i] ^= 0x10;
		refused(bad, zlen, len, "");
	}
	memcpy(bad, z, zlen);
	bad[zlen - 1] ^= 1;
	refused(bad, zlen, len, "incorrect data check");
	refused(z, zlen - 1, len, "ends before");
	refused(z, zlen / 2, len, "ends before");
	refused(z, 0, len, "ends before");
	memcpy(bad, z, zlen);
	bad[zlen] = 'x';
	refused(bad, zlen + 1, len, "bytes after");
	refused("a,b,c\n1,2,3\n", 12, len, "not a zlib stream");
	free(bad);
	free(z);
	free(csv);
}

/* A stream that inflates beyond what may be taken is refused early. */
static void
test_cap(void **state)
{
	unsigned char	*z;
	char		*zeros;
	size_t		 n = 4 << 20, zlen;

	(void)state;
	zeros = xcalloc(n, 1);
	cr_deflate(zeros, n, &z, &zlen);
	assert_true(zlen < n / 100);
	refused(z, zlen, n - 1, "more than 4194303 bytes");
	refused(z, zlen, 1000, "more than 1000 bytes");
	refused(z, zlen, 0, "more than 0 bytes");
	free(z);
	free(zeros);
}

/* No more than an import reads, and no more than the memory there is. */
static void
test_raw_cap(void **state)
{
	(void)state;
	setenv("CITYRANK_MEM_AVAILABLE", "1000", 1);
	assert_int_equal(cr_raw_cap(), 1000);
	setenv("CITYRANK_MEM_AVAILABLE", "1e12", 1);
	assert_int_equal(cr_raw_cap(), CR_IMPORT_MAX_BYTES);
	unsetenv("CITYRANK_MEM_AVAILABLE");
	assert_true(cr_raw_cap() <= CR_IMPORT_MAX_BYTES);
	assert_true(cr_raw_cap() > 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_damaged),
		cmocka_unit_test(test_cap),
		cmocka_unit_test(test_raw_cap),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
