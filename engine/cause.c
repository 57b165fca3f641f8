/* Error messages for the caller. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>

#include "cause.h"
#include "xmalloc.h"

int
cr_cause(char **cause, const char *fmt, ...)
{
	va_list	ap;

	if (cause != NULL) {
		va_start(ap, fmt);
		*cause = xvasprintf(fmt, ap);
		va_end(ap);
	}
	return (-1);
}
