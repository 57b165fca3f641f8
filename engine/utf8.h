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
 * A new string where C0 controls (tab too) and DEL become ^X (ESC is
 * "^[", DEL "^?"), C1 controls and the bidi controls U+202A-202E and
 * U+2066-2069 become "<U+009B>", and each invalid UTF-8 byte becomes
 * "\xff".  Caller frees.
 */
char	*cr_sanitize(const char *s);
/*
 * Sanitise, then fit into exactly `cols` columns: truncate with a
 * trailing "…" (or "~" when ascii is set) and pad with spaces; align
 * right when right is set.  A wide character never straddles the edge.
 */
char	*cr_fit(const char *s, int cols, int right, int ascii);
/* Case-insensitive ASCII compare, for codes and pinyin. */
int	 cr_strcasecmp_ascii(const char *, const char *);

#endif
