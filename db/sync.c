/*
 * Make a written file last before it is put in place.  The writers
 * build with synchronous = OFF and no journal for speed, so until the
 * file is fsynced a crash after the rename could leave a name pointing
 * at blocks never written; after the rename, the directory holds the
 * new name only once it is synced too.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db_priv.h"
#include "xmalloc.h"

int
cr_sync_file(const char *path, char **cause)
{
	int	fd, rc;

	if ((fd = open(path, O_RDWR | O_CLOEXEC)) == -1) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return (-1);
	}
	rc = fsync(fd);
	if (rc != 0)
		*cause = xasprintf("%s: fsync: %s", path, strerror(errno));
	close(fd);
	return (rc == 0 ? 0 : -1);
}

/*
 * Best effort: the rename is done and cannot be taken back, and some
 * file systems cannot sync a directory (EINVAL); the file's own blocks
 * were synced before it.
 */
void
cr_sync_dir(const char *file)
{
	const char	*slash = strrchr(file, '/');
	char		*dir;
	int		 fd;

	if (slash == NULL)
		dir = xstrdup(".");
	else if (slash == file)
		dir = xstrdup("/");
	else
		dir = xasprintf("%.*s", (int)(slash - file), file);
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		(void)fsync(fd);
		close(fd);
	}
	free(dir);
}
