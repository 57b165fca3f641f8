/* Names in the session's language: see session.h and label.h. */
#include "config.h"

#include "session.h"

const char *
session_unit_name(const struct session *s, int e)
{
	const struct cr_entity	*u = &s->ds->model->entities[e];

	return (cr_label(u->name_zh, u->name_en, s->lang));
}

const char *
session_node_name(const struct session *s, int node)
{
	const struct cr_node	*n = &s->ds->model->nodes[node];

	return (cr_label(n->name_zh, n->name_en, s->lang));
}

const char *
session_ctx_name(const struct session *s, int v)
{
	const struct cr_ctxvar	*c = &s->ds->model->ctx[v];

	return (cr_label(c->name_zh, c->name_en, s->lang));
}

/* A data set without a title of its own goes by its name. */
const char *
session_title(const struct session *s)
{
	const char	*t = cr_label(s->ds->title_zh, s->ds->title_en,
			    s->lang);

	return (*t != '\0' ? t : s->ds->model->name);
}

char *
session_unit_both(const struct session *s, int e)
{
	const struct cr_entity	*u = &s->ds->model->entities[e];

	return (cr_label_both(u->name_zh, u->name_en, s->lang));
}

char *
session_node_both(const struct session *s, int node)
{
	const struct cr_node	*n = &s->ds->model->nodes[node];

	return (cr_label_both(n->name_zh, n->name_en, s->lang));
}
