/*
 * How far a long computation has come, for a front end that shows it:
 * fn(done, total, arg) from the computing thread, done rising to total.
 * A NULL fn is never called.
 */
#ifndef CR_PROGRESS_H
#define CR_PROGRESS_H

#include <stddef.h>

typedef void	(*cr_progress_fn)(size_t done, size_t total, void *);

#endif
