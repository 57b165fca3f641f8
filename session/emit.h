/*
 * The one way out.  Every byte cityrank writes to standard output or
 * standard error, and every exported table, passes through emit_write,
 * which lets through only what cannot command a terminal or reorder a
 * line: valid UTF-8 with no control but the newline, no C1 control, no
 * bidirectional control, separator or byte order mark (cr_cp_hidden).
 * Anything else is made visible as cr_sanitize does ("^[", "<U+202E>",
 * "\xff").  A format escapes in its own way first (JSON's \u202e, a
 * table's "^[" fitted to its column); on text already safe the pass
 * changes nothing, so no caller has to remember to sanitise.
 */
#ifndef CR_EMIT_H
#define CR_EMIT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/* len bytes of lines: newlines kept.  -1 on a write error. */
int	emit_write(FILE *, const char *, size_t);
/* A string of lines. */
int	emit_text(FILE *, const char *);
/*
 * One line, formatted: a newline inside it (from data) is shown as
 * "^J", so what was one line stays one; the newline is added.
 */
int	emit_line(FILE *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
int	emit_vline(FILE *, const char *fmt, va_list)
	    __attribute__((format(printf, 2, 0)));
/*
 * A status line (progress) on a stream that is a terminal: each call
 * draws over the last; emit_clear() erases it.
 */
int	emit_status(FILE *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
int	emit_clear(FILE *);
/* "cityrank: " and one line on standard error. */
void	emit_err(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2)));
void	emit_verr(const char *fmt, va_list)
	    __attribute__((format(printf, 1, 0)));

#endif
