/* A stop function for the *_until() calls of the engine, for the tests. */
#ifndef CR_STOPAT_H
#define CR_STOPAT_H

/*
 * Says stop at the call its arg (an int) counts down to: 1 the first,
 * 2 the second, 0 never.  What is left of the count says how many asks
 * went unused.
 */
int	stop_at(void *arg);

#endif
