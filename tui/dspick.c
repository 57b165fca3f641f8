/* The data sets list (dspick.h). */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "keys.h"
#include "datasets.h"
#include "dspick.h"
#include "list.h"
#include "session.h"
#include "xmalloc.h"

/* The same file, however it was named. */
static int
same_file(const char *a, const char *b)
{
	char	*ra = realpath(a, NULL), *rb = realpath(b, NULL);
	int	 same;

	same = ra != NULL && rb != NULL ? strcmp(ra, rb) == 0 :
	    strcmp(a, b) == 0;
	free(ra);
	free(rb);
	return (same);
}

void
dspick_close(struct dspick *p)
{
	session_datasets_free(p->list, p->n);
	p->list = NULL;
	p->n = p->cur = p->top = 0;
	p->open = 0;
}

int
dspick_key_open(struct app *a, int key)
{
	struct dspick	*p = &a->dspick;
	size_t		 i;

	(void)key;
	dspick_close(p);
	session_datasets(&p->list, &p->n);
	for (i = 0; i < p->n; i++)
		if (same_file(p->list[i].path, a->sess->ds->path))
			p->cur = i;
	p->open = 1;
	return (TUI_REDRAW);
}

static char *
row_text(const struct app *a, const struct session_dsinfo *d)
{
	const char	*open = same_file(d->path, a->sess->ds->path) ?
	    "  (open)" : "";

	if (d->why != NULL)
		return (xasprintf("%-10s does not load: %s", d->name, d->why));
	return (xasprintf("%-10s %s · %zu units, %zu indicators%s%s%s",
	    d->name, d->title, d->units, d->indicators, d->years > 1 ?
	    ", several years" : "", d->bundled ? "" : " · import", open));
}

void
dspick_draw(struct app *a, int y, int x, int h, int w)
{
	struct dspick	*p = &a->dspick;
	size_t		 i;
	int		 r, body = h - 3;
	char		*s;

	attrset(draw_attr(&a->d, ROLE_HEADER));
	draw_text(stdscr, y, x, " Data sets: the bundled ones, then recent "
	    "imports", w, 0);
	attrset(A_NORMAL);
	if (body < 1)
		return;
	if (p->cur < p->top)
		p->top = p->cur;
	if (p->cur >= p->top + (size_t)body)
		p->top = p->cur - (size_t)body + 1;
	for (r = 0; r < body; r++) {
		i = p->top + (size_t)r;
		attrset(i == p->cur ? draw_attr(&a->d, ROLE_CURSOR) :
		    A_NORMAL);
		if (i >= p->n) {
			attrset(A_NORMAL);
			draw_text(stdscr, y + 1 + r, x, "", w, 0);
			continue;
		}
		s = row_text(a, &p->list[i]);
		draw_text(stdscr, y + 1 + r, x + 1, s, w - 1, 0);
		free(s);
	}
	attrset(A_NORMAL);
	draw_text(stdscr, y + h - 2, x, p->n > 0 ? p->list[p->cur].path : "",
	    w, 0);
	attrset(draw_attr(&a->d, ROLE_AXIS));
	draw_text(stdscr, y + h - 1, x, " Enter open · j k move · q close", w,
	    0);
	attrset(A_NORMAL);
}

/* Open path in place of the open data set; on failure it stays. */
static void
go(struct app *a, const char *path)
{
	struct session	*ss = a->sess;
	char		*why = NULL, *warn = NULL, *name;

	name = xstrdup(path);
	/* Its worker may read the model that is about to go; it restarts. */
	robust_job_free(&a->rjob);
	robust_job_init(&a->rjob);
	if (session_switch(&ss, name, &warn, &why) != 0) {
		app_msg(a, 1, "not opened: %s", why);
		free(why);
		free(name);
		return;
	}
	app_set_session(a, ss);
	if (warn != NULL)
		app_msg(a, 1, "%s", warn);
	else
		app_msg(a, 0, "opened %s (i: about it; O: back to another)",
		    *ss->ds->title_en != '\0' ? ss->ds->title_en :
		    ss->ds->title_zh);
	free(warn);
	free(name);
}

static int
choose(struct app *a)
{
	struct dspick	*p = &a->dspick;
	char		*path;

	if (p->n == 0)
		return (TUI_REDRAW);
	if (same_file(p->list[p->cur].path, a->sess->ds->path)) {
		app_msg(a, 0, "%s is open already", p->list[p->cur].name);
		dspick_close(p);
		return (TUI_REDRAW);
	}
	path = xstrdup(p->list[p->cur].path);
	dspick_close(p);
	if (!session_modified(a->sess)) {
		go(a, path);
		free(path);
		return (TUI_REDRAW);
	}
	free(p->pending);
	p->pending = path;
	prompt_open(&a->prompt, PROMPT_SWITCH);
	return (TUI_REDRAW);
}

static int
key_choose(struct app *a, int key)
{
	(void)key;
	return (choose(a));
}

static int
key_quit(struct app *a, int key)
{
	(void)key;
	dspick_close(&a->dspick);
	return (app_quit(a));
}

static const struct binding bindings[] = {
	{ { '\n', '\r', KEY_ENTER }, 0, "Enter", "open it in place of this "
	    "one (its state is kept as at quitting; u does not undo it)",
	    key_choose, 0 },
	{ { 'Q' }, 0, "Q", "quit; any other key closes the list",
	    key_quit, 0 },
};

const struct keymap dspick_keys = KEYMAP("Data sets (O)", bindings,
    KEYS_LISTS | KEYS_MODAL);

/* The list keys move, the table's act; any other key closes. */
int
dspick_key(struct app *a, int key)
{
	struct dspick	*p = &a->dspick;
	int		 rc;

	if (list_move(&p->cur, p->n, 10, key))
		return (TUI_REDRAW);
	if ((rc = keys_run(&dspick_keys, a, key)) >= 0)
		return (rc);
	dspick_close(p);
	return (TUI_REDRAW);
}

int
dspick_answer(struct app *a, int key)
{
	struct dspick	*p = &a->dspick;

	switch (key) {
	case 'd':
	case 'D':
		dspick_saved(a, 1);
		break;
	case 's':
	case 'S':
		return (app_save_start(a));
	default:
		app_msg(a, 0, "not opened");
		free(p->pending);
		p->pending = NULL;
	}
	return (TUI_REDRAW);
}

void
dspick_saved(struct app *a, int saved)
{
	struct dspick	*p = &a->dspick;
	char		*path = p->pending;

	p->pending = NULL;
	if (path == NULL)
		return;
	if (saved)
		go(a, path);
	free(path);
}
