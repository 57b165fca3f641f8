/*
 * Preparing indicator data the way composite-index builders do before
 * they normalise: denominate, impute, screen units, treat outliers, in
 * that order, each step optional (COINr's Denominate, Impute, Screen
 * and Treat; doc/import.md gives every rule and formula).  Pure C: the
 * caller passes a table of rows, each a unit in a period, gets the
 * prepared values in place, which cells were imputed, which rows were
 * dropped, and a report of what was done.
 */
#ifndef CR_PREPARE_H
#define CR_PREPARE_H

#include <stddef.h>

enum cr_impute {
	CR_IMPUTE_NONE,
	CR_IMPUTE_MEAN,		/* the indicator's mean in the period */
	CR_IMPUTE_MEDIAN,
	CR_IMPUTE_MEAN_GROUP,	/* the mean within the unit's group */
	CR_IMPUTE_MEDIAN_GROUP,
	CR_IMPUTE_LINEAR,	/* panels: between the unit's nearest years */
	CR_IMPUTE_LOCF		/* panels: the unit's latest earlier value */
};

/* COINr's defaults (Treat.data.frame). */
#define CR_PREP_WINMAX		5
#define CR_PREP_SKEW		2.0
#define CR_PREP_KURT		3.5
/* Fewer values than this have no kurtosis (e1071 type 2). */
#define CR_PREP_MIN_TREAT	4

struct cr_prep_spec {
	int		 denominate;
	enum cr_impute	 impute;
	char		*group;		/* the group column of *_GROUP */
	double		 screen;	/* availability threshold, NAN: none */
	int		 treat;		/* winsorise, then log if need be */
	int		 winmax;
};

/* No step: everything off.  Free with cr_prep_spec_free(). */
void	 cr_prep_spec_init(struct cr_prep_spec *);
void	 cr_prep_spec_free(struct cr_prep_spec *);
/*
 * Option values.  -1 and a *cause (malloc'd) that quotes the value
 * when it is not one: METHOD[:GROUP] for impute (none, mean, median,
 * mean_group:G, median_group:G, linear, locf), a number in [0, 1] for
 * screen, winsorise[:WINMAX] for treat (WINMAX a whole number >= 1).
 */
int	 cr_prep_parse_impute(struct cr_prep_spec *, const char *,
	    char **cause);
int	 cr_prep_parse_screen(struct cr_prep_spec *, const char *,
	    char **cause);
int	 cr_prep_parse_treat(struct cr_prep_spec *, const char *,
	    char **cause);
/* 1 when any step is on. */
int	 cr_prep_any(const struct cr_prep_spec *);
/*
 * The recipe as one line, the steps in order, each as its option:
 * "denominate; impute mean_group:EurAsia_group; screen 0.9; treat
 * winsorise:5", or "none".
 */
char	*cr_prep_recipe(const struct cr_prep_spec *);
const char *cr_impute_name(enum cr_impute);
/*
 * The recipe's line back as a spec (engine/recipe.c): the steps in
 * any order, "; " between them, "none" or "" for no step.  -1 and a
 * *cause (malloc'd) naming the step at fault; *out is then unchanged.
 */
int	 cr_prep_parse_recipe(struct cr_prep_spec *out, const char *,
	    char **cause);

/* The rows to prepare: a unit in a period, n_ind indicators each. */
struct cr_prep_table {
	size_t		 n_rows, n_ind;
	double		*x;		/* n_rows * n_ind; NAN missing */
	const size_t	*unit;		/* n_rows, < n_units */
	const size_t	*period;	/* n_rows, < n_periods */
	size_t		 n_units, n_periods;
	const double	*time;		/* n_periods, ascending: LINEAR */
	/* Denominators: den[row * n_den + den_of[ind]], NAN missing. */
	const double	*den;
	size_t		 n_den;
	const int	*den_of;	/* n_ind: a den column, or -1 */
	const int	*group;		/* n_rows: group id, -1 none */
	size_t		 n_groups;
	/* Names for messages; may be NULL. */
	const char *const *period_name;
	/* Out, n_rows * n_ind and n_rows, allocated by the caller. */
	unsigned char	*imputed;
	unsigned char	*dropped;
};

enum cr_prep_what {
	CR_PREP_DENOM_ZERO,	/* row, ind: denominator 0; made missing */
	CR_PREP_DENOM_MISSING,	/* row, ind: no denominator; missing */
	CR_PREP_IMPUTED,	/* ind, period: n values imputed */
	CR_PREP_EMPTY_GROUP,	/* ind, period, group: no value; n left */
	CR_PREP_NOT_IMPUTED,	/* ind, period: n left missing */
	CR_PREP_DROPPED,	/* row: availability a */
	CR_PREP_TOO_FEW,	/* ind, period: n < CR_PREP_MIN_TREAT values */
	CR_PREP_PASSED,		/* ind, period: skew a, kurtosis b */
	CR_PREP_WINSORISED,	/* ind, period: n points; a, b -> c, d */
	CR_PREP_LOGGED,		/* ind, period: log; a, b -> c, d */
	CR_PREP_WHAT_COUNT
};

struct cr_prep_note {
	enum cr_prep_what what;
	size_t		 ind, row, period;	/* SIZE_MAX: not about one */
	int		 group;			/* -1: not about one */
	size_t		 n;
	double		 a, b, c, d;		/* NAN when not used */
};

struct cr_prep_report {
	struct cr_prep_note *notes;
	size_t		 n_notes;
	size_t		 count[CR_PREP_WHAT_COUNT];	/* notes of each */
	size_t		 n_imputed;	/* values */
	size_t		 n_dropped;	/* rows */
	size_t		 n_winsorised;	/* points */
};

/* The step a note belongs to: "denominate", "impute", ... */
const char *cr_prep_step(enum cr_prep_what);
/* A note's kind as a stable word: "denominator_zero", "imputed", ... */
const char *cr_prep_what_name(enum cr_prep_what);

/*
 * Apply spec to t.  -1 and a one-line *cause when the result would be
 * unusable (screening drops every unit of a period); t may then be
 * half-prepared and the report is freed.  Out of memory aborts.
 */
int	 cr_prepare(const struct cr_prep_spec *, struct cr_prep_table *,
	    struct cr_prep_report *, char **cause);
void	 cr_prep_report_free(struct cr_prep_report *);

/*
 * The pieces, for the steps and the tests.  Skewness and kurtosis as
 * e1071's type 2 (Excel's): NAN for fewer than 3 or 4 values, or none
 * spread.  A column passes when |skew| < skew_max or kurt < kurt_max.
 */
double	 cr_skew(const double *, size_t);
double	 cr_kurt(const double *, size_t);
int	 cr_prep_passes(const double *, size_t);
/*
 * Winsorise n values (no NAN) in place as COINr does; the number of
 * points COINr counts (its nwin), or 0 when none was moved.
 */
size_t	 cr_winsorise(double *, size_t n, int winmax);
/* log(x - min + 0.01 (max - min)), COINr's log_CT; NAN stays. */
void	 cr_log_ct(double *, size_t n);
/* The median of n values (no NAN), reordering them; NAN when n is 0. */
double	 cr_median(double *, size_t n);

#endif
