/* The full-screen explorer. */
#ifndef CR_TUI_H
#define CR_TUI_H

struct session;

/* Runs until the user quits; returns an exit status. */
int	tui_run(struct session *, int ascii, const char *theme, int no_color);

/*
 * The version of the curses library in use ("6.4.20221231"), for
 * cityrank --version: only tui/ speaks to ncurses.
 */
const char *tui_curses_version(void);

#endif
