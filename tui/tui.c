/*
 * The explorer's main loop: keys go to the active view, which answers
 * with flags; drawing happens in one place, once per batch of keys.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <curses.h>

#include "cli.h"
#include "draw.h"
#include "tui.h"
#include "view_rank.h"

static void
start(struct draw *d, int no_color)
{
	const char	*nc = getenv("NO_COLOR");

	initscr();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	/* ncurses otherwise waits a second after Escape. */
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(25);
	curs_set(0);
	draw_init_colors(d, !no_color && (nc == NULL || *nc == '\0'));
}

int
tui_run(struct cli *c, int no_color)
{
	struct view_rank	 v;
	struct draw		 d = { 0, c->ascii };
	int			 key, flags = TUI_REDRAW;

	view_rank_init(&v, c);
	start(&d, no_color);
	for (;;) {
		if (flags & TUI_REDRAW) {
			view_rank_draw(&v, &d, stdscr);
			wnoutrefresh(stdscr);
			doupdate();
		}
		flags = 0;
		key = getch();
		/* Drain queued keys before the next frame. */
		nodelay(stdscr, TRUE);
		do {
			if (key == KEY_RESIZE)
				flags |= TUI_REDRAW;
			else if (key != ERR)
				flags |= view_rank_key(&v, key);
		} while (!(flags & TUI_QUIT) && (key = getch()) != ERR);
		nodelay(stdscr, FALSE);
		if (flags & TUI_QUIT)
			break;
	}
	endwin();
	view_rank_free(&v);
	return (CR_EXIT_OK);
}
