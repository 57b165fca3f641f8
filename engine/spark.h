/*
 * A sparkline: a series drawn as one line of text, one character a
 * value.  Pure C: no ncurses.
 */
#ifndef CR_SPARK_H
#define CR_SPARK_H

#include <stddef.h>

/*
 * Each value is drawn as high as its place t between the series' least
 * (t = 0) and greatest (t = 1) value: level floor(t (L - 1) + 0.5) of L
 * levels, the block eighths ▁▂▃▄▅▆▇█ (L = 8) or, with ascii, "_.-^"
 * (L = 4).  A series without spread has t = 1/2; NAN (and infinities)
 * are a blank and do not count for the least and greatest.  With
 * invert the least is drawn highest: ranks, 1 the best, on top.
 * Returns a malloc'd UTF-8 string of n characters.
 */
char	*cr_spark(const double *v, size_t n, int invert, int ascii);

#endif
