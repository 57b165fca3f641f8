/* The prompt's line editing: type, Backspace, ^U, Enter, Escape or ^G. */
#include "config.h"

#include <curses.h>
#include <string.h>
#include <wchar.h>

#include "app.h"
#include "prompt.h"

void
prompt_open(struct prompt *p, enum prompt_kind kind)
{
	p->kind = kind;
	p->len = 0;
	p->buf[0] = '\0';
}

void
prompt_set(struct prompt *p, const char *text)
{
	size_t	n = strlen(text);

	if (n >= sizeof p->buf)
		n = 0;		/* a name this long is not worth offering */
	memcpy(p->buf, text, n);
	p->buf[n] = '\0';
	p->len = n;
}

int
prompt_one_key(const struct prompt *p)
{
	return (p->kind == PROMPT_CONFIRM || p->kind == PROMPT_DELETE ||
	    p->kind == PROMPT_QUIT || p->kind == PROMPT_SWITCH);
}

const char *
prompt_label(const struct prompt *p)
{
	switch (p->kind) {
	case PROMPT_FILTER:
		return ("|");
	case PROMPT_EXPORT:
		return ("export to (.csv .json .md .txt): ");
	case PROMPT_CONFIRM:
		return ("file exists: overwrite? (y/n) ");
	case PROMPT_SAVE:
		return ("save scenario as: ");
	case PROMPT_RENAME:
		return ("rename to: ");
	case PROMPT_DELETE:
		return ("delete this scenario? (y/n) ");
	case PROMPT_TARGET:
		return ("what would it take: a rank, or a city to be above: ");
	case PROMPT_QUIT:
		return ("unsaved changes: s save, d discard, c cancel ");
	case PROMPT_RECIPE:
		return ("recipe (empty: the data set's own): ");
	case PROMPT_METHODS:
		return ("methods: ");
	case PROMPT_SWITCH:
		return ("unsaved changes before another data set: s save, "
		    "d discard, c cancel ");
	default:
		return ("/");
	}
}

/* Encode one code point as UTF-8; 0 when it does not fit. */
static size_t
put_utf8(char *out, size_t room, unsigned long cp)
{
	size_t	n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
	size_t	i;

	if (n > room || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return (0);
	if (n == 1) {
		out[0] = (char)cp;
		return (1);
	}
	for (i = n - 1; i > 0; i--) {
		out[i] = (char)(0x80 | (cp & 0x3f));
		cp >>= 6;
	}
	out[0] = (char)((0xf00 >> n) | cp);
	return (n);
}

static void
backspace(struct prompt *p)
{
	/* Drop continuation bytes, then the lead byte. */
	while (p->len > 0 && (p->buf[p->len - 1] & 0xc0) == 0x80)
		p->len--;
	if (p->len > 0)
		p->len--;
	p->buf[p->len] = '\0';
}

enum prompt_result
prompt_key(struct prompt *p, int key)
{
	unsigned long	cp;
	size_t		n;

	switch (key) {
	case '\r':
	case '\n':
	case KEY_ENTER:
		return (PROMPT_DONE);
	case 27:	/* Escape */
	case 7:		/* ^G, as in emacs and less */
		return (PROMPT_CANCEL);
	case KEY_BACKSPACE:
	case 127:
	case 8:
		if (p->len == 0)
			return (PROMPT_CANCEL);
		backspace(p);
		return (PROMPT_EDITED);
	case 21:	/* ^U */
		p->len = 0;
		p->buf[0] = '\0';
		return (PROMPT_EDITED);
	}
	if (key >= KEY_MIN && !(key & TUI_WIDE))
		return (PROMPT_EDITED);		/* other function keys */
	cp = (unsigned long)(key & ~TUI_WIDE);
	if (cp < 0x20)
		return (PROMPT_EDITED);		/* no raw controls */
	n = put_utf8(p->buf + p->len, sizeof p->buf - 1 - p->len, cp);
	p->len += n;
	p->buf[p->len] = '\0';
	return (PROMPT_EDITED);
}
