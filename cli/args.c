/* The commands and options tables; see args.h. */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "xmalloc.h"

/*
 * Every option getopt_long accepts.  The val is main.c's case; a val
 * that is a letter with short_too set is also accepted as -letter.
 */
const struct cli_option cli_options[] = {
	{ "db", 'd', 0, CLI_ARG_DATASET },
	{ "dataset", OPT_DATASET, 0, CLI_ARG_BUNDLED },
	{ "year", 'Y', 0, CLI_ARG_YEAR },
	{ "against", OPT_AGAINST, 0, CLI_ARG_YEAR },
	{ "recipe", OPT_RECIPE, 0, CLI_ARG_TEXT },
	{ "by", 'b', 0, CLI_ARG_NODE },
	{ "weights", 'w', 0, CLI_ARG_WEIGHTS },
	{ "scenario", 'S', 0, CLI_ARG_SCENARIO },
	{ "resume", 'R', 0, CLI_ARG_NONE },
	{ "preset", 'p', 0, CLI_ARG_PRESET },
	{ "normalize", 'n', 0, CLI_ARG_NORM },
	{ "normalise", 'n', 0, CLI_ARG_NORM },
	{ "normalize-leaf", OPT_NORMALIZE_LEAF, 0, CLI_ARG_WEIGHTS },
	{ "normalise-leaf", OPT_NORMALIZE_LEAF, 0, CLI_ARG_WEIGHTS },
	{ "aggregate", 'a', 0, CLI_ARG_AGG },
	{ "aggregate-level", OPT_AGGREGATE_LEVEL, 0, CLI_ARG_TEXT },
	{ "format", 'f', 0, CLI_ARG_FORMAT },
	{ "x", 'x', 0, CLI_ARG_AXIS },
	{ "y", 'y', 0, CLI_ARG_AXIS },
	{ "width", 'W', 0, CLI_ARG_NUMBER },
	{ "height", 'H', 0, CLI_ARG_NUMBER },
	{ "log-x", 'L', 0, CLI_ARG_NONE },
	{ "theme", 'T', 0, CLI_ARG_THEME },
	{ "ascii", 'A', 0, CLI_ARG_NONE },
	{ "lang", OPT_LANG, 0, CLI_ARG_LANG },
	{ "wide", OPT_WIDE, 0, CLI_ARG_NONE },
	{ "no-color", 'C', 0, CLI_ARG_NONE },
	{ "no-transitions", OPT_NO_TRANSITIONS, 0, CLI_ARG_NONE },
	{ "help", 'h', 1, CLI_ARG_NONE },
	{ "version", 'V', 1, CLI_ARG_NONE },
	/* import */
	{ "data", 'D', 0, CLI_ARG_FILE },
	{ "meta", 'M', 0, CLI_ARG_FILE },
	{ "output", 'o', 1, CLI_ARG_FILE },
	{ "force", 'F', 0, CLI_ARG_NONE },
	{ "denominate", OPT_DENOMINATE, 0, CLI_ARG_NONE },
	{ "impute", OPT_IMPUTE, 0, CLI_ARG_TEXT },
	{ "screen", OPT_SCREEN, 0, CLI_ARG_NUMBER },
	{ "treat", OPT_TREAT, 0, CLI_ARG_TEXT },
	/* scenario */
	{ "note", 'N', 0, CLI_ARG_TEXT },
	/* rank --flips; target, stability */
	{ "flips", 'P', 0, CLI_ARG_NONE },
	{ "rank", 'K', 0, CLI_ARG_NUMBER },
	{ "above", 'B', 0, CLI_ARG_CITY },
	{ "range", 'G', 0, CLI_ARG_NONE },
	{ "level", 'E', 0, CLI_ARG_NODE },
	{ "floor", 'O', 0, CLI_ARG_NUMBER },
	{ "norm", 'Z', 0, CLI_ARG_TEXT },
	{ "time-limit", 'I', 0, CLI_ARG_NUMBER },
	/* robust */
	{ "samples", OPT_SAMPLES, 0, CLI_ARG_NUMBER },
	{ "noise", OPT_NOISE, 0, CLI_ARG_NUMBER },
	{ "dirichlet", OPT_DIRICHLET, 0, CLI_ARG_NUMBER },
	{ "vary", OPT_VARY, 0, CLI_ARG_TEXT },
	{ "norms", OPT_NORMS, 0, CLI_ARG_TEXT },
	{ "aggs", OPT_AGGS, 0, CLI_ARG_TEXT },
	{ "top", OPT_TOP, 0, CLI_ARG_NUMBER },
	{ "seed", OPT_SEED, 0, CLI_ARG_NUMBER },
	{ "threads", OPT_THREADS, 0, CLI_ARG_NUMBER },
	{ "part", OPT_PART, 0, CLI_ARG_TEXT },
	{ "merge", OPT_MERGE, 0, CLI_ARG_NONE },
	{ "sobol", OPT_SOBOL, 0, CLI_ARG_NONE },
	{ "unit", OPT_UNIT, 0, CLI_ARG_CITY },
	{ NULL, 0, 0, CLI_ARG_NONE }
};

/* Every command; with no command on a terminal, the explorer opens. */
const struct cli_command cli_commands[] = {
	{ "rank", cmd_rank, 1, CLI_ARG_NONE, 0, NULL },
	{ "show", cmd_show, 0, CLI_ARG_CITY, 1, NULL },
	{ "tree", cmd_tree, 0, CLI_ARG_NONE, 0, NULL },
	{ "compare", cmd_compare, 1, CLI_ARG_CITY, 4, NULL },
	{ "scatter", cmd_scatter, 1, CLI_ARG_NONE, 0, NULL },
	{ "import", cmd_import, 0, CLI_ARG_NONE, 0, NULL },
	{ "scenario", cmd_scenario, 1, CLI_ARG_NONE, 0,
	    cli_scenario_commands },
	{ "check", cmd_check, 0, CLI_ARG_NONE, 0, NULL },
	{ "datasets", cmd_datasets, 0, CLI_ARG_NONE, 0, NULL },
	{ "target", cmd_target, 1, CLI_ARG_CITY, 1, NULL },
	{ "stability", cmd_stability, 1, CLI_ARG_CITY, 1, NULL },
	{ "robust", cmd_robust, 1, CLI_ARG_FILE, 64, NULL },
	{ "present", cmd_present, 1, CLI_ARG_FILE, 1, NULL },
	{ NULL, NULL, 0, CLI_ARG_NONE, 0, NULL }
};

const struct cli_command *
cli_command_find(const struct cli_command *t, const char *name)
{
	for (; t->name != NULL; t++)
		if (strcmp(t->name, name) == 0)
			return (t);
	return (NULL);
}

char *
cli_command_list(const struct cli_command *t)
{
	char	*s = xstrdup(""), *next;
	size_t	 i, n;

	for (n = 0; t[n].name != NULL; n++)
		continue;
	for (i = 0; i < n; i++) {
		next = xasprintf("%s%s%s", s, i == 0 ? "" : i + 1 == n ?
		    " or " : ", ", t[i].name);
		free(s);
		s = next;
	}
	return (s);
}

const struct cli_option *
cli_option_find(const char *name)
{
	const struct cli_option	*o;

	for (o = cli_options; o->name != NULL; o++)
		if (strcmp(o->name, name) == 0)
			return (o);
	return (NULL);
}

const struct cli_option *
cli_option_short(int c)
{
	const struct cli_option	*o;

	for (o = cli_options; o->name != NULL; o++)
		if (o->short_too && o->val == c)
			return (o);
	return (NULL);
}

struct option *
cli_getopt_longs(void)
{
	struct option	*l;
	size_t		 i, n;

	for (n = 0; cli_options[n].name != NULL; n++)
		continue;
	l = xcalloc(n + 1, sizeof *l);
	for (i = 0; i < n; i++) {
		l[i].name = cli_options[i].name;
		l[i].has_arg = cli_options[i].arg == CLI_ARG_NONE ?
		    no_argument : required_argument;
		l[i].val = cli_options[i].val;
	}
	return (l);
}

/* ':' first: a missing value is reported as such, not as unknown. */
char *
cli_getopt_shorts(void)
{
	const struct cli_option	*o;
	char			*s, *p;
	size_t			 n;

	for (n = 0; cli_options[n].name != NULL; n++)
		continue;
	p = s = xmalloc(2 * n + 2);
	*p++ = ':';
	for (o = cli_options; o->name != NULL; o++) {
		if (!o->short_too)
			continue;
		*p++ = (char)o->val;
		if (o->arg != CLI_ARG_NONE)
			*p++ = ':';
	}
	*p = '\0';
	return (s);
}
