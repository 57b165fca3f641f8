/*
 * The keys that work in every view: one table that both dispatches a
 * key and writes the help's first section, so the two cannot disagree.
 */
#ifndef CR_KEYS_H
#define CR_KEYS_H

#include <stddef.h>

struct app;

struct binding {
	int		 keys[8];	/* 0 ends the list */
	const char	*label;		/* the keys as the help shows them */
	const char	*help;
	int		(*fn)(struct app *, int key);
};

extern const struct binding	keys_global[];
extern const size_t		keys_nglobal;

/* The key's handler's flags, or -1 when it is not a global key. */
int	keys_dispatch(struct app *, int key);

#endif
