/*
 * The scenario file, written and read.  Reading is strict: the file
 * crosses from one person to another by mail, and a mistake refused
 * with its line number is better than a scenario silently not the one
 * that was sent.  Nothing in the text may hide from an eye reading it:
 * no raw control character, no bidirectional control.
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cause.h"
#include "prepare.h"
#include "num.h"
#include "saved.h"
#include "saved_text.h"
#include "score.h"
#include "utf8.h"
#include "xmalloc.h"

#define MAGIC		"cityrank-scenario"
#define BOM		"\xef\xbb\xbf"
/* Keys are padded to the longest, so that the values line up. */
#define KEY_COLS	9
/* Codes are padded to the longest, up to this. */
#define CODE_COLS	24
/* Text from the file is cut to this many bytes in a message. */
#define QUOTE_MAX	40

struct buf {
	char	*s;
	size_t	 len, cap;
};

enum key {
	K_NAME,
	K_NOTE,
	K_DATASET,
	K_TITLE,
	K_PERIOD,
	K_NORMALIZE,
	K_AGGREGATE,
	K_MODIFIED,
	/* --- preparation (issue 13): start --- */
	K_RECIPE,
	/* --- preparation: end --- */
	K_COUNT
};

/* The sections, in the order the writer writes them. */
enum section { S_HEADER, S_WEIGHTS, S_NORMALIZE, S_AGGREGATE, S_COUNT };

static const char *const section_names[S_COUNT] = {
	"", "[weights]", "[normalize]", "[aggregate]"
};

struct parser {
	char		*file;		/* sanitised, for messages */
	size_t		 line;
	struct cr_saved	*s;
	size_t		 key_line[K_COUNT];	/* 0 until seen */
	enum section	 section;	/* the one the lines are in */
	size_t		 section_line[S_COUNT];	/* 0 until seen */
	size_t		*code_line;	/* s->n: where each weight was */
	size_t		*leaf_line;	/* s->n_leaf */
	size_t		*level_line;	/* s->n_level */
	char		**cause;
};

static int	set_name(struct parser *, const char *);
static int	set_note(struct parser *, const char *);
static int	set_dataset(struct parser *, const char *);
static int	set_title(struct parser *, const char *);
static int	set_period(struct parser *, const char *);
static int	set_normalize(struct parser *, const char *);
static int	set_aggregate(struct parser *, const char *);
static int	set_modified(struct parser *, const char *);
/* --- preparation (issue 13): start --- */
static int	set_recipe(struct parser *, const char *);
/* --- preparation: end --- */

static const struct {
	const char	*name;
	int		 required;
	int		(*set)(struct parser *, const char *);
} keys[K_COUNT] = {
	{ "name", 1, set_name },
	{ "note", 0, set_note },
	{ "dataset", 1, set_dataset },
	{ "title", 0, set_title },
	{ "period", 0, set_period },
	{ "normalize", 1, set_normalize },
	{ "aggregate", 1, set_aggregate },
	{ "modified", 0, set_modified },
	/* --- preparation (issue 13): start --- */
	{ "recipe", 0, set_recipe },
	/* --- preparation: end --- */
};

static void
buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		while (b->len + n + 1 > b->cap)
			b->cap = b->cap != 0 ? b->cap * 2 : 256;
		b->s = xreallocarray(b->s, b->cap, 1);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void
buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

static void __attribute__((format(printf, 2, 3)))
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	buf_puts(b, s);
	free(s);
}

/*
 * printf() and strtod() follow LC_NUMERIC, which the program takes from
 * the environment: 0.25 is "0,25" in a German locale.  The file's
 * numbers are the C locale's, so that it reads the same everywhere.
 */
static locale_t
c_locale(void)
{
	static locale_t	 c;

	if (c == (locale_t)0) {
		c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
		/* The C locale always exists: only memory can fail. */
		if (c == (locale_t)0) {
			fputs("cityrank: out of memory\n", stderr);
			exit(1);
		}
	}
	return c;
}

/*
 * What may not appear raw: controls, which can command a terminal or
 * break the line, and characters that reorder or split text invisibly
 * (bidirectional controls and marks, line and paragraph separators, a
 * BOM inside the text).
 */
static int
hidden(uint32_t cp)
{
	/* The same set that output makes visible (engine/utf8.c). */
	return cr_cp_hidden(cp);
}

/*
 * The parser trims blanks around a value, so a space that begins or
 * ends one is escaped.
 */
static void
put_escaped(struct buf *b, const char *s)
{
	size_t		 len = strlen(s), i;
	uint32_t	 cp;
	int		 n;

	for (i = 0; i < len; i += (size_t)n) {
		if ((n = cr_utf8_decode(s + i, len - i, &cp)) < 0) {
			buf_puts(b, "\xef\xbf\xbd");
			n = 1;
		} else if (cp == '\\')
			buf_puts(b, "\\\\");
		else if (cp == '\n')
			buf_puts(b, "\\n");
		else if (cp == '\t')
			buf_puts(b, "\\t");
		else if (cp == '\r')
			buf_puts(b, "\\r");
		else if (hidden(cp) || (cp == ' ' && (i == 0 || i + 1 == len)))
			buf_printf(b, "\\u{%04X}", (unsigned)cp);
		else
			buf_add(b, s + i, (size_t)n);
	}
}

static void
put_key(struct buf *b, const char *key, const char *value, int always)
{
	if (!always && *value == '\0')
		return;
	buf_printf(b, "%-*s = ", KEY_COLS, key);
	put_escaped(b, value);
	buf_puts(b, "\n");
}

/* The number as cr_num_parse() reads it back (num.h). */
static void
put_number(struct buf *b, double v)
{
	char	 n[CR_NUM_FORMAT_LEN];

	cr_num_format(v, n, sizeof n);
	buf_puts(b, n);
}

/* Lines starting with these mean something else: escape the code. */
static int
code_needs_escape(const char *code)
{
	return code[0] == '#' || code[0] == '[' || code[0] == '\\';
}

/*
 * Codes are printable ASCII without blanks (cr_saved_add() sees to it)
 * and are written as they are; a byte that is not is never written.
 */
static void
put_code(struct buf *b, const char *code)
{
	const unsigned char	*p;

	for (p = (const unsigned char *)code; *p != '\0'; p++)
		buf_add(b, *p > ' ' && *p < 0x7f ? (const char *)p : "?", 1);
}

static void
put_weights(struct buf *b, const struct cr_saved *s)
{
	size_t	i, w, cols = 0;

	for (i = 0; i < s->n; i++) {
		w = strlen(s->code[i]) + (code_needs_escape(s->code[i]) ? 1 : 0);
		if (w > cols)
			cols = w;
	}
	if (cols > CODE_COLS)
		cols = CODE_COLS;
	buf_puts(b, "\n[weights]\n");
	for (i = 0; i < s->n; i++) {
		w = strlen(s->code[i]);
		if (code_needs_escape(s->code[i])) {
			buf_puts(b, "\\");
			w++;
		}
		put_code(b, s->code[i]);
		for (; w < cols; w++)
			buf_puts(b, " ");
		buf_puts(b, " = ");
		put_number(b, s->weight[i]);
		buf_puts(b, "\n");
	}
}

/* A leaf's own normalisation a line, codes as the weights' are. */
static void
put_leaves(struct buf *b, const struct cr_saved *s)
{
	char	*m;
	size_t	 i, w, cols = 0;

	if (s->n_leaf == 0)
		return;
	for (i = 0; i < s->n_leaf; i++) {
		w = strlen(s->leaf[i].code) +
		    (code_needs_escape(s->leaf[i].code) ? 1 : 0);
		if (w > cols)
			cols = w;
	}
	if (cols > CODE_COLS)
		cols = CODE_COLS;
	buf_puts(b, "\n[normalize]\n");
	for (i = 0; i < s->n_leaf; i++) {
		w = strlen(s->leaf[i].code);
		if (code_needs_escape(s->leaf[i].code)) {
			buf_puts(b, "\\");
			w++;
		}
		put_code(b, s->leaf[i].code);
		for (; w < cols; w++)
			buf_puts(b, " ");
		m = cr_norm_spec_format(&s->leaf[i].norm);
		buf_printf(b, " = %s\n", m);
		free(m);
	}
}

static void
put_levels(struct buf *b, const struct cr_saved *s)
{
	char	*m;
	size_t	 i;

	if (s->n_level == 0)
		return;
	buf_puts(b, "\n[aggregate]\n");
	for (i = 0; i < s->n_level; i++) {
		m = cr_agg_spec_format(&s->level[i].agg);
		buf_printf(b, "%d = %s\n", s->level[i].depth, m);
		free(m);
	}
}

char *
cr_saved_format(const struct cr_saved *s)
{
	struct buf		 b = { NULL, 0, 0 };
	struct cr_norm_spec	 n;
	struct cr_agg_spec	 a;
	locale_t		 old;
	char			*m;

	old = uselocale(c_locale());
	/* Format 1 when it can say it all, so that any cityrank reads it. */
	buf_printf(&b, "format = %s %d\n", MAGIC, cr_saved_v1(s) ? 1 :
	    CR_SAVED_FORMAT);
	buf_puts(&b,
	    "# A cityrank scenario: weights and methods for one data set.\n"
	    "# Weights are relative among siblings: see 'cityrank tree'.\n"
	    "# Import with: cityrank scenario import FILE\n");
	put_key(&b, "name", s->name, 1);
	put_key(&b, "note", s->note, 0);
	put_key(&b, "dataset", s->dataset, 1);
	put_key(&b, "title", s->title, 0);
	put_key(&b, "period", s->period, 0);
	cr_saved_norm(s, &n);
	m = cr_norm_spec_format(&n);
	buf_printf(&b, "%-*s = %s\n", KEY_COLS, "normalize", m);
	free(m);
	cr_saved_agg(s, &a);
	m = cr_agg_spec_format(&a);
	buf_printf(&b, "%-*s = %s\n", KEY_COLS, "aggregate", m);
	free(m);
	put_key(&b, "modified", s->modified, 0);
	/* --- preparation (issue 13): start --- */
	put_key(&b, "recipe", s->recipe, 0);
	/* --- preparation: end --- */
	put_weights(&b, s);
	put_leaves(&b, s);
	put_levels(&b, s);
	uselocale(old);
	return b.s;
}

static int __attribute__((format(printf, 2, 3)))
perr(struct parser *p, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	cr_cause(p->cause, "%s:%zu: %s", p->file, p->line, msg);
	free(msg);
	return -1;
}

/* Text from the file for a message: sanitised, and cut when long. */
static char *
cut(const char *s)
{
	char	*q, *r;
	size_t	 len, n = 0;
	int	 k;

	q = cr_sanitize(s);
	if ((len = strlen(q)) <= QUOTE_MAX)
		return q;
	while ((k = cr_utf8_decode(q + n, len - n, NULL)) > 0 &&
	    n + (size_t)k <= QUOTE_MAX)
		n += (size_t)k;
	r = xasprintf("%.*s\xe2\x80\xa6", (int)n, q);
	free(q);
	return r;
}

/* An error whose message quotes s once. */
static int __attribute__((format(printf, 2, 0)))
perr_q(struct parser *p, const char *fmt, const char *s)
{
	char	*q;

	q = cut(s);
	perr(p, fmt, q);
	free(q);
	return -1;
}

/* A cause from elsewhere, placed in the file. */
static int
perr_cause(struct parser *p, char *c)
{
	perr(p, "%s", c != NULL ? c : "error");
	free(c);
	return -1;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static const char *
skip_digits(const char *s, int *n, int *nonzero)
{
	for (; is_digit(*s); s++) {
		(*n)++;
		if (*s != '0')
			*nonzero = 1;
	}
	return s;
}

enum { NUM_OK, NUM_SYNTAX, NUM_BIG, NUM_SMALL };

/*
 * A plain decimal number: a sign, digits with a point among or after
 * them, an exponent.  strtod() alone would take hex, inf, nan and
 * leading blanks too, and turn 1e-400 into 0 without a word.
 */
static int
plain_number(const char *s, double *out)
{
	const char	*p = s;
	int		 digits = 0, nonzero = 0, exp = 0, ignored = 0;
	double		 d;

	if (*p == '+' || *p == '-')
		p++;
	p = skip_digits(p, &digits, &nonzero);
	if (*p == '.')
		p = skip_digits(p + 1, &digits, &nonzero);
	if (digits == 0)
		return NUM_SYNTAX;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		p = skip_digits(p, &exp, &ignored);
		if (exp == 0)
			return NUM_SYNTAX;
	}
	if (*p != '\0')
		return NUM_SYNTAX;
	d = strtod(s, NULL);
	if (!isfinite(d))
		return NUM_BIG;
	if (d == 0 && nonzero)
		return NUM_SMALL;
	*out = d;
	return NUM_OK;
}

static int
bound_error(struct parser *p, int rc, const char *which, const char *s)
{
	const char	*why;
	char		*q;

	if (rc == NUM_BIG)
		why = "is too large";
	else if (rc == NUM_SMALL)
		why = "is too small to tell from 0";
	else
		why = "is not a plain decimal number";
	q = cut(s);
	perr(p, "the min-max %s bound %s: '%s'", which, why, q);
	free(q);
	return -1;
}

static void
put_utf8(struct buf *b, uint32_t cp)
{
	char	u[4];
	size_t	n;

	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | cp >> 12);
		u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | cp >> 18);
		u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
		u[2] = (char)(0x80 | (cp >> 6 & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	buf_add(b, u, n);
}

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* \u{X} to \u{XXXXXX} at s; returns the bytes read, or -1. */
static int
unicode_escape(struct parser *p, const char *s, struct buf *b)
{
	uint32_t	 cp = 0;
	int		 i, h;

	if (s[2] != '{')
		return perr(p, "bad escape '\\u': write \\u{XXXX}");
	for (i = 3; i < 9 && (h = hex_value(s[i])) != -1; i++)
		cp = cp << 4 | (uint32_t)h;
	if (i == 3 || s[i] != '}')
		return perr(p, "bad escape '\\u{': write 1 to 6 hex digits "
		    "and '}'");
	if (cp == 0)
		return perr(p, "bad escape '\\u{%.*s}': a NUL byte cannot be "
		    "in a value", i - 3, s + 3);
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return perr(p, "bad escape '\\u{%.*s}': not a Unicode "
		    "character", i - 3, s + 3);
	put_utf8(b, cp);
	return i + 1;
}

/* A value as written to the text it stands for; caller frees *out. */
static int
unescape(struct parser *p, const char *key, const char *s, char **out)
{
	struct buf	 b = { NULL, 0, 0 };
	int		 n;

	buf_add(&b, "", 0);
	while (*s != '\0') {
		if (*s == '\t') {
			perr(p, "a tab in the %s: write it as \\t", key);
			goto fail;
		}
		if (*s != '\\') {
			n = (int)strcspn(s, "\\\t");
			buf_add(&b, s, (size_t)n);
			s += n;
			continue;
		}
		n = 2;
		switch (s[1]) {
		case '\\':
			buf_puts(&b, "\\");
			break;
		case 'n':
			buf_puts(&b, "\n");
			break;
		case 't':
			buf_puts(&b, "\t");
			break;
		case 'r':
			buf_puts(&b, "\r");
			break;
		case 'u':
			if ((n = unicode_escape(p, s, &b)) == -1)
				goto fail;
			break;
		case '\0':
			perr(p, "the %s ends in a backslash: write \\\\ for "
			    "one", key);
			goto fail;
		default:
			n = cr_utf8_decode(s + 1, strlen(s + 1), NULL);
			perr(p, "bad escape '\\%.*s' in the %s (expected \\\\, "
			    "\\n, \\t, \\r or \\u{XXXX})", n, s + 1, key);
			goto fail;
		}
		s += n;
	}
	*out = b.s;
	return 0;
fail:
	free(b.s);
	return -1;
}

/* Unescape a free text of at most max bytes into *field. */
static int
set_text(struct parser *p, const char *key, const char *value, size_t max,
    char **field)
{
	char	*t;
	size_t	 len;

	if (unescape(p, key, value, &t) == -1)
		return -1;
	if ((len = strlen(t)) > max) {
		free(t);
		return perr(p, "the %s is %zu bytes, more than %zu", key, len,
		    max);
	}
	free(*field);
	*field = t;
	return 0;
}

static int
set_name(struct parser *p, const char *value)
{
	char	*c = NULL;

	if (set_text(p, "name", value, SIZE_MAX, &p->s->name) == -1)
		return -1;
	if (cr_saved_check_name(p->s->name, &c) == -1)
		return perr_cause(p, c);
	return 0;
}

static int
set_note(struct parser *p, const char *value)
{
	return set_text(p, "note", value, CR_SAVED_NOTE_MAX, &p->s->note);
}

static int
set_title(struct parser *p, const char *value)
{
	return set_text(p, "title", value, CR_SAVED_TEXT_MAX, &p->s->title);
}

static int
set_period(struct parser *p, const char *value)
{
	return set_text(p, "period", value, CR_SAVED_TEXT_MAX,
	    &p->s->period);
}

static int
set_dataset(struct parser *p, const char *value)
{
	size_t	len = strlen(value);

	if (len == 0 || len > CR_SAVED_HASH_MAX ||
	    strspn(value, "0123456789abcdefABCDEF") != len)
		return perr_q(p, "dataset '%s' is not a data set's hash (1 to "
		    "128 hex digits)", value);
	cr_saved_set(&p->s->dataset, value);
	return 0;
}

/* "minmax:LO:HI": both plain numbers, before cr_norm_parse() sees them. */
static int
check_bounds(struct parser *p, const char *value)
{
	char	*lo, *hi;
	double	 d;
	int	 rc = 0, r;

	lo = xstrdup(value + strlen("minmax:"));
	if ((hi = strchr(lo, ':')) != NULL) {
		*hi++ = '\0';
		if ((r = plain_number(lo, &d)) != NUM_OK)
			rc = bound_error(p, r, "low", lo);
		else if ((r = plain_number(hi, &d)) != NUM_OK)
			rc = bound_error(p, r, "high", hi);
	}
	free(lo);
	return rc;
}

/* A method as --normalize takes it, min-max's bounds plain numbers. */
static int
parse_norm(struct parser *p, const char *value, struct cr_norm_spec *sp)
{
	char	*c = NULL;

	if (strncasecmp(value, "minmax:", 7) == 0 &&
	    check_bounds(p, value) == -1)
		return -1;
	if (cr_norm_spec_parse(value, sp, &c) == -1)
		return perr_cause(p, c);
	return 0;
}

static int
set_normalize(struct parser *p, const char *value)
{
	struct cr_norm_spec	 sp;
	int			 rc;

	cr_norm_spec_init(&sp);
	if ((rc = parse_norm(p, value, &sp)) == 0)
		cr_saved_set_norm(p->s, &sp);
	cr_norm_spec_clear(&sp);
	return rc;
}

static int
set_aggregate(struct parser *p, const char *value)
{
	struct cr_agg_spec	 sp;
	char			*c = NULL;

	if (cr_agg_spec_parse(value, &sp, &c) == -1)
		return perr_cause(p, c);
	cr_saved_set_agg(p->s, &sp);
	return 0;
}

/* Two digits from s, within lo to hi. */
static int
two_digits(const char *s, int lo, int hi)
{
	int	v;

	if (!is_digit(s[0]) || !is_digit(s[1]))
		return 0;
	v = (s[0] - '0') * 10 + s[1] - '0';
	return v >= lo && v <= hi;
}

/* 2024-05-01T09:30:00Z, a fraction of a second allowed before the Z. */
static int
valid_time(const char *s)
{
	int	n;

	if (!two_digits(s, 0, 99) || !two_digits(s + 2, 0, 99) ||
	    s[4] != '-' || !two_digits(s + 5, 1, 12) || s[7] != '-' ||
	    !two_digits(s + 8, 1, 31) || s[10] != 'T' ||
	    !two_digits(s + 11, 0, 23) || s[13] != ':' ||
	    !two_digits(s + 14, 0, 59) || s[16] != ':' ||
	    !two_digits(s + 17, 0, 60))
		return 0;
	s += 19;
	if (*s == '.') {
		for (n = 0, s++; is_digit(*s); s++)
			n++;
		if (n < 1 || n > 9)
			return 0;
	}
	return strcmp(s, "Z") == 0;
}

static int
set_modified(struct parser *p, const char *value)
{
	if (!valid_time(value))
		return perr_q(p, "modified '%s' is not a UTC time such as "
		    "2024-05-01T09:30:00Z", value);
	cr_saved_set(&p->s->modified, value);
	return 0;
}

/* --- preparation (issue 13): start --- */
/* A recipe's line, kept as cityrank spells it. */
static int
set_recipe(struct parser *p, const char *value)
{
	struct cr_prep_spec	 spec;
	char			*t = NULL, *c = NULL;

	if (set_text(p, "recipe", value, CR_SAVED_TEXT_MAX, &t) == -1)
		return -1;
	cr_prep_spec_init(&spec);
	if (cr_prep_parse_recipe(&spec, t, &c) == -1) {
		free(t);
		return perr_cause(p, c);
	}
	free(t);
	free(p->s->recipe);
	p->s->recipe = cr_prep_recipe(&spec);
	cr_prep_spec_free(&spec);
	return 0;
}
/* --- preparation: end --- */

static void
trim(char **s)
{
	char	*t = *s;
	size_t	 n;

	while (*t == ' ' || *t == '\t')
		t++;
	n = strlen(t);
	while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '\t'))
		t[--n] = '\0';
	*s = t;
}

/* The first line: the magic and a version this code reads. */
static int
format_line(struct parser *p, char *t)
{
	char	*eq, *key, *value, *v;
	size_t	 n;

	if ((eq = strchr(t, '=')) == NULL)
		goto bad;
	*eq = '\0';
	key = t;
	value = eq + 1;
	trim(&key);
	trim(&value);
	n = strlen(MAGIC);
	if (strcmp(key, "format") != 0 || strncmp(value, MAGIC, n) != 0 ||
	    (value[n] != ' ' && value[n] != '\t'))
		goto bad;
	v = value + n;
	trim(&v);
	if (strcmp(v, "1") == 0 || strcmp(v, "2") == 0)
		return 0;
	if (*v == '\0' || *v == '0' || strspn(v, "0123456789") != strlen(v))
		return perr_q(p, "unknown scenario format '%s'", value);
	/* Only 1 and 2 exist: any other number is a later one. */
	v = cut(v);
	perr(p, "scenario format %s is newer than this cityrank reads (%d)",
	    v, CR_SAVED_FORMAT);
	free(v);
	return -1;
bad:
	return perr(p, "not a cityrank scenario: the first line must be "
	    "'format = %s 1'", MAGIC);
}

static int
section(struct parser *p, const char *t)
{
	int	k, x;

	for (x = S_WEIGHTS; x < S_COUNT; x++)
		if (strcmp(t, section_names[x]) == 0)
			break;
	if (x == S_COUNT)
		return perr_q(p, "unknown section '%s' (expected [weights], "
		    "[normalize] or [aggregate])", t);
	if (p->section_line[x] != 0)
		return perr(p, "second %s (the first is on line %zu)", t,
		    p->section_line[x]);
	for (k = 0; p->section == S_HEADER && k < K_COUNT; k++)
		if (keys[k].required && p->key_line[k] == 0)
			return perr(p, "no '%s' before %s", keys[k].name, t);
	p->section_line[x] = p->line;
	p->section = (enum section)x;
	return 0;
}

static int
header(struct parser *p, const char *key, const char *value)
{
	int	k;

	if (strcmp(key, "format") == 0)
		return perr(p, "second 'format' (the first is on line 1)");
	for (k = 0; k < K_COUNT; k++)
		if (strcmp(key, keys[k].name) == 0)
			break;
	if (k == K_COUNT)
		return perr_q(p, "unknown key '%s' (expected name, note, "
		    "dataset, title, period, normalize, aggregate, "
		    "modified or recipe)", key);
	if (p->key_line[k] != 0)
		return perr(p, "second '%s' (the first is on line %zu)",
		    keys[k].name, p->key_line[k]);
	p->key_line[k] = p->line;
	return keys[k].set(p, value);
}

static int
weight_error(struct parser *p, const char *code, const char *value,
    const char *why)
{
	char	*c, *v;

	c = cut(code);
	v = cut(value);
	perr(p, "the weight of '%s' %s: '%s'", c, why, v);
	free(v);
	free(c);
	return -1;
}

static int
weight(struct parser *p, const char *code, const char *value)
{
	struct cr_saved	*s = p->s;
	char		*c = NULL;
	double		 w = 0;
	size_t		 i;

	/* A leading backslash keeps a code from reading as a comment. */
	if (*code == '\\')
		code++;
	switch (plain_number(value, &w)) {
	case NUM_OK:
		break;
	case NUM_BIG:
		return weight_error(p, code, value, "is too large");
	case NUM_SMALL:
		return weight_error(p, code, value, "is too small to tell "
		    "from 0");
	default:
		return weight_error(p, code, value, "is not a plain decimal "
		    "number");
	}
	if (w < 0)
		return weight_error(p, code, value, "is negative");
	if (w > CR_WEIGHT_MAX)
		return weight_error(p, code, value, "is more than 1e9");
	for (i = 0; i < s->n; i++) {
		if (strcmp(s->code[i], code) == 0) {
			c = cut(code);
			perr(p, "second weight for '%s' (the first is on line "
			    "%zu)", c, p->code_line[i]);
			free(c);
			return -1;
		}
	}
	if (cr_saved_add(s, code, w, &c) == -1)
		return perr_cause(p, c);
	p->code_line = xreallocarray(p->code_line, s->n,
	    sizeof(*p->code_line));
	p->code_line[s->n - 1] = p->line;
	return 0;
}

/* "CODE = METHOD" in [normalize]: a leaf's own normalisation. */
static int
leaf_norm(struct parser *p, const char *code, const char *value)
{
	struct cr_saved		*s = p->s;
	struct cr_norm_spec	 sp;
	char			*c = NULL;
	size_t			 i;
	int			 rc;

	if (*code == '\\')
		code++;
	for (i = 0; i < s->n_leaf; i++) {
		if (strcmp(s->leaf[i].code, code) == 0) {
			c = cut(code);
			perr(p, "second normalisation for '%s' (the first is "
			    "on line %zu)", c, p->leaf_line[i]);
			free(c);
			return -1;
		}
	}
	cr_norm_spec_init(&sp);
	if ((rc = parse_norm(p, value, &sp)) == 0 &&
	    (rc = cr_saved_add_leaf(s, code, &sp, &c)) == -1)
		perr_cause(p, c);
	cr_norm_spec_clear(&sp);
	if (rc == -1)
		return -1;
	p->leaf_line = xreallocarray(p->leaf_line, s->n_leaf,
	    sizeof(*p->leaf_line));
	p->leaf_line[s->n_leaf - 1] = p->line;
	return 0;
}

/* "DEPTH = METHOD" in [aggregate]: a depth's own aggregation. */
static int
level_agg(struct parser *p, const char *depth, const char *value)
{
	struct cr_saved		*s = p->s;
	struct cr_agg_spec	 sp;
	char			*c = NULL;
	size_t			 i, n = strlen(depth);
	int			 d;

	if (n == 0 || n > 4 || strspn(depth, "0123456789") != n)
		return perr_q(p, "'%s' is not a depth (0 the index, 1 the "
		    "level below it, ...)", depth);
	d = atoi(depth);
	for (i = 0; i < s->n_level; i++)
		if (s->level[i].depth == d)
			return perr(p, "second aggregation for depth %d (the "
			    "first is on line %zu)", d, p->level_line[i]);
	if (cr_agg_spec_parse(value, &sp, &c) == -1 ||
	    cr_saved_add_level(s, d, &sp, &c) == -1)
		return perr_cause(p, c);
	p->level_line = xreallocarray(p->level_line, s->n_level,
	    sizeof(*p->level_line));
	p->level_line[s->n_level - 1] = p->line;
	return 0;
}

/* Every byte of the line is one a reader can see. */
static int
check_chars(struct parser *p, const char *s, size_t len)
{
	size_t		 i;
	uint32_t	 cp;
	int		 n;

	if (len > CR_SAVED_LINE_MAX)
		return perr(p, "line is %zu bytes, more than %d", len,
		    CR_SAVED_LINE_MAX);
	if (memchr(s, '\0', len) != NULL)
		return perr(p, "NUL byte");
	if (!cr_utf8_valid(s, len))
		return perr(p, "invalid UTF-8");
	for (i = 0; i < len; i += (size_t)n) {
		n = cr_utf8_decode(s + i, len - i, &cp);
		if (cp != '\t' && hidden(cp))
			return perr(p, "raw control character U+%04X (in a "
			    "value, write \\u{%04X})", (unsigned)cp,
			    (unsigned)cp);
	}
	return 0;
}

static int
parse_line(struct parser *p, const char *raw, size_t len)
{
	char	*line, *t, *eq, *key, *value;
	int	 rc;

	if (check_chars(p, raw, len) == -1)
		return -1;
	t = line = xstrndup(raw, len);
	trim(&t);
	if (p->line == 1)
		rc = format_line(p, t);
	else if (*t == '\0' || *t == '#')
		rc = 0;
	else if (*t == '[')
		rc = section(p, t);
	else if ((eq = strchr(t, '=')) == NULL)
		rc = perr(p, "expected '%s'", p->section == S_WEIGHTS ?
		    "CODE = WEIGHT" : p->section == S_NORMALIZE ?
		    "CODE = METHOD" : p->section == S_AGGREGATE ?
		    "DEPTH = METHOD" : "KEY = VALUE");
	else {
		*eq = '\0';
		key = t;
		value = eq + 1;
		trim(&key);
		trim(&value);
		if (*key == '\0')
			rc = perr(p, "nothing before '='");
		else if (p->section == S_WEIGHTS)
			rc = weight(p, key, value);
		else if (p->section == S_NORMALIZE)
			rc = leaf_norm(p, key, value);
		else if (p->section == S_AGGREGATE)
			rc = level_agg(p, key, value);
		else
			rc = header(p, key, value);
	}
	free(line);
	return rc;
}

static int
finish(struct parser *p)
{
	if (p->line == 0) {
		p->line = 1;
		return perr(p, "not a cityrank scenario: the file is empty");
	}
	if (p->section_line[S_WEIGHTS] == 0)
		return perr(p, "no [weights] section");
	if (p->s->n == 0) {
		p->line = p->section_line[S_WEIGHTS];
		return perr(p, "no weights after [weights]");
	}
	return 0;
}

int
cr_saved_parse(const char *text, size_t len, const char *filename,
    struct cr_saved **out, char **cause)
{
	struct parser	 p;
	const char	*s, *end, *nl;
	locale_t	 old;
	size_t		 n;
	int		 rc = -1;

	memset(&p, 0, sizeof p);
	p.file = cr_sanitize(filename != NULL ? filename : "-");
	p.cause = cause;
	p.s = cr_saved_new();
	if (text == NULL)
		len = 0;
	s = text != NULL ? text : "";
	end = s + len;
	if (len >= 3 && memcmp(s, BOM, 3) == 0)
		s += 3;
	old = uselocale(c_locale());
	while (s < end) {
		p.line++;
		nl = memchr(s, '\n', (size_t)(end - s));
		n = (size_t)((nl != NULL ? nl : end) - s);
		if (n > 0 && s[n - 1] == '\r')
			n--;
		if (parse_line(&p, s, n) == -1)
			goto done;
		s = nl != NULL ? nl + 1 : end;
	}
	if (finish(&p) == -1)
		goto done;
	*out = p.s;
	p.s = NULL;
	rc = 0;
done:
	uselocale(old);
	cr_saved_free(p.s);
	free(p.code_line);
	free(p.leaf_line);
	free(p.level_line);
	free(p.file);
	return rc;
}
