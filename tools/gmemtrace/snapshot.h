/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One read of the in-kernel statistics: the per-VM counts and histograms,
 * the per-VM gauges and the lost updates, which stat's text and JSON,
 * record and the Prometheus exporter render.  The renderers are functions
 * of a snapshot alone.
 */
#ifndef GMT_SNAPSHOT_H
#define GMT_SNAPSHOT_H

#include <stdbool.h>

#include "gmemtrace.h"

struct gmt_session;

/* One entry of the stats map. */
struct gmt_stat_row {
	struct gmt_stat_key key;
	struct gmt_stat_val val;
};

/* What a VM has besides its counts. */
struct gmt_snap_vm {
	int vm_pid;
	long long arch_private;			/* pfns with live arch state */
	bool have_coverage;			/* the VM lives: from its statistics */
	unsigned long long private_pages;
	unsigned long long private_huge_pages;	/* of those, in 2M folios */
};

struct gmt_snapshot {
	struct gmt_stat_row *rows;	/* sorted by VM, then type */
	int nrows;
	struct gmt_snap_vm *vms;	/* one per VM of @rows, in order; not VM 0 */
	int nvms;
	unsigned long long dropped;	/* updates lost in the kernel, ever */
	bool arch;			/* arch state followed (-A): arch_private */
};

/*
 * Read @s's statistics into @snap (@reset: delete what was read, for the
 * next interval; @gauges: read the VMs' gauges and huge coverage too).
 * 0, or -errno.
 */
int gmt_snapshot_take(struct gmt_session *s, bool reset, bool gauges,
		      struct gmt_snapshot *snap);
void gmt_snapshot_free(struct gmt_snapshot *snap);

/* The gauges of VM @vm_pid, or NULL. */
static inline const struct gmt_snap_vm *gmt_snapshot_vm(const struct gmt_snapshot *snap,
							 int vm_pid)
{
	int i;

	for (i = 0; i < snap->nvms; i++)
		if (snap->vms[i].vm_pid == vm_pid)
			return &snap->vms[i];
	return NULL;
}

/* @tot[type]: @snap's counts and histograms summed over the VMs. */
void gmt_snapshot_totals(const struct gmt_snapshot *snap, struct gmt_stat_val *tot);

#endif
