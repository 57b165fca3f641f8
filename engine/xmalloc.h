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
/* printf into a new string. */
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
char	*xvasprintf(const char *, va_list)
	    __attribute__((format(printf, 1, 0)));

#endif
