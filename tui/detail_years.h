/* The city detail's rank over the years, for data with several. */
#ifndef CR_DETAIL_YEARS_H
#define CR_DETAIL_YEARS_H

struct app;

/*
 * "rank by year ▅▆▁▃█ 2018-2022: 5 4 [7] 6 3": the detail's unit at
 * the ranked node in every year, under the weights in force, drawn
 * best on top (cr_spark()), the year in view in brackets.  Returns
 * the lines used: 0 for a data set with a single year.
 */
int	detail_years_draw(struct app *, int y, int x, int w);

#endif
