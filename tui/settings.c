/* The explorer's configuration file (settings.h). */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "label.h"
#include "settings.h"
#include "utf8.h"
#include "xmalloc.h"

/* The view names a first-view may give, in enum view_id's order (app.h). */
static const char *const view_names[] = { "ranking", "tree", "weights",
    "compare", "plot", "scenarios", "robustness" };

void
settings_init(struct settings *c)
{
	memset(c, 0, sizeof *c);
	c->first_view = -1;
	c->confirm_quit = -1;
	c->transitions = -1;
	c->lang = -1;
}

void
settings_free(struct settings *c)
{
	size_t	i;

	free(c->theme);
	free(c->columns);
	free(c->columns_at);
	for (i = 0; i < c->nwarn; i++)
		free(c->warn[i]);
	settings_init(c);
}

static void
warn(struct settings *c, const char *path, size_t line, const char *fmt,
    const char *arg)
{
	char	*msg;

	c->nwarn_all++;
	if (c->nwarn == SETTINGS_WARN_MAX)
		return;
	msg = xasprintf(fmt, arg);
	c->warn[c->nwarn++] = xasprintf("%s:%zu: %s", path, line, msg);
	free(msg);
}

void
settings_warn(struct settings *c, const char *fmt, ...)
{
	va_list	ap;

	c->nwarn_all++;
	if (c->nwarn == SETTINGS_WARN_MAX)
		return;
	va_start(ap, fmt);
	c->warn[c->nwarn++] = xvasprintf(fmt, ap);
	va_end(ap);
}


static int
yes_no(const char *v)
{
	if (strcmp(v, "yes") == 0 || strcmp(v, "true") == 0 ||
	    strcmp(v, "on") == 0)
		return (1);
	if (strcmp(v, "no") == 0 || strcmp(v, "false") == 0 ||
	    strcmp(v, "off") == 0)
		return (0);
	return (-1);
}

static void
setting(struct settings *c, const char *path, size_t line, const char *k,
    const char *v)
{
	enum cr_lang	l;
	size_t		i;
	int		b;

	if (strcmp(k, "theme") == 0) {
		if (*v == '\0') {
			warn(c, path, line, "theme: no name%s", "");
			return;
		}
		free(c->theme);
		c->theme = xstrdup(v);
	} else if (strcmp(k, "first-view") == 0) {
		for (i = 0; i < sizeof view_names / sizeof view_names[0]; i++)
			if (strcmp(v, view_names[i]) == 0)
				break;
		if (i == sizeof view_names / sizeof view_names[0])
			warn(c, path, line, "first-view: '%s' is not ranking, "
			    "tree, weights, compare, plot, scenarios or "
			    "robustness", v);
		else
			c->first_view = (int)i;
	} else if (strcmp(k, "confirm-quit") == 0) {
		if ((b = yes_no(v)) < 0)
			warn(c, path, line, "confirm-quit: '%s' is not yes "
			    "or no", v);
		else
			c->confirm_quit = b;
	} else if (strcmp(k, "transitions") == 0) {
		if ((b = yes_no(v)) < 0)
			warn(c, path, line, "transitions: '%s' is not yes "
			    "or no", v);
		else
			c->transitions = b;
	} else if (strcmp(k, "columns") == 0) {
		if (*v == '\0') {
			warn(c, path, line, "columns: none named%s", "");
			return;
		}
		free(c->columns);
		free(c->columns_at);
		c->columns = xstrdup(v);
		c->columns_at = xasprintf("%s:%zu", path, line);
	} else if (strcmp(k, "lang") == 0) {
		if (cr_lang_parse(v, &l) != 0)
			warn(c, path, line, "lang: '%s' is not zh or en", v);
		else
			c->lang = (int)l;
	} else
		warn(c, path, line, "unknown key '%s' (theme, first-view, "
		    "confirm-quit, transitions, columns, lang)", k);
}

void
settings_parse(struct settings *c, const char *path, const char *text)
{
	char	*copy = xstrdup(text), *p, *nl, *eq, *line;
	size_t	 n = 0;

	for (p = copy; p != NULL && *p != '\0'; p = nl) {
		n++;
		if ((nl = strchr(p, '\n')) != NULL)
			*nl++ = '\0';
		line = cr_trim(p);
		if (*line == '\0' || *line == '#')
			continue;
		if ((eq = strchr(line, '=')) == NULL) {
			warn(c, path, n, "not 'key = value': '%s'", line);
			continue;
		}
		*eq = '\0';
		setting(c, path, n, cr_trim(line), cr_trim(eq + 1));
	}
	free(copy);
}

static char *
settings_path(void)
{
	const char	*xdg = getenv("XDG_CONFIG_HOME");
	const char	*home = getenv("HOME");

	if (xdg != NULL && xdg[0] == '/')
		return (xasprintf("%s/cityrank/config", xdg));
	if (home != NULL && home[0] == '/')
		return (xasprintf("%s/.config/cityrank/config", home));
	return (NULL);
}

/* A config file is small: more than this is not one. */
#define SETTINGS_MAX	65536

char *
settings_load(struct settings *c)
{
	char	*path = settings_path(), *text;
	FILE	*fp;
	size_t	 n;

	if (path == NULL)
		return (NULL);
	if ((fp = fopen(path, "r")) == NULL) {
		if (errno != ENOENT)
			warn(c, path, 0, "cannot read it: %s", strerror(errno));
		free(path);
		return (NULL);
	}
	text = xmalloc(SETTINGS_MAX + 1);
	n = fread(text, 1, SETTINGS_MAX + 1, fp);
	if (ferror(fp) || n > SETTINGS_MAX)
		warn(c, path, 0, "%s", ferror(fp) ? "cannot read it" :
		    "larger than 64 kB: not read");
	else {
		text[n] = '\0';
		settings_parse(c, path, text);
	}
	fclose(fp);
	free(text);
	return (path);
}
