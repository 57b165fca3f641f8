/*
 * The explorer's own timeline, for benchmarks: with CITYRANK_TRACE set
 * to a file, a line for every key read ("K ns key") and every frame
 * drawn ("F ns hurried"), CLOCK_MONOTONIC in ns.  bench/ptyrun
 * --stamps writes the times keys were typed on the same clock, so a
 * key's answer time is from its stamp to the first frame after it was
 * read (bench/keylat.sh).
 */
#ifndef TUI_TRACE_H
#define TUI_TRACE_H

void	trace_open(void);
void	trace_key(int key);
void	trace_frame(int hurried);
void	trace_close(void);

#endif
