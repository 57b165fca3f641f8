/*
 * What a list of data sets shows of each (O, 'cityrank datasets'):
 * its title, source, licence and sizes, read from its header, meta and
 * counts, not by loading it.  A load reads and checks every value: at
 * 1,000,000 units four seconds a file, for a line in a list.  Damage
 * inside is found when the file is opened.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "cause.h"
#include "db.h"
#include "db_priv.h"
#include "xmalloc.h"

static void
meta(sqlite3 *h, struct cr_db_summary *s)
{
	sqlite3_stmt	*st;
	const char	*k, *v;
	char		**to;

	if (sqlite3_prepare_v2(h, "SELECT key, value FROM meta", -1, &st,
	    NULL) != SQLITE_OK)
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		k = (const char *)sqlite3_column_text(st, 0);
		v = (const char *)sqlite3_column_text(st, 1);
		if (k == NULL || v == NULL)
			continue;
		to = strcmp(k, "title_en") == 0 ? &s->title_en :
		    strcmp(k, "title_zh") == 0 ? &s->title_zh :
		    strcmp(k, "source") == 0 ? &s->source :
		    strcmp(k, "licence") == 0 ? &s->licence : NULL;
		if (to != NULL && *to == NULL)
			*to = xstrdup(v);
	}
	sqlite3_finalize(st);
}

static char *
or_empty(char *s)
{
	return (s != NULL ? s : xstrdup(""));
}

int
cr_db_summary(const char *path, struct cr_db_summary *s, char **cause)
{
	sqlite3		*h;
	sqlite3_int64	 app, version, years;
	char		*why = NULL;
	int		 rc = -1;

	memset(s, 0, sizeof *s);
	if (cr_db_open(path, &h, &why) != 0) {
		cr_cause(cause, "%s", why);
		free(why);
		return (-1);
	}
	app = cr_db_one_int(h, "PRAGMA application_id");
	version = cr_db_one_int(h, "PRAGMA user_version");
	if ((unsigned)app != CR_DB_APPLICATION_ID || version < 1)
		cr_cause(cause, "not a cityrank data set");
	else if (version > CR_DB_SCHEMA_VERSION)
		cr_cause(cause, "written by a newer cityrank (schema %lld)",
		    (long long)version);
	else if ((s->units = cr_db_one_int(h, "SELECT count(*) FROM "
	    "entity")) < 0 || (s->indicators = cr_db_one_int(h, "SELECT "
	    "count(*) FROM node n WHERE NOT EXISTS (SELECT 1 FROM node c "
	    "WHERE c.parent = n.id)")) < 0)
		cr_cause(cause, "%s", cr_db_errmsg(h));
	else {
		years = version >= 2 ?
		    cr_db_one_int(h, "SELECT count(*) FROM period") : 0;
		s->years = years > 0 ? years : 1;
		meta(h, s);
		rc = 0;
	}
	sqlite3_close(h);
	s->title_en = or_empty(s->title_en);
	s->title_zh = or_empty(s->title_zh);
	s->source = or_empty(s->source);
	s->licence = or_empty(s->licence);
	return (rc);
}

void
cr_db_summary_free(struct cr_db_summary *s)
{
	free(s->title_en);
	free(s->title_zh);
	free(s->source);
	free(s->licence);
}
