/*
 * What the terminal can do, from terminfo.  Apart from tui.c because
 * <term.h> defines capability names (lines, columns...) as macros.
 */
#include "config.h"

#include <curses.h>
#include <term.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "terminal.h"

int
terminal_usable(void)
{
	TERMINAL	*saved = cur_term;
	char		*cup;
	int		 err = 0, ok;

	if (setupterm(NULL, STDOUT_FILENO, &err) != OK)
		return (0);
	cup = tigetstr("cup");
	ok = cup != NULL && cup != (char *)-1 && tigetflag("gn") <= 0 &&
	    tigetflag("hc") <= 0;
	del_curterm(cur_term);
	set_curterm(saved);
	return (ok);
}

int
terminal_console(void)
{
	const char	*t = getenv("TERM");

	return (t != NULL && (strcmp(t, "linux") == 0 ||
	    strncmp(t, "linux-", 6) == 0));
}
