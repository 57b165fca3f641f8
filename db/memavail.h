/*
 * Memory a data set needs to open, and memory the machine has for it:
 * so that one too large is refused with a message rather than killed
 * by the kernel half way (memavail.c).
 */
#ifndef CR_MEMAVAIL_H
#define CR_MEMAVAIL_H

#include <stddef.h>
#include <stdint.h>

/* Bytes the explorer or a batch command holds for such a data set. */
uint64_t	 cr_mem_need(size_t entities, size_t leaves, size_t nodes);
/*
 * Bytes this process may still take, 0 when unknown, and in *what what
 * bounds it: the kernel's MemAvailable or a limit of the process
 * (RLIMIT_AS, RLIMIT_DATA).  CITYRANK_MEM_AVAILABLE, bytes, stands in
 * for the machine (tests).
 */
uint64_t	 cr_mem_available(const char **what);

#endif
