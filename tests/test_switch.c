/*
 * Another data set in the session's place (session_switch()) and the
 * list it is chosen from (datasets.h): a switch that fails leaves the
 * session exactly as it was; one that succeeds keeps the state left as
 * at exit; the recent imports are newest first, once each, at most
 * SESSION_RECENT_MAX, and files gone are not offered.
 */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "datasets.h"
#include "import.h"
#include "session.h"
#include "store.h"
#include "xmalloc.h"

static char	tmpdir[] = "/tmp/cityrank-test-switch.XXXXXX";
static char	*asem;		/* an import of ASEM, no preparation */

static struct session *
open_bundled(void)
{
	struct session	*s;
	char		*why = NULL;

	if (session_open(getenv("CITYRANK_DB"), NULL, &s, &why) != 0)
		fail_msg("%s", why);
	return (s);
}

static char *
tmp_file(const char *name, const char *text)
{
	char	*path = xasprintf("%s/%s", tmpdir, name);
	FILE	*fp;

	if (text != NULL) {
		assert_non_null(fp = fopen(path, "w"));
		fputs(text, fp);
		fclose(fp);
	}
	return (path);
}

/* Everything a failed switch must leave as it was, bit for bit. */
static void
test_switch_fails_changes_nothing(void **state)
{
	struct session	*s = open_bundled(), *was = s;
	const char	*bad[2];
	char		*garbage, *missing, *why = NULL, *warn = NULL;
	double		*w, *score;
	size_t		 n, i, k;
	int		 node;

	(void)state;
	session_set_store(s, NULL);
	node = cr_model_find_node(s->ds->model, "strategy");
	assert_true(node > 0);
	assert_int_equal(session_step(s, node, 10, &why), 0);
	n = s->ds->model->n_nodes;
	w = xcalloc(n, sizeof *w);
	memcpy(w, s->sc->weight, n * sizeof *w);
	score = xcalloc(s->ds->model->n_entities, sizeof *score);
	for (i = 0; i < s->ds->model->n_entities; i++)
		score[i] = cr_scores_score(s->scores, (int)i, 0);
	garbage = tmp_file("garbage.db", "not a database\n");
	missing = tmp_file("missing.db", NULL);
	bad[0] = garbage;
	bad[1] = missing;
	for (k = 0; k < 2; k++) {
		assert_int_equal(session_switch(&s, bad[k], &warn, &why), -1);
		assert_ptr_equal(s, was);
		assert_non_null(why);
		/* The message names the file at fault. */
		assert_non_null(strstr(why, bad[k]));
		free(why);
		why = NULL;
		assert_null(warn);
		assert_memory_equal(s->sc->weight, w, n * sizeof *w);
		for (i = 0; i < s->ds->model->n_entities; i++)
			assert_memory_equal(&score[i], &(double){
			    cr_scores_score(s->scores, (int)i, 0) },
			    sizeof score[i]);
		assert_int_equal(s->n_undo, 1);
		assert_true(session_modified(s));
		assert_string_equal(s->ds->path, getenv("CITYRANK_DB"));
	}
	unlink(garbage);
	free(garbage);
	free(missing);
	free(w);
	free(score);
	session_free(s);
}

/* The new one on its baseline, the old one's state kept as last. */
static void
test_switch_keeps_last(void **state)
{
	struct session	*s = open_bundled();
	struct cr_store	*st;
	struct cr_saved	*last = NULL;
	char		*store = tmp_file("scenarios.db", NULL);
	char		*why = NULL, *warn = NULL, *hash;
	double		 w;
	size_t		 i;
	int		 node;

	(void)state;
	session_set_store(s, store);
	node = cr_model_find_node(s->ds->model, "strategy");
	assert_int_equal(session_step(s, node, 10, &why), 0);
	w = s->sc->weight[node];
	hash = xstrdup(s->hash);
	if (session_switch(&s, asem, &warn, &why) != 0)
		fail_msg("%s", why);
	assert_null(warn);
	assert_string_equal(s->ds->path, asem);
	assert_string_equal(s->store_path, store);
	assert_int_equal(s->n_undo, 0);
	assert_false(session_modified(s));
	assert_int_equal(s->ds->model->n_entities, 51);
	/* The state left, under the data set it belongs to; none new. */
	assert_int_equal(cr_store_open(store, &st, &why), 0);
	assert_int_equal(cr_store_load_last(st, s->hash, &last, &why), 1);
	assert_int_equal(cr_store_load_last(st, hash, &last, &why), 0);
	cr_store_close(st);
	for (i = 0; i < last->n; i++)
		if (strcmp(last->code[i], "strategy") == 0)
			break;
	assert_true(i < last->n);
	assert_true(last->weight[i] == w);
	cr_saved_free(last);
	session_free(s);
	unlink(store);
	free(store);
	free(hash);
}

static size_t
count_imports(struct session_dsinfo *l, size_t n, const char *first)
{
	size_t	i, k = 0;

	for (i = 0; i < n; i++) {
		if (l[i].bundled) {
			/* The bundled ones come first. */
			assert_int_equal(k, 0);
			continue;
		}
		if (k++ == 0 && first != NULL)
			assert_string_equal(l[i].path, first);
	}
	return (k);
}

static void
test_recent_imports(void **state)
{
	struct session_dsinfo	*l;
	char			*f[SESSION_RECENT_MAX + 2], *name, *real;
	char			*why = NULL, *list;
	size_t			 n, i;

	(void)state;
	list = session_recent_path();
	assert_non_null(list);
	session_datasets(&l, &n);
	assert_int_equal(count_imports(l, n, NULL), 0);
	assert_string_equal(l[0].name, "smartcity");
	assert_null(l[0].why);
	assert_int_equal(l[0].units, 26);
	session_datasets_free(l, n);
	for (i = 0; i < SESSION_RECENT_MAX + 2; i++) {
		name = xasprintf("f%zu.db", i);
		free(tmp_file(name, "x"));
		f[i] = tmp_file(name, NULL);
		free(name);
		assert_int_equal(session_recent_add(f[i], &why), 0);
	}
	/* Again: first once more, and not twice. */
	assert_int_equal(session_recent_add(f[3], &why), 0);
	real = realpath(f[3], NULL);
	session_datasets(&l, &n);
	assert_int_equal(count_imports(l, n, real), SESSION_RECENT_MAX);
	for (i = 0; i < n; i++)
		if (!l[i].bundled)
			assert_non_null(l[i].why);	/* not data sets */
	session_datasets_free(l, n);
	/* A file gone is not offered; the oldest two fell off already. */
	unlink(f[3]);
	session_datasets(&l, &n);
	assert_int_equal(count_imports(l, n, NULL), SESSION_RECENT_MAX - 1);
	session_datasets_free(l, n);
	/* A file that cannot be found is not added. */
	assert_int_equal(session_recent_add(f[3], &why), -1);
	assert_non_null(strstr(why, f[3]));
	free(why);
	for (i = 0; i < SESSION_RECENT_MAX + 2; i++) {
		unlink(f[i]);
		free(f[i]);
	}
	unlink(list);
	free(list);
	free(real);
}

static int
setup(void **state)
{
	struct cr_import	*imp;
	char			*d, *m, *why = NULL, *xdg;

	(void)state;
	cr_db_init();
	if (mkdtemp(tmpdir) == NULL)
		return (-1);
	xdg = xasprintf("%s/xdg", tmpdir);
	setenv("XDG_DATA_HOME", xdg, 1);
	free(xdg);
	d = xasprintf("%s/tests/fixtures/coinr-asem/ASEM_iData.csv",
	    getenv("SRCDIR"));
	m = xasprintf("%s/tests/fixtures/coinr-asem/ASEM_iMeta.csv",
	    getenv("SRCDIR"));
	asem = xasprintf("%s/asem.db", tmpdir);
	imp = cr_import_read(d, m);
	if (imp->n_errors != 0 || cr_import_write(imp, asem, 1, &why) != 0)
		return (-1);
	cr_import_free(imp);
	free(d);
	free(m);
	return (0);
}

static int
teardown(void **state)
{
	char	*cmd;
	int	 rc;

	(void)state;
	free(asem);
	cmd = xasprintf("rm -rf '%s'", tmpdir);
	rc = system(cmd);
	free(cmd);
	return (rc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_switch_fails_changes_nothing),
		cmocka_unit_test(test_switch_keeps_last),
		cmocka_unit_test(test_recent_imports),
	};

	return (cmocka_run_group_tests(tests, setup, teardown));
}
