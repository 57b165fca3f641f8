/* The one way out: what reaches a terminal or a pipe is made safe here. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "utf8.h"
#include "xmalloc.h"

/* Write as is when safe, as most output is; else its visible form. */
static int
put_clean(FILE *fp, const char *s, size_t len, int flags)
{
	char	*clean;
	size_t	 n;

	if (cr_unsafe_at(s, len, flags) == len)
		n = fwrite(s, 1, len, fp) == len ? 0 : 1;
	else {
		clean = cr_sanitize_len(s, len, flags);
		len = strlen(clean);
		n = fwrite(clean, 1, len, fp) == len ? 0 : 1;
		free(clean);
	}
	return (n != 0 || ferror(fp) ? -1 : 0);
}

int
emit_write(FILE *fp, const char *s, size_t len)
{
	return (put_clean(fp, s, len, CR_KEEP_NL));
}

int
emit_text(FILE *fp, const char *s)
{
	return (emit_write(fp, s, strlen(s)));
}

int
emit_vline(FILE *fp, const char *fmt, va_list ap)
{
	char	*s, *clean;
	size_t	 len;
	int	 rc;

	s = xvasprintf(fmt, ap);
	clean = cr_sanitize_len(s, strlen(s), 0);
	free(s);
	/* The newline in the same write: stderr is unbuffered. */
	len = strlen(clean);
	clean = xreallocarray(clean, len + 2, 1);
	clean[len++] = '\n';
	rc = fwrite(clean, 1, len, fp) == len && !ferror(fp) ? 0 : -1;
	free(clean);
	return (rc);
}

int
emit_line(FILE *fp, const char *fmt, ...)
{
	va_list	ap;
	int	rc;

	va_start(ap, fmt);
	rc = emit_vline(fp, fmt, ap);
	va_end(ap);
	return (rc);
}

void
emit_verr(const char *fmt, va_list ap)
{
	char	*s;

	s = xvasprintf(fmt, ap);
	emit_line(stderr, "cityrank: %s", s);
	free(s);
}

void
emit_err(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	emit_verr(fmt, ap);
	va_end(ap);
}

/*
 * A status line on a terminal, drawn over by the next: the text made
 * safe as any line, after a carriage return and before an erase to the
 * end of the line.  The two controls are the layer's own, never data's,
 * and a caller uses this only when the stream is a terminal.
 */
int
emit_status(FILE *fp, const char *fmt, ...)
{
	va_list	 ap;
	char	*s, *clean;
	int	 rc;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	clean = cr_sanitize_len(s, strlen(s), 0);
	free(s);
	rc = fprintf(fp, "\r%s\033[K", clean) < 0 || fflush(fp) != 0 ? -1 : 0;
	free(clean);
	return (rc);
}

/* The status line erased, the cursor back at its start. */
int
emit_clear(FILE *fp)
{
	return (fputs("\r\033[K", fp) < 0 || fflush(fp) != 0 ? -1 : 0);
}
