// SPDX-License-Identifier: GPL-2.0
/*
 * A guest_memfd policy with a sleepable split op: split runs under the
 * invalidate lock, so the kernel must refuse it.
 */
#include "policy.bpf.h"

char LICENSE[] SEC("license") = "GPL";

SEC("struct_ops.s/split")
int BPF_PROG(bad_sleepable_split, struct kvm *kvm, struct inode *inode, unsigned long index,
	     unsigned int order, unsigned int reason)
{
	return 0;
}

GMEM_POLICY(bad_sleepable,
	    .split = (void *)bad_sleepable_split);
