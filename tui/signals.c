/*
 * Signals in the explorer: record them for the main loop (see signals.h).
 * tmux does the same through libevent's self-pipe; here the pipe is not
 * needed: ncurses' read() of the next key fails with EINTR, and the main
 * loop's timeout catches a signal that came just before the read.
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <unistd.h>

#include "signals.h"

static volatile sig_atomic_t	ending;
static volatile sig_atomic_t	stopping;
static volatile sig_atomic_t	continued;

static void
catch_one(int sig, void (*fn)(int))
{
	struct sigaction	sa;

	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: the wait for a key must end. */
	sa.sa_flags = 0;
	sigaction(sig, &sa, NULL);
}

static void
on_signal(int sig)
{
	int	saved = errno;

	switch (sig) {
	case SIGTSTP:
		stopping = 1;
		break;
	case SIGCONT:
		continued = 1;
		break;
	default:
		/*
		 * ^C or ^\ again while the first is being acted on: the user
		 * insists, so end at once.  SIGHUP and SIGTERM come in pairs
		 * when a connection drops (the kernel and the shell each send
		 * one) and must not cut short the saving of the state.
		 */
		if (ending != 0 && (sig == SIGINT || sig == SIGQUIT)) {
			catch_one(sig, SIG_DFL);
			raise(sig);
		} else if (ending == 0)
			ending = sig;
		break;
	}
	errno = saved;
}

void
tui_signal_catch(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT,
	    SIGTSTP, SIGCONT };
	size_t	i;

	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		catch_one(sigs[i], on_signal);
}

int
tui_signal_hangup(int fd)
{
	struct pollfd	pfd;

	pfd.fd = fd;
	pfd.events = POLLIN;
	pfd.revents = 0;
	if (poll(&pfd, 1, 0) == 1 &&
	    (pfd.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0) {
		if (ending == 0)
			ending = SIGHUP;
		return (1);
	}
	return (0);
}

int
tui_signal_ending(void)
{
	return (ending);
}

int
tui_signal_take_stop(void)
{
	if (!stopping)
		return (0);
	stopping = 0;
	return (1);
}

int
tui_signal_take_cont(void)
{
	if (!continued)
		return (0);
	continued = 0;
	return (1);
}

void
tui_signal_stop(void)
{
	sigset_t	set;

	catch_one(SIGTSTP, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, SIGTSTP);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	/* The process stops here until fg (SIGCONT). */
	raise(SIGTSTP);
	catch_one(SIGTSTP, on_signal);
}

void
tui_signal_die(int sig)
{
	sigset_t	set;

	catch_one(sig, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	/* Reached only if the signal cannot kill: say it as a shell would. */
	_exit(128 + sig);
}
