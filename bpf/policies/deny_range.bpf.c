// SPDX-License-Identifier: GPL-2.0
/*
 * deny_range: a guest_memfd policy that refuses conversions overlapping a
 * range of file pages.
 *
 * Pages [deny_start, deny_end) of the guest_memfd with inode deny_ino
 * (0: of every guest_memfd) cannot change between shared and private: a
 * KVM_SET_MEMORY_ATTRIBUTES2 whose range overlaps them fails with
 * deny_errno (default EPERM) and nothing is converted.  Use it to pin
 * down memory a VMM must keep shared (say, a firmware or virtio region) or
 * private.  Other conversions are allowed.  'denied' counts refusals.
 *
 * The range is empty by default; set it when loading:
 *   gmemtrace policy load deny_range.bpf.o --vm PID --set deny_start=16 --set deny_end=32
 * or, once attached, by writing the .data map (bpftool map update).
 */
#include "policy.bpf.h"

#define EPERM 1

char LICENSE[] SEC("license") = "GPL";

__u64 deny_ino;
__u64 deny_start;
__u64 deny_end;
__s32 deny_errno = EPERM;
__u64 denied;

GMEM_CONVERT(deny_range_convert)
{
	if (deny_ino && inode->i_ino != deny_ino)
		return 0;
	if (start >= deny_end || end <= deny_start)
		return 0;
	__sync_fetch_and_add(&denied, 1);
	return -deny_errno;
}

GMEM_POLICY(deny_range,
	    .convert = (void *)deny_range_convert);
