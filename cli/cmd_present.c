/*
 * cityrank present [SCRIPT]: the slides of a script (doc/present.md),
 * or the default tour, full screen; with --format md or txt, the same
 * slides written as a handout, each slide's table as the batch command
 * for its view prints it.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "emit.h"
#include "mc.h"
#include "slideshow.h"
#include "tables.h"
#include "tui.h"
#include "utf8.h"
#include "xmalloc.h"

/* A script larger than this is not one written by hand. */
#define SCRIPT_MAX	(1024 * 1024)

static struct cr_slides *
load(struct cli *c)
{
	struct cr_slides	*s;
	char			*buf, *why = NULL;
	size_t			 len;
	int			 rc;

	if (c->nargs == 0)
		return (session_tour(c->sess));
	if (cli_read_file(c->args[0], SCRIPT_MAX, "slide script", "1 MiB",
	    &buf, &len, &why) != 0) {
		cli_error("%s", why);
		free(why);
		return (NULL);
	}
	rc = cr_slides_parse(c->args[0], buf, len, &s, &why);
	free(buf);
	if (rc != 0) {
		cli_error("%s", why);
		free(why);
		return (NULL);
	}
	return (s);
}

/*
 * What 'cityrank robust' prints with its defaults: the run gives the
 * same answer on any number of threads, so one does.
 */
static int
robust_table(struct cli *c, struct out_table *t, char **why)
{
	struct cr_mc_spec	 sp;
	struct cr_mc		*mc;
	struct cr_mc_result	 res;
	struct cr_mc_unit	*u;

	cr_mc_spec_init(&sp);
	sp.node = c->sess->by;
	if (cr_mc_new(c->sess->ds->model, c->sess->sc, &sp, &mc, why) != 0)
		return (-1);
	if (session_mc_fits(mc, sp.samples, why) != 0) {
		cr_mc_free(mc);
		return (-1);
	}
	cr_mc_run(mc, 0, sp.samples, 1, NULL, NULL, NULL, &res);
	u = xcalloc(c->sess->ds->model->n_entities + 1, sizeof(*u));
	cr_mc_summarise(mc, &res, u);
	table_robust(c->sess, mc, u, t);
	free(u);
	cr_mc_result_free(&res);
	cr_mc_free(mc);
	return (0);
}

/* The table the batch command for the slide's view prints. */
static int
slide_table(struct cli *c, const struct cr_slide *sl,
    const struct slide_built *b, struct out_table *t)
{
	switch (sl->view) {
	case CR_SLIDE_RANKING:
		table_rank(c->sess, t);
		break;
	case CR_SLIDE_SHOW:
		table_show(c->sess, b->units[0], t);
		break;
	case CR_SLIDE_COMPARE:
		return (table_compare(c->sess, b->units, b->n_units, t));
	case CR_SLIDE_SCATTER:
		table_scatter(c->sess, &b->x, &b->y, t);
		break;
	case CR_SLIDE_TREE:
	case CR_SLIDE_WEIGHTS:
		table_tree(c->sess, t);
		break;
	default:
		return (-1);
	}
	return (0);
}

static void
heading(struct cli *c, size_t i, const struct cr_slide *sl)
{
	const char	*title = sl->val[CR_SK_TITLE] != NULL ?
	    sl->val[CR_SK_TITLE] : cr_slide_view_name(sl->view);
	size_t		 n;
	char		*rule, *head;

	if (c->format == OUT_MD) {
		emit_line(stdout, "## %zu. %s", i + 1, title);
		emit_line(stdout, "%s", "");
		return;
	}
	head = xasprintf("%zu. %s", i + 1, title);
	emit_line(stdout, "%s", head);
	n = (size_t)cr_utf8_width(head);
	free(head);
	rule = xmalloc(n + 1);
	memset(rule, '=', n);
	rule[n] = '\0';
	emit_line(stdout, "%s", rule);
	emit_line(stdout, "%s", "");
	free(rule);
}

/* A line after the table, a blank line before it. */
static void
said(struct cli *c, const char *pre, const char *v, const char *post)
{
	(void)c;
	emit_line(stdout, "%s", "");
	emit_line(stdout, "%s%s%s", pre, v, post);
}

/* What a slide says besides its table: the caption, a pattern. */
static void
words(struct cli *c, const struct cr_slide *sl, int after)
{
	const char	*v;

	if (!after) {
		if ((v = sl->val[CR_SK_CAPTION]) != NULL) {
			emit_line(stdout, "%s", v);
			emit_line(stdout, "%s", "");
		}
		return;
	}
	if ((v = sl->val[CR_SK_FILTER]) != NULL)
		said(c, "On screen: only the cities matching '", v, "'.");
	if ((v = sl->val[CR_SK_HIGHLIGHT]) != NULL)
		said(c, "Highlighted: the cities matching '", v, "'.");
	if ((v = sl->val[CR_SK_NOTE]) != NULL)
		said(c, c->format == OUT_MD ? "> Note: " : "Note: ", v, "");
	emit_line(stdout, "%s", "");
}

/* One slide; -1 when it cannot be built (said on standard error). */
static int
handout_slide(struct cli *c, const struct session_mark *k,
    const struct cr_slides *s, size_t i)
{
	const struct cr_slide	*sl = &s->s[i];
	struct slide_built	 b;
	struct out_table	 t;
	char			*why = NULL;
	int			 rc = 0;

	heading(c, i, sl);
	words(c, sl, 0);
	if (session_slide_build(c->sess, k, s, sl, &b, &why) != 0) {
		emit_line(stdout, "(this slide cannot be built: %s)", why);
		emit_line(stdout, "%s", "");
		cli_error("%s", why);
		free(why);
		return (-1);
	}
	out_init(&t);
	t.format = c->format;
	t.ascii = c->ascii;
	if (sl->view == CR_SLIDE_ROBUST && robust_table(c, &t, &why) != 0) {
		emit_line(stdout, "(this slide cannot be built: %s:%d: %s)",
		    s->file, sl->line, why);
		cli_error("%s:%d: %s", s->file, sl->line, why);
		free(why);
		rc = -1;
	} else if (sl->view != CR_SLIDE_ROBUST &&
	    slide_table(c, sl, &b, &t) != 0)
		rc = -1;
	else if (out_print(&t, c->format, stdout) != 0)
		rc = -1;
	out_free(&t);
	words(c, sl, 1);
	session_slide_free(&b);
	return (rc);
}

static int
handout(struct cli *c, const struct cr_slides *s)
{
	struct session_mark	*k = session_mark_take(c->sess);
	char			*why = NULL;
	size_t			 i;
	int			 bad = 0;

	for (i = 0; i < s->n; i++)
		if (handout_slide(c, k, s, i) != 0)
			bad = 1;
	if (session_mark_end(c->sess, k, &why) != 0) {
		cli_error("%s", why);
		free(why);
	}
	return (bad ? CR_EXIT_USAGE : CR_EXIT_OK);
}

int
cmd_present(struct cli *c)
{
	struct cr_slides	*s;
	int			 rc;

	if (c->nargs > 1) {
		cli_error("present takes one script at most (got '%s' and "
		    "'%s')", c->args[0], c->args[1]);
		return (CR_EXIT_USAGE);
	}
	if (!c->handout && !(isatty(STDOUT_FILENO) && isatty(STDIN_FILENO))) {
		cli_error("present needs a terminal; --format md or txt "
		    "writes the slides as a handout");
		return (CR_EXIT_USAGE);
	}
	/* The tour full screen is built once the language is known. */
	if (!c->handout && c->nargs == 0)
		return (tui_present(&c->sess, NULL, &c->tui));
	if ((s = load(c)) == NULL)
		return (CR_EXIT_USAGE);
	if (!c->handout)
		return (tui_present(&c->sess, s, &c->tui));
	rc = handout(c, s);
	cr_slides_free(s);
	return (rc);
}
