/*
 * Part files of a split uncertainty analysis (mcpart.h): written as
 * text, read back against the run that merges them, merged.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "cause.h"
#include "mc_priv.h"
#include "mcpart.h"
#include "num.h"
#include "xmalloc.h"

#define MAGIC	"cityrank robust part 1"

struct buf {
	char	*s;
	size_t	 len, cap;
};

static void
buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		while (b->len + n + 1 > b->cap)
			b->cap = b->cap != 0 ? b->cap * 2 : 4096;
		b->s = xreallocarray(b->s, b->cap, 1);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void __attribute__((format(printf, 2, 3)))
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	char	 small[64], *s;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < sizeof small) {
		buf_add(b, small, (size_t)n);
		return;
	}
	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	buf_add(b, s, strlen(s));
	free(s);
}

void
cr_mc_part_range(size_t samples, int i, int k, size_t *from, size_t *to)
{
	*from = (size_t)((unsigned long long)samples * (unsigned)(i - 1) /
	    (unsigned)k);
	*to = (size_t)((unsigned long long)samples * (unsigned)i /
	    (unsigned)k);
}

int
cr_mc_part_check(size_t samples, int i, int k, char **cause)
{
	if (k < 1 || k > CR_MC_PARTS_MAX || (size_t)k > samples)
		return cr_cause(cause, "the parts must be 1 to %zu (the "
		    "samples, at most %d)", samples < CR_MC_PARTS_MAX ?
		    samples : (size_t)CR_MC_PARTS_MAX, CR_MC_PARTS_MAX);
	if (i < 1 || i > k)
		return cr_cause(cause, "part %d of %d: a part is 1 to %d", i, k,
		    k);
	return 0;
}

static void
put_set(struct buf *b, const char *key, unsigned set, int count,
    const char *(*name)(int))
{
	int	i, first = 1;

	buf_printf(b, "%s ", key);
	for (i = 0; i < count; i++)
		if (set & (1u << i)) {
			buf_printf(b, "%s%s", first ? "" : ",", name(i));
			first = 0;
		}
	buf_printf(b, "%s\n", first ? "-" : "");
}

static const char *
norm_name(int i)
{
	return cr_norm_name((enum cr_norm)i);
}

static const char *
agg_name(int i)
{
	return cr_agg_name((enum cr_agg)i);
}

/*
 * The methods' parameters and a leaf's own method: only when there are,
 * so that a part of a plain scenario reads as it always did.
 */
static void
put_methods(struct buf *b, const struct cr_mc *mc)
{
	const struct cr_scenario	*sc = mc->base;
	const struct cr_model		*m = mc->m;
	struct cr_norm_spec		 n;
	struct cr_agg_spec		 a;
	char				*t;
	size_t				 l;

	cr_scenario_norm(sc, &n);
	cr_scenario_agg(sc, &a);
	if (!cr_norm_spec_v1(&n) || !cr_agg_spec_v1(&a)) {
		t = cr_norm_spec_format(&n);
		buf_printf(b, "normalize %s\n", t);
		free(t);
		t = cr_agg_spec_format(&a);
		buf_printf(b, "aggregate %s\n", t);
		free(t);
	}
	for (l = 0; sc->leaf_norm != NULL && l < sc->n_leaf_norm; l++) {
		if (sc->leaf_norm[l].method == CR_NORM_COUNT)
			continue;
		t = cr_norm_spec_format(&sc->leaf_norm[l]);
		buf_printf(b, "normalize-leaf %s %s\n",
		    m->nodes[m->leaf_node[l]].code, t);
		free(t);
	}
}

/* Everything the samples depend on, one fact a line. */
static void
put_header(struct buf *b, const struct cr_mc *mc, const char *hash)
{
	const struct cr_mc_spec	*sp = &mc->spec;
	const struct cr_model	*m = mc->m;
	size_t			 i;

	buf_printf(b, "%s\n", MAGIC);
	buf_printf(b, "dataset %s\n", hash);
	buf_printf(b, "node %s\n", m->nodes[sp->node].code);
	buf_printf(b, "weights %s\n", sp->weights ? "vary" : "fixed");
	buf_printf(b, "level %d\n", sp->level);
	if (sp->dist == CR_MC_DIRICHLET)
		buf_printf(b, "dirichlet %.17g\n", sp->conc);
	else
		buf_printf(b, "noise %.17g\n", sp->noise);
	put_set(b, "norms", sp->norms, CR_NORM_COUNT, norm_name);
	put_set(b, "aggs", sp->aggs, CR_AGG_COUNT, agg_name);
	buf_printf(b, "top %d\n", sp->top);
	buf_printf(b, "seed %llu\n", (unsigned long long)sp->seed);
	buf_printf(b, "samples %zu\n", sp->samples);
	buf_printf(b, "scenario %s %.17g %.17g %s\n",
	    cr_norm_name(mc->base->norm), mc->base->norm_lo,
	    mc->base->norm_hi, cr_agg_name(mc->base->agg));
	put_methods(b, mc);
	for (i = 0; i < m->n_nodes; i++)
		buf_printf(b, "weight %s %.17g\n", m->nodes[i].code,
		    mc->base->weight[i]);
	buf_printf(b, "entities %zu\n", mc->ne);
}

char *
cr_mc_part_format(const struct cr_mc *mc, const char *hash, int i, int k,
    const struct cr_mc_result *res)
{
	struct buf	 b;
	size_t		 s, e, body, n = res->to - res->from;
	double		 v;

	memset(&b, 0, sizeof(b));
	put_header(&b, mc, hash);
	body = b.len;
	buf_printf(&b, "part %d/%d %zu %zu\n", i, k, res->from, res->to);
	for (s = 0; s < n; s++) {
		buf_printf(&b, "%zu", res->from + s);
		for (e = 0; e < mc->ne; e++) {
			v = res->score[s * mc->ne + e];
			if (isnan(v))
				buf_add(&b, " -", 2);
			else
				buf_printf(&b, " %.17g", v);
		}
		buf_add(&b, "\n", 1);
	}
	buf_printf(&b, "end %zu %016llx\n", n, (unsigned long long)
	    XXH3_64bits(b.s + body, b.len - body));
	return b.s;
}

void
cr_mc_part_free(struct cr_mc_part *p)
{
	cr_mc_result_free(&p->res);
	p->i = p->k = 0;
}

/* A reader of lines, and where it is for messages. */
struct rd {
	const char	*p, *end, *file;
	size_t		 line;
	char		**cause;
};

/* The next line (without its newline) or NULL at the end. */
static const char *
next_line(struct rd *r, size_t *len)
{
	const char	*s = r->p, *nl;

	if (s >= r->end)
		return NULL;
	nl = memchr(s, '\n', (size_t)(r->end - s));
	*len = (size_t)((nl != NULL ? nl : r->end) - s);
	r->p = nl != NULL ? nl + 1 : r->end;
	r->line++;
	return s;
}

static int __attribute__((format(printf, 2, 3)))
rd_err(struct rd *r, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	cr_cause(r->cause, "%s:%zu: %s", r->file, r->line > 0 ? r->line : 1,
	    msg);
	free(msg);
	return -1;
}

/* Up to 40 bytes of a line, printable ASCII, for a message. */
static char *
shown(const char *s, size_t len)
{
	char	*t = xmalloc(48), *q = t;
	size_t	 i;

	for (i = 0; i < len && i < 40; i++)
		*q++ = s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?';
	if (len > 40) {
		memcpy(q, "...", 3);
		q += 3;
	}
	*q = '\0';
	return t;
}

/* The header must be this run's, line for line. */
static int
check_header(struct rd *r, const char *want)
{
	const char	*w = want, *wn, *got;
	size_t		 len, wl;
	char		*a, *b;
	int		 rc;

	for (; *w != '\0'; w = wn + 1) {
		wn = strchr(w, '\n');
		wl = (size_t)(wn - w);
		if ((got = next_line(r, &len)) == NULL)
			return rd_err(r, "the file ends in its header");
		if (len == wl && memcmp(got, w, wl) == 0)
			continue;
		if (r->line == 1)
			return rd_err(r, "not a cityrank robust part file");
		a = shown(got, len);
		b = shown(w, wl);
		rc = rd_err(r, "this part has '%s' where this run has '%s': "
		    "merge parts with the data set and options of the run "
		    "that made them", a, b);
		free(a);
		free(b);
		return rc;
	}
	return 0;
}

/* A whole decimal of the line at *s, then a space or the end. */
static int
take_size(const char **s, const char *end, size_t *out)
{
	const char	*p = *s;
	size_t		 v = 0;

	if (p >= end || *p < '0' || *p > '9' || (*p == '0' && p + 1 < end &&
	    p[1] >= '0' && p[1] <= '9'))
		return -1;
	for (; p < end && *p >= '0' && *p <= '9'; p++) {
		if (v > (SIZE_MAX - 9) / 10)
			return -1;
		v = v * 10 + (size_t)(*p - '0');
	}
	*s = p;
	*out = v;
	return 0;
}

static int
part_line(struct rd *r, const struct cr_mc *mc, struct cr_mc_part *out)
{
	const char	*s, *end;
	size_t		 len, i, k, from, to, want_from, want_to;

	if ((s = next_line(r, &len)) == NULL)
		return rd_err(r, "the file ends before its part line");
	end = s + len;
	if (len < 5 || memcmp(s, "part ", 5) != 0)
		return rd_err(r, "expected 'part I/K FROM TO'");
	s += 5;
	if (take_size(&s, end, &i) == -1 || s >= end || *s++ != '/' ||
	    take_size(&s, end, &k) == -1 || s >= end || *s++ != ' ' ||
	    take_size(&s, end, &from) == -1 || s >= end || *s++ != ' ' ||
	    take_size(&s, end, &to) == -1 || s != end)
		return rd_err(r, "expected 'part I/K FROM TO'");
	if (i > INT32_MAX || k > INT32_MAX ||
	    cr_mc_part_check(mc->spec.samples, (int)i, (int)k, NULL) == -1)
		return rd_err(r, "part %zu of %zu is not a part of %zu samples",
		    i, k, mc->spec.samples);
	cr_mc_part_range(mc->spec.samples, (int)i, (int)k, &want_from,
	    &want_to);
	if (from != want_from || to != want_to)
		return rd_err(r, "part %zu of %zu covers samples %zu to %zu, "
		    "not %zu to %zu", i, k, want_from, want_to, from, to);
	out->i = (int)i;
	out->k = (int)k;
	out->res.n_entities = mc->ne;
	out->res.from = from;
	out->res.to = to;
	out->res.score = xreallocarray(NULL, (to - from) * mc->ne + 1,
	    sizeof(double));
	out->res.rank = xreallocarray(NULL, (to - from) * mc->ne + 1,
	    sizeof(int));
	return 0;
}

/* One score: a number or "-", up to the next space or the end. */
static int
take_score(struct rd *r, const char **s, const char *end, double *v)
{
	const char	*p = *s, *q;
	char		 tok[64], *why = NULL;
	int		 rc;

	for (q = p; q < end && *q != ' '; q++)
		;
	if (q - p == 1 && *p == '-') {
		*v = NAN;
		*s = q;
		return 0;
	}
	if (q == p || (size_t)(q - p) >= sizeof tok)
		return rd_err(r, "a score is not a number");
	memcpy(tok, p, (size_t)(q - p));
	tok[q - p] = '\0';
	if (cr_num_parse(tok, v, &why) == -1) {
		rc = rd_err(r, "score '%s' %s", tok, why);
		free(why);
		return rc;
	}
	*s = q;
	return 0;
}

static int
sample_line(struct rd *r, const struct cr_mc *mc, struct cr_mc_part *out,
    size_t s)
{
	const char	*p, *end;
	double		*row = out->res.score + (s - out->res.from) * mc->ne;
	size_t		 len, idx, e;

	if ((p = next_line(r, &len)) == NULL)
		return rd_err(r, "the file ends after %zu of its %zu samples",
		    s - out->res.from, out->res.to - out->res.from);
	end = p + len;
	if (take_size(&p, end, &idx) == -1 || idx != s)
		return rd_err(r, "expected sample %zu", s);
	for (e = 0; e < mc->ne; e++) {
		if (p >= end || *p++ != ' ')
			return rd_err(r, "sample %zu has %zu scores, not %zu",
			    s, e, mc->ne);
		if (take_score(r, &p, end, &row[e]) == -1)
			return -1;
	}
	if (p != end)
		return rd_err(r, "sample %zu has more than %zu scores", s,
		    mc->ne);
	return 0;
}

static int
end_line(struct rd *r, const char *body, const char *body_end, size_t n)
{
	const char	*s;
	char		 want[64];
	size_t		 len;

	if ((s = next_line(r, &len)) == NULL)
		return rd_err(r, "the file ends before its 'end' line");
	snprintf(want, sizeof want, "end %zu %016llx", n,
	    (unsigned long long)XXH3_64bits(body, (size_t)(body_end - body)));
	if (len != strlen(want) || memcmp(s, want, len) != 0)
		return rd_err(r, "the 'end' line does not match the samples "
		    "(the file was cut short or changed)");
	if (r->p != r->end)
		return rd_err(r, "text after the 'end' line");
	return 0;
}

int
cr_mc_part_parse(const struct cr_mc *mc, const char *hash, const char *buf,
    size_t len, const char *file, struct cr_mc_part *out, char **cause)
{
	struct rd	 r;
	struct buf	 want;
	const char	*body;
	size_t		 s;
	int		 rc;

	memset(out, 0, sizeof(*out));
	memset(&r, 0, sizeof(r));
	r.p = buf;
	r.end = buf + len;
	r.file = file;
	r.cause = cause;
	if (len > 0 && (memchr(buf, '\0', len) != NULL ||
	    memchr(buf, '\r', len) != NULL))
		return rd_err(&r, "not a part file: it holds a NUL or a "
		    "carriage return");
	memset(&want, 0, sizeof(want));
	put_header(&want, mc, hash);
	rc = check_header(&r, want.s);
	free(want.s);
	body = r.p;
	if (rc == 0)
		rc = part_line(&r, mc, out);
	for (s = out->res.from; rc == 0 && s < out->res.to; s++)
		rc = sample_line(&r, mc, out, s);
	if (rc == 0)
		rc = end_line(&r, body, r.p, out->res.to - out->res.from);
	if (rc == -1) {
		cr_mc_part_free(out);
		return -1;
	}
	for (s = 0; s < out->res.to - out->res.from; s++)
		cr_rank(out->res.score + s * mc->ne, mc->ne, 1,
		    out->res.rank + s * mc->ne, 1);
	return 0;
}

/* Each of parts 1 to k once: seen[i] is 1 + the index of part i. */
static int
check_cover(const struct cr_mc_part *parts, size_t n,
    const char *const *files, size_t *seen, char **cause)
{
	size_t	 j;
	int	 k = parts[0].k, i;

	for (j = 0; j < n; j++) {
		if (parts[j].k != k)
			return cr_cause(cause, "%s is part %d of %d, %s of %d "
			    "parts: they are not of one split", files[j],
			    parts[j].i, parts[j].k, files[0], k);
		if (seen[parts[j].i] != 0)
			return cr_cause(cause, "%s and %s are both part %d of "
			    "%d", files[seen[parts[j].i] - 1], files[j],
			    parts[j].i, k);
		seen[parts[j].i] = j + 1;
	}
	for (i = 1; i <= k; i++)
		if (seen[i] == 0)
			return cr_cause(cause, "part %d of %d is missing", i,
			    k);
	return 0;
}

int
cr_mc_part_merge(const struct cr_mc *mc, const struct cr_mc_part *parts,
    size_t n, const char *const *files, struct cr_mc_result *out,
    char **cause)
{
	const struct cr_mc_result	*r;
	size_t				*seen, ne = mc->ne, off;
	int				 i;

	cr_mc_result_init(out);
	if (n == 0)
		return cr_cause(cause, "no part files to merge");
	seen = xcalloc((size_t)parts[0].k + 1, sizeof(*seen));
	if (check_cover(parts, n, files, seen, cause) == -1) {
		free(seen);
		return -1;
	}
	out->n_entities = ne;
	out->from = 0;
	out->to = mc->spec.samples;
	out->score = xreallocarray(NULL, out->to * ne + 1, sizeof(double));
	out->rank = xreallocarray(NULL, out->to * ne + 1, sizeof(int));
	for (i = 1; i <= parts[0].k; i++) {
		r = &parts[seen[i] - 1].res;
		off = r->from * ne;
		memcpy(out->score + off, r->score,
		    (r->to - r->from) * ne * sizeof(double));
		memcpy(out->rank + off, r->rank,
		    (r->to - r->from) * ne * sizeof(int));
	}
	free(seen);
	return 0;
}
