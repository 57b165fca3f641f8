/*
 * cityrank: explore composite rankings of cities.  With no command on a
 * terminal it opens the explorer; otherwise it answers one batch command.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "cli.h"
#include "emit.h"
#include "keys.h"
#include "match.h"
#include "num.h"
#include "target.h"
#include "theme.h"
#include "tui.h"
#include "xmalloc.h"

struct options {
	const char	*db, *dataset;
	const char	*by;
	const char	*weights;
	const char	*preset;
	const char	*normalize, *normalize_leaf;
	const char	*aggregate, *aggregate_level;
	const char	*format;
	const char	*theme;
	const char	*lang;
	const char	*x, *y;
	int		 width, height, log_x;
	int		 ascii, wide;
	int		 no_color, no_transitions;
	const char	*year, *against;
	const char	*recipe;
	/* import */
	const char	*data, *meta, *output;
	int		 force, denominate;
	const char	*impute, *screen, *treat;
	/* scenarios */
	const char	*scenario, *note;
	int		 resume;
	/* rank --flips; target, stability */
	int		 flips, range;
	const char	*rank_k, *above, *level, *floor, *norm, *seconds;
	/* robust */
	struct robust_opts robust;
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
"  datasets        the bundled data sets --dataset opens: name, title,\n"
"                  units, indicators, source, licence and file\n"
"  check           is the data set file (--db, else the bundled one)\n"
"                  damaged?  An integrity check of every page and of the\n"
"                  value packs against the rows, with a verdict\n"
"  scenario list|show|save|rename|delete|diff|export|import\n"
"                  saved scenarios: weights, methods and year under a\n"
"                  name (see 'cityrank scenario help')\n"
"  stability [CITY]  each weight's stability interval: the shares over\n"
"                  which the ranking (and CITY's rank) stays the same\n"
"  target CITY --rank K | --above CITY2\n"
"                  the least change of the weights at a level that puts\n"
"                  CITY at rank K or better, or above CITY2 (GLPK)\n"
"  target --range  the best and worst rank each city can reach\n"
"  robust          how far each rank moves with the weights (and\n"
"                  methods) drawn around the scenario: median, 5-95%\n"
"                  band, P(top k); --sobol: which factor drives it\n"
"                  (see doc/uncertainty.md)\n"
"  present [SCRIPT]  slides full screen: a script's (see doc/present.md)\n"
"                  or a tour of the data set; --format md|txt writes\n"
"                  them as a handout\n"
"\n"
"CITY is a Chinese or pinyin name (any case), a code, or a PCRE2 pattern.\n"
"\n"
"options:\n"
"  --db FILE             data set to open (default: the bundled one)\n"
"  --dataset NAME        a bundled data set: smartcity (the default) or\n"
"                        asem (see 'cityrank datasets')\n"
"  --year Y              the year to show, of a data set with several\n"
"                        (default: the latest)\n"
"  --against Y0          rank: also each city's rank in year Y0 under the\n"
"                        same weights, and the places gained since\n"
"  --recipe 'STEP; ...'  prepare an imported data set's raw values another\n"
"                        way: denominate; impute METHOD[:GROUP]; screen T;\n"
"                        treat winsorise[:WINMAX] (as import's options),\n"
"                        or none\n"
"  --by NODE             rank by this node instead of the index\n"
"  --weights CODE=W,...  relative weights within each parent\n"
"  --scenario NAME|FILE  start from a saved scenario, a preset, or a\n"
"                        scenario file (see 'scenario export')\n"
"  --resume              start from the state the explorer last left\n"
"  --preset NAME         start from a preset: its weights and methods\n"
"  --normalize M         none, minmax[:LO:HI], zscore, rank, prank, borda,\n"
"                        fracmax, goalposts[:LO:HI[:SCALE]], dist2max,\n"
"                        dist2targ[:TARGET][:cap] or dist2ref:UNIT[:cap]\n"
"                        (see the man page; also spelt --normalise)\n"
"  --normalize-leaf CODE=M,...  these indicators (or those beneath a\n"
"                        node) normalised their own way; M global: the\n"
"                        --normalize one again (also --normalise-leaf)\n"
"  --aggregate M         arith, geom, harm, power:P (the power mean: 1\n"
"                        arith, 0 geom, -1 harm) or copeland (a count of\n"
"                        units beaten, not 0-100); target, stability,\n"
"                        --flips and robust take arith or geom\n"
"  --aggregate-level DEPTH=M,...  the children of the nodes at a depth\n"
"                        aggregated their own way (0: the index)\n"
"  --format F            table, csv, json or md (default table);\n"
"                        present: md or txt\n"
"  --flips               rank: the smallest single-weight change that\n"
"                        moves each city up or down a place\n"
"  --x CODE, --y CODE    scatter axes: a node or a numeric context variable\n"
"  --width W, --height H scatter plot size (default 80x24)\n"
"  --log-x               scatter: logarithmic X axis\n"
"  --theme NAME|FILE     explorer colours: default (dark), light, mono,\n"
"                        high-contrast, okabe-ito, or a file\n"
"  --ascii               ASCII drawing only (names then in English)\n"
"  --lang zh|en          names of cities and nodes in Chinese (the\n"
"                        default, English beside them where there is\n"
"                        room) or English; the interface's own words\n"
"                        stay English\n"
"  --wide                tables to a terminal keep every column (by\n"
"                        default they fit its width and say what was\n"
"                        left out)\n"
"  --no-color            no colour in the explorer (also NO_COLOR)\n"
"  --no-transitions      slides change at once: no rows moving to their\n"
"                        new places (also the config's transitions)\n"
"  -h, --help            this help\n"
"  -V, --version         the version, the licence and the libraries'\n"
"                        versions\n"
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
"robust options:\n"
"  --samples N           samples (with --sobol: base samples; default\n"
"                        1000)\n"
"  --noise P             each weight times 1 +- P% at random (default 25)\n"
"  --dirichlet C         instead, each group's shares from a Dirichlet\n"
"                        around them, concentration C\n"
"  --level L             only the weights at depth L (1: the dimensions;\n"
"                        default 0, every level)\n"
"  --vary LIST           weights,normalize,aggregate (default weights)\n"
"  --norms LIST          normalisations to draw from (default: all but\n"
"                        fracmax)\n"
"  --aggs LIST           aggregations to draw from (default and only:\n"
"                        arith,geom)\n"
"  --top K               P(rank <= K) (default 10)\n"
"  --seed S              random seed (default 1): the same seed, the\n"
"                        same output, with any --threads\n"
"  --threads T           threads (default: the CPUs online)\n"
"  --part I/K            run part I of K and write it (-o FILE or\n"
"                        standard output)\n"
"  --merge PART...       combine the parts (give the run's options)\n"
"  --sobol               first- and total-order Sobol indices\n"
"  --unit CITY           --sobol: of CITY's rank, not the mean rank\n"
"                        change\n"
"\n"
"scenario options:\n"
"  --note TEXT           scenario save: a note kept with it\n"
"  --force               scenario save, import: replace one of that name\n"
"  -o, --output FILE     scenario export: the file to write (default:\n"
"                        standard output)\n"
"\n"
"target and stability options (see doc/target.md):\n"
"  --rank K              target: rank K or better\n"
"  --above CITY2         target: strictly above CITY2\n"
"  --range               target: best and worst rank of every city\n"
"  --level CODE|DEPTH    the weights varied: a node's children, or every\n"
"                        group at a depth (1: the dimensions); default:\n"
"                        the children of the node ranked by\n"
"  --floor P             target: every varied share stays >= P% of its\n"
"                        parent (default 5)\n"
"  --norm l1|linf        target: distance as the sum of the share changes\n"
"                        (default) or the largest one\n"
"  --time-limit S        target: seconds per programme (default 10)\n"
"\n"
"cityrank is free software under the GNU GPL, version 3 or later; it\n"
"comes with no warranty.  See COPYING.\n";

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

/*
 * The options, with getopt_long's tables made from args.c's: a new one
 * is an entry there and its case here.
 */
static int
parse_options(int argc, char **argv, struct options *o, int *done)
{
	struct option		*longs = cli_getopt_longs();
	struct robust_opts	*r = &o->robust;
	char			*shorts = cli_getopt_shorts();
	int			 ch, rc = CR_EXIT_OK;

	opterr = 0;
	while (rc == CR_EXIT_OK && !*done &&
	    (ch = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		switch (ch) {
		case 'd': o->db = optarg; break;
		case OPT_DATASET: o->dataset = optarg; break;
		case 'b': o->by = optarg; break;
		case 'w': o->weights = optarg; break;
		case 'p': o->preset = optarg; break;
		case 'n': o->normalize = optarg; break;
		case 'a': o->aggregate = optarg; break;
		case OPT_NORMALIZE_LEAF: o->normalize_leaf = optarg; break;
		case OPT_AGGREGATE_LEVEL: o->aggregate_level = optarg; break;
		case 'f': o->format = optarg; break;
		case 'A': o->ascii = 1; break;
		case OPT_WIDE: o->wide = 1; break;
		case OPT_AGAINST: o->against = optarg; break;
		case OPT_RECIPE: o->recipe = optarg; break;
		case 'T': o->theme = optarg; break;
		case OPT_LANG: o->lang = optarg; break;
		case 'x': o->x = optarg; break;
		case 'y': o->y = optarg; break;
		case 'L': o->log_x = 1; break;
		case 'W':
		case 'H':
			if (parse_size(optarg, ch == 'W' ? &o->width :
			    &o->height) != 0)
				rc = usage_error(ch == 'W' ? "--width '%s' "
				    "is not a number from 20 to 4096" :
				    "--height '%s' is not a number from 8 to "
				    "4096", optarg);
			break;
		case 'C': o->no_color = 1; break;
		case OPT_NO_TRANSITIONS: o->no_transitions = 1; break;
		case 'Y': o->year = optarg; break;
		case 'D': o->data = optarg; break;
		case 'M': o->meta = optarg; break;
		case 'o': o->output = optarg; break;
		case 'F': o->force = 1; break;
		case OPT_DENOMINATE: o->denominate = 1; break;
		case OPT_IMPUTE: o->impute = optarg; break;
		case OPT_SCREEN: o->screen = optarg; break;
		case OPT_TREAT: o->treat = optarg; break;
		case 'S': o->scenario = optarg; break;
		case 'R': o->resume = 1; break;
		case 'N': o->note = optarg; break;
		case 'P': o->flips = 1; break;
		case 'K': o->rank_k = optarg; break;
		case 'B': o->above = optarg; break;
		case 'G': o->range = 1; break;
		/* One --level: target's and stability's, and robust's. */
		case 'E': o->level = r->level = optarg; break;
		case 'O': o->floor = optarg; break;
		case 'Z': o->norm = optarg; break;
		case 'I': o->seconds = optarg; break;
		case OPT_SAMPLES: r->samples = optarg; break;
		case OPT_NOISE: r->noise = optarg; break;
		case OPT_DIRICHLET: r->dirichlet = optarg; break;
		case OPT_VARY: r->vary = optarg; break;
		case OPT_NORMS: r->norms = optarg; break;
		case OPT_AGGS: r->aggs = optarg; break;
		case OPT_TOP: r->top = optarg; break;
		case OPT_SEED: r->seed = optarg; break;
		case OPT_THREADS: r->threads = optarg; break;
		case OPT_PART: r->part = optarg; break;
		case OPT_MERGE: r->merge = 1; break;
		case OPT_SOBOL: r->sobol = 1; break;
		case OPT_UNIT: r->unit = optarg; break;
		case 'h':
			emit_text(stdout, usage_text);
			*done = 1;
			break;
		case 'V':
			cli_version();
			*done = 1;
			break;
		case ':':
			rc = usage_error("option '%s' needs a value",
			    argv[optind - 1]);
			break;
		default:
			rc = usage_error("unknown option '%s'",
			    argv[optind - 1]);
			break;
		}
	}
	free(longs);
	free(shorts);
	return (rc);
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

/* --recipe: the data prepared another way, before any weight. */
static int
set_recipe(struct cli *c, const char *recipe)
{
	char	*why = NULL;
	int	 rc;

	rc = session_set_recipe(c->sess, recipe, &why);
	if (rc == -2)
		rc = usage_error("--recipe: %s", why);
	else if (rc < 0) {
		cli_error("--recipe: %s", why);
		rc = CR_EXIT_FAIL;
	} else
		rc = CR_EXIT_OK;
	free(why);
	return (rc);
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
	struct cr_norm_spec	 norm;
	struct cr_agg_spec	 agg;
	char			*why = NULL;
	int			 rc = CR_EXIT_OK;

	if (o->scenario != NULL && (rc = start_scenario(c, o->scenario)) != 0)
		return (rc);
	if (o->resume && (rc = resume(c)) != 0)
		return (rc);
	if (o->recipe != NULL && (rc = set_recipe(c, o->recipe)) != 0)
		return (rc);
	if (o->preset != NULL) {
		if ((p = cr_dataset_preset(s->ds, o->preset)) == NULL)
			return (usage_error("unknown preset '%s' (see "
			    "'cityrank tree')", o->preset));
		if (session_apply_preset(s, p, NULL, &why) < 0)
			rc = usage_error("--preset: %s", why);
	}
	cr_norm_spec_init(&norm);
	if (rc == 0 && o->normalize != NULL &&
	    cr_norm_spec_parse(o->normalize, &norm, &why) != 0)
		rc = usage_error("--normalize: %s", why);
	else if (rc == 0 && o->aggregate != NULL &&
	    cr_agg_spec_parse(o->aggregate, &agg, &why) != 0)
		rc = usage_error("--aggregate: %s", why);
	else if (rc == 0 && (o->normalize != NULL || o->aggregate != NULL ||
	    o->normalize_leaf != NULL || o->aggregate_level != NULL) &&
	    session_set_method_specs(s, o->normalize != NULL ? &norm : NULL,
	    o->aggregate != NULL ? &agg : NULL, o->normalize_leaf,
	    o->aggregate_level, &why) < 0)
		rc = usage_error("%s", why);
	else if (rc == 0 && o->weights != NULL &&
	    session_set_weights(s, o->weights, &why) < 0)
		rc = usage_error("--weights: %s", why);
	cr_norm_spec_clear(&norm);
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

/* --db FILE, --dataset NAME, else the default. */
static int
db_path(const struct options *o, char **path)
{
	const struct session_bundled	*b;
	char				*list, *fmt;
	int				 rc;

	*path = NULL;
	if (o->db != NULL && o->dataset != NULL)
		return (usage_error("%s", "--db and --dataset both name the "
		    "data set to open; give one"));
	if (o->db != NULL) {
		*path = xstrdup(o->db);
		return (CR_EXIT_OK);
	}
	if (o->dataset == NULL) {
		*path = session_default_db();
		return (CR_EXIT_OK);
	}
	if ((b = session_bundled_find(o->dataset)) != NULL) {
		*path = session_bundled_path(b);
		return (CR_EXIT_OK);
	}
	list = session_bundled_list();
	fmt = xasprintf("--dataset: no bundled data set '%%s' (expected %s; "
	    "see 'cityrank datasets')", list);
	rc = usage_error(fmt, o->dataset);
	free(fmt);
	free(list);
	return (rc);
}

static int
setup(struct cli *c, const struct options *o)
{
	char	*path, *why = NULL;
	int	 rc, by;

	if (c->handout)
		c->format = strcmp(o->format, "md") == 0 ? OUT_MD : OUT_TABLE;
	else if (o->format != NULL &&
	    out_format_parse(o->format, &c->format) != 0)
		return (usage_error("unknown format '%s' (expected table, "
		    "csv, json or md)", o->format));
	if (o->theme != NULL && check_theme(o->theme) != 0)
		return (CR_EXIT_USAGE);
	if ((rc = db_path(o, &path)) != CR_EXIT_OK)
		return (rc);
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
	/* Names in English where Chinese cannot show. */
	c->sess->lang = c->ascii ? CR_LANG_EN : c->lang >= 0 ?
	    (enum cr_lang)c->lang : CR_LANG_ZH;
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

/* rank --against YEAR: the same weights on another year, for moves. */
static int
setup_against(struct cli *c, const struct options *o, const char *cmd)
{
	char	*why = NULL;
	int	 rc;

	if (cmd != NULL && strcmp(cmd, "rank") != 0)
		return (usage_error("%s applies to 'rank' only", "--against"));
	rc = session_set_against(c->sess, o->against, &why);
	if (rc == -2)
		rc = usage_error("--against: %s", why);
	else if (rc != 0) {
		cli_error("%s", why);
		rc = CR_EXIT_FAIL;
	}
	free(why);
	return (rc);
}

static void
teardown(struct cli *c)
{
	session_free(c->sess);
	free(c->check_path);
}

/* --lang zh|en into *lang, -1 when not given. */
static int
parse_lang(const struct options *o, int *lang)
{
	enum cr_lang	l;

	*lang = -1;
	if (o->lang == NULL)
		return (CR_EXIT_OK);
	if (cr_lang_parse(o->lang, &l) != 0)
		return (usage_error("--lang '%s': expected zh (Chinese names, "
		    "the default) or en (English)", o->lang));
	*lang = (int)l;
	return (CR_EXIT_OK);
}

/* ASCII when asked, or when the locale cannot show UTF-8. */
static int
want_ascii(const struct options *o)
{
	const char	*cs = nl_langinfo(CODESET);

	return (o->ascii || cs == NULL || strcmp(cs, "UTF-8") != 0);
}

static int
unknown_command(const char *cmd)
{
	char	*list = cli_command_list(cli_commands), *fmt;
	int	 rc;

	fmt = xasprintf("unknown command '%%s' (expected %s)", list);
	rc = usage_error(fmt, cmd);
	free(fmt);
	free(list);
	return (rc);
}

static int
dispatch(struct cli *c, const char *cmd, const struct options *o)
{
	const struct cli_command	*k;

	if (cmd == NULL) {
		if (isatty(STDOUT_FILENO) && isatty(STDIN_FILENO))
			return (tui_run(&c->sess, &c->tui));
		return (cmd_rank(c));
	}
	if ((k = cli_command_find(cli_commands, cmd)) == NULL)
		return (unknown_command(cmd));
	if (o->by != NULL && !k->by)
		return (usage_error("--by does not apply to '%s'", cmd));
	return (k->fn(c));
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
	int		 robust = cmd != NULL && strcmp(cmd, "robust") == 0;
	const struct robust_opts *r = &o->robust;
	const char	*rob = r->samples != NULL ? "--samples" :
	    r->noise != NULL ? "--noise" : r->dirichlet != NULL ?
	    "--dirichlet" : r->vary != NULL ?
	    "--vary" : r->norms != NULL ? "--norms" : r->aggs != NULL ?
	    "--aggs" : r->top != NULL ? "--top" : r->seed != NULL ? "--seed" :
	    r->threads != NULL ? "--threads" : r->part != NULL ? "--part" :
	    r->merge ? "--merge" : r->sobol ? "--sobol" : r->unit != NULL ?
	    "--unit" : NULL;
	const char	*scoring = o->db != NULL ? "--db" : o->dataset != NULL ?
	    "--dataset" : o->by != NULL ?
	    "--by" : o->year != NULL ? "--year" : o->weights != NULL ?
	    "--weights" : o->preset != NULL ? "--preset" :
	    o->normalize != NULL ? "--normalize" : o->aggregate != NULL ?
	    "--aggregate" : o->normalize_leaf != NULL ? "--normalize-leaf" :
	    o->aggregate_level != NULL ? "--aggregate-level" :
	    o->scenario != NULL ? "--scenario" : o->resume ?
	    "--resume" : o->recipe != NULL ? "--recipe" : NULL;
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
	if (!robust && rob != NULL)
		return (usage_error("%s applies to 'robust' only", rob));
	if (!import && !scen && !(robust && o->output != NULL) &&
	    shared != NULL)
		return (usage_error("%s applies to 'import', 'scenario' and "
		    "'robust --part' only", shared));
	if (!scen && o->note != NULL)
		return (usage_error("%s applies to 'scenario save' only",
		    "--note"));
	if (import && (o->data == NULL || o->meta == NULL ||
	    o->output == NULL))
		return (usage_error("import needs %s", "--data FILE, --meta "
		    "FILE and -o FILE"));
	return (CR_EXIT_OK);
}

/* The one option of target and stability that applies elsewhere: none. */
static const char *
target_option(const struct options *o)
{
	return (o->rank_k != NULL ? "--rank" : o->above != NULL ? "--above" :
	    o->range ? "--range" : o->floor != NULL ? "--floor" :
	    o->norm != NULL ? "--norm" : o->seconds != NULL ? "--time-limit" :
	    NULL);
}

/* A number of the option, all of it, within [lo, hi]. */
static int
option_num(const char *opt, const char *arg, double lo, double hi,
    const char *what, double *out)
{
	char	*msg;

	if (cr_num_parse(arg, out, NULL) == 0 && *out >= lo && *out <= hi)
		return (0);
	msg = xasprintf("%s '%%s' is not %s", opt, what);
	usage_error(msg, arg);
	free(msg);
	return (-1);
}

/*
 * rank --flips; target's and stability's options, each checked in full
 * and refused by name where it does not apply.
 */
static int
setup_target(struct cli *c, const struct options *o, const char *cmd)
{
	int		 target = cmd != NULL && strcmp(cmd, "target") == 0;
	int		 stab = cmd != NULL && strcmp(cmd, "stability") == 0;
	int		 rank = cmd == NULL || strcmp(cmd, "rank") == 0;
	const char	*own = target_option(o);
	char		*pct;
	double		 v;
	size_t		 n;

	if (o->flips && !rank)
		return (usage_error("%s applies to 'rank' only", "--flips"));
	if (own != NULL && !target)
		return (usage_error("%s applies to 'target' only", own));
	if (o->level != NULL && !target && !stab &&
	    (cmd == NULL || strcmp(cmd, "robust") != 0))
		return (usage_error("%s applies to 'target', 'stability' and "
		    "'robust' only", "--level"));
	c->flips = o->flips;
	c->range = o->range;
	c->level = o->level;
	c->target_above = o->above;
	c->floor = CR_TARGET_FLOOR;
	c->tnorm = CR_TNORM_L1;
	c->seconds = CR_TARGET_SECONDS;
	if (o->rank_k != NULL) {
		if (option_num("--rank", o->rank_k, 1, 1e9, "a whole number "
		    "from 1", &v) != 0)
			return (CR_EXIT_USAGE);
		if (v != (double)(int)v)
			return (usage_error("--rank '%s' is not a whole number "
			    "from 1", o->rank_k));
		c->target_k = (int)v;
	}
	if (o->floor != NULL) {
		/* "5" and "5%" alike. */
		pct = xstrdup(o->floor);
		n = strlen(pct);
		if (n > 0 && pct[n - 1] == '%')
			pct[n - 1] = '\0';
		if (option_num("--floor", pct, 0, 99.999, "a percentage from "
		    "0 to 100 (e.g. 5 or 5%%)", &v) != 0) {
			free(pct);
			return (CR_EXIT_USAGE);
		}
		free(pct);
		c->floor = v / 100;
	}
	if (o->norm != NULL) {
		if (strcmp(o->norm, "l1") == 0)
			c->tnorm = CR_TNORM_L1;
		else if (strcmp(o->norm, "linf") == 0)
			c->tnorm = CR_TNORM_LINF;
		else
			return (usage_error("--norm '%s': expected l1 or linf",
			    o->norm));
	}
	if (o->seconds != NULL && option_num("--time-limit", o->seconds,
	    0.001, 86400, "a number of seconds from 0.001 to 86400",
	    &c->seconds) != 0)
		return (CR_EXIT_USAGE);
	return (CR_EXIT_OK);
}

/* check loads no data set: a damaged one would not load. */
static int
setup_check(struct cli *c, const struct options *o)
{
	if (o->by != NULL || o->weights != NULL || o->preset != NULL ||
	    o->normalize != NULL || o->aggregate != NULL ||
	    o->normalize_leaf != NULL || o->aggregate_level != NULL ||
	    o->scenario != NULL || o->resume || o->year != NULL ||
	    o->recipe != NULL)
		return (usage_error("%s", "check takes --db FILE or "
		    "--dataset NAME only"));
	return (db_path(o, &c->check_path));
}

/* datasets loads each bundled data set, none for a session. */
static int
setup_datasets(struct cli *c, const struct options *o)
{
	if (o->db != NULL || o->dataset != NULL || o->by != NULL ||
	    o->weights != NULL || o->preset != NULL || o->normalize != NULL ||
	    o->aggregate != NULL || o->normalize_leaf != NULL ||
	    o->aggregate_level != NULL || o->scenario != NULL || o->resume ||
	    o->year != NULL || o->recipe != NULL)
		return (usage_error("%s", "datasets takes --format only"));
	if (o->format != NULL && out_format_parse(o->format, &c->format) != 0)
		return (usage_error("unknown format '%s' (expected table, "
		    "csv, json or md)", o->format));
	return (CR_EXIT_OK);
}

/* present writes a handout as Markdown or text, nothing else. */
static int
setup_present(struct cli *c, const struct options *o, const char *cmd)
{
	if (cmd == NULL || strcmp(cmd, "present") != 0 || o->format == NULL)
		return (CR_EXIT_OK);
	if (strcmp(o->format, "md") != 0 && strcmp(o->format, "txt") != 0)
		return (usage_error("present --format '%s': expected md or "
		    "txt (a handout)", o->format));
	c->handout = 1;
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

static int
print_keys(int argc, char **argv)
{
	static const char *const fmt[] = { "man", "md", "text" };
	const char		*why;
	char			*text;
	size_t			 i;
	int			 rc;

	if (argc == 1 && strcmp(argv[0], "check") == 0) {
		if (keys_check(&why) == 0)
			return (CR_EXIT_OK);
		emit_err("%s", why);
		return (CR_EXIT_FAIL);
	}

	for (i = 0; argc == 1 && i < sizeof fmt / sizeof fmt[0]; i++)
		if (strcmp(argv[0], fmt[i]) == 0) {
			text = keys_text((enum keys_format)i);
			rc = emit_text(stdout, text) == 0 &&
			    fflush(stdout) == 0 ? CR_EXIT_OK : CR_EXIT_FAIL;
			free(text);
			return (rc);
		}
	emit_err("usage: cityrank %s man|md|text|check", CLI_KEYS);
	return (CR_EXIT_USAGE);
}

int
main(int argc, char **argv)
{
	struct options	 o;
	struct cli	 c;
	const char	*cmd;
	int		 rc, done = 0, import, check, datasets;

	xarena_one();
	setlocale(LC_ALL, "");
	/* Numbers are read and written with a point in every locale. */
	setlocale(LC_NUMERIC, "C");
	cr_db_init();
	/* The shells' completion scripts ask here (complete.c). */
	if (argc > 1 && strcmp(argv[1], CLI_COMPLETE) == 0)
		return (cli_complete(argc - 2, argv + 2));
	/* The man page's and README's key lists are written here. */
	if (argc > 1 && strcmp(argv[1], CLI_KEYS) == 0)
		return (print_keys(argc - 2, argv + 2));
	memset(&o, 0, sizeof o);
	memset(&c, 0, sizeof c);
	rc = parse_options(argc, argv, &o, &done);
	if (rc != CR_EXIT_OK || done)
		return (rc);
	cmd = optind < argc ? argv[optind] : NULL;
	/* Check the command before the database, so typos fail fast. */
	if (cmd != NULL && cli_command_find(cli_commands, cmd) == NULL)
		return (unknown_command(cmd));
	import = cmd != NULL && strcmp(cmd, "import") == 0;
	check = cmd != NULL && strcmp(cmd, "check") == 0;
	datasets = cmd != NULL && strcmp(cmd, "datasets") == 0;
	if ((rc = check_own_options(&o, cmd)) != CR_EXIT_OK)
		return (rc);
	if ((rc = setup_target(&c, &o, cmd)) != CR_EXIT_OK)
		return (rc);
	c.args = argv + optind + (cmd != NULL);
	c.nargs = argc - optind - (cmd != NULL);
	c.ascii = c.tui.ascii = want_ascii(&o);
	if ((rc = parse_lang(&o, &c.lang)) != CR_EXIT_OK)
		return (rc);
	c.tui.lang = c.lang;
	c.wide = o.wide;
	c.x_code = o.x;
	c.y_code = o.y;
	c.width = o.width;
	c.height = o.height;
	c.log_x = o.log_x;
	c.note = o.note;
	c.force = o.force;
	c.scenario_out = o.output;
	c.robust = o.robust;
	c.output = o.output;
	c.tui.theme = o.theme;
	c.tui.no_color = o.no_color;
	c.tui.transitions = o.no_transitions ? 0 : -1;
	if ((rc = setup_present(&c, &o, cmd)) != CR_EXIT_OK)
		return (rc);
	if (check)
		rc = setup_check(&c, &o);
	else if (datasets)
		rc = setup_datasets(&c, &o);
	else
		rc = import ? setup_import(&c, &o) : setup(&c, &o);
	if (rc == CR_EXIT_OK && o.against != NULL)
		rc = !import && !check && !datasets ?
		    setup_against(&c, &o, cmd) :
		    usage_error("%s applies to 'rank' only", "--against");
	if (rc == CR_EXIT_OK)
		rc = dispatch(&c, cmd, &o);
	teardown(&c);
	if (fflush(stdout) != 0 && rc == CR_EXIT_OK) {
		emit_err("standard output: %s", strerror(errno));
		rc = CR_EXIT_FAIL;
	}
	return (rc);
}
