/*
 * Allocation that cannot fail.  Running out of memory in an interactive
 * ranking tool leaves nothing sensible to do but say so and stop.
 */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(HAVE_MALLOC_TRIM) || defined(HAVE_MALLOPT)
#include <malloc.h>
#endif
#ifdef __linux__
#include <sys/mman.h>
#endif

#include "xmalloc.h"

/* Below a few huge pages' worth, the hint is not worth a system call. */
#define HUGE_MIN	((size_t)8 << 20)
#define HUGE_PAGE	((uintptr_t)2 << 20)

void
xhuge(void *p, size_t len)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
	uintptr_t	 a, b;

	if (p == NULL || len < HUGE_MIN)
		return;
	/* The whole huge pages inside the block: the rest is others'. */
	a = ((uintptr_t)p + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	b = ((uintptr_t)p + len) & ~(HUGE_PAGE - 1);
	if (b > a)
		(void)madvise((void *)a, b - a, MADV_HUGEPAGE);
#else
	(void)p;
	(void)len;
#endif
}

void
xtrim(void)
{
#ifdef HAVE_MALLOC_TRIM
	(void)malloc_trim(0);
#endif
}

void
xarena_one(void)
{
#if defined(HAVE_MALLOPT) && defined(M_ARENA_MAX)
	(void)mallopt(M_ARENA_MAX, 1);
#endif
}

void
xalloc_die(void)
{
	fputs("cityrank: out of memory\n", stderr);
	exit(1);
}

void *
xmalloc(size_t size)
{
	void	*p;

	/* malloc(0) may return NULL, which must not look like failure. */
	if ((p = malloc(size == 0 ? 1 : size)) == NULL)
		xalloc_die();
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void	*p;

	if (nmemb == 0 || size == 0)
		nmemb = size = 1;
	if ((p = calloc(nmemb, size)) == NULL)
		xalloc_die();
	return p;
}

void *
xreallocarray(void *ptr, size_t nmemb, size_t size)
{
	void	*p;

	if (size != 0 && nmemb > SIZE_MAX / size)
		xalloc_die();
	if (nmemb == 0 || size == 0)
		nmemb = size = 1;
	if ((p = realloc(ptr, nmemb * size)) == NULL)
		xalloc_die();
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p;
	size_t	 len;

	len = strnlen(s, n);
	if (len == SIZE_MAX)
		xalloc_die();
	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list	 ap2;
	char	*p;
	int	 len;

	va_copy(ap2, ap);
	len = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (len < 0)
		xalloc_die();
	p = xmalloc((size_t)len + 1);
	if (vsnprintf(p, (size_t)len + 1, fmt, ap) != len)
		xalloc_die();
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}
