/*
 * libFuzzer target: the explorer driven by a key sequence, as the main
 * loop drives it, on a terminal of the target's own (ncurses writing to
 * /dev/null, of a size the input picks, 2x10 to 60x200).  Keys are every
 * key of the table and more: letters, digits, control characters,
 * arrows and pages, Enter, Escape, Backspace, resize, and wide
 * characters typed into prompts.  Checks, after each key and frame:
 * - nothing crashes, leaks or does undefined behaviour;
 * - the screen holds no control character, no C1 control and no hidden
 *   code point (bidi overrides, zero-width joiners...): whatever was
 *   typed or read from data is drawn visibly;
 * - when the run ends, undoing every change gives back the weights and
 *   methods the run started from (the session's promise).
 * - by rank and unfiltered, the rows of the ranking made so far (all,
 *   or the top that a weight change ranked: view_rank_need()) are the
 *   order and the ranks of a sort of the scores, done here apart.
 * Each run opens a fresh session on the bundled data set or, when bit 2
 * of the third byte is set, on a small panel (fuzz/panel.h: t changes
 * the year, and with it the values, sources and context), or when bits
 * 3 and 4 are, on 400 units (fuzz/many.h), where a weight change
 * ranks only the rows in view; all are built once, in a directory of
 * the target's own, so that a finding reproduces alone; saved
 * scenarios and exports go to files there (no '/' or '~' is typed into
 * the export prompt, so none lands elsewhere).  The baseline's ranks
 * are shared with the scores' at open, and a change to an aggregate
 * the baseline still shares aborts (engine/score.c): every key reads
 * and changes them in its own order.
 */
#include "config.h"

#include <curses.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "app.h"
#include "db.h"
#include "session.h"
#include "theme.h"
#include "tui.h"
#include "utf8.h"

#include "many.h"
#include "panel.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char		 dir[] = "/tmp/cityrank-fuzz-keys.XXXXXX";
static char		*db_path, *panel_path, *many_path, *store_path;
static struct theme	 theme;
static int		 rows0, cols0;	/* the terminal's size between runs */

static const int	 special[] = {
	KEY_UP, KEY_DOWN, KEY_LEFT, KEY_RIGHT, KEY_PPAGE, KEY_NPAGE,
	KEY_HOME, KEY_END, KEY_ENTER, KEY_BACKSPACE, KEY_DC, KEY_BTAB,
	KEY_RESIZE, KEY_MOUSE, KEY_F(1), KEY_F(10), '\n', '\r', '\t', 27,
	127, 8, ' ', '?', 'q', 'Q', 'u', 'U', 18 /* ^R */, 12 /* ^L */,
};

static void
setup(void)
{
	char	*why = NULL;
	FILE	*out, *in;

	cr_db_init();
	if (mkdtemp(dir) == NULL || chdir(dir) != 0)
		abort();
	if (asprintf(&db_path, "%s/data.db", dir) < 0 ||
	    asprintf(&panel_path, "%s/panel.db", dir) < 0 ||
	    asprintf(&many_path, "%s/many.db", dir) < 0 ||
	    asprintf(&store_path, "%s/scenarios.db", dir) < 0)
		abort();
	panel_write(panel_path);
	many_write(many_path);
	if (cr_db_build(SRC_DATADIR, db_path, &why) != 0 ||
	    theme_load(&theme, "default", &why) != 0) {
		fprintf(stderr, "fuzz_keys: %s\n", why);
		abort();
	}
	/* The robustness runs a key starts: tiny (two samples a unit, ten
	 * Sobol rows), so the run's time goes to keys and frames. */
	robust_job_budget(52, 2, 10);
	setenv("TERM", "xterm-256color", 1);
	setenv("CITYRANK_ASK_ON_QUIT", "yes", 1);
	if ((out = fopen("/dev/null", "w")) == NULL ||
	    (in = fopen("/dev/null", "r")) == NULL ||
	    newterm(NULL, out, in) == NULL)
		abort();
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	rows0 = LINES;
	cols0 = COLS;
}

/* One key from the input: see the header.  0 when the input is spent. */
static int
next_key(const uint8_t **p, const uint8_t *end, int *key)
{
	uint32_t	cp;
	uint8_t		b;

	if (*p >= end)
		return (0);
	b = *(*p)++;
	if (b < 0x80)
		*key = b;
	else if (b < 0xc0)
		*key = special[(b - 0x80) % (sizeof special / sizeof special[0])];
	else {
		if (end - *p < 2)
			return (0);
		cp = ((uint32_t)(b & 0x3f) << 16 | (uint32_t)(*p)[0] << 8 |
		    (*p)[1]) % 0x110000;
		*p += 2;
		*key = cp >= KEY_MIN ? (int)cp | TUI_WIDE : (int)cp;
	}
	return (1);
}

/* Every cell drawn is visible text. */
static void
check_screen(void)
{
	cchar_t	cc;
	wchar_t	wc[CCHARW_MAX + 1];
	attr_t	at;
	short	pair;
	int	y, x, i;

	for (y = 0; y < LINES; y++)
		for (x = 0; x < COLS; x++) {
			if (mvin_wch(y, x, &cc) == ERR ||
			    getcchar(&cc, wc, &at, &pair, NULL) == ERR)
				continue;
			for (i = 0; wc[i] != L'\0'; i++)
				if (wc[i] < 0x20 || (wc[i] >= 0x7f &&
				    wc[i] < 0xa0) || cr_cp_hidden(wc[i]))
					abort();
		}
}

/*
 * The ranking's rows made so far against cr_rank_order() of a copy of
 * the scores: the same entities in the same places, the same ranks.
 * Read without ranking anything in the session, which would change
 * what the next key does.
 */
static void
check_order(struct app *a)
{
	const struct view_rank	*v = &a->rank;
	struct session		*ss = a->sess;
	size_t			 n = ss->ds->model->n_entities, e, i;
	double			*col;
	int			*rk, *ord;

	if (v->sort_id != RC_RANK || v->sort_desc || a->filter != NULL ||
	    ss->scores->agg[ss->by] == -1)
		return;
	if (v->n != n || v->known > n)
		abort();
	col = malloc((n + 1) * sizeof *col);
	rk = malloc((n + 1) * sizeof *rk);
	ord = malloc((n + 1) * sizeof *ord);
	if (col == NULL || rk == NULL || ord == NULL)
		abort();
	for (e = 0; e < n; e++)
		col[e] = cr_scores_score(ss->scores, (int)e, ss->by);
	cr_rank_order(col, n, 1, rk, 1, ord);
	for (i = 0; i < v->known; i++)
		if (v->order[i] != ord[i] ||
		    cr_scores_rank(ss->scores, v->order[i], ss->by) !=
		    rk[v->order[i]])
			abort();
	free(col);
	free(rk);
	free(ord);
}

struct start {
	double		*weight;
	enum cr_norm	 norm;
	enum cr_agg	 agg;
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	const uint8_t		*p = data, *end = data + len;
	struct session		*s;
	struct app		 a;
	struct start		 st;
	char			*why = NULL;
	size_t			 n, nkeys = 0;
	int			 key, flags, switched;

	if (db_path == NULL)
		setup();
	if (len < 3)
		return (0);
	unlink(store_path);
	if (session_open(data[2] & 4 ? panel_path : (data[2] & 0x18) == 0x18 ?
	    many_path : db_path, NULL, &s, &why) != 0) {
		fprintf(stderr, "fuzz_keys: %s\n", why);
		abort();
	}
	session_set_store(s, store_path);
	n = s->ds->model->n_nodes;
	st.weight = malloc(n * sizeof *st.weight);
	if (st.weight == NULL)
		abort();
	memcpy(st.weight, s->sc->weight, n * sizeof *st.weight);
	st.norm = s->sc->norm;
	st.agg = s->sc->agg;

	resizeterm(2 + p[0] % 59, 10 + p[1] % 191);
	app_init(&a, s, p[2] & 1);
	a.theme = theme;
	draw_set_ascii(p[2] & 1);
	draw_init_colors(&a.d, (p[2] & 2) != 0, &theme);
	p += 3;
	tui_frame(&a);
	while (next_key(&p, end, &key)) {
		/* Exports stay in the run's directory: no path is typed. */
		if (a.prompt.kind == PROMPT_EXPORT &&
		    (key == '/' || key == '~'))
			continue;
		nkeys++;
		if (key == KEY_RESIZE && p < end)
			resizeterm(2 + p[0] % 59, 10 + p[0] % 191);
		flags = tui_key(&a, key);
		tui_frame(&a);
		check_screen();
		check_order(&a);
		if (flags & TUI_QUIT)
			break;
	}
	/* O and Enter opened another data set, with a history of its own. */
	switched = a.sess != s;
	s = a.sess;
	app_free(&a);

	while (session_undo(s, &why) == 0)
		;
	free(why);
	/* A key makes one change at most: within the history, all undone. */
	if (!switched && nkeys <= SESSION_HISTORY &&
	    (memcmp(st.weight, s->sc->weight, n * sizeof *st.weight) != 0 ||
	    st.norm != s->sc->norm || st.agg != s->sc->agg))
		abort();
	free(st.weight);
	session_free(s);
	/*
	 * The screen's lines are allocated for the size a run picks and
	 * freed by the next resize: back to one size, so that a run frees
	 * what it allocated, and libFuzzer need not run it again to look
	 * for a leak (a third of the time).
	 */
	resizeterm(rows0, cols0);
	return (0);
}
