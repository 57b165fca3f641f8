/* Write one table as aligned text, CSV, JSON or Markdown. */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "out.h"
#include "utf8.h"
#include "xmalloc.h"

/* In enum out_format's order. */
static const char *const format_names[] = { "table", "csv", "json", "md" };

const char *
out_format_name(size_t i)
{
	return (i < sizeof format_names / sizeof format_names[0] ?
	    format_names[i] : NULL);
}

int
out_format_parse(const char *s, enum out_format *f)
{
	size_t	i;

	for (i = 0; out_format_name(i) != NULL; i++)
		if (strcmp(s, format_names[i]) == 0) {
			*f = (enum out_format)i;
			return (0);
		}
	if (strcmp(s, "markdown") == 0) {
		*f = OUT_MD;
		return (0);
	}
	return (-1);
}

void
out_init(struct out_table *t)
{
	memset(t, 0, sizeof *t);
}

int
out_is_text(const struct out_table *t)
{
	return (t->format == OUT_TABLE || t->format == OUT_MD);
}

void
out_free(struct out_table *t)
{
	size_t	i;

	for (i = 0; i < t->ncols; i++) {
		free(t->cols[i].key);
		free(t->cols[i].title);
	}
	for (i = 0; i < t->ncells; i++)
		free(t->cells[i].text);
	for (i = 0; i < 2 * t->nmeta; i++)
		free(t->meta[i]);
	for (i = 0; i < t->nnotes; i++)
		free(t->notes[i]);
	if (t->gen_done != NULL)
		t->gen_done(t->gen_arg);
	free(t->cols);
	free(t->cells);
	free(t->meta);
	free(t->notes);
}

void
out_col(struct out_table *t, const char *key, const char *title, int right)
{
	t->cols = xreallocarray(t->cols, t->ncols + 1, sizeof *t->cols);
	t->cols[t->ncols].key = xstrdup(key);
	t->cols[t->ncols].title = xstrdup(title);
	t->cols[t->ncols].right = right;
	t->ncols++;
}

static struct out_cell *
next_cell(struct out_table *t)
{
	struct out_cell	*c;

	if (t->ncells == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->cells = xreallocarray(t->cells, t->cap, sizeof *t->cells);
	}
	c = &t->cells[t->ncells++];
	memset(c, 0, sizeof *c);
	return (c);
}

void
out_str(struct out_table *t, const char *s)
{
	next_cell(t)->text = xstrdup(s != NULL ? s : "");
}

void
out_num(struct out_table *t, double v, int decimals)
{
	struct out_cell	*c = next_cell(t);

	c->num = v;
	c->decimals = decimals;
}

void
out_num_mark(struct out_table *t, double v, int decimals, const char *mark)
{
	out_num(t, v, decimals);
	t->cells[t->ncells - 1].mark = mark;
}

void
out_int(struct out_table *t, long v)
{
	struct out_cell	*c = next_cell(t);

	c->num = (double)v;
	c->is_int = 1;
}

void
out_meta(struct out_table *t, const char *key, const char *value)
{
	t->meta = xreallocarray(t->meta, 2 * (t->nmeta + 1), sizeof *t->meta);
	t->meta[2 * t->nmeta] = xstrdup(key);
	t->meta[2 * t->nmeta + 1] = xstrdup(value);
	t->nmeta++;
}

void
out_note(struct out_table *t, const char *s)
{
	t->notes = xreallocarray(t->notes, t->nnotes + 1, sizeof *t->notes);
	t->notes[t->nnotes++] = xstrdup(s);
}

void
out_rows(struct out_table *t, size_t n,
    void (*row)(struct out_table *, size_t, void *), void *arg,
    void (*done)(void *))
{
	t->gen_n = n;
	t->gen = row;
	t->gen_arg = arg;
	t->gen_done = done;
}

void
out_fmt_double(char *buf, size_t len, double v)
{
	int	prec;

	for (prec = 15; prec <= 17; prec++) {
		snprintf(buf, len, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			return;
	}
}

/* The text of a cell: full precision when exact is set. */
static char *
cell_text(const struct out_cell *c, int exact)
{
	char	buf[64], num[32];

	if (c->text != NULL)
		return (cr_sanitize(c->text));
	if (isnan(c->num))
		return (xstrdup(""));
	if (c->is_int)
		snprintf(buf, sizeof buf, "%.0f", c->num);
	else if (exact)
		out_fmt_double(buf, sizeof buf, c->num);
	else if (fabs(c->num) < 1e15)
		snprintf(buf, sizeof buf, "%.*f%s", c->decimals, c->num,
		    c->mark != NULL ? c->mark : "");
	else {
		/*
		 * %f would need up to 309 digits, cut at the buffer's end
		 * into another number: the shortest exact form instead.
		 */
		out_fmt_double(num, sizeof num, c->num);
		snprintf(buf, sizeof buf, "%s%s", num,
		    c->mark != NULL ? c->mark : "");
	}
	return (xstrdup(buf));
}

static size_t
nrows(const struct out_table *t)
{
	if (t->gen != NULL)
		return (t->gen_n);
	return (t->ncols == 0 ? 0 : t->ncells / t->ncols);
}

/* Row r's cells: kept, or made now in place of the last row made. */
static const struct out_cell *
row_cells(struct out_table *t, size_t r)
{
	size_t	i;

	if (t->gen == NULL)
		return (&t->cells[r * t->ncols]);
	for (i = 0; i < t->ncells; i++)
		free(t->cells[i].text);
	t->ncells = 0;
	t->gen(t, r, t->gen_arg);
	if (t->ncells != t->ncols) {
		fputs("cityrank: internal error: cells not a row\n", stderr);
		abort();
	}
	return (t->cells);
}

/*
 * Where the renderers write.  Through the layer, rows gather in
 * memory and go out a block of whole rows at a time, so no character
 * is cut between two writes and a large table is never held whole.
 */
struct render {
	struct out_table *t;
	FILE		*fp;	/* what the renderers write to */
	FILE		*out;	/* then through the layer to this; or NULL */
	char		*buf;
	size_t		 len;
	int		 rc;
};

#define OUT_BLOCK	65536

static void
render_flush(struct render *rd)
{
	long	n;

	if (fflush(rd->fp) != 0 || (n = ftell(rd->fp)) < 0) {
		rd->rc = -1;
		return;
	}
	if (n > 0 && emit_write(rd->out, rd->buf, (size_t)n) != 0)
		rd->rc = -1;
	if (fseek(rd->fp, 0, SEEK_SET) != 0)
		rd->rc = -1;
}

/* After each whole row. */
static void
row_done(struct render *rd)
{
	if (rd->out != NULL && ftell(rd->fp) >= OUT_BLOCK)
		render_flush(rd);
}

static void
put_trimmed(FILE *fp, char *line)
{
	size_t	n = strlen(line);

	while (n > 0 && line[n - 1] == ' ')
		line[--n] = '\0';
	fprintf(fp, "%s\n", line);
}

/* A line, wrapped to the table's width when it has one. */
static void
put_wrapped(const struct out_table *t, FILE *fp, const char *s)
{
	size_t	n;

	if (t->width <= 0) {
		fprintf(fp, "%s\n", s);
		return;
	}
	do {
		n = cr_utf8_wrap(s, t->width);
		fprintf(fp, "%.*s\n", (int)n, s);
		s += n;
		while (*s == ' ')
			s++;
	} while (*s != '\0');
}

static void
print_meta_lines(const struct out_table *t, FILE *fp, const char *prefix)
{
	char	*k, *v, *line;
	size_t	 i;

	for (i = 0; i < t->nmeta; i++) {
		k = cr_sanitize(t->meta[2 * i]);
		v = cr_sanitize(t->meta[2 * i + 1]);
		line = xasprintf("%s%s: %s", prefix, k, v);
		put_wrapped(t, fp, line);
		free(line);
		free(k);
		free(v);
	}
}

static void
print_notes(const struct out_table *t, FILE *fp)
{
	char	*s;
	size_t	 i;

	if (t->nnotes > 0)
		fputc('\n', fp);
	for (i = 0; i < t->nnotes; i++) {
		s = cr_sanitize(t->notes[i]);
		put_wrapped(t, fp, s);
		free(s);
	}
}

/* Append one fitted cell to a line buffer. */
static void
append(char **line, size_t *len, const char *s)
{
	size_t	n = strlen(s);

	*line = xreallocarray(*line, *len + n + 3, 1);
	memcpy(*line + *len, s, n);
	*len += n;
	(*line)[*len] = '\0';
}

/*
 * A row of the columns shown (w[c] >= 0; -1 leaves one out), or the
 * titles when cells is NULL.
 */
static void
print_row(const struct out_table *t, FILE *fp, int *w,
    const struct out_cell *cells)
{
	char	*line = NULL, *s, *fit;
	size_t	 len = 0, c, shown = 0;

	for (c = 0; c < t->ncols; c++) {
		if (w[c] < 0)
			continue;
		if (cells == NULL)
			s = cr_sanitize(t->cols[c].title);
		else
			s = cell_text(&cells[c], 0);
		fit = cr_fit(s, w[c], t->cols[c].right, t->ascii);
		append(&line, &len, shown++ > 0 ? "  " : "");
		append(&line, &len, fit);
		free(fit);
		free(s);
	}
	if (line != NULL)
		put_trimmed(fp, line);
	free(line);
}

/*
 * To fit a terminal, leave out columns from the right, but never the
 * first: w[c] becomes -1.  The total width shown, and a note naming
 * what was left out.
 */
static size_t
fit_width(const struct out_table *t, int *w, size_t total, char **note)
{
	char	*s, *next;
	size_t	 c = t->ncols, n = 0;

	*note = NULL;
	if (t->width <= 0 || total <= (size_t)t->width)
		return (total);
	while (c-- > 1 && total > (size_t)t->width) {
		total -= (size_t)w[c] + 2;
		w[c] = -1;
		n++;
	}
	s = xstrdup("");
	for (c = 0; c < t->ncols; c++) {
		if (w[c] >= 0)
			continue;
		next = xasprintf("%s%s%s", s, *s != '\0' ? ", " : "",
		    t->cols[c].key);
		free(s);
		s = next;
	}
	*note = xasprintf("%zu column%s left out to fit %d columns: %s "
	    "(--wide shows them; a pipe gets them all)", n,
	    n == 1 ? "" : "s", t->width, s);
	free(s);
	return (total);
}

/* Each column's width: its title's or its widest cell's. */
static int *
col_widths(struct out_table *t, size_t *total)
{
	const struct out_cell	*cells;
	int			*w, cw;
	size_t			 r, c;
	char			*s;

	w = xcalloc(t->ncols + 1, sizeof *w);
	for (c = 0; c < t->ncols; c++)
		w[c] = cr_utf8_width(t->cols[c].title);
	for (r = 0; r < nrows(t); r++) {
		cells = row_cells(t, r);
		for (c = 0; c < t->ncols; c++) {
			s = cell_text(&cells[c], 0);
			if ((cw = cr_utf8_width(s)) > w[c])
				w[c] = cw;
			free(s);
		}
	}
	*total = 0;
	for (c = 0; c < t->ncols; c++)
		*total += (size_t)w[c] + (c > 0 ? 2 : 0);
	return (w);
}

static void
print_table(struct render *rd)
{
	struct out_table	*t = rd->t;
	FILE			*fp = rd->fp;
	int			*w;
	size_t			 r, c, total;
	char			*cut;

	w = col_widths(t, &total);
	total = fit_width(t, w, total, &cut);
	print_meta_lines(t, fp, "");
	if (t->nmeta > 0)
		fputc('\n', fp);
	print_row(t, fp, w, NULL);
	for (c = 0; c < total; c++)
		fputc('-', fp);
	fputc('\n', fp);
	for (r = 0; r < nrows(t); r++) {
		print_row(t, fp, w, row_cells(t, r));
		row_done(rd);
	}
	print_notes(t, fp);
	if (cut != NULL) {
		if (t->nnotes == 0)
			fputc('\n', fp);
		put_wrapped(t, fp, cut);
		free(cut);
	}
	free(w);
}

static void
csv_field(FILE *fp, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, fp);
		return;
	}
	fputc('"', fp);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			fputc('"', fp);
		fputc(*s, fp);
	}
	fputc('"', fp);
}

static void
print_csv(struct render *rd)
{
	struct out_table	*t = rd->t;
	const struct out_cell	*cells;
	FILE			*fp = rd->fp;
	size_t			 r, c;
	char			*s;

	for (c = 0; c < t->ncols; c++) {
		if (c > 0)
			fputc(',', fp);
		/* Keys are made from codes, which may hold anything. */
		s = cr_sanitize(t->cols[c].key);
		csv_field(fp, s);
		free(s);
	}
	fputc('\n', fp);
	for (r = 0; r < nrows(t); r++) {
		cells = row_cells(t, r);
		for (c = 0; c < t->ncols; c++) {
			if (c > 0)
				fputc(',', fp);
			s = cell_text(&cells[c], 1);
			csv_field(fp, s);
			free(s);
		}
		fputc('\n', fp);
		row_done(rd);
	}
}

/*
 * JSON strings carry every character faithfully, but what could command
 * a terminal or reorder a line is escaped: controls, C1 controls and the
 * bidirectional controls and separators become \u escapes, which read
 * back as the same characters.  An invalid UTF-8 byte would make invalid
 * JSON: it is the text "\xff", as cr_sanitize shows it.
 */
static void
json_str(FILE *fp, const char *s)
{
	size_t		len = strlen(s), i;
	uint32_t	cp;
	int		n;

	fputc('"', fp);
	for (i = 0; i < len; i += (size_t)n) {
		if ((n = cr_utf8_decode(s + i, len - i, &cp)) < 0) {
			fprintf(fp, "\\\\x%02x", (unsigned char)s[i]);
			n = 1;
		} else if (cp == '"' || cp == '\\')
			fprintf(fp, "\\%c", (int)cp);
		else if (cr_cp_hidden(cp))
			fprintf(fp, "\\u%04x", (unsigned)cp);
		else
			fwrite(s + i, 1, (size_t)n, fp);
	}
	fputc('"', fp);
}

static void
json_cell(FILE *fp, const struct out_cell *c)
{
	char	buf[64];

	if (c->text != NULL)
		json_str(fp, c->text);
	else if (!isfinite(c->num))
		fputs("null", fp);	/* JSON has no NaN or Infinity */
	else {
		if (c->is_int)
			snprintf(buf, sizeof buf, "%.0f", c->num);
		else
			out_fmt_double(buf, sizeof buf, c->num);
		fputs(buf, fp);
	}
}

static void
print_json(struct render *rd)
{
	struct out_table	*t = rd->t;
	const struct out_cell	*cells;
	FILE			*fp = rd->fp;
	size_t			 r, c, i;

	fputs("{\"meta\":{", fp);
	for (i = 0; i < t->nmeta; i++) {
		if (i > 0)
			fputc(',', fp);
		json_str(fp, t->meta[2 * i]);
		fputc(':', fp);
		json_str(fp, t->meta[2 * i + 1]);
	}
	fputs("},\n\"rows\":[", fp);
	for (r = 0; r < nrows(t); r++) {
		cells = row_cells(t, r);
		fputs(r > 0 ? ",\n{" : "\n{", fp);
		for (c = 0; c < t->ncols; c++) {
			if (c > 0)
				fputc(',', fp);
			json_str(fp, t->cols[c].key);
			fputc(':', fp);
			json_cell(fp, &cells[c]);
		}
		fputc('}', fp);
		row_done(rd);
	}
	fputs("],\n\"notes\":[", fp);
	for (i = 0; i < t->nnotes; i++) {
		if (i > 0)
			fputc(',', fp);
		json_str(fp, t->notes[i]);
	}
	fputs("]}\n", fp);
}

static void
md_text(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '|' || *s == '\\')
			fputc('\\', fp);
		fputc(*s, fp);
	}
}

static void
print_md(struct render *rd)
{
	struct out_table	*t = rd->t;
	const struct out_cell	*cells;
	FILE			*fp = rd->fp;
	size_t			 r, c;
	char			*s;

	print_meta_lines(t, fp, "- ");
	if (t->nmeta > 0)
		fputc('\n', fp);
	for (c = 0; c < t->ncols; c++) {
		fputs("| ", fp);
		s = cr_sanitize(t->cols[c].title);
		md_text(fp, s);
		free(s);
		fputc(' ', fp);
	}
	fputs("|\n", fp);
	for (c = 0; c < t->ncols; c++)
		fputs(t->cols[c].right ? "|---:" : "|:---", fp);
	fputs("|\n", fp);
	for (r = 0; r < nrows(t); r++) {
		cells = row_cells(t, r);
		for (c = 0; c < t->ncols; c++) {
			fputs("| ", fp);
			s = cell_text(&cells[c], 0);
			md_text(fp, s);
			free(s);
			fputc(' ', fp);
		}
		fputs("|\n", fp);
		row_done(rd);
	}
	print_notes(t, fp);
}

static void
render(struct render *rd, enum out_format f)
{
	switch (f) {
	case OUT_TABLE:
		print_table(rd);
		break;
	case OUT_CSV:
		print_csv(rd);
		break;
	case OUT_JSON:
		print_json(rd);
		break;
	case OUT_MD:
		print_md(rd);
		break;
	}
}

int
out_render(struct out_table *t, enum out_format f, FILE *fp)
{
	struct render	rd;

	memset(&rd, 0, sizeof rd);
	rd.t = t;
	rd.fp = fp;
	render(&rd, f);
	return (ferror(fp) ? -1 : 0);
}

int
out_print(struct out_table *t, enum out_format f, FILE *fp)
{
	struct render	rd;

	memset(&rd, 0, sizeof rd);
	rd.t = t;
	rd.out = fp;
	if ((rd.fp = open_memstream(&rd.buf, &rd.len)) == NULL)
		return (-1);
	render(&rd, f);
	if (ferror(rd.fp))
		rd.rc = -1;
	else
		render_flush(&rd);
	if (fclose(rd.fp) != 0)
		rd.rc = -1;
	free(rd.buf);
	return (rd.rc);
}
