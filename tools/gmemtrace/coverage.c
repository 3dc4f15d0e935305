// SPDX-License-Identifier: GPL-2.0
/*
 * Huge coverage: how much of a VM's private guest_memfd memory is backed
 * by 2M folios, from the VM's debugfs file kvm/PID-FD/guest_memfd.
 */
#include <errno.h>
#include <glob.h>
#include <stdio.h>

#include "tool.h"

int gmt_huge_coverage(int vm_pid, struct gmt_coverage *cov)
{
	unsigned long long priv, priv_huge, shared, shared_huge;
	char pattern[96], line[256];
	glob_t g;
	size_t i;
	int found = 0;
	FILE *f;

	cov->private_pages = cov->private_huge_pages = 0;
	snprintf(pattern, sizeof(pattern), "/sys/kernel/debug/kvm/%d-*/guest_memfd", vm_pid);
	if (glob(pattern, 0, NULL, &g))
		return -ENOENT;
	for (i = 0; i < g.gl_pathc; i++) {
		f = fopen(g.gl_pathv[i], "r");
		if (!f)
			continue;
		if (fgets(line, sizeof(line), f) &&
		    sscanf(line, "private_pages=%llu private_huge_pages=%llu shared_pages=%llu shared_huge_pages=%llu",
			   &priv, &priv_huge, &shared, &shared_huge) == 4) {
			cov->private_pages += priv;
			cov->private_huge_pages += priv_huge;
			found = 1;
		}
		fclose(f);
	}
	globfree(&g);
	return found ? 0 : -ENOENT;
}
