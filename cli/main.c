/*
 * cityrank: explore composite rankings of cities.  With no command on a
 * terminal it opens the explorer; otherwise it answers one batch command.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "emit.h"
#include "match.h"
#include "theme.h"
#include "tui.h"
#include "xmalloc.h"

struct options {
	const char	*db;
	const char	*by;
	const char	*weights;
	const char	*preset;
	const char	*normalize;
	const char	*aggregate;
	const char	*format;
	const char	*theme;
	const char	*x, *y;
	int		 width, height, log_x;
	int		 ascii;
	int		 no_color;
	const char	*year;
	/* import */
	const char	*data, *meta, *output;
	int		 force, denominate;
	const char	*impute, *screen, *treat;
	/* scenarios */
	const char	*scenario, *note;
	int		 resume;
};

static const char usage_text[] =
"usage: cityrank [options] [command [args]]\n"
"\n"
"With no command on a terminal, opens the explorer on the ranking.\n"
"\n"
"commands:\n"
"  rank            rank the cities (by the index, or --by NODE)\n"
"  show CITY       every score, rank and raw value of one city\n"
"  tree            the framework: nodes, weights, shares, directions\n"
"  compare A B [C D]  cities side by side; the gap between A and B split\n"
"                  by dimension, and the weight change that would swap them\n"
"  scatter         X against Y as a text plot (default: per-capita GDP\n"
"                  against the index) with the fit line and residuals\n"
"  import --data DATA.csv --meta META.csv -o OUT.db [--force]\n"
"         [--denominate] [--impute M[:GROUP]] [--screen T]\n"
"         [--treat winsorise[:WINMAX]]\n"
"                  a data set in COINr's format (see doc/import.md),\n"
"                  prepared as COINr prepares one if asked\n"
"  check           is the data set file (--db, else the bundled one)\n"
"                  damaged?  An integrity check of every page and of the\n"
"                  value packs against the rows, with a verdict\n"
"  scenario list|show|save|rename|delete|diff|export|import\n"
"                  saved scenarios: weights, methods and year under a\n"
"                  name (see 'cityrank scenario help')\n"
"\n"
"CITY is a Chinese or pinyin name (any case), a code, or a PCRE2 pattern.\n"
"\n"
"options:\n"
"  --db FILE             data set to open (default: the bundled one)\n"
"  --year Y              the year to show, of a data set with several\n"
"                        (default: the latest)\n"
"  --by NODE             rank by this node instead of the index\n"
"  --weights CODE=W,...  relative weights within each parent\n"
"  --scenario NAME|FILE  start from a saved scenario, a preset, or a\n"
"                        scenario file (see 'scenario export')\n"
"  --resume              start from the state the explorer last left\n"
"  --preset NAME         start from a preset: its weights and methods\n"
"  --normalize M         none, minmax[:LO:HI], zscore or rank\n"
"  --aggregate M         arith or geom\n"
"  --format F            table, csv, json or md (default table)\n"
"  --x CODE, --y CODE    scatter axes: a node or a numeric context variable\n"
"  --width W, --height H scatter plot size (default 80x24)\n"
"  --log-x               scatter: logarithmic X axis\n"
"  --theme NAME|FILE     explorer colours (default, light, mono, or a file)\n"
"  --ascii               ASCII drawing only\n"
"  --no-color            no colour in the explorer (also NO_COLOR)\n"
"  -h, --help            this help\n"
"  -V, --version         the version and licence\n"
"\n"
"import options:\n"
"  --data FILE           the data table: uCode, uName, Time, a column a\n"
"                        variable\n"
"  --meta FILE           the metadata table: Level, iCode, iName,\n"
"                        Direction, Weight, Unit, Target, Parent, Type\n"
"  -o, --output FILE     the data set to write\n"
"  --force               replace FILE if it exists\n"
"  --denominate          divide each indicator by the Denominator its\n"
"                        metadata row names\n"
"  --impute M[:GROUP]    fill missing values: mean, median,\n"
"                        mean_group:GROUP, median_group:GROUP (a Group\n"
"                        column), or across years linear or locf\n"
"  --screen T            drop units with less than the share T (0 to 1)\n"
"                        of their indicator values\n"
"  --treat winsorise[:WINMAX]  treat outliers by COINr's rule (|skew| >= 2\n"
"                        and kurtosis >= 3.5): winsorise up to WINMAX\n"
"                        points (5), else take the log\n"
"\n"
"scenario options:\n"
"  --note TEXT           scenario save: a note kept with it\n"
"  --force               scenario save, import: replace one of that name\n"
"  -o, --output FILE     scenario export: the file to write (default:\n"
"                        standard output)\n"
"\n"
"cityrank is free software under the GNU GPL, version 3 or later; it\n"
"comes with no warranty.  See COPYING.\n";

static const char version_text[] =
"Copyright (C) 2026 the cityrank developers.\n"
"License GPLv3+: GNU GPL version 3 or later "
"<https://gnu.org/licenses/gpl.html>.\n"
"This is free software: you are free to change and redistribute it.\n"
"There is NO WARRANTY, to the extent permitted by law.\n";

static int
usage_error(const char *fmt, const char *arg)
{
	char	*msg = xasprintf(fmt, arg != NULL ? arg : "");

	emit_err("%s", msg);
	emit_line(stderr, "Try 'cityrank --help'.");
	free(msg);
	return (CR_EXIT_USAGE);
}

static int
parse_size(const char *s, int *out)
{
	char	*end;
	long	 v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < 8 || v > 4096)
		return (-1);
	*out = (int)v;
	return (0);
}

static int
parse_options(int argc, char **argv, struct options *o, int *done)
{
	static const struct option longs[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "by", required_argument, NULL, 'b' },
		{ "weights", required_argument, NULL, 'w' },
		{ "preset", required_argument, NULL, 'p' },
		{ "normalize", required_argument, NULL, 'n' },
		{ "normalise", required_argument, NULL, 'n' },
		{ "aggregate", required_argument, NULL, 'a' },
		{ "format", required_argument, NULL, 'f' },
		{ "ascii", no_argument, NULL, 'A' },
		{ "theme", required_argument, NULL, 'T' },
		{ "x", required_argument, NULL, 'x' },
		{ "y", required_argument, NULL, 'y' },
		{ "width", required_argument, NULL, 'W' },
		{ "height", required_argument, NULL, 'H' },
		{ "log-x", no_argument, NULL, 'L' },
		{ "no-color", no_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "year", required_argument, NULL, 'Y' },
		{ "data", required_argument, NULL, 'D' },
		{ "meta", required_argument, NULL, 'M' },
		{ "output", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'F' },
		{ "denominate", no_argument, NULL, 'G' },
		{ "impute", required_argument, NULL, 'I' },
		{ "screen", required_argument, NULL, 'K' },
		{ "treat", required_argument, NULL, 'U' },
		{ "scenario", required_argument, NULL, 'S' },
		{ "resume", no_argument, NULL, 'R' },
		{ "note", required_argument, NULL, 'N' },
		{ NULL, 0, NULL, 0 }
	};
	int	ch;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":hVo:", longs, NULL)) != -1) {
		switch (ch) {
		case 'd': o->db = optarg; break;
		case 'b': o->by = optarg; break;
		case 'w': o->weights = optarg; break;
		case 'p': o->preset = optarg; break;
		case 'n': o->normalize = optarg; break;
		case 'a': o->aggregate = optarg; break;
		case 'f': o->format = optarg; break;
		case 'A': o->ascii = 1; break;
		case 'T': o->theme = optarg; break;
		case 'x': o->x = optarg; break;
		case 'y': o->y = optarg; break;
		case 'L': o->log_x = 1; break;
		case 'W':
		case 'H':
			if (parse_size(optarg, ch == 'W' ? &o->width :
			    &o->height) != 0)
				return (usage_error(ch == 'W' ? "--width '%s' "
				    "is not a number from 20 to 4096" :
				    "--height '%s' is not a number from 8 to "
				    "4096", optarg));
			break;
		case 'C': o->no_color = 1; break;
		case 'Y': o->year = optarg; break;
		case 'D': o->data = optarg; break;
		case 'M': o->meta = optarg; break;
		case 'o': o->output = optarg; break;
		case 'F': o->force = 1; break;
		case 'G': o->denominate = 1; break;
		case 'I': o->impute = optarg; break;
		case 'K': o->screen = optarg; break;
		case 'U': o->treat = optarg; break;
		case 'S': o->scenario = optarg; break;
		case 'R': o->resume = 1; break;
		case 'N': o->note = optarg; break;
		case 'h':
			emit_text(stdout, usage_text);
			*done = 1;
			return (CR_EXIT_OK);
		case 'V':
			emit_line(stdout, "cityrank %s", PACKAGE_VERSION);
			emit_text(stdout, version_text);
			*done = 1;
			return (CR_EXIT_OK);
		case ':':
			return (usage_error("option '%s' needs a value",
			    argv[optind - 1]));
		default:
			return (usage_error("unknown option '%s'",
			    argv[optind - 1]));
		}
	}
	return (CR_EXIT_OK);
}

/* The bundled data set: beside the binary (build tree), else installed. */
static char *
default_db(void)
{
	char	 exe[PATH_MAX], *slash, *path;
	ssize_t	 n;

	if ((path = getenv("CITYRANK_DB")) != NULL && *path != '\0')
		return (xstrdup(path));
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			path = xasprintf("%s/cityrank.db", exe);
			if (access(path, F_OK) == 0)
				return (path);
			free(path);
		}
	}
	return (xstrdup(PKGDATADIR "/cityrank.db"));
}

/* A scenario named, or a scenario file: a path has a slash or exists. */
static int
start_scenario(struct cli *c, const char *arg)
{
	struct cr_saved	*v;
	char		*why = NULL, *warn = NULL;
	int		 rc;

	if (strchr(arg, '/') != NULL || access(arg, F_OK) == 0)
		rc = cli_read_scenario(arg, &v, &why);
	else
		rc = session_find(c->sess, arg, &v, &why);
	if (rc != 0) {
		rc = usage_error("--scenario: %s", why);
		free(why);
		return (rc);
	}
	rc = session_load(c->sess, v, &warn, &why);
	cr_saved_free(v);
	if (rc != 0) {
		rc = usage_error("--scenario: %s", why);
		free(why);
		return (rc);
	}
	if (warn != NULL)
		cli_error("warning: %s", warn);
	free(warn);
	return (CR_EXIT_OK);
}

static int
resume(struct cli *c)
{
	char	*why = NULL, *warn = NULL;
	int	 rc;

	if ((rc = session_load_last(c->sess, &warn, &why)) == 1)
		cli_error("--resume: no state kept for this data set yet; "
		    "starting from the baseline");
	else if (rc != 0) {
		cli_error("--resume: %s", why);
		free(why);
		return (CR_EXIT_FAIL);
	}
	if (warn != NULL)
		cli_error("warning: %s", warn);
	free(warn);
	return (CR_EXIT_OK);
}

/*
 * The scenario to start from, then the options on top of it, each one
 * all-or-nothing: a preset, the methods, the weights.
 */
static int
setup_scenario(struct cli *c, const struct options *o)
{
	struct session		*s = c->sess;
	const struct cr_preset	*p;
	enum cr_norm		 norm = s->sc->norm;
	enum cr_agg		 agg = s->sc->agg;
	double			 lo = s->sc->norm_lo, hi = s->sc->norm_hi;
	char			*why = NULL;
	int			 rc = CR_EXIT_OK;

	if (o->scenario != NULL && (rc = start_scenario(c, o->scenario)) != 0)
		return (rc);
	if (o->resume && (rc = resume(c)) != 0)
		return (rc);
	if (o->preset != NULL) {
		if ((p = cr_dataset_preset(s->ds, o->preset)) == NULL)
			return (usage_error("unknown preset '%s' (see "
			    "'cityrank tree')", o->preset));
		if (session_apply_preset(s, p, NULL, &why) < 0)
			rc = usage_error("--preset: %s", why);
		norm = s->sc->norm;
		agg = s->sc->agg;
		lo = s->sc->norm_lo;
		hi = s->sc->norm_hi;
	}
	if (rc == 0 && o->normalize != NULL &&
	    cr_norm_parse(o->normalize, &norm, &lo, &hi, &why) != 0)
		rc = usage_error("--normalize: %s", why);
	else if (rc == 0 && o->aggregate != NULL &&
	    cr_agg_parse(o->aggregate, &agg, &why) != 0)
		rc = usage_error("--aggregate: %s", why);
	else if (rc == 0 && (o->normalize != NULL || o->aggregate != NULL) &&
	    session_set_methods(s, norm, lo, hi, agg, &why) < 0)
		rc = usage_error("%s", why);
	else if (rc == 0 && o->weights != NULL &&
	    session_set_weights(s, o->weights, &why) < 0)
		rc = usage_error("--weights: %s", why);
	free(why);
	return (rc);
}

/* A bad --theme is a usage error even when no explorer opens. */
static int
check_theme(const char *name)
{
	struct theme	 t;
	char		*why = NULL;

	if (theme_load(&t, name, &why) == 0)
		return (0);
	emit_err("--theme: %s", why);
	free(why);
	return (-1);
}

static int
setup(struct cli *c, const struct options *o)
{
	char	*path, *why = NULL;
	int	 rc, by;

	if (o->format != NULL && out_format_parse(o->format, &c->format) != 0)
		return (usage_error("unknown format '%s' (expected table, "
		    "csv, json or md)", o->format));
	if (o->theme != NULL && check_theme(o->theme) != 0)
		return (CR_EXIT_USAGE);
	path = o->db != NULL ? xstrdup(o->db) : default_db();
	rc = session_open(path, o->year, &c->sess, &why);
	free(path);
	if (rc == -2) {
		/* A year the file lacks is the user's slip, not the file's. */
		rc = usage_error("--year: %s", why);
		free(why);
		return (rc);
	}
	if (rc != 0) {
		cli_error("%s", why);
		free(why);
		return (CR_EXIT_FAIL);
	}
	if ((rc = setup_scenario(c, o)) != CR_EXIT_OK)
		return (rc);
	if (o->by != NULL) {
		if ((by = cr_model_find_node(c->sess->ds->model, o->by)) < 0)
			return (usage_error("unknown node '%s' for --by (see "
			    "'cityrank tree')", o->by));
		session_rank_by(c->sess, by);
	}
	return (CR_EXIT_OK);
}

static void
teardown(struct cli *c)
{
	session_free(c->sess);
	free(c->check_path);
}

/* ASCII when asked, or when the locale cannot show UTF-8. */
static int
want_ascii(const struct options *o)
{
	const char	*cs = nl_langinfo(CODESET);

	return (o->ascii || cs == NULL || strcmp(cs, "UTF-8") != 0);
}

static int
dispatch(struct cli *c, const char *cmd, const struct options *o)
{
	static const struct {
		const char	*name;
		int		(*fn)(struct cli *);
		int		 by;
	} cmds[] = {
		{ "rank", cmd_rank, 1 },
		{ "show", cmd_show, 0 },
		{ "tree", cmd_tree, 0 },
		{ "compare", cmd_compare, 1 },
		{ "scatter", cmd_scatter, 1 },
		{ "import", cmd_import, 0 },
		{ "scenario", cmd_scenario, 1 },
		{ "check", cmd_check, 0 },
	};
	size_t	i;

	if (cmd == NULL) {
		if (isatty(STDOUT_FILENO) && isatty(STDIN_FILENO))
			return (tui_run(c->sess, c->ascii, o->theme,
			    o->no_color));
		return (cmd_rank(c));
	}
	for (i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		if (strcmp(cmd, cmds[i].name) != 0)
			continue;
		if (o->by != NULL && !cmds[i].by)
			return (usage_error("--by does not apply to '%s'",
			    cmd));
		return (cmds[i].fn(c));
	}
	return (usage_error("unknown command '%s' (expected rank, show, tree, "
	    "compare, scatter, import, scenario or check)", cmd));
}

static int
known_command(const char *cmd)
{
	return (cmd == NULL || strcmp(cmd, "rank") == 0 ||
	    strcmp(cmd, "show") == 0 || strcmp(cmd, "tree") == 0 ||
	    strcmp(cmd, "compare") == 0 || strcmp(cmd, "scatter") == 0 ||
	    strcmp(cmd, "import") == 0 || strcmp(cmd, "scenario") == 0 ||
	    strcmp(cmd, "check") == 0);
}

/*
 * import reads CSV files, not a data set: the options that choose or
 * score a data set make no sense with it, and its own options none
 * without it.  scenario shares -o and --force, and has --note.
 */
static int
check_own_options(const struct options *o, const char *cmd)
{
	int		 import = cmd != NULL && strcmp(cmd, "import") == 0;
	int		 scen = cmd != NULL && strcmp(cmd, "scenario") == 0;
	const char	*scoring = o->db != NULL ? "--db" : o->by != NULL ?
	    "--by" : o->year != NULL ? "--year" : o->weights != NULL ?
	    "--weights" : o->preset != NULL ? "--preset" :
	    o->normalize != NULL ? "--normalize" : o->aggregate != NULL ?
	    "--aggregate" : o->scenario != NULL ? "--scenario" : o->resume ?
	    "--resume" : NULL;
	const char	*own = o->data != NULL ? "--data" : o->meta != NULL ?
	    "--meta" : o->denominate ? "--denominate" : o->impute != NULL ?
	    "--impute" : o->screen != NULL ? "--screen" : o->treat != NULL ?
	    "--treat" : NULL;
	const char	*shared = o->output != NULL ? "--output" : o->force ?
	    "--force" : NULL;

	if (import && (scoring != NULL || o->note != NULL))
		return (usage_error("%s does not apply to 'import'",
		    scoring != NULL ? scoring : "--note"));
	if (!import && own != NULL)
		return (usage_error("%s applies to 'import' only", own));
	if (!import && !scen && shared != NULL)
		return (usage_error("%s applies to 'import' and 'scenario' "
		    "only", shared));
	if (!scen && o->note != NULL)
		return (usage_error("%s applies to 'scenario save' only",
		    "--note"));
	if (import && (o->data == NULL || o->meta == NULL ||
	    o->output == NULL))
		return (usage_error("import needs %s", "--data FILE, --meta "
		    "FILE and -o FILE"));
	return (CR_EXIT_OK);
}

/* check loads no data set: a damaged one would not load. */
static int
setup_check(struct cli *c, const struct options *o)
{
	if (o->by != NULL || o->weights != NULL || o->preset != NULL ||
	    o->normalize != NULL || o->aggregate != NULL ||
	    o->scenario != NULL || o->resume || o->year != NULL)
		return (usage_error("%s", "check takes --db FILE only"));
	c->check_path = o->db != NULL ? xstrdup(o->db) : default_db();
	return (CR_EXIT_OK);
}

/* import loads no data set: it makes one. */
static int
setup_import(struct cli *c, const struct options *o)
{
	if (c->nargs > 0)
		return (usage_error("import takes no arguments (got '%s')",
		    c->args[0]));
	c->import_data = o->data;
	c->import_meta = o->meta;
	c->import_out = o->output;
	c->import_force = o->force;
	c->import_denominate = o->denominate;
	c->import_impute = o->impute;
	c->import_screen = o->screen;
	c->import_treat = o->treat;
	return (CR_EXIT_OK);
}

int
main(int argc, char **argv)
{
	struct options	 o;
	struct cli	 c;
	const char	*cmd;
	int		 rc, done = 0, import, check;

	setlocale(LC_ALL, "");
	/* Numbers are read and written with a point in every locale. */
	setlocale(LC_NUMERIC, "C");
	cr_db_init();
	memset(&o, 0, sizeof o);
	memset(&c, 0, sizeof c);
	rc = parse_options(argc, argv, &o, &done);
	if (rc != CR_EXIT_OK || done)
		return (rc);
	cmd = optind < argc ? argv[optind] : NULL;
	/* Check the command before the database, so typos fail fast. */
	if (!known_command(cmd))
		return (usage_error("unknown command '%s' (expected rank, "
		    "show, tree, compare, scatter, import, scenario or check)",
		    cmd));
	import = cmd != NULL && strcmp(cmd, "import") == 0;
	check = cmd != NULL && strcmp(cmd, "check") == 0;
	if ((rc = check_own_options(&o, cmd)) != CR_EXIT_OK)
		return (rc);
	c.args = argv + optind + (cmd != NULL);
	c.nargs = argc - optind - (cmd != NULL);
	c.ascii = want_ascii(&o);
	c.x_code = o.x;
	c.y_code = o.y;
	c.width = o.width;
	c.height = o.height;
	c.log_x = o.log_x;
	c.note = o.note;
	c.force = o.force;
	c.scenario_out = o.output;
	if (check)
		rc = setup_check(&c, &o);
	else
		rc = import ? setup_import(&c, &o) : setup(&c, &o);
	if (rc == CR_EXIT_OK)
		rc = dispatch(&c, cmd, &o);
	teardown(&c);
	if (fflush(stdout) != 0 && rc == CR_EXIT_OK) {
		emit_err("standard output: %s", strerror(errno));
		rc = CR_EXIT_FAIL;
	}
	return (rc);
}
