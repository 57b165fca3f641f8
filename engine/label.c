/* Labels in Chinese or English: see label.h. */
#include "config.h"

#include <string.h>

#include "label.h"
#include "xmalloc.h"

static const char *const names[CR_LANG_COUNT] = { "zh", "en" };

int
cr_lang_parse(const char *s, enum cr_lang *out)
{
	int	i;

	for (i = 0; i < CR_LANG_COUNT; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (enum cr_lang)i;
			return (0);
		}
	return (-1);
}

const char *
cr_lang_name(enum cr_lang l)
{
	return (l >= 0 && l < CR_LANG_COUNT ? names[l] : "zh");
}

const char *
cr_label(const char *zh, const char *en, enum cr_lang l)
{
	const char	*want = l == CR_LANG_EN ? en : zh;
	const char	*other = l == CR_LANG_EN ? zh : en;

	return (want != NULL && *want != '\0' ? want :
	    other != NULL ? other : "");
}

char *
cr_label_both(const char *zh, const char *en, enum cr_lang l)
{
	if (zh == NULL || en == NULL || *zh == '\0' || *en == '\0' ||
	    l == CR_LANG_EN || strcmp(zh, en) == 0)
		return (xstrdup(cr_label(zh, en, l)));
	return (xasprintf("%s %s", zh, en));
}
