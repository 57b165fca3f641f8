/*
 * UTF-8 decoding, display width and sanitising, with our own tables so
 * the result never depends on the locale or on the C library's wcwidth.
 */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "xmalloc.h"

struct range {
	uint32_t	lo, hi;
};

/*
 * Combining marks (Mn, Me), format characters and the Hangul medial and
 * final jamo: they join the character before them.  Sorted, disjoint.
 */
static const struct range zero_width[] = {
	{ 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD },
	{ 0x05BF, 0x05BF }, { 0x05C1, 0x05C2 }, { 0x05C4, 0x05C5 },
	{ 0x05C7, 0x05C7 }, { 0x0610, 0x061A }, { 0x061C, 0x061C },
	{ 0x064B, 0x065F }, { 0x0670, 0x0670 }, { 0x06D6, 0x06DC },
	{ 0x06DF, 0x06E4 }, { 0x06E7, 0x06E8 }, { 0x06EA, 0x06ED },
	{ 0x0711, 0x0711 }, { 0x0730, 0x074A }, { 0x07A6, 0x07B0 },
	{ 0x07EB, 0x07F3 }, { 0x0816, 0x0819 }, { 0x081B, 0x0823 },
	{ 0x0825, 0x0827 }, { 0x0829, 0x082D }, { 0x0859, 0x085B },
	{ 0x08D3, 0x08E1 }, { 0x08E3, 0x0902 }, { 0x093A, 0x093A },
	{ 0x093C, 0x093C }, { 0x0941, 0x0948 }, { 0x094D, 0x094D },
	{ 0x0951, 0x0957 }, { 0x0962, 0x0963 }, { 0x0981, 0x0981 },
	{ 0x09BC, 0x09BC }, { 0x09C1, 0x09C4 }, { 0x09CD, 0x09CD },
	{ 0x09E2, 0x09E3 }, { 0x0A01, 0x0A02 }, { 0x0A3C, 0x0A3C },
	{ 0x0A41, 0x0A42 }, { 0x0A47, 0x0A48 }, { 0x0A4B, 0x0A4D },
	{ 0x0A70, 0x0A71 }, { 0x0A81, 0x0A82 }, { 0x0ABC, 0x0ABC },
	{ 0x0AC1, 0x0AC5 }, { 0x0AC7, 0x0AC8 }, { 0x0ACD, 0x0ACD },
	{ 0x0B01, 0x0B01 }, { 0x0B3C, 0x0B3C }, { 0x0B3F, 0x0B3F },
	{ 0x0B41, 0x0B44 }, { 0x0B4D, 0x0B4D }, { 0x0B82, 0x0B82 },
	{ 0x0BC0, 0x0BC0 }, { 0x0BCD, 0x0BCD }, { 0x0C00, 0x0C00 },
	{ 0x0C3E, 0x0C40 }, { 0x0C46, 0x0C48 }, { 0x0C4A, 0x0C4D },
	{ 0x0C55, 0x0C56 }, { 0x0CBC, 0x0CBC }, { 0x0CCC, 0x0CCD },
	{ 0x0D00, 0x0D01 }, { 0x0D41, 0x0D44 }, { 0x0D4D, 0x0D4D },
	{ 0x0DCA, 0x0DCA }, { 0x0DD2, 0x0DD4 }, { 0x0DD6, 0x0DD6 },
	{ 0x0E31, 0x0E31 }, { 0x0E34, 0x0E3A }, { 0x0E47, 0x0E4E },
	{ 0x0EB1, 0x0EB1 }, { 0x0EB4, 0x0EBC }, { 0x0EC8, 0x0ECD },
	{ 0x0F18, 0x0F19 }, { 0x0F35, 0x0F35 }, { 0x0F37, 0x0F37 },
	{ 0x0F39, 0x0F39 }, { 0x0F71, 0x0F7E }, { 0x0F80, 0x0F84 },
	{ 0x0F86, 0x0F87 }, { 0x0F8D, 0x0FBC }, { 0x0FC6, 0x0FC6 },
	{ 0x102D, 0x1030 }, { 0x1032, 0x1037 }, { 0x1039, 0x103A },
	{ 0x103D, 0x103E }, { 0x1058, 0x1059 }, { 0x105E, 0x1060 },
	{ 0x1071, 0x1074 }, { 0x1082, 0x1082 }, { 0x1085, 0x1086 },
	{ 0x108D, 0x108D }, { 0x109D, 0x109D }, { 0x1160, 0x11FF },
	{ 0x135D, 0x135F }, { 0x1712, 0x1714 }, { 0x1732, 0x1734 },
	{ 0x1752, 0x1753 }, { 0x1772, 0x1773 }, { 0x17B4, 0x17B5 },
	{ 0x17B7, 0x17BD }, { 0x17C6, 0x17C6 }, { 0x17C9, 0x17D3 },
	{ 0x17DD, 0x17DD }, { 0x180B, 0x180F }, { 0x18A9, 0x18A9 },
	{ 0x1920, 0x1922 }, { 0x1927, 0x1928 }, { 0x1932, 0x1932 },
	{ 0x1939, 0x193B }, { 0x1A17, 0x1A18 }, { 0x1A1B, 0x1A1B },
	{ 0x1A56, 0x1A56 }, { 0x1A58, 0x1A5E }, { 0x1A60, 0x1A60 },
	{ 0x1A62, 0x1A62 }, { 0x1A65, 0x1A6C }, { 0x1A73, 0x1A7C },
	{ 0x1A7F, 0x1A7F }, { 0x1AB0, 0x1AFF }, { 0x1B00, 0x1B03 },
	{ 0x1B34, 0x1B34 }, { 0x1B36, 0x1B3A }, { 0x1B3C, 0x1B3C },
	{ 0x1B42, 0x1B42 }, { 0x1B6B, 0x1B73 }, { 0x1B80, 0x1B81 },
	{ 0x1BA2, 0x1BA5 }, { 0x1BA8, 0x1BA9 }, { 0x1BAB, 0x1BAD },
	{ 0x1BE6, 0x1BE6 }, { 0x1BE8, 0x1BE9 }, { 0x1BED, 0x1BED },
	{ 0x1BEF, 0x1BF1 }, { 0x1C2C, 0x1C33 }, { 0x1C36, 0x1C37 },
	{ 0x1CD0, 0x1CD2 }, { 0x1CD4, 0x1CE0 }, { 0x1CE2, 0x1CE8 },
	{ 0x1CED, 0x1CED }, { 0x1CF4, 0x1CF4 }, { 0x1CF8, 0x1CF9 },
	{ 0x1DC0, 0x1DFF }, { 0x200B, 0x200F }, { 0x202A, 0x202E },
	{ 0x2060, 0x2064 }, { 0x2066, 0x206F }, { 0x20D0, 0x20F0 },
	{ 0x2CEF, 0x2CF1 }, { 0x2D7F, 0x2D7F }, { 0x2DE0, 0x2DFF },
	{ 0x302A, 0x302D }, { 0x3099, 0x309A }, { 0xA66F, 0xA672 },
	{ 0xA674, 0xA67D }, { 0xA69E, 0xA69F }, { 0xA6F0, 0xA6F1 },
	{ 0xA802, 0xA802 }, { 0xA806, 0xA806 }, { 0xA80B, 0xA80B },
	{ 0xA825, 0xA826 }, { 0xA8C4, 0xA8C5 }, { 0xA8E0, 0xA8F1 },
	{ 0xA8FF, 0xA8FF }, { 0xA926, 0xA92D }, { 0xA947, 0xA951 },
	{ 0xA980, 0xA982 }, { 0xA9B3, 0xA9B3 }, { 0xA9B6, 0xA9B9 },
	{ 0xA9BC, 0xA9BD }, { 0xA9E5, 0xA9E5 }, { 0xAA29, 0xAA2E },
	{ 0xAA31, 0xAA32 }, { 0xAA35, 0xAA36 }, { 0xAA43, 0xAA43 },
	{ 0xAA4C, 0xAA4C }, { 0xAA7C, 0xAA7C }, { 0xAAB0, 0xAAB0 },
	{ 0xAAB2, 0xAAB4 }, { 0xAAB7, 0xAAB8 }, { 0xAABE, 0xAABF },
	{ 0xAAC1, 0xAAC1 }, { 0xAAEC, 0xAAED }, { 0xAAF6, 0xAAF6 },
	{ 0xABE5, 0xABE5 }, { 0xABE8, 0xABE8 }, { 0xABED, 0xABED },
	{ 0xD7B0, 0xD7FF }, { 0xFB1E, 0xFB1E }, { 0xFE00, 0xFE0F },
	{ 0xFE20, 0xFE2F }, { 0xFEFF, 0xFEFF }, { 0xFFF9, 0xFFFB },
	{ 0x101FD, 0x101FD }, { 0x102E0, 0x102E0 }, { 0x10376, 0x1037A },
	{ 0x10A01, 0x10A03 }, { 0x10A05, 0x10A06 }, { 0x10A0C, 0x10A0F },
	{ 0x10A38, 0x10A3A }, { 0x10A3F, 0x10A3F }, { 0x11001, 0x11001 },
	{ 0x11038, 0x11046 }, { 0x1107F, 0x11081 }, { 0x110B3, 0x110B6 },
	{ 0x110B9, 0x110BA }, { 0x11100, 0x11102 }, { 0x11127, 0x1112B },
	{ 0x1112D, 0x11134 }, { 0x1D167, 0x1D169 }, { 0x1D173, 0x1D182 },
	{ 0x1D185, 0x1D18B }, { 0x1D1AA, 0x1D1AD }, { 0x1D242, 0x1D244 },
	{ 0x1E8D0, 0x1E8D6 }, { 0x1E944, 0x1E94A }, { 0xE0001, 0xE0001 },
	{ 0xE0020, 0xE007F }, { 0xE0100, 0xE01EF },
};

/*
 * East Asian Wide and Fullwidth, and the emoji terminals draw two
 * columns wide.  Sorted, disjoint; zero_width is consulted first.
 */
static const struct range wide[] = {
	{ 0x1100, 0x115F }, { 0x231A, 0x231B }, { 0x2329, 0x232A },
	{ 0x23E9, 0x23EC }, { 0x23F0, 0x23F0 }, { 0x23F3, 0x23F3 },
	{ 0x25FD, 0x25FE }, { 0x2614, 0x2615 }, { 0x2648, 0x2653 },
	{ 0x267F, 0x267F }, { 0x2693, 0x2693 }, { 0x26A1, 0x26A1 },
	{ 0x26AA, 0x26AB }, { 0x26BD, 0x26BE }, { 0x26C4, 0x26C5 },
	{ 0x26CE, 0x26CE }, { 0x26D4, 0x26D4 }, { 0x26EA, 0x26EA },
	{ 0x26F2, 0x26F3 }, { 0x26F5, 0x26F5 }, { 0x26FA, 0x26FA },
	{ 0x26FD, 0x26FD }, { 0x2705, 0x2705 }, { 0x270A, 0x270B },
	{ 0x2728, 0x2728 }, { 0x274C, 0x274C }, { 0x274E, 0x274E },
	{ 0x2753, 0x2755 }, { 0x2757, 0x2757 }, { 0x2795, 0x2797 },
	{ 0x27B0, 0x27B0 }, { 0x27BF, 0x27BF }, { 0x2B1B, 0x2B1C },
	{ 0x2B50, 0x2B50 }, { 0x2B55, 0x2B55 }, { 0x2E80, 0x303E },
	{ 0x3041, 0x33FF }, { 0x3400, 0x4DBF }, { 0x4E00, 0x9FFF },
	{ 0xA000, 0xA4CF }, { 0xA960, 0xA97F }, { 0xAC00, 0xD7A3 },
	{ 0xF900, 0xFAFF }, { 0xFE10, 0xFE19 }, { 0xFE30, 0xFE6F },
	{ 0xFF00, 0xFF60 }, { 0xFFE0, 0xFFE6 }, { 0x16FE0, 0x16FE4 },
	{ 0x17000, 0x18AFF }, { 0x1B000, 0x1B2FF }, { 0x1F004, 0x1F004 },
	{ 0x1F0CF, 0x1F0CF }, { 0x1F18E, 0x1F18E }, { 0x1F191, 0x1F19A },
	{ 0x1F200, 0x1F202 }, { 0x1F210, 0x1F23B }, { 0x1F240, 0x1F248 },
	{ 0x1F250, 0x1F251 }, { 0x1F260, 0x1F265 }, { 0x1F300, 0x1F64F },
	{ 0x1F680, 0x1F6C5 }, { 0x1F6CC, 0x1F6CC }, { 0x1F6D0, 0x1F6D2 },
	{ 0x1F6D5, 0x1F6D7 }, { 0x1F6EB, 0x1F6EC }, { 0x1F6F4, 0x1F6FC },
	{ 0x1F7E0, 0x1F7EB }, { 0x1F900, 0x1F9FF }, { 0x1FA70, 0x1FAFF },
	{ 0x20000, 0x2FFFD }, { 0x30000, 0x3FFFD },
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* Longest visible form of one input character: "<U+202E>". */
#define VIS_MAX		8

static int
in_table(uint32_t cp, const struct range *t, size_t n)
{
	size_t	lo = 0, hi = n, mid;

	if (cp < t[0].lo || cp > t[n - 1].hi)
		return 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cp > t[mid].hi)
			lo = mid + 1;
		else if (cp < t[mid].lo)
			hi = mid;
		else
			return 1;
	}
	return 0;
}

static int
is_cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

int
cr_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char	*u = (const unsigned char *)s;
	unsigned char		 lo = 0x80, hi = 0xBF;
	uint32_t		 c;
	size_t			 n, i;

	if (len == 0)
		return -1;
	if (u[0] < 0x80) {
		c = u[0];
		n = 1;
	} else if (u[0] >= 0xC2 && u[0] <= 0xDF) {
		c = u[0] & 0x1F;
		n = 2;
	} else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		/* The second byte's range excludes overlongs and surrogates. */
		if (u[0] == 0xE0)
			lo = 0xA0;
		else if (u[0] == 0xED)
			hi = 0x9F;
		c = u[0] & 0x0F;
		n = 3;
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		/* ... and here overlongs and anything past U+10FFFF. */
		if (u[0] == 0xF0)
			lo = 0x90;
		else if (u[0] == 0xF4)
			hi = 0x8F;
		c = u[0] & 0x07;
		n = 4;
	} else
		return -1;
	if (len < n)
		return -1;
	if (n > 1 && (u[1] < lo || u[1] > hi))
		return -1;
	for (i = 1; i < n; i++) {
		if (!is_cont(u[i]))
			return -1;
		c = c << 6 | (u[i] & 0x3F);
	}
	if (cp != NULL)
		*cp = c;
	return (int)n;
}

int
cr_utf8_valid(const char *s, size_t len)
{
	size_t	i = 0;
	int	n;

	while (i < len) {
		if ((n = cr_utf8_decode(s + i, len - i, NULL)) < 0)
			return 0;
		i += n;
	}
	return 1;
}

int
cr_cp_width(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return -1;
	if (cp < 0x300)
		return 1;
	if (in_table(cp, zero_width, NELEM(zero_width)))
		return 0;
	if (in_table(cp, wide, NELEM(wide)))
		return 2;
	return 1;
}

int
cr_cp_hidden(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C ||
	    cp == 0x200E || cp == 0x200F || cp == 0x2028 || cp == 0x2029 ||
	    (cp >= 0x202A && cp <= 0x202E) ||
	    (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

/*
 * Write the visible form of the character at s to out (at most VIS_MAX
 * bytes, no NUL): its own bytes, or an escape when it could command the
 * terminal or is not valid UTF-8.  Returns the bytes written; *used gets
 * the input bytes consumed and *cols the columns of the form.
 */
static size_t
visible(const char *s, size_t len, int flags, char *out, size_t *used,
    int *cols)
{
	static const char	 lower[] = "0123456789abcdef";
	static const char	 upper[] = "0123456789ABCDEF";
	unsigned char		 b = (unsigned char)s[0];
	uint32_t		 cp;
	int			 n, i;

	if ((n = cr_utf8_decode(s, len, &cp)) < 0) {
		out[0] = '\\';
		out[1] = 'x';
		out[2] = lower[b >> 4];
		out[3] = lower[b & 0xF];
		*used = 1;
		*cols = 4;
		return 4;
	}
	*used = (size_t)n;
	if (cp == '\n' && (flags & CR_KEEP_NL)) {
		out[0] = '\n';
		*cols = 0;
		return 1;
	}
	if (cp < 0x20 || cp == 0x7F) {
		out[0] = '^';
		out[1] = (char)(cp ^ 0x40);
		*cols = 2;
		return 2;
	}
	/* Every hidden code point is at most U+FFFF: four digits. */
	if (cr_cp_hidden(cp)) {
		memcpy(out, "<U+", 3);
		for (i = 0; i < 4; i++)
			out[3 + i] = upper[(cp >> (12 - 4 * i)) & 0xF];
		out[7] = '>';
		*cols = 8;
		return 8;
	}
	memcpy(out, s, (size_t)n);
	*cols = cr_cp_width(cp);
	return (size_t)n;
}

int
cr_utf8_width(const char *s)
{
	size_t	len = strlen(s), i, used, w = 0;
	char	vis[VIS_MAX];
	int	cols;

	for (i = 0; i < len; i += used) {
		visible(s + i, len - i, 0, vis, &used, &cols);
		w += (size_t)cols;
		if (w > INT_MAX)
			return INT_MAX;
	}
	return (int)w;
}

size_t
cr_utf8_prefix(const char *s, int cols)
{
	size_t	len = strlen(s), i, used;
	char	vis[VIS_MAX];
	int	w = 0, c;

	for (i = 0; i < len; i += used) {
		visible(s + i, len - i, 0, vis, &used, &c);
		/* One character at least, however wide: the caller moves on. */
		if (i > 0 && w + c > cols)
			break;
		w += c;
	}
	return (i);
}

size_t
cr_utf8_wrap(const char *s, int cols)
{
	size_t	n = cr_utf8_prefix(s, cols), k;

	if (s[n] == '\0' || s[n] == ' ')
		return (n);
	for (k = n; k > 0 && s[k] != ' '; k--)
		;
	return (k > 0 ? k : n);
}

char *
cr_sanitize_len(const char *s, size_t len, int flags)
{
	size_t	 i, used, n = 0;
	char	*r;
	int	 cols;

	/* No visible form is more than four times the bytes it replaces. */
	r = xreallocarray(NULL, len + 1, 4);
	for (i = 0; i < len; i += used)
		n += visible(s + i, len - i, flags, r + n, &used, &cols);
	r[n] = '\0';
	return xreallocarray(r, n + 1, 1);
}

char *
cr_sanitize(const char *s)
{
	return cr_sanitize_len(s, strlen(s), 0);
}

size_t
cr_unsafe_at(const char *s, size_t len, int flags)
{
	size_t	i, used, n;
	char	vis[VIS_MAX];
	int	cols;

	for (i = 0; i < len; i += used) {
		n = visible(s + i, len - i, flags, vis, &used, &cols);
		if (n != used || memcmp(vis, s + i, n) != 0)
			return i;
	}
	return len;
}

/* Bytes of t that fit in cols columns, with their width in *w. */
static size_t
prefix_fitting(const char *t, size_t len, int cols, int *w)
{
	size_t		i, keep = 0;
	uint32_t	cp;
	int		n, cw;

	*w = 0;
	for (i = 0; i < len; i += (size_t)n) {
		/* t is sanitised: valid, and without controls. */
		if ((n = cr_utf8_decode(t + i, len - i, &cp)) < 0)
			break;
		if ((cw = cr_cp_width(cp)) < 0 || *w + cw > cols)
			break;
		*w += cw;
		keep = i + (size_t)n;
	}
	return keep;
}

char *
cr_fit(const char *s, int cols, int right, int ascii)
{
	const char	*mark = "";
	char		*t, *r, *p;
	size_t		 len, keep, marklen, pad;
	int		 w;

	if (cols <= 0)
		return xstrdup("");
	t = cr_sanitize(s);
	len = strlen(t);
	if (cr_utf8_width(t) <= cols)
		keep = prefix_fitting(t, len, cols, &w);
	else {
		/*
		 * Keep room for the one-column mark; a wide character that
		 * would straddle the edge leaves a column for padding.
		 */
		mark = ascii ? "~" : "\xe2\x80\xa6";
		keep = prefix_fitting(t, len, cols - 1, &w);
		w++;
	}
	marklen = strlen(mark);
	pad = (size_t)(cols - w);
	p = r = xmalloc(keep + marklen + pad + 1);
	if (right) {
		memset(p, ' ', pad);
		p += pad;
	}
	memcpy(p, t, keep);
	p += keep;
	memcpy(p, mark, marklen);
	p += marklen;
	if (!right) {
		memset(p, ' ', pad);
		p += pad;
	}
	*p = '\0';
	free(t);
	return r;
}

static int
lower_ascii(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

int
cr_strcasecmp_ascii(const char *a, const char *b)
{
	const unsigned char	*u = (const unsigned char *)a;
	const unsigned char	*v = (const unsigned char *)b;

	while (*u != '\0' && lower_ascii(*u) == lower_ascii(*v)) {
		u++;
		v++;
	}
	return lower_ascii(*u) - lower_ascii(*v);
}

char *
cr_trim(char *s)
{
	const char	*b = s, *e = s + strlen(s);

	cr_trim_span(&b, &e);
	s[e - s] = '\0';
	return (s + (b - s));
}

void
cr_trim_span(const char **s, const char **end)
{
	while (*s < *end && isspace((unsigned char)**s))
		(*s)++;
	while (*end > *s && isspace((unsigned char)(*end)[-1]))
		(*end)--;
}
