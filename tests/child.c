/*
 * Run a function in a child and read what it wrote to standard error:
 * for the tests of a program's last words (out of memory, a bug caught).
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "child.h"

int
child_stderr(void (*fn)(void *), void *arg, char *buf, size_t len)
{
	ssize_t	 n;
	pid_t	 pid;
	int	 fd[2], status;

	assert_int_equal(pipe(fd), 0);
	/* What stdio holds would be written twice. */
	fflush(NULL);
	if ((pid = fork()) == 0) {
		dup2(fd[1], 2);
		close(fd[0]);
		fn(arg);
		_exit(0);
	}
	assert_true(pid > 0);
	close(fd[1]);
	n = read(fd[0], buf, len - 1);
	close(fd[0]);
	assert_true(n > 0);
	buf[n] = '\0';
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return (status);
}
