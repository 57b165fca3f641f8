/* The cursor keys every list shares (list.h). */
#include "config.h"

#include <curses.h>

#include "list.h"

int
list_move(size_t *cur, size_t n, size_t page, int key)
{
	size_t	last = n > 0 ? n - 1 : 0;

	if (page < 1)
		page = 1;
	switch (key) {
	case 'j':
	case KEY_DOWN:
		*cur = *cur < last ? *cur + 1 : last;
		break;
	case 'k':
	case KEY_UP:
		*cur = *cur > 0 ? *cur - 1 : 0;
		break;
	case 'g':
	case KEY_HOME:
		*cur = 0;
		break;
	case 'G':
	case KEY_END:
		*cur = last;
		break;
	case KEY_NPAGE:
	case 4:		/* ^D */
		*cur = *cur + page < last ? *cur + page : last;
		break;
	case KEY_PPAGE:
	case 21:	/* ^U */
		*cur = *cur > page ? *cur - page : 0;
		break;
	default:
		return (0);
	}
	return (1);
}
