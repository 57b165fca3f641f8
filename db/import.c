/*
 * The importer's entry point: read both files, refusing what cannot be
 * CSV text before reading it (a size check first, so a huge file costs
 * one stat), then validate the metadata and the data.  Problems are
 * collected, not returned one at a time: a user fixing a file wants
 * every mistake in one run.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "import_priv.h"
#include "num.h"
#include "xmalloc.h"

/* FNV-1a: short keys, no adversary worth more. */
static size_t
hash(const char *s)
{
	uint64_t	h = 14695981039346656037ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return ((size_t)h);
}

static size_t
slot_of(const struct strmap *m, const char *key)
{
	size_t	i = hash(key) & (m->cap - 1);

	while (m->key[i] != NULL && strcmp(m->key[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	return (i);
}

/* Keeps the table at most half full so probes stay short. */
static void
grow(struct strmap *m)
{
	struct strmap	old = *m;
	size_t		i, j;

	m->cap = old.cap ? old.cap * 2 : 64;
	m->key = xcalloc(m->cap, sizeof *m->key);
	m->val = xcalloc(m->cap, sizeof *m->val);
	for (i = 0; i < old.cap; i++) {
		if (old.key[i] == NULL)
			continue;
		j = slot_of(m, old.key[i]);
		m->key[j] = old.key[i];
		m->val[j] = old.val[i];
	}
	free(old.key);
	free(old.val);
}

size_t
strmap_get(const struct strmap *m, const char *key)
{
	size_t	i;

	if (m->cap == 0)
		return (SIZE_MAX);
	i = slot_of(m, key);
	return (m->key[i] == NULL ? SIZE_MAX : m->val[i]);
}

size_t
strmap_put(struct strmap *m, const char *key, size_t val)
{
	size_t	i;

	if ((m->n + 1) * 2 > m->cap)
		grow(m);
	i = slot_of(m, key);
	if (m->key[i] != NULL)
		return (m->val[i]);
	m->key[i] = xstrdup(key);
	m->val[i] = val;
	m->n++;
	return (val);
}

void
strmap_free(struct strmap *m)
{
	size_t	i;

	for (i = 0; i < m->cap; i++)
		free(m->key[i]);
	free(m->key);
	free(m->val);
	memset(m, 0, sizeof *m);
}

const char *
imp_name(const struct cr_import *imp, int file)
{
	return (imp->path[file]);
}

static void
add_diag(struct cr_import *imp, int warning, int file, size_t line,
    size_t col, const char *fmt, va_list ap)
{
	struct cr_import_diag	*d;
	char			*msg;

	if (warning)
		imp->n_warnings++;
	else
		imp->n_errors++;
	if (imp->n_diags == CR_IMPORT_MAX_DIAGS)
		return;
	msg = xvasprintf(fmt, ap);
	imp->diags = xreallocarray(imp->diags, imp->n_diags + 1,
	    sizeof *imp->diags);
	d = &imp->diags[imp->n_diags++];
	d->warning = warning;
	d->file = file;
	d->line = line;
	d->col = col;
	d->seq = imp->n_diags - 1;
	if (line == 0)
		d->text = xasprintf("%s: %s%s", imp->path[file],
		    warning ? "warning: " : "", msg);
	else
		d->text = xasprintf("%s:%zu:%zu: %s%s", imp->path[file], line,
		    col, warning ? "warning: " : "", msg);
	free(msg);
}

void
imp_error(struct cr_import *imp, int file, size_t line, size_t col,
    const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	add_diag(imp, 0, file, line, col, fmt, ap);
	va_end(ap);
}

void
imp_verror(struct cr_import *imp, int file, size_t line, size_t col,
    const char *fmt, va_list ap)
{
	add_diag(imp, 0, file, line, col, fmt, ap);
}

void
imp_warn(struct cr_import *imp, int file, size_t line, size_t col,
    const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	add_diag(imp, 1, file, line, col, fmt, ap);
	va_end(ap);
}

const char *
imp_short(const char *s, char *buf, size_t len)
{
	size_t	n = strlen(s), max = len > 4 ? len - 4 : 0;

	if (n < len)
		return (s);
	/* Back off continuation bytes: never cut a character in two. */
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	snprintf(buf, len, "%.*s...", (int)max, s);
	return (buf);
}

/* Every number in the tables is a user's: one parser for all (num.h). */
int
imp_number(const char *s, double *out)
{
	return (cr_num_parse(s, out, NULL));
}

static char *
size_text(off_t size)
{
	if (size >= (off_t)1 << 30)
		return (xasprintf("%.1f GiB", (double)size / (1 << 30)));
	return (xasprintf("%.1f MiB", (double)size / (1 << 20)));
}

/* Line and column (in characters) of byte off, for a NUL byte. */
static void
position(const char *buf, size_t off, size_t *line, size_t *col)
{
	size_t	i;

	*line = 1;
	*col = 1;
	for (i = 0; i < off; i++) {
		if (buf[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)buf[i] & 0xc0) != 0x80)
			(*col)++;
	}
}

/*
 * The whole file, or NULL after reporting why not.  The size is checked
 * before reading, so a huge file is refused at once, and a NUL byte
 * means a binary file, which is named as such rather than as a CSV
 * syntax error somewhere inside it.
 */
static char *
slurp(struct cr_import *imp, int file, size_t *len)
{
	const char	*path = imp->path[file];
	struct stat	 sb;
	FILE		*fp;
	char		*buf, *s;
	const char	*nul;
	size_t		 line, col;

	if (stat(path, &sb) != 0) {
		imp_error(imp, file, 0, 0, "%s", strerror(errno));
		return (NULL);
	}
	if (!S_ISREG(sb.st_mode)) {
		imp_error(imp, file, 0, 0, "not a regular file");
		return (NULL);
	}
	if (sb.st_size > (off_t)CR_IMPORT_MAX_BYTES) {
		s = size_text(sb.st_size);
		imp_error(imp, file, 0, 0, "%s is over the import limit of "
		    "%u MiB; not read", s, CR_IMPORT_MAX_BYTES >> 20);
		free(s);
		return (NULL);
	}
	if ((fp = fopen(path, "rb")) == NULL) {
		imp_error(imp, file, 0, 0, "%s", strerror(errno));
		return (NULL);
	}
	buf = xmalloc((size_t)sb.st_size + 1);
	*len = fread(buf, 1, (size_t)sb.st_size, fp);
	if (ferror(fp)) {
		imp_error(imp, file, 0, 0, "%s", strerror(errno));
		fclose(fp);
		free(buf);
		return (NULL);
	}
	fclose(fp);
	buf[*len] = '\0';
	if ((nul = memchr(buf, '\0', *len)) != NULL) {
		position(buf, (size_t)(nul - buf), &line, &col);
		imp_error(imp, file, line, col, "NUL byte: a binary file, not "
		    "CSV text");
		free(buf);
		return (NULL);
	}
	return (buf);
}

static int
diag_cmp(const void *a, const void *b)
{
	const struct cr_import_diag	*x = a, *y = b;

	if (x->file != y->file)
		return (x->file < y->file ? -1 : 1);
	if (x->line != y->line)
		return (x->line < y->line ? -1 : 1);
	if (x->col != y->col)
		return (x->col < y->col ? -1 : 1);
	return (x->seq < y->seq ? -1 : x->seq > y->seq);
}

/* Read both tables; the buffers are kept, to be stored as they were. */
static struct cr_import *
read_both(struct cr_import *imp, char **buf, size_t *len)
{
	int	i;

	if (buf[IMP_META] != NULL)
		imp_read_meta(imp, buf[IMP_META], len[IMP_META]);
	if (buf[IMP_DATA] != NULL)
		imp_read_data(imp, buf[IMP_DATA], len[IMP_DATA]);
	for (i = 0; i < 2; i++) {
		imp->raw[i] = buf[i];
		imp->raw_len[i] = buf[i] != NULL ? len[i] : 0;
	}
	/* Messages in file order read best; seq keeps the sort stable. */
	if (imp->n_diags > 1)
		qsort(imp->diags, imp->n_diags, sizeof *imp->diags, diag_cmp);
	return (imp);
}

struct cr_import *
cr_import_read(const char *data, const char *meta)
{
	struct cr_import	*imp;
	char			*buf[2];
	size_t			 len[2] = { 0, 0 };
	int			 i;

	imp = xcalloc(1, sizeof *imp);
	imp->path[IMP_DATA] = xstrdup(data);
	imp->path[IMP_META] = xstrdup(meta);
	/* Both files are checked for size first: refuse before reading. */
	for (i = 0; i < 2; i++)
		buf[i] = slurp(imp, i, &len[i]);
	return (read_both(imp, buf, len));
}

struct cr_import *
cr_import_read_mem(const char *data_name, const char *data, size_t data_len,
    const char *meta_name, const char *meta, size_t meta_len)
{
	struct cr_import	*imp;
	const char		*in[2] = { data, meta };
	char			*buf[2];
	size_t			 len[2] = { data_len, meta_len };
	int			 i;

	imp = xcalloc(1, sizeof *imp);
	imp->path[IMP_DATA] = xstrdup(data_name);
	imp->path[IMP_META] = xstrdup(meta_name);
	for (i = 0; i < 2; i++) {
		buf[i] = xmalloc(len[i] + 1);
		memcpy(buf[i], in[i], len[i]);
		buf[i][len[i]] = '\0';
		/* What a file of that name would have been refused for. */
		if (memchr(buf[i], '\0', len[i]) != NULL) {
			imp_error(imp, i, 0, 0, "NUL byte: a binary file, not "
			    "CSV text");
			free(buf[i]);
			buf[i] = NULL;
		}
	}
	return (read_both(imp, buf, len));
}

static void
free_rows(struct cr_import *imp)
{
	size_t	i, j;

	for (i = 0; i < imp->n_rows; i++) {
		for (j = 0; j < imp->n_text; j++)
			free(imp->rows[i].text[j]);
		free(imp->rows[i].text);
		free(imp->rows[i].num);
	}
	free(imp->rows);
}

void
cr_import_free(struct cr_import *imp)
{
	struct cr_import_item	*it;
	size_t			 i;

	if (imp == NULL)
		return;
	for (i = 0; i < imp->n_items; i++) {
		it = &imp->items[i];
		free(it->code);
		free(it->name);
		free(it->unit);
		free(it->parent_code);
		free(it->denominator);
	}
	free(imp->items);
	free(imp->nodes);
	for (i = 0; i < imp->n_units; i++) {
		free(imp->units[i].code);
		free(imp->units[i].name);
	}
	free(imp->units);
	for (i = 0; i < imp->n_periods; i++)
		free(imp->periods[i]);
	free(imp->periods);
	free_rows(imp);
	for (i = 0; i < imp->n_diags; i++)
		free(imp->diags[i].text);
	free(imp->diags);
	free(imp->recipe);
	free(imp->prep_group);
	free(imp->ind_item);
	free(imp->imputed);
	free(imp->dropped);
	free(imp->unit_kept);
	for (i = 0; i < imp->n_group_names; i++)
		free(imp->group_names[i]);
	free(imp->group_names);
	cr_prep_report_free(&imp->report);
	free(imp->path[0]);
	free(imp->path[1]);
	free(imp->raw[0]);
	free(imp->raw[1]);
	free(imp);
}
