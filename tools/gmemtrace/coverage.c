// SPDX-License-Identifier: GPL-2.0
/*
 * Huge coverage: how much of a VM's private guest_memfd memory is backed
 * by 2M folios, from the binary statistics of the VMs of process @vm_pid
 * (gmem_private_pages, gmem_private_huge_pages), without debugfs.
 */
#include <errno.h>
#include <unistd.h>

#include "kvm_stats.h"
#include "tool.h"
#include "vms.h"

int gmt_huge_coverage(int vm_pid, struct gmt_coverage *cov)
{
	struct gmt_vm vms[16];
	struct gmt_kvm_stats s;
	__u64 priv, huge;
	int n, i, found = 0;

	cov->private_pages = cov->private_huge_pages = 0;
	n = gmt_vm_list(vm_pid, vms, 16);
	for (i = 0; i < n && i < 16; i++) {
		if (gmt_vm_stats_open(&vms[i], &s))
			continue;
		if (!gmt_kvm_stats_get(&s, "gmem_private_pages", &priv) &&
		    !gmt_kvm_stats_get(&s, "gmem_private_huge_pages", &huge)) {
			cov->private_pages += priv;
			cov->private_huge_pages += huge;
			found = 1;
		}
		gmt_kvm_stats_close(&s);
	}
	return found ? 0 : -ENOENT;
}
