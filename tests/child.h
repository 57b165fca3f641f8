/* A function run in a child process, for tests of what exits or aborts. */
#ifndef CR_CHILD_H
#define CR_CHILD_H

#include <stddef.h>

/*
 * fn(arg) in a forked child whose standard error goes to buf (at most
 * len - 1 bytes of the first read, terminated); the child _exit(0)s if
 * fn returns.  Its wait status.  Asserts (cmocka) that the fork and the
 * read worked and that something was written.
 */
int	child_stderr(void (*fn)(void *), void *arg, char *buf, size_t len);

#endif
