/* placeholder */
#ifndef CR_SAVED_TEXT_H
#define CR_SAVED_TEXT_H
#include <stddef.h>
#include "saved.h"
char	*cr_saved_format(const struct cr_saved *);
int	 cr_saved_parse(const char *, size_t, const char *, struct cr_saved **, char **);
#endif
