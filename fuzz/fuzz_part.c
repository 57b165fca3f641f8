/*
 * libFuzzer target: read the input as a part file of a split
 * uncertainty analysis (engine/mcpart.c) against a small fixed run
 * (index, two dimensions of two leaves, five units, one missing value,
 * 7 samples).  A rejected file leaves the part empty and says where,
 * "FILE:LINE: message", at a line the input has.  An accepted one is
 * part i of k with the range cr_mc_part_range() gives, its scores are
 * numbers or missing and its ranks are the scores' (cr_rank); written
 * out again it reads back to the same part, every score bit for bit.
 */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mc.h"
#include "mcpart.h"
#include "model.h"
#include "score.h"

#define FILE_NAME	"fuzz.part"
#define HASH		"00112233445566778899aabbccddeeff"
#define SAMPLES		7

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct cr_model		*model;
static struct cr_scenario	*base;
static struct cr_mc		*mc;
static struct cr_mc_result	 whole;

static void
setup(void)
{
	static const char	*leaves[4] = { "a", "b", "c", "d" };
	struct cr_mc_spec	 sp;
	char			 code[4];
	int			 e, l;

	model = cr_model_new("fuzz");
	cr_model_add_node(model, "index", NULL, "", "", "", 1, 1, NULL);
	cr_model_add_node(model, "x", "index", "", "", "", 1, 1, NULL);
	cr_model_add_node(model, "y", "index", "", "", "", 2, 1, NULL);
	for (l = 0; l < 4; l++)
		cr_model_add_node(model, leaves[l], l < 2 ? "x" : "y", "", "",
		    "", 1, l == 3 ? -1 : 1, NULL);
	if (cr_model_freeze(model, NULL) != 0)
		abort();
	for (e = 0; e < 5; e++) {
		code[0] = (char)('p' + e);
		code[1] = '\0';
		cr_model_add_entity(model, code, code, code, NULL);
		for (l = 0; l < 4; l++)
			if (e != 2 || l != 1)
				cr_model_set_value(model, e, l,
				    (e * 7 + l * 3) % 11, CR_PROV_REPORT);
	}
	base = cr_scenario_new(model, "base");
	cr_mc_spec_init(&sp);
	sp.samples = SAMPLES;
	sp.noise = 0.5;
	if (cr_mc_new(model, base, &sp, &mc, NULL) != 0 ||
	    cr_mc_run(mc, 0, SAMPLES, 1, NULL, NULL, NULL, &whole) != 0)
		abort();
}

/* "FILE:LINE: " with a line the input has (or 1 for an empty one). */
static void
check_cause(const char *cause, const uint8_t *data, size_t size)
{
	const char	*p;
	size_t		 line = 0, lines = 1, i, n = strlen(FILE_NAME);

	if (cause == NULL || strncmp(cause, FILE_NAME ":", n + 1) != 0)
		abort();
	for (p = cause + n + 1; *p >= '0' && *p <= '9'; p++)
		line = line * 10 + (size_t)(*p - '0');
	if (p == cause + n + 1 || p[0] != ':' || p[1] != ' ' || p[2] == '\0')
		abort();
	for (i = 0; i < size; i++)
		if (data[i] == '\n')
			lines++;
	if (line < 1 || line > lines)
		abort();
}

static void
check_part(const struct cr_mc_part *p, const uint8_t *data, size_t size)
{
	const struct cr_mc_result	*r = &p->res;
	struct cr_mc_part		 q;
	size_t				 from, to, n, s, e;
	int				 rank[5];
	char				*text;

	if (p->k < 1 || p->k > SAMPLES || p->i < 1 || p->i > p->k)
		abort();
	cr_mc_part_range(SAMPLES, p->i, p->k, &from, &to);
	if (r->from != from || r->to != to || r->n_entities != 5)
		abort();
	n = to - from;
	for (s = 0; s < n; s++) {
		for (e = 0; e < 5; e++)
			if (isinf(r->score[s * 5 + e]))
				abort();
		cr_rank(r->score + s * 5, 5, 1, rank, 1);
		if (memcmp(rank, r->rank + s * 5, sizeof rank) != 0)
			abort();
	}
	text = cr_mc_part_format(mc, HASH, p->i, p->k, r);
	if (cr_mc_part_parse(mc, HASH, text, strlen(text), FILE_NAME, &q,
	    NULL) != 0 || q.i != p->i || q.k != p->k ||
	    memcmp(q.res.score, r->score, n * 5 * sizeof(double)) != 0)
		abort();
	cr_mc_part_free(&q);
	free(text);
	(void)data;
	(void)size;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cr_mc_part	 p;
	char			*cause = NULL;

	if (model == NULL)
		setup();
	if (cr_mc_part_parse(mc, HASH, (const char *)data, size, FILE_NAME,
	    &p, &cause) != 0) {
		if (p.res.score != NULL || p.res.rank != NULL)
			abort();
		check_cause(cause, data, size);
		free(cause);
		return 0;
	}
	if (cause != NULL)
		abort();
	check_part(&p, data, size);
	cr_mc_part_free(&p);
	return 0;
}
