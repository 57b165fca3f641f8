/*
 * ptyrun: run a command in a fresh pseudo-terminal and measure what a
 * person at that terminal would wait for and what the terminal would
 * have to parse.  A benchmark helper, not a test: it reports numbers
 * and never judges them.
 *
 *	ptyrun [options] [--] command [arg ...]
 *
 *	--size CxR	terminal size (default 80x24)
 *	--term NAME	TERM for the child (default xterm-256color)
 *	--until TEXT	time from just before fork until the output contains
 *			TEXT: first_screen_ms, and bytes_first
 *	--settle	then wait for quiet: settle_ms is the time of the last
 *			byte before it, bytes_settle the bytes until then (the
 *			end of the first frame, whatever text it holds)
 *	--after TEXT	wait for TEXT before the first --keys (default: the
 *			--until text)
 *	--keys STR	after quiet, write STR and count the bytes written in
 *			response until quiet again; repeatable, one step each;
 *			escapes \r \n \t \e \\ \xHH
 *	--quiet MS	what "quiet" means (default 200)
 *	--cpu		report the child's user+system CPU time and its
 *			peak resident memory (maxrss_kb)
 *	--quit STR	written at the end (default "q")
 *	--timeout S	give up waiting for text after S seconds (default 10)
 *	--dump FILE	copy everything the child wrote into FILE
 *	--interval MS	write each --keys step MS after the one before,
 *			whether or not the output is quiet (a key held
 *			down, a fast typist); a step's bytes are those
 *			read until the next write
 *	--stamps FILE	write each step's write time to FILE, one a line,
 *			CLOCK_MONOTONIC in ns: to pair with a trace the
 *			program keeps of its own (doc/benchmarks.md)
 *
 * Output, one line on stdout: key=value pairs, e.g.
 *	first_screen_ms=12.345 bytes_first=4521 key_bytes=310 cpu_ms=8.100
 * bytes_first counts everything read up to and including the read that
 * completed TEXT.  key_bytes and key_ms are for the last --keys step;
 * step_first_ms lists, for every step, the time from the write to the
 * first byte of the answer (0 when none came);
 * step_bytes lists every step, silent_steps counts steps that got no
 * answer (a key that does nothing, or one batched with the previous).
 * Errors go to stderr with exit status 1; the line is then not printed.
 *
 * Build: cc -O2 -o ptyrun ptyrun.c -lutil
 */
#define _DEFAULT_SOURCE

#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define MAX_STEPS	4096
#define MAX_TEXT	1024

struct text {
	const char	*s;
	size_t		 len;
};

struct step {
	char		*keys;
	size_t		 len;
	size_t		 bytes;		/* written in response */
	double		 ms;		/* key write to last response byte */
	double		 first;		/* key write to first response byte */
};

struct run {
	int		 fd;		/* pty master */
	FILE		*stamps;	/* --stamps, or NULL */
	pid_t		 pid;
	int		 exited, status;
	struct rusage	 ru;
	struct timespec	 t0;		/* just before fork */
	double		 last_out;	/* ms since t0 of the latest read */
	size_t		 total;		/* bytes read so far */
	FILE		*dump;
	/* The tail of the output, so a match can span two reads. */
	char		 tail[MAX_TEXT];
	size_t		 ntail;
};

static const char *progname = "ptyrun";
static pid_t	 child_pid = -1;	/* killed when we give up */

static void
die(const char *fmt, ...)
{
	va_list	ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	/*
	 * Leave no stray program behind on a terminal nobody reads: the
	 * child leads its own session, so its group takes its children.
	 */
	if (child_pid > 0) {
		kill(-child_pid, SIGKILL);
		waitpid(child_pid, NULL, 0);
	}
	exit(1);
}

static void
usage(void)
{
	fprintf(stderr, "usage: %s [--size CxR] [--term NAME] "
	    "[--until TEXT] [--settle] [--after TEXT]\n"
	    "\t[--keys STR ...] [--quiet MS] [--cpu] [--quit STR] "
	    "[--timeout S]\n\t[--dump FILE] [--interval MS] [--stamps FILE] [--] "
	    "command [arg ...]\n",
	    progname);
	exit(1);
}

static double
ms_since(const struct timespec *t0)
{
	struct timespec	now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return ((now.tv_sec - t0->tv_sec) * 1e3 +
	    (now.tv_nsec - t0->tv_nsec) / 1e6);
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return (c - '0');
	if (c >= 'a' && c <= 'f')
		return (c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (c - 'A' + 10);
	return (-1);
}

/* Decode C-like escapes in place; returns the decoded length. */
static size_t
unescape(char *s)
{
	char	*in = s, *out = s;
	int	 hi, lo;

	while (*in != '\0') {
		if (*in != '\\') {
			*out++ = *in++;
			continue;
		}
		in++;
		switch (*in) {
		case 'r':	*out++ = '\r'; in++; break;
		case 'n':	*out++ = '\n'; in++; break;
		case 't':	*out++ = '\t'; in++; break;
		case 'e':	*out++ = '\033'; in++; break;
		case '\\':	*out++ = '\\'; in++; break;
		case 'x':
			if ((hi = hexval(in[1])) < 0 ||
			    (lo = hexval(in[2])) < 0)
				die("bad \\x escape in key string");
			*out++ = (char)(hi << 4 | lo);
			in += 3;
			break;
		default:
			die("unknown escape \\%c in key string", *in);
		}
	}
	return ((size_t)(out - s));
}

static struct text
text_arg(const char *s)
{
	struct text	t = { s, strlen(s) };

	if (t.len == 0 || t.len > MAX_TEXT)
		die("text to wait for must be 1 to %d bytes", MAX_TEXT);
	return (t);
}

/* Naive search: needles are short and memmem is not POSIX. */
static int
contains(const char *hay, size_t n, const struct text *t)
{
	size_t	i;

	for (i = 0; i + t->len <= n; i++)
		if (memcmp(hay + i, t->s, t->len) == 0)
			return (1);
	return (0);
}

static void
reap(struct run *r, int options)
{
	pid_t	p;

	if (r->exited)
		return;
	while ((p = wait4(r->pid, &r->status, options, &r->ru)) == -1 &&
	    errno == EINTR)
		;
	if (p == -1)
		die("wait4: %s", strerror(errno));
	if (p == r->pid) {
		r->exited = 1;
		child_pid = -1;
	}
}

/*
 * Wait up to timeout ms (-1: forever) for output and read one chunk.
 * Returns the byte count, 0 on timeout, -1 once the child side closed.
 * Matching against want, if any, covers the previous tail too.
 */
static ssize_t
pump(struct run *r, int timeout, const struct text *want, int *found)
{
	struct pollfd	 pfd = { r->fd, POLLIN, 0 };
	char		 buf[MAX_TEXT + 65536];
	ssize_t		 n;
	size_t		 keep;
	int		 rv;

	if ((rv = poll(&pfd, 1, timeout)) == -1) {
		if (errno == EINTR)
			return (0);
		die("poll: %s", strerror(errno));
	}
	if (rv == 0)
		return (0);
	memcpy(buf, r->tail, r->ntail);
	n = read(r->fd, buf + r->ntail, sizeof buf - r->ntail);
	/* Linux says EIO once the last slave descriptor closes. */
	if (n == 0 || (n == -1 && errno == EIO))
		return (-1);
	if (n == -1) {
		if (errno == EINTR || errno == EAGAIN)
			return (0);
		die("read: %s", strerror(errno));
	}
	r->last_out = ms_since(&r->t0);
	r->total += (size_t)n;
	if (r->dump != NULL)
		fwrite(buf + r->ntail, 1, (size_t)n, r->dump);
	if (want != NULL && found != NULL && !*found)
		*found = contains(buf, r->ntail + (size_t)n, want);
	keep = r->ntail + (size_t)n;
	if (keep > MAX_TEXT - 1)
		keep = MAX_TEXT - 1;
	memmove(r->tail, buf + r->ntail + (size_t)n - keep, keep);
	r->ntail = keep;
	return (n);
}

/* Show what the program last wrote, so a failed wait can be read. */
static void
show_tail(const struct run *r)
{
	size_t		 i, from;
	unsigned char	 c;

	from = r->ntail > 300 ? r->ntail - 300 : 0;
	fprintf(stderr, "%s: last output: \"", progname);
	for (i = from; i < r->ntail; i++) {
		c = (unsigned char)r->tail[i];
		if (c == '\\' || c == '"')
			fprintf(stderr, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			fprintf(stderr, "\\x%02x", c);
		else
			fputc(c, stderr);
	}
	fprintf(stderr, "\"\n");
}

/* Read until the output contains t; die on timeout or exit. */
static void
wait_text(struct run *r, const struct text *t, double limit_ms)
{
	double	left;
	int	found;

	/* It may have come with the output an earlier wait consumed. */
	found = contains(r->tail, r->ntail, t);
	while (!found) {
		if ((left = limit_ms - ms_since(&r->t0)) <= 0) {
			show_tail(r);
			die("timed out waiting for \"%s\"", t->s);
		}
		if (pump(r, (int)left + 1, t, &found) < 0) {
			show_tail(r);
			die("command exited before writing \"%s\"", t->s);
		}
	}
}

/* Read until the first byte arrives; die on timeout or exit. */
static void
wait_output(struct run *r, double limit_ms)
{
	double	left;

	while (r->total == 0) {
		if ((left = limit_ms - ms_since(&r->t0)) <= 0)
			die("timed out waiting for any output");
		if (pump(r, (int)left + 1, NULL, NULL) < 0)
			die("command exited without output");
	}
}

/* Read until nothing arrived for quiet ms; returns the bytes read. */
static size_t
wait_quiet(struct run *r, int quiet)
{
	size_t	before = r->total;
	double	since;
	ssize_t	n;

	for (;;) {
		since = ms_since(&r->t0) - r->last_out;
		if (since >= quiet)
			break;
		if ((n = pump(r, quiet - (int)since, NULL, NULL)) < 0)
			die("command exited while running");
	}
	return (r->total - before);
}

static void
write_all(int fd, const char *s, size_t len)
{
	ssize_t	n;

	while (len > 0) {
		if ((n = write(fd, s, len)) == -1) {
			if (errno == EINTR)
				continue;
			die("write: %s", strerror(errno));
		}
		s += n;
		len -= (size_t)n;
	}
}

/*
 * One key step: output is already quiet; write the keys, then count
 * what comes back until quiet again.
 */
/* A step's keys, and the time they went, for --stamps. */
static double
send_step(struct run *r, struct step *st)
{
	struct timespec	now;
	double		sent;

	clock_gettime(CLOCK_MONOTONIC, &now);
	sent = ms_since(&r->t0);
	write_all(r->fd, st->keys, st->len);
	if (r->stamps != NULL)
		fprintf(r->stamps, "%lld\n", (long long)now.tv_sec *
		    1000000000LL + now.tv_nsec);
	return (sent);
}

/* One step of --interval: write, then read for interval ms. */
static void
press_paced(struct run *r, struct step *st, int interval)
{
	double	sent, left;
	size_t	before;

	sent = send_step(r, st);
	before = r->total;
	st->first = 0;
	while ((left = interval - (ms_since(&r->t0) - sent)) > 0) {
		if (pump(r, (int)left + 1, NULL, NULL) < 0)
			die("command exited while running");
		if (st->first == 0 && r->total > before)
			st->first = r->last_out - sent;
	}
	st->bytes = r->total - before;
	st->ms = st->bytes > 0 ? r->last_out - sent : 0;
}

static void
press(struct run *r, struct step *st, int quiet)
{
	double	sent;
	size_t	before;
	ssize_t	n;

	r->last_out = sent = send_step(r, st);
	/* The first bytes: when the answer starts to arrive. */
	before = r->total;
	st->first = 0;
	while (r->total == before && ms_since(&r->t0) - sent < quiet) {
		if ((n = pump(r, quiet, NULL, NULL)) < 0)
			die("command exited while running");
		if (r->total > before)
			st->first = r->last_out - sent;
	}
	st->bytes = (r->total - before) + wait_quiet(r, quiet);
	st->ms = st->bytes > 0 ? r->last_out - sent : 0;
}

/* Quit, drain until the child is gone; kill it after 5 s. */
static void
finish(struct run *r, const char *quit, size_t len)
{
	struct timespec	 nap = { 0, 10 * 1000 * 1000 };
	double		 deadline;
	int		 eof = 0;

	if (len > 0)
		write_all(r->fd, quit, len);
	deadline = ms_since(&r->t0) + 5000;
	for (;;) {
		reap(r, WNOHANG);
		if (r->exited)
			break;
		if (ms_since(&r->t0) >= deadline)
			die("command did not quit within 5 s; killed it");
		/*
		 * Keep reading so a child blocked on output can go on; the
		 * poll doubles as the wait.  Once the terminal is closed
		 * there is nothing to poll, so nap between checks.
		 */
		if (!eof && pump(r, 50, NULL, NULL) < 0)
			eof = 1;
		if (eof)
			nanosleep(&nap, NULL);
	}
}

static void
child(char **argv, const char *term)
{
	setenv("TERM", term, 1);
	/* Keep a caller's locale; otherwise one that can show UTF-8. */
	setenv("LC_ALL", "C.UTF-8", 0);
	execvp(argv[0], argv);
	fprintf(stderr, "%s: %s: %s\n", progname, argv[0], strerror(errno));
	_exit(127);
}

static void
parse_size(const char *s, struct winsize *ws)
{
	unsigned int	c, r;
	char		x;

	if (sscanf(s, "%u%c%u", &c, &x, &r) != 3 || (x != 'x' && x != 'X') ||
	    c < 1 || c > 1000 || r < 1 || r > 1000)
		die("bad size \"%s\" (want COLSxROWS)", s);
	ws->ws_col = (unsigned short)c;
	ws->ws_row = (unsigned short)r;
}

static long
parse_num(const char *s, long lo, long hi, const char *what)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi)
		die("bad %s \"%s\"", what, s);
	return (v);
}

int
main(int argc, char **argv)
{
	static struct step	 steps[MAX_STEPS];
	struct winsize		 ws = { 24, 80, 0, 0 };
	struct text		 until = { NULL, 0 }, after = { NULL, 0 };
	struct run		 r;
	const char		*term = "xterm-256color", *dumpf = NULL;
	const char		*stampf = NULL;
	char			*quit = NULL;
	size_t			 nsteps = 0, quitlen, i, sum = 0, silent = 0;
	long			 quiet = 200, timeout = 10, interval = 0;
	int			 cpu = 0, settle = 0, a, status;
	double			 first_ms = 0, settle_ms = 0;
	size_t			 bytes_first = 0, bytes_settle = 0;

	for (a = 1; a < argc && argv[a][0] == '-'; a++) {
		const char	*o = argv[a];

		if (strcmp(o, "--") == 0) {
			a++;
			break;
		}
		if (strcmp(o, "--cpu") == 0) {
			cpu = 1;
			continue;
		}
		if (strcmp(o, "--settle") == 0) {
			settle = 1;
			continue;
		}
		if (a + 1 >= argc)
			usage();
		if (strcmp(o, "--size") == 0)
			parse_size(argv[++a], &ws);
		else if (strcmp(o, "--term") == 0)
			term = argv[++a];
		else if (strcmp(o, "--until") == 0)
			until = text_arg(argv[++a]);
		else if (strcmp(o, "--after") == 0)
			after = text_arg(argv[++a]);
		else if (strcmp(o, "--keys") == 0) {
			if (nsteps == MAX_STEPS)
				die("more than %d --keys", MAX_STEPS);
			steps[nsteps].keys = argv[++a];
			steps[nsteps].len = unescape(steps[nsteps].keys);
			nsteps++;
		} else if (strcmp(o, "--quiet") == 0)
			quiet = parse_num(argv[++a], 1, 60000, "--quiet");
		else if (strcmp(o, "--timeout") == 0)
			timeout = parse_num(argv[++a], 1, 3600, "--timeout");
		else if (strcmp(o, "--quit") == 0)
			quit = argv[++a];
		else if (strcmp(o, "--dump") == 0)
			dumpf = argv[++a];
		else if (strcmp(o, "--stamps") == 0)
			stampf = argv[++a];
		else if (strcmp(o, "--interval") == 0)
			interval = parse_num(argv[++a], 1, 60000,
			    "--interval");
		else
			usage();
	}
	if (a >= argc)
		usage();
	if (after.s == NULL)
		after = until;
	if (nsteps > 0 && after.s == NULL && !settle)
		die("--keys needs --after, --until or --settle");
	if (quit == NULL)
		quit = strdup("q");
	if (quit == NULL)
		die("out of memory");
	quitlen = unescape(quit);

	memset(&r, 0, sizeof r);
	if (dumpf != NULL && (r.dump = fopen(dumpf, "w")) == NULL)
		die("%s: %s", dumpf, strerror(errno));
	if (stampf != NULL && (r.stamps = fopen(stampf, "w")) == NULL)
		die("%s: %s", stampf, strerror(errno));
	/* A write to a vanished child must be an error, not a signal. */
	signal(SIGPIPE, SIG_IGN);

	clock_gettime(CLOCK_MONOTONIC, &r.t0);
	if ((r.pid = forkpty(&r.fd, NULL, NULL, &ws)) == -1)
		die("forkpty: %s", strerror(errno));
	if (r.pid == 0)
		child(argv + a, term);
	child_pid = r.pid;

	if (until.s != NULL) {
		wait_text(&r, &until, timeout * 1e3);
		first_ms = r.last_out;
		bytes_first = r.total;
	}
	if (settle) {
		wait_output(&r, timeout * 1e3);
		wait_quiet(&r, (int)quiet);
		settle_ms = r.last_out;
		bytes_settle = r.total;
	}
	if (nsteps > 0) {
		if (after.s != NULL && after.s != until.s)
			wait_text(&r, &after, ms_since(&r.t0) + timeout * 1e3);
		wait_quiet(&r, (int)quiet);
		for (i = 0; i < nsteps; i++) {
			if (interval > 0)
				press_paced(&r, &steps[i], (int)interval);
			else
				press(&r, &steps[i], (int)quiet);
			sum += steps[i].bytes;
			if (steps[i].bytes == 0)
				silent++;
		}
	}
	finish(&r, quit, quitlen);
	if (r.dump != NULL && fclose(r.dump) == EOF)
		die("%s: %s", dumpf, strerror(errno));
	if (r.stamps != NULL && fclose(r.stamps) == EOF)
		die("%s: %s", stampf, strerror(errno));

	if (until.s != NULL)
		printf("first_screen_ms=%.3f bytes_first=%zu ", first_ms,
		    bytes_first);
	if (settle)
		printf("settle_ms=%.3f bytes_settle=%zu ", settle_ms,
		    bytes_settle);
	if (nsteps > 0) {
		printf("key_bytes=%zu key_ms=%.3f steps=%zu steps_bytes=%zu "
		    "silent_steps=%zu step_bytes=", steps[nsteps - 1].bytes,
		    steps[nsteps - 1].ms, nsteps, sum, silent);
		for (i = 0; i < nsteps; i++)
			printf("%s%zu", i ? "," : "", steps[i].bytes);
		printf(" step_first_ms=");
		for (i = 0; i < nsteps; i++)
			printf("%s%.3f", i ? "," : "", steps[i].first);
		putchar(' ');
	}
	if (cpu)
		printf("maxrss_kb=%ld ", r.ru.ru_maxrss);
	if (cpu)
		printf("cpu_ms=%.3f user_ms=%.3f sys_ms=%.3f ",
		    (r.ru.ru_utime.tv_sec + r.ru.ru_stime.tv_sec) * 1e3 +
		    (r.ru.ru_utime.tv_usec + r.ru.ru_stime.tv_usec) / 1e3,
		    r.ru.ru_utime.tv_sec * 1e3 + r.ru.ru_utime.tv_usec / 1e3,
		    r.ru.ru_stime.tv_sec * 1e3 + r.ru.ru_stime.tv_usec / 1e3);
	status = WIFEXITED(r.status) ? WEXITSTATUS(r.status) :
	    128 + WTERMSIG(r.status);
	printf("total_bytes=%zu exit=%d\n", r.total, status);
	/* The numbers of a run that failed are not worth collecting. */
	if (status != 0) {
		show_tail(&r);
		fprintf(stderr, "%s: command exited with status %d\n",
		    progname, status);
		return (1);
	}
	return (0);
}
