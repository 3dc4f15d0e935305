// SPDX-License-Identifier: GPL-2.0
/*
 * Sets of events: the masks hold every event type up to 64 of them, and
 * -e builds them from names and groups.
 */
#include <stdio.h>

#include "events.h"
#include "unit.h"

static unsigned long long parse(const char *list)
{
	char bad[64];
	__u64 m = 0;

	if (gmt_parse_event_mask(list, &m, bad, sizeof(bad)))
		return ~0ULL - 1;
	return m;
}

int main(void)
{
	char name[64];

	/* A shift by the width of the type is undefined: never one. */
	unit_check_u64("ev-first-1", GMT_EV_FIRST(1), 1);
	unit_check_u64("ev-first-32", GMT_EV_FIRST(32), 0xffffffffULL);
	unit_check_u64("ev-first-33", GMT_EV_FIRST(33), 0x1ffffffffULL);
	unit_check_u64("ev-first-64", GMT_EV_FIRST(64), ~0ULL);
	unit_check_u64("ev-bit-63", GMT_EV_BIT(63), 0x8000000000000000ULL);

	unit_check_u64("ev-all", parse("all"), GMT_EV_ALL);
	unit_check_u64("ev-all-count", __builtin_popcountll(GMT_EV_ALL), GMT_EV_MAX);
	unit_check_u64("ev-first", parse(gmt_events[0].name), GMT_EV_BIT(0));
	unit_check_u64("ev-last", parse(gmt_events[GMT_EV_MAX - 1].name),
		       GMT_EV_BIT(GMT_EV_MAX - 1));
	snprintf(name, sizeof(name), "%s,%s", gmt_events[GMT_EV_MAX - 1].name,
		 gmt_events[0].name);
	unit_check_u64("ev-two", parse(name), GMT_EV_BIT(0) | GMT_EV_BIT(GMT_EV_MAX - 1));
	unit_check_u64("ev-unknown", parse("nope"), ~0ULL - 1);
	return unit_exit();
}
