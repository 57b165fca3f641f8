/* The full-screen explorer. */
#ifndef CR_TUI_H
#define CR_TUI_H

struct cli;

/* Runs until the user quits; returns an exit status. */
int	tui_run(struct cli *, const char *theme, int no_color);

#endif
