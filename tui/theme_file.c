/* Finding and reading theme files. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "theme.h"
#include "xmalloc.h"

#define MAX_THEME_BYTES	65536

/* Where a theme named NAME may live, most personal first. */
static char *
candidate(int i, const char *name)
{
	const char	*xdg = getenv("XDG_CONFIG_HOME");
	const char	*home = getenv("HOME");

	switch (i) {
	case 0:
		if (xdg != NULL && xdg[0] == '/')
			return (xasprintf("%s/cityrank/themes/%s.theme", xdg,
			    name));
		return (NULL);
	case 1:
		if (home != NULL && home[0] == '/')
			return (xasprintf("%s/.config/cityrank/themes/%s.theme",
			    home, name));
		return (NULL);
	case 2:
		return (xasprintf("%s/%s.theme", THEMEDIR, name));
	case 3:
		return (xasprintf("%s/%s.theme", SRC_THEMEDIR, name));
	}
	return (NULL);
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
	for (i = 0; i < 4; i++) {
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
