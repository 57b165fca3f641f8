/*
 * RFC 4180 CSV reader over a buffer in memory: quoted fields, doubled
 * quotes, CRLF or LF, an optional UTF-8 BOM.  It reports the line and
 * column (in characters, from 1) of every field and of every error.
 */
#ifndef CR_CSV_H
#define CR_CSV_H

#include <stddef.h>

struct cr_csv {
	const char	*buf;
	size_t		 len, pos;
	size_t		 line;		/* line of the next record */
	/* The current record: */
	size_t		 n_fields;
	char		**field;	/* NUL-terminated, owned by the reader */
	size_t		*field_line;	/* where each field started */
	size_t		*field_col;
	size_t		 cap, fieldbuf_cap;
	char		*fieldbuf;
	size_t		 record_line;	/* line where the record started */
	char		 error[160];	/* message of the last error */
	size_t		 err_line, err_col;
};

void	cr_csv_init(struct cr_csv *, const char *buf, size_t len);
void	cr_csv_free(struct cr_csv *);
/*
 * Read the next record: 1 when a record was read, 0 at the end, -1 on
 * a syntax error (unterminated quote, text after a closing quote, a
 * quote inside an unquoted field, invalid UTF-8, NUL byte, a field over
 * 1 MiB or more than 100000 fields) with error, err_line and err_col
 * set; an error is final, later calls return -1 again.  A record ends
 * at LF, CRLF or a bare CR outside quotes; line breaks inside quotes are
 * kept as written.  Blank lines are skipped, so a record of one empty
 * field must be written "".  Fields stay valid until the next call.
 */
int	cr_csv_next(struct cr_csv *);

#endif
