/*
 * What cityrank takes on its command line: its commands and its options,
 * one table each.  The option parser, the messages that list commands and
 * shell completion (complete.c) all read these tables, so a new command
 * or option is one entry here (and its case in main.c's parser), and the
 * completion can never offer what getopt would refuse.
 */
#ifndef CR_ARGS_H
#define CR_ARGS_H

#include <stddef.h>

struct cli;
struct option;

/* Long options without a short letter: codes past any character. */
enum {
	OPT_SAMPLES = 0x100, OPT_NOISE, OPT_DIRICHLET, OPT_VARY, OPT_NORMS,
	OPT_AGGS, OPT_TOP, OPT_SEED, OPT_THREADS, OPT_PART, OPT_MERGE,
	OPT_SOBOL, OPT_UNIT, OPT_DENOMINATE, OPT_IMPUTE, OPT_SCREEN, OPT_TREAT,
	OPT_WIDE, OPT_DATASET, OPT_AGAINST, OPT_NO_TRANSITIONS, OPT_RECIPE,
	OPT_LANG, OPT_NORMALIZE_LEAF, OPT_AGGREGATE_LEVEL
};

/* What a value or an argument is: what completion offers for it. */
enum cli_arg {
	CLI_ARG_NONE,		/* an option without a value; no arguments */
	CLI_ARG_TEXT,		/* free text (a new name, a note): nothing */
	CLI_ARG_NUMBER,		/* a number: nothing */
	CLI_ARG_FILE,		/* a path: the shell completes file names */
	CLI_ARG_DATASET,	/* a data set file: the one names come from */
	CLI_ARG_BUNDLED,	/* a bundled data set's name: the same */
	CLI_ARG_FORMAT,		/* an output format */
	CLI_ARG_NORM,		/* a normalisation method */
	CLI_ARG_AGG,		/* an aggregation method */
	CLI_ARG_THEME,		/* a theme's name, or a file */
	CLI_ARG_PRESET,		/* a preset of the data set */
	CLI_ARG_SCENARIO,	/* a saved scenario or a preset, or a file */
	CLI_ARG_SAVED,		/* a saved scenario */
	CLI_ARG_YEAR,		/* a period of the data set (and loads it) */
	CLI_ARG_NODE,		/* a node's code */
	CLI_ARG_WEIGHTS,	/* CODE=W,... */
	CLI_ARG_AXIS,		/* a node or a numeric context variable */
	CLI_ARG_CITY,		/* a unit: Chinese or pinyin name, or code */
	CLI_ARG_LANG		/* the language of names: zh or en */
};

struct cli_option {
	const char	*name;		/* the long name, without "--" */
	int		 val;		/* what getopt_long returns */
	int		 short_too;	/* also given as -val */
	enum cli_arg	 arg;		/* CLI_ARG_NONE: takes no value */
};

struct cli_command {
	const char	*name;
	int		(*fn)(struct cli *);
	int		 by;		/* --by applies to it */
	enum cli_arg	 args;		/* what its arguments are */
	int		 max_args;	/* how many of them (-1: any) */
	/* Its subcommands (NULL-terminated), named by the first argument. */
	const struct cli_command *subs;
};

/* Both NULL-terminated (name). */
extern const struct cli_option	 cli_options[];
extern const struct cli_command	 cli_commands[];
extern const struct cli_command	 cli_scenario_commands[];

/* The command or subcommand of that name in a table, or NULL. */
const struct cli_command *cli_command_find(const struct cli_command *,
	    const char *name);
/* "rank, show, ... or check", for messages.  Caller frees. */
char	*cli_command_list(const struct cli_command *);
/* The option of that long name, or NULL. */
const struct cli_option *cli_option_find(const char *name);
/* The option given as -c, or NULL. */
const struct cli_option *cli_option_short(int c);
/*
 * getopt_long's tables, made from cli_options: the long options
 * (terminated) and the short option string (":hVo:").  Caller frees.
 */
struct option *cli_getopt_longs(void);
char	*cli_getopt_shorts(void);

#endif
