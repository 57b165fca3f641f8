/*
 * The scenario file: one saved scenario as UTF-8 text, a line per
 * field, that a planner mails to a colleague and reads by eye before
 * importing it.  The format is described in doc/scenarios.md.  Pure C:
 * the text comes in and goes out as strings; numbers are read and
 * written with a '.' whatever the locale, so a file reads the same
 * everywhere.
 */
#ifndef CR_SAVED_TEXT_H
#define CR_SAVED_TEXT_H

#include <stddef.h>

#include "saved.h"

/* Longest line read, in bytes without the line ending. */
#define CR_SAVED_LINE_MAX	32768
/* The title and the period are at most this many bytes, as a note. */
#define CR_SAVED_TEXT_MAX	CR_SAVED_NOTE_MAX
/* A data set's hash is 1 to this many hex digits. */
#define CR_SAVED_HASH_MAX	128

/*
 * The text of a scenario; the caller frees it.  It is valid UTF-8 and
 * holds no control character but the newline ending each line: in the
 * name, note, title and period, backslash, newline, tab and carriage
 * return are written \\ \n \t \r, and other control characters (C0,
 * DEL, C1), bidirectional controls, line and paragraph separators and
 * U+FEFF as \u{XXXX}, as is a space that begins or ends the value.
 * Bytes that are not UTF-8 are written as U+FFFD.  Weights and min-max
 * bounds are written in the fewest digits that read back bit for bit.
 *
 * Parsing the text gives back an equal scenario (every string, weight
 * and bound bit for bit; for a method other than min-max the bounds
 * read back as 0 and 100) whenever the scenario is one that
 * cr_saved_parse() could return: a name that passes
 * cr_saved_check_name() (an unnamed last state, "", does not), at
 * least one weight, codes and weights as cr_saved_add() takes them, a
 * hex hash, a note, title and period within their limits, valid
 * UTF-8, and a modified time in the form that function describes.
 */
char	*cr_saved_format(const struct cr_saved *);

/*
 * Read a scenario file of len bytes (it need not end in NUL).  On
 * success *out gets a new scenario; on error, -1 and *cause, "FILE:LINE:
 * message" with the filename sanitised, and *out is left alone.
 *
 * Strict: the first line must say "format = cityrank-scenario 1" (a
 * higher number is reported as a newer format); then KEY = VALUE lines
 * with the keys name, dataset, normalize and aggregate required and
 * note, title, period and modified optional (absent, they are ""),
 * each once; then "[weights]" and at least one CODE = WEIGHT line.
 * Blank lines and lines starting with '#' are skipped, and blanks
 * around keys and values.  Refused: unknown or repeated keys and codes,
 * a weight or bound that is not a plain decimal number (no hex, inf or
 * nan, nothing that overflows or that rounds to 0 from a non-zero
 * literal), a weight outside 0 to CR_WEIGHT_MAX, a bad escape, a name
 * that cr_saved_check_name() refuses, a note, title or period over its
 * limit, a NUL byte, invalid UTF-8, a raw control character (a tab is
 * a blank outside values), and a line over CR_SAVED_LINE_MAX bytes.
 * Lines may end in CRLF, and the text may start with a UTF-8 BOM.
 * modified, when given, is UTC in the form 2024-05-01T09:30:00Z, with
 * an optional fraction of a second (.5 to .123456789) before the Z.
 */
int	 cr_saved_parse(const char *text, size_t len, const char *filename,
	    struct cr_saved **out, char **cause);

#endif
