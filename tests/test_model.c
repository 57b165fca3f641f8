/* Model building: errors, tree topology, entities, values, context. */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include <xxhash.h>

#include "child.h"
#include "dshash.h"
#include "model.h"
#include "xmalloc.h"

/* The call failed and its cause mentions `want`. */
static void
expect_cause(int rc, char *cause, const char *want)
{
	assert_int_equal(rc, -1);
	assert_non_null(cause);
	if (strstr(cause, want) == NULL)
		fail_msg("cause \"%s\" does not mention \"%s\"", cause, want);
	free(cause);
}

static struct cr_model *
small_tree(void)
{
	struct cr_model	*m;

	m = cr_model_new("t");
	assert_int_equal(cr_model_add_node(m, "root", NULL, "总", "Index",
	    "", 1, 1, NULL), 0);
	assert_int_equal(cr_model_add_node(m, "a", "root", NULL, NULL, NULL,
	    1, 1, NULL), 0);
	return m;
}

static void
test_add_node_errors(void **state)
{
	struct cr_model	*m;
	char		*cause;
	int		 rc;

	(void)state;
	m = small_tree();

	cause = NULL;
	rc = cr_model_add_node(m, "", "root", "", "", "", 1, 1, &cause);
	expect_cause(rc, cause, "empty");
	cause = NULL;
	rc = cr_model_add_node(m, NULL, "root", "", "", "", 1, 1, &cause);
	expect_cause(rc, cause, "empty");
	cause = NULL;
	rc = cr_model_add_node(m, "a b", "root", "", "", "", 1, 1, &cause);
	expect_cause(rc, cause, "'a b'");
	cause = NULL;
	rc = cr_model_add_node(m, "a=1", "root", "", "", "", 1, 1, &cause);
	expect_cause(rc, cause, "'a=1'");
	cause = NULL;
	rc = cr_model_add_node(m, "a", "root", "", "", "", 1, 1, &cause);
	expect_cause(rc, cause, "duplicate node code 'a'");
	cause = NULL;
	rc = cr_model_add_node(m, "b", "nope", "", "", "", 1, 1, &cause);
	expect_cause(rc, cause, "unknown parent 'nope' of node 'b'");
	cause = NULL;
	rc = cr_model_add_node(m, "r2", NULL, "", "", "", 1, 1, &cause);
	expect_cause(rc, cause, "'r2'");
	cause = NULL;
	rc = cr_model_add_node(m, "r3", "", "", "", "", 1, 1, &cause);
	expect_cause(rc, cause, "'r3'");
	cause = NULL;
	rc = cr_model_add_node(m, "b", "root", "", "", "", -1, 1, &cause);
	expect_cause(rc, cause, "weight -1 of node 'b'");
	cause = NULL;
	rc = cr_model_add_node(m, "b", "root", "", "", "", NAN, 1, &cause);
	expect_cause(rc, cause, "node 'b'");
	cause = NULL;
	rc = cr_model_add_node(m, "b", "root", "", "", "", INFINITY, 1,
	    &cause);
	expect_cause(rc, cause, "node 'b'");
	cause = NULL;
	rc = cr_model_add_node(m, "b", "root", "", "", "", 1, 0, &cause);
	expect_cause(rc, cause, "direction 0 of node 'b'");
	cause = NULL;
	rc = cr_model_add_node(m, "b", "root", "", "", "", 1, 2, &cause);
	expect_cause(rc, cause, "direction 2 of node 'b'");

	/* A NULL cause is allowed, and failed calls added nothing. */
	assert_int_equal(cr_model_add_node(m, "a", "root", "", "", "", 1, 1,
	    NULL), -1);
	assert_int_equal(m->n_nodes, 2);
	/* Weight 0 and direction -1 are fine. */
	assert_int_equal(cr_model_add_node(m, "b", "root", "", "", "", 0, -1,
	    NULL), 0);

	assert_int_equal(cr_model_freeze(m, NULL), 0);
	cause = NULL;
	rc = cr_model_add_node(m, "c", "root", "", "", "", 1, 1, &cause);
	expect_cause(rc, cause, "'c'");
	cause = NULL;
	rc = cr_model_freeze(m, &cause);
	expect_cause(rc, cause, "frozen");
	cr_model_free(m);
}

static void
test_freeze_no_root(void **state)
{
	struct cr_model	*m;
	char		*cause = NULL;
	int		 rc;

	(void)state;
	m = cr_model_new(NULL);
	rc = cr_model_freeze(m, &cause);
	expect_cause(rc, cause, "root");
	assert_int_equal(m->frozen, 0);
	cr_model_free(m);
}

static void
add(struct cr_model *m, const char *code, const char *parent)
{
	assert_int_equal(cr_model_add_node(m, code, parent, code, code, "",
	    1, 1, NULL), 0);
}

/*
 * Insertion order 0 root, 1 a, 2 b, 3 a1, 4 c, 5 a2, 6 c1, 7 a3, 8 c1x:
 * root has a, b, c; a has a1, a2, a3; c has c1; c1 has c1x.
 */
static void
test_freeze_topology(void **state)
{
	struct cr_model	*m;
	const int	 depth[] = { 0, 1, 1, 2, 1, 2, 2, 2, 3 };
	const int	 first[] = { 1, 3, -1, -1, 6, -1, 8, -1, -1 };
	const int	 next[] = { -1, 2, 4, 5, -1, 7, -1, -1, -1 };
	const int	 nch[] = { 3, 3, 0, 0, 1, 0, 1, 0, 0 };
	const int	 leaf[] = { -1, -1, 0, 1, -1, 2, -1, 3, 4 };
	const int	 leaf_node[] = { 2, 3, 5, 7, 8 };
	size_t		 i;

	(void)state;
	m = cr_model_new("topo");
	add(m, "root", NULL);
	add(m, "a", "root");
	add(m, "b", "root");
	add(m, "a1", "a");
	add(m, "c", "root");
	add(m, "a2", "a");
	add(m, "c1", "c");
	add(m, "a3", "a");
	add(m, "c1x", "c1");
	assert_int_equal(cr_model_freeze(m, NULL), 0);
	assert_int_equal(m->frozen, 1);
	assert_int_equal(m->n_nodes, 9);
	assert_int_equal(m->n_leaves, 5);
	for (i = 0; i < 9; i++) {
		assert_int_equal(m->nodes[i].depth, depth[i]);
		assert_int_equal(m->nodes[i].first_child, first[i]);
		assert_int_equal(m->nodes[i].next_sibling, next[i]);
		assert_int_equal(m->nodes[i].n_children, nch[i]);
		assert_int_equal(m->nodes[i].leaf, leaf[i]);
	}
	for (i = 0; i < 5; i++)
		assert_int_equal(m->leaf_node[i], leaf_node[i]);
	assert_int_equal(m->nodes[0].parent, -1);
	assert_int_equal(m->nodes[8].parent, 6);
	assert_int_equal(cr_model_find_node(m, "c1"), 6);
	assert_int_equal(cr_model_find_node(m, "C1"), -1);
	assert_int_equal(cr_model_find_node(m, "c"), 4);
	/* c1x is under c1, c and the root, and itself; not under a or b. */
	assert_true(cr_model_under(m, 8, 6) && cr_model_under(m, 8, 4) &&
	    cr_model_under(m, 8, 0) && cr_model_under(m, 8, 8));
	assert_false(cr_model_under(m, 8, 1) || cr_model_under(m, 8, 2) ||
	    cr_model_under(m, 4, 8) || cr_model_under(m, 0, 4));
	assert_string_equal(m->nodes[0].name_en, "root");
	assert_string_equal(m->name, "topo");
	cr_model_free(m);
}

static void
test_single_node_model(void **state)
{
	struct cr_model	*m;

	(void)state;
	m = cr_model_new("one");
	add(m, "only", NULL);
	assert_int_equal(cr_model_freeze(m, NULL), 0);
	assert_int_equal(m->n_leaves, 1);
	assert_int_equal(m->nodes[0].leaf, 0);
	cr_model_free(m);
}

static void
test_entities_and_values(void **state)
{
	struct cr_model	*m;
	char		 code[32], *cause;
	int		 e, rc;

	(void)state;
	m = small_tree();
	add(m, "b", "root");
	/* Entities may come before the freeze... */
	assert_int_equal(cr_model_add_entity(m, "bj", "北京", "Beijing",
	    NULL), 0);
	assert_int_equal(cr_model_set_value(m, 0, 0, 1, CR_PROV_REPORT), -1);
	assert_int_equal(cr_model_freeze(m, NULL), 0);
	assert_true(isnan(cr_model_raw(m, 0, 0)));
	assert_int_equal(cr_model_prov_at(m, 0), CR_PROV_USER);
	assert_int_equal(cr_model_set_value(m, 0, 1, 42, CR_PROV_OFFICIAL),
	    0);

	/* ...and after, past several growths of the arrays. */
	for (e = 1; e < 1000; e++) {
		snprintf(code, sizeof(code), "c%d", e);
		assert_int_equal(cr_model_add_entity(m, code, NULL, NULL,
		    NULL), 0);
		assert_int_equal(cr_model_set_value(m, e, 0, e * 2.0,
		    CR_PROV_ESTIMATED), 0);
	}
	assert_int_equal(m->n_entities, 1000);
	assert_true(cr_model_raw(m, 0, 1) == 42);
	assert_int_equal(cr_model_prov_at(m, 1), CR_PROV_OFFICIAL);
	for (e = 1; e < 1000; e++) {
		snprintf(code, sizeof(code), "c%d", e);
		assert_int_equal(cr_model_find_entity(m, code), e);
		assert_true(cr_model_raw(m, e, 0) == e * 2.0);
		assert_true(isnan(cr_model_raw(m, e, 1)));
		assert_int_equal(cr_model_prov_at(m, e * 2 + 1), CR_PROV_USER);
	}
	assert_int_equal(cr_model_find_entity(m, "bj"), 0);
	assert_int_equal(cr_model_find_entity(m, "c1000"), -1);
	assert_int_equal(cr_model_find_entity(m, "BJ"), -1);
	assert_string_equal(m->entities[0].name_en, "Beijing");
	assert_string_equal(m->entities[5].name_zh, "");

	cause = NULL;
	rc = cr_model_add_entity(m, "c7", NULL, NULL, &cause);
	expect_cause(rc, cause, "duplicate entity code 'c7'");
	cause = NULL;
	rc = cr_model_add_entity(m, "", NULL, NULL, &cause);
	expect_cause(rc, cause, "empty");
	assert_int_equal(m->n_entities, 1000);

	/* Bad indices, infinities and provenances are refused. */
	assert_int_equal(cr_model_set_value(m, 1000, 0, 1, 0), -1);
	assert_int_equal(cr_model_set_value(m, -1, 0, 1, 0), -1);
	assert_int_equal(cr_model_set_value(m, 0, 2, 1, 0), -1);
	assert_int_equal(cr_model_set_value(m, 0, 0, INFINITY, 0), -1);
	assert_int_equal(cr_model_set_value(m, 0, 0, 1, CR_PROV_COUNT), -1);
	/* NAN is how a value is made missing again. */
	assert_int_equal(cr_model_set_value(m, 0, 1, NAN, CR_PROV_USER), 0);
	assert_true(isnan(cr_model_raw(m, 0, 1)));
	assert_true(isnan(cr_model_raw(m, 0, 5)));
	assert_true(isnan(cr_model_raw(m, 5000, 0)));
	cr_model_free(m);
}

static void
test_ctxvars(void **state)
{
	struct cr_model		*m;
	struct cr_ctxvar	*gdp, *region;
	char			 code[32], *cause;
	int			 e, rc;

	(void)state;
	m = small_tree();
	assert_int_equal(cr_model_freeze(m, NULL), 0);
	assert_int_equal(cr_model_add_entity(m, "x0", NULL, NULL, NULL), 0);
	assert_int_equal(cr_model_add_ctxvar(m, "gdp", "人均GDP", "GDP",
	    "yuan", CR_CTX_NUM, NULL), 0);
	assert_int_equal(cr_model_add_ctxvar(m, "region", NULL, NULL, NULL,
	    CR_CTX_TEXT, NULL), 0);
	cause = NULL;
	rc = cr_model_add_ctxvar(m, "gdp", NULL, NULL, NULL, CR_CTX_NUM,
	    &cause);
	expect_cause(rc, cause, "'gdp'");
	cause = NULL;
	rc = cr_model_add_ctxvar(m, "", NULL, NULL, NULL, CR_CTX_NUM, &cause);
	expect_cause(rc, cause, "empty");
	assert_int_equal(cr_model_find_ctx(m, "region"), 1);
	assert_int_equal(cr_model_find_ctx(m, "pop"), -1);

	assert_int_equal(cr_model_set_ctx_num(m, 0, 0, 1.5e5,
	    CR_PROV_OFFICIAL, "yearbook", 0), 0);
	assert_int_equal(cr_model_set_ctx_text(m, 1, 0, "east",
	    CR_PROV_REPORT, NULL, 0), 0);
	/* Replacing a value: the new strings are the ones read. */
	assert_int_equal(cr_model_set_ctx_text(m, 1, 0, "East",
	    CR_PROV_USER, "me", 0), 0);
	/* Wrong kind, bad indices. */
	assert_int_equal(cr_model_set_ctx_num(m, 1, 0, 1, 0, NULL, 0), -1);
	assert_int_equal(cr_model_set_ctx_text(m, 0, 0, "x", 0, NULL, 0), -1);
	assert_int_equal(cr_model_set_ctx_num(m, 0, 1, 1, 0, NULL, 0), -1);
	assert_int_equal(cr_model_set_ctx_num(m, 2, 0, 1, 0, NULL, 0), -1);

	for (e = 1; e < 100; e++) {
		snprintf(code, sizeof(code), "x%d", e);
		assert_int_equal(cr_model_add_entity(m, code, NULL, NULL,
		    NULL), 0);
	}
	gdp = &m->ctx[0];
	region = &m->ctx[1];
	assert_true(gdp->num[0] == 1.5e5);
	assert_string_equal(cr_model_ctx_source(m, 0, 0), "yearbook");
	assert_int_equal(gdp->prov[0], CR_PROV_OFFICIAL);
	assert_string_equal(region->text[0], "East");
	assert_string_equal(cr_model_ctx_source(m, 1, 0), "me");
	assert_null(gdp->text);
	assert_null(region->num);
	for (e = 1; e < 100; e++) {
		assert_true(isnan(gdp->num[e]));
		assert_null(region->text[e]);
		assert_null(cr_model_ctx_source(m, 0, e));
		assert_int_equal(gdp->prov[e], CR_PROV_USER);
	}
	assert_int_equal(cr_model_set_ctx_text(m, 1, 99, "west",
	    CR_PROV_ESTIMATED, "guess", 0), 0);
	assert_string_equal(region->text[99], "west");
	cr_model_free(m);
}

static void
test_prov(void **state)
{
	const char	*names[] = { "report", "official", "user",
	    "estimated", "reconstructed", "imputed" };
	enum cr_prov	 p;
	int		 i;

	(void)state;
	for (i = 0; i < CR_PROV_COUNT; i++) {
		assert_string_equal(cr_prov_name((enum cr_prov)i), names[i]);
		assert_int_equal(cr_prov_parse(names[i], &p), 0);
		assert_int_equal(p, i);
	}
	assert_int_equal(cr_prov_parse("guessed", &p), -1);
	assert_false(cr_prov_is_derived(CR_PROV_REPORT));
	assert_false(cr_prov_is_derived(CR_PROV_OFFICIAL));
	assert_false(cr_prov_is_derived(CR_PROV_USER));
	assert_true(cr_prov_is_derived(CR_PROV_ESTIMATED));
	assert_true(cr_prov_is_derived(CR_PROV_RECONSTRUCTED));
	assert_true(cr_prov_is_derived(CR_PROV_IMPUTED));
}

static void
test_xmalloc(void **state)
{
	char	*s;

	(void)state;
	s = xasprintf("%s=%d", "iot", 42);
	assert_string_equal(s, "iot=42");
	free(s);
	s = xstrndup("abcdef", 3);
	assert_string_equal(s, "abc");
	free(s);
	s = xstrndup("ab", 10);
	assert_string_equal(s, "ab");
	free(s);
	s = xstrdup("");
	assert_string_equal(s, "");
	free(s);
}

static void
overflow(void *arg)
{
	(void)arg;
	xreallocarray(NULL, SIZE_MAX / 2 + 2, 2);
}

/* An overflowing size must exit with the message, not wrap around. */
static void
test_xreallocarray_overflow(void **state)
{
	char	 buf[128];
	int	 status;

	(void)state;
	status = child_stderr(overflow, NULL, buf, sizeof buf);
	if (!WIFEXITED(status))
		fail_msg("child status %#x", status);
	assert_int_equal(WEXITSTATUS(status), 1);
	assert_string_equal(buf, "cityrank: out of memory\n");
}

/* A NaN with a payload of its own, not the one NAN gives. */
static double
nan_payload(void)
{
	uint64_t	 u = 0x7ff00000000abcdeULL;
	double		 d;

	memcpy(&d, &u, sizeof d);
	return (d);
}

/* A model of a root, one leaf of direction -1, and one entity. */
static struct cr_model *
hash_model(double v)
{
	struct cr_model	*m = cr_model_new("h");

	assert_int_equal(cr_model_add_node(m, "root", NULL, "r", "r", "", 1,
	    1, NULL), 0);
	assert_int_equal(cr_model_add_node(m, "leaf", "root", "l", "l", "", 1,
	    -1, NULL), 0);
	assert_int_equal(cr_model_freeze(m, NULL), 0);
	assert_int_equal(cr_model_add_entity(m, "e1", "e", "e", NULL), 0);
	cr_model_set_value(m, 0, 0, v, CR_PROV_USER);
	return (m);
}

/* Two values that must give the data set the same identity. */
static void
same_hash(double a, double b)
{
	struct cr_model	*m = hash_model(a), *z = hash_model(b);
	char		*got = cr_model_hash(m), *got2 = cr_model_hash(z);

	assert_string_equal(got, got2);
	free(got);
	free(got2);
	cr_model_free(m);
	cr_model_free(z);
}

/*
 * The data set's identity: XXH3-128 of the byte stream doc/scenarios.md
 * describes, written out here by hand, so a change of the stream (which
 * would orphan every saved scenario) fails this test.
 */
/*
 * A pool's strings never move as it grows, whatever their length, and
 * all go at once (valgrind and ASan check that nothing leaks).
 */
static void
test_strpool(void **state)
{
	struct cr_strpool	 p = { 0 };
	char			*got[3000], want[40], *big;
	size_t			 i;

	(void)state;
	big = xmalloc(40000);
	memset(big, 'b', 39999);
	big[39999] = '\0';
	for (i = 0; i < 3000; i++) {
		snprintf(want, sizeof want, "unit %zu%.*s", i, (int)(i % 20),
		    "....................");
		got[i] = cr_strpool_dup(&p, i == 1500 ? big : i == 7 ? "" :
		    want);
	}
	for (i = 0; i < 3000; i++) {
		snprintf(want, sizeof want, "unit %zu%.*s", i, (int)(i % 20),
		    "....................");
		assert_string_equal(got[i], i == 1500 ? big : i == 7 ? "" :
		    want);
	}
	cr_strpool_free(&p);
	assert_null(p.head);
	cr_strpool_free(&p);
	free(big);
}

/* Names given once are kept once; another context keeps its strings. */
static void
test_model_strings(void **state)
{
	struct cr_model	*m, *o;
	struct cr_entity *en;
	char		 big[1001];

	(void)state;
	m = small_tree();
	o = small_tree();
	assert_int_equal(cr_model_freeze(m, NULL), 0);
	assert_int_equal(cr_model_freeze(o, NULL), 0);
	assert_int_equal(cr_model_add_entity(m, "a", "Alpha", "Alpha", NULL),
	    0);
	assert_int_equal(cr_model_add_entity(m, "b", "贝", "Bee", NULL), 0);
	assert_int_equal(cr_model_add_entity(m, "c", NULL, NULL, NULL), 0);
	en = m->entities;
	assert_ptr_equal(en[0].name_en, en[0].name_zh);
	assert_string_equal(en[0].name_en, "Alpha");
	assert_string_equal(en[1].name_zh, "贝");
	assert_string_equal(en[1].name_en, "Bee");
	assert_string_equal(en[2].name_zh, "");
	assert_string_equal(en[2].name_en, "");
	assert_string_equal(en[2].code, "c");
	assert_int_equal(cr_model_add_entity(o, "a", NULL, NULL, NULL), 0);
	assert_int_equal(cr_model_add_entity(o, "b", NULL, NULL, NULL), 0);
	assert_int_equal(cr_model_add_entity(o, "c", NULL, NULL, NULL), 0);
	assert_int_equal(cr_model_add_ctxvar(o, "region", NULL, NULL, NULL,
	    CR_CTX_TEXT, NULL), 0);
	assert_int_equal(cr_model_set_ctx_text(o, 0, 0, "South",
	    CR_PROV_USER, "iData.csv", 2), 0);
	assert_int_equal(cr_model_set_ctx_text(o, 0, 1, "North",
	    CR_PROV_USER, "iData.csv", 3), 0);
	assert_int_equal(cr_model_set_ctx_text(o, 0, 2, "West",
	    CR_PROV_USER, "yearbook", 0), 0);
	/* The other period's context in; that period's model then goes. */
	cr_model_swap_ctx(m, o);
	cr_model_free(o);
	assert_string_equal(m->ctx[0].text[0], "South");
	assert_string_equal(cr_model_ctx_source(m, 0, 0),
	    "iData.csv line 2");
	assert_string_equal(cr_model_ctx_source(m, 0, 1),
	    "iData.csv line 3");
	assert_string_equal(cr_model_ctx_source(m, 0, 2),
	    "yearbook");
	/* One file, kept once. */
	assert_ptr_equal(m->ctx[0].source[0], m->ctx[0].source[1]);
	/* Two files: still a source each. */
	cr_model_ctx_compact(m);
	assert_non_null(m->ctx[0].source);
	assert_string_equal(cr_model_ctx_source(m, 0, 2), "yearbook");
	/* One file for all: kept once, each unit's line still its own. */
	assert_int_equal(cr_model_set_ctx_text(m, 0, 2, "West",
	    CR_PROV_USER, "iData.csv", 4), 0);
	cr_model_ctx_compact(m);
	assert_null(m->ctx[0].source);
	/* Lines 2, 3, 4: one number. */
	assert_null(m->ctx[0].line.v);
	assert_int_equal(m->ctx[0].line.first, 2);
	assert_string_equal(cr_model_ctx_source(m, 0, 1),
	    "iData.csv line 3");
	assert_string_equal(cr_model_ctx_source(m, 0, 2),
	    "iData.csv line 4");
	/* A unit added then has none; the others keep theirs. */
	assert_int_equal(cr_model_add_entity(m, "d", NULL, NULL, NULL), 0);
	assert_null(cr_model_ctx_source(m, 0, 3));
	assert_string_equal(cr_model_ctx_source(m, 0, 0),
	    "iData.csv line 2");
	/* A long source names its line whole. */
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_int_equal(cr_model_set_ctx_text(m, 0, 2, "West",
	    CR_PROV_USER, big, 4294967295u), 0);
	assert_int_equal(strlen(cr_model_ctx_source(m, 0, 2)),
	    1000 + strlen(" line 4294967295"));
	cr_model_free(m);
}

/*
 * A text the context repeats is kept once, each unit reading its own;
 * past the distinct texts kept once, texts are copies and still right.
 */
static void
test_ctx_texts(void **state)
{
	struct cr_model	*m;
	char		 code[16], text[16];
	int		 e;

	(void)state;
	m = small_tree();
	assert_int_equal(cr_model_freeze(m, NULL), 0);
	assert_int_equal(cr_model_add_ctxvar(m, "region", NULL, NULL, NULL,
	    CR_CTX_TEXT, NULL), 0);
	assert_int_equal(cr_model_add_ctxvar(m, "note", NULL, NULL, NULL,
	    CR_CTX_TEXT, NULL), 0);
	for (e = 0; e < 1000; e++) {
		snprintf(code, sizeof(code), "u%d", e);
		assert_int_equal(cr_model_add_entity(m, code, NULL, NULL,
		    NULL), 0);
		assert_int_equal(cr_model_set_ctx_text(m, 0, e,
		    e % 3 == 0 ? "South" : e % 3 == 1 ? "East" : "West",
		    CR_PROV_USER, NULL, 0), 0);
		snprintf(text, sizeof(text), "n%d", e);
		assert_int_equal(cr_model_set_ctx_text(m, 1, e, text,
		    CR_PROV_USER, NULL, 0), 0);
	}
	assert_ptr_equal(m->ctx[0].text[0], m->ctx[0].text[999]);
	assert_ptr_equal(m->ctx[0].text[1], m->ctx[0].text[4]);
	assert_ptr_not_equal(m->ctx[0].text[1], m->ctx[0].text[2]);
	for (e = 0; e < 1000; e++) {
		assert_string_equal(m->ctx[0].text[e],
		    e % 3 == 0 ? "South" : e % 3 == 1 ? "East" : "West");
		snprintf(text, sizeof(text), "n%d", e);
		assert_string_equal(m->ctx[1].text[e], text);
	}
	/* The same text set again, past the set's room: right, a copy. */
	assert_int_equal(cr_model_set_ctx_text(m, 1, 0, "n999",
	    CR_PROV_USER, NULL, 0), 0);
	assert_string_equal(m->ctx[1].text[0], "n999");
	assert_string_equal(m->ctx[1].text[999], "n999");
	cr_model_free(m);
}

/*
 * Lines kept as one number only when they are first + unit, read the
 * same either way, and made a line each again as they read.
 */
static void
test_linecol(void **state)
{
	struct cr_linecol	 c = { NULL, 0 };
	size_t			 e;

	(void)state;
	assert_int_equal(cr_linecol_get(&c, 5), 0);
	c.v = xcalloc(4, sizeof(*c.v));
	for (e = 0; e < 4; e++)
		c.v[e] = 7 + (uint32_t)e;
	cr_linecol_compact(&c, 4);
	assert_null(c.v);
	assert_int_equal(c.first, 7);
	assert_int_equal(cr_linecol_get(&c, 3), 10);
	cr_linecol_expand(&c, 5);
	assert_non_null(c.v);
	assert_int_equal(c.first, 0);
	for (e = 0; e <= 5; e++)
		assert_int_equal(cr_linecol_get(&c, e), 7 + e);
	/* A gap, a first line of none, one past UINT32_MAX: kept. */
	c.v[2] = 100;
	cr_linecol_compact(&c, 4);
	assert_non_null(c.v);
	c.v[0] = 0;
	c.v[1] = 1;
	c.v[2] = 2;
	cr_linecol_compact(&c, 3);
	assert_non_null(c.v);
	c.v[0] = UINT32_MAX - 1;
	c.v[1] = UINT32_MAX;
	cr_linecol_compact(&c, 2);
	assert_null(c.v);
	c.v = xcalloc(3, sizeof(*c.v));
	c.first = 0;
	c.v[0] = UINT32_MAX - 1;
	c.v[1] = UINT32_MAX;
	c.v[2] = 0;
	cr_linecol_compact(&c, 3);
	assert_non_null(c.v);
	cr_linecol_free(&c);
	assert_null(c.v);
	assert_int_equal(cr_linecol_get(&c, 1), 0);
}

static void
test_hash(void **state)
{
	static const unsigned char stream[] =
	    "cityrank data set 1\0"
	    "root\0" "\0" "\0\0\0\0\0\0\0\0"	/* aggregate: 0 */
	    "leaf\0" "root\0" "\0\0\0\0\0\0\xf0\xbf"	/* -1.0 */
	    "e1\0"
	    "\0\0\0\0\0\0\x04\x40";		/* 2.5 */
	struct cr_model	*m = hash_model(2.5);
	XXH128_hash_t	 h = XXH3_128bits(stream, sizeof stream - 1);
	char		 want[33], *got;

	(void)state;
	snprintf(want, sizeof want, "%016llx%016llx",
	    (unsigned long long)h.high64, (unsigned long long)h.low64);
	got = cr_model_hash(m);
	assert_string_equal(got, want);
	free(got);
	cr_model_set_value(m, 0, 0, 2.5000000001, CR_PROV_USER);
	got = cr_model_hash(m);
	assert_string_not_equal(got, want);
	free(got);
	cr_model_free(m);
	/* -0 and 0 score alike, and so hash alike. */
	same_hash(0.0, -0.0);
	/* Missing is missing, whatever NaN holds it. */
	same_hash(NAN, -nan_payload());
}

/*
 * The VmFlags of the mapping that holds address a, from
 * /proc/self/smaps, into flags; -1 when it cannot be read.
 */
static int
vm_flags(uintptr_t a, char *flags, size_t len)
{
	FILE		*f;
	char		 line[512];
	unsigned long	 lo, hi;
	int		 in = 0, rc = -1;

	if ((f = fopen("/proc/self/smaps", "r")) == NULL)
		return (-1);
	while (fgets(line, sizeof line, f) != NULL) {
		/* A mapping's first line; its fields are "Name: ...". */
		if (sscanf(line, "%lx-%lx", &lo, &hi) == 2)
			in = a >= lo && a < hi;
		if (in && strncmp(line, "VmFlags:", 8) == 0) {
			snprintf(flags, len, "%s", line + 8);
			rc = 0;
			break;
		}
	}
	fclose(f);
	return (rc);
}

/* A large block is marked for huge pages, a small one is not. */
static void
test_huge_pages(void **state)
{
	const size_t	 big = (size_t)16 << 20, small = (size_t)1 << 20;
	char		 thp[128] = "", flags[512];
	unsigned char	*p, *q;
	FILE		*f;

	(void)state;
	f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
	if (f == NULL || fgets(thp, sizeof thp, f) == NULL ||
	    strstr(thp, "[never]") != NULL) {
		if (f != NULL)
			fclose(f);
		skip();
	}
	fclose(f);
	p = xmalloc(big);
	q = xmalloc(small);
	xhuge(p, big);
	xhuge(q, small);
	assert_int_equal(vm_flags((uintptr_t)p + big / 2, flags,
	    sizeof flags), 0);
	assert_non_null(strstr(flags, " hg"));
	if (vm_flags((uintptr_t)q + small / 2, flags, sizeof flags) == 0)
		assert_null(strstr(flags, " hg"));
	/* NULL and nothing: no call, no harm. */
	xhuge(NULL, big);
	xhuge(p, 0);
	free(p);
	free(q);
}

/*
 * Provenance kept once while every value has the same, a value each
 * once one differs, and once again when they agree; what each value
 * reads is the same either way, a new unit's missing values "user".
 */
static void
test_prov_one(void **state)
{
	struct cr_model	*m;
	int		 e;

	(void)state;
	m = small_tree();
	add(m, "b", "root");
	assert_int_equal(cr_model_freeze(m, NULL), 0);
	for (e = 0; e < 3; e++) {
		char code[16];

		snprintf(code, sizeof(code), "u%d", e);
		assert_int_equal(cr_model_add_entity(m, code, NULL, NULL,
		    NULL), 0);
		assert_int_equal(cr_model_set_value(m, e, 0, e, CR_PROV_USER),
		    0);
	}
	assert_null(m->prov);
	assert_int_equal(cr_model_prov(m, 2, 1), CR_PROV_USER);
	assert_int_equal(cr_model_set_value(m, 1, 1, 5, CR_PROV_OFFICIAL), 0);
	assert_non_null(m->prov);
	assert_int_equal(cr_model_prov(m, 1, 1), CR_PROV_OFFICIAL);
	assert_int_equal(cr_model_prov(m, 1, 0), CR_PROV_USER);
	assert_int_equal(cr_model_prov(m, 2, 1), CR_PROV_USER);
	/* Not all alike: kept a value each. */
	cr_model_prov_compact(m);
	assert_non_null(m->prov);
	for (e = 0; e < 3; e++) {
		assert_int_equal(cr_model_set_value(m, e, 0, e,
		    CR_PROV_OFFICIAL), 0);
		assert_int_equal(cr_model_set_value(m, e, 1, e,
		    CR_PROV_OFFICIAL), 0);
	}
	cr_model_prov_compact(m);
	assert_null(m->prov);
	assert_int_equal(cr_model_prov(m, 2, 0), CR_PROV_OFFICIAL);
	/* A new unit's values are missing and "user", as they always were. */
	assert_int_equal(cr_model_add_entity(m, "new", NULL, NULL, NULL), 0);
	assert_non_null(m->prov);
	assert_int_equal(cr_model_prov(m, 3, 0), CR_PROV_USER);
	assert_int_equal(cr_model_prov(m, 2, 1), CR_PROV_OFFICIAL);
	cr_model_free(m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_node_errors),
		cmocka_unit_test(test_freeze_no_root),
		cmocka_unit_test(test_freeze_topology),
		cmocka_unit_test(test_single_node_model),
		cmocka_unit_test(test_entities_and_values),
		cmocka_unit_test(test_ctxvars),
		cmocka_unit_test(test_prov),
		cmocka_unit_test(test_prov_one),
		cmocka_unit_test(test_xmalloc),
		cmocka_unit_test(test_xreallocarray_overflow),
		cmocka_unit_test(test_huge_pages),
		cmocka_unit_test(test_hash),
		cmocka_unit_test(test_linecol),
		cmocka_unit_test(test_ctx_texts),
		cmocka_unit_test(test_strpool),
		cmocka_unit_test(test_model_strings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
