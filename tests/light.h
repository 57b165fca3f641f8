/* How much of a heavy check to run: all of it, or a first part. */
#ifndef CR_LIGHT_H
#define CR_LIGHT_H

#include <stdlib.h>

/*
 * quickstart sets CITYRANK_TEST_LIGHT for the run under valgrind, which
 * looks for leaks and bad reads: the first of several random models
 * shows those as well as the fourth, at a twentieth of the speed.  The
 * full counts run in make check, natively and under ASan.
 */
static inline int
test_light(void)
{
	const char	*s = getenv("CITYRANK_TEST_LIGHT");

	return (s != NULL && *s != '\0' && *s != '0');
}

/* How many of n cases to run. */
static inline int
test_cases(int n)
{
	return (test_light() ? 1 : n);
}

#endif
