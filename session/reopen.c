/*
 * Another data set in place of the open one (session_switch()): the
 * only step that can fail, opening the new file, comes first, so a
 * file that does not load leaves the session exactly as it was.
 */
#include "config.h"

#include <stdlib.h>

#include "session.h"
#include "store.h"
#include "xmalloc.h"

int
session_switch(struct session **sp, const char *path, char **warning,
    char **cause)
{
	struct session	*old = *sp, *s;
	char		*why = NULL;
	int		 rc;

	*warning = NULL;
	if ((rc = session_open(path, NULL, &s, cause)) != 0)
		return (rc);
	/* The same scenarios file: named scenarios go where they went. */
	session_set_store(s, old->store_path);
	s->by = 0;
	s->lang = old->lang;
	/* Leaving a data set keeps its state, as quitting does. */
	if (session_save_last(old, &why) != 0) {
		*warning = xasprintf("the state of %s was not kept: %s",
		    old->ds->path, why);
		free(why);
	}
	session_free(old);
	*sp = s;
	return (0);
}
