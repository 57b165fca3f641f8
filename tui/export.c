/* Exporting a view's table to a file. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "session.h"
#include "export.h"
#include "tables.h"
#include "utf8.h"
#include "xmalloc.h"

/* The file name's word for a view: a switch, so no view goes without. */
static const char *
view_slug(const struct app *a)
{
	switch (a->view) {
	case VIEW_RANK:
		return ("ranking");
	case VIEW_TREE:
		return ("tree");
	case VIEW_WEIGHTS:
		return ("weights");
	case VIEW_COMPARE:
		return ("compare");
	case VIEW_SCATTER:
		return ("scatter");
	case VIEW_SCENARIOS:
		return ("scenarios");
	case VIEW_ROBUST:
		return ("robustness");
	case VIEW_DETAIL:
		return ("city");
	}
	return ("view");
}

void
export_start(struct app *a)
{
	prompt_open(&a->prompt, PROMPT_EXPORT);
	snprintf(a->prompt.buf, sizeof a->prompt.buf, "cityrank-%s.csv",
	    view_slug(a));
	a->prompt.len = strlen(a->prompt.buf);
}

static int
format_of(const char *path, enum out_format *f)
{
	const char	*dot = strrchr(path, '.');

	if (dot == NULL)
		return (-1);
	if (strcmp(dot, ".txt") == 0) {
		*f = OUT_TABLE;
		return (0);
	}
	return (out_format_parse(dot + 1, f));
}

/* Fill t with the current view's data in format f. */
static int
build(struct app *a, enum out_format f, struct out_table *t)
{
	struct session	*ss = a->sess;
	int		 rc = 0;

	t->format = f;
	t->ascii = a->d.ascii;
	switch (a->view) {
	case VIEW_RANK:
		table_rank(ss, t);
		break;
	case VIEW_TREE:
	case VIEW_WEIGHTS:
		table_tree(ss, t);
		break;
	case VIEW_COMPARE:
		rc = a->compare.nmarks < 2 ? -1 : table_compare(ss,
		    a->compare.marks, a->compare.nmarks, t);
		break;
	case VIEW_SCATTER:
		table_scatter(ss, &a->scatter.x, &a->scatter.y, t);
		break;
	case VIEW_DETAIL:
		table_show(ss, a->detail.entity, t);
		break;
	case VIEW_SCENARIOS:
		table_scenario_list(ss, a->scenarios.saved,
		    a->scenarios.n_saved, a->scenarios.last, t);
		break;
	case VIEW_ROBUST:
		/* 'cityrank robust' writes these bands in every format. */
		rc = -1;
		break;
	}
	return (rc);
}

/* Write to a temporary file in the same directory, then rename. */
static int
write_file(const char *path, struct out_table *t, enum out_format f,
    char **cause)
{
	char	*tmp = xasprintf("%s.XXXXXX", path);
	FILE	*fp;
	int	 fd, rc = 0;

	if ((fd = mkstemp(tmp)) < 0 || (fp = fdopen(fd, "w")) == NULL) {
		*cause = xasprintf("%s", strerror(errno));
		if (fd >= 0)
			close(fd);
		free(tmp);
		return (-1);
	}
	if (out_print(t, f, fp) != 0)
		rc = -1;
	if (fclose(fp) != 0)
		rc = -1;
	if (rc == 0 && rename(tmp, path) != 0)
		rc = -1;
	if (rc != 0) {
		*cause = xasprintf("%s", strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	return (rc);
}

static void
do_export(struct app *a, const char *path)
{
	struct out_table	 t;
	enum out_format		 f;
	char			*why = NULL, *safe = cr_sanitize(path);

	if (format_of(path, &f) != 0) {
		app_msg(a, 1, "%s: name the format by the extension: .csv, "
		    ".json, .md or .txt", safe);
		free(safe);
		return;
	}
	out_init(&t);
	if (build(a, f, &t) != 0)
		app_msg(a, 1, "nothing to export: mark 2 to 4 cities first");
	else if (write_file(path, &t, f, &why) != 0)
		app_msg(a, 1, "%s: %s (nothing written)", safe, why);
	else
		app_msg(a, 0, "exported the %s to %s", view_slug(a), safe);
	out_free(&t);
	free(why);
	free(safe);
}

void
export_named(struct app *a, const char *path)
{
	if (*path == '\0')
		return;
	if (access(path, F_OK) == 0) {
		free(a->export_path);
		a->export_path = xstrdup(path);
		prompt_open(&a->prompt, PROMPT_CONFIRM);
		return;
	}
	do_export(a, path);
}

void
export_confirmed(struct app *a, int yes)
{
	char	*safe;

	if (a->export_path == NULL)
		return;
	if (yes)
		do_export(a, a->export_path);
	else {
		safe = cr_sanitize(a->export_path);
		app_msg(a, 0, "%s kept as it was", safe);
		free(safe);
	}
	free(a->export_path);
	a->export_path = NULL;
}
