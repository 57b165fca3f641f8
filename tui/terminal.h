/* What the terminal can do, asked of terminfo before ncurses starts. */
#ifndef CR_TERMINAL_H
#define CR_TERMINAL_H

/*
 * 1 when TERM names a terminal the explorer can draw on: one terminfo
 * knows, that can move the cursor and is neither generic (dumb) nor
 * hardcopy.  initscr() would print its own message and exit 1 for an
 * unknown one, and on a dumb one draw only a status line.
 */
int	terminal_usable(void);
/*
 * 1 on the Linux console (TERM=linux...), whose font draws neither CJK
 * nor braille nor block elements: the explorer then draws in ASCII,
 * with pinyin names.
 */
int	terminal_console(void);

#endif
