/* The help overlay: every key the explorer knows. */
#ifndef CR_HELP_H
#define CR_HELP_H

struct app;

void	help_draw(struct app *, int y, int x, int h, int w);
int	help_key(struct app *, int key);

#endif
