/*
 * Errors a user can cause are returned, not printed: the callee fills
 * *cause (malloc'd, the caller frees) and returns -1, as tmux does.
 */
#ifndef CR_CAUSE_H
#define CR_CAUSE_H

/* Set *cause from a format (when cause is not NULL); returns -1. */
int	cr_cause(char **cause, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
