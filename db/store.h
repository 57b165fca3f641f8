/*
 * The user's scenario store: one SQLite file of its own, apart from any
 * data set, holding named scenarios and the last state of each data set
 * (see data/FORMAT.md).  Every change is one transaction, so a change
 * that fails or is interrupted leaves the file as it was; a file that
 * cannot be trusted (newer, foreign, damaged) is refused and never
 * written.  Errors return -1 with a one-line *cause.
 */
#ifndef CR_STORE_H
#define CR_STORE_H

#include <stddef.h>

#include "saved.h"

#define CR_STORE_APPLICATION_ID	0x43524b53	/* "CRKS" */
/*
 * Schema 2 added a leaf's and a depth's own methods, and the methods'
 * parameters in norm and agg.  A schema 1 file is read as it is and
 * made schema 2 only by the first save that needs it.
 */
#define CR_STORE_SCHEMA_VERSION	2
#define CR_STORE_TIMEOUT	5000	/* ms to wait for another writer */

struct cr_store;

/*
 * $XDG_DATA_HOME/cityrank/scenarios.db when XDG_DATA_HOME is an absolute
 * path, else $HOME/.local/share/cityrank/scenarios.db when HOME is one;
 * NULL otherwise.  Caller frees.
 */
char		*cr_store_default_path(void);
/*
 * Open the store at path.  A missing file is an empty store: nothing is
 * created until the first change, which makes the missing directories
 * (mode 0700) and the file (0600).  A file that is not a scenarios file,
 * is of a newer version or is damaged is refused, naming it.
 */
int		 cr_store_open(const char *path, struct cr_store **,
		    char **cause);
void		 cr_store_close(struct cr_store *);
const char	*cr_store_path(const struct cr_store *);
/* How long to wait for a lock another process holds, in ms. */
void		 cr_store_set_timeout(struct cr_store *, int ms);

/* Save s under s->name; an existing name is an error unless replace. */
int		 cr_store_save(struct cr_store *, const struct cr_saved *,
		    int replace, char **cause);
/* Replace the last state of the data set s->dataset; s->name is kept. */
int		 cr_store_save_last(struct cr_store *, const struct cr_saved *,
		    char **cause);
int		 cr_store_load(struct cr_store *, const char *name,
		    struct cr_saved **, char **cause);
/* The last state, under the name it had; 1 when the data set has none. */
int		 cr_store_load_last(struct cr_store *, const char *dataset,
		    struct cr_saved **, char **cause);
/* The named scenarios with their weights, by name in byte order. */
int		 cr_store_list(struct cr_store *, struct cr_saved ***list,
		    size_t *n, char **cause);
void		 cr_store_list_free(struct cr_saved **, size_t);
int		 cr_store_rename(struct cr_store *, const char *from,
		    const char *to, char **cause);
int		 cr_store_delete(struct cr_store *, const char *name,
		    char **cause);

#endif
