/* Allocation that cannot fail: out of memory prints one line and exits. */
#ifndef CR_XMALLOC_H
#define CR_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

/* Say so and exit: for a library's own allocation that failed. */
void	 xalloc_die(void) __attribute__((noreturn));
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
/*
 * A hint that the len bytes at p, a large array read all over (a
 * column ranked, a score per unit), be backed by huge pages where the
 * system lends them on request: fewer page faults when first written,
 * fewer TLB misses after.  Small blocks, and systems without them, are
 * left as they are.
 */
void	 xhuge(void *p, size_t len);
/*
 * Give the system back the free memory the allocator keeps: a load's
 * buffers and its threads' leave megabytes free that a long session
 * would otherwise hold.  Where the C library has no such call, nothing.
 */
void	 xtrim(void);
/*
 * One allocator arena for every thread, called before any starts: a
 * thread that sorts a column frees its buffers where the rest of the
 * program reuses and trims them, not in an arena of its own that keeps
 * them (most of a MB at 84,000 units).  Where the C library cannot,
 * nothing.
 */
void	 xarena_one(void);
/* printf into a new string. */
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
char	*xvasprintf(const char *, va_list)
	    __attribute__((format(printf, 1, 0)));

#endif
