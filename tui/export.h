/*
 * Export the current view's data to a file the user names: CSV, JSON,
 * Markdown or aligned text by the file's extension.  The file is
 * written beside its final name and renamed over it only when complete.
 */
#ifndef CR_EXPORT_H
#define CR_EXPORT_H

struct app;

/* Open the file-name prompt with a suggested name. */
void	export_start(struct app *);
/* The prompt was answered; may ask to confirm an overwrite. */
void	export_named(struct app *, const char *path);
/* The overwrite question was answered. */
void	export_confirmed(struct app *, int yes);

#endif
