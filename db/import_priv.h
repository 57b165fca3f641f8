/* What the parts of the importer share; not for other modules. */
#ifndef CR_IMPORT_PRIV_H
#define CR_IMPORT_PRIV_H

#include <stdarg.h>
#include <stddef.h>

#include "import.h"

#define IMP_DATA	0
#define IMP_META	1

/* A string -> index map with owned keys, for codes and (unit, Time). */
struct strmap {
	char		**key;
	size_t		*val;
	size_t		 cap, n;
};

/* The value of key, or SIZE_MAX. */
size_t	strmap_get(const struct strmap *, const char *key);
/* Adds key with val unless present; returns the value it has now. */
size_t	strmap_put(struct strmap *, const char *key, size_t val);
void	strmap_free(struct strmap *);

/* Record a problem at line:col of a file (line 0: the whole file). */
void	imp_error(struct cr_import *, int file, size_t line, size_t col,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void	imp_verror(struct cr_import *, int file, size_t line, size_t col,
	    const char *fmt, va_list) __attribute__((format(printf, 5, 0)));
void	imp_warn(struct cr_import *, int file, size_t line, size_t col,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* The file name as given, for messages naming the other file. */
const char *imp_name(const struct cr_import *, int file);
/*
 * A field for a message: at most about 40 bytes, cut on a character
 * boundary, so a 1 MiB cell cannot make a 1 MiB message.
 */
const char *imp_short(const char *s, char *buf, size_t len);
/* A whole finite decimal number, no spaces, no hex, inf or nan. */
int	imp_number(const char *s, double *out);

void	imp_read_meta(struct cr_import *, const char *buf, size_t len);
void	imp_read_data(struct cr_import *, const char *buf, size_t len);

#endif
