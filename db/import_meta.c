/*
 * The metadata table: one row an item (iCode) with its Type.  Rows of
 * Type Indicator and Aggregate make the framework tree; the checks that
 * need every row (parents, cycles, levels, children) run after the
 * last one.  Group, Denominator and Other rows describe context columns
 * and their Level, Weight, Direction and Parent are not used.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "import_priv.h"
#include "xmalloc.h"

enum {
	C_LEVEL, C_CODE, C_NAME, C_DIR, C_WEIGHT, C_UNIT, C_TARGET, C_DENOM,
	C_PARENT, C_TYPE, NCOLS
};

static const struct {
	const char	*name;
	int		 required;
} columns[NCOLS] = {
	{ "Level", 1 }, { "iCode", 1 }, { "iName", 1 }, { "Direction", 1 },
	{ "Weight", 1 }, { "Unit", 0 }, { "Target", 0 }, { "Denominator", 0 },
	{ "Parent", 1 }, { "Type", 1 },
};

static const char *const type_names[] = {
	"Indicator", "Aggregate", "Group", "Denominator", "Other"
};

static const char	*type_name(const struct cr_import_item *);

struct meta {
	struct cr_import	*imp;
	struct cr_csv		 csv;
	size_t			 col[NCOLS];	/* SIZE_MAX when absent */
	size_t			 ncols;
	struct strmap		 codes;		/* iCode -> item */
	char			 sbuf[48];	/* for q() */
};

static const char *
field(struct meta *m, int c)
{
	return (m->col[c] == SIZE_MAX ? "" : m->csv.field[m->col[c]]);
}

/* Column (in characters) of a field of the current row. */
static size_t
at(struct meta *m, int c)
{
	return (m->col[c] == SIZE_MAX ? 1 : m->csv.field_col[m->col[c]]);
}

/* A field quoted in a message: one a message, cut short. */
static const char *
q(struct meta *m, const char *s)
{
	return (imp_short(s, m->sbuf, sizeof m->sbuf));
}

static void __attribute__((format(printf, 3, 4)))
error(struct meta *m, int c, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	imp_verror(m->imp, IMP_META, m->csv.record_line, at(m, c), fmt, ap);
	va_end(ap);
}

static int
is_node(const struct cr_import_item *it)
{
	return (!it->invalid && (it->type == CR_IMPORT_INDICATOR ||
	    it->type == CR_IMPORT_AGGREGATE));
}

/* Codes end up in "--weights CODE=W" and file names: keep them plain. */
static int
valid_code(const char *s)
{
	const unsigned char	*p;

	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p <= ' ' || *p >= 0x7f || *p == ',' || *p == '=')
			return (0);
	return (1);
}

static int
header(struct meta *m)
{
	struct cr_csv	*csv = &m->csv;
	size_t		 j;
	int		 c, ok = 1;

	m->ncols = csv->n_fields;
	for (c = 0; c < NCOLS; c++)
		m->col[c] = SIZE_MAX;
	for (j = 0; j < csv->n_fields; j++) {
		for (c = 0; c < NCOLS; c++)
			if (strcmp(csv->field[j], columns[c].name) == 0)
				break;
		if (c == NCOLS)
			continue;	/* COINr allows more columns */
		if (m->col[c] != SIZE_MAX) {
			imp_error(m->imp, IMP_META, csv->field_line[j],
			    csv->field_col[j], "duplicate column '%s'",
			    columns[c].name);
			ok = 0;
		} else
			m->col[c] = j;
	}
	for (c = 0; c < NCOLS; c++) {
		if (!columns[c].required || m->col[c] != SIZE_MAX)
			continue;
		imp_error(m->imp, IMP_META, csv->record_line, 1, "missing "
		    "column '%s' (the metadata needs Level, iCode, iName, "
		    "Direction, Weight, Parent and Type)", columns[c].name);
		ok = 0;
	}
	return (ok);
}

static int
parse_type(const char *s, enum cr_import_type *t)
{
	size_t	i;

	for (i = 0; i < sizeof type_names / sizeof type_names[0]; i++) {
		if (strcmp(s, type_names[i]) == 0) {
			*t = (enum cr_import_type)i;
			return (0);
		}
	}
	return (-1);
}

static void
node_level(struct meta *m, struct cr_import_item *it)
{
	const char	*s = field(m, C_LEVEL);
	double		 v;

	if (*s == '\0')
		error(m, C_LEVEL, "empty Level: an %s needs one",
		    type_names[it->type]);
	else if (imp_number(s, &v) != 0 || v < 1 || v > 1000 ||
	    v != floor(v))
		error(m, C_LEVEL, "Level '%s' is not a whole number from 1",
		    q(m, s));
	else
		it->level = (int)v;
}

/* A bad weight stays NAN, so no sum of weights is judged with it. */
static void
node_weight(struct meta *m, struct cr_import_item *it)
{
	const char	*s = field(m, C_WEIGHT);
	double		 v;

	it->weight = NAN;
	if (*s == '\0')
		error(m, C_WEIGHT, "empty Weight: an %s needs one",
		    type_names[it->type]);
	else if (imp_number(s, &v) != 0)
		error(m, C_WEIGHT, "Weight '%s' is not a number", q(m, s));
	else if (v < 0)
		error(m, C_WEIGHT, "Weight '%s' is negative", q(m, s));
	else
		it->weight = v;
}

/* An aggregate's direction is not used (COINr ignores it too). */
static void
node_direction(struct meta *m, struct cr_import_item *it)
{
	const char	*s = field(m, C_DIR);
	double		 v;

	it->direction = 1;
	if (*s == '\0') {
		if (it->type == CR_IMPORT_INDICATOR)
			error(m, C_DIR, "empty Direction: an Indicator needs "
			    "1 or -1");
		return;
	}
	if (imp_number(s, &v) != 0 || (v != 1 && v != -1)) {
		error(m, C_DIR, "Direction '%s' is not 1 or -1", q(m, s));
		return;
	}
	it->direction = (int)v;
	if (it->type == CR_IMPORT_AGGREGATE && v == -1)
		imp_warn(m->imp, IMP_META, m->csv.record_line, at(m, C_DIR),
		    "Direction -1 of Aggregate '%s' is ignored: only "
		    "indicators have a direction", it->code);
}

/* 0 when the code is usable; a bad one leaves its row out of checks. */
static int
check_code(struct meta *m, const char *code)
{
	size_t	first;

	if (*code == '\0') {
		error(m, C_CODE, "empty iCode");
		return (-1);
	}
	if (!valid_code(code)) {
		error(m, C_CODE, "iCode '%s' must be printable ASCII without "
		    "spaces, ',' or '='", q(m, code));
		return (-1);
	}
	first = strmap_put(&m->codes, code, m->imp->n_items);
	if (first != m->imp->n_items) {
		error(m, C_CODE, "duplicate iCode '%s' (first on line %zu)",
		    code, m->imp->items[first].line);
		return (-1);
	}
	return (0);
}

static void
row(struct meta *m)
{
	struct cr_import	*imp = m->imp;
	struct cr_import_item	*it;
	const char		*code = field(m, C_CODE), *s;
	double			 v;
	int			 bad;

	if (m->csv.n_fields != m->ncols) {
		imp_error(imp, IMP_META, m->csv.record_line, 1, "%zu fields "
		    "where the header has %zu", m->csv.n_fields, m->ncols);
		return;
	}
	bad = check_code(m, code) != 0;
	imp->items = xreallocarray(imp->items, imp->n_items + 1,
	    sizeof *imp->items);
	it = &imp->items[imp->n_items++];
	memset(it, 0, sizeof *it);
	it->code = xstrdup(code);
	it->name = xstrdup(*field(m, C_NAME) != '\0' ? field(m, C_NAME) :
	    code);
	it->unit = xstrdup(field(m, C_UNIT));
	it->parent_code = xstrdup(field(m, C_PARENT));
	it->denominator = xstrdup(field(m, C_DENOM));
	it->parent = it->column = it->slot = -1;
	it->direction = 1;
	it->line = m->csv.record_line;
	it->code_col = at(m, C_CODE);
	it->level_col = at(m, C_LEVEL);
	it->parent_col = at(m, C_PARENT);
	it->denominator_col = at(m, C_DENOM);
	it->invalid = bad;
	if (parse_type(field(m, C_TYPE), &it->type) != 0) {
		error(m, C_TYPE, "Type '%s' is not Indicator, Aggregate, "
		    "Group, Denominator or Other", q(m, field(m, C_TYPE)));
		it->invalid = 1;
		return;
	}
	it->target = NAN;
	s = field(m, C_TARGET);
	if (*s != '\0' && imp_number(s, &v) != 0)
		error(m, C_TARGET, "Target '%s' is not a number", q(m, s));
	else if (*s != '\0' && it->type == CR_IMPORT_INDICATOR)
		it->target = v;
	else if (*s != '\0')
		/* COINr reads a target only for what it normalises. */
		imp_warn(imp, IMP_META, m->csv.record_line, at(m, C_TARGET),
		    "Target of %s '%s' is ignored: only an Indicator has one",
		    type_name(it), q(m, code));
	if (!is_node(it))
		return;
	node_level(m, it);
	node_weight(m, it);
	node_direction(m, it);
}

static const char *
type_name(const struct cr_import_item *it)
{
	return (type_names[it->type]);
}

/* Resolve every node's Parent; exactly one Aggregate has none. */
static void
link_parents(struct meta *m, int *root)
{
	struct cr_import	*imp = m->imp;
	struct cr_import_item	*it, *p;
	size_t			 i, j;

	*root = -1;
	for (i = 0; i < imp->n_items; i++) {
		it = &imp->items[i];
		if (!is_node(it))
			continue;
		if (*it->parent_code == '\0') {
			if (it->type == CR_IMPORT_INDICATOR)
				imp_error(imp, IMP_META, it->line,
				    it->parent_col, "Indicator '%s' has no "
				    "Parent", it->code);
			else if (*root != -1)
				imp_error(imp, IMP_META, it->line,
				    it->parent_col, "a second root '%s': only "
				    "one Aggregate may have an empty Parent "
				    "('%s' on line %zu has one)", it->code,
				    imp->items[*root].code,
				    imp->items[*root].line);
			else
				*root = (int)i;
			continue;
		}
		j = strmap_get(&m->codes, it->parent_code);
		if (j == SIZE_MAX) {
			char	buf[48];

			imp_error(imp, IMP_META, it->line, it->parent_col,
			    "unknown Parent '%s'", imp_short(it->parent_code,
			    buf, sizeof buf));
			continue;
		}
		p = &imp->items[j];
		if (p->invalid)
			continue;
		if (p->type != CR_IMPORT_AGGREGATE)
			imp_error(imp, IMP_META, it->line, it->parent_col,
			    "Parent '%s' is of Type %s; a parent must be an "
			    "Aggregate", p->code, type_name(p));
		else
			it->parent = (int)j;
	}
}

/* "A -> B -> A", the members of a cycle from its first. */
static char *
cycle_text(const struct cr_import *imp, const int *path, size_t n)
{
	char	*s = xstrdup(imp->items[path[0]].code), *t;
	size_t	 i;

	for (i = 1; i <= n; i++) {
		t = xasprintf("%s -> %s", s, imp->items[path[i % n]].code);
		free(s);
		s = t;
	}
	return (s);
}

/*
 * Follow every chain of parents once.  A chain that reaches a node of
 * the walk in progress closed a cycle; it is reported once, at the
 * Parent of its member written first, and its members skip the level
 * checks, which a cycle would fail for no further reason.
 */
static int
find_cycles(struct meta *m, unsigned char *state)
{
	struct cr_import	*imp = m->imp;
	int			*path, j, found = 0;
	size_t			 i, n, k, first, start;
	char			*s;

	/* The second half holds a cycle rotated for its message. */
	path = xcalloc(2 * imp->n_items + 1, sizeof *path);
	for (i = 0; i < imp->n_items; i++) {
		n = 0;
		for (j = (int)i; j != -1 && state[j] == 0;
		    j = imp->items[j].parent) {
			state[j] = 1;
			path[n++] = j;
		}
		if (j != -1 && state[j] == 1) {
			for (start = 0; path[start] != j; start++)
				;
			first = start;
			for (k = start; k < n; k++)
				if (imp->items[path[k]].line <
				    imp->items[path[first]].line)
					first = k;
			/* Rotate so the message starts at that member. */
			for (k = 0; k < n - start; k++)
				path[n + k] = path[start +
				    (first - start + k) % (n - start)];
			s = cycle_text(imp, path + n, n - start);
			imp_error(imp, IMP_META, imp->items[path[n]].line,
			    imp->items[path[n]].parent_col, "Parent makes a "
			    "cycle: %s", s);
			free(s);
			for (k = start; k < n; k++)
				state[path[k]] = 3;
			found = 1;
		}
		for (k = 0; k < n; k++)
			if (state[path[k]] == 1)
				state[path[k]] = 2;
	}
	free(path);
	return (found);
}

/* Indicators are Level 1; a child is one level below its parent. */
static void
check_levels(struct meta *m, const unsigned char *state)
{
	struct cr_import	*imp = m->imp;
	struct cr_import_item	*it, *p;
	size_t			 i;

	for (i = 0; i < imp->n_items; i++) {
		it = &imp->items[i];
		if (!is_node(it) || it->level == 0 || state[i] == 3)
			continue;
		if (it->type == CR_IMPORT_INDICATOR && it->level != 1) {
			imp_error(imp, IMP_META, it->line, it->level_col,
			    "Indicator '%s' has Level %d; indicators are "
			    "Level 1", it->code, it->level);
			continue;
		}
		if (it->type == CR_IMPORT_AGGREGATE && it->level == 1) {
			imp_error(imp, IMP_META, it->line, it->level_col,
			    "Aggregate '%s' has Level 1, the level of "
			    "indicators", it->code);
			continue;
		}
		if (it->parent == -1)
			continue;
		p = &imp->items[it->parent];
		if (p->level != 0 && p->level != it->level + 1)
			imp_error(imp, IMP_META, it->line, it->level_col,
			    "Level %d of '%s' does not fit its Parent '%s' "
			    "at Level %d (a child is one level below its "
			    "parent)", it->level, it->code, p->code,
			    p->level);
	}
}

/* Every aggregate needs a child, and one with a weight. */
static void
check_children(struct meta *m)
{
	struct cr_import	*imp = m->imp;
	struct cr_import_item	*it;
	double			*wsum;
	size_t			 i;

	wsum = xcalloc(imp->n_items + 1, sizeof *wsum);
	for (i = 0; i < imp->n_items; i++) {
		it = &imp->items[i];
		if (it->parent == -1)
			continue;
		imp->items[it->parent].n_children++;
		/* NAN from a bad weight keeps the sum from being judged. */
		wsum[it->parent] += it->weight;
	}
	for (i = 0; i < imp->n_items; i++) {
		it = &imp->items[i];
		if (!is_node(it) || it->type != CR_IMPORT_AGGREGATE)
			continue;
		if (it->n_children == 0)
			imp_error(imp, IMP_META, it->line, it->code_col,
			    "Aggregate '%s' has no children (no row names "
			    "it as Parent)", it->code);
		else if (wsum[i] == 0)
			imp_error(imp, IMP_META, it->line, it->code_col,
			    "every child of '%s' has Weight 0", it->code);
	}
	free(wsum);
}

static void
check_denominators(struct meta *m)
{
	struct cr_import	*imp = m->imp;
	struct cr_import_item	*it;
	size_t			 i, j;
	char			 buf[48];

	for (i = 0; i < imp->n_items; i++) {
		it = &imp->items[i];
		if (*it->denominator == '\0')
			continue;
		j = strmap_get(&m->codes, it->denominator);
		if (j == SIZE_MAX || imp->items[j].invalid ||
		    imp->items[j].type != CR_IMPORT_DENOMINATOR)
			imp_error(imp, IMP_META, it->line, it->denominator_col,
			    "Denominator '%s' is not an iCode of Type "
			    "Denominator", imp_short(it->denominator, buf,
			    sizeof buf));
	}
}

static void
reverse(int *a, size_t n)
{
	size_t	i;
	int	t;

	for (i = 0; i < n / 2; i++) {
		t = a[i];
		a[i] = a[n - 1 - i];
		a[n - 1 - i] = t;
	}
}

/* Parents first, children in the order written: how the tree reads. */
static void
order_nodes(struct cr_import *imp, int root)
{
	int	*first, *next, *last, *stack, i, c;
	size_t	 n = imp->n_items, sp = 0, k;

	first = xcalloc(n, sizeof *first);
	next = xcalloc(n, sizeof *next);
	last = xcalloc(n, sizeof *last);
	stack = xcalloc(n + 1, sizeof *stack);
	for (k = 0; k < n; k++)
		first[k] = next[k] = last[k] = -1;
	for (k = 0; k < n; k++) {
		if ((i = imp->items[k].parent) == -1)
			continue;
		if (first[i] == -1)
			first[i] = (int)k;
		else
			next[last[i]] = (int)k;
		last[i] = (int)k;
	}
	imp->nodes = xcalloc(n, sizeof *imp->nodes);
	stack[sp++] = root;
	while (sp > 0) {
		i = stack[--sp];
		imp->nodes[imp->n_nodes++] = i;
		if (imp->items[i].type == CR_IMPORT_INDICATOR)
			imp->n_indicators++;
		/* Push children last-first so they pop in written order. */
		k = sp;
		for (c = first[i]; c != -1; c = next[c])
			stack[sp++] = c;
		reverse(stack + k, sp - k);
	}
	imp->n_levels = (size_t)imp->items[root].level;
	free(first);
	free(next);
	free(last);
	free(stack);
}

/* Numeric columns share one array per row, text columns another. */
static void
assign_slots(struct cr_import *imp)
{
	struct cr_import_item	*it;
	size_t			 i;

	for (i = 0; i < imp->n_items; i++) {
		it = &imp->items[i];
		if (it->invalid || it->type == CR_IMPORT_AGGREGATE)
			continue;
		if (it->type == CR_IMPORT_GROUP)
			it->slot = (int)imp->n_text++;
		else
			it->slot = (int)imp->n_num++;
	}
}

static void
check_tree(struct meta *m)
{
	struct cr_import	*imp = m->imp;
	unsigned char		*state;
	size_t			 errors = imp->n_errors;
	int			 root, cycles;

	link_parents(m, &root);
	state = xcalloc(imp->n_items + 1, 1);
	cycles = find_cycles(m, state);
	check_levels(m, state);
	free(state);
	check_children(m);
	check_denominators(m);
	/* A cycle usually is the missing root: say it once. */
	if (root == -1 && !cycles)
		imp_error(imp, IMP_META, 1, at(m, C_PARENT), "no root: one "
		    "Aggregate must have an empty Parent");
	else if (imp->n_errors == errors)
		order_nodes(imp, root);
}

void
imp_read_meta(struct cr_import *imp, const char *buf, size_t len)
{
	struct meta	m;
	int		rc;

	memset(&m, 0, sizeof m);
	m.imp = imp;
	cr_csv_init(&m.csv, buf, len);
	if ((rc = cr_csv_next(&m.csv)) == 0)
		imp_error(imp, IMP_META, 1, 1, "empty file: expected a header "
		    "row");
	else if (rc == 1 && header(&m)) {
		while ((rc = cr_csv_next(&m.csv)) == 1)
			row(&m);
		if (rc == 0) {
			imp->meta_ok = 1;
			if (imp->n_items == 0)
				imp_error(imp, IMP_META, 1, 1, "no rows after "
				    "the header");
			else
				check_tree(&m);
		}
	}
	if (rc < 0)
		imp_error(imp, IMP_META, m.csv.err_line, m.csv.err_col, "%s",
		    m.csv.error);
	else
		assign_slots(imp);
	cr_csv_free(&m.csv);
	strmap_free(&m.codes);
}
