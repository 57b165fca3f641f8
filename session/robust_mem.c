/* Whether a robustness run fits in the memory the machine has. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "mc.h"
#include "memavail.h"
#include "session.h"
#include "xmalloc.h"

/* need bytes against what the machine has left; what the need is for. */
static int
fits(uint64_t need, const char *keeps, size_t samples, char **why)
{
	const char	*what;
	uint64_t	 have;

	if ((have = cr_mem_available(&what)) == 0 || need <= have)
		return (0);
	*why = xasprintf("the robustness analysis keeps %s: %zu samples need "
	    "about %.0f MB, and %s is %.0f MB", keeps, samples,
	    (double)need / 1048576, what, (double)have / 1048576);
	return (-1);
}

int
session_mc_fits(const struct cr_mc *mc, size_t samples, char **why)
{
	return (fits(cr_mc_bytes(mc, samples),
	    "every sample's score and rank of every unit", samples, why));
}

int
session_mc_merge_fits(const struct cr_mc *mc, size_t samples, char **why)
{
	return (fits(2 * cr_mc_bytes(mc, samples), "every sample's score "
	    "and rank of every unit, and a merge holds them twice (the parts "
	    "and the merged run)", samples, why));
}
