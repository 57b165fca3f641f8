/* Printing what a batch command built. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "emit.h"
#include "tables.h"
#include "xmalloc.h"

/* The terminal's columns when standard output is one, else 0. */
static int
term_width(void)
{
	struct winsize	 ws;
	const char	*env;
	long		 n;

	if (!isatty(STDOUT_FILENO))
		return (0);
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return (ws.ws_col);
	if ((env = getenv("COLUMNS")) != NULL && (n = atol(env)) > 0 &&
	    n < 10000)
		return ((int)n);
	return (80);
}

int
cli_print(struct cli *c, struct out_table *t)
{
	int	rc;

	if (c->format == OUT_TABLE && !c->wide)
		t->width = term_width();
	rc = out_print(t, c->format, stdout);

	out_free(t);
	return (rc == 0 ? CR_EXIT_OK : CR_EXIT_FAIL);
}

int
cli_print_table(struct cli *c, void (*build)(struct session *,
    struct out_table *))
{
	struct out_table	 t;

	out_init(&t);
	t.format = c->format;
	t.ascii = c->ascii;
	build(c->sess, &t);
	return (cli_print(c, &t));
}

void
cli_error(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	emit_verr(fmt, ap);
	va_end(ap);
}

int
cli_read_file(const char *path, off_t max, const char *what,
    const char *limit, char **buf, size_t *len, char **why)
{
	struct stat	 st;
	FILE		*fp;

	if ((fp = fopen(path, "rb")) == NULL) {
		*why = xasprintf("%s: %s", path, strerror(errno));
		return (-1);
	}
	if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size > max) {
		fclose(fp);
		*why = xasprintf("%s: not a %s (a regular file of at most %s)",
		    path, what, limit);
		return (-1);
	}
	*buf = xmalloc((size_t)st.st_size + 1);
	*len = fread(*buf, 1, (size_t)st.st_size, fp);
	if (ferror(fp)) {
		*why = xasprintf("%s: %s", path, strerror(errno));
		fclose(fp);
		free(*buf);
		*buf = NULL;
		return (-1);
	}
	fclose(fp);
	(*buf)[*len] = '\0';
	return (0);
}

/* Write text to path through a temporary file and a rename. */
int
cli_write_file(const char *path, const char *text, char **why)
{
	char	*tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
	size_t	 len = strlen(text), off = 0;
	ssize_t	 n = 0;
	int	 fd, e;

	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0666)) == -1) {
		*why = xasprintf("%s: %s", path, strerror(errno));
		free(tmp);
		return (-1);
	}
	/* A large file can take more than one write. */
	while (off < len && (n = write(fd, text + off, len - off)) > 0)
		off += (size_t)n;
	if (off < len || fsync(fd) != 0) {
		if (n == 0)
			errno = ENOSPC;
		e = errno;
		close(fd);
		unlink(tmp);
		*why = xasprintf("%s: %s", path, strerror(e));
		free(tmp);
		return (-1);
	}
	if (close(fd) != 0 || rename(tmp, path) != 0) {
		e = errno;
		unlink(tmp);
		*why = xasprintf("%s: %s", path, strerror(e));
		free(tmp);
		return (-1);
	}
	free(tmp);
	return (0);
}
