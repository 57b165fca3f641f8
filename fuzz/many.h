/*
 * A data set of MANY_UNITS units for the fuzz targets, enough that a
 * weight change ranks only the rows in view: cr_scores_top() takes the
 * short way for fewer rows than an eighth of the units, on screens up
 * to about 25 rows here (with 1,000 units the corpus replayed at 9
 * inputs a second, not 14).  Three indicators of a few values each, so
 * ties are many, and one missing in nine.  Generated and imported from
 * memory into path; aborts on failure.
 */
#ifndef FUZZ_MANY_H
#define FUZZ_MANY_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"

#define MANY_UNITS	400

static const char	 many_meta[] =
    "Level,iCode,iName,Direction,Weight,Unit,Target,Parent,Type\n"
    "1,x1,One,1,1,,,P1,Indicator\n"
    "1,x2,Two,-1,1,,,P1,Indicator\n"
    "1,x3,Three,1,1,,,P2,Indicator\n"
    "2,P1,Pillar one,1,2,,,Index,Aggregate\n"
    "2,P2,Pillar two,1,1,,,Index,Aggregate\n"
    "3,Index,Index,1,1,,,,Aggregate\n";

/* Unit u's value of indicator i, or "" for missing. */
static void
many_value(char *buf, size_t len, unsigned u, unsigned i)
{
	unsigned	 h = (u * 2654435761u) ^ (i * 40503u);

	h ^= h >> 13;
	if (h % 9 == 0)
		buf[0] = '\0';
	else
		snprintf(buf, len, "%u", h % (i == 0 ? 7 : 50));
}

static void
many_write(const char *path)
{
	struct cr_import	*imp;
	char			*data, *why = NULL, v[3][16];
	size_t			 len = 0, cap = 64 + MANY_UNITS * 64;
	unsigned		 u, i;

	if ((data = malloc(cap)) == NULL)
		abort();
	len = (size_t)snprintf(data, cap, "uCode,uName,x1,x2,x3\n");
	for (u = 0; u < MANY_UNITS; u++) {
		for (i = 0; i < 3; i++)
			many_value(v[i], sizeof v[i], u, i);
		len += (size_t)snprintf(data + len, cap - len,
		    "U%04u,Unit %u,%s,%s,%s\n", u, u, v[0], v[1], v[2]);
	}
	imp = cr_import_read_mem("iData.csv", data, len, "iMeta.csv",
	    many_meta, sizeof many_meta - 1);
	if (imp->n_errors > 0 || cr_import_write(imp, path, 1, &why) != 0) {
		fprintf(stderr, "the fuzz data set of many units: %s\n",
		    why != NULL ? why : "does not import");
		abort();
	}
	cr_import_free(imp);
	free(data);
}

#endif
