/*
 * The raw tables' zlib streams (deflate.h).  The fastest level: it keeps
 * most of the gain (a 10 MB CSV of numbers to 4.8 MB, against 4.2 at the
 * default level) at a fifth of the time, so that an import of 100,000
 * units stays quick.
 */
#include "config.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>

#include <zlib.h>

#include "cause.h"
#include "deflate.h"
#include "import.h"
#include "memavail.h"
#include "xmalloc.h"

void
cr_deflate(const void *p, size_t len, unsigned char **out, size_t *out_len)
{
	uLongf	n;
	int	rc;

	if ((uLong)len != len)
		xalloc_die();
	n = compressBound((uLong)len);
	*out = xmalloc(n);
	rc = compress2(*out, &n, p, (uLong)len, Z_BEST_SPEED);
	if (rc != Z_OK)		/* Z_MEM_ERROR: the buffer is large enough */
		xalloc_die();
	*out = xreallocarray(*out, n > 0 ? n : 1, 1);
	*out_len = n;
}

/* Room for more output, up to cap + 1 (one byte over says "too large"). */
static void
grow(z_stream *zs, char **buf, size_t *size, size_t cap)
{
	size_t	used = *size - zs->avail_out, want;

	want = *size < cap / 2 ? *size * 2 : cap + 1;
	*buf = xreallocarray(*buf, want + 1, 1);
	zs->next_out = (Bytef *)*buf + used;
	zs->avail_out = (uInt)(want - used > UINT_MAX ? UINT_MAX :
	    want - used);
	*size = used + zs->avail_out;
}

int
cr_inflate(const void *p, size_t len, size_t cap, char **out,
    size_t *out_len, char **cause)
{
	z_stream	 zs = { 0 };
	const Bytef	*in = p;
	size_t		 left = len, size, done;
	char		*buf;
	int		 rc = Z_OK;

	if (cap > SIZE_MAX / 4)
		cap = SIZE_MAX / 4;
	if (inflateInit(&zs) != Z_OK)
		xalloc_die();
	size = len < cap / 4 ? len * 4 + 64 : cap + 1;
	if (size > UINT_MAX)
		size = UINT_MAX;
	buf = xmalloc(size + 1);
	zs.next_out = (Bytef *)buf;
	zs.avail_out = (uInt)size;
	do {
		if (zs.avail_in == 0 && left > 0) {
			zs.next_in = (Bytef *)in + (len - left);
			zs.avail_in = (uInt)(left > UINT_MAX ? UINT_MAX : left);
			left -= zs.avail_in;
		}
		if (zs.avail_out == 0) {
			if (size > cap)
				break;
			grow(&zs, &buf, &size, cap);
		}
		rc = inflate(&zs, Z_NO_FLUSH);
	} while (rc == Z_OK || (rc == Z_BUF_ERROR && (zs.avail_out == 0 ||
	    (zs.avail_in == 0 && left > 0))));
	done = size - zs.avail_out;
	if (rc == Z_MEM_ERROR)
		xalloc_die();
	if (done > cap)
		cr_cause(cause, "inflates to more than %zu bytes", cap);
	else if (rc == Z_STREAM_END && (zs.avail_in > 0 || left > 0))
		cr_cause(cause, "has bytes after its zlib stream");
	else if (rc == Z_STREAM_END) {
		inflateEnd(&zs);
		buf[done] = '\0';
		*out = buf;
		*out_len = done;
		return (0);
	} else if (rc == Z_BUF_ERROR)
		cr_cause(cause, "ends before its zlib stream does");
	else
		cr_cause(cause, "is not a zlib stream (%s)", zs.msg != NULL ?
		    zs.msg : "damaged");
	inflateEnd(&zs);
	free(buf);
	return (-1);
}

size_t
cr_raw_cap(void)
{
	const char	*what;
	uint64_t	 avail = cr_mem_available(&what);

	if (avail > 0 && avail < CR_IMPORT_MAX_BYTES)
		return ((size_t)avail);
	return (CR_IMPORT_MAX_BYTES);
}
