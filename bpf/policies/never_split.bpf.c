// SPDX-License-Identifier: GPL-2.0
/*
 * never_split: a guest_memfd policy that keeps 2M folios whole.
 *
 * The kernel calls kvm_gmem_ops.split before it splits a 2M folio of a
 * GUEST_MEMFD_FLAG_HUGE_PMD guest_memfd because a conversion or a punched
 * hole covers only part of it.  This policy vetoes every split caused by a
 * conversion: KVM_SET_MEMORY_ATTRIBUTES2 then fails with split_errno
 * (default EPERM) and error_offset at the folio (or at the range's start
 * if the folio begins before it), so memory stays mapped with 2M pages and
 * a VMM has to convert whole 2M ranges.  A punched hole
 * is zeroed within the folio instead of splitting it.  'vetoed' counts
 * vetoed conversions, 'zeroed' punched holes kept whole.
 *
 * Load: gmemtrace policy load never_split.bpf.o --vm PID [--set split_errno=N]
 */
#include "policy.bpf.h"

#define EPERM 1

char LICENSE[] SEC("license") = "GPL";

__s32 split_errno = EPERM;
__u64 vetoed;
__u64 zeroed;

GMEM_SPLIT(never_split_split)
{
	if (reason == KVM_GMEM_RESTRUCTURE_CONVERT)
		__sync_fetch_and_add(&vetoed, 1);
	else
		__sync_fetch_and_add(&zeroed, 1);
	return -split_errno;
}

GMEM_POLICY(never_split,
	    .split = (void *)never_split_split);
