/* A file's bytes, read whole, for the tests (cmocka asserts). */
#ifndef CR_SLURP_H
#define CR_SLURP_H

#include <stddef.h>

/* The bytes of the file at path (malloc'd, not terminated); *len. */
char	*slurp(const char *path, size_t *len);

#endif
