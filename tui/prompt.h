/* A one-line text prompt at the bottom of the screen (search, filter). */
#ifndef CR_PROMPT_H
#define CR_PROMPT_H

#include <stddef.h>

enum prompt_kind {
	PROMPT_NONE, PROMPT_SEARCH, PROMPT_FILTER, PROMPT_EXPORT,
	PROMPT_CONFIRM		/* y or n: one key answers */
};

struct prompt {
	enum prompt_kind kind;
	char		 buf[512];	/* UTF-8 */
	size_t		 len;
};

/* What a key did to the prompt. */
enum prompt_result { PROMPT_EDITED, PROMPT_DONE, PROMPT_CANCEL };

void	prompt_open(struct prompt *, enum prompt_kind);
/* Keys use the explorer's encoding (see TUI_WIDE in app.h). */
enum prompt_result prompt_key(struct prompt *, int key);
const char *prompt_label(const struct prompt *);

#endif
