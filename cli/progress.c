/* A long batch command's progress, as a status line on a terminal. */
#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include "cli.h"
#include "emit.h"

static void
show(size_t done, size_t total, void *arg)
{
	struct cli_progress	*p = arg;
	int			 pct = total > 0 ? (int)(done * 100 / total) : 100;

	if (pct == p->pct)
		return;
	p->pct = pct;
	emit_status(stderr, "cityrank: %s: %3d%% of %zu%s%s", p->what, pct,
	    p->of > 0 ? p->of : total, p->unit != NULL ? " " : "",
	    p->unit != NULL ? p->unit : "");
}

/* A pipe gets the answer and nothing else: no function then. */
cr_progress_fn
cli_progress_start(struct cli_progress *p, const char *what, size_t of,
    const char *unit)
{
	p->what = what;
	p->of = of;
	p->unit = unit;
	p->pct = -1;
	return (isatty(STDERR_FILENO) ? show : NULL);
}

void
cli_progress_done(struct cli_progress *p)
{
	if (p->pct >= 0)
		emit_clear(stderr);
	p->pct = -1;
}
