/*
 * A large uncertainty analysis split over processes or machines: part
 * I of K scores its share of the samples and writes them as text; the
 * parts merged are exactly one run with the same seed (every sample's
 * draw depends on the seed and its index alone, mc.h).
 *
 * A part file (doc/uncertainty.md) is a header that names everything
 * the samples depend on (the data set's identity, the node, the spec,
 * the scenario's weights and methods, the seed and the sample count),
 * the part's range, one line per sample with every unit's score
 * (%.17g, "-" when missing: doubles read back bit for bit), and a last
 * line with the count of samples and a checksum of the lines between.
 * Ranks are not written: they are ranked again from the scores, with
 * the same function, so they cannot disagree with them.
 *
 * A part file is outside input: anything may be in it.  Parsing
 * checks it against the run that merges it and says which file and
 * line is at fault.
 */
#ifndef CR_MCPART_H
#define CR_MCPART_H

#include <stddef.h>

#include "mc.h"

#define CR_MC_PARTS_MAX	100000

/* Samples [from, to) of part i (1 to k) of k. */
void	 cr_mc_part_range(size_t samples, int i, int k, size_t *from,
	    size_t *to);
/* -1 and *cause unless 1 <= i <= k <= min(samples, CR_MC_PARTS_MAX). */
int	 cr_mc_part_check(size_t samples, int i, int k, char **cause);

/* The whole file of part i of k, whose samples res holds (malloc'd). */
char	*cr_mc_part_format(const struct cr_mc *, const char *dataset_hash,
	    int i, int k, const struct cr_mc_result *res);

struct cr_mc_part {
	int			 i, k;
	struct cr_mc_result	 res;
};

/*
 * Reads a part file of len bytes (no NUL needed) made by this run: the
 * same data set (hash), spec, scenario, seed and samples.  -1 and
 * *cause "FILE:LINE: ..." when it is not; the part is then empty.
 */
int	 cr_mc_part_parse(const struct cr_mc *, const char *dataset_hash,
	    const char *buf, size_t len, const char *file,
	    struct cr_mc_part *, char **cause);
void	 cr_mc_part_free(struct cr_mc_part *);

/*
 * Parts 1 to k of one run, each once, in any order, into the result of
 * all the samples.  files[] names them in messages.
 */
int	 cr_mc_part_merge(const struct cr_mc *, const struct cr_mc_part *,
	    size_t n, const char *const *files, struct cr_mc_result *,
	    char **cause);

#endif
