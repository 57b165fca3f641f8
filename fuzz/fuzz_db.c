/*
 * libFuzzer target: a data set file as a stranger might send it,
 * mutated at the byte level, through the loader and the checker.
 * Checks:
 * - load and check both answer: 0, or -1 with a one-line cause (and
 *   the check's 1 with a report); never a crash, a leak or UB;
 * - a loaded model is whole: a tree with a root and leaves, a code and
 *   names for every node and entity, every raw value finite or missing,
 *   every provenance known;
 * - it scores, or says why not; every score finite or missing, every
 *   rank between 0 and the entity count;
 * - a file the loader took is one the checker does not find damaged
 *   unless it says so: a check that cannot read a loaded file is a bug.
 *
 * Seeds (fuzz/corpus/db/) are small files with 512-byte pages: schema
 * 4, schema 4 with stale table checksums (as after an edit), and the
 * schemas before checksums, so mutations reach the loader's reading of
 * every table rather than stopping at the checksums; and imports of
 * schema 7, of schema 8 (packs the record, one edit row over them) and
 * of schema 10 (lines, one provenance letter a pack, the edit).
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "score.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char	 path[] = "/tmp/cityrank-fuzz-db.XXXXXX";
static FILE	*sink;

static void
one_line(const char *cause)
{
	if (cause == NULL || *cause == '\0' || strchr(cause, '\n') != NULL)
		abort();
}

static void
check_model(const struct cr_model *m)
{
	size_t	i;

	if (m->n_nodes == 0 || m->nodes[0].parent != -1 || m->n_leaves == 0)
		abort();
	for (i = 0; i < m->n_nodes; i++)
		if (m->nodes[i].code == NULL || m->nodes[i].name_zh == NULL ||
		    m->nodes[i].name_en == NULL ||
		    (i > 0 && (m->nodes[i].parent < 0 ||
		    (size_t)m->nodes[i].parent >= i)))
			abort();
	for (i = 0; i < m->n_entities; i++)
		if (m->entities[i].code == NULL ||
		    m->entities[i].name_zh == NULL)
			abort();
	for (i = 0; i < m->n_entities * m->n_leaves; i++)
		if (isinf(m->raw[i]) || cr_model_prov_at(m, i) >= CR_PROV_COUNT)
			abort();
}

static void
check_scores(const struct cr_model *m)
{
	struct cr_scenario	*sc = cr_scenario_new(m, "fuzz");
	struct cr_scores	*r = cr_scores_new(m);
	char			*why = NULL;
	size_t			 e, n;
	double			 v;
	int			 k;

	if (cr_score(m, sc, r, &why) != 0)
		one_line(why);
	else
		for (e = 0; e < m->n_entities; e++)
			for (n = 0; n < m->n_nodes; n++) {
				v = cr_scores_score(r, (int)e, (int)n);
				k = cr_scores_rank(r, (int)e, (int)n);
				if (isinf(v) || k < 0 ||
				    (size_t)k > m->n_entities ||
				    (isnan(v) != (k == 0)))
					abort();
			}
	free(why);
	cr_scores_free(r);
	cr_scenario_free(sc);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct cr_dataset	*ds = NULL;
	char			*why = NULL;
	FILE			*fp;
	int			 loaded, checked, fd;

	if (sink == NULL) {
		cr_db_init();
		if ((fd = mkstemp(path)) < 0 ||
		    (sink = fopen("/dev/null", "w")) == NULL)
			abort();
		close(fd);
	}
	if ((fp = fopen(path, "wb")) == NULL ||
	    fwrite(data, 1, len, fp) != len || fclose(fp) != 0)
		abort();

	loaded = cr_db_load(path, &ds, &why);
	if (loaded != 0) {
		if (loaded != -1 || ds != NULL)
			abort();
		one_line(why);
	} else {
		check_model(ds->model);
		check_scores(ds->model);
		cr_dataset_free(ds);
	}
	free(why);
	why = NULL;

	checked = cr_db_check(path, sink, &why);
	if (checked == -1)
		one_line(why);
	else if (checked != 0 && checked != 1)
		abort();
	/* The loader read it whole: the checker must be able to read it. */
	if (loaded == 0 && checked == -1)
		abort();
	free(why);
	return (0);
}
