/*
 * UTF-8 text measured by display columns, independent of the locale:
 * East Asian wide and fullwidth characters are two columns, combining
 * marks zero.  Sanitising makes control characters and invalid bytes
 * visible, so a string from data can never command the terminal.
 */
#ifndef CR_UTF8_H
#define CR_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decode one character; returns bytes used (>= 1) or -1 when invalid. */
int	 cr_utf8_decode(const char *s, size_t len, uint32_t *cp);
/* 1 when all of s is UTF-8 without overlongs, surrogates or > U+10FFFF. */
int	 cr_utf8_valid(const char *s, size_t len);
/* Columns of one code point: 0, 1 or 2; -1 for a control character. */
int	 cr_cp_width(uint32_t cp);
/* Columns of a sanitised string (controls count as their visible form). */
int	 cr_utf8_width(const char *s);
/*
 * Bytes of the longest prefix of s that fits cols display columns as
 * drawn (sanitised), never splitting a character, and one character at
 * least when s is not empty: where to wrap a line.
 */
size_t	 cr_utf8_prefix(const char *s, int cols);
/*
 * Where to end a line of at most cols columns of s: after the last
 * space that fits when there is one, else cr_utf8_prefix(); all of s
 * when it fits.  The next line starts past the spaces there.
 */
size_t	 cr_utf8_wrap(const char *s, int cols);
/*
 * 1 for a code point that must never reach a terminal raw: C0 controls,
 * DEL and C1 controls, which can command it; the bidirectional controls
 * and marks (U+061C, U+200E, U+200F, U+202A-202E, U+2066-2069), which
 * reorder a line invisibly; the line and paragraph separators (U+2028,
 * U+2029) and the byte order mark (U+FEFF), which split or hide text.
 */
int	 cr_cp_hidden(uint32_t cp);
/*
 * A new string where C0 controls (tab too) and DEL become ^X (ESC is
 * "^[", DEL "^?"), the other hidden code points (cr_cp_hidden) become
 * "<U+009B>", and each invalid UTF-8 byte becomes "\xff".  Applied
 * twice it changes nothing more.  Caller frees.
 */
char	*cr_sanitize(const char *s);
/* Keep the newline: text of several lines (cr_sanitize_len). */
#define CR_KEEP_NL	0x1
/* The same for len bytes, NUL bytes too (shown "^@"). */
char	*cr_sanitize_len(const char *s, size_t len, int flags);
/*
 * Offset of the first byte of s that cr_sanitize_len would change, or
 * len when it would change nothing: s is safe for a terminal.
 */
size_t	 cr_unsafe_at(const char *s, size_t len, int flags);
/*
 * Sanitise, then fit into exactly `cols` columns: truncate with a
 * trailing "…" (or "~" when ascii is set) and pad with spaces; align
 * right when right is set.  A wide character never straddles the edge.
 */
char	*cr_fit(const char *s, int cols, int right, int ascii);
/* Case-insensitive ASCII compare, for codes and pinyin. */
int	 cr_strcasecmp_ascii(const char *, const char *);
/* s without the spaces around it, in place; a pointer into s. */
char	*cr_trim(char *s);
/* [*s, *end) without the spaces around it. */
void	 cr_trim_span(const char **s, const char **end);

#endif
