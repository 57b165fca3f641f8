/* The full-screen explorer. */
#ifndef CR_TUI_H
#define CR_TUI_H

struct session;

/* What the command line asks of the explorer; the config fills gaps. */
struct tui_opts {
	int		 ascii;		/* ASCII drawing and pinyin names */
	const char	*theme;		/* NULL: the config's, or default */
	int		 no_color;
	int		 transitions;	/* slides' rows move: 1, 0, -1 unset */
	int		 lang;		/* names: enum cr_lang, or -1: the
					   config's, else Chinese */
};

/*
 * Runs until the user quits; returns an exit status.  The explorer can
 * open another data set (O): *ss is then the session open at the end,
 * the caller's to free, and the one it passed is freed.
 */
int	tui_run(struct session **ss, const struct tui_opts *);

/*
 * The slides full screen (doc/present.md) until q; takes the slides
 * (NULL: the data set's tour).  Returns an exit status.
 */
struct cr_slides;
int	tui_present(struct session **, struct cr_slides *,
	    const struct tui_opts *);

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
