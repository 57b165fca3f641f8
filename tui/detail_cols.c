/* The city detail's columns: see detail_cols.h. */
#include "config.h"

#include "detail_cols.h"

int
detail_cols_width(const struct detail_cols *c)
{
	return (c->namew + 1 + DETAIL_SCORE_W + 1 + c->rankw +
	    (c->reportw ? 1 + c->reportw : 0) + 1 + c->raww + c->compact +
	    (c->unitw ? 1 + c->unitw : 0) + (c->provw ? 3 + c->provw : 0) +
	    (c->sourcew ? 1 + c->sourcew : 0));
}

/*
 * The layouts from the fullest to the barest: each gives up one more
 * thing.  From the second on, the unit may shrink to DETAIL_UNIT_MIN
 * before the next one is tried.
 */
enum level { FULL, NO_REPORT, COMPACT, NO_UNIT, SHORT_RANK, CUT_NAMES };

static void
set_level(struct detail_cols *c, enum level l)
{
	c->namew = c->name;
	c->rankw = l >= SHORT_RANK ? c->rank_short : c->rank;
	c->reportw = l == FULL ? c->report : 0;
	c->raww = c->raw > DETAIL_RAW_MIN ? c->raw : DETAIL_RAW_MIN;
	c->unitw = l >= NO_UNIT ? 0 : c->unit;
	c->compact = l >= COMPACT;
	c->provw = c->compact ? 0 : c->prov;
	c->sourcew = 0;
}

void
detail_cols_fit(struct detail_cols *c, int w)
{
	enum level	l;
	int		over, left;

	for (l = FULL; l < CUT_NAMES; l++) {
		set_level(c, l);
		if ((over = detail_cols_width(c) - w) <= 0)
			break;
		if (l > FULL && c->unitw > 0 &&
		    c->unitw - over >= DETAIL_UNIT_MIN) {
			c->unitw -= over;
			break;
		}
	}
	if (l == CUT_NAMES) {
		set_level(c, CUT_NAMES);
		c->namew = 0;
		left = w - detail_cols_width(c);
		c->namew = left > DETAIL_NAME_MIN ? left : DETAIL_NAME_MIN;
		if (c->namew > c->name)
			c->namew = c->name;
	}
	/*
	 * What is left over goes to the source, if it is worth reading and
	 * the provenance, which says more in fewer columns, is whole.
	 */
	left = w - detail_cols_width(c) - 1;
	if (c->source > 0 && !c->compact && left >= DETAIL_SRC_MIN)
		c->sourcew = left < c->source ? left : c->source;
}
