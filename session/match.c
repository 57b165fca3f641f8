/* Entity lookup by name or PCRE2 pattern. */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8

#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "utf8.h"
#include "xmalloc.h"

#define MAX_LISTED	30

struct cr_match {
	pcre2_code		*re;
	pcre2_match_data	*md;
};

struct cr_match *
cr_match_new(const char *pattern, char **cause)
{
	struct cr_match	*m;
	PCRE2_UCHAR	 msg[256];
	PCRE2_SIZE	 off;
	int		 err;
	pcre2_code	*re;

	re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS | PCRE2_MATCH_INVALID_UTF,
	    &err, &off, NULL);
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
	if (m->md == NULL) {
		pcre2_code_free(re);
		free(m);
		if (cause != NULL)
			*cause = xstrdup("out of memory");
		return (NULL);
	}
	return (m);
}

void
cr_match_free(struct cr_match *m)
{
	if (m == NULL)
		return;
	pcre2_match_data_free(m->md);
	pcre2_code_free(m->re);
	free(m);
}

static int
match_str(const struct cr_match *m, const char *s)
{
	if (s == NULL)
		return (0);
	return (pcre2_match(m->re, (PCRE2_SPTR)s, strlen(s), 0, 0, m->md,
	    NULL) >= 0);
}

int
cr_match_entity(const struct cr_match *m, const struct cr_model *model,
    int e)
{
	const struct cr_entity	*ent = &model->entities[e];
	int			 v;

	if (match_str(m, ent->name_zh) || match_str(m, ent->name_en) ||
	    match_str(m, ent->code))
		return (1);
	v = cr_model_find_ctx(model, "province");
	if (v >= 0 && model->ctx[v].kind == CR_CTX_TEXT)
		return (match_str(m, model->ctx[v].text[e]));
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
