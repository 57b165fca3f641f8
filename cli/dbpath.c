/* Where the bundled data sets are. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "xmalloc.h"

/* The first is the default. */
const struct cli_bundled cli_bundled[] = {
	{ "smartcity", "cityrank.db" },
	{ "asem", "asem.db" },
	{ NULL, NULL }
};

const struct cli_bundled *
cli_bundled_find(const char *name)
{
	const struct cli_bundled	*b;

	for (b = cli_bundled; b->name != NULL; b++)
		if (strcmp(b->name, name) == 0)
			return (b);
	return (NULL);
}

/* "smartcity or asem", for messages.  Caller frees. */
char *
cli_bundled_list(void)
{
	char	*s = xstrdup(""), *next;
	size_t	 i, n;

	for (n = 0; cli_bundled[n].name != NULL; n++)
		continue;
	for (i = 0; i < n; i++) {
		next = xasprintf("%s%s%s", s, i == 0 ? "" : i + 1 == n ?
		    " or " : ", ", cli_bundled[i].name);
		free(s);
		s = next;
	}
	return (s);
}

/* Beside the binary first, so a build tree never opens an installed one. */
char *
cli_bundled_path(const struct cli_bundled *b)
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
cli_default_db(void)
{
	char	*path;

	if ((path = getenv("CITYRANK_DB")) != NULL && *path != '\0')
		return (xstrdup(path));
	return (cli_bundled_path(&cli_bundled[0]));
}
