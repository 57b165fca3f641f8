/*
 * cityrank scatter: two measures against each other as a text plot
 * (braille, or ASCII), with the least-squares line, the correlations and
 * which cities are ahead of or behind what X predicts.
 */
#include "config.h"

#include <langinfo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"
#include "emit.h"
#include "plot.h"
#include "scatter.h"
#include "tables.h"
#include "utf8.h"
#include "xmalloc.h"

static int
axes(struct cli *c, struct axis *x, struct axis *y)
{
	char	*why = NULL;

	axis_defaults(c->sess, x, y);
	if ((c->x_code != NULL && axis_parse(c->sess, c->x_code, x, &why) != 0) ||
	    (c->y_code != NULL && axis_parse(c->sess, c->y_code, y, &why) != 0)) {
		cli_error("%s", why);
		free(why);
		return (-1);
	}
	return (0);
}

/*
 * The renderer reads each point from the scatter's columns, labels in
 * the script the output can show.
 */
struct plot_arg {
	struct cli		*c;
	const struct scatter	*s;
};

static void
point(void *arg, size_t i, struct cr_plot_point *p)
{
	struct plot_arg	*pa = arg;

	scatter_point(pa->c->sess, pa->s, i, p);
}

static void
plot_opts(struct cli *c, const struct axis *x, const struct axis *y,
    const struct scatter *s, struct cr_plot_opts *o)
{
	memset(o, 0, sizeof *o);
	o->width = c->width > 0 ? c->width : 80;
	o->height = c->height > 0 ? c->height : 24;
	o->braille = !c->ascii;
	o->log_x = c->log_x;
	o->x_title = axis_title(c->sess, x);
	o->y_title = axis_title(c->sess, y);
	o->x_unit = axis_unit(c->sess, x);
	o->y_unit = axis_unit(c->sess, y);
	/* 万 is not ASCII, nor English: those show plain yuan. */
	o->x_yuan = c->sess->lang == CR_LANG_ZH &&
	    strcmp(o->x_unit, "yuan") == 0;
	o->have_fit = s->have_fit;
	o->a = s->fit.a;
	o->b = s->fit.b;
}

/* Names a side lists; of more, the farthest from the line and a count. */
#define SIDE_MAX	20

struct far {
	double	r;
	size_t	i;
};

/* Farthest from the line first; in the data's order among equals. */
static int
far_cmp(const void *a, const void *b)
{
	const struct far	*p = a, *q = b;

	if (fabs(p->r) != fabs(q->r))
		return (fabs(p->r) > fabs(q->r) ? -1 : 1);
	return (p->i < q->i ? -1 : p->i > q->i);
}

/* Which of f[0..n) far_cmp() puts last. */
static size_t
last_of(const struct far *f, size_t n)
{
	size_t	i, last = 0;

	for (i = 1; i < n; i++)
		if (far_cmp(&f[i], &f[last]) > 0)
			last = i;
	return (last);
}

/*
 * "成都 +3.2, 重庆 +1.0" of the cities ahead (sign 1) or behind (-1), in
 * the data's order.  Of more than SIDE_MAX, the farthest from the line
 * and how many more: 84,000 names made a line nobody reads, and
 * building it by appending took 76 s.
 */
static char *
side(struct cli *c, const struct scatter *s, int sign)
{
	struct far	 f[SIDE_MAX], e;
	size_t		 i, worst = 0, n = 0, shown, len = 0;
	char		*buf = NULL;
	FILE		*fp;
	double		 r;

	/* The SIDE_MAX farthest kept as met, in the data's order. */
	for (i = 0; i < s->n; i++) {
		r = scatter_resid(s, i);
		if (isnan(r) || (sign > 0 ? r <= 0 : r >= 0))
			continue;
		e = (struct far){ r, i };
		if (n++ < SIDE_MAX) {
			f[n - 1] = e;
			if (n == SIDE_MAX)
				worst = last_of(f, SIDE_MAX);
		} else if (far_cmp(&e, &f[worst]) < 0) {
			f[worst] = e;
			worst = last_of(f, SIDE_MAX);
		}
	}
	shown = n;
	if (n > SIDE_MAX) {
		qsort(f, SIDE_MAX, sizeof *f, far_cmp);
		shown = SIDE_MAX;
	}
	if ((fp = open_memstream(&buf, &len)) == NULL)
		xalloc_die();
	for (i = 0; i < shown; i++)
		fprintf(fp, "%s%s %+.1f%s", i > 0 ? ", " : "",
		    session_unit_name(c->sess, (int)f[i].i), f[i].r,
		    s->highlight[f[i].i] ? "!" : "");
	if (shown < n)
		fprintf(fp, " and %zu more (the %d farthest from the line "
		    "shown; --format csv lists each)", n - shown, SIDE_MAX);
	if (fclose(fp) != 0)
		xalloc_die();
	return (buf);
}

static void
print_stats(struct cli *c, const struct scatter *s, const struct cr_plot *p)
{
	char	*a, *b;
	int	 i;

	a = scatter_stats_text(s, c->ascii, 0);
	emit_line(stdout, "%s", a);
	free(a);
	/* Names from data: each list stays one line. */
	a = side(c, s, 1);
	b = side(c, s, -1);
	emit_line(stdout, "ahead of what x predicts (above the line): %s", a);
	emit_line(stdout, "behind (below the line): %s", b);
	emit_line(stdout, "! the %d largest residuals; %s official or "
	    "published, %s not (estimated, reconstructed or imputed x "
	    "or y)",
	    SCATTER_HIGHLIGHT, c->ascii ? "*" : "●", c->ascii ? "o" : "○");
	free(a);
	free(b);
	for (i = 0; i < p->n_key; i++)
		emit_line(stdout, "  %s", p->key[i]);
	if (p->n_numbered > 0)
		emit_line(stdout, "%d label%s could not be placed beside the "
		    "point: numbered above", p->n_numbered, p->n_numbered > 1 ?
		    "s" : "");
	if (p->n_dropped > 0)
		emit_line(stdout, "%d point%s left unlabelled: no room even "
		    "for a number", p->n_dropped, p->n_dropped > 1 ? "s" : "");
	if (p->n_missing > 0)
		emit_line(stdout, "%d cit%s not drawn: a value is missing%s",
		    p->n_missing, p->n_missing > 1 ? "ies" : "y",
		    c->log_x ? " or x <= 0 on a log scale" : "");
}

static int
print_plot(struct cli *c, const struct axis *x, const struct axis *y,
    const struct scatter *s)
{
	struct cr_plot_opts	 o;
	struct cr_plot		 p;
	struct plot_arg		 arg = { c, s };
	struct cr_plot_src	 src = { s->n, point, &arg };
	char			*line;
	int			 r;

	plot_opts(c, x, y, s, &o);
	if (cr_plot_render_src(&o, &src, &p) != 0) {
		emit_err("a plot needs at least %dx%d (--width, --height)",
		    CR_PLOT_MIN_W, CR_PLOT_MIN_H);
		return (CR_EXIT_USAGE);
	}
	for (r = 0; r < p.h; r++) {
		line = cr_plot_line(&p, r);
		emit_line(stdout, "%s", line);
		free(line);
	}
	print_stats(c, s, &p);
	cr_plot_free(&p);
	return (CR_EXIT_OK);
}

static int
print_points(struct cli *c, const struct axis *x, const struct axis *y)
{
	struct out_table	 t;

	out_init(&t);
	t.format = c->format;
	t.ascii = c->ascii;
	table_scatter(c->sess, x, y, &t);
	return (cli_print(c, &t));
}

int
cmd_scatter(struct cli *c)
{
	struct axis	x, y;
	struct scatter	s;
	int		rc;

	if (c->nargs > 0) {
		emit_err("scatter takes no arguments (got '%s'; use --x and "
		    "--y)", c->args[0]);
		return (CR_EXIT_USAGE);
	}
	if (axes(c, &x, &y) != 0)
		return (CR_EXIT_USAGE);
	if (c->format != OUT_TABLE)
		return (print_points(c, &x, &y));
	scatter_compute(c->sess, &x, &y, &s);
	rc = print_plot(c, &x, &y, &s);
	scatter_free(&s);
	return (rc);
}
