/*
 * libFuzzer target: parse the input as a theme file over the built-in
 * theme and check what theme.h promises: a rejected file leaves the
 * theme as it was and says why, an accepted one holds only colours and
 * attributes that can be written, and every colour resolves to
 * something the terminal can show (or THEME_NONE) at 8, 256 and direct
 * colours.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "theme.h"

#define ALL_ATTRS	(THEME_A_BOLD | THEME_A_REVERSE | THEME_A_UNDERLINE | \
			    THEME_A_DIM | THEME_A_ITALIC)

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_color(const struct theme_color *c)
{
	static const int	 colors[] = { 8, 256, 1 << 24 };
	size_t			 i;
	int			 a, r;

	if (c->n < 1 || c->n > THEME_ALTS)
		abort();
	for (a = 0; a < c->n; a++) {
		if (c->rgb[a] >= 0) {
			if (c->rgb[a] > 0xffffff ||
			    c->index[a] != THEME_DEFAULT)
				abort();
		} else if (c->rgb[a] != -1 || c->index[a] < THEME_DEFAULT ||
		    c->index[a] > 255)
			abort();
	}
	for (i = 0; i < sizeof colors / sizeof colors[0]; i++) {
		r = theme_resolve(c, colors[i]);
		if (r != THEME_NONE && r != THEME_DEFAULT &&
		    (r < 0 || r >= colors[i]))
			abort();
	}
}

static void
check_theme(const struct theme *t)
{
	int	r;

	if (memchr(t->name, '\0', sizeof t->name) == NULL)
		abort();
	for (r = 0; r < ROLE_COUNT; r++) {
		if ((t->role[r].attrs & ~(unsigned)ALL_ATTRS) != 0 ||
		    (t->role[r].set != 0 && t->role[r].set != 1))
			abort();
		check_color(&t->role[r].fg);
		check_color(&t->role[r].bg);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct theme	 orig;
	static int		 init;
	struct theme		 t;
	char			*cause = NULL;
	int			 rc;

	if (!init) {
		theme_default(&orig);
		check_theme(&orig);
		init = 1;
	}
	theme_default(&t);
	if (memcmp(&t, &orig, sizeof t) != 0)
		abort();
	rc = theme_parse(&t, (const char *)data, size, &cause);
	if (rc == -1) {
		/* "LINE: message" */
		if (cause == NULL || cause[0] < '1' || cause[0] > '9' ||
		    memcmp(&t, &orig, sizeof t) != 0)
			abort();
	} else if (rc != 0 || cause != NULL)
		abort();
	check_theme(&t);
	free(cause);
	return 0;
}
