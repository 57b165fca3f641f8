/*
 * The key tables as text for the man page, the README and a terminal:
 * `cityrank __keys man|md|text`.  tests/keys.sh checks that the man
 * page's and the README's lists are this output, so they cannot drift.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "keys.h"
#include "list.h"
#include "present.h"
#include "view_rank.h"
#include "utf8.h"

/* mdoc spells the arrows as escapes; the rest of UTF-8 passes. */
static const char *const arrows[][2] = {
	{ "↓", "\\(da" }, { "↑", "\\(ua" }, { "←", "\\(<-" }, { "→", "\\(->" },
};

static void
man_text(FILE *f, const char *s)
{
	size_t	i;

	for (; *s != '\0'; s++) {
		for (i = 0; i < sizeof arrows / sizeof arrows[0]; i++)
			if (strncmp(s, arrows[i][0], strlen(arrows[i][0])) ==
			    0)
				break;
		if (i < sizeof arrows / sizeof arrows[0]) {
			fputs(arrows[i][1], f);
			s += strlen(arrows[i][0]) - 1;
		} else if (*s == '\\')
			fputs("\\e", f);
		else
			fputc(*s, f);
	}
}

/* Each key a word of its own, escaped so mdoc reads none as a macro. */
static void
man_keys(FILE *f, const char *label)
{
	const char	*p = label;
	char		 word[64];
	size_t		 n;

	fputs(".It Cm", f);
	while (*p != '\0') {
		n = strcspn(p, " ");
		snprintf(word, sizeof word, "%.*s", (int)n, p);
		fputs(" \\&", f);
		man_text(f, word);
		p += n;
		p += strspn(p, " ");
	}
	fputc('\n', f);
}

static void
man_map(FILE *f, const struct keymap *m)
{
	size_t	i;

	fputs(".Ss ", f);
	man_text(f, m->title);
	fputs("\n.Bl -tag -width Ds -compact\n", f);
	for (i = 0; i < m->n; i++) {
		if (m->b[i].label == NULL)
			continue;
		man_keys(f, m->b[i].label);
		man_text(f, m->b[i].help);
		fputc('\n', f);
	}
	fputs(".El\n", f);
}

static void
md_cell(FILE *f, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '|')
			fputc('\\', f);
		fputc(*s, f);
	}
}

static void
md_map(FILE *f, const struct keymap *m)
{
	size_t	i;

	fprintf(f, "\n**%s**\n\n| Keys | Does |\n|---|---|\n", m->title);
	for (i = 0; i < m->n; i++) {
		if (m->b[i].label == NULL)
			continue;
		fputs("| `", f);
		md_cell(f, m->b[i].label);
		fputs("` | ", f);
		md_cell(f, m->b[i].help);
		fputs(" |\n", f);
	}
}

static void
text_map(FILE *f, const struct keymap *m)
{
	size_t	i;
	int	pad;

	fprintf(f, "%s\n", m->title);
	for (i = 0; i < m->n; i++) {
		if (m->b[i].label == NULL)
			continue;
		pad = 14 - cr_utf8_width(m->b[i].label);
		fprintf(f, "  %s%*s %s\n", m->b[i].label, pad > 0 ? pad : 0,
		    "", m->b[i].help);
	}
}

void
keys_print(FILE *f, enum keys_format fmt)
{
	size_t	i;

	for (i = 0; i < keys_nmaps; i++) {
		if (fmt == KEYS_MAN)
			man_map(f, keys_maps[i]);
		else if (fmt == KEYS_MD)
			md_map(f, keys_maps[i]);
		else
			text_map(f, keys_maps[i]);
	}
}

/* Key k of binding b (a range counts its keys), or 0 after the last. */
static int
nth_key(const struct binding *b, size_t k)
{
	if (b->last != 0)
		return (b->keys[0] + (int)k <= b->last ? b->keys[0] + (int)k :
		    0);
	return (k < sizeof b->keys / sizeof b->keys[0] ? b->keys[k] : 0);
}

static int
unreachable(const struct keymap *m, int key, const char **why)
{
	static char	 buf[200];
	const char	*by = NULL;

	/* The presentation and the column chooser take every key first. */
	if (keys_find(m, key) != NULL && m != &keys_global &&
	    m != &present_keys && m != &view_rank_cols_keys &&
	    keys_find(&keys_global, key) != NULL)
		by = "a global key";
	else if (m->lists && keys_find(&list_keys, key) != NULL)
		by = "a list key";
	if (by == NULL)
		return (0);
	snprintf(buf, sizeof buf, "%s: %s is taken first by %s", m->title,
	    keyname(key) != NULL ? keyname(key) : "a key", by);
	*why = buf;
	return (1);
}

int
keys_check(const char **why)
{
	static char		 buf[200];
	const struct keymap	*m;
	size_t			 i, b, k;
	int			 key;

	for (i = 0; i < keys_nmaps; i++) {
		m = keys_maps[i];
		for (b = 0; b < m->n; b++)
			for (k = 0; (key = nth_key(&m->b[b], k)) != 0; k++) {
				if (keys_find(m, key) != &m->b[b]) {
					snprintf(buf, sizeof buf, "%s: %s is "
					    "bound twice", m->title,
					    keyname(key) != NULL ?
					    keyname(key) : "a key");
					*why = buf;
					return (-1);
				}
				if (unreachable(m, key, why))
					return (-1);
			}
	}
	return (0);
}
