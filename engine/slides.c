/* The slide script's parser: see slides.h and doc/present.md. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "slides.h"
#include "xmalloc.h"

static const char *const view_names[CR_SLIDE_NVIEWS] = {
	"ranking", "show", "compare", "scatter", "tree", "weights", "robust"
};

/* Other spellings of a view, as the explorer's tabs name them. */
static const struct {
	const char		*name;
	enum cr_slide_view	 view;
} view_aliases[] = {
	{ "rank", CR_SLIDE_RANKING }, { "detail", CR_SLIDE_SHOW },
	{ "city", CR_SLIDE_SHOW }, { "plot", CR_SLIDE_SCATTER },
	{ "robustness", CR_SLIDE_ROBUST }
};

static const char *const key_names[CR_SK_COUNT] = {
	"title", "caption", "note", "by", "scenario", "weights", "units",
	"x", "y", "filter", "highlight"
};

/* Where a slide is being read. */
struct reader {
	const char		*file;
	struct cr_slides	*out;
	struct cr_slide		*cur;		/* NULL before the first */
	int			 last;		/* key a continuation extends */
	int			 line;
};

const char *
cr_slide_view_name(enum cr_slide_view v)
{
	return ((unsigned)v < CR_SLIDE_NVIEWS ? view_names[v] : "?");
}

const char *
cr_slide_key_name(enum cr_slide_key k)
{
	return ((unsigned)k < CR_SK_COUNT ? key_names[k] : "?");
}

struct cr_slides *
cr_slides_new(const char *file)
{
	struct cr_slides	*s = xcalloc(1, sizeof *s);

	s->file = xstrdup(file);
	return (s);
}

struct cr_slide *
cr_slides_add(struct cr_slides *s, enum cr_slide_view view)
{
	struct cr_slide	*sl;

	s->s = xreallocarray(s->s, s->n + 1, sizeof *s->s);
	sl = &s->s[s->n++];
	memset(sl, 0, sizeof *sl);
	sl->view = view;
	return (sl);
}

static void
slide_clear(struct cr_slide *sl)
{
	int	i;

	for (i = 0; i < CR_SK_COUNT; i++)
		free(sl->val[i]);
	for (i = 0; i < sl->n_units; i++)
		free(sl->units[i]);
	free(sl->error);
}

void
cr_slides_free(struct cr_slides *s)
{
	size_t	i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++)
		slide_clear(&s->s[i]);
	free(s->s);
	free(s->file);
	free(s);
}

static int
is_space(int c)
{
	return (c == ' ' || c == '\t');
}

/* A copy of [p, p + n) without the blanks around it. */
static char *
trimmed(const char *p, size_t n)
{
	char	*s;

	while (n > 0 && is_space((unsigned char)*p)) {
		p++;
		n--;
	}
	while (n > 0 && is_space((unsigned char)p[n - 1]))
		n--;
	s = xmalloc(n + 1);
	memcpy(s, p, n);
	s[n] = '\0';
	return (s);
}

/*
 * Split "A, B, C" into units; -1 when an item is empty or there are
 * more than CR_SLIDES_UNITS (the units kept so far stay).
 */
static int
split_units(struct cr_slide *sl, const char *v)
{
	const char	*p = v, *comma;
	char		*u;

	for (;;) {
		comma = strchr(p, ',');
		u = trimmed(p, comma != NULL ? (size_t)(comma - p) :
		    strlen(p));
		if (*u == '\0' || sl->n_units == CR_SLIDES_UNITS) {
			free(u);
			return (-1);
		}
		sl->units[sl->n_units++] = u;
		if (comma == NULL)
			return (0);
		p = comma + 1;
	}
}

void
cr_slide_set(struct cr_slide *sl, enum cr_slide_key k, const char *v)
{
	int	i;

	free(sl->val[k]);
	sl->val[k] = xstrdup(v);
	if (k != CR_SK_UNITS)
		return;
	for (i = 0; i < sl->n_units; i++)
		free(sl->units[i]);
	sl->n_units = 0;
	(void)split_units(sl, v);
}

/* The slide's first mistake is the one it shows. */
static void
slide_error(struct reader *r, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
slide_error(struct reader *r, int line, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	if (r->cur->error != NULL)
		return;
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	r->cur->error = xasprintf("%s:%d: %s", r->file, line, msg);
	free(msg);
}

static int
find_view(const char *name, enum cr_slide_view *v)
{
	size_t	i;

	for (i = 0; i < CR_SLIDE_NVIEWS; i++)
		if (strcmp(name, view_names[i]) == 0) {
			*v = (enum cr_slide_view)i;
			return (0);
		}
	for (i = 0; i < sizeof view_aliases / sizeof view_aliases[0]; i++)
		if (strcmp(name, view_aliases[i].name) == 0) {
			*v = view_aliases[i].view;
			return (0);
		}
	return (-1);
}

/* What a finished slide lacks: the units its view needs. */
static void
slide_end(struct reader *r)
{
	struct cr_slide	*sl = r->cur;

	if (sl == NULL || sl->error != NULL)
		return;
	if (sl->view == CR_SLIDE_COMPARE && sl->n_units < 2)
		slide_error(r, sl->line, "a compare slide needs 'units: A, "
		    "B' (2 to %d cities)", CR_SLIDES_UNITS);
	else if (sl->view == CR_SLIDE_SHOW && sl->n_units != 1)
		slide_error(r, sl->line, "a show slide needs 'units: CITY' "
		    "(one city)");
}

static int
start_slide(struct reader *r, const char *rest, char **cause)
{
	enum cr_slide_view	 v = CR_SLIDE_RANKING;
	char			*name = trimmed(rest, strlen(rest));
	int			 bad;

	slide_end(r);
	if (r->out->n == CR_SLIDES_MAX) {
		*cause = xasprintf("%s:%d: more than %d slides", r->file,
		    r->line, CR_SLIDES_MAX);
		free(name);
		return (-1);
	}
	bad = find_view(name, &v);
	r->cur = cr_slides_add(r->out, v);
	r->cur->line = r->line;
	r->last = -1;
	if (*name == '\0')
		slide_error(r, r->line, "'slide' needs a view: ranking, show, "
		    "compare, scatter, tree, weights or robust");
	else if (bad)
		slide_error(r, r->line, "unknown view '%s' (expected ranking, "
		    "show, compare, scatter, tree, weights or robust)", name);
	free(name);
	return (0);
}

/* Whether a key means something on the slide's view. */
static const char *
misplaced(enum cr_slide_key k, enum cr_slide_view v)
{
	if ((k == CR_SK_X || k == CR_SK_Y) && v != CR_SLIDE_SCATTER)
		return ("scatter slides only");
	if (k == CR_SK_UNITS && v != CR_SLIDE_SHOW && v != CR_SLIDE_COMPARE)
		return ("show and compare slides only");
	return (NULL);
}

static void
set_key(struct reader *r, const char *key, const char *value)
{
	struct cr_slide	*sl = r->cur;
	const char	*where;
	int		 k;

	for (k = 0; k < CR_SK_COUNT; k++)
		if (strcmp(key, key_names[k]) == 0)
			break;
	r->last = -1;
	if (k == CR_SK_COUNT) {
		slide_error(r, r->line, "unknown key '%s' (expected title, "
		    "caption, note, by, scenario, weights, units, x, y, "
		    "filter or highlight)", key);
		return;
	}
	if (sl->val[k] != NULL) {
		slide_error(r, r->line, "'%s' given twice (first at line %d)",
		    key, sl->at[k]);
		return;
	}
	if ((where = misplaced((enum cr_slide_key)k, sl->view)) != NULL)
		slide_error(r, r->line, "'%s' applies to %s", key, where);
	else if (*value == '\0')
		slide_error(r, r->line, "'%s' needs a value", key);
	sl->val[k] = xstrdup(value);
	sl->at[k] = r->line;
	r->last = k;
	if (k == CR_SK_UNITS && split_units(sl, value) != 0)
		slide_error(r, r->line, "'units' wants 1 to %d cities, "
		    "separated by commas, none empty", CR_SLIDES_UNITS);
	else if (k == CR_SK_UNITS && sl->view == CR_SLIDE_SHOW &&
	    sl->n_units > 1)
		slide_error(r, r->line, "a show slide shows one city (got %d)",
		    sl->n_units);
}

/* A line that starts with a blank carries on the key before it. */
static void
continued(struct reader *r, const char *text)
{
	struct cr_slide	*sl = r->cur;
	char		*v;

	if (r->last < 0 || r->last == CR_SK_UNITS) {
		slide_error(r, r->line, "an indented line continues a title, "
		    "caption or other text, and there is none before it");
		return;
	}
	v = xasprintf("%s %s", sl->val[r->last], text);
	free(sl->val[r->last]);
	sl->val[r->last] = v;
}

static int
one_line(struct reader *r, const char *p, size_t n, char **cause)
{
	char		*line, *colon, *key, *value;
	const char	*bad;
	int		 rc = 0, indented = n > 0 && is_space((unsigned char)*p);

	bad = memchr(p, '\0', n) != NULL ? "a NUL byte" :
	    n > CR_SLIDES_LINE_MAX ? "a line too long" : NULL;
	if (bad != NULL && r->cur == NULL) {
		*cause = xasprintf("%s:%d: %s", r->file, r->line, bad);
		return (-1);
	}
	if (bad != NULL) {
		slide_error(r, r->line, "%s (at most %d bytes, no NUL)", bad,
		    CR_SLIDES_LINE_MAX);
		return (0);
	}
	line = trimmed(p, n);
	if (*line == '\0' || *line == '#')
		goto done;
	if (strncmp(line, "slide", 5) == 0 && (line[5] == '\0' ||
	    is_space((unsigned char)line[5]))) {
		rc = start_slide(r, line + 5, cause);
		goto done;
	}
	if (r->cur == NULL) {
		*cause = xasprintf("%s:%d: expected 'slide VIEW' before "
		    "anything else", r->file, r->line);
		rc = -1;
	} else if (indented)
		continued(r, line);
	else if ((colon = strchr(line, ':')) == NULL)
		slide_error(r, r->line, "expected 'key: value' or 'slide "
		    "VIEW'");
	else {
		key = trimmed(line, (size_t)(colon - line));
		value = trimmed(colon + 1, strlen(colon + 1));
		set_key(r, key, value);
		free(key);
		free(value);
	}
done:
	free(line);
	return (rc);
}

int
cr_slides_parse(const char *file, const char *text, size_t len,
    struct cr_slides **out, char **cause)
{
	struct reader	 r;
	const char	*p = text, *end = text + len, *nl;
	size_t		 n;

	memset(&r, 0, sizeof r);
	r.file = file;
	r.out = cr_slides_new(file);
	r.last = -1;
	*out = NULL;
	while (p < end) {
		r.line++;
		nl = memchr(p, '\n', (size_t)(end - p));
		n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (one_line(&r, p, n, cause) != 0) {
			cr_slides_free(r.out);
			return (-1);
		}
		p = nl != NULL ? nl + 1 : end;
	}
	slide_end(&r);
	if (r.out->n == 0) {
		*cause = xasprintf("%s: no slides (each starts with a line "
		    "'slide VIEW')", file);
		cr_slides_free(r.out);
		return (-1);
	}
	*out = r.out;
	return (0);
}
