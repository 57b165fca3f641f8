/* placeholder until the store branch lands */
#ifndef CR_STORE_H
#define CR_STORE_H
#include <stddef.h>
#include "saved.h"
struct cr_store;
char	*cr_store_default_path(void);
int	 cr_store_open(const char *, int, struct cr_store **, char **);
int	 cr_store_save(struct cr_store *, const struct cr_saved *, int, char **);
int	 cr_store_save_last(struct cr_store *, const struct cr_saved *, char **);
int	 cr_store_load(struct cr_store *, const char *, struct cr_saved **, char **);
int	 cr_store_load_last(struct cr_store *, const char *, struct cr_saved **, char **);
int	 cr_store_list(struct cr_store *, struct cr_saved ***, size_t *, char **);
int	 cr_store_rename(struct cr_store *, const char *, const char *, char **);
int	 cr_store_delete(struct cr_store *, const char *, char **);
void	 cr_store_close(struct cr_store *);
#endif
