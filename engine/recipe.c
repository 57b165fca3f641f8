/*
 * A recipe read back from its one line (cr_prep_recipe()'s spelling):
 * what a scenario or --recipe carries to prepare a data set another
 * way than its file says.  Pure C.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "prepare.h"
#include "utf8.h"
#include "xmalloc.h"


/* One step, "impute mean" or "denominate"; seen says which came. */
static int
step(struct cr_prep_spec *s, char *part, unsigned *seen, char **cause)
{
	static const char *const names[] = { "denominate", "impute",
	    "screen", "treat" };
	int	(*fn[])(struct cr_prep_spec *, const char *, char **) = {
	    NULL, cr_prep_parse_impute, cr_prep_parse_screen,
	    cr_prep_parse_treat };
	char	*arg, *why = NULL;
	size_t	 i;

	arg = part + strcspn(part, " \t");
	if (*arg != '\0')
		*arg++ = '\0';
	arg = cr_trim(arg);
	for (i = 0; i < 4; i++)
		if (strcmp(part, names[i]) == 0)
			break;
	if (i == 4) {
		*cause = xasprintf("'%s' is not a step (denominate, impute, "
		    "screen or treat)", part);
		return (-1);
	}
	if (*seen & (1u << i)) {
		*cause = xasprintf("%s is given twice", names[i]);
		return (-1);
	}
	*seen |= 1u << i;
	if (i == 0) {
		if (*arg != '\0') {
			*cause = xasprintf("denominate takes nothing (got "
			    "'%s')", arg);
			return (-1);
		}
		s->denominate = 1;
		return (0);
	}
	if (*arg == '\0') {
		*cause = xasprintf("%s needs a value", names[i]);
		return (-1);
	}
	if (fn[i](s, arg, &why) != 0) {
		*cause = xasprintf("%s: %s", names[i], why);
		free(why);
		return (-1);
	}
	return (0);
}

int
cr_prep_parse_recipe(struct cr_prep_spec *out, const char *text,
    char **cause)
{
	struct cr_prep_spec	 s;
	char			*buf, *p, *part;
	unsigned		 seen = 0;
	int			 rc = 0;

	cr_prep_spec_init(&s);
	buf = xstrdup(text);
	p = cr_trim(buf);
	if (strcmp(p, "none") != 0 && *p != '\0') {
		while (rc == 0 && (part = strsep(&p, ";")) != NULL) {
			part = cr_trim(part);
			if (*part == '\0')
				continue;
			rc = step(&s, part, &seen, cause);
		}
	}
	free(buf);
	if (rc != 0) {
		cr_prep_spec_free(&s);
		return (-1);
	}
	cr_prep_spec_free(out);
	*out = s;
	return (0);
}
