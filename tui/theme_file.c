/* Finding and reading theme files. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "theme.h"
#include "xmalloc.h"

#define MAX_THEME_BYTES	65536

#define THEME_DIRS	4

/*
 * The source tree's themes, for a binary run where it was built.
 * SRC_THEMEDIR is relative to the binary's directory unless configure
 * was run by an absolute path, so a package's binary carries no path of
 * the machine it was built on (the same bytes wherever it is built).
 */
static char *
src_themedir(void)
{
	char	 exe[PATH_MAX], *slash;
	ssize_t	 n;

	if (SRC_THEMEDIR[0] == '/')
		return (xstrdup(SRC_THEMEDIR));
	if ((n = readlink("/proc/self/exe", exe, sizeof exe - 1)) <= 0)
		return (NULL);
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return (NULL);
	*slash = '\0';
	return (xasprintf("%s/%s", exe, SRC_THEMEDIR));
}

/* Where themes may live, most personal first; NULL: not here. */
static char *
theme_dir(int i)
{
	const char	*xdg = getenv("XDG_CONFIG_HOME");
	const char	*home = getenv("HOME");

	switch (i) {
	case 0:
		if (xdg != NULL && xdg[0] == '/')
			return (xasprintf("%s/cityrank/themes", xdg));
		return (NULL);
	case 1:
		if (home != NULL && home[0] == '/')
			return (xasprintf("%s/.config/cityrank/themes", home));
		return (NULL);
	case 2:
		return (xstrdup(THEMEDIR));
	case 3:
		return (src_themedir());
	}
	return (NULL);
}

/* Where a theme named NAME may live. */
static char *
candidate(int i, const char *name)
{
	char	*dir, *path;

	if ((dir = theme_dir(i)) == NULL)
		return (NULL);
	path = xasprintf("%s/%s.theme", dir, name);
	free(dir);
	return (path);
}

static int
cmp_names(const void *a, const void *b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

/* Add the NAME of each NAME.theme in dir. */
static void
add_dir(const char *dir, char ***names, size_t *n)
{
	DIR		*d;
	struct dirent	*e;
	size_t		 len;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (e->d_name[0] == '.' || len <= 6 ||
		    strcmp(e->d_name + len - 6, ".theme") != 0)
			continue;
		*names = xreallocarray(*names, *n + 1, sizeof **names);
		(*names)[(*n)++] = xasprintf("%.*s", (int)(len - 6),
		    e->d_name);
	}
	closedir(d);
}

char **
theme_names(size_t *np)
{
	char	**names = xcalloc(1, sizeof *names), *dir;
	size_t	  n = 0, i, j;
	int	  k;

	names[n++] = xstrdup("default");
	for (k = 0; k < THEME_DIRS; k++)
		if ((dir = theme_dir(k)) != NULL) {
			add_dir(dir, &names, &n);
			free(dir);
		}
	qsort(names, n, sizeof *names, cmp_names);
	for (i = j = 0; i < n; i++)
		if (j > 0 && strcmp(names[j - 1], names[i]) == 0)
			free(names[i]);
		else
			names[j++] = names[i];
	*np = j;
	return (names);
}

static int
fopen_ok(const char *path)
{
	FILE	*fp = fopen(path, "rb");

	if (fp == NULL)
		return (0);
	fclose(fp);
	return (1);
}

static int
read_theme(struct theme *t, const char *path, char **cause)
{
	FILE	*fp;
	char	*buf, *why = NULL;
	size_t	 len;
	int	 rc;

	if ((fp = fopen(path, "rb")) == NULL) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return (-1);
	}
	buf = xmalloc(MAX_THEME_BYTES + 1);
	len = fread(buf, 1, MAX_THEME_BYTES + 1, fp);
	fclose(fp);
	if (len > MAX_THEME_BYTES) {
		free(buf);
		*cause = xasprintf("%s: larger than %d bytes: not a theme",
		    path, MAX_THEME_BYTES);
		return (-1);
	}
	theme_default(t);
	rc = theme_parse(t, buf, len, &why);
	free(buf);
	if (rc != 0) {
		*cause = xasprintf("%s:%s", path, why);
		free(why);
	}
	return (rc);
}

int
theme_load(struct theme *t, const char *name, char **cause)
{
	char	*path;
	int	 i;

	if (strchr(name, '/') != NULL)
		return (read_theme(t, name, cause));
	/* The default theme is the dark one. */
	if (strcmp(name, "dark") == 0)
		name = "default";
	for (i = 0; i < THEME_DIRS; i++) {
		if ((path = candidate(i, name)) == NULL)
			continue;
		if (fopen_ok(path)) {
			i = read_theme(t, path, cause);
			free(path);
			return (i);
		}
		free(path);
	}
	if (strcmp(name, "default") == 0) {
		theme_default(t);
		return (0);
	}
	*cause = xasprintf("no theme '%s' (looked in $XDG_CONFIG_HOME, "
	    "~/.config/cityrank/themes and %s)", name, THEMEDIR);
	return (-1);
}
