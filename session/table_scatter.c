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

#include "session.h"
#include "plot.h"
#include "scatter.h"
#include "tables.h"
#include "utf8.h"
#include "xmalloc.h"

/* The points, made a row at a time as printed. */
struct scatter_rows {
	struct session	*ss;
	struct scatter	 sc;
};

static void
scatter_row(struct out_table *t, size_t i, void *arg)
{
	struct scatter_rows	*sr = arg;
	const struct cr_model	*m = sr->ss->ds->model;
	const struct scatter	*s = &sr->sc;
	double			 r;

	out_str(t, m->entities[i].code);
	out_str(t, m->entities[i].name_zh);
	out_str(t, m->entities[i].name_en);
	out_num(t, s->x[i], 1);
	out_num(t, s->y[i], 2);
	out_num(t, scatter_fitted(s, i), 2);
	r = scatter_resid(s, i);
	out_num(t, r, 2);
	out_str(t, isnan(r) ? "" : r > 0 ? "ahead" : "behind");
	out_str(t, s->derived[i] ? "yes" : "no");
}

static void
scatter_rows_free(void *arg)
{
	struct scatter_rows	*sr = arg;

	scatter_free(&sr->sc);
	free(sr);
}

void
table_scatter(struct session *ss, const struct axis *x, const struct axis *y,
    struct out_table *t)
{
	struct scatter_rows	*sr = xcalloc(1, sizeof *sr);

	sr->ss = ss;
	scatter_compute(ss, x, y, &sr->sc);
	out_meta(t, "x", axis_code(ss, x));
	out_meta(t, "y", axis_code(ss, y));
	out_col(t, "code", "Code", 0);
	out_col(t, "name_zh", "City", 0);
	out_col(t, "name_en", "Pinyin", 0);
	out_col(t, "x", "X", 1);
	out_col(t, "y", "Y", 1);
	out_col(t, "fitted", "Fitted", 1);
	out_col(t, "residual", "Residual", 1);
	out_col(t, "class", "Class", 0);
	out_col(t, "derived", "Not official", 0);
	out_rows(t, sr->sc.n, scatter_row, sr, scatter_rows_free);
}
