/*
 * SQLite's messages, made one line.  A message can quote the file:
 * "malformed database schema (T) - unrecognized token: ..." carries
 * bytes of a damaged schema, newlines and controls among them, and
 * every cause and report line is promised to be one line.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "db_priv.h"
#include "utf8.h"

const char *
cr_db_errmsg(sqlite3 *h)
{
	/* The program uses SQLite from one thread (cr_db_init). */
	static char	 buf[1024];
	char		*clean;
	size_t		 n;

	clean = cr_sanitize(sqlite3_errmsg(h));
	n = strlen(clean);
	if (n >= sizeof buf) {
		/* Cut at a character's start. */
		n = sizeof buf - 1;
		while (n > 0 && (clean[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(buf, clean, n);
	buf[n] = '\0';
	free(clean);
	return (buf);
}
