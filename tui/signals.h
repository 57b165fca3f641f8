/*
 * Signals in the explorer.  The handlers only record what came: ncurses
 * is not async-signal-safe, so the main loop acts on the record between
 * keys, where the screen is in a known state.  The handlers are
 * installed without SA_RESTART, so a signal ends the wait for a key.
 * (Not named signal.h: -I tui would put it in place of the system one.)
 */
#ifndef CR_SIGNALS_H
#define CR_SIGNALS_H

/*
 * Catch SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP and SIGCONT.  Called
 * before initscr(): ncurses installs its own handlers only over the
 * default disposition, and its SIGINT and SIGTERM handlers exit 1.
 */
void	tui_signal_catch(void);
/* The first signal that asked the explorer to end, or 0. */
int	tui_signal_ending(void);
/*
 * After a read of a key failed: 1 when the terminal on fd has hung up,
 * which is then recorded as a SIGHUP.  The kernel sends none to a
 * process whose controlling terminal it is not (started with setsid,
 * or the terminal handed over by another program), and every read then
 * fails at once, so the wait for a key would spin.
 */
int	tui_signal_hangup(int fd);
/* 1 once for each SIGTSTP (^Z) not yet acted on. */
int	tui_signal_take_stop(void);
/* 1 once after the process was continued (SIGCONT). */
int	tui_signal_take_cont(void);
/*
 * Stop the process as SIGTSTP would have, once the terminal has been
 * given back (endwin); returns when it is continued.
 */
void	tui_signal_stop(void);
/*
 * End the process by the signal, its default disposition restored, so
 * the parent sees what killed it (a shell's status 128 + sig).
 */
void	tui_signal_die(int sig) __attribute__((noreturn));

#endif
