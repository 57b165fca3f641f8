/*
 * Weight editing: shares, steps with locks and clamping, errors,
 * undo/redo and its bound, resets to a baseline, presets.
 *
 * The model throughout:
 *
 *	idx
 *	 +- a  (1)	+- a1 (1)
 *	 |		+- a2 (3)
 *	 +- b  (1)	+- b1 (1)	the only child of b
 *	 +- c  (2)
 *
 * so the shares under idx are 25, 25, 50 and under a 25, 75.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "model.h"
#include "score.h"
#include "wedit.h"

#define EPS	1e-9

enum { IDX, A, B, C, A1, A2, B1, N_NODES };

struct fix {
	struct cr_model		*m;
	struct cr_scenario	*sc, *base;
	struct cr_wedit		*w;
};

static void
expect_near(double got, double want)
{
	if (!(fabs(got - want) <= EPS))
		fail_msg("got %.17g, want %.17g", got, want);
}

static void
expect_cause(int rc, char *cause, const char *want)
{
	assert_int_equal(rc, -1);
	assert_non_null(cause);
	if (strcmp(cause, want) != 0)
		fail_msg("cause '%s', want '%s'", cause, want);
	free(cause);
}

static void
node(struct cr_model *m, const char *code, const char *parent, double w)
{
	assert_int_equal(cr_model_add_node(m, code, parent, code, code, "",
	    w, 1, NULL), 0);
}

/* base_spec, when not NULL, is applied to a copy used as the baseline. */
static void
fix_open(struct fix *f, const char *base_spec)
{
	f->m = cr_model_new("t");
	node(f->m, "idx", NULL, 1);
	node(f->m, "a", "idx", 1);
	node(f->m, "b", "idx", 1);
	node(f->m, "c", "idx", 2);
	node(f->m, "a1", "a", 1);
	node(f->m, "a2", "a", 3);
	node(f->m, "b1", "b", 1);
	assert_int_equal(cr_model_freeze(f->m, NULL), 0);
	assert_int_equal(f->m->n_nodes, N_NODES);
	assert_int_equal(cr_model_find_node(f->m, "b1"), B1);
	f->sc = cr_scenario_new(f->m, "edit");
	f->base = cr_scenario_copy(f->m, f->sc);
	if (base_spec != NULL)
		assert_int_equal(cr_scenario_parse_weights(f->m, f->base,
		    base_spec, NULL), 0);
	f->w = cr_wedit_new(f->m, f->sc, f->base);
}

static void
fix_close(struct fix *f)
{
	cr_wedit_free(f->w);
	cr_scenario_free(f->sc);
	cr_scenario_free(f->base);
	cr_model_free(f->m);
}

static double *
snap(const struct fix *f)
{
	double	*s;

	s = malloc(N_NODES * sizeof(*s));
	assert_non_null(s);
	memcpy(s, f->sc->weight, N_NODES * sizeof(*s));
	return s;
}

static void
expect_weights(const struct fix *f, const double *want)
{
	assert_memory_equal(f->sc->weight, want, N_NODES * sizeof(*want));
}

/* Every edit must leave a scenario that can be scored. */
static void
expect_valid(const struct fix *f)
{
	char	*cause = NULL;

	if (cr_scenario_check(f->m, f->sc, &cause) != 0) {
		fail_msg("scenario invalid: %s", cause);
		free(cause);
	}
}

static void
expect_pct3(const struct fix *f, double a, double b, double c)
{
	expect_near(cr_wedit_pct(f->w, A), a);
	expect_near(cr_wedit_pct(f->w, B), b);
	expect_near(cr_wedit_pct(f->w, C), c);
}

static void
test_pct(void **state)
{
	struct fix	 f;

	(void)state;
	fix_open(&f, NULL);
	/* 1/4, 1/4, 2/4; 1/4, 3/4; an only child and the root are whole. */
	expect_pct3(&f, 25, 25, 50);
	expect_near(cr_wedit_pct(f.w, A1), 25);
	expect_near(cr_wedit_pct(f.w, A2), 75);
	expect_near(cr_wedit_pct(f.w, B1), 100);
	expect_near(cr_wedit_pct(f.w, IDX), 100);
	assert_true(isnan(cr_wedit_pct(f.w, N_NODES)));
	assert_true(isnan(cr_wedit_pct(f.w, -1)));
	assert_int_equal(cr_wedit_undo_depth(f.w), 0);
	assert_int_equal(cr_wedit_redo_depth(f.w), 0);
	fix_close(&f);
}

static void
test_step(void **state)
{
	struct fix	 f;
	double		 sum;
	char		*cause = NULL;
	int		 rc;

	(void)state;
	fix_open(&f, NULL);
	/*
	 * a 25 -> 35: b and c give up 10 in proportion 1:2, so
	 * b = 25 - 10/3 = 21.667, c = 50 - 20/3 = 43.333.
	 */
	assert_int_equal(cr_wedit_step(f.w, A, 10, NULL), 0);
	expect_pct3(&f, 35, 25 - 10.0 / 3, 50 - 20.0 / 3);
	/* Written back as shares that sum to 1. */
	sum = f.sc->weight[A] + f.sc->weight[B] + f.sc->weight[C];
	expect_near(sum, 1);
	expect_near(f.sc->weight[A], 0.35);
	/* Other groups untouched. */
	assert_true(f.sc->weight[A1] == 1 && f.sc->weight[A2] == 3);
	expect_valid(&f);
	assert_int_equal(cr_wedit_undo_depth(f.w), 1);

	/* a 35 -> 34: b and c (still 1:2) share 66, so 22 and 44. */
	assert_int_equal(cr_wedit_step(f.w, A, -1, NULL), 0);
	expect_pct3(&f, 34, 22, 44);
	expect_valid(&f);

	/* c 44 -> 54: a and b (34:22) give up 10: 34 - 340/56, 22 - 220/56. */
	assert_int_equal(cr_wedit_step(f.w, C, 10, NULL), 0);
	expect_pct3(&f, 34 - 340.0 / 56, 22 - 220.0 / 56, 54);
	expect_valid(&f);
	assert_int_equal(cr_wedit_undo_depth(f.w), 3);

	/* A zero step succeeds but changes and records nothing. */
	assert_int_equal(cr_wedit_step(f.w, C, 0, NULL), 0);
	assert_int_equal(cr_wedit_undo_depth(f.w), 3);
	rc = cr_wedit_step(f.w, C, NAN, &cause);
	expect_cause(rc, cause, "step nan is not a finite number");
	fix_close(&f);
}

static void
test_locks(void **state)
{
	struct fix	 f;

	(void)state;
	fix_open(&f, NULL);
	cr_wedit_lock(f.w, C, 1);
	assert_int_equal(cr_wedit_locked(f.w, C), 1);
	assert_int_equal(f.sc->locked[C], 1);
	assert_int_equal(cr_wedit_locked(f.w, B), 0);
	assert_int_equal(cr_wedit_locked(f.w, 99), 0);

	/* c keeps 50, so b alone pays for a's 10: 35, 15, 50. */
	assert_int_equal(cr_wedit_step(f.w, A, 10, NULL), 0);
	expect_pct3(&f, 35, 15, 50);
	expect_valid(&f);

	/* a can reach at most 100 - 50 locked = 50: clamped, b to 0. */
	assert_int_equal(cr_wedit_step(f.w, A, 60, NULL), 0);
	expect_pct3(&f, 50, 0, 50);
	assert_true(f.sc->weight[B] == 0);
	expect_valid(&f);
	assert_int_equal(cr_wedit_undo_depth(f.w), 2);

	/* Already at the maximum: nothing changes, nothing recorded. */
	assert_int_equal(cr_wedit_step(f.w, A, 1, NULL), 0);
	expect_pct3(&f, 50, 0, 50);
	assert_int_equal(cr_wedit_undo_depth(f.w), 2);

	/*
	 * a 50 -> 0 (clamped from -100): b, the only unlocked sibling, is
	 * at 0, so it takes the 50 "equally" by itself.
	 */
	assert_int_equal(cr_wedit_step(f.w, A, -100, NULL), 0);
	expect_pct3(&f, 0, 50, 50);
	expect_valid(&f);
	assert_int_equal(cr_wedit_undo_depth(f.w), 3);
	assert_int_equal(cr_wedit_step(f.w, A, -1, NULL), 0);
	expect_pct3(&f, 0, 50, 50);
	assert_int_equal(cr_wedit_undo_depth(f.w), 3);

	cr_wedit_lock(f.w, C, 0);
	assert_int_equal(cr_wedit_locked(f.w, C), 0);
	/* Unlocked, c now absorbs too: a to 10 takes 5 from each. */
	assert_int_equal(cr_wedit_step(f.w, A, 10, NULL), 0);
	expect_pct3(&f, 10, 45, 45);
	fix_close(&f);
}

static void
expect_step_error(struct fix *f, int nd, double d, const char *want)
{
	double	*before;
	char	*cause = NULL;
	int	 rc;

	before = snap(f);
	rc = cr_wedit_step(f->w, nd, d, &cause);
	expect_cause(rc, cause, want);
	expect_weights(f, before);
	assert_int_equal(cr_wedit_undo_depth(f->w), 0);
	free(before);
}

static void
test_step_errors(void **state)
{
	struct fix	 f;

	(void)state;
	fix_open(&f, NULL);
	expect_step_error(&f, IDX, 10, "the index has no siblings");
	expect_step_error(&f, B1, 10, "'b1' is the only item under 'b'");
	expect_step_error(&f, 99, 10, "no node 99");
	expect_step_error(&f, -1, 10, "no node -1");
	cr_wedit_lock(f.w, C, 1);
	expect_step_error(&f, C, 10, "'c' is locked");
	expect_step_error(&f, C, -10, "'c' is locked");
	cr_wedit_lock(f.w, B, 1);
	expect_step_error(&f, A, 10, "every sibling of 'a' is locked");
	expect_step_error(&f, A, -10, "every sibling of 'a' is locked");
	/* The leaves under a have no locks: still editable. */
	assert_int_equal(cr_wedit_step(f.w, A1, 5, NULL), 0);
	fix_close(&f);
}

/* Siblings all at zero absorb a change equally. */
static void
test_zero_siblings(void **state)
{
	struct fix	 f;

	(void)state;
	fix_open(&f, NULL);
	assert_int_equal(cr_scenario_parse_weights(f.m, f.sc, "b=0,c=0",
	    NULL), 0);
	expect_pct3(&f, 100, 0, 0);
	/* a 100 -> 90: b and c, both 0, get 5 each. */
	assert_int_equal(cr_wedit_step(f.w, A, -10, NULL), 0);
	expect_pct3(&f, 90, 5, 5);
	expect_valid(&f);
	/* a 90 -> 0: b and c (1:1) share the whole 100. */
	assert_int_equal(cr_wedit_step(f.w, A, -100, NULL), 0);
	expect_pct3(&f, 0, 50, 50);
	expect_valid(&f);
	fix_close(&f);
}

static void
test_undo_redo(void **state)
{
	struct fix	 f;
	double		*w0, *w1, *w2;
	int		 changed;

	(void)state;
	fix_open(&f, NULL);
	changed = 42;
	assert_int_equal(cr_wedit_undo(f.w, &changed), 1);
	assert_int_equal(cr_wedit_redo(f.w, &changed), 1);
	assert_int_equal(changed, 42);

	w0 = snap(&f);
	assert_int_equal(cr_wedit_step(f.w, A, 10, NULL), 0);
	w1 = snap(&f);
	assert_int_equal(cr_wedit_step(f.w, A1, 5, NULL), 0);
	w2 = snap(&f);

	/* Back exactly; the first changed node of the group is reported. */
	assert_int_equal(cr_wedit_undo(f.w, &changed), 0);
	expect_weights(&f, w1);
	assert_int_equal(changed, A1);
	assert_int_equal(cr_wedit_undo(f.w, &changed), 0);
	expect_weights(&f, w0);
	assert_int_equal(changed, A);
	expect_valid(&f);
	assert_int_equal(cr_wedit_undo(f.w, &changed), 1);
	assert_int_equal(cr_wedit_undo_depth(f.w), 0);
	assert_int_equal(cr_wedit_redo_depth(f.w), 2);

	assert_int_equal(cr_wedit_redo(f.w, &changed), 0);
	expect_weights(&f, w1);
	assert_int_equal(changed, A);
	assert_int_equal(cr_wedit_redo(f.w, NULL), 0);
	expect_weights(&f, w2);
	assert_int_equal(cr_wedit_redo(f.w, &changed), 1);

	/* A new edit after an undo drops the redo stack. */
	assert_int_equal(cr_wedit_undo(f.w, NULL), 0);
	assert_int_equal(cr_wedit_redo_depth(f.w), 1);
	assert_int_equal(cr_wedit_step(f.w, B, 1, NULL), 0);
	assert_int_equal(cr_wedit_redo_depth(f.w), 0);
	assert_int_equal(cr_wedit_redo(f.w, NULL), 1);
	assert_int_equal(cr_wedit_undo_depth(f.w), 2);
	/* A failed or empty edit leaves the redo stack alone. */
	assert_int_equal(cr_wedit_undo(f.w, NULL), 0);
	assert_int_equal(cr_wedit_step(f.w, IDX, 1, NULL), -1);
	assert_int_equal(cr_wedit_step(f.w, B, 0, NULL), 0);
	assert_int_equal(cr_wedit_redo_depth(f.w), 1);
	free(w0);
	free(w1);
	free(w2);
	fix_close(&f);
}

/* 201 edits keep the last 200: undoing all lands after the first. */
static void
test_history_bound(void **state)
{
	struct fix	 f;
	double		*first;
	int		 i;

	(void)state;
	fix_open(&f, NULL);
	assert_int_equal(cr_wedit_step(f.w, A, 1, NULL), 0);
	first = snap(&f);
	/* a alternates 26 -> 25 -> 26 ...: every step changes. */
	for (i = 0; i < CR_WEDIT_HISTORY; i++)
		assert_int_equal(cr_wedit_step(f.w, A, i % 2 ? 1 : -1, NULL),
		    0);
	assert_int_equal(CR_WEDIT_HISTORY, 200);
	assert_int_equal(cr_wedit_undo_depth(f.w), 200);
	for (i = 0; i < 200; i++)
		assert_int_equal(cr_wedit_undo(f.w, NULL), 0);
	assert_int_equal(cr_wedit_undo(f.w, NULL), 1);
	expect_weights(&f, first);
	assert_int_equal(cr_wedit_redo_depth(f.w), 200);
	free(first);
	fix_close(&f);
}

static void
test_reset(void **state)
{
	struct fix	 f;
	double		*before;
	int		 changed;

	(void)state;
	/* Baseline a=2: 2, 1, 2 is 40, 20, 40; under a still 1, 3. */
	fix_open(&f, "a=2");
	assert_int_equal(cr_wedit_reset_node(f.w, A1), 1);
	assert_int_equal(cr_wedit_reset_node(f.w, B1), 1);
	assert_int_equal(cr_wedit_reset_node(f.w, IDX), 1);
	assert_int_equal(cr_wedit_reset_node(f.w, 99), -1);
	assert_int_equal(cr_wedit_undo_depth(f.w), 0);

	/* The baseline's own values come back, not the model's. */
	assert_int_equal(cr_wedit_reset_node(f.w, B), 0);
	expect_pct3(&f, 40, 20, 40);
	assert_true(f.sc->weight[A] == 2 && f.sc->weight[B] == 1 &&
	    f.sc->weight[C] == 2);
	expect_valid(&f);
	assert_int_equal(cr_wedit_reset_node(f.w, C), 1);
	assert_int_equal(cr_wedit_undo(f.w, &changed), 0);
	expect_pct3(&f, 25, 25, 50);
	assert_int_equal(changed, A);

	/* Locks do not stop a reset: c goes from 50 to 40. */
	cr_wedit_lock(f.w, C, 1);
	assert_int_equal(cr_wedit_reset_node(f.w, A), 0);
	expect_pct3(&f, 40, 20, 40);
	cr_wedit_lock(f.w, C, 0);

	/* Only shares count: +10 then -10 is the baseline again. */
	assert_int_equal(cr_wedit_step(f.w, A, 10, NULL), 0);
	assert_int_equal(cr_wedit_step(f.w, A, -10, NULL), 0);
	assert_int_equal(cr_wedit_reset_node(f.w, A), 1);

	/* Two groups changed, one reset_all brings both back. */
	assert_int_equal(cr_wedit_step(f.w, A1, 5, NULL), 0);
	assert_int_equal(cr_wedit_step(f.w, B, 10, NULL), 0);
	before = snap(&f);
	/* reset b, undo, reset a, two steps, two steps. */
	assert_int_equal(cr_wedit_undo_depth(f.w), 5);
	assert_int_equal(cr_wedit_reset_all(f.w), 0);
	assert_int_equal(cr_wedit_undo_depth(f.w), 6);
	assert_true(f.sc->weight[A] == 2 && f.sc->weight[B] == 1 &&
	    f.sc->weight[C] == 2);
	assert_true(f.sc->weight[A1] == 1 && f.sc->weight[A2] == 3);
	expect_valid(&f);
	assert_int_equal(cr_wedit_reset_all(f.w), 1);
	assert_int_equal(cr_wedit_undo_depth(f.w), 6);
	assert_int_equal(cr_wedit_undo(f.w, &changed), 0);
	expect_weights(&f, before);
	assert_int_equal(changed, -1);
	assert_int_equal(cr_wedit_redo(f.w, &changed), 0);
	assert_int_equal(changed, -1);
	expect_pct3(&f, 40, 20, 40);
	free(before);
	fix_close(&f);
}

/* Without a baseline the model's default weights are the baseline. */
static void
test_reset_model_default(void **state)
{
	struct fix	 f;

	(void)state;
	fix_open(&f, NULL);
	cr_wedit_free(f.w);
	f.w = cr_wedit_new(f.m, f.sc, NULL);
	assert_int_equal(cr_wedit_step(f.w, C, -20, NULL), 0);
	assert_int_equal(cr_wedit_reset_all(f.w), 0);
	assert_true(f.sc->weight[A] == 1 && f.sc->weight[B] == 1 &&
	    f.sc->weight[C] == 2);
	fix_close(&f);
}

static void
test_preset(void **state)
{
	struct fix		 f;
	struct cr_scenario	*preset;
	double			*w0, *wp;
	char			*cause = NULL;
	int			 changed, rc;

	(void)state;
	fix_open(&f, NULL);
	preset = cr_scenario_copy(f.m, f.sc);
	assert_int_equal(cr_scenario_parse_weights(f.m, preset,
	    "a=0,b=1,c=1,a1=1,a2=1", NULL), 0);
	preset->norm = CR_NORM_RANK;
	w0 = snap(&f);

	/* Locks do not stop a preset; methods are not applied. */
	cr_wedit_lock(f.w, C, 1);
	assert_int_equal(cr_wedit_apply_preset(f.w, preset, NULL), 0);
	expect_pct3(&f, 0, 50, 50);
	expect_near(cr_wedit_pct(f.w, A1), 50);
	assert_int_equal(f.sc->norm, CR_NORM_MINMAX);
	expect_valid(&f);
	wp = snap(&f);
	assert_memory_equal(wp, preset->weight, N_NODES * sizeof(*wp));
	assert_int_equal(cr_wedit_apply_preset(f.w, preset, NULL), 1);
	assert_int_equal(cr_wedit_undo_depth(f.w), 1);

	/* Two groups changed: undo reports -1. */
	assert_int_equal(cr_wedit_undo(f.w, &changed), 0);
	assert_int_equal(changed, -1);
	expect_weights(&f, w0);
	assert_int_equal(cr_wedit_redo(f.w, NULL), 0);
	expect_weights(&f, wp);

	/* An invalid preset is refused and changes nothing. */
	preset->weight[B] = 0;
	preset->weight[C] = 0;
	rc = cr_wedit_apply_preset(f.w, preset, &cause);
	expect_cause(rc, cause, "all weights under 'idx' are zero");
	expect_weights(&f, wp);
	assert_int_equal(cr_wedit_undo_depth(f.w), 1);
	free(w0);
	free(wp);
	cr_scenario_free(preset);
	fix_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pct),
		cmocka_unit_test(test_step),
		cmocka_unit_test(test_locks),
		cmocka_unit_test(test_step_errors),
		cmocka_unit_test(test_zero_siblings),
		cmocka_unit_test(test_undo_redo),
		cmocka_unit_test(test_history_bound),
		cmocka_unit_test(test_reset),
		cmocka_unit_test(test_reset_model_default),
		cmocka_unit_test(test_preset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
