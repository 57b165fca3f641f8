/*
 * RFC 4180 CSV reader over a buffer in memory.
 *
 * Records always start at the beginning of a line, so a column can be
 * counted from the start of each record.  The fields of a record are
 * stored one after another, each NUL-terminated, in fieldbuf; the field
 * pointers are set only once the record is complete because fieldbuf
 * may move while it grows.  Every byte of input is looked at a bounded
 * number of times, so reading is linear in the size of the buffer.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "utf8.h"
#include "xmalloc.h"

/* Bounds on what hostile input can make us allocate. */
#define FIELD_MAX	(1024 * 1024)
#define FIELDS_MAX	100000

/* Where the parser is within the record being read. */
struct cursor {
	size_t	line, col;
};

void
cr_csv_init(struct cr_csv *c, const char *buf, size_t len)
{
	memset(c, 0, sizeof(*c));
	c->buf = buf;
	c->len = len;
	c->line = 1;
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		c->pos = 3;
}

void
cr_csv_free(struct cr_csv *c)
{
	free(c->field);
	free(c->field_line);
	free(c->field_col);
	free(c->fieldbuf);
	c->field = NULL;
	c->field_line = c->field_col = NULL;
	c->fieldbuf = NULL;
	c->n_fields = c->cap = c->fieldbuf_cap = 0;
}

static int
fail(struct cr_csv *c, const char *msg, size_t line, size_t col)
{
	snprintf(c->error, sizeof(c->error), "%s", msg);
	c->err_line = line;
	c->err_col = col;
	c->n_fields = 0;
	return -1;
}

static void
append(struct cr_csv *c, size_t *used, const char *p, size_t n)
{
	size_t	cap;

	if (c->fieldbuf_cap - *used < n) {
		cap = c->fieldbuf_cap ? c->fieldbuf_cap : 256;
		while (cap - *used < n)
			cap *= 2;
		c->fieldbuf = xreallocarray(c->fieldbuf, cap, 1);
		c->fieldbuf_cap = cap;
	}
	memcpy(c->fieldbuf + *used, p, n);
	*used += n;
}

static void
add_field(struct cr_csv *c, size_t line, size_t col)
{
	size_t	cap;

	if (c->n_fields == c->cap) {
		cap = c->cap ? c->cap * 2 : 16;
		c->field = xreallocarray(c->field, cap, sizeof(*c->field));
		c->field_line = xreallocarray(c->field_line, cap,
		    sizeof(*c->field_line));
		c->field_col = xreallocarray(c->field_col, cap,
		    sizeof(*c->field_col));
		c->cap = cap;
	}
	c->field_line[c->n_fields] = line;
	c->field_col[c->n_fields] = col;
	c->n_fields++;
}

static int
is_eol(char ch)
{
	return ch == '\n' || ch == '\r';
}

/* Step over a line ending: LF, CRLF or a bare CR. */
static size_t
eol_len(const struct cr_csv *c)
{
	if (c->buf[c->pos] == '\r' && c->pos + 1 < c->len &&
	    c->buf[c->pos + 1] == '\n')
		return 2;
	return 1;
}

/*
 * Copy one character of field text at pos, checking it is neither NUL
 * nor invalid UTF-8.
 */
static int
take_char(struct cr_csv *c, size_t *used, struct cursor *at)
{
	int	n;

	if (c->buf[c->pos] == '\0')
		return fail(c, "NUL byte", at->line, at->col);
	n = cr_utf8_decode(c->buf + c->pos, c->len - c->pos, NULL);
	if (n < 0)
		return fail(c, "invalid UTF-8", at->line, at->col);
	append(c, used, c->buf + c->pos, (size_t)n);
	c->pos += (size_t)n;
	at->col++;
	return 0;
}

static int
quoted(struct cr_csv *c, size_t *used, size_t start, struct cursor *at)
{
	struct cursor	open = *at;
	size_t		n;

	c->pos++;
	at->col++;
	for (;;) {
		if (*used - start > FIELD_MAX)
			return fail(c, "field longer than 1 MiB",
			    open.line, open.col);
		if (c->pos >= c->len)
			return fail(c, "unterminated quoted field",
			    open.line, open.col);
		if (c->buf[c->pos] == '"') {
			if (c->pos + 1 < c->len && c->buf[c->pos + 1] == '"') {
				append(c, used, "\"", 1);
				c->pos += 2;
				at->col += 2;
				continue;
			}
			c->pos++;
			at->col++;
			break;
		}
		if (is_eol(c->buf[c->pos])) {
			/* Kept as written; it still starts a new line. */
			n = eol_len(c);
			append(c, used, c->buf + c->pos, n);
			c->pos += n;
			at->line++;
			at->col = 1;
			continue;
		}
		if (take_char(c, used, at) == -1)
			return -1;
	}
	if (c->pos < c->len && c->buf[c->pos] != ',' &&
	    !is_eol(c->buf[c->pos]))
		return fail(c, "unexpected character after closing quote",
		    at->line, at->col);
	return 0;
}

static int
unquoted(struct cr_csv *c, size_t *used, size_t start, struct cursor *at)
{
	struct cursor	begin = *at;

	while (c->pos < c->len && c->buf[c->pos] != ',' &&
	    !is_eol(c->buf[c->pos])) {
		if (*used - start > FIELD_MAX)
			return fail(c, "field longer than 1 MiB",
			    begin.line, begin.col);
		if (c->buf[c->pos] == '"')
			return fail(c, "quote inside an unquoted field",
			    at->line, at->col);
		if (take_char(c, used, at) == -1)
			return -1;
	}
	return 0;
}

/* Point the fields into fieldbuf now that it no longer moves. */
static void
set_fields(struct cr_csv *c)
{
	char	*p = c->fieldbuf;
	size_t	 i;

	for (i = 0; i < c->n_fields; i++) {
		c->field[i] = p;
		p += strlen(p) + 1;
	}
}

/*
 * Blank lines are skipped, so a record with a single empty field must
 * be written as "".
 */
int
cr_csv_next(struct cr_csv *c)
{
	struct cursor	at;
	size_t		used = 0, start;
	int		r;

	/* After an error, the position is no longer trustworthy. */
	if (c->error[0] != '\0')
		return -1;
	c->n_fields = 0;
	while (c->pos < c->len && is_eol(c->buf[c->pos])) {
		c->pos += eol_len(c);
		c->line++;
	}
	if (c->pos >= c->len)
		return 0;
	c->record_line = at.line = c->line;
	at.col = 1;
	for (;;) {
		if (c->n_fields == FIELDS_MAX)
			return fail(c, "more than 100000 fields",
			    at.line, at.col);
		add_field(c, at.line, at.col);
		start = used;
		if (c->pos < c->len && c->buf[c->pos] == '"')
			r = quoted(c, &used, start, &at);
		else
			r = unquoted(c, &used, start, &at);
		if (r == -1)
			return -1;
		if (used - start > FIELD_MAX)
			return fail(c, "field longer than 1 MiB",
			    c->field_line[c->n_fields - 1],
			    c->field_col[c->n_fields - 1]);
		append(c, &used, "", 1);
		if (c->pos >= c->len)
			break;
		if (c->buf[c->pos] != ',') {
			c->pos += eol_len(c);
			at.line++;
			break;
		}
		c->pos++;
		at.col++;
	}
	c->line = at.line;
	set_fields(c);
	return 1;
}
