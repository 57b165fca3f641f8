/*
 * The explorer's main loop.  A key goes first to the prompt or the help
 * overlay when one is open, then to the global keys below, then to the
 * current view.  Handlers return flags; drawing happens in one place,
 * once per batch of queued keys, and only ncurses' diff reaches the
 * terminal.
 */
#include "config.h"

#include <sys/ioctl.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "emit.h"
#include "export.h"
#include "help.h"
#include "keys.h"
#include "match.h"
#include "session.h"
#include "settings.h"
#include "tables.h"
#include "signals.h"
#include "slides.h"
#include "slideshow.h"
#include "terminal.h"
#include "trace.h"
#include "tui.h"
#include "utf8.h"
#include "xmalloc.h"

#define MIN_COLS	44
#define MIN_LINES	10
/* The longest a signal can wait for the main loop to see it. */
#define SIGNAL_WAIT_MS	1000
/* How often a running robustness analysis is looked at. */
#define ROBUST_POLL_MS	50
/* A search quiet this long starts to show progress, this often. */
#define SCAN_QUIET_MS	200
#define SCAN_POLL_MS	100

static void
draw_tabs(struct app *a)
{
	static const char *const names[] = { "1 Ranking", "2 Tree",
	    "3 Weights", "4 Compare", "5 Plot", "6 Scenarios", "7 Robust" };
	/* On a narrow screen every tab still shows, shorter. */
	static const char *const short_names[] = { "1 Rank", "2 Tree",
	    "3 Wts", "4 Cmp", "5 Plot", "6 Saved", "7 Robust" };
	const char *const	*tab = COLS < 80 ? short_names : names;
	int			 i, x = 0;
	char			*s, *name;

	attrset(draw_attr(&a->d, ROLE_TITLE));
	draw_text(stdscr, 0, 0, "", COLS, 0);
	for (i = 0; i < 7; i++) {
		attrset((int)a->view == i ? draw_attr(&a->d, ROLE_CURSOR) :
		    draw_attr(&a->d, ROLE_TITLE));
		draw_text(stdscr, 0, x, tab[i], COLS - x, 0);
		x += cr_utf8_width(tab[i]) + 2;
	}
	attrset(draw_attr(&a->d, ROLE_TITLE));
	name = session_node_both(a->sess, a->sess->by);
	s = xasprintf(" │ by %s", name);
	draw_text(stdscr, 0, x, s, COLS - x, 0);
	free(s);
	free(name);
	attrset(A_NORMAL);
}

/* Whether any score of the ranked node rests on non-official values. */
static int
any_derived(const struct app *a)
{
	const struct cr_model	*m = a->sess->ds->model;
	size_t			 e;

	for (e = 0; e < m->n_entities; e++)
		if (cr_prov_is_derived(cr_scores_prov(a->sess->scores, (int)e,
		    a->sess->by)))
			return (1);
	return (0);
}

/* Whether the ranking shows a fragile mark (robust_job.h). */
static int
any_fragile(const struct app *a)
{
	size_t	e;

	if (robust_job_stale(&a->rjob, a->sess))
		return (0);
	for (e = 0; e < a->rjob.n; e++)
		if (robust_job_fragile(&a->rjob, (int)e))
			return (1);
	return (0);
}

static void
draw_message(struct app *a)
{
	int	 y = LINES - 2;
	char	*s;

	attrset(A_NORMAL);
	if (a->prompt.kind != PROMPT_NONE) {
		s = xasprintf("%s%s%s", prompt_label(&a->prompt),
		    a->prompt.buf, a->d.ascii ? "_" : "▏");
		draw_text(stdscr, y, 0, s, COLS, 0);
		free(s);
	} else if (a->msg[0] != '\0') {
		if (a->msg_error)
			attrset(draw_attr(&a->d, ROLE_DOWN) | A_BOLD);
		draw_text(stdscr, y, 0, a->msg, COLS, 0);
	} else if (a->view == VIEW_RANK && any_fragile(a)) {
		s = xasprintf("! fragile rank: its 5-95%% band spans %d+ "
		    "places under ±%.0f%% weights (see 7)%s", ROBUST_FRAGILE,
		    100 * ROBUST_NOISE, any_derived(a) ?
		    " · ~ not published or official" : "");
		draw_text(stdscr, y, 0, s, COLS, 0);
		free(s);
	} else if (any_derived(a)) {
		attrset(draw_attr(&a->d, ROLE_DERIVED));
		draw_text(stdscr, y, 0, COLS >= 86 ? "~ not published or "
		    "official: reconstructed or estimated (cityrank show CITY "
		    "says how)" : "~ not published or official (show CITY "
		    "says how)", COLS, 0);
	} else
		draw_text(stdscr, y, 0, a->sess->ds->source, COLS, 0);
	attrset(A_NORMAL);
}

/*
 * The scenario's name, marked * when it differs from what was loaded or
 * saved, and whether it is the baseline's weights and methods.
 */
static void
draw_status(struct app *a)
{
	struct session	*ss = a->sess;
	char		*s, *filt, *methods = session_methods(ss);

	filt = a->filter != NULL ? xasprintf(" │ filter %zu/%zu",
	    a->rank.n, ss->ds->model->n_entities) : xstrdup("");
	s = xasprintf(" %s%s%s │ %s%s │ %s%s%s%s │ %s %s%s │ ? help",
	    session_title(ss), ss->ds->n_periods > 1 ? " " : "",
	    ss->ds->n_periods > 1 ? ss->ds->period : "",
	    ss->sc->name, session_modified(ss) ? "*" : "",
	    ss->recipe != NULL ? "prep: " : "", ss->recipe != NULL ?
	    ss->recipe : "", ss->recipe != NULL ? " · " : "", methods,
	    session_differs_base(ss) ? "vs" : "=", ss->base->name, filt);
	free(methods);
	attrset(draw_attr(&a->d, ROLE_STATUS));
	draw_text(stdscr, LINES - 1, 0, s, COLS, 0);
	attrset(A_NORMAL);
	free(s);
	free(filt);
}

static void
draw_view(struct app *a, int y, int h)
{
	if (a->help) {
		help_draw(a, y, 0, h, COLS);
		return;
	}
	if (a->target.page.open) {
		view_target_draw(a, y, 0, h, COLS);
		return;
	}
	if (a->about.open) {
		pager_draw(a, &a->about, y, 0, h, COLS);
		return;
	}
	if (a->dspick.open) {
		dspick_draw(a, y, 0, h, COLS);
		return;
	}
	switch (a->view) {
	case VIEW_RANK:
		view_rank_draw(a, y, 0, h, COLS);
		break;
	case VIEW_TREE:
		view_tree_draw(a, y, 0, h, COLS);
		break;
	case VIEW_WEIGHTS:
		view_weights_draw(a, y, 0, h, COLS);
		break;
	case VIEW_COMPARE:
		view_compare_draw(a, y, 0, h, COLS);
		break;
	case VIEW_SCATTER:
		view_scatter_draw(a, y, 0, h, COLS);
		break;
	case VIEW_SCENARIOS:
		view_scenarios_draw(a, y, 0, h, COLS);
		break;
	case VIEW_ROBUST:
		view_robust_draw(a, y, 0, h, COLS);
		break;
	case VIEW_DETAIL:
		view_detail_draw(a, y, 0, h, COLS);
		break;
	}
}

static void
draw(struct app *a)
{
	char	buf[64];

	erase();
	if (COLS < MIN_COLS || LINES < MIN_LINES) {
		snprintf(buf, sizeof buf, "terminal too small (needs %dx%d)",
		    MIN_COLS, MIN_LINES);
		draw_text(stdscr, 0, 0, buf, COLS, 0);
	} else if (a->present.on)
		present_draw(a);
	else {
		draw_tabs(a);
		draw_view(a, 1, LINES - 3);
		draw_message(a);
		draw_status(a);
	}
	wnoutrefresh(stdscr);
	doupdate();
}

/* The terminal modes the explorer reads keys and the mouse in. */
static void
modes(void)
{
	keypad(stdscr, TRUE);
	curs_set(0);
	mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED |
	    BUTTON5_PRESSED, NULL);
	mouseinterval(0);
}

/*
 * After a stop and fg, or any SIGCONT (SIGSTOP is never seen): the
 * shell, or whatever ran meanwhile, may have reset the tty's modes and
 * the keypad and mouse modes (the arrows then send sequences that are
 * not keys here), so set them all again and draw the whole screen anew.
 */
static void
resume(void)
{
	reset_prog_mode();
	modes();
	clearok(curscr, TRUE);
}

/*
 * What the signals since the last look ask for: TUI_QUIT to end (the
 * caller finds which signal), TUI_REDRAW after a stop or a continue.
 */
static int
signals(void)
{
	int	flags = 0;

	if (tui_signal_ending())
		return (TUI_QUIT);
	if (tui_signal_take_stop()) {
		/* The shell has its terminal back while this is stopped. */
		endwin();
		tui_signal_stop();
		flags |= TUI_REDRAW;
	}
	if (tui_signal_take_cont() || (flags & TUI_REDRAW)) {
		resume();
		flags |= TUI_REDRAW;
	}
	return (flags);
}

/* Compile a pattern the user typed; on error say so and change nothing. */
static struct cr_match *
compile(struct app *a, const char *pat)
{
	struct cr_match	*m;
	char		*why = NULL, *safe;

	if ((m = cr_match_new(pat, &why)) == NULL) {
		safe = cr_sanitize(pat);
		app_msg(a, 1, "'%s': %s", safe, why);
		free(safe);
		free(why);
	}
	return (m);
}

/* A pattern being answered for every city: see scan(). */
struct scan {
	struct app	*a;
	struct timespec	 t0;
	long		 shown;		/* ms when progress was last shown */
	size_t		 done;
};

static long
since_ms(const struct timespec *t0)
{
	struct timespec	now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return ((long)(now.tv_sec - t0->tv_sec) * 1000 +
	    (now.tv_nsec - t0->tv_nsec) / 1000000);
}

/*
 * Between two cities: a scan that takes long says how far it is, and a
 * key or a signal that ends the program stops it.
 */
static int
scan_stop(void *arg, size_t done, size_t total)
{
	struct scan	*sc = arg;
	long		 ms;
	int		 key, flags;

	sc->done = done;
	/* The clock every 256 cities: a search of 100,000 read it 2.7 ms. */
	if (done % 256 != 0)
		return (0);
	/* ^Z stops the program here too, and the scan goes on after fg. */
	if ((flags = signals()) & TUI_QUIT)
		return (1);
	if (flags & TUI_REDRAW)
		draw(sc->a);
	ms = since_ms(&sc->t0);
	if (ms < SCAN_QUIET_MS || ms - sc->shown < SCAN_POLL_MS)
		return (0);
	sc->shown = ms;
	app_msg(sc->a, 0, "searching: %zu of %zu cities (any key stops)",
	    done, total);
	draw(sc->a);
	timeout(0);
	key = getch();
	return (key != ERR && key != KEY_RESIZE);
}

/*
 * Answer the pattern for every city before keeping it: the search and
 * the filter are then paid for once (n, N, the filter at each redraw
 * and the plot's highlights read the answers), and a pattern PCRE2 gives
 * up on is refused here rather than kept to fail again.  0, or -1 with
 * the pattern freed and the reason on the status line.
 */
static int
scan(struct app *a, struct cr_match *m, const char *pat)
{
	struct scan	 sc;
	char		*safe;
	int		 rc;

	memset(&sc, 0, sizeof sc);
	sc.a = a;
	clock_gettime(CLOCK_MONOTONIC, &sc.t0);
	rc = cr_match_scan(m, a->sess->ds->model, scan_stop, &sc);
	if (rc == 0) {
		/* The progress is over; the caller says what was found. */
		if (sc.shown != 0)
			a->msg[0] = '\0';
		return (0);
	}
	safe = cr_sanitize(pat);
	if (rc == CR_MATCH_COSTLY)
		app_msg(a, 1, "'%s': %s", safe, cr_match_costly(m));
	else
		app_msg(a, 1, "'%s': stopped after %zu of %zu cities; not "
		    "applied", safe, sc.done, a->sess->ds->model->n_entities);
	free(safe);
	cr_match_free(m);
	return (-1);
}

static void
search_done(struct app *a, const char *pat)
{
	struct cr_match	*m;

	if (*pat == '\0' || (m = compile(a, pat)) == NULL ||
	    scan(a, m, pat) != 0)
		return;
	cr_match_free(a->search);
	a->search = m;
	if (a->view == VIEW_TREE || a->view == VIEW_COMPARE)
		a->view = VIEW_RANK;
	if (a->view == VIEW_WEIGHTS)
		a->weights.focus = 1;
	/* The current row counts: step back one, then find forward. */
	if (a->rank.n > 0)
		a->rank.cur = (a->rank.cur + a->rank.n - 1) % a->rank.n;
	if (view_rank_find(a, 1) != 0) {
		app_msg(a, 1, "no city matches /%s", pat);
		return;
	}
	if (a->view == VIEW_DETAIL)
		a->detail.entity = app_selected_entity(a);
	else if (a->view == VIEW_SCATTER)
		a->scatter.sel = app_selected_entity(a);
	app_match_msg(a);
}

/* A filter PCRE2 gives up on is refused: the one before stays. */
static void
filter_done(struct app *a, const char *pat)
{
	struct cr_match	*m = NULL;

	if (*pat != '\0' && ((m = compile(a, pat)) == NULL ||
	    scan(a, m, pat) != 0))
		return;
	cr_match_free(a->filter);
	free(a->filter_text);
	a->filter = m;
	a->filter_text = m != NULL ? xstrdup(pat) : NULL;
	view_rank_refresh(a);
	if (m == NULL)
		app_msg(a, 0, "filter cleared");
	else
		app_msg(a, 0, "filter |%s: %zu of %zu cities", pat, a->rank.n,
		    a->sess->ds->model->n_entities);
}

/* The answer to a prompt that one key answers. */
static int
one_key(struct app *a, enum prompt_kind kind, int key)
{
	int	yes = key == 'y' || key == 'Y';

	a->prompt.kind = PROMPT_NONE;
	if (kind == PROMPT_CONFIRM)
		export_confirmed(a, yes);
	else if (kind == PROMPT_DELETE)
		view_scenarios_deleted(a, yes);
	else if (kind == PROMPT_QUIT) {
		a->save_then_quit = key == 's' || key == 'S';
		return (app_quit_answer(a, key));
	} else if (kind == PROMPT_SWITCH)
		return (dspick_answer(a, key));
	return (TUI_REDRAW);
}

static int
prompt_done(struct app *a, enum prompt_kind kind, const char *text)
{
	int	saved;

	switch (kind) {
	case PROMPT_SEARCH:
		search_done(a, text);
		break;
	case PROMPT_FILTER:
		filter_done(a, text);
		break;
	case PROMPT_SAVE:
		saved = app_save_named(a, text) == 0;
		if (saved && a->save_then_quit)
			return (TUI_QUIT);
		/* When saving was asked before another data set opens. */
		dspick_saved(a, saved);
		break;
	case PROMPT_RENAME:
		view_scenarios_renamed(a, text);
		break;
	case PROMPT_TARGET:
		view_target_solve(a, text);
		break;
	case PROMPT_RECIPE:
		app_recipe_done(a, text);
		break;
	case PROMPT_METHODS:
		app_methods_done(a, text);
		break;
	default:
		export_named(a, text);
		break;
	}
	a->save_then_quit = 0;
	return (TUI_REDRAW);
}

static int
prompt_input(struct app *a, int key)
{
	enum prompt_kind	kind = a->prompt.kind;
	char			text[sizeof a->prompt.buf];

	if (prompt_one_key(&a->prompt))
		return (one_key(a, kind, key));
	switch (prompt_key(&a->prompt, key)) {
	case PROMPT_EDITED:
		return (TUI_REDRAW);
	case PROMPT_CANCEL:
		break;
	case PROMPT_DONE:
		a->prompt.kind = PROMPT_NONE;
		memcpy(text, a->prompt.buf, sizeof text);
		return (prompt_done(a, kind, text));
	}
	a->prompt.kind = PROMPT_NONE;
	a->save_then_quit = 0;
	/* A save asked for before another data set, cancelled: stay. */
	dspick_saved(a, 0);
	return (TUI_REDRAW);
}

static int
view_key(struct app *a, int key)
{
	switch (a->view) {
	case VIEW_RANK:
		return (view_rank_key(a, key));
	case VIEW_TREE:
		return (view_tree_key(a, key));
	case VIEW_WEIGHTS:
		return (view_weights_key(a, key));
	case VIEW_COMPARE:
		return (view_compare_key(a, key));
	case VIEW_SCATTER:
		return (view_scatter_key(a, key));
	case VIEW_SCENARIOS:
		return (view_scenarios_key(a, key));
	case VIEW_ROBUST:
		return (view_robust_key(a, key));
	case VIEW_DETAIL:
		return (view_detail_key(a, key));
	}
	return (0);
}

static int
click(struct app *a, int y, int x)
{
	switch (a->view) {
	case VIEW_RANK:
		return (view_rank_click(a, y, x));
	case VIEW_TREE:
		return (view_tree_click(a, y, x));
	case VIEW_WEIGHTS:
		return (view_weights_click(a, y, x));
	case VIEW_COMPARE:
	case VIEW_SCATTER:
	case VIEW_SCENARIOS:
	case VIEW_ROBUST:
	case VIEW_DETAIL:
		break;
	}
	return (0);
}

static int
mouse(struct app *a)
{
	MEVENT	ev;
	int	i, rc = 0;

	if (getmouse(&ev) != OK)
		return (0);
	if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		for (i = 0; i < 3; i++)
			rc |= view_key(a, ev.bstate & BUTTON4_PRESSED ?
			    KEY_UP : KEY_DOWN);
		return (rc);
	}
	if (ev.y == 0 && ev.x < 66) {
		a->view = (enum view_id)(ev.x / 11);
		return (TUI_REDRAW);
	}
	if (ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED))
		return (click(a, ev.y, ev.x));
	return (0);
}

/* Keys before the table: the mouse and a resize are not typed. */
static int
global_key(struct app *a, int key)
{
	if (key == KEY_MOUSE)
		return (mouse(a));
	if (key == KEY_RESIZE)
		return (TUI_REDRAW);
	return (keys_run(&keys_global, a, key));
}

static int
handle_key(struct app *a, int key)
{
	int	rc;

	if (a->present.on)
		return (present_key(a, key));
	if (a->prompt.kind != PROMPT_NONE)
		return (prompt_input(a, key));
	if (a->help)
		return (key == 'Q' ? app_quit(a) : help_key(a, key));
	if (a->target.page.open)
		return (view_target_key(a, key));
	if (a->about.open)
		return (pager_scroll(&a->about, key) ? TUI_REDRAW :
		    (pager_close(&a->about), TUI_REDRAW));
	if (a->dspick.open) {
		a->msg[0] = '\0';
		return (dspick_key(a, key));
	}
	/* A key press replaces the last message. */
	a->msg[0] = '\0';
	if (a->view == VIEW_RANK && a->rank.chooser)
		return (view_rank_cols_key(a, key));
	if ((rc = global_key(a, key)) >= 0)
		return (rc | TUI_REDRAW);
	return (view_key(a, key) | TUI_REDRAW);
}

/*
 * The robustness work follows the state: the robustness view, and the
 * ranking's fragile marks where a run is cheap, want a result for the
 * weights now.  A finished run, or its progress, asks for a frame.
 */
static int
robust_tick(struct app *a)
{
	int	flags = 0, want;

	if (robust_job_poll(&a->rjob))
		flags |= TUI_REDRAW;
	want = a->view == VIEW_ROBUST || (a->view == VIEW_RANK &&
	    a->sess->ds->model->n_entities <= ROBUST_AUTO_MAX);
	if (want && robust_job_want(&a->rjob, a->sess) != 0)
		flags |= TUI_REDRAW;
	if (a->view == VIEW_ROBUST && robust_job_busy(&a->rjob))
		flags |= TUI_REDRAW;
	return (flags);
}

int
tui_key(struct app *a, int key)
{
	return (handle_key(a, key));
}

void
tui_frame(struct app *a)
{
	/* Deterministic for the fuzzer: the run is waited for. */
	robust_tick(a);
	robust_job_wait(&a->rjob);
	draw(a);
}

/* One key in the explorer's encoding: see TUI_WIDE in app.h. */
static int
read_key(void)
{
	wint_t	wc;
	int	rc = get_wch(&wc);

	if (rc == ERR)
		return (ERR);
	if (rc == KEY_CODE_YES)
		return ((int)wc);
	return ((int)wc >= KEY_MIN ? (int)wc | TUI_WIDE : (int)wc);
}

/*
 * newterm() reads the window's size before it catches SIGWINCH: a
 * resize in between (a window dragged as the explorer starts, a tmux
 * pane resized under load) would leave the screen laid out for the old
 * size until the next one.  Asked again once it catches them.  LINES
 * and COLUMNS in the environment are the user's size, and stay.
 */
static void
catch_early_resize(void)
{
	struct winsize	ws;

	if (getenv("LINES") != NULL || getenv("COLUMNS") != NULL)
		return;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0 && is_term_resized(ws.ws_row, ws.ws_col))
		resizeterm(ws.ws_row, ws.ws_col);
}

static int
start(struct app *a, const struct theme *t, int no_color)
{
	const char	*nc = getenv("NO_COLOR");

	if (!terminal_usable())
		return (-1);
	/* Before newterm(), so ncurses does not install its own. */
	tui_signal_catch();
	if (newterm(NULL, stdout, stdin) == NULL)
		return (-1);
	catch_early_resize();
	cbreak();
	noecho();
	nonl();
	/* ncurses otherwise waits a second after Escape. */
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(25);
	modes();
	draw_init_colors(&a->d, !no_color && (nc == NULL || *nc == '\0'), t);
	return (0);
}

/*
 * On the first start on a data set (no state kept from an earlier
 * exit), say once how much of it is not published data: a planner
 * should not need data/README.md to learn what the what-ifs rest on.
 */
static void
first_start_note(struct app *a)
{
	struct cr_saved	*last = NULL;
	char		*why = NULL;
	int		 pct;

	if (session_last(a->sess, &last, &why) != 1) {
		cr_saved_free(last);
		free(why);
		return;
	}
	if ((pct = session_about_derived_pct(a->sess)) > 0)
		app_msg(a, 0, "~ not published: %d%% of the values are "
		    "reconstructed or estimated (i: about)", pct);
}

/* The config file's choices, and its first warning on the message line. */
static void
apply_settings(struct app *a, struct settings *st)
{
	size_t	 i;
	char	*why = NULL;

	/* The columns name the data set's nodes: checked only now. */
	if (st->columns != NULL &&
	    view_rank_set_columns(a, st->columns, &why) != 0) {
		settings_warn(st, "%s: columns: %s", st->columns_at, why);
		free(why);
	}
	/* Also on the screen the explorer leaves: read after it exits. */
	for (i = 0; i < st->nwarn; i++)
		emit_err("%s", st->warn[i]);
	if (st->first_view >= 0)
		a->view = (enum view_id)st->first_view;
	a->confirm_quit = st->confirm_quit;
	if (st->transitions >= 0)
		a->transitions = st->transitions;
	if (st->nwarn_all > 0)
		app_msg(a, 1, "%s%s", st->warn[0], st->nwarn_all > 1 ?
		    " (and more: fix the file to see them)" : "");
}

/* The explorer, or (present) a presentation that q ends. */
static int
run(struct session **ssp, const struct tui_opts *o, int present,
    struct cr_slides *slides)
{
	struct session	*ss = *ssp;
	const char	*theme = o->theme;
	int		 ascii = o->ascii, no_color = o->no_color;
	struct app	 a;
	struct theme	 t;
	struct settings	 st;
	char		*why = NULL, *path;
	int		 key, sig, flags = TUI_REDRAW;

	if (theme != NULL && theme_load(&t, theme, &why) != 0) {
		emit_err("--theme: %s", why);
		free(why);
		cr_slides_free(slides);
		return (2);
	}
	settings_init(&st);
	free(settings_load(&st));
	/* The config's theme, when no --theme: a bad one is a warning. */
	if (theme == NULL && st.theme != NULL &&
	    theme_load(&t, st.theme, &why) != 0) {
		path = xasprintf("config: theme: %s", why);
		free(why);
		why = NULL;
		if (st.nwarn < SETTINGS_WARN_MAX)
			st.warn[st.nwarn++] = path;
		else
			free(path);
		st.nwarn_all++;
		free(st.theme);
		st.theme = NULL;
	}
	if (theme == NULL && st.theme == NULL)
		theme_load(&t, "default", &why);
	if (terminal_console())
		ascii = 1;
	/* The command line's language, else the config's (app_init: ASCII). */
	ss->lang = o->lang >= 0 ? (enum cr_lang)o->lang : st.lang >= 0 ?
	    (enum cr_lang)st.lang : CR_LANG_ZH;
	app_init(&a, ss, ascii);
	a.theme = t;
	a.no_color = no_color;
	if (!present)
		first_start_note(&a);
	apply_settings(&a, &st);
	settings_free(&st);
	if (o->transitions >= 0)
		a.transitions = o->transitions;
	if (start(&a, &t, no_color) != 0) {
		emit_err("the explorer needs a full-screen terminal, and "
		    "TERM=%s is not one; the batch commands work anywhere "
		    "(cityrank rank, show CITY, compare A B: see cityrank "
		    "--help)", getenv("TERM") != NULL ? getenv("TERM") : "");
		app_free(&a);
		cr_slides_free(slides);
		return (2);
	}
	timeout(SIGNAL_WAIT_MS);
	draw_set_ascii(ascii);
	trace_open();
	if (present)
		present_start(&a, slides != NULL ? slides :
		    session_tour(ss), 1);
	for (;;) {
		flags |= robust_tick(&a) | present_tick(&a);
		a.deferred = 0;
		if (flags & TUI_REDRAW) {
			draw(&a);
			trace_frame(a.hurry);
		}
		a.hurry = 0;
		flags = 0;
		/*
		 * Rows on their way to new places want the next frame soon;
		 * while the robustness runs, look for its end often; what a
		 * hurried frame left out is drawn as soon as no key waits.
		 */
		if (a.deferred)
			timeout(0);
		else if (present_moving(&a))
			timeout(PRESENT_FRAME_MS);
		else
			timeout(robust_job_busy(&a.rjob) ? ROBUST_POLL_MS :
			    SIGNAL_WAIT_MS);
		if ((key = read_key()) == ERR && a.deferred)
			flags |= TUI_REDRAW;
		else if (key == ERR)
			tui_signal_hangup(STDIN_FILENO);
		else
			a.hurry = 1;
		/* Drain queued keys before the next frame. */
		timeout(0);
		while (key != ERR && !(flags & TUI_QUIT) &&
		    !tui_signal_ending()) {
			trace_key(key);
			flags |= handle_key(&a, key);
			key = read_key();
		}
		/*
		 * A signal ends the wait for a key (EINTR); one that comes
		 * between the look at the signals and the read is seen when
		 * the wait times out.
		 */
		timeout(SIGNAL_WAIT_MS);
		flags |= signals();
		if (flags & TUI_QUIT)
			break;
	}
	trace_close();
	endwin();
	/* O may have opened another data set: that one is open now. */
	*ssp = ss = a.sess;
	app_free(&a);
	/* Whatever happens, the state at exit can be resumed. */
	if (!present && session_save_last(ss, &why) != 0) {
		emit_err("the state at exit was not kept: %s", why);
		free(why);
	}
	/* The terminal is back and the state kept: now die of it. */
	if ((sig = tui_signal_ending()) != 0)
		tui_signal_die(sig);
	return (0);
}

int
tui_run(struct session **ss, const struct tui_opts *o)
{
	return (run(ss, o, 0, NULL));
}

int
tui_present(struct session **ss, struct cr_slides *slides,
    const struct tui_opts *o)
{
	return (run(ss, o, 1, slides));
}

const char *
tui_curses_version(void)
{
	const char	*v = curses_version();

	/* "ncurses 6.4.20221231": the caller names the library. */
	if (strncmp(v, "ncurses ", 8) == 0)
		v += 8;
	return (v);
}
