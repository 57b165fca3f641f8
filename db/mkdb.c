/* mkdb: build the bundled data set at make time.  mkdb DATADIR OUT */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "db.h"

int
main(int argc, char **argv)
{
	char	*cause = NULL;

	cr_db_init();
	if (argc != 3) {
		fprintf(stderr, "usage: mkdb DATADIR OUT.db\n");
		return (2);
	}
	if (cr_db_build(argv[1], argv[2], &cause) != 0) {
		fprintf(stderr, "mkdb: %s\n", cause);
		free(cause);
		return (1);
	}
	return (0);
}
