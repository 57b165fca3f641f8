/* Batch commands: one question, one answer on standard output. */
#ifndef CR_CLI_H
#define CR_CLI_H

#include <sys/types.h>

#include "datasets.h"
#include "out.h"
#include "progress.h"
#include "session.h"
#include "tui.h"

/* Exit statuses. */
#define CR_EXIT_OK	0
#define CR_EXIT_FAIL	1	/* runtime: bad database, I/O */
#define CR_EXIT_USAGE	2	/* bad option or argument */
#define CR_EXIT_INTERRUPTED 130	/* stopped by SIGINT, as a shell reports */

/* robust's options, as given: cmd_robust.c checks them. */
struct robust_opts {
	const char	*samples, *noise, *dirichlet, *level, *vary;
	const char	*norms, *aggs, *top, *seed, *threads, *part, *unit;
	int		 merge, sobol;
};

/* A batch command's options, set up once by main; the state is the session's. */
struct cli {
	struct session		*sess;		/* NULL for import */
	enum out_format		 format;
	int			 ascii;
	int			 lang;		/* enum cr_lang, -1: none */
	int			 wide;		/* --wide: no fitting */
	char			**args;		/* after the command name */
	int			 nargs;
	/* scatter */
	const char		*x_code, *y_code;
	int			 width, height, log_x;
	/* import: the two COINr tables and the data set to write */
	const char		*import_data, *import_meta, *import_out;
	int			 import_force;
	/* import: the preparation, as given (cmd_import parses them) */
	int			 import_denominate;
	const char		*import_impute, *import_screen;
	const char		*import_treat;
	/* check: the data set file to check */
	char			*check_path;
	/* scenario: the options that make one */
	const char		*note;
	const char		*scenario_out;	/* export -o */
	int			 force;
	/* rank --flips; target and stability (doc/target.md) */
	int			 flips;
	int			 target_k;	/* --rank K, 0: none */
	const char		*target_above;	/* --above UNIT */
	const char		*level;		/* --level CODE|DEPTH */
	double			 floor;		/* --floor, a fraction */
	int			 tnorm;		/* enum cr_tnorm */
	int			 range;		/* --range */
	double			 seconds;	/* --time-limit */
	/* robust */
	struct robust_opts	 robust;
	const char		*output;	/* robust --part -o */
	/* present: a handout (--format md|txt); the explorer's looks */
	int			 handout;
	struct tui_opts		 tui;	/* its ascii is set with ascii */
};

int	cmd_rank(struct cli *);
int	cmd_show(struct cli *);
int	cmd_tree(struct cli *);
int	cmd_compare(struct cli *);
int	cmd_scatter(struct cli *);
/* Needs no data set loaded: ds, sc and scores are NULL. */
int	cmd_import(struct cli *);
int	cmd_scenario(struct cli *);
int	cmd_target(struct cli *);
int	cmd_stability(struct cli *);
int	cmd_robust(struct cli *);
int	cmd_present(struct cli *);
/* Loads no data set: it checks one (check_path). */
int	cmd_check(struct cli *);
/* Loads each bundled data set in turn, not one for the session. */
int	cmd_datasets(struct cli *);

/* Build a table for the options' format and print it to standard output. */
int	cli_print_table(struct cli *,
	    void (*fn)(struct session *, struct out_table *));
/* The same for a table built already; frees it. */
int	cli_print(struct cli *, struct out_table *);
/* A scenario file: -1 with 'FILE:LINE: message' when it is not one. */
int	cli_read_scenario(const char *path, struct cr_saved **, char **cause);
/* cityrank --version: the version, the licence, the libraries in use. */
int	cli_version(void);
/* The hidden command the shells' completion scripts run (complete.c). */
#define CLI_COMPLETE	"__complete"
/* cityrank __keys man|md|text: the explorer's key tables as text. */
#define CLI_KEYS	"__keys"
int	cli_complete(int nwords, char **words);
/*
 * A whole regular file of at most max bytes, NUL-terminated: -1 and
 * *why "PATH: not a WHAT (a regular file of at most LIMIT)" else.
 */
int	cli_read_file(const char *path, off_t max, const char *what,
	    const char *limit, char **buf, size_t *len, char **why);
/* Write text to path through a temporary file and a rename. */
int	cli_write_file(const char *path, const char *text, char **why);
/* "cityrank: " and a one-line message on standard error (emit_err). */
void	cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * A long command's progress on standard error when it is a terminal:
 * "cityrank: WHAT:  37% of OF UNIT" (OF 0: the steps' total).  start
 * returns the function to hand the engine, NULL for a pipe; done
 * erases the line.
 */
struct cli_progress {
	const char	*what, *unit;
	size_t		 of;
	int		 pct;		/* last shown, -1: none */
};
cr_progress_fn cli_progress_start(struct cli_progress *, const char *what,
	    size_t of, const char *unit);
void	cli_progress_done(struct cli_progress *);

#endif
