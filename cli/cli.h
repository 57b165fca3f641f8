/* Batch commands: one question, one answer on standard output. */
#ifndef CR_CLI_H
#define CR_CLI_H

#include "db.h"
#include "out.h"
#include "score.h"

/* Exit statuses. */
#define CR_EXIT_OK	0
#define CR_EXIT_FAIL	1	/* runtime: bad database, I/O */
#define CR_EXIT_USAGE	2	/* bad option or argument */

/* Everything a command needs, set up once by main. */
struct cli {
	struct cr_dataset	*ds;
	const struct cr_scenario *base;		/* the baseline preset */
	struct cr_scenario	*sc;		/* after options */
	struct cr_scores	*scores;
	struct cr_scores	*base_scores;
	int			 by;		/* node ranked by */
	enum out_format		 format;
	int			 ascii;
	char			**args;		/* after the command name */
	int			 nargs;
	/* scatter */
	const char		*x_code, *y_code;
	int			 width, height, log_x;
	/* import: the two COINr tables and the data set to write */
	const char		*import_data, *import_meta, *import_out;
	int			 import_force;
};

int	cmd_rank(struct cli *);
int	cmd_show(struct cli *);
int	cmd_tree(struct cli *);
int	cmd_compare(struct cli *);
int	cmd_scatter(struct cli *);
/* Needs no data set loaded: ds, sc and scores are NULL. */
int	cmd_import(struct cli *);

/* "61.3" with a mark when the number is not published or official. */
const char *cli_prov_mark(enum cr_prov);
void	cli_scenario_meta(struct cli *, struct out_table *);

#endif
