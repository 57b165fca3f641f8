/* Whether a robustness run fits in the memory the machine has. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "mc.h"
#include "memavail.h"
#include "session.h"
#include "xmalloc.h"

int
session_mc_fits(const struct cr_mc *mc, size_t samples, char **why)
{
	const char	*what;
	uint64_t	 need, have;

	need = cr_mc_bytes(mc, samples);
	if ((have = cr_mem_available(&what)) == 0 || need <= have)
		return (0);
	*why = xasprintf("the robustness analysis keeps every sample's score "
	    "and rank of every unit: %zu samples need about %.0f MB, and %s "
	    "is %.0f MB", samples, (double)need / 1048576, what,
	    (double)have / 1048576);
	return (-1);
}
