/*
 * A small panel for the fuzz targets that change the year: three years,
 * a unit missing from the last, a value missing, a text group.  Imported
 * from memory into path, as `cityrank import` would; aborts on failure.
 */
#ifndef FUZZ_PANEL_H
#define FUZZ_PANEL_H

#include <stdio.h>
#include <stdlib.h>

#include "import.h"

static const char	 panel_data[] =
    "uCode,uName,Region,Time,i1,i2,i3,i4\n"
    "A,Alpha,North,2020,1,2,3,4\n"
    "B,Beta,South,2020,2,,1,5\n"
    "C,Gamma,North,2020,3,1,2,2\n"
    "A,Alpha,North,2021,2,2,3,5\n"
    "B,Beta,North,2021,1,3,1,4\n"
    "C,Gamma,South,2021,3,2,2,1\n"
    "A,Alpha,South,2022,4,1,1,3\n"
    "B,Beta,South,2022,2,5,2,2\n";
static const char	 panel_meta[] =
    "Level,iCode,iName,Direction,Weight,Unit,Target,Parent,Type\n"
    "1,i1,One,1,1,,,P1,Indicator\n"
    "1,i2,Two,-1,1,,,P1,Indicator\n"
    "1,i3,Three,1,2,,,P2,Indicator\n"
    "1,i4,Four,1,1,,,P2,Indicator\n"
    "2,P1,Pillar one,1,1,,,Index,Aggregate\n"
    "2,P2,Pillar two,1,3,,,Index,Aggregate\n"
    "3,Index,Index,1,1,,,,Aggregate\n"
    ",Region,Region,,,,,,Group\n";

static void
panel_write(const char *path)
{
	struct cr_import	*imp;
	char			*why = NULL;

	imp = cr_import_read_mem("iData.csv", panel_data,
	    sizeof panel_data - 1, "iMeta.csv", panel_meta,
	    sizeof panel_meta - 1);
	if (imp->n_errors > 0 || cr_import_write(imp, path, 1, &why) != 0) {
		fprintf(stderr, "the fuzz panel: %s\n",
		    why != NULL ? why : "does not import");
		abort();
	}
	cr_import_free(imp);
}

#endif
