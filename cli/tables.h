/*
 * The tables behind the batch commands, built apart from printing so
 * that the explorer can export exactly what a command would print.
 * Each fills an initialised out_table for the cli's format.
 */
#ifndef CR_TABLES_H
#define CR_TABLES_H

#include "out.h"

struct cli;
struct axis;

void	table_rank(struct cli *, struct out_table *);
void	table_tree(struct cli *, struct out_table *);
void	table_show(struct cli *, int entity, struct out_table *);
/* -1 when the ranked node has no children or a score is missing. */
int	table_compare(struct cli *, const int *entities, int n,
	    struct out_table *);
void	table_scatter(struct cli *, const struct axis *x,
	    const struct axis *y, struct out_table *);
/* Build with fn and print to standard output in the cli's format. */
int	cli_print_table(struct cli *,
	    void (*fn)(struct cli *, struct out_table *));

#endif
