/* The framework tree: expand, collapse, and choose the node to rank by. */
#ifndef CR_VIEW_TREE_H
#define CR_VIEW_TREE_H

#include <stddef.h>

struct app;
struct keymap;

struct view_tree {
	unsigned char	*open;		/* per node: children shown */
	int		*visible;	/* nodes shown, in order */
	size_t		 n;
	size_t		 top, cur;
	int		 rows, y0;
};

void	view_tree_init(struct app *);
void	view_tree_free(struct app *);
void	view_tree_draw(struct app *, int y, int x, int h, int w);
/* The view's keys: its handlers and its part of the help. */
extern const struct keymap	view_tree_keys;
int	view_tree_key(struct app *, int key);
int	view_tree_click(struct app *, int y, int x);

#endif
