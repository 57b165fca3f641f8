/*
 * Entity lookup by name or PCRE2 pattern.  A pattern is the user's: one
 * like (a+)+$ backtracks exponentially, and PCRE2's default limits let a
 * single name take a quarter of a second, so every match runs under
 * tighter limits, and hitting one is an error of its own, not "no match".
 * Answers are kept per entity, so a filter is paid for once, not at every
 * redraw.
 */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8

#include <pcre2.h>
#include <stdlib.h>
#include <string.h>
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif

#include "match.h"
#include "utf8.h"
#include "xmalloc.h"

#ifndef RUNNING_ON_VALGRIND
#define RUNNING_ON_VALGRIND	0
#endif

#define MAX_LISTED	30
/* JIT stack: PCRE2's default of 32 KiB, growing to this. */
#define JIT_STACK_MAX	(1024 * 1024)
#define OPTIONS		(PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS | \
			    PCRE2_MATCH_INVALID_UTF)

/* An entity's answer: not asked yet, or the answer. */
#define NOT_YET		(-1)

struct cr_match {
	pcre2_code		*re;	/* with a callout before each item */
	int			 jit;	/* re runs JIT-compiled */
	pcre2_match_data	*md;
	pcre2_match_context	*mc;
	pcre2_jit_stack		*js;
	unsigned long		 steps;	/* work in this match: count_step() */
	unsigned long		 budget;
	PCRE2_SIZE		 at;	/* where the last callout was */
	int			 err;	/* PCRE2's error that ended it, or 0 */
	/* The answers so far, for one model and context serial. */
	const struct cr_model	*model;
	unsigned long		 serial;
	size_t			 n;
	signed char		*hit;
};

/*
 * The match limit does not bound the time: the interpreter's holds at
 * each start position, and neither it nor JIT's counts a repeat's run
 * over the name, so (a*)a*$ took seconds on a name of 2,000 a's within
 * it.  So the pattern is compiled with a callout before each item, and
 * the callout counts the items tried and the bytes moved between them
 * over the whole match: work, whichever way PCRE2 does it.
 */
static int
count_step(pcre2_callout_block *cb, void *arg)
{
	struct cr_match	*m = arg;
	PCRE2_SIZE	 at = cb->current_position;

	m->steps += 1 + (at > m->at ? at - m->at : m->at - at);
	m->at = at;
	if (m->steps > m->budget)
		return (PCRE2_ERROR_MATCHLIMIT);
	return (0);
}

/* JIT when PCRE2 has it: ten times faster than the interpreter. */
static int
use_jit(struct cr_match *m)
{
	uint32_t	have = 0;
	size_t		size = 0;

	/*
	 * valgrind cannot tell what JIT code initialised (PCRE2 built
	 * without --enable-valgrind): it reports branches on uninitialised
	 * bytes, so under valgrind the interpreter does the work.
	 */
	if (RUNNING_ON_VALGRIND ||
	    pcre2_config(PCRE2_CONFIG_JIT, &have) < 0 || !have)
		return (0);
	/* (*NO_JIT) in the pattern leaves it without code, and says 0. */
	if (pcre2_jit_compile(m->re, PCRE2_JIT_COMPLETE) != 0 ||
	    pcre2_pattern_info(m->re, PCRE2_INFO_JITSIZE, &size) != 0 ||
	    size == 0)
		return (0);
	if (m->js == NULL &&
	    (m->js = pcre2_jit_stack_create(32 * 1024, JIT_STACK_MAX,
	    NULL)) != NULL)
		pcre2_jit_stack_assign(m->mc, NULL, m->js);
	return (1);
}

struct cr_match *
cr_match_new(const char *pattern, char **cause)
{
	struct cr_match	*m;
	PCRE2_UCHAR	 msg[256];
	PCRE2_SIZE	 off;
	int		 err;
	pcre2_code	*re;

	re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	    OPTIONS | PCRE2_AUTO_CALLOUT, &err, &off, NULL);
	if (re == NULL) {
		pcre2_get_error_message(err, msg, sizeof msg);
		if (cause != NULL)
			*cause = xasprintf("invalid pattern at offset %zu: %s",
			    (size_t)off, (char *)msg);
		return (NULL);
	}
	m = xcalloc(1, sizeof *m);
	m->re = re;
	m->md = pcre2_match_data_create_from_pattern(re, NULL);
	m->mc = pcre2_match_context_create(NULL);
	if (m->md == NULL || m->mc == NULL) {
		cr_match_free(m);
		if (cause != NULL)
			*cause = xstrdup("out of memory");
		return (NULL);
	}
	pcre2_set_match_limit(m->mc, CR_MATCH_LIMIT);
	pcre2_set_depth_limit(m->mc, CR_MATCH_DEPTH);
	pcre2_set_callout(m->mc, count_step, m);
	m->jit = use_jit(m);
	return (m);
}

int
cr_match_jit(struct cr_match *m, int on)
{
	m->jit = on && use_jit(m);
	return (m->jit);
}

static void
forget(struct cr_match *m)
{
	free(m->hit);
	m->hit = NULL;
	m->model = NULL;
	m->n = 0;
}

void
cr_match_free(struct cr_match *m)
{
	if (m == NULL)
		return;
	forget(m);
	pcre2_jit_stack_free(m->js);
	pcre2_match_context_free(m->mc);
	pcre2_match_data_free(m->md);
	pcre2_code_free(m->re);
	free(m);
}

int
cr_match_text(struct cr_match *m, const char *s)
{
	size_t	len;
	int	rc;

	if (m->err != 0)
		return (CR_MATCH_COSTLY);
	if (s == NULL)
		return (0);
	len = strlen(s);
	m->steps = 0;
	m->at = 0;
	/* Each start position is a step or more: room for a long name's. */
	m->budget = CR_MATCH_STEPS + 4 * (unsigned long)len;
	rc = pcre2_match(m->re, (PCRE2_SPTR)s, len, 0,
	    m->jit ? 0 : PCRE2_NO_JIT, m->md, m->mc);
	if (rc >= 0)
		return (1);
	if (rc == PCRE2_ERROR_NOMATCH || rc == PCRE2_ERROR_PARTIAL)
		return (0);
	/* A limit, or memory: no answer, and none later either. */
	m->err = rc;
	return (CR_MATCH_COSTLY);
}

const char *
cr_match_costly(const struct cr_match *m)
{
	switch (m->err) {
	case 0:
		return (NULL);
	case PCRE2_ERROR_MATCHLIMIT:
		return ("the pattern is too costly: PCRE2's match limit was "
		    "hit; simplify it");
	case PCRE2_ERROR_DEPTHLIMIT:
		return ("the pattern is too costly: PCRE2's depth limit was "
		    "hit; simplify it");
	case PCRE2_ERROR_HEAPLIMIT:
		return ("the pattern is too costly: PCRE2's heap limit was "
		    "hit; simplify it");
	case PCRE2_ERROR_JIT_STACKLIMIT:
		return ("the pattern is too costly: PCRE2's JIT stack limit "
		    "was hit; simplify it");
	case PCRE2_ERROR_NOMEMORY:
		return ("the pattern is too costly: out of memory");
	}
	return ("the pattern could not be matched: PCRE2 failed");
}

/* 1, 0 or CR_MATCH_COSTLY, asking PCRE2. */
static int
ask(struct cr_match *m, const struct cr_model *model, int e)
{
	const struct cr_entity	*ent = &model->entities[e];
	const char		*f[] = { ent->name_zh, ent->name_en, ent->code };
	size_t			 i, v;
	int			 rc;

	for (i = 0; i < sizeof f / sizeof f[0]; i++) {
		/* An import names a unit alike in both languages. */
		if (i == 1 && strcmp(f[1], f[0]) == 0)
			continue;
		if ((rc = cr_match_text(m, f[i])) != 0)
			return (rc);
	}
	/* Each value alone: a pattern must not match across two. */
	for (v = 0; v < model->n_ctx; v++)
		if (model->ctx[v].kind == CR_CTX_TEXT &&
		    model->ctx[v].text[e] != NULL &&
		    (rc = cr_match_text(m, model->ctx[v].text[e])) != 0)
			return (rc);
	return (0);
}

/*
 * The answers kept are for one model and its context as it was: a
 * year's values come with their own context (cr_model_swap_ctx), and a
 * change of the context makes a new serial, so a search after it asks
 * again.  A byte an entity: a search reads every answer three times
 * ("match k of n"), 100,000 of them.
 */
static int
entity(struct cr_match *m, const struct cr_model *model, int e)
{
	int	rc;

	if (m->model != model || m->n != model->n_entities ||
	    m->serial != model->ctx_serial) {
		forget(m);
		m->model = model;
		m->serial = model->ctx_serial;
		m->n = model->n_entities;
		m->hit = xmalloc(m->n + 1);
		memset(m->hit, NOT_YET, m->n + 1);
	}
	if (m->hit[e] != NOT_YET)
		return (m->hit[e]);
	if ((rc = ask(m, model, e)) < 0)
		return (rc);
	m->hit[e] = (signed char)rc;
	return (rc);
}

int
cr_match_entity(struct cr_match *m, const struct cr_model *model, int e)
{
	return (entity(m, model, e) == 1);
}

int
cr_match_scan(struct cr_match *m, const struct cr_model *model,
    int (*stop)(void *, size_t, size_t), void *arg)
{
	size_t	e;

	for (e = 0; e < model->n_entities; e++) {
		if (stop != NULL && stop(arg, e, model->n_entities))
			return (CR_MATCH_STOPPED);
		if (entity(m, model, (int)e) < 0)
			return (CR_MATCH_COSTLY);
	}
	return (0);
}

/* "北京 Beijing, 上海 Shanghai, ..." of the first entities in a set. */
static char *
list_names(const struct cr_model *model, const int *set, size_t n)
{
	char	*s = xstrdup(""), *t;
	size_t	 i;

	for (i = 0; i < n && i < MAX_LISTED; i++) {
		t = xasprintf("%s%s%s %s", s, i > 0 ? ", " : "",
		    model->entities[set[i]].name_zh,
		    model->entities[set[i]].name_en);
		free(s);
		s = t;
	}
	if (n > MAX_LISTED) {
		t = xasprintf("%s and %zu more", s, n - MAX_LISTED);
		free(s);
		s = t;
	}
	return (s);
}

static int
exact(const struct cr_model *model, const char *q)
{
	size_t	e;

	for (e = 0; e < model->n_entities; e++) {
		const struct cr_entity *ent = &model->entities[e];

		if (strcmp(ent->name_zh, q) == 0 ||
		    cr_strcasecmp_ascii(ent->name_en, q) == 0 ||
		    cr_strcasecmp_ascii(ent->code, q) == 0)
			return ((int)e);
	}
	return (-1);
}

int
cr_match_city(const struct cr_model *model, const char *q, char **cause)
{
	struct cr_match	*m;
	int		*set, found;
	size_t		 e, n = 0;
	char		*names, *why = NULL, *safe;

	if ((found = exact(model, q)) >= 0)
		return (found);
	safe = cr_sanitize(q);
	if ((m = cr_match_new(q, &why)) == NULL) {
		*cause = xasprintf("city '%s': %s", safe, why);
		free(why);
		free(safe);
		return (-1);
	}
	if (cr_match_scan(m, model, NULL, NULL) != 0) {
		/* Not "unknown": a city may well match, PCRE2 gave up. */
		*cause = xasprintf("city '%s': %s", safe, cr_match_costly(m));
		cr_match_free(m);
		free(safe);
		return (-1);
	}
	set = xcalloc(model->n_entities + 1, sizeof *set);
	for (e = 0; e < model->n_entities; e++)
		if (cr_match_entity(m, model, (int)e))
			set[n++] = (int)e;
	cr_match_free(m);
	found = n == 1 ? set[0] : -1;
	if (n > 1) {
		names = list_names(model, set, n);
		*cause = xasprintf("ambiguous city '%s': matches %s", safe,
		    names);
		free(names);
	} else if (n == 0) {
		for (e = 0; e < model->n_entities; e++)
			set[e] = (int)e;
		names = list_names(model, set, model->n_entities);
		*cause = xasprintf("unknown city '%s'; cities are: %s", safe,
		    names);
		free(names);
	}
	free(set);
	free(safe);
	return (found);
}
