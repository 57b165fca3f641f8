/* A page of text over the view (pager.h). */
#include "config.h"

#include <curses.h>
#include <stdlib.h>

#include "app.h"
#include "list.h"
#include "pager.h"
#include "xmalloc.h"

void
pager_open(struct pager *p, char **lines, size_t n, const char *foot)
{
	pager_close(p);
	p->lines = lines;
	p->n = n;
	p->foot = foot;
	p->open = 1;
}

void
pager_add(struct pager *p, char *line)
{
	p->lines = xreallocarray(p->lines, p->n + 1, sizeof *p->lines);
	p->lines[p->n++] = line;
}

void
pager_close(struct pager *p)
{
	size_t	i;

	for (i = 0; i < p->n; i++)
		free(p->lines[i]);
	free(p->lines);
	p->lines = NULL;
	p->n = p->top = 0;
	p->open = 0;
}

void
pager_draw(struct app *a, const struct pager *p, int y, int x, int h, int w)
{
	size_t	i;
	int	r = 0, body = h > 1 ? h - 1 : 1;

	attrset(A_NORMAL);
	for (i = p->top; i < p->n && r < body; i++)
		r += draw_wrapped(stdscr, y + r, x, p->lines[i], w, body - r);
	while (r < body)
		draw_text(stdscr, y + r++, x, "", w, 0);
	attrset(draw_attr(&a->d, ROLE_HEADER));
	draw_text(stdscr, y + h - 1, x, p->foot, w, 0);
	attrset(A_NORMAL);
}

int
pager_scroll(struct pager *p, int key)
{
	return (list_move(&p->top, p->n, 10, key));
}
