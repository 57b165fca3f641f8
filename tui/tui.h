/* The full-screen explorer. */
#ifndef CR_TUI_H
#define CR_TUI_H

struct session;

/* Runs until the user quits; returns an exit status. */
int	tui_run(struct session *, int ascii, const char *theme, int no_color);

#endif
