/* The ranking's columns apart from their drawing (rankcols.h). */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "rankcols.h"
#include "xmalloc.h"

/* The fixed columns' names in a columns setting, by enum rc_kind. */
static const char *const names[RC_NODE] = { "rank", "move", "year", "city",
    "pinyin", "score", "report", "provenance" };

/*
 * Widths: a rank of 4 digits and a mark; "vs 2021"; 4 CJK characters;
 * "100.0~".
 */
static const int widths[RC_NODE] = { 5, 5, 7, 8, 12, 6, 6, 13 };

static int
digits(size_t n)
{
	int	 d = 1;

	while (n >= 10) {
		n /= 10;
		d++;
	}
	return (d);
}

#define NODE_WIDTH	8	/* the value, and room for a name in the head */
#define SCORE_BAR_MAX	12
#define NODE_BAR_MAX	8
#define BAR_MIN		3	/* a shorter bar says little */
#define NAME_MAX_W	24	/* the city's column, at its widest */

int
rc_pinned(int id)
{
	return (id == RC_RANK || id == RC_MOVE || id == RC_YEAR || id == RC_CITY);
}

int
rc_bar_x(int id)
{
	return (id == RC_SCORE || id >= RC_NODE ? 7 : 0);
}

/*
 * The rank's and the move's grow with the data set: 100,000 units rank
 * to six digits, and a move is an arrow and as many.
 */
int
rc_width(int id, int bar, size_t units)
{
	int	w = id >= RC_NODE ? NODE_WIDTH : widths[id];

	if (id == RC_RANK && digits(units) > w)
		w = digits(units);
	else if (id == RC_MOVE && digits(units) + 1 > w)
		w = digits(units) + 1;
	if (bar > 0 && rc_bar_x(id) > 0 && rc_bar_x(id) + bar > w)
		w = rc_bar_x(id) + bar;
	return (w);
}

int
rc_widened(size_t units)
{
	return (rc_width(RC_RANK, 0, units) - widths[RC_RANK] +
	    rc_width(RC_MOVE, 0, units) - widths[RC_MOVE]);
}

/* The node after n in a depth-first walk of the tree, or -1. */
static int
next_node(const struct cr_model *m, int n)
{
	if (m->nodes[n].first_child >= 0)
		return (m->nodes[n].first_child);
	for (; n > 0; n = m->nodes[n].parent)
		if (m->nodes[n].next_sibling >= 0)
			return (m->nodes[n].next_sibling);
	return (-1);
}

void
rc_set_init(struct rc_set *s, const struct cr_model *m, int years)
{
	int	k, node;

	memset(s, 0, sizeof *s);
	s->ids = xcalloc(RC_NODE + m->n_nodes, sizeof *s->ids);
	s->on = xcalloc(RC_NODE + m->n_nodes, 1);
	for (k = 0; k < RC_NODE; k++)
		if (k != RC_YEAR || years)
			s->ids[s->n++] = k;
	for (node = m->n_nodes > 0 ? next_node(m, 0) : -1; node > 0;
	    node = next_node(m, node))
		s->ids[s->n++] = RC_NODE + node;
}

void
rc_set_free(struct rc_set *s)
{
	free(s->ids);
	free(s->on);
	memset(s, 0, sizeof *s);
}

static long
find(const struct rc_set *s, int id)
{
	size_t	i;

	for (i = 0; i < s->n; i++)
		if (s->ids[i] == id)
			return ((long)i);
	return (-1);
}

/* Pinned columns first, each part in its order. */
static void
pinned_first(struct rc_set *s)
{
	int		*ids = xcalloc(s->n, sizeof *ids);
	unsigned char	*on = xcalloc(s->n, 1);
	size_t		 i, k = 0;
	int		 pass;

	for (pass = 1; pass >= 0; pass--)
		for (i = 0; i < s->n; i++)
			if (rc_pinned(s->ids[i]) == pass) {
				ids[k] = s->ids[i];
				on[k++] = s->on[i];
			}
	memcpy(s->ids, ids, s->n * sizeof *ids);
	memcpy(s->on, on, s->n);
	free(ids);
	free(on);
}

void
rc_set_choose(struct rc_set *s, const int *want, size_t n)
{
	int		*ids = xcalloc(s->n, sizeof *ids);
	unsigned char	*taken = xcalloc(s->n, 1);
	size_t		 i, k = 0;
	long		 at;

	for (i = 0; i < n; i++)
		if ((at = find(s, want[i])) >= 0 && !taken[at]) {
			taken[at] = 1;
			ids[k++] = want[i];
		}
	memset(s->on, 0, s->n);
	memset(s->on, 1, k);
	for (i = 0; i < s->n; i++)
		if (!taken[i])
			ids[k++] = s->ids[i];
	memcpy(s->ids, ids, s->n * sizeof *ids);
	free(ids);
	free(taken);
	if ((at = find(s, RC_CITY)) >= 0)
		s->on[at] = 1;
	pinned_first(s);
}

size_t
rc_set_shown(const struct rc_set *s, int *out)
{
	size_t	i, k = 0;

	for (i = 0; i < s->n; i++)
		if (s->on[i])
			out[k++] = s->ids[i];
	return (k);
}

int
rc_set_toggle(struct rc_set *s, size_t i)
{
	if (i >= s->n || s->ids[i] == RC_CITY)
		return (-1);
	s->on[i] = !s->on[i];
	return (s->on[i]);
}

int
rc_set_move(struct rc_set *s, size_t i, int dir)
{
	size_t		j;
	int		id;
	unsigned char	on;

	if (i >= s->n || (dir < 0 && i == 0) || (dir > 0 && i + 1 >= s->n))
		return (-1);
	j = dir < 0 ? i - 1 : i + 1;
	if (rc_pinned(s->ids[i]) != rc_pinned(s->ids[j]))
		return (-1);
	id = s->ids[i];
	on = s->on[i];
	s->ids[i] = s->ids[j];
	s->on[i] = s->on[j];
	s->ids[j] = id;
	s->on[j] = on;
	return ((int)j);
}

const char *
rc_code(int id, const struct cr_model *m)
{
	if (id >= RC_NODE)
		return (m->nodes[id - RC_NODE].code);
	return (names[id]);
}

/* The column a name in a columns setting means, or -1. */
static int
parse_one(const char *s, const struct cr_model *m)
{
	int	k;

	for (k = 0; k < RC_NODE; k++)
		if (strcmp(s, names[k]) == 0)
			return (k);
	if (strcmp(s, "code") == 0)
		return (RC_NAME2);
	if (strcmp(s, "prov") == 0)
		return (RC_PROV);
	if ((k = cr_model_find_node(m, s)) >= 0)
		return (RC_NODE + k);
	return (-1);
}

int
rc_parse(const char *spec, const struct cr_model *m, int **out, size_t *n,
    char **why)
{
	char	*copy = xstrdup(spec), *p = copy, *item, *e;
	int	*ids = xcalloc(strlen(spec) + 1, sizeof *ids), id;
	size_t	 k = 0, i;

	*why = NULL;
	while ((item = strsep(&p, ",")) != NULL && *why == NULL) {
		while (isspace((unsigned char)*item))
			item++;
		e = item + strlen(item);
		while (e > item && isspace((unsigned char)e[-1]))
			*--e = '\0';
		if (*item == '\0') {
			*why = xstrdup("an empty name in the list");
			break;
		}
		if ((id = parse_one(item, m)) < 0) {
			*why = xasprintf("no column '%s': the names are "
			    "rank, move, city, pinyin, score, report, "
			    "provenance and the nodes' codes (cityrank tree)",
			    item);
			break;
		}
		for (i = 0; i < k; i++)
			if (ids[i] == id)
				*why = xasprintf("'%s' is named twice", item);
		ids[k++] = id;
	}
	free(copy);
	if (*why != NULL) {
		free(ids);
		return (-1);
	}
	*out = ids;
	*n = k;
	return (0);
}

/*
 * Width taken by the columns kept, a gap after each, and while bars are
 * held, a short bar for each node.
 */
static int
total(const struct rc_col *c, size_t n, const unsigned char *gone,
    int bars, size_t units)
{
	size_t	i;
	int	t = 0;

	for (i = 0; i < n; i++)
		if (!gone[i])
			t += rc_width(c[i].id, bars && c[i].id >= RC_NODE ?
			    BAR_MIN : 0, units) + 1;
	return (t);
}

size_t
rc_fit(struct rc_col *c, size_t n, int width, int bar_drop, size_t units)
{
	unsigned char	*gone = xcalloc(n + 1, 1);
	struct rc_col	*out = xcalloc(n + 1, sizeof *out);
	size_t		 i, k = 0, kept;
	int		 worst, pass, bars = bar_drop > 0;

	while (total(c, n, gone, bars, units) > width) {
		worst = bars ? bar_drop : 0;
		for (i = 0; i < n; i++)
			if (!gone[i] && c[i].drop > worst)
				worst = c[i].drop;
		if (worst == 0)
			break;
		if (bars && worst == bar_drop) {
			bars = 0;
			continue;
		}
		for (i = 0; i < n; i++)
			if (c[i].drop == worst)
				gone[i] = 1;
	}
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < n; i++)
			if (gone[i] == pass)
				out[k++] = c[i];
	for (i = kept = 0; i < n; i++)
		kept += !gone[i];
	memcpy(c, out, n * sizeof *c);
	free(out);
	free(gone);
	return (kept);
}

/* The largest bar from max down to BAR_MIN that k columns can afford. */
static int
bar_for(int id, int k, int max, int spare, size_t units)
{
	int	b;

	for (b = max; b >= BAR_MIN && k > 0; b--)
		if (k * (rc_width(id, b, units) - rc_width(id, 0, units)) <=
		    spare)
			return (b);
	return (0);
}

/*
 * The spare width to the city's names, then as bars: the nodes' first,
 * all of one size (the dimensions are what the ranking is made of),
 * then the score's.  What is left.
 */
static int
spare_out(const struct rc_cols *c, struct rc_place *at, int spare)
{
	const int	*ids = c->ids;
	size_t		 i, n = c->n;
	int		 nodes = 0, b, node = -1, want;

	want = c->name_w < NAME_MAX_W ? c->name_w : NAME_MAX_W;
	for (i = 0; i < n; i++)
		if (at[i].x >= 0 && ids[i] == RC_CITY && want > at[i].w) {
			b = want - at[i].w < spare ? want - at[i].w : spare;
			at[i].w += b;
			spare -= b;
		}
	for (i = 0; i < n; i++)
		if (at[i].x >= 0 && ids[i] >= RC_NODE) {
			nodes++;
			node = ids[i];
		}
	if (nodes > 0 && (b = bar_for(node, nodes, NODE_BAR_MAX, spare,
	    c->units)) > 0)
		for (i = 0; i < n; i++)
			if (at[i].x >= 0 && ids[i] >= RC_NODE) {
				spare -= rc_width(ids[i], b, c->units) - at[i].w;
				at[i].bar = b;
				at[i].w = rc_width(ids[i], b, c->units);
			}
	for (i = 0; i < n; i++)
		if (at[i].x >= 0 && ids[i] == RC_SCORE &&
		    (b = bar_for(RC_SCORE, 1, SCORE_BAR_MAX, spare,
		    c->units)) > 0) {
			spare -= rc_width(RC_SCORE, b, c->units) - at[i].w;
			at[i].bar = b;
			at[i].w = rc_width(RC_SCORE, b, c->units);
		}
	return (spare);
}

/* The least scroll at which every scrolling column from it on fits. */
static int
max_scroll(const int *ids, size_t n, int room, size_t units)
{
	size_t	i;
	int	s, ns = 0, used = 0;

	for (i = 0; i < n; i++)
		ns += !rc_pinned(ids[i]);
	s = ns;
	for (i = n; i-- > 0;) {
		if (rc_pinned(ids[i]))
			continue;
		if (used + rc_width(ids[i], 0, units) + 1 > room)
			break;
		used += rc_width(ids[i], 0, units) + 1;
		s--;
	}
	/* When not even the last fits, scrolling to it is still allowed. */
	return (s < ns ? s : (ns > 0 ? ns - 1 : 0));
}

/*
 * Place the scrolling columns from the scroll'th on while whole ones
 * fit, up to index end; from *x, then *x is past the last.  0 when one
 * did not fit.
 */
static int
place(const int *ids, size_t from, size_t end, int width, int skip,
    struct rc_place *at, int *x)
{
	size_t	i;
	int	k = 0;

	for (i = 0; i < end; i++) {
		if (rc_pinned(ids[i]))
			continue;
		if (k++ < skip || i < from)
			continue;
		if (*x + at[i].w + 1 > width)
			return (0);
		at[i].x = *x;
		*x += at[i].w + 1;
	}
	return (1);
}

void
rc_layout(const struct rc_cols *c, int width, int scroll,
    struct rc_place *at, struct rc_layout *l)
{
	const int	*ids = c->ids;
	size_t		 i, n = c->n, keep = c->keep < n ? c->keep : n;
	int		 x = 0, start, whole;

	for (i = 0; i < n; i++) {
		at[i].x = -1;
		at[i].w = rc_width(ids[i], 0, c->units);
		at[i].bar = 0;
		if (rc_pinned(ids[i]) && x + at[i].w + 1 <= width) {
			at[i].x = x;
			x += at[i].w + 1;
		}
	}
	start = x;
	l->max_scroll = max_scroll(ids, n, width - start, c->units);
	l->scroll = scroll < 0 ? 0 : scroll > l->max_scroll ? l->max_scroll :
	    scroll;
	/* The columns kept first, then the names and bars, then more. */
	whole = place(ids, 0, keep, width, l->scroll, at, &x);
	x = width - spare_out(c, at, width - x);
	if (whole)
		whole = place(ids, keep, n, width, l->scroll, at, &x);
	/* Place again with the new widths, in the same order. */
	x = 0;
	for (i = 0; i < n; i++)
		if (at[i].x >= 0 && rc_pinned(ids[i])) {
			at[i].x = x;
			x += at[i].w + 1;
		}
	for (i = 0; i < n; i++)
		if (at[i].x >= 0 && !rc_pinned(ids[i])) {
			at[i].x = x;
			x += at[i].w + 1;
		}
	l->left_mark = l->scroll > 0 && start > 0 ? start - 1 : -1;
	l->right_mark = !whole ? width - 1 : -1;
}

int
rc_scroll_to(const struct rc_cols *c, int width, int scroll, size_t i)
{
	struct rc_place	*at = xcalloc(c->n + 1, sizeof *at);
	struct rc_layout l;
	size_t		 j;
	int		 k = 0, s;

	rc_layout(c, width, scroll, at, &l);
	s = l.scroll;
	if (i < c->n && !rc_pinned(c->ids[i]) && at[i].x < 0) {
		for (j = 0; j < i; j++)
			k += !rc_pinned(c->ids[j]);
		if (k < s)
			s = k;
		else
			while (at[i].x < 0 && s < l.max_scroll)
				rc_layout(c, width, ++s, at, &l);
	}
	free(at);
	return (s);
}
