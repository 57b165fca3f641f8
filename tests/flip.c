/*
 * Load a copy of a data set with one byte changed and say how its load
 * differs from the clean one.  Numbers are compared bit for bit (a NaN
 * equals a NaN): a damaged file that loads must give exactly the clean
 * file's results, or it is wrong.
 */
#include "config.h"

#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "flip.h"
#include "score.h"
#include "xmalloc.h"

struct flip_ref {
	struct cr_dataset	*ds;
	double			*score;	/* preset, entity, node */
	int			 score_ok;
};

/* Every preset's score of every entity at every node. */
static double *
score_all(struct cr_dataset *ds, int *ok)
{
	struct cr_model		*m = ds->model;
	struct cr_scores	*sc;
	double			*out;
	char			*why = NULL;
	size_t			 p, e, n, k = 0;

	out = xreallocarray(NULL, ds->n_presets * m->n_entities * m->n_nodes +
	    1, sizeof *out);
	*ok = 1;
	sc = cr_scores_new(m);
	for (p = 0; p < ds->n_presets; p++) {
		if (cr_score(m, ds->presets[p].scenario, sc, &why) != 0) {
			free(why);
			why = NULL;
			*ok = 0;
			break;
		}
		for (e = 0; e < m->n_entities; e++)
			for (n = 0; n < m->n_nodes; n++)
				out[k++] = cr_scores_score(sc, (int)e, (int)n);
	}
	cr_scores_free(sc);
	return (out);
}

struct flip_ref *
flip_ref_new(struct cr_dataset *ds)
{
	struct flip_ref	*r = xcalloc(1, sizeof *r);

	r->ds = ds;
	r->score = score_all(ds, &r->score_ok);
	return (r);
}

void
flip_ref_free(struct flip_ref *r)
{
	if (r == NULL)
		return;
	cr_dataset_free(r->ds);
	free(r->score);
	free(r);
}

static int
same_double(double a, double b)
{
	if (isnan(a) || isnan(b))
		return (isnan(a) && isnan(b));
	return (memcmp(&a, &b, sizeof a) == 0);
}

static int
same_str(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a == b);
	return (strcmp(a, b) == 0);
}

static int
cmp_values(const struct cr_dataset *a, const struct cr_dataset *b)
{
	const struct cr_model	*ma = a->model, *mb = b->model;
	size_t			 e, l, i;
	int			 d = 0;

	for (e = 0; e < ma->n_entities; e++) {
		for (l = 0; l < ma->n_leaves; l++) {
			i = e * ma->n_leaves + l;
			if (!same_double(ma->raw[i], mb->raw[i]))
				d |= FLIP_VALUES;
			if (cr_model_prov_at(ma, i) != cr_model_prov_at(mb, i))
				d |= FLIP_PROV;
			if (!isnan(ma->raw[i]) && !same_str(
			    cr_dataset_value_source(a, (int)e, (int)l),
			    cr_dataset_value_source(b, (int)e, (int)l)))
				d |= FLIP_SOURCE;
		}
	}
	return (d);
}

static int
cmp_presets(const struct cr_dataset *a, const struct cr_dataset *b)
{
	const struct cr_scenario	*sa, *sb;
	size_t				 p, n;

	if (a->n_presets != b->n_presets)
		return (FLIP_PRESET);
	for (p = 0; p < a->n_presets; p++) {
		sa = a->presets[p].scenario;
		sb = b->presets[p].scenario;
		if (!same_str(a->presets[p].code, b->presets[p].code) ||
		    sa->norm != sb->norm || sa->agg != sb->agg ||
		    !same_double(sa->norm_lo, sb->norm_lo) ||
		    !same_double(sa->norm_hi, sb->norm_hi))
			return (FLIP_PRESET);
		for (n = 0; n < a->model->n_nodes; n++)
			if (!same_double(sa->weight[n], sb->weight[n]))
				return (FLIP_PRESET);
	}
	return (0);
}

static int
cmp_model(const struct cr_model *a, const struct cr_model *b)
{
	size_t	 i;
	int	 d = 0;

	for (i = 0; i < a->n_nodes; i++) {
		if (a->nodes[i].parent != b->nodes[i].parent ||
		    a->nodes[i].direction != b->nodes[i].direction ||
		    !same_double(a->nodes[i].weight, b->nodes[i].weight))
			d |= FLIP_SCORE;
		if (!same_str(a->nodes[i].code, b->nodes[i].code) ||
		    !same_str(a->nodes[i].name_zh, b->nodes[i].name_zh) ||
		    !same_str(a->nodes[i].name_en, b->nodes[i].name_en) ||
		    !same_str(a->nodes[i].unit, b->nodes[i].unit))
			d |= FLIP_NAMES;
	}
	for (i = 0; i < a->n_entities; i++)
		if (!same_str(a->entities[i].code, b->entities[i].code) ||
		    !same_str(a->entities[i].name_zh, b->entities[i].name_zh) ||
		    !same_str(a->entities[i].name_en, b->entities[i].name_en))
			d |= FLIP_NAMES;
	return (d);
}

static int
cmp_ctx(const struct cr_model *a, const struct cr_model *b)
{
	const struct cr_ctxvar	*ca, *cb;
	size_t			 v, e;

	if (a->n_ctx != b->n_ctx)
		return (FLIP_OTHER);
	for (v = 0; v < a->n_ctx; v++) {
		ca = &a->ctx[v];
		cb = &b->ctx[v];
		if (!same_str(ca->code, cb->code) || ca->kind != cb->kind)
			return (FLIP_OTHER);
		for (e = 0; e < a->n_entities; e++) {
			if (ca->prov[e] != cb->prov[e] ||
			    !same_str(cr_model_ctx_source(a, (int)v, (int)e),
			    cr_model_ctx_source(b, (int)v, (int)e)))
				return (FLIP_OTHER);
			if (ca->kind == CR_CTX_NUM ?
			    !same_double(ca->num[e], cb->num[e]) :
			    !same_str(ca->text[e], cb->text[e]))
				return (FLIP_OTHER);
		}
	}
	return (0);
}

static int
cmp_other(const struct cr_dataset *a, const struct cr_dataset *b)
{
	size_t	 i;

	if (!same_str(a->title_zh, b->title_zh) ||
	    !same_str(a->title_en, b->title_en) ||
	    !same_str(a->source, b->source) || !same_str(a->year, b->year) ||
	    !same_str(a->model->name, b->model->name) ||
	    a->n_published != b->n_published || a->n_periods != b->n_periods)
		return (FLIP_OTHER);
	for (i = 0; i < a->n_published; i++)
		if (a->published[i].entity != b->published[i].entity ||
		    a->published[i].node != b->published[i].node ||
		    a->published[i].kind != b->published[i].kind ||
		    a->published[i].prov != b->published[i].prov ||
		    !same_double(a->published[i].value,
		    b->published[i].value) ||
		    !same_str(cr_dataset_source(a, a->published[i].source),
		    cr_dataset_source(b, b->published[i].source)))
			return (FLIP_OTHER);
	return (cmp_ctx(a->model, b->model));
}

static int
cmp_scores(const struct flip_ref *r, struct cr_dataset *ds)
{
	double	*s;
	size_t	 i, n;
	int	 ok, d = 0;

	s = score_all(ds, &ok);
	if (ok != r->score_ok)
		d = FLIP_SCORE;
	n = ds->n_presets * ds->model->n_entities * ds->model->n_nodes;
	for (i = 0; ok && d == 0 && i < n; i++)
		if (!same_double(r->score[i], s[i]))
			d = FLIP_SCORE;
	free(s);
	return (d);
}

int
flip_compare(const struct flip_ref *r, struct cr_dataset *ds)
{
	const struct cr_dataset	*a = r->ds;
	int			 d;

	if (a->model->n_nodes != ds->model->n_nodes ||
	    a->model->n_leaves != ds->model->n_leaves ||
	    a->model->n_entities != ds->model->n_entities)
		return (FLIP_SHAPE);
	d = cmp_values(a, ds) | cmp_model(a->model, ds->model) |
	    cmp_other(a, ds);
	if ((d = d | cmp_presets(a, ds)) & FLIP_PRESET)
		return (d | FLIP_SCORE);
	return (d | cmp_scores(r, ds));
}

static int
write_all(int fd, const unsigned char *buf, size_t len)
{
	ssize_t	 n;

	while (len > 0) {
		if ((n = write(fd, buf, len)) <= 0)
			return (-1);
		buf += n;
		len -= (size_t)n;
	}
	return (0);
}

static int
write_flipped(const unsigned char *buf, size_t len, size_t off,
    unsigned char mask, const char *path)
{
	unsigned char	 b = buf[off] ^ mask;
	char		*side;
	int		 fd, rc;

	/* A journal or WAL left beside it would be replayed into it. */
	side = xasprintf("%s-journal", path);
	unlink(side);
	free(side);
	side = xasprintf("%s-wal", path);
	unlink(side);
	free(side);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) == -1)
		return (-1);
	rc = write_all(fd, buf, len);
	if (rc == 0 && pwrite(fd, &b, 1, (off_t)off) != 1)
		rc = -1;
	close(fd);
	return (rc);
}

enum flip_outcome
flip_one(const struct flip_ref *r, const unsigned char *buf, size_t len,
    size_t off, unsigned char mask, const char *path, int *diff, char **why)
{
	struct cr_dataset	*ds;
	char			*msg = NULL;
	enum flip_outcome	 o;

	*diff = 0;
	if (why != NULL)
		*why = NULL;
	if (write_flipped(buf, len, off, mask, path) != 0)
		return (FLIP_NOMSG);
	if (cr_db_load(path, &ds, &msg) != 0) {
		o = msg != NULL && strstr(msg, path) != NULL ? FLIP_ERROR :
		    FLIP_NOMSG;
		if (why != NULL)
			*why = msg;
		else
			free(msg);
		return (o);
	}
	*diff = flip_compare(r, ds);
	cr_dataset_free(ds);
	if (*diff & FLIP_RESULT)
		return (FLIP_WRONG);
	return (*diff != 0 ? FLIP_DIFFERS : FLIP_SAME);
}

unsigned char *
flip_slurp(const char *path, size_t *len)
{
	FILE		*fp;
	unsigned char	*buf;
	long		 size;

	if ((fp = fopen(path, "rb")) == NULL)
		return (NULL);
	if (fseek(fp, 0, SEEK_END) != 0 || (size = ftell(fp)) <= 0 ||
	    fseek(fp, 0, SEEK_SET) != 0) {
		fclose(fp);
		return (NULL);
	}
	buf = xmalloc((size_t)size);
	*len = fread(buf, 1, (size_t)size, fp);
	fclose(fp);
	if (*len != (size_t)size) {
		free(buf);
		return (NULL);
	}
	return (buf);
}
