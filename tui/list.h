/* The cursor keys every list shares. */
#ifndef CR_LIST_H
#define CR_LIST_H

#include <stddef.h>

struct keymap;

/* j k and the arrows, g G Home End, PgDn PgUp and ^D ^U. */
extern const struct keymap	list_keys;

/*
 * Move *cur among n rows by a key of list_keys (a page is page rows):
 * 1 when key was one of them.
 */
int	list_move(size_t *cur, size_t n, size_t page, int key);

#endif
