/*
 * cityrank --version: the version, the licence, and the version of each
 * library as it runs (the shared library loaded, not the headers built
 * against), which is what a bug report needs.  A library linked later is
 * one line in libs[].
 */
#include "config.h"

#include <stdio.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <sqlite3.h>
#include <xxhash.h>

#include "cli.h"
#include "emit.h"
#include "lp.h"
#include "mc.h"
#include "tui.h"

static const char licence_text[] =
"Copyright (C) 2026 the cityrank developers.\n"
"License GPLv3+: GNU GPL version 3 or later "
"<https://gnu.org/licenses/gpl.html>.\n"
"This is free software: you are free to change and redistribute it.\n"
"There is NO WARRANTY, to the extent permitted by law.\n";

static const char *
pcre2_version(void)
{
	static char	buf[64];

	if (pcre2_config(PCRE2_CONFIG_VERSION, buf) < 0)
		return ("unknown");
	return (buf);
}

static const char *
xxhash_version(void)
{
	static char	buf[32];
	unsigned	v = XXH_versionNumber();

	snprintf(buf, sizeof buf, "%u.%u.%u", v / 10000, v / 100 % 100,
	    v % 100);
	return (buf);
}

static const struct {
	const char	*name;
	const char	*(*version)(void);
} libs[] = {
	{ "SQLite", sqlite3_libversion },
	{ "ncurses", tui_curses_version },
	{ "PCRE2", pcre2_version },
	{ "xxHash", xxhash_version },
	{ "GLPK", cr_lp_version },
	{ "GSL", cr_mc_rng_version },
};

int
cli_version(void)
{
	size_t	i;

	emit_line(stdout, "cityrank %s", PACKAGE_VERSION);
	emit_text(stdout, licence_text);
	emit_line(stdout, "%s", "");
	emit_line(stdout, "%s", "Libraries in use:");
	for (i = 0; i < sizeof libs / sizeof libs[0]; i++)
		emit_line(stdout, "  %-8s %s", libs[i].name, libs[i].version());
	return (0);
}
