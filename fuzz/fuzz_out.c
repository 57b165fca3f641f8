/*
 * libFuzzer target for the output formats (session/out.c) and the layer
 * every output goes through (session/emit.c).
 *
 * The input is a table: byte 0 gives the number of columns (1-6), byte
 * 1 the ASCII flag and how many meta pairs (0-3) and notes (0-3); the
 * rest is split at NUL bytes into strings for the keys, the titles, the
 * meta keys and values, the notes, and then the cells.  A cell string
 * that starts with '#' is a number: its next byte picks a special value
 * (NaN, +-inf, +-1e308, -0, ...) or, with 8 more bytes, is the double
 * itself; its last byte the decimals and whether it is an integer or
 * has a mark.  With bit 7 of byte 1 set, the rows are made as they are
 * printed (out_rows), as the tables of every unit are.  Inputs are kept to 1 KB (run.sh's FLAGS) and tables to
 * MAX_ROWS rows; tests/termsafe.py has the 10,000-character names.
 *
 * Every format is rendered to a memory stream without the layer
 * (out_render), then passed through it (emit_write; for one format an
 * input, chosen by bits 5-6 of byte 1, out_print, which does both).
 * Checked with rules written here,
 * apart from engine/utf8.c: the output is valid UTF-8 with no control
 * but the newline, no DEL, no C1 control, no bidirectional control or
 * mark, no line or paragraph separator and no byte order mark; the
 * layer changes nothing; JSON strings are well formed (only JSON's own
 * escapes, no raw control) and its brackets balance; every CSV record
 * has as many fields as there are columns.
 */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "out.h"

#define MAX_STRINGS	256
/*
 * An aligned table pads every row to its widest cell, so its output,
 * and the time an input takes, grow as rows times width: a few rows
 * reach every path.
 */
#define MAX_ROWS	8

/* Decode one UTF-8 character strictly; -1 when invalid. */
static int
decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	uint32_t	c, min;
	size_t		n, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0) {
		n = 2;
		c = s[0] & 0x1F;
		min = 0x80;
	} else if ((s[0] & 0xF0) == 0xE0) {
		n = 3;
		c = s[0] & 0x0F;
		min = 0x800;
	} else if ((s[0] & 0xF8) == 0xF0) {
		n = 4;
		c = s[0] & 0x07;
		min = 0x10000;
	} else
		return -1;
	if (len < n)
		return -1;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return -1;
		c = c << 6 | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return -1;
	*cp = c;
	return (int)n;
}

static int
forbidden(uint32_t c)
{
	if (c == '\n')
		return 0;
	return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x061C ||
	    c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
	    (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029 ||
	    c == 0xFEFF;
}

static void
check_safe(const char *buf, size_t len)
{
	const unsigned char	*u = (const unsigned char *)buf;
	uint32_t		 cp;
	size_t			 i;
	int			 n;

	for (i = 0; i < len; i += (size_t)n) {
		if ((n = decode(u + i, len - i, &cp)) < 0) {
			fprintf(stderr, "invalid UTF-8 at %zu\n", i);
			abort();
		}
		if (forbidden(cp)) {
			fprintf(stderr, "U+%04X at %zu\n", (unsigned)cp, i);
			abort();
		}
	}
}

/* Outside strings: numbers, null, commas, colons and newlines. */
static int
bare(char c)
{
	return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' ||
	    c == 'e' || c == 'E' || c == 'n' || c == 'u' || c == 'l' ||
	    c == ',' || c == ':' || c == '\n';
}

static int
hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

static int
escape(char c)
{
	return c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' ||
	    c == 'n' || c == 'r' || c == 't';
}

/* Strings closed, escapes JSON's own, brackets balanced. */
static void
check_json(const char *s, size_t len)
{
	size_t	i, k;
	int	depth = 0, in_str = 0;

	for (i = 0; i < len; i++) {
		if (!in_str) {
			if (s[i] == '"')
				in_str = 1;
			else if (s[i] == '{' || s[i] == '[')
				depth++;
			else if (s[i] == '}' || s[i] == ']') {
				if (--depth < 0)
					abort();
			} else if (!bare(s[i]))
				abort();	/* no "inf" or "nan" */
			continue;
		}
		if (s[i] == '"')
			in_str = 0;
		else if ((unsigned char)s[i] < 0x20)
			abort();
		else if (s[i] == '\\') {
			if (++i == len)
				abort();
			if (s[i] == 'u') {
				for (k = 1; k <= 4; k++)
					if (i + k >= len || !hex(s[i + k]))
						abort();
				i += 4;
			} else if (!escape(s[i]))
				abort();
		}
	}
	if (in_str || depth != 0)
		abort();
}

/* Every record has ncols fields; quotes are RFC 4180's. */
static void
check_csv(const char *s, size_t len, size_t ncols)
{
	size_t	i, fields = 1;
	int	quoted = 0;

	for (i = 0; i < len; i++) {
		if (quoted) {
			if (s[i] == '"') {
				if (i + 1 < len && s[i + 1] == '"')
					i++;
				else
					quoted = 0;
			}
		} else if (s[i] == '"')
			quoted = 1;
		else if (s[i] == ',')
			fields++;
		else if (s[i] == '\n') {
			if (fields != ncols)
				abort();
			fields = 1;
		}
	}
	if (quoted || (len > 0 && s[len - 1] != '\n'))
		abort();
}

static double
special(const unsigned char *s, size_t len)
{
	static const double v[] = {
		0.0, -0.0, 1.0, -1.5, 0.05, 1e15, 999999999999999.9,
		1e308, -1e308, 1.7976931348623157e308, 4.9e-324, 1e-320,
	};
	double	d;
	size_t	k;

	if (len >= 9) {
		memcpy(&d, s + 1, sizeof d);
		return d;
	}
	if (len < 1)
		return NAN;
	k = s[0] % 16;
	if (k < sizeof v / sizeof v[0])
		return v[k];
	if (k == 12)
		return INFINITY;
	if (k == 13)
		return -INFINITY;
	return NAN;
}

static void
add_cell(struct out_table *t, const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	unsigned char		 last;

	if (len == 0 || s[0] != '#') {
		out_str(t, s);
		return;
	}
	last = u[len - 1];
	if (last & 0x80)
		out_int(t, (long)(int32_t)(u[len - 1] * 0x01000193u));
	else if (last & 0x40)
		out_num_mark(t, special(u + 1, len - 1), last % 7, "~");
	else
		out_num(t, special(u + 1, len - 1), last % 7);
}

/* The cells of made rows: the input's strings from the first cell on. */
struct made {
	const char *const *str;
	const size_t	*slen;
	size_t		 first, ncols;
};

static void
made_row(struct out_table *t, size_t r, void *arg)
{
	const struct made	*m = arg;
	size_t			 i, k = m->first + r * m->ncols;

	for (i = 0; i < m->ncols; i++, k++)
		add_cell(t, m->str[k], m->slen[k]);
}

static void
check_format(struct out_table *t, enum out_format f, int print)
{
	char	*raw = NULL, *out = NULL;
	size_t	 rlen = 0, olen = 0;
	FILE	*fp;

	if ((fp = open_memstream(&raw, &rlen)) == NULL)
		abort();
	if (out_render(t, f, fp) != 0)
		abort();
	fclose(fp);
	/* Each format is safe by itself; the layer only guarantees it. */
	check_safe(raw, rlen);
	if (f == OUT_JSON)
		check_json(raw, rlen);
	if (f == OUT_CSV)
		check_csv(raw, rlen, t->ncols);
	/*
	 * The layer changes nothing of it.  out_print is out_render and
	 * then emit_write; it renders again, so one format an input.
	 */
	if ((fp = open_memstream(&out, &olen)) == NULL)
		abort();
	if ((print ? out_print(t, f, fp) : emit_write(fp, raw, rlen)) != 0)
		abort();
	fclose(fp);
	if (rlen != olen || memcmp(raw, out, rlen) != 0)
		abort();
	free(raw);
	free(out);
}

/* emit_line: one line out, whatever the text. */
static void
check_line(const char *s)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*fp;

	if ((fp = open_memstream(&buf, &len)) == NULL)
		abort();
	emit_line(fp, "%s", s);
	fclose(fp);
	check_safe(buf, len);
	if (len == 0 || memchr(buf, '\n', len) != buf + len - 1)
		abort();
	free(buf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct out_table	 t;
	const char		*str[MAX_STRINGS];
	size_t			 slen[MAX_STRINGS];
	size_t			 nstr = 0, i, k, ncols, nmeta, nnotes;
	size_t			 rows;
	struct made		 made;
	char			*copy;
	enum out_format		 f;

	if (size < 2)
		return 0;
	ncols = 1 + data[0] % 6;
	nmeta = (data[1] >> 1) & 3;
	nnotes = (data[1] >> 3) & 3;
	copy = malloc(size - 1);
	if (copy == NULL)
		return 0;
	memcpy(copy, data + 2, size - 2);
	copy[size - 2] = '\0';
	/* Strings at NUL bytes. */
	str[nstr] = copy;
	for (i = 0; i < size - 2 && nstr < MAX_STRINGS; i++)
		if (copy[i] == '\0') {
			slen[nstr] = (size_t)(copy + i - str[nstr]);
			if (++nstr < MAX_STRINGS)
				str[nstr] = copy + i + 1;
		}
	if (nstr < MAX_STRINGS) {
		slen[nstr] = strlen(str[nstr]);
		nstr++;
	}
	out_init(&t);
	t.ascii = data[1] & 1;
	k = 0;
	for (i = 0; i < ncols; i++) {
		const char *key = k < nstr ? str[k++] : "";
		const char *title = k < nstr ? str[k++] : "";

		out_col(&t, key, title, (int)(i & 1));
	}
	for (i = 0; i < nmeta; i++) {
		const char *key = k < nstr ? str[k++] : "";
		const char *val = k < nstr ? str[k++] : "";

		out_meta(&t, key, val);
	}
	for (i = 0; i < nnotes && k < nstr; i++)
		out_note(&t, str[k++]);
	/* Cells, whole rows only. */
	made.str = str;
	made.slen = slen;
	made.first = k;
	made.ncols = ncols;
	for (rows = 0; k + ncols <= nstr && rows < MAX_ROWS; rows++)
		for (i = 0; i < ncols; i++, k++)
			if (!(data[1] & 0x80))
				add_cell(&t, str[k], slen[k]);
	if (data[1] & 0x80)
		out_rows(&t, rows, made_row, &made, NULL);
	for (f = OUT_TABLE; f <= OUT_MD; f++) {
		t.format = f;
		check_format(&t, f, (int)f == ((data[1] >> 5) & 3));
	}
	for (i = 0; i < nstr; i++)
		check_line(str[i]);
	out_free(&t);
	free(copy);
	return 0;
}
