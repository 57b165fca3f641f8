/*
 * libFuzzer target: the input is a search pattern, as typed after / or
 * | in the explorer or given as CITY in batch.  It is compiled and
 * matched against a fixed set of names, hostile ones among them (long
 * runs that make nested repeats backtrack, invalid UTF-8, controls),
 * with PCRE2's JIT and with its interpreter.  What match.h promises:
 * a rejected pattern says where; an answer is 1, 0 or CR_MATCH_COSTLY;
 * after CR_MATCH_COSTLY there is a reason and no other answer; a scan
 * keeps its answers; JIT and interpreter agree wherever neither gave
 * up; cr_match_city returns an entity or a cause.  Time stays bounded
 * by the limits (libFuzzer's -timeout catches a pattern that is not).
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "model.h"

#define COSTLY_PREFIX	"the pattern "

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct cr_model	*model;
static char		*texts[16];
static size_t		 ntexts;

static char *
run_of(char c, size_t n, const char *tail)
{
	size_t	 t = strlen(tail);
	char	*s = malloc(n + t + 1);

	if (s == NULL)
		abort();
	memset(s, c, n);
	memcpy(s + n, tail, t + 1);
	return (s);
}

static void
add(const char *code, const char *zh, const char *en)
{
	if (cr_model_add_entity(model, code, zh, en, NULL) != 0)
		abort();
}

/* Names a real data set has, and names an attacker would import. */
static void
build(void)
{
	int	v;

	model = cr_model_new("fuzz");
	if (cr_model_add_node(model, "root", NULL, "总", "Index", NULL, 1, 1,
	    NULL) != 0 || cr_model_freeze(model, NULL) != 0)
		abort();
	texts[ntexts++] = run_of('a', 30, "b");
	texts[ntexts++] = run_of('a', 2000, "!");
	texts[ntexts++] = run_of('x', 64, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
	texts[ntexts++] = strdup("Democratic People's Republic of Korea");
	texts[ntexts++] = strdup("bad \xff\xfe utf-8 \xe4\xb8 cut");
	texts[ntexts++] = strdup("esc \x1b[31m red \x7f\n line");
	texts[ntexts++] = strdup("");
	add("sjz", "石家庄", "Shijiazhuang");
	add("hrb", "哈尔滨", "Harbin");
	add("u1", texts[0], texts[0]);
	add("u2", texts[1], texts[2]);
	add("u3", texts[3], texts[4]);
	add("u4", texts[5], texts[6]);
	v = cr_model_add_ctxvar(model, "province", "省", "province", NULL,
	    CR_CTX_TEXT, NULL);
	if (v < 0 ||
	    cr_model_set_ctx_text(model, v, 0, "河北", CR_PROV_REPORT,
	    NULL, 0) != 0 ||
	    cr_model_set_ctx_text(model, v, 1, "黑龙江", CR_PROV_REPORT,
	    NULL, 0) != 0 ||
	    cr_model_set_ctx_text(model, v, 2, texts[0], CR_PROV_REPORT,
	    NULL, 0) != 0)
		abort();
}

static void
check_costly(const struct cr_match *m)
{
	const char	*why = cr_match_costly(m);

	if (why == NULL || strncmp(why, COSTLY_PREFIX,
	    strlen(COSTLY_PREFIX)) != 0)
		abort();
}

/*
 * Every text, then every entity by a scan: answers in range, and once
 * it gave up nothing but CR_MATCH_COSTLY.  ans[] gets the entities'
 * answers; returns 1 when the pattern gave up.
 */
static int
exercise(struct cr_match *m, int *ans)
{
	size_t	i;
	int	rc, gave_up = 0;

	for (i = 0; i < ntexts; i++) {
		rc = cr_match_text(m, texts[i]);
		if (rc != 0 && rc != 1 && rc != CR_MATCH_COSTLY)
			abort();
		if (gave_up && rc != CR_MATCH_COSTLY)
			abort();
		if (rc == CR_MATCH_COSTLY) {
			check_costly(m);
			gave_up = 1;
		} else if (cr_match_costly(m) != NULL)
			abort();
	}
	if (gave_up) {
		for (i = 0; i < model->n_entities; i++)
			if (cr_match_entity(m, model, (int)i) != 0)
				abort();
		if (cr_match_scan(m, model, NULL, NULL) != CR_MATCH_COSTLY)
			abort();
		return (1);
	}
	rc = cr_match_scan(m, model, NULL, NULL);
	if (rc == CR_MATCH_COSTLY) {
		check_costly(m);
		return (1);
	}
	if (rc != 0)
		abort();
	for (i = 0; i < model->n_entities; i++) {
		ans[i] = cr_match_entity(m, model, (int)i);
		if ((ans[i] != 0 && ans[i] != 1) ||
		    cr_match_entity(m, model, (int)i) != ans[i])
			abort();
	}
	return (0);
}

static void
city(const char *pat)
{
	char	*why = NULL;
	int	 e = cr_match_city(model, pat, &why);

	if (e >= 0) {
		if ((size_t)e >= model->n_entities || why != NULL)
			abort();
	} else if (why == NULL)
		abort();
	free(why);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cr_match	*jit, *interp;
	int		 a[8], b[8], ga, gb;
	size_t		 i;
	char		*pat, *why = NULL;

	if (model == NULL)
		build();
	if ((pat = malloc(size + 1)) == NULL)
		abort();
	memcpy(pat, data, size);
	pat[size] = '\0';
	if ((jit = cr_match_new(pat, &why)) == NULL) {
		if (why == NULL || strstr(why, "invalid pattern at offset ") !=
		    why)
			abort();
		free(why);
		free(pat);
		return (0);
	}
	if ((interp = cr_match_new(pat, NULL)) == NULL)
		abort();
	cr_match_jit(interp, 0);
	ga = exercise(jit, a);
	gb = exercise(interp, b);
	/* Their limits count differently; where both answered, they agree. */
	if (!ga && !gb)
		for (i = 0; i < model->n_entities; i++)
			if (a[i] != b[i])
				abort();
	cr_match_free(jit);
	cr_match_free(interp);
	city(pat);
	free(pat);
	return (0);
}
