/* The cursor keys every list shares (list.h). */
#include "config.h"

#include <curses.h>

#include "keys.h"
#include "list.h"

enum { DOWN, UP, FIRST, LAST, PAGE_DOWN, PAGE_UP, NONE };

/* No handlers: list_move() moves each list's own cursor by arg. */
static const struct binding moves[] = {
	{ { 'j', KEY_DOWN }, 0, "j k ↓ ↑", "down, up", NULL, DOWN },
	{ { 'k', KEY_UP }, 0, NULL, NULL, NULL, UP },
	{ { 'g', KEY_HOME }, 0, "g G", "first, last (also Home, End)", NULL,
	    FIRST },
	{ { 'G', KEY_END }, 0, NULL, NULL, NULL, LAST },
	{ { 4, KEY_NPAGE }, 0, "^D ^U", "page down, up (also PgDn, PgUp)",
	    NULL, PAGE_DOWN },
	{ { 21, KEY_PPAGE }, 0, NULL, NULL, NULL, PAGE_UP },
	{ { 0 }, 0, "mouse", "click selects, the wheel scrolls", NULL, NONE },
};

const struct keymap list_keys = KEYMAP("Moving, in every list", moves, 0);

int
list_move(size_t *cur, size_t n, size_t page, int key)
{
	const struct binding	*b = keys_find(&list_keys, key);
	size_t			 last = n > 0 ? n - 1 : 0;

	if (b == NULL)
		return (0);
	if (page < 1)
		page = 1;
	switch (b->arg) {
	case DOWN:
		*cur = *cur < last ? *cur + 1 : last;
		break;
	case UP:
		*cur = *cur > 0 ? *cur - 1 : 0;
		break;
	case FIRST:
		*cur = 0;
		break;
	case LAST:
		*cur = last;
		break;
	case PAGE_DOWN:
		*cur = *cur + page < last ? *cur + page : last;
		break;
	case PAGE_UP:
		*cur = *cur > page ? *cur - page : 0;
		break;
	default:
		return (0);
	}
	return (1);
}
