// SPDX-License-Identifier: GPL-2.0
/*
 * lazy_merge: a guest_memfd policy that merges 2M ranges only once they
 * have stayed uniform for a while.
 *
 * When a 2M range of a GUEST_MEMFD_FLAG_HUGE_PMD guest_memfd is again
 * backed entirely and in one state, the kernel calls kvm_gmem_ops.merge
 * before copying it into a 2M folio, and asks again about every 100 ms
 * while the policy defers.  A guest that flips a page between shared and
 * private would otherwise have its range split and merged, 2M copied,
 * every time.  This policy defers the merge until the range has been
 * uniform for min_uniform_ms (default 500): the merge then happens within
 * about 100 ms more.  'deferred' and 'merged' count the answers.
 *
 * Load: gmemtrace policy load lazy_merge.bpf.o --vm PID [--set min_uniform_ms=N]
 */
#include "policy.bpf.h"

char LICENSE[] SEC("license") = "GPL";

__u64 min_uniform_ms = 500;
__u64 deferred;
__u64 merged;

GMEM_MERGE(lazy_merge_merge)
{
	if (uniform_ns < min_uniform_ms * 1000000) {
		__sync_fetch_and_add(&deferred, 1);
		return KVM_GMEM_MERGE_DEFER;
	}
	__sync_fetch_and_add(&merged, 1);
	return KVM_GMEM_MERGE_NOW;
}

GMEM_POLICY(lazy_merge,
	    .merge = (void *)lazy_merge_merge);
