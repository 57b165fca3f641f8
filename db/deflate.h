/*
 * An import's raw tables as stored (schema 9): a zlib stream (RFC 1950)
 * of the bytes read, by zlib.  Numbers in CSV text deflate to about
 * half, and the raw tables were a third of an imported file.
 */
#ifndef CR_DEFLATE_H
#define CR_DEFLATE_H

#include <stddef.h>

/* The zlib stream of len bytes at p: *out (malloc'd), *out_len bytes. */
void	 cr_deflate(const void *p, size_t len, unsigned char **out,
	    size_t *out_len);
/*
 * The bytes of the zlib stream of len bytes at p, NUL-terminated in *out
 * (malloc'd), *out_len of them: 0; or -1 and *cause (malloc'd) when the
 * stream is damaged, ends early, has bytes after its end, or would
 * inflate to more than cap bytes.
 */
int	 cr_inflate(const void *p, size_t len, size_t cap, char **out,
	    size_t *out_len, char **cause);
/*
 * The most a raw table may inflate to: what an import reads at most
 * (CR_IMPORT_MAX_BYTES), less when the memory available is less.  A
 * stream that inflates further is damage, or made to exhaust memory.
 */
size_t	 cr_raw_cap(void);

#endif
