/* Stop at the k-th ask (stopat.h). */
#include "config.h"

#include "stopat.h"

int
stop_at(void *arg)
{
	int	*left = arg;

	return (*left > 0 && --*left == 0);
}
