/* Printing what a batch command built. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "emit.h"
#include "tables.h"

int
cli_print(struct cli *c, struct out_table *t)
{
	int	rc = out_print(t, c->format, stdout);

	out_free(t);
	return (rc == 0 ? CR_EXIT_OK : CR_EXIT_FAIL);
}

int
cli_print_table(struct cli *c, void (*build)(struct session *,
    struct out_table *))
{
	struct out_table	 t;

	out_init(&t);
	t.format = c->format;
	t.ascii = c->ascii;
	build(c->sess, &t);
	return (cli_print(c, &t));
}

void
cli_error(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	emit_verr(fmt, ap);
	va_end(ap);
}
