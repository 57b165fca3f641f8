/*
 * cityrank __complete WORD...: shell completion's one source.  WORDs are
 * the command line after the program's name up to the cursor, the last
 * one the word being typed (maybe empty).  The candidates for it are
 * written one a line, sorted, each once; the scripts in completion/ only
 * hand them to the shell.  Commands and options come from args.c's
 * tables (what getopt accepts), method and format names from the code
 * that parses them, and codes and names from the data set the line
 * names (--db, --year), so nothing in a script can go stale.
 *
 * Exit status 0: the lines are the candidates (none: nothing fits).
 * CLI_COMPLETE_FILES: the word is a path: the shell completes file
 * names.  Nothing goes to standard error: it would land in the middle
 * of the line being typed.  A candidate a terminal could not show as
 * it is (a control character, invalid UTF-8) is left out, as no one
 * could type it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "emit.h"
#include "session.h"
#include "theme.h"
#include "utf8.h"
#include "xmalloc.h"

#define CLI_COMPLETE_FILES	3

struct cands {
	char	**v;
	size_t	  n;
};

struct line {
	char			**words;
	int			  n;		/* the last is being typed */
	const char		 *db, *dataset, *year;
	const struct cli_command *cmd, *sub;
	int			  nargs;	/* the command's, after sub */
	int			  lost;		/* an unknown command */
	int			  ddash;	/* after "--": no options */
	const struct cli_option	 *pending;	/* wants the last word */
	struct session		 *sess;
	int			  loaded;
};

/* ASCII letters in any case, other bytes as they are (codes, pinyin). */
static int
prefix_ci(const char *s, const char *pre)
{
	for (; *pre != '\0'; s++, pre++) {
		unsigned char	a = (unsigned char)*s, b = (unsigned char)*pre;

		if (a >= 'A' && a <= 'Z')
			a += 'a' - 'A';
		if (b >= 'A' && b <= 'Z')
			b += 'a' - 'A';
		if (a != b)
			return (0);
	}
	return (1);
}

static void
add(struct cands *c, const char *prefix, const char *cand)
{
	size_t	len = strlen(cand);

	if (len == 0 || cr_unsafe_at(cand, len, 0) != len)
		return;
	c->v = xreallocarray(c->v, c->n + 1, sizeof *c->v);
	c->v[c->n++] = xasprintf("%s%s", prefix, cand);
}

/* cand when it begins with word. */
static void
offer(struct cands *c, const char *prefix, const char *word,
    const char *cand)
{
	if (cand != NULL && strncmp(cand, word, strlen(word)) == 0)
		add(c, prefix, cand);
}

static int
cmp_str(const void *a, const void *b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

static void
print(struct cands *c)
{
	size_t	i;

	if (c->n == 0)
		return;
	qsort(c->v, c->n, sizeof *c->v, cmp_str);
	for (i = 0; i < c->n; i++)
		if (i == 0 || strcmp(c->v[i - 1], c->v[i]) != 0)
			emit_line(stdout, "%s", c->v[i]);
	for (i = 0; i < c->n; i++)
		free(c->v[i]);
	free(c->v);
}

/*
 * The option a word "--NAME[=VALUE]" gives, as getopt_long reads it: the
 * exact name, else a prefix of names that all mean the same.
 */
static const struct cli_option *
long_option(const char *w, const char **value)
{
	const struct cli_option	*o, *found = NULL;
	size_t			 len;

	len = strcspn(w, "=");
	*value = w[len] == '=' ? w + len + 1 : NULL;
	for (o = cli_options; o->name != NULL; o++) {
		if (strncmp(o->name, w, len) != 0)
			continue;
		if (o->name[len] == '\0')
			return (o);
		if (found != NULL && found->val != o->val)
			return (NULL);
		if (found == NULL)
			found = o;
	}
	return (found);
}

/* An option's value: the ones that choose the data set are kept. */
static void
value(struct line *l, const struct cli_option *o, const char *v)
{
	if (o->arg == CLI_ARG_DATASET)
		l->db = v;
	else if (o->arg == CLI_ARG_BUNDLED)
		l->dataset = v;
	else if (o->arg == CLI_ARG_YEAR)
		l->year = v;
}

/* "-o FILE", "-oFILE", "-hV": short options, some with a value. */
static void
short_options(struct line *l, const char *w)
{
	const struct cli_option	*o;

	for (w++; *w != '\0'; w++) {
		if ((o = cli_option_short(*w)) == NULL ||
		    o->arg == CLI_ARG_NONE)
			continue;
		if (w[1] != '\0')
			value(l, o, w + 1);
		else
			l->pending = o;
		return;
	}
}

/* An argument: the command, its subcommand, or one of theirs. */
static void
argument(struct line *l, const char *w)
{
	if (l->lost)
		return;
	if (l->cmd == NULL) {
		if ((l->cmd = cli_command_find(cli_commands, w)) == NULL)
			l->lost = 1;
	} else if (l->cmd->subs != NULL && l->sub == NULL) {
		if ((l->sub = cli_command_find(l->cmd->subs, w)) == NULL)
			l->lost = 1;
	} else
		l->nargs++;
}

/* The words before the one being typed, as main() would read them. */
static void
scan(struct line *l)
{
	const struct cli_option	*o;
	const char		*w, *v;
	int			 i;

	for (i = 0; i < l->n - 1; i++) {
		w = l->words[i];
		if (l->pending != NULL) {
			value(l, l->pending, w);
			l->pending = NULL;
		} else if (l->ddash || w[0] != '-' || w[1] == '\0')
			argument(l, w);
		else if (strcmp(w, "--") == 0)
			l->ddash = 1;
		else if (w[1] == '-') {
			if ((o = long_option(w + 2, &v)) == NULL ||
			    o->arg == CLI_ARG_NONE)
				continue;
			if (v != NULL)
				value(l, o, v);
			else
				l->pending = o;
		} else
			short_options(l, w);
	}
}

/* The data set the line names, opened once; NULL when it cannot be. */
static struct session *
session(struct line *l)
{
	const struct session_bundled	*b = NULL;
	char				*path, *why = NULL;
	int				 rc;

	if (l->loaded)
		return (l->sess);
	l->loaded = 1;
	if (l->db == NULL && l->dataset != NULL &&
	    (b = session_bundled_find(l->dataset)) == NULL)
		return (NULL);
	path = l->db != NULL ? xstrdup(l->db) : b != NULL ?
	    session_bundled_path(b) : session_default_db();
	rc = session_open(path, l->year, &l->sess, &why);
	free(why);
	why = NULL;
	/* A year being corrected still leaves the names to offer. */
	if (rc == -2)
		rc = session_open(path, NULL, &l->sess, &why);
	free(why);
	free(path);
	if (rc != 0)
		l->sess = NULL;
	return (l->sess);
}

static void
saved(struct line *l, struct cands *c, const char *pre, const char *word)
{
	struct cr_saved	**list;
	char		 *why = NULL;
	size_t		  n, i;

	if (session(l) == NULL)
		return;
	if (session_list(l->sess, &list, &n, &why) != 0) {
		free(why);
		return;
	}
	for (i = 0; i < n; i++)
		offer(c, pre, word, list[i]->name);
	session_list_free(list, n);
}

static void
presets(struct line *l, struct cands *c, const char *pre, const char *word)
{
	const struct cr_dataset	*ds;
	size_t			 i;

	if (session(l) == NULL)
		return;
	ds = l->sess->ds;
	for (i = 0; i < ds->n_presets; i++)
		offer(c, pre, word, ds->presets[i].code);
}

static void
years(struct line *l, struct cands *c, const char *pre, const char *word)
{
	const struct cr_dataset	*ds;
	size_t			 i;

	if (session(l) == NULL)
		return;
	ds = l->sess->ds;
	for (i = 0; i < ds->n_periods; i++)
		offer(c, pre, word, ds->periods[i]);
}

/* Node codes; from 1 leaves the root out; numeric context too (axes). */
static void
nodes(struct line *l, struct cands *c, const char *pre, const char *word,
    size_t from, int ctx)
{
	const struct cr_model	*m;
	size_t			 i;

	if (session(l) == NULL)
		return;
	m = l->sess->ds->model;
	for (i = from; i < m->n_nodes; i++)
		offer(c, pre, word, m->nodes[i].code);
	for (i = 0; ctx && i < m->n_ctx; i++)
		if (m->ctx[i].kind == CR_CTX_NUM)
			offer(c, pre, word, m->ctx[i].code);
}

/* "CODE=W,CODE=W,CO": a code after the last comma, then its "=". */
static void
weights(struct line *l, struct cands *c, const char *pre, const char *word)
{
	const struct cr_model	*m;
	const char		*last = strrchr(word, ',');
	char			*head, *code;
	size_t			 i;

	last = last != NULL ? last + 1 : word;
	if (strchr(last, '=') != NULL || session(l) == NULL)
		return;
	m = l->sess->ds->model;
	head = xasprintf("%s%.*s", pre, (int)(last - word), word);
	for (i = 1; i < m->n_nodes; i++) {
		code = xasprintf("%s=", m->nodes[i].code);
		offer(c, head, last, code);
		free(code);
	}
	free(head);
}

/*
 * Units by code, Chinese name and pinyin, in any case.  A pinyin name
 * that is the code in another case is offered once, in the case the
 * word begins with.
 */
static void
cities(struct line *l, struct cands *c, const char *word)
{
	const struct cr_entity	*e;
	const struct cr_model	*m;
	size_t			 i;
	int			 upper = word[0] >= 'A' && word[0] <= 'Z';

	if (session(l) == NULL)
		return;
	m = l->sess->ds->model;
	for (i = 0; i < m->n_entities; i++) {
		e = &m->entities[i];
		if (e->name_zh != NULL && prefix_ci(e->name_zh, word))
			add(c, "", e->name_zh);
		if (e->name_en != NULL &&
		    cr_strcasecmp_ascii(e->code, e->name_en) == 0) {
			if (prefix_ci(e->code, word))
				add(c, "", upper ? e->name_en : e->code);
			continue;
		}
		if (prefix_ci(e->code, word))
			add(c, "", e->code);
		if (e->name_en != NULL && prefix_ci(e->name_en, word))
			add(c, "", e->name_en);
	}
}

static void
themes(struct cands *c, const char *pre, const char *word)
{
	char	**names;
	size_t	  n, i;

	names = theme_names(&n);
	for (i = 0; i < n; i++) {
		offer(c, pre, word, names[i]);
		free(names[i]);
	}
	free(names);
}

/* A value of that kind; pre is what the word has before it ("--by="). */
static int
values(struct line *l, struct cands *c, enum cli_arg kind, const char *pre,
    const char *word)
{
	size_t	i;

	switch (kind) {
	case CLI_ARG_FILE:
	case CLI_ARG_DATASET:
		return (CLI_COMPLETE_FILES);
	case CLI_ARG_BUNDLED:
		for (i = 0; session_bundled[i].name != NULL; i++)
			offer(c, pre, word, session_bundled[i].name);
		break;
	case CLI_ARG_FORMAT:
		for (i = 0; out_format_name(i) != NULL; i++)
			offer(c, pre, word, out_format_name(i));
		break;
	case CLI_ARG_NORM:
		/* A reference unit is not optional: offer its ':'. */
		for (i = 0; i < CR_NORM_COUNT; i++)
			offer(c, pre, word, i == CR_NORM_DIST2REF ?
			    "dist2ref:" : cr_norm_name((enum cr_norm)i));
		break;
	case CLI_ARG_AGG:
		for (i = 0; i < CR_AGG_COUNT; i++)
			offer(c, pre, word, i == CR_AGG_POWER ? "power:" :
			    cr_agg_name((enum cr_agg)i));
		break;
	case CLI_ARG_THEME:
		if (strchr(word, '/') != NULL)
			return (CLI_COMPLETE_FILES);
		themes(c, pre, word);
		break;
	case CLI_ARG_SCENARIO:
		if (strchr(word, '/') != NULL)
			return (CLI_COMPLETE_FILES);
		presets(l, c, pre, word);
		/* FALLTHROUGH */
	case CLI_ARG_SAVED:
		saved(l, c, pre, word);
		break;
	case CLI_ARG_PRESET:
		presets(l, c, pre, word);
		break;
	case CLI_ARG_YEAR:
		years(l, c, pre, word);
		break;
	case CLI_ARG_NODE:
		nodes(l, c, pre, word, 0, 0);
		break;
	case CLI_ARG_AXIS:
		nodes(l, c, pre, word, 0, 1);
		break;
	case CLI_ARG_WEIGHTS:
		weights(l, c, pre, word);
		break;
	case CLI_ARG_CITY:
		cities(l, c, word);
		break;
	case CLI_ARG_LANG:
		for (i = 0; i < CR_LANG_COUNT; i++)
			offer(c, pre, word, cr_lang_name((enum cr_lang)i));
		break;
	case CLI_ARG_NONE:
	case CLI_ARG_TEXT:
	case CLI_ARG_NUMBER:
		break;
	}
	return (0);
}

static void
options(struct cands *c, const char *word)
{
	const struct cli_option	*o;
	char			*name;

	for (o = cli_options; o->name != NULL; o++) {
		name = xasprintf("--%s", o->name);
		offer(c, "", word, name);
		free(name);
	}
}

static void
commands(struct cands *c, const struct cli_command *t, const char *word)
{
	for (; t->name != NULL; t++)
		offer(c, "", word, t->name);
}

/* The word being typed, given the line before it. */
static int
complete(struct line *l, struct cands *c, const char *word)
{
	const struct cli_command	*k;
	const struct cli_option		*o;
	const char			*v;
	char				*pre;
	int				 rc;

	if (l->pending != NULL)
		return (values(l, c, l->pending->arg, "", word));
	if (!l->ddash && strncmp(word, "--", 2) == 0 &&
	    strchr(word, '=') != NULL) {
		if ((o = long_option(word + 2, &v)) == NULL)
			return (0);
		pre = xasprintf("%.*s", (int)(v - word), word);
		rc = values(l, c, o->arg, pre, v);
		free(pre);
		return (rc);
	}
	if (!l->ddash && word[0] == '-') {
		options(c, word);
		return (0);
	}
	if (l->lost)
		return (0);
	if (l->cmd == NULL) {
		commands(c, cli_commands, word);
		return (0);
	}
	if (l->cmd->subs != NULL && l->sub == NULL) {
		commands(c, l->cmd->subs, word);
		return (0);
	}
	k = l->sub != NULL ? l->sub : l->cmd;
	if (k->max_args >= 0 && l->nargs >= k->max_args)
		return (0);
	return (values(l, c, k->args, "", word));
}

int
cli_complete(int nwords, char **words)
{
	struct line	 l;
	struct cands	 c;
	char		*empty[] = { "" };
	int		 rc;

	memset(&l, 0, sizeof l);
	memset(&c, 0, sizeof c);
	l.words = nwords > 0 ? words : empty;
	l.n = nwords > 0 ? nwords : 1;
	scan(&l);
	rc = complete(&l, &c, l.words[l.n - 1]);
	print(&c);
	session_free(l.sess);
	if (fflush(stdout) != 0)
		return (CR_EXIT_FAIL);
	return (rc);
}
