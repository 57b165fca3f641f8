/* The full-screen explorer. */
#ifndef CR_TUI_H
#define CR_TUI_H

struct session;

/*
 * Runs until the user quits; returns an exit status.  lang is the
 * language of names given on the command line (enum cr_lang), or -1:
 * the config's, else Chinese.
 */
int	tui_run(struct session *, int ascii, int lang, const char *theme,
	    int no_color);

/*
 * The slides full screen (doc/present.md) until q; takes the slides
 * (NULL: the data set's tour).  Returns an exit status.
 */
struct cr_slides;
int	tui_present(struct session *, struct cr_slides *, int ascii, int lang,
	    const char *theme, int no_color);

/*
 * The main loop's two steps, for fuzz/fuzz_keys.c, which drives the
 * explorer with key sequences on a terminal of its own making: one key
 * handled as the loop handles it (TUI_ flags of app.h), and one frame.
 */
struct app;
int	tui_key(struct app *, int key);
void	tui_frame(struct app *);

/*
 * The version of the curses library in use ("6.4.20221231"), for
 * cityrank --version: only tui/ speaks to ncurses.
 */
const char *tui_curses_version(void);

#endif
