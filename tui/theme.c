/* Theme files: parsing and colour resolution, without ncurses. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "theme.h"
#include "xmalloc.h"

static const char *const role_names[ROLE_COUNT] = {
	"normal", "header", "cursor", "status", "bar", "reconstructed-value",
	"rank-up", "rank-down", "title", "axis", "point", "point-estimated",
	"highlight", "label", "fit"
};

static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"
};

const char *
theme_role_name(enum role r)
{
	return (r < ROLE_COUNT ? role_names[r] : "?");
}

/* Parse one role line's text, e.g. "cyan default bold" (no role name). */
static int parse_style(struct theme_style *, char *, char **);

void
theme_default(struct theme *t)
{
	static const char *const lines[ROLE_COUNT] = {
		"default default",
		"#5fafd7|74|cyan default bold",
		"black #5fafd7|74|cyan",
		"black #bcbcbc|250|white",
		"#5f87d7|68|blue default",
		"#d7af00|178|yellow default",
		"#5faf5f|71|green default bold",
		"#d75f5f|167|red default bold",
		"#5fafd7|74|cyan default bold",
		"default default",
		"default default bold",
		"#d7af00|178|yellow default",
		"#d75f00|166|red default bold",
		"default default",
		"#5f87d7|68|blue default",
	};
	char	*why = NULL, *s;
	int	 r;

	memset(t, 0, sizeof *t);
	snprintf(t->name, sizeof t->name, "default");
	for (r = 0; r < ROLE_COUNT; r++) {
		s = xstrdup(lines[r]);
		if (parse_style(&t->role[r], s, &why) != 0)
			abort();	/* the table above is wrong */
		free(s);
	}
}

static int
parse_hex(const char *s, int *rgb)
{
	int	i, v = 0, d;

	if (strlen(s) != 7)
		return (-1);
	for (i = 1; i < 7; i++) {
		if (!isxdigit((unsigned char)s[i]))
			return (-1);
		d = isdigit((unsigned char)s[i]) ? s[i] - '0' :
		    tolower((unsigned char)s[i]) - 'a' + 10;
		v = v * 16 + d;
	}
	*rgb = v;
	return (0);
}

/* One alternative: #rrggbb, a number 0-255, a name, bright-NAME, default. */
static int
parse_alt(const char *s, int *rgb, int *index)
{
	char	*end;
	long	 n;
	size_t	 i;
	int	 bright = 0;

	*rgb = -1;
	*index = THEME_DEFAULT;
	if (*s == '#')
		return (parse_hex(s, rgb));
	if (strcmp(s, "default") == 0)
		return (0);
	if (isdigit((unsigned char)*s)) {
		n = strtol(s, &end, 10);
		if (*end != '\0' || n < 0 || n > 255)
			return (-1);
		*index = (int)n;
		return (0);
	}
	if (strncmp(s, "bright-", 7) == 0) {
		bright = 8;
		s += 7;
	}
	for (i = 0; i < 8; i++)
		if (strcmp(s, color_names[i]) == 0) {
			*index = (int)i + bright;
			return (0);
		}
	return (-1);
}

static int
parse_color(struct theme_color *c, char *word, char **cause)
{
	char	*alt, *save = NULL;

	memset(c, 0, sizeof *c);
	for (alt = strtok_r(word, "|", &save); alt != NULL;
	    alt = strtok_r(NULL, "|", &save)) {
		if (c->n == THEME_ALTS) {
			*cause = xasprintf("more than %d alternatives",
			    THEME_ALTS);
			return (-1);
		}
		if (parse_alt(alt, &c->rgb[c->n], &c->index[c->n]) != 0) {
			*cause = xasprintf("bad colour '%s' (expected #rrggbb, "
			    "0-255, a colour name or default)", alt);
			return (-1);
		}
		c->n++;
	}
	if (c->n == 0) {
		*cause = xstrdup("empty colour");
		return (-1);
	}
	return (0);
}

static int
parse_attrs(unsigned *attrs, char *word, char **cause)
{
	static const struct { const char *name; unsigned bit; } names[] = {
		{ "bold", THEME_A_BOLD }, { "reverse", THEME_A_REVERSE },
		{ "underline", THEME_A_UNDERLINE }, { "dim", THEME_A_DIM },
		{ "italic", THEME_A_ITALIC }, { "none", 0 },
	};
	char	*a, *save = NULL;
	size_t	 i;

	for (a = strtok_r(word, ",", &save); a != NULL;
	    a = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < sizeof names / sizeof names[0]; i++)
			if (strcmp(a, names[i].name) == 0)
				break;
		if (i == sizeof names / sizeof names[0]) {
			*cause = xasprintf("unknown attribute '%s'", a);
			return (-1);
		}
		*attrs |= names[i].bit;
	}
	return (0);
}

static int
parse_style(struct theme_style *st, char *text, char **cause)
{
	char	*w[8], *save = NULL;
	int	 n = 0, i;

	for (w[n] = strtok_r(text, " \t", &save); w[n] != NULL && n < 7;
	    w[++n] = strtok_r(NULL, " \t", &save))
		;
	/* The loop stops at 7 words; an eighth is in w[7]. */
	if (n < 2 || (n == 7 && w[7] != NULL)) {
		*cause = xstrdup("expected: ROLE FG BG [ATTRIBUTES]");
		return (-1);
	}
	memset(st, 0, sizeof *st);
	if (parse_color(&st->fg, w[0], cause) != 0 ||
	    parse_color(&st->bg, w[1], cause) != 0)
		return (-1);
	for (i = 2; i < n; i++)
		if (parse_attrs(&st->attrs, w[i], cause) != 0)
			return (-1);
	st->set = 1;
	return (0);
}

static int
find_role(const char *name)
{
	int	r;

	for (r = 0; r < ROLE_COUNT; r++)
		if (strcmp(name, role_names[r]) == 0)
			return (r);
	return (-1);
}

static int
parse_line(struct theme *t, char *line, char **cause)
{
	struct theme_style	 st;
	char			*p = line, *name;
	int			 r;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '#' || *p == '\0')
		return (0);
	if (strncmp(p, "name", 4) == 0 && (p[4] == ' ' || p[4] == '=')) {
		p += 4;
		while (*p == ' ' || *p == '=' || *p == '\t')
			p++;
		snprintf(t->name, sizeof t->name, "%s", p);
		return (0);
	}
	name = p;
	p += strcspn(p, " \t");
	if (*p != '\0')
		*p++ = '\0';
	if ((r = find_role(name)) < 0) {
		*cause = xasprintf("unknown role '%s'", name);
		return (-1);
	}
	if (parse_style(&st, p, cause) != 0)
		return (-1);
	t->role[r] = st;
	return (0);
}

int
theme_parse(struct theme *t, const char *text, size_t len, char **cause)
{
	struct theme	 copy = *t;
	char		*buf, *line, *next, *why = NULL;
	size_t		 lineno = 1;
	int		 rc = 0;

	if (memchr(text, '\0', len) != NULL) {
		*cause = xstrdup("1: a NUL byte: not a theme file");
		return (-1);
	}
	buf = xstrndup(text, len);
	for (line = buf; rc == 0 && line != NULL; line = next, lineno++) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		line[strcspn(line, "\r")] = '\0';
		if (parse_line(&copy, line, &why) != 0) {
			*cause = xasprintf("%zu: %s", lineno, why);
			free(why);
			rc = -1;
		}
	}
	free(buf);
	if (rc == 0)
		*t = copy;	/* all or nothing */
	return (rc);
}

/* xterm's 6x6x6 cube levels. */
static const int cube[6] = { 0, 95, 135, 175, 215, 255 };

static int
nearest_level(int v)
{
	int	i, best = 0;

	for (i = 1; i < 6; i++)
		if (abs(cube[i] - v) < abs(cube[best] - v))
			best = i;
	return (best);
}

static int
dist2(int r1, int g1, int b1, int r2, int g2, int b2)
{
	return ((r1 - r2) * (r1 - r2) + (g1 - g2) * (g1 - g2) +
	    (b1 - b2) * (b1 - b2));
}

int
theme_rgb_to_256(int rgb)
{
	int	r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;
	int	ri = nearest_level(r), gi = nearest_level(g);
	int	bi = nearest_level(b), avg, grey, gl;

	/* The grey ramp 232-255 is 8, 18, ..., 238. */
	avg = (r + g + b) / 3;
	grey = avg > 238 ? 23 : avg < 8 ? 0 : (avg - 3) / 10;
	gl = 8 + 10 * grey;
	if (dist2(gl, gl, gl, r, g, b) < dist2(cube[ri], cube[gi], cube[bi],
	    r, g, b))
		return (232 + grey);
	return (16 + 36 * ri + 6 * gi + bi);
}

int
theme_resolve(const struct theme_color *c, int colors)
{
	int	i;

	for (i = 0; i < c->n; i++) {
		if (c->rgb[i] >= 0) {
			if (colors > 256)
				return (c->rgb[i]);
			if (colors == 256)
				return (theme_rgb_to_256(c->rgb[i]));
			continue;
		}
		if (c->index[i] == THEME_DEFAULT || c->index[i] < colors)
			return (c->index[i]);
	}
	return (THEME_NONE);
}
