/* A one-line text prompt at the bottom of the screen (search, filter). */
#ifndef CR_PROMPT_H
#define CR_PROMPT_H

#include <stddef.h>

enum prompt_kind {
	PROMPT_NONE, PROMPT_SEARCH, PROMPT_FILTER, PROMPT_EXPORT,
	PROMPT_SAVE,		/* a scenario's name */
	PROMPT_RENAME,		/* a saved scenario's new name */
	PROMPT_CONFIRM,		/* y or n: one key answers */
	PROMPT_DELETE,		/* y or n */
	PROMPT_QUIT,		/* s(ave), d(iscard) or c(ancel) */
	PROMPT_TARGET,		/* a rank, or a city to be above */
	PROMPT_SWITCH,		/* before another data set: s, d or c */
	PROMPT_RECIPE,		/* the preparation recipe's line */
	PROMPT_METHODS		/* the methods' line (session_set_methods_line) */
};

struct prompt {
	enum prompt_kind kind;
	char		 buf[512];	/* UTF-8 */
	size_t		 len;
};

/* What a key did to the prompt. */
enum prompt_result { PROMPT_EDITED, PROMPT_DONE, PROMPT_CANCEL };

void	prompt_open(struct prompt *, enum prompt_kind);
/* Start with this text, as if typed (cut to the buffer). */
void	prompt_set(struct prompt *, const char *);
/* 1 for the prompts one key answers. */
int	prompt_one_key(const struct prompt *);
/* Keys use the explorer's encoding (see TUI_WIDE in app.h). */
enum prompt_result prompt_key(struct prompt *, int key);
const char *prompt_label(const struct prompt *);

#endif
