/*
 * The methods as one line, for the explorer's M: the batch flags'
 * text (--normalize, --aggregate, --normalize-leaf, --aggregate-level)
 * each after a word, the clauses separated by ';'.  Parsed whole before
 * anything changes, then applied as the flags are, in one change.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cause.h"
#include "saved.h"
#include "session.h"
#include "session_priv.h"
#include "xmalloc.h"

enum { W_NORM, W_AGG, W_LEAF, W_LEVEL, W_COUNT };

static const char *const words[W_COUNT] = {
	"normalize", "aggregate", "leaf", "level"
};

#define SYNTAX	"normalize M; aggregate M; leaf CODE=M,...; level DEPTH=M,..."

static void
trim(const char **s, const char **e)
{
	while (*s < *e && isspace((unsigned char)**s))
		(*s)++;
	while (*e > *s && isspace((unsigned char)(*e)[-1]))
		(*e)--;
}

/* One clause "WORD TEXT" into text[word]; -1 and *cause when bad. */
static int
clause(const char *s, const char *e, char **text, char **cause)
{
	const char	*sp;
	size_t		 n;
	int		 w;

	trim(&s, &e);
	if (s == e)
		return (0);
	for (sp = s; sp < e && !isspace((unsigned char)*sp); sp++)
		;
	n = (size_t)(sp - s);
	for (w = 0; w < W_COUNT; w++)
		if (strlen(words[w]) == n && strncasecmp(s, words[w], n) == 0)
			break;
	if (w == W_COUNT)
		return (cr_cause(cause, "'%.*s' is not normalize, aggregate, "
		    "leaf or level (%s)", (int)n, s, SYNTAX));
	if (text[w] != NULL)
		return (cr_cause(cause, "%s is given twice", words[w]));
	trim(&sp, &e);
	if (sp == e)
		return (cr_cause(cause, "%s: no method given", words[w]));
	text[w] = xstrndup(sp, (size_t)(e - sp));
	return (0);
}

static int
split(const char *line, char **text, char **cause)
{
	const char	*s = line, *end = line + strlen(line), *semi;

	for (;;) {
		if ((semi = memchr(s, ';', (size_t)(end - s))) == NULL)
			semi = end;
		if (clause(s, semi, text, cause) != 0)
			return (-1);
		if (semi == end)
			return (0);
		s = semi + 1;
	}
}

int
session_set_methods_line(struct session *s, const char *line, char **cause)
{
	struct cr_norm_spec	 norm;
	struct cr_agg_spec	 agg;
	char			*text[W_COUNT] = { NULL }, *why = NULL;
	int			 rc = -1, w;

	cr_norm_spec_init(&norm);
	if (split(line, text, cause) != 0)
		;
	else if (text[W_NORM] == NULL && text[W_AGG] == NULL &&
	    text[W_LEAF] == NULL && text[W_LEVEL] == NULL)
		rc = 1;
	else if (text[W_NORM] != NULL &&
	    cr_norm_spec_parse(text[W_NORM], &norm, &why) != 0)
		cr_cause(cause, "normalize: %s", why);
	else if (text[W_AGG] != NULL &&
	    cr_agg_spec_parse(text[W_AGG], &agg, &why) != 0)
		cr_cause(cause, "aggregate: %s", why);
	else
		rc = set_method_specs(s, text[W_NORM] != NULL ? &norm : NULL,
		    text[W_AGG] != NULL ? &agg : NULL, text[W_LEAF],
		    text[W_LEVEL], "leaf", "level", cause);
	free(why);
	cr_norm_spec_clear(&norm);
	for (w = 0; w < W_COUNT; w++)
		free(text[w]);
	return (rc);
}

char *
session_methods_line(const struct session *s, size_t max)
{
	const struct cr_model	*m = s->ds->model;
	struct cr_saved		*v = cr_saved_new();
	struct cr_norm_spec	 n;
	struct cr_agg_spec	 a;
	char			*ns, *as, *ls = NULL, *ds = NULL, *out, *all;

	cr_scenario_norm(s->sc, &n);
	cr_scenario_agg(s->sc, &a);
	ns = cr_norm_spec_format(&n);
	as = cr_agg_spec_format(&a);
	out = xasprintf("normalize %s; aggregate %s", ns, as);
	session_methods_to_saved(m, s->sc, v);
	if (v->n_leaf > 0)
		ls = cr_saved_leaves_text(v);
	if (v->n_level > 0)
		ds = cr_saved_levels_text(v);
	all = xasprintf("%s%s%s%s%s", out, ls != NULL ? "; leaf " : "",
	    ls != NULL ? ls : "", ds != NULL ? "; level " : "",
	    ds != NULL ? ds : "");
	if (strlen(all) <= max) {
		free(out);
		out = all;
	} else
		free(all);
	free(ns);
	free(as);
	free(ls);
	free(ds);
	cr_saved_free(v);
	return (out);
}
