// SPDX-License-Identifier: GPL-2.0
/*
 * eager: the kernel's default huge folio policy, spelled out.
 *
 * Split a 2M folio to 4K folios as soon as a conversion or a punched hole
 * covers part of it, and merge a 2M range back as soon as it is backed
 * entirely and in one state: what the kernel does without a policy, as in
 * the 1G guest_memfd RFC.  Use it as a starting point, or to measure what
 * calling a policy costs.  'splits' and 'merges' count the calls; kvm is
 * NULL for merges done on behalf of no VM.
 *
 * Load: gmemtrace policy load eager.bpf.o --vm PID
 */
#include "policy.bpf.h"

char LICENSE[] SEC("license") = "GPL";

__u64 splits;
__u64 merges;
__s32 last_vm_pid;

GMEM_SPLIT(eager_split)
{
	__sync_fetch_and_add(&splits, 1);
	last_vm_pid = kvm->userspace_pid;
	return 0;
}

GMEM_MERGE(eager_merge)
{
	__sync_fetch_and_add(&merges, 1);
	if (kvm)
		last_vm_pid = kvm->userspace_pid;
	return KVM_GMEM_MERGE_NOW;
}

GMEM_POLICY(eager,
	    .split = (void *)eager_split,
	    .merge = (void *)eager_merge);
