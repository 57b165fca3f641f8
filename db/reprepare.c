/*
 * A data set prepared again, another way: the two tables an import
 * read are stored with it (schema 6, raw_input), so the import is run
 * again on them with another recipe and written to a database in
 * memory, which is loaded as the file would be.  What comes back is
 * exactly what 'cityrank import' with that recipe would have written,
 * sources and provenance included, because it is the same code.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "cause.h"
#include "checksum.h"
#include "db.h"
#include "db_priv.h"
#include "deflate.h"
#include "import.h"
#include "xmalloc.h"

/* What the file says of itself, for the import to say it again. */
struct stored {
	char		*key[6];	/* meta values, or NULL */
	char		*file[2];	/* data, meta */
	void		*content[2];
	size_t		 len[2];
};

static const char *const meta_keys[] = { "name", "title_en", "source",
	"licence", "raw_origin", "raw_prov" };

static void
stored_free(struct stored *s)
{
	int	i;

	for (i = 0; i < 6; i++)
		free(s->key[i]);
	for (i = 0; i < 2; i++) {
		free(s->file[i]);
		free(s->content[i]);
	}
}

static int
read_meta(sqlite3 *h, struct stored *s, const char *path, char **cause)
{
	sqlite3_stmt	*st;
	const char	*v;
	int		 i, rc;

	if (sqlite3_prepare_v2(h, "SELECT value FROM meta WHERE key = ?", -1,
	    &st, NULL) != SQLITE_OK)
		return (cr_cause(cause, "%s: %s", path, cr_db_errmsg(h)));
	for (i = 0; i < 6; i++) {
		sqlite3_bind_text(st, 1, meta_keys[i], -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		v = rc == SQLITE_ROW ?
		    (const char *)sqlite3_column_text(st, 0) : NULL;
		if (v != NULL && *v != '\0')
			s->key[i] = xstrdup(v);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return (0);
}

/*
 * A raw table's bytes as read, NUL-terminated: deflated from schema 9,
 * as stored before.  What inflates is bounded (cr_raw_cap()), so that
 * a stream made to inflate without end is refused, not run.
 */
static int
raw_content(struct stored *s, int i, const void *b, size_t len,
    int version, char **why)
{
	char	*out;

	if (version >= 9) {
		if (cr_inflate(b != NULL ? b : "", len, cr_raw_cap(), &out,
		    &s->len[i], why) != 0)
			return (-1);
		s->content[i] = out;
		return (0);
	}
	s->len[i] = len;
	s->content[i] = xmalloc(len + 1);
	if (b != NULL)
		memcpy(s->content[i], b, len);
	((char *)s->content[i])[len] = '\0';
	return (0);
}

static int
read_raw(sqlite3 *h, struct stored *s, const char *path, char **cause)
{
	sqlite3_stmt	*st;
	const void	*b;
	char		*why = NULL;
	size_t		 len;
	int		 i, rc, n = 0, version;

	if ((version = (int)cr_db_one_int(h, "PRAGMA user_version")) < 0)
		return (cr_cause(cause, "%s: %s", path, cr_db_errmsg(h)));
	/* A file of schema 5 or older has no raw_input: nothing to read. */
	if (sqlite3_prepare_v2(h, "SELECT name, file, content FROM raw_input",
	    -1, &st, NULL) != SQLITE_OK) {
		cr_cause(cause, "%s keeps no raw values (written "
		    "before cityrank kept them): its preparation cannot "
		    "change; import it again to change it", path);
		return (-2);
	}
	/* The load leaves these to their reader (checksum.c). */
	if (cr_sum_verify(h, "raw_input", &why) != 0) {
		sqlite3_finalize(st);
		cr_cause(cause, "%s: %s", path, why);
		free(why);
		return (-1);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		i = strcmp((const char *)sqlite3_column_text(st, 0), "data")
		    == 0 ? 0 : 1;
		if (s->file[i] != NULL)
			continue;
		s->file[i] = xstrdup((const char *)sqlite3_column_text(st, 1));
		b = sqlite3_column_blob(st, 2);
		len = (size_t)sqlite3_column_bytes(st, 2);
		if (raw_content(s, i, b, len, version, &why) != 0) {
			cr_cause(cause, "%s: the raw table %s %s", path,
			    s->file[i], why);
			free(why);
			sqlite3_finalize(st);
			return (-1);
		}
		n++;
	}
	if (rc != SQLITE_DONE) {
		cr_cause(cause, "%s: %s", path, cr_db_errmsg(h));
		sqlite3_finalize(st);
		return (-1);
	}
	sqlite3_finalize(st);
	if (n < 2) {
		cr_cause(cause, "%s was not imported (its values are its "
		    "own, with no raw tables kept): its preparation cannot "
		    "change", path);
		return (-2);
	}
	return (0);
}

/* The import again, prepared as spec says; NULL and *cause if not. */
static struct cr_import *
import_again(struct stored *s, const struct cr_prep_spec *spec,
    const char *path, int *rc, char **cause)
{
	struct cr_import	*imp;
	char			*why = NULL;

	imp = cr_import_read_mem(s->file[0], s->content[0], s->len[0],
	    s->file[1], s->content[1], s->len[1]);
	if (imp->n_errors > 0) {
		*rc = cr_cause(cause, "%s: its raw tables do not read again "
		    "(%s); run 'cityrank check'", path, imp->n_diags > 0 ?
		    imp->diags[0].text : "errors");
		cr_import_free(imp);
		return (NULL);
	}
	imp->ds_name = s->key[0];
	imp->ds_title = s->key[1];
	imp->ds_source = s->key[2];
	imp->ds_licence = s->key[3];
	imp->row_origin = s->key[4];
	imp->prov = s->key[5];
	if (cr_prep_any(spec) &&
	    (*rc = cr_import_prepare(imp, spec, &why)) != 0) {
		cr_cause(cause, "%s", why);
		free(why);
		cr_import_free(imp);
		return (NULL);
	}
	return (imp);
}

int
cr_db_reprepare(const char *path, const struct cr_prep_spec *spec,
    const char *period, struct cr_dataset **out, char **cause)
{
	struct stored		 s;
	struct cr_import	*imp = NULL;
	sqlite3			*h = NULL, *m = NULL;
	char			*why = NULL;
	int			 rc = -1;

	*out = NULL;
	memset(&s, 0, sizeof s);
	if (cr_db_open(path, &h, &why) != 0) {
		cr_cause(cause, "%s: %s", path, why);
		free(why);
		return (-1);
	}
	if ((rc = read_meta(h, &s, path, cause)) == 0 &&
	    (rc = read_raw(h, &s, path, cause)) == 0)
		imp = import_again(&s, spec, path, &rc, cause);
	sqlite3_close(h);
	if (imp != NULL) {
		if (sqlite3_open_v2(":memory:", &m, SQLITE_OPEN_READWRITE |
		    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) !=
		    SQLITE_OK)
			rc = cr_cause(cause, "%s: %s", path,
			    m != NULL ? cr_db_errmsg(m) : "out of memory");
		else if (cr_import_write_handle(imp, m, &why) != 0) {
			rc = cr_cause(cause, "%s: %s", path, why);
			free(why);
		} else
			rc = cr_db_load_handle(m, path, period, out, cause);
		sqlite3_close(m);
	}
	cr_import_free(imp);
	stored_free(&s);
	return (rc);
}
