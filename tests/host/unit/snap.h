/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A snapshot built by hand for the renderers' tests: VM 0 with 2
 * arch_reclaim, VM 42 with 1 create and 3 get_pfn (1 error; 1000, 2000
 * and 3000 ns), 16 arch-private pfns, 512 private pages of which 512 in
 * 2M folios, and 5 lost updates.
 */
#ifndef GMT_UNIT_SNAP_H
#define GMT_UNIT_SNAP_H

#include "snapshot.h"

static struct gmt_stat_row unit_rows[3];
static struct gmt_snap_vm unit_vms[1];

static inline struct gmt_snapshot unit_snapshot(void)
{
	unit_rows[0].key = (struct gmt_stat_key){ .vm_pid = 0, .type = GMT_EV_ARCH_RECLAIM };
	unit_rows[0].val.count = 2;
	unit_rows[1].key = (struct gmt_stat_key){ .vm_pid = 42, .type = GMT_EV_CREATE };
	unit_rows[1].val.count = 1;
	unit_rows[2].key = (struct gmt_stat_key){ .vm_pid = 42, .type = GMT_EV_GET_PFN };
	unit_rows[2].val.count = 3;
	unit_rows[2].val.errors = 1;
	unit_rows[2].val.sum_ns = 6000;
	unit_rows[2].val.max_ns = 3000;
	unit_rows[2].val.slots[9] = 1;		/* 512..1023 */
	unit_rows[2].val.slots[10] = 1;		/* 1024..2047 */
	unit_rows[2].val.slots[11] = 1;		/* 2048..4095 */
	unit_vms[0] = (struct gmt_snap_vm){ .vm_pid = 42, .arch_private = 16,
					    .have_coverage = true, .private_pages = 512,
					    .private_huge_pages = 512 };
	return (struct gmt_snapshot){ .rows = unit_rows, .nrows = 3, .vms = unit_vms,
				      .nvms = 1, .dropped = 5, .arch = true };
}

/* @f's contents, read back from the start (a tmpfile()). */
static inline char *unit_slurp(FILE *f)
{
	static char buf[65536];
	size_t n;

	rewind(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = 0;
	return buf;
}

#endif
