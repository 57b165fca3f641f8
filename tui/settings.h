/*
 * The explorer's configuration file, $XDG_CONFIG_HOME/cityrank/config
 * (else ~/.config/cityrank/config): lines of "key = value", # comments.
 * Options on the command line win over it.  An unknown key or a bad
 * value is a FILE:LINE warning, and that setting keeps its default.
 */
#ifndef CR_SETTINGS_H
#define CR_SETTINGS_H

#include <stddef.h>

#define SETTINGS_WARN_MAX	8

struct settings {
	char	*theme;		/* a theme's name or file, or NULL */
	int	 first_view;	/* enum view_id, or -1: the ranking */
	int	 confirm_quit;	/* 1 ask, 0 do not, -1 unset */
	int	 transitions;	/* slides' rows move: 1, 0, -1 unset */
	/*
	 * The ranking's columns, "code,code,...", checked against the
	 * data set when it is open; where it was set, "FILE:LINE".
	 */
	char	*columns;
	char	*columns_at;
	int	 lang;		/* enum cr_lang of names, or -1 unset */
	char	*warn[SETTINGS_WARN_MAX];
	size_t	 nwarn;		/* warnings kept; more are counted */
	size_t	 nwarn_all;
};

void	settings_init(struct settings *);
void	settings_free(struct settings *);
/* Parse text read from path (for the warnings' FILE:LINE). */
void	settings_parse(struct settings *, const char *path, const char *text);
/* One more warning, written out whole ("FILE:LINE: ..."). */
void	settings_warn(struct settings *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/*
 * Read the user's file, if there is one; a file that cannot be read is
 * a warning too.  The path read, or NULL (malloc'd).
 */
char	*settings_load(struct settings *);

#endif
