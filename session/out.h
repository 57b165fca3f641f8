/*
 * Tabular output for batch commands: one table of typed cells written
 * as aligned text (by display width), CSV, JSON or Markdown.  Every
 * string from data is sanitised on the way out (keys and titles too);
 * JSON escapes instead.
 */
#ifndef CR_OUT_H
#define CR_OUT_H

#include <stdio.h>

enum out_format { OUT_TABLE, OUT_CSV, OUT_JSON, OUT_MD };

int	out_format_parse(const char *, enum out_format *);
/* The i-th format's name ("table"), NULL past the last: for completion. */
const char *out_format_name(size_t i);

struct out_cell {
	char	*text;		/* NULL for a number */
	double	 num;		/* NAN is printed as empty / null */
	int	 decimals;	/* for aligned text and Markdown */
	int	 is_int;
	const char *mark;	/* static suffix in text and Markdown, or NULL */
};

struct out_col {
	char	*key;		/* CSV header and JSON key */
	char	*title;		/* aligned text and Markdown header */
	int	 right;
};

struct out_table {
	struct out_col	*cols;
	size_t		 ncols;
	struct out_cell	*cells;	/* row-major */
	size_t		 ncells, cap;
	char		**meta;	/* key, value pairs shown above the table */
	size_t		 nmeta;
	char		**notes;	/* legend lines shown below */
	size_t		 nnotes;
	int		 ascii;	/* truncation marks in ASCII */
	/*
	 * Aligned text to a terminal: its columns (0, no limit).  Columns
	 * that do not fit are left out, from the right, with a note that
	 * says which; notes and meta lines wrap.
	 */
	int		 width;
	enum out_format	 format;	/* what the builders build for */
	/* Rows made as they are printed (out_rows), not kept in cells. */
	size_t		 gen_n;
	void		(*gen)(struct out_table *, size_t, void *);
	void		*gen_arg;
	void		(*gen_done)(void *);
};

void	out_init(struct out_table *);
/* Aligned text and Markdown show titles and marks; CSV and JSON keys. */
int	out_is_text(const struct out_table *);
void	out_free(struct out_table *);
void	out_col(struct out_table *, const char *key, const char *title,
	    int right);
void	out_str(struct out_table *, const char *);
void	out_num(struct out_table *, double, int decimals);
void	out_int(struct out_table *, long);
/* A number with a suffix mark (e.g. "~") shown in text and Markdown. */
void	out_num_mark(struct out_table *, double, int decimals, const char *);
void	out_meta(struct out_table *, const char *key, const char *value);
void	out_note(struct out_table *, const char *);
/*
 * A table of every unit is made a row at a time as it is printed, not
 * kept: at 84,000 units the kept cells took more than the data set.
 * row(t, i, arg) adds row i's cells, ncols of them, with out_str and
 * the others; aligned text makes each row twice (to measure, to
 * print).  done(arg), when given, is called by out_free.  A table has
 * either these rows or kept ones, not both.
 */
void	out_rows(struct out_table *, size_t n,
	    void (*row)(struct out_table *, size_t, void *), void *arg,
	    void (*done)(void *));
/*
 * The table in a format, out through the one layer (emit.h) a block of
 * whole rows at a time.
 */
int	out_print(struct out_table *, enum out_format, FILE *);
/*
 * The same without that layer: for tests and the fuzzer, which check
 * that each format is safe on its own and the layer changes nothing.
 */
int	out_render(struct out_table *, enum out_format, FILE *);
/* Shortest text that reads back as the same double. */
void	out_fmt_double(char *buf, size_t len, double);

#endif
