/*
 * cityrank robust: an uncertainty analysis of the current scenario
 * (the weights, optionally the methods, drawn around it), its Sobol
 * indices (--sobol), a part of a split run (--part I/K) and the merge
 * of the parts (--merge).  Progress on standard error when it is a
 * terminal; SIGINT stops the run, prints nothing and exits 130.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "emit.h"
#include "match.h"
#include "mc.h"
#include "mcpart.h"
#include "num.h"
#include "sobol.h"
#include "tables.h"
#include "xmalloc.h"

/* Part files can be large: a part of 10^6 samples of 100 units is ~2 GB. */
#define PART_FILE_MAX	((off_t)1 << 34)

static volatile sig_atomic_t	 interrupted;

static void
on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

struct robust {
	struct cli		*c;
	struct cr_mc_spec	 sp;
	int			 threads;
	int			 part_i, part_k;
	int			 unit;
	struct cli_progress	 progress;
};

static int
usage(const char *fmt, const char *opt, const char *val)
{
	char	*msg = xasprintf(fmt, opt, val);

	cli_error("%s", msg);
	free(msg);
	return (CR_EXIT_USAGE);
}

/* The same, for a parser's -1. */
static int
usage_fail(const char *fmt, const char *opt, const char *val)
{
	usage(fmt, opt, val);
	return (-1);
}

/* A number of an option, strictly (num.h), whole when asked, in range. */
static int
num_opt(const char *opt, const char *s, double lo, double hi, int whole,
    double *out)
{
	char	*why = NULL, *msg;
	double	 v;

	if (cr_num_parse(s, &v, &why) != 0) {
		msg = xasprintf("%s '%s' %s", opt, s, why);
		cli_error("%s", msg);
		free(msg);
		free(why);
		return (-1);
	}
	if ((whole && v != floor(v)) || v < lo || v > hi) {
		msg = xasprintf("%s '%s' is not a%s number from %.15g to %.15g",
		    opt, s, whole ? " whole" : "", lo, hi);
		cli_error("%s", msg);
		free(msg);
		return (-1);
	}
	*out = v;
	return (0);
}

/* "a,b,c": each word through fn, which sets a bit; -1 on a bad one. */
static int
each_word(const char *opt, const char *list,
    int (*fn)(const char *, unsigned *), unsigned *bits)
{
	char	*copy = xstrdup(list), *p = copy, *w;
	int	 rc = 0;

	*bits = 0;
	while (rc == 0 && (w = strsep(&p, ",")) != NULL)
		if (*w == '\0' || fn(w, bits) != 0)
			rc = usage(*w == '\0' ? "%s '%s': an empty item in "
			    "the list" : "%s: unknown item '%s'", opt,
			    *w == '\0' ? list : w);
	free(copy);
	return (rc == 0 ? 0 : -1);
}

static int
vary_word(const char *w, unsigned *bits)
{
	if (strcmp(w, "weights") == 0)
		*bits |= 1;
	else if (strcmp(w, "normalize") == 0 || strcmp(w, "normalise") == 0)
		*bits |= 2;
	else if (strcmp(w, "aggregate") == 0)
		*bits |= 4;
	else
		return (-1);
	return (0);
}

static int
norm_word(const char *w, unsigned *bits)
{
	enum cr_norm	 n;
	double		 lo, hi;

	/* The drawn min-max takes the scenario's range (mc.h). */
	if (strchr(w, ':') != NULL || cr_norm_parse(w, &n, &lo, &hi,
	    NULL) != 0)
		return (-1);
	*bits |= 1u << n;
	return (0);
}

static int
agg_word(const char *w, unsigned *bits)
{
	enum cr_agg	 a;

	if (cr_agg_parse(w, &a, NULL) != 0)
		return (-1);
	*bits |= 1u << a;
	return (0);
}

static int
count_bits(unsigned v)
{
	int	n = 0;

	for (; v != 0; v >>= 1)
		n += v & 1;
	return (n);
}

static int
max_depth(const struct cr_model *m)
{
	size_t	i;
	int	d = 0;

	for (i = 0; i < m->n_nodes; i++)
		if (m->nodes[i].depth > d)
			d = m->nodes[i].depth;
	return (d);
}

/* What varies: --vary, and a method set named implies its method. */
static int
parse_vary(struct robust *rb, const struct robust_opts *o)
{
	/*
	 * fracmax needs positive data, and the methods after it their
	 * parameters: drawn only when named.
	 */
	unsigned	vary = 1, all_n = ((1u << CR_NORM_FRACMAX) - 1);

	if (o->vary != NULL && each_word("--vary", o->vary, vary_word,
	    &vary) != 0)
		return (-1);
	if (o->norms != NULL) {
		if (each_word("--norms", o->norms, norm_word,
		    &rb->sp.norms) != 0)
			return (-1);
		if (count_bits(rb->sp.norms) < 2)
			return (usage_fail("%s '%s': name two or more methods "
			    "to draw from", "--norms", o->norms));
		vary |= 2;
	} else if (vary & 2)
		rb->sp.norms = all_n;
	if (o->aggs != NULL) {
		if (each_word("--aggs", o->aggs, agg_word, &rb->sp.aggs) != 0)
			return (-1);
		if (count_bits(rb->sp.aggs) < 2)
			return (usage_fail("%s '%s': name two or more methods "
			    "to draw from", "--aggs", o->aggs));
		vary |= 4;
	} else if (vary & 4)
		/* Both that it can draw from (engine/mc_eval.c). */
		rb->sp.aggs = (1u << CR_AGG_ARITH) | (1u << CR_AGG_GEOM);
	rb->sp.weights = (vary & 1) != 0;
	return (0);
}

static int
parse_part(struct robust *rb, const char *s)
{
	char	*copy = xstrdup(s), *slash = strchr(copy, '/'), *why = NULL;
	double	 i, k;
	int	 rc = -1;

	if (slash == NULL) {
		free(copy);
		return (usage_fail("%s '%s' is not I/K (part I of K)",
		    "--part", s));
	}
	*slash = '\0';
	if (num_opt("--part", copy, 1, CR_MC_PARTS_MAX, 1, &i) == 0 &&
	    num_opt("--part", slash + 1, 1, CR_MC_PARTS_MAX, 1, &k) == 0) {
		rb->part_i = (int)i;
		rb->part_k = (int)k;
		if (cr_mc_part_check(rb->sp.samples, rb->part_i, rb->part_k,
		    &why) == 0)
			rc = 0;
		else
			cli_error("--part '%s': %s", s, why);
	}
	free(why);
	free(copy);
	return (rc);
}

/* Options that exclude each other, before anything is parsed. */
static int
check_combination(const struct cli *c, const struct robust_opts *o)
{
	if (o->merge && o->part != NULL)
		return (usage("%s and %s exclude each other", "--merge",
		    "--part"));
	if (o->sobol && (o->part != NULL || o->merge))
		return (usage("%s cannot be split: %s", "--sobol",
		    "--part and --merge are for the Monte Carlo analysis"));
	if (o->unit != NULL && !o->sobol)
		return (usage("%s applies to %s only", "--unit", "--sobol"));
	if (o->dirichlet != NULL && o->noise != NULL)
		return (usage("%s and %s exclude each other: one "
		    "distribution of the weights", "--dirichlet", "--noise"));
	if (o->dirichlet != NULL && o->sobol)
		return (usage("%s with %s: Sobol indices need independent "
		    "factors, and a Dirichlet draw moves a group's weights "
		    "together (use --noise)", "--sobol", "--dirichlet"));
	if (c->output != NULL && o->part == NULL)
		return (usage("%s applies to robust %s only", "--output",
		    "--part"));
	if (!o->merge && c->nargs > 0)
		return (usage("robust takes no arguments (got '%s')%s",
		    c->args[0], "; part files follow --merge"));
	if (o->merge && c->nargs == 0)
		return (usage("%s needs the part files: %s", "--merge",
		    "cityrank robust [options] --merge PART..."));
	return (0);
}

static int
parse(struct robust *rb)
{
	const struct robust_opts	*o = &rb->c->robust;
	const struct cr_model		*m = rb->c->sess->ds->model;
	double				 v;
	char				*why = NULL;
	long				 cpus;

	if (check_combination(rb->c, o) != 0)
		return (-1);
	cr_mc_spec_init(&rb->sp);
	rb->sp.node = rb->c->sess->by;
	rb->unit = -1;
	rb->progress.pct = -1;
	cpus = sysconf(_SC_NPROCESSORS_ONLN);
	rb->threads = cpus < 1 ? 1 : cpus > CR_MC_THREADS_MAX ?
	    CR_MC_THREADS_MAX : (int)cpus;
	if (o->samples != NULL) {
		if (num_opt("--samples", o->samples, 1, CR_MC_SAMPLES_MAX, 1,
		    &v) != 0)
			return (-1);
		rb->sp.samples = (size_t)v;
	}
	if (o->noise != NULL) {
		if (num_opt("--noise", o->noise, 0, 99.999, 0, &v) != 0)
			return (-1);
		rb->sp.noise = v / 100;
	}
	if (o->dirichlet != NULL) {
		if (num_opt("--dirichlet", o->dirichlet, 1e-3, CR_MC_CONC_MAX,
		    0, &v) != 0)
			return (-1);
		rb->sp.dist = CR_MC_DIRICHLET;
		rb->sp.conc = v;
	}
	if (o->level != NULL) {
		if (num_opt("--level", o->level, 0, max_depth(m), 1, &v) != 0)
			return (-1);
		rb->sp.level = (int)v;
	}
	if (parse_vary(rb, o) != 0)
		return (-1);
	if (o->top != NULL) {
		if (num_opt("--top", o->top, 1, (double)m->n_entities, 1,
		    &v) != 0)
			return (-1);
		rb->sp.top = (int)v;
	}
	if (o->seed != NULL) {
		/* Every seed up to 2^53 reads back exactly. */
		if (num_opt("--seed", o->seed, 0, 9007199254740992.0, 1,
		    &v) != 0)
			return (-1);
		rb->sp.seed = (uint64_t)v;
	}
	if (o->threads != NULL) {
		if (num_opt("--threads", o->threads, 1, CR_MC_THREADS_MAX, 1,
		    &v) != 0)
			return (-1);
		rb->threads = (int)v;
	}
	if (o->part != NULL && parse_part(rb, o->part) != 0)
		return (-1);
	if (o->unit != NULL &&
	    (rb->unit = cr_match_city(m, o->unit, &why)) < 0) {
		cli_error("--unit: %s", why);
		free(why);
		return (-1);
	}
	return (0);
}

static int
merge(struct robust *rb, const struct cr_mc *mc, struct cr_mc_result *res)
{
	struct cli		*c = rb->c;
	struct cr_mc_part	*parts;
	char			*buf, *why = NULL;
	size_t			 len;
	int			 i, n = 0, rc = 0;

	parts = xcalloc((size_t)c->nargs, sizeof(*parts));
	for (i = 0; rc == 0 && i < c->nargs; i++) {
		/* A part file that cannot be read is a bad argument too. */
		if (cli_read_file(c->args[i], PART_FILE_MAX, "part file",
		    "16 GiB", &buf, &len, &why) != 0) {
			rc = CR_EXIT_USAGE;
			break;
		}
		if (cr_mc_part_parse(mc, c->sess->hash, buf, len, c->args[i],
		    &parts[i], &why) != 0)
			rc = CR_EXIT_USAGE;
		else
			n++;
		free(buf);
	}
	if (rc == 0 && cr_mc_part_merge(mc, parts, (size_t)n,
	    (const char *const *)c->args, res, &why) != 0)
		rc = CR_EXIT_USAGE;
	if (rc != 0)
		cli_error("%s", why);
	free(why);
	for (i = 0; i < n; i++)
		cr_mc_part_free(&parts[i]);
	free(parts);
	return (rc);
}

static int
write_part(struct robust *rb, const struct cr_mc *mc,
    const struct cr_mc_result *res)
{
	char	*text, *why = NULL;
	int	 rc = CR_EXIT_OK;

	text = cr_mc_part_format(mc, rb->c->sess->hash, rb->part_i,
	    rb->part_k, res);
	/* ASCII: codes, numbers and a hash; the layer changes nothing. */
	if (rb->c->output == NULL) {
		if (emit_text(stdout, text) != 0)
			rc = CR_EXIT_FAIL;
	} else if (cli_write_file(rb->c->output, text, &why) != 0) {
		cli_error("%s", why);
		free(why);
		rc = CR_EXIT_FAIL;
	}
	free(text);
	return (rc);
}

static int
print_summary(struct robust *rb, const struct cr_mc *mc,
    const struct cr_mc_result *res)
{
	struct out_table	 t;
	struct cr_mc_unit	*u;

	u = xcalloc(cr_mc_model(mc)->n_entities + 1, sizeof(*u));
	cr_mc_summarise(mc, res, u);
	out_init(&t);
	t.format = rb->c->format;
	t.ascii = rb->c->ascii;
	table_robust(rb->c->sess, mc, u, &t);
	free(u);
	return (cli_print(rb->c, &t));
}

static int
run_mc(struct robust *rb, const struct cr_mc *mc)
{
	struct cr_mc_result	 res;
	size_t			 from = 0, to = rb->sp.samples;
	char			*why = NULL;
	int			 rc;

	if (rb->c->robust.merge) {
		if (session_mc_merge_fits(mc, rb->sp.samples, &why) != 0) {
			cli_error("%s: the parts cannot be merged on this "
			    "machine (doc/uncertainty.md)", why);
			free(why);
			return (CR_EXIT_FAIL);
		}
		if ((rc = merge(rb, mc, &res)) != 0)
			return (rc);
	} else {
		if (rb->part_k > 0)
			cr_mc_part_range(rb->sp.samples, rb->part_i,
			    rb->part_k, &from, &to);
		if (session_mc_fits(mc, to - from, &why) != 0) {
			cli_error("%s: fewer --samples, or --part I/K run in "
			    "turns and merged (doc/uncertainty.md)", why);
			free(why);
			return (CR_EXIT_FAIL);
		}
		rc = cr_mc_run(mc, from, to, rb->threads, &interrupted,
		    cli_progress_start(&rb->progress, "robust", 0, NULL),
		    &rb->progress, &res);
		cli_progress_done(&rb->progress);
		if (rc == CR_MC_CANCELLED)
			return (CR_EXIT_INTERRUPTED);
	}
	if (rb->part_k > 0)
		rc = write_part(rb, mc, &res);
	else
		rc = print_summary(rb, mc, &res);
	cr_mc_result_free(&res);
	return (rc);
}

static int
run_sobol(struct robust *rb, const struct cr_mc *mc)
{
	struct cr_sobol_opts	 o;
	struct cr_sobol		 r;
	struct out_table	 t;
	char			*why = NULL;
	int			 rc;

	memset(&o, 0, sizeof(o));
	o.n = rb->sp.samples;
	o.unit = rb->unit;
	o.boot = CR_SOBOL_BOOT;
	o.conf = 0.95;
	rc = cr_sobol_run(mc, &o, rb->threads, &interrupted,
	    cli_progress_start(&rb->progress, "robust", 0, NULL),
	    &rb->progress, &r, &why);
	cli_progress_done(&rb->progress);
	if (rc == CR_MC_CANCELLED)
		return (CR_EXIT_INTERRUPTED);
	if (rc != 0) {
		cli_error("%s", why);
		free(why);
		return (CR_EXIT_USAGE);
	}
	out_init(&t);
	t.format = rb->c->format;
	t.ascii = rb->c->ascii;
	table_sobol(rb->c->sess, mc, &r, rb->unit, o.boot, &t);
	cr_sobol_free(&r);
	return (cli_print(rb->c, &t));
}

int
cmd_robust(struct cli *c)
{
	struct robust		 rb;
	struct cr_mc		*mc;
	struct sigaction	 sa, old;
	char			*why = NULL;
	int			 rc;

	memset(&rb, 0, sizeof(rb));
	rb.c = c;
	if (parse(&rb) != 0)
		return (CR_EXIT_USAGE);
	if (cr_mc_new(c->sess->ds->model, c->sess->sc, &rb.sp, &mc,
	    &why) != 0) {
		cli_error("robust: %s", why);
		free(why);
		return (CR_EXIT_USAGE);
	}
	/* No SA_RESTART: the run polls the flag; nothing waits on I/O. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigint;
	sigemptyset(&sa.sa_mask);
	interrupted = 0;
	sigaction(SIGINT, &sa, &old);
	rc = c->robust.sobol ? run_sobol(&rb, mc) : run_mc(&rb, mc);
	sigaction(SIGINT, &old, NULL);
	cr_mc_free(mc);
	if (rc == CR_EXIT_INTERRUPTED)
		cli_error("interrupted: nothing written");
	return (rc);
}
