/* Where the bundled data set is. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "xmalloc.h"

/* Beside the binary first, so a build tree never opens an installed one. */
char *
cli_default_db(void)
{
	char	 exe[PATH_MAX], *slash, *path;
	ssize_t	 n;

	if ((path = getenv("CITYRANK_DB")) != NULL && *path != '\0')
		return (xstrdup(path));
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			path = xasprintf("%s/cityrank.db", exe);
			if (access(path, F_OK) == 0)
				return (path);
			free(path);
		}
	}
	return (xstrdup(PKGDATADIR "/cityrank.db"));
}
