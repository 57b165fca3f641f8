/* CITYRANK_TRACE: see trace.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "trace.h"

static FILE	*trace;

void
trace_open(void)
{
	const char	*path = getenv("CITYRANK_TRACE");

	/* A benchmark's aid: a file that will not open is no trace. */
	if (path != NULL && *path != '\0' && trace == NULL)
		trace = fopen(path, "w");
}

static long long
now_ns(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((long long)ts.tv_sec * 1000000000LL + ts.tv_nsec);
}

void
trace_key(int key)
{
	if (trace != NULL)
		fprintf(trace, "K %lld %d\n", now_ns(), key);
}

void
trace_frame(int hurried)
{
	if (trace != NULL)
		fprintf(trace, "F %lld %d\n", now_ns(), hurried);
}

void
trace_close(void)
{
	if (trace != NULL)
		fclose(trace);
	trace = NULL;
}
