/*
 * The data sets a user can open by name (datasets.h): the bundled
 * table, where each file is, and the list of recent imports.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cause.h"
#include "datasets.h"
#include "db.h"
#include "store.h"
#include "xmalloc.h"

/* The first is the default. */
const struct session_bundled session_bundled[] = {
	{ "smartcity", "cityrank.db" },
	{ "asem", "asem.db" },
	{ NULL, NULL }
};

/* The list is a convenience: a longer line is not one of ours. */
#define RECENT_LINE	4096

const struct session_bundled *
session_bundled_find(const char *name)
{
	const struct session_bundled	*b;

	for (b = session_bundled; b->name != NULL; b++)
		if (strcmp(b->name, name) == 0)
			return (b);
	return (NULL);
}

char *
session_bundled_list(void)
{
	char	*s = xstrdup(""), *next;
	size_t	 i, n;

	for (n = 0; session_bundled[n].name != NULL; n++)
		continue;
	for (i = 0; i < n; i++) {
		next = xasprintf("%s%s%s", s, i == 0 ? "" : i + 1 == n ?
		    " or " : ", ", session_bundled[i].name);
		free(s);
		s = next;
	}
	return (s);
}

/* Beside the binary first, so a build tree never opens an installed one. */
char *
session_bundled_path(const struct session_bundled *b)
{
	char	 exe[PATH_MAX], *slash, *path;
	ssize_t	 n;

	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			path = xasprintf("%s/%s", exe, b->file);
			if (access(path, F_OK) == 0)
				return (path);
			free(path);
		}
	}
	return (xasprintf("%s/%s", PKGDATADIR, b->file));
}

char *
session_default_db(void)
{
	char	*path;

	if ((path = getenv("CITYRANK_DB")) != NULL && *path != '\0')
		return (xstrdup(path));
	return (session_bundled_path(&session_bundled[0]));
}

char *
session_recent_path(void)
{
	char	*store, *slash, *path;

	if ((store = cr_store_default_path()) == NULL)
		return (NULL);
	slash = strrchr(store, '/');
	*slash = '\0';
	path = xasprintf("%s/recent-imports", store);
	free(store);
	return (path);
}

/* The remembered paths, newest first, at most SESSION_RECENT_MAX. */
static size_t
recent_read(const char *file, char **paths)
{
	FILE	*fp;
	char	 line[RECENT_LINE];
	size_t	 n = 0, len;

	if ((fp = fopen(file, "r")) == NULL)
		return (0);
	while (n < SESSION_RECENT_MAX && fgets(line, sizeof line, fp) != NULL) {
		len = strlen(line);
		if (len == 0 || line[len - 1] != '\n' || line[0] != '/')
			continue;
		line[len - 1] = '\0';
		paths[n++] = xstrdup(line);
	}
	fclose(fp);
	return (n);
}

/* mkdir -p of the directory the list goes in, private as the store's. */
static int
make_dirs(const char *file)
{
	char	*dir = xstrdup(file), *p;
	int	 rc = 0;

	for (p = dir + 1; rc == 0 && (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST)
			rc = -1;
		*p = '/';
	}
	free(dir);
	return (rc);
}

static int
recent_write(const char *file, char **paths, size_t n, char **cause)
{
	char	*tmp = xasprintf("%s.tmp-%ld", file, (long)getpid());
	FILE	*fp;
	size_t	 i;
	int	 fd, e = 0;

	if (make_dirs(file) != 0 || (fd = open(tmp, O_WRONLY | O_CREAT |
	    O_TRUNC, 0600)) == -1 || (fp = fdopen(fd, "w")) == NULL) {
		e = errno;
		free(tmp);
		return (cr_cause(cause, "%s: %s", file, strerror(e)));
	}
	for (i = 0; i < n; i++)
		fprintf(fp, "%s\n", paths[i]);
	if (fflush(fp) != 0 || fsync(fileno(fp)) != 0)
		e = errno;
	if (fclose(fp) != 0 && e == 0)
		e = errno;
	if (e == 0 && rename(tmp, file) != 0)
		e = errno;
	if (e != 0)
		unlink(tmp);
	free(tmp);
	return (e != 0 ? cr_cause(cause, "%s: %s", file, strerror(e)) : 0);
}

int
session_recent_add(const char *path, char **cause)
{
	char	*file, *abs, *paths[SESSION_RECENT_MAX + 1];
	size_t	 n, i, k = 1;
	int	 rc;

	if ((file = session_recent_path()) == NULL)
		return (0);
	if ((abs = realpath(path, NULL)) == NULL) {
		rc = cr_cause(cause, "%s: %s", path, strerror(errno));
		free(file);
		return (rc);
	}
	paths[0] = abs;
	n = recent_read(file, paths + 1);
	/* Once in the list, however often it is imported again. */
	for (i = 1; i <= n; i++) {
		if (strcmp(paths[i], abs) == 0 || k == SESSION_RECENT_MAX)
			free(paths[i]);
		else
			paths[k++] = paths[i];
	}
	rc = recent_write(file, paths, k, cause);
	for (i = 0; i < k; i++)
		free(paths[i]);
	free(file);
	return (rc);
}

/* A line's worth of each, not a load: see db/summary.c. */
static void
info_load(struct session_dsinfo *d)
{
	struct cr_db_summary	 s;
	char			*why = NULL;

	d->title = xstrdup("");
	d->source = xstrdup("");
	d->licence = xstrdup("");
	if (cr_db_summary(d->path, &s, &why) != 0) {
		d->why = xasprintf("%s: %s", d->path, why);
		free(why);
		cr_db_summary_free(&s);
		return;
	}
	free(d->title);
	free(d->source);
	free(d->licence);
	d->title = xstrdup(*s.title_en != '\0' ? s.title_en : s.title_zh);
	d->source = xstrdup(s.source);
	d->licence = xstrdup(s.licence);
	d->units = (size_t)s.units;
	d->indicators = (size_t)s.indicators;
	d->years = (size_t)s.years;
	cr_db_summary_free(&s);
}

static struct session_dsinfo *
info_add(struct session_dsinfo **list, size_t *n, const char *name,
    char *path, int bundled)
{
	struct session_dsinfo	*d;

	*list = xreallocarray(*list, *n + 1, sizeof **list);
	d = &(*list)[(*n)++];
	memset(d, 0, sizeof *d);
	d->name = xstrdup(name);
	d->path = path;
	d->bundled = bundled;
	info_load(d);
	return (d);
}

void
session_datasets(struct session_dsinfo **list, size_t *n)
{
	const struct session_bundled	*b;
	char				*file, *paths[SESSION_RECENT_MAX];
	const char			*base;
	size_t				 i, k = 0;

	*list = NULL;
	*n = 0;
	for (b = session_bundled; b->name != NULL; b++)
		info_add(list, n, b->name, session_bundled_path(b), 1);
	if ((file = session_recent_path()) != NULL)
		k = recent_read(file, paths);
	free(file);
	for (i = 0; i < k; i++) {
		/* A file removed since is not offered. */
		if (access(paths[i], F_OK) != 0) {
			free(paths[i]);
			continue;
		}
		base = strrchr(paths[i], '/') + 1;
		info_add(list, n, base, paths[i], 0);
	}
}

void
session_datasets_free(struct session_dsinfo *list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(list[i].name);
		free(list[i].path);
		free(list[i].why);
		free(list[i].title);
		free(list[i].source);
		free(list[i].licence);
	}
	free(list);
}
