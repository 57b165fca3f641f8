/*
 * Key tables.  Each view keeps one beside its handlers; the same table
 * dispatches the view's keys, writes its part of the help screen, and
 * (through `cityrank __keys`) the man page's and the README's key
 * lists, so none of them can drift from what a key does.
 */
#ifndef CR_KEYS_H
#define CR_KEYS_H

#include <stddef.h>
#include <stdio.h>

struct app;

struct binding {
	int		 keys[8];	/* 0 ends the list */
	int		 last;		/* when set: keys[0] to last */
	const char	*label;		/* the keys as the help shows them */
	const char	*help;
	int		(*fn)(struct app *, int key);
	int		 arg;		/* what a table without fn means */
};

struct keymap {
	const char		*title;	/* the help's heading */
	const struct binding	*b;
	size_t			 n;
	int			 flags;
};

/* list_move() sees a key first; the map sees it before the global keys. */
#define KEYS_LISTS	1
#define KEYS_MODAL	2

#define KEYMAP(title, table, flags) \
	{ (title), (table), sizeof (table) / sizeof (table)[0], (flags) }

/* The binding of key in the map, or NULL. */
const struct binding	*keys_find(const struct keymap *, int key);
/* The handler's flags, or -1 when the map does not bind the key. */
int			 keys_run(const struct keymap *, struct app *,
			    int key);

extern const struct keymap	keys_global;
/* Every map, in the help's order. */
extern const struct keymap *const keys_maps[];
extern const size_t		keys_nmaps;

enum keys_format { KEYS_MAN, KEYS_MD, KEYS_TEXT };
/* The key lists for the man page, the README, or plain text (malloc'd). */
char	*keys_text(enum keys_format);
/*
 * A key that no press can reach: bound twice in a map, or taken first
 * by the global keys or the list keys.  0, or -1 and a message (static).
 */
int	keys_check(const char **why);

#endif
