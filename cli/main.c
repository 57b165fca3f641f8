/*
 * cityrank: explore composite rankings of cities.  With no command on a
 * terminal it opens the explorer; otherwise it answers one batch command.
 */
#include "config.h"

#include <getopt.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "match.h"
#include "theme.h"
#include "tui.h"
#include "utf8.h"
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
	int		 force;
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
"                  a data set in COINr's format (see doc/import.md)\n"
"\n"
"CITY is a Chinese or pinyin name (any case), a code, or a PCRE2 pattern.\n"
"\n"
"options:\n"
"  --db FILE             data set to open (default: the bundled one)\n"
"  --year Y              the year to show, of a data set with several\n"
"                        (default: the latest)\n"
"  --by NODE             rank by this node instead of the index\n"
"  --weights CODE=W,...  relative weights within each parent\n"
"  --preset NAME         start from a weight preset (see 'tree')\n"
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
"  -V, --version         the version\n"
"\n"
"import options:\n"
"  --data FILE           the data table: uCode, uName, Time, a column a\n"
"                        variable\n"
"  --meta FILE           the metadata table: Level, iCode, iName,\n"
"                        Direction, Weight, Unit, Target, Parent, Type\n"
"  -o, --output FILE     the data set to write\n"
"  --force               replace FILE if it exists\n";

static int
usage_error(const char *fmt, const char *arg)
{
	char	*safe = cr_sanitize(arg != NULL ? arg : "");

	fprintf(stderr, "cityrank: ");
	fprintf(stderr, fmt, safe);
	fprintf(stderr, "\nTry 'cityrank --help'.\n");
	free(safe);
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
		case 'h':
			fputs(usage_text, stdout);
			*done = 1;
			return (CR_EXIT_OK);
		case 'V':
			printf("cityrank %s\n", PACKAGE_VERSION);
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

static int
setup_scenario(struct cli *c, const struct options *o)
{
	const struct cr_preset	*p = &c->ds->presets[0];
	const struct cr_model	*m = c->ds->model;
	char			*why = NULL;
	int			 rc = CR_EXIT_OK;

	c->base = p->scenario;
	if (o->preset != NULL && (p = cr_dataset_preset(c->ds, o->preset)) ==
	    NULL)
		return (usage_error("unknown preset '%s' (see 'cityrank "
		    "tree')", o->preset));
	c->sc = cr_scenario_copy(m, p->scenario);
	if (o->normalize != NULL && cr_norm_parse(o->normalize, &c->sc->norm,
	    &c->sc->norm_lo, &c->sc->norm_hi, &why) != 0)
		rc = usage_error("--normalize: %s", why);
	else if (o->aggregate != NULL && cr_agg_parse(o->aggregate,
	    &c->sc->agg, &why) != 0)
		rc = usage_error("--aggregate: %s", why);
	else if (o->weights != NULL && cr_scenario_parse_weights(m, c->sc,
	    o->weights, &why) != 0)
		rc = usage_error("--weights: %s", why);
	free(why);
	return (rc);
}

static int
setup_scores(struct cli *c)
{
	const struct cr_model	*m = c->ds->model;
	char			*why = NULL;
	int			 rc = CR_EXIT_OK;

	/*
	 * Moves compare ranks only, so the baseline keeps its ranks alone;
	 * when the scenario is the baseline they are the same ranks.
	 */
	if (!cr_scenario_differs(m, c->sc, c->base)) {
		c->scores = cr_scores_new(m);
		if (cr_score(m, c->sc, c->scores, &why) != 0) {
			fprintf(stderr, "cityrank: %s: %s\n", c->ds->path, why);
			rc = CR_EXIT_FAIL;
		}
		c->base_scores = cr_scores_ranks_copy(c->scores);
	} else {
		c->base_scores = cr_scores_new(m);
		if (cr_score(m, c->base, c->base_scores, &why) != 0) {
			fprintf(stderr, "cityrank: %s: baseline: %s\n",
			    c->ds->path, why);
			rc = CR_EXIT_FAIL;
		}
		cr_scores_ranks_only(c->base_scores);
		c->scores = cr_scores_new(m);
		if (rc == CR_EXIT_OK &&
		    cr_score(m, c->sc, c->scores, &why) != 0)
			rc = usage_error("%s", why);
	}
	free(why);
	return (rc);
}

/* A bad --theme is a usage error even when no explorer opens. */
static int
check_theme(const char *name)
{
	struct theme	 t;
	char		*why = NULL, *safe;

	if (theme_load(&t, name, &why) == 0)
		return (0);
	safe = cr_sanitize(why);
	fprintf(stderr, "cityrank: --theme: %s\n", safe);
	free(safe);
	free(why);
	return (-1);
}

static int
setup(struct cli *c, const struct options *o)
{
	char	*path, *why = NULL;
	int	 rc;

	if (o->format != NULL && out_format_parse(o->format, &c->format) != 0)
		return (usage_error("unknown format '%s' (expected table, "
		    "csv, json or md)", o->format));
	if (o->theme != NULL && check_theme(o->theme) != 0)
		return (CR_EXIT_USAGE);
	path = o->db != NULL ? xstrdup(o->db) : default_db();
	rc = cr_db_load_period(path, o->year, &c->ds, &why);
	free(path);
	if (rc == -2) {
		/* A year the file lacks is the user's slip, not the file's. */
		rc = usage_error("--year: %s", why);
		free(why);
		return (rc);
	}
	if (rc != 0) {
		fprintf(stderr, "cityrank: %s\n", why);
		free(why);
		return (CR_EXIT_FAIL);
	}
	if ((rc = setup_scenario(c, o)) != CR_EXIT_OK)
		return (rc);
	if (o->by != NULL &&
	    (c->by = cr_model_find_node(c->ds->model, o->by)) < 0)
		return (usage_error("unknown node '%s' for --by (see "
		    "'cityrank tree')", o->by));
	return (setup_scores(c));
}

static void
teardown(struct cli *c)
{
	cr_scores_free(c->scores);
	cr_scores_free(c->base_scores);
	cr_scenario_free(c->sc);
	cr_dataset_free(c->ds);
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
	};
	size_t	i;

	if (cmd == NULL) {
		if (isatty(STDOUT_FILENO) && isatty(STDIN_FILENO))
			return (tui_run(c, o->theme, o->no_color));
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
	    "compare, scatter or import)", cmd));
}

static int
known_command(const char *cmd)
{
	return (cmd == NULL || strcmp(cmd, "rank") == 0 ||
	    strcmp(cmd, "show") == 0 || strcmp(cmd, "tree") == 0 ||
	    strcmp(cmd, "compare") == 0 || strcmp(cmd, "scatter") == 0 ||
	    strcmp(cmd, "import") == 0);
}

/*
 * import reads CSV files, not a data set: the options that choose or
 * score a data set make no sense with it, and its own options none
 * without it.
 */
static int
check_import_options(const struct options *o, int import)
{
	const char	*scoring = o->db != NULL ? "--db" : o->by != NULL ?
	    "--by" : o->year != NULL ? "--year" : o->weights != NULL ?
	    "--weights" : o->preset != NULL ? "--preset" :
	    o->normalize != NULL ? "--normalize" : o->aggregate != NULL ?
	    "--aggregate" : NULL;
	const char	*own = o->data != NULL ? "--data" : o->meta != NULL ?
	    "--meta" : o->output != NULL ? "--output" : o->force ?
	    "--force" : NULL;

	if (import && scoring != NULL)
		return (usage_error("%s does not apply to 'import'", scoring));
	if (!import && own != NULL)
		return (usage_error("%s applies to 'import' only", own));
	if (import && (o->data == NULL || o->meta == NULL ||
	    o->output == NULL))
		return (usage_error("import needs %s", "--data FILE, --meta "
		    "FILE and -o FILE"));
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
	return (CR_EXIT_OK);
}

int
main(int argc, char **argv)
{
	struct options	 o;
	struct cli	 c;
	const char	*cmd;
	int		 rc, done = 0, import;

	setlocale(LC_ALL, "");
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
		    "show, tree, compare, scatter or import)", cmd));
	import = cmd != NULL && strcmp(cmd, "import") == 0;
	if ((rc = check_import_options(&o, import)) != CR_EXIT_OK)
		return (rc);
	c.args = argv + optind + (cmd != NULL);
	c.nargs = argc - optind - (cmd != NULL);
	c.ascii = want_ascii(&o);
	c.x_code = o.x;
	c.y_code = o.y;
	c.width = o.width;
	c.height = o.height;
	c.log_x = o.log_x;
	rc = import ? setup_import(&c, &o) : setup(&c, &o);
	if (rc == CR_EXIT_OK)
		rc = dispatch(&c, cmd, &o);
	teardown(&c);
	if (fflush(stdout) != 0 && rc == CR_EXIT_OK) {
		perror("cityrank: standard output");
		rc = CR_EXIT_FAIL;
	}
	return (rc);
}
