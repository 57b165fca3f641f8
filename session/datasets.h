/*
 * The data sets a user can open by name: the bundled ones (--dataset
 * NAME) and the files 'cityrank import' wrote lately.  Both front ends
 * list them from here: 'cityrank datasets' and the explorer's O.
 */
#ifndef CR_DATASETS_H
#define CR_DATASETS_H

#include <stddef.h>

/* The bundled data sets, NULL-terminated; the first is the default. */
struct session_bundled {
	const char	*name;		/* what --dataset takes */
	const char	*file;		/* in the package data directory */
};
extern const struct session_bundled session_bundled[];

/* The bundled data set of that name, or NULL. */
const struct session_bundled *session_bundled_find(const char *name);
/* "smartcity or asem", for messages.  Caller frees. */
char	*session_bundled_list(void);
/* Its file: beside the binary (a build tree), else installed. */
char	*session_bundled_path(const struct session_bundled *);
/* $CITYRANK_DB, else the first bundled data set.  Caller frees. */
char	*session_default_db(void);

/* Imports remembered, newest first. */
#define SESSION_RECENT_MAX	8

/*
 * The list of recent imports: recent-imports beside the scenarios
 * file (store.h), one absolute path a line; NULL when there is no
 * place for it.  Caller frees.
 */
char	*session_recent_path(void);
/*
 * Remember a file just imported, first in the list: -1 and *cause
 * when the list cannot be written (the import stands regardless).
 */
int	 session_recent_add(const char *path, char **cause);

/* One data set of the list, loaded to say what it holds. */
struct session_dsinfo {
	char	*name;		/* bundled name, or the file's base name */
	char	*path;
	int	 bundled;	/* 0: a recent import */
	char	*why;		/* NULL, or why it does not load */
	char	*title, *source, *licence;	/* "" when it does not load */
	size_t	 units, indicators, years;
};

/*
 * The bundled data sets, then the recent imports that still exist
 * (files gone since are left out).  Never fails: a file that does not
 * load is listed with why.
 */
void	 session_datasets(struct session_dsinfo **, size_t *n);
void	 session_datasets_free(struct session_dsinfo *, size_t n);

#endif
