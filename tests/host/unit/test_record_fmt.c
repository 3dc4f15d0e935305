// SPDX-License-Identifier: GPL-2.0
/* tools/gmemtrace/record_fmt.c: series names and capped percentiles. */
#include <string.h>

#include "record.h"
#include "unit.h"

int main(void)
{
	struct gmt_stat_val v;

	CHECK_STR("record:series", gmt_rec_series("7.3.4-gmemtrace-00019-g9a0251108b3c"),
		  "00019-g9a0251108b3c");
	CHECK_STR("record:series-flavour",
		  gmt_rec_series("7.3.4-gmemtrace-debug-00019-g9a0251108b3c"),
		  "00019-g9a0251108b3c");
	CHECK_STR("record:series-none", gmt_rec_series("6.18.44-fc-v657"), "");
	CHECK_STR("record:series-no-number", gmt_rec_series("7.3.4-gmemtrace-debug"), "");

	memset(&v, 0, sizeof(v));
	v.slots[10] = 9;	/* [1024, 2047] */
	v.slots[12] = 1;	/* [4096, 8191] */
	v.count = 10;
	v.max_ns = 5000;
	CHECK_U64("record:p50", gmt_rec_pct(&v, 50), 2047);
	CHECK_U64("record:p99-capped-at-max", gmt_rec_pct(&v, 99), 5000);
	return unit_exit();
}
