// SPDX-License-Identifier: GPL-2.0
/*
 * Huge coverage: how much of a VM's private guest_memfd memory is backed
 * by 2M folios, from the binary statistics of the VMs of process @vm_pid
 * (gmem_private_pages, gmem_private_huge_pages), without debugfs.
 */
#include <errno.h>

#include "kvm_stats.h"
#include "tool.h"
#include "vms.h"

int gmt_huge_coverage(int vm_pid, struct gmt_coverage *cov)
{
	struct gmt_kvm_stats s;
	struct gmt_vm_list l;
	__u64 priv, huge;
	int i, found = 0;

	cov->private_pages = cov->private_huge_pages = 0;
	/* 0 would be every VM of the host. */
	if (vm_pid <= 0 || gmt_vm_list(vm_pid, &l))
		return -ENOENT;
	for (i = 0; i < l.nr; i++) {
		if (gmt_vm_stats_open(&l.vms[i], &s))
			continue;
		if (!gmt_kvm_stats_get(&s, "gmem_private_pages", &priv) &&
		    !gmt_kvm_stats_get(&s, "gmem_private_huge_pages", &huge)) {
			cov->private_pages += priv;
			cov->private_huge_pages += huge;
			found = 1;
		}
		gmt_kvm_stats_close(&s);
	}
	gmt_vm_list_free(&l);
	return found ? 0 : -ENOENT;
}
