// SPDX-License-Identifier: GPL-2.0
/*
 * allow_audit: a guest_memfd policy that allows every conversion and
 * counts them.
 *
 * The kernel calls kvm_gmem_ops.convert before converting [start, end) of
 * a guest_memfd between shared and private (KVM_SET_MEMORY_ATTRIBUTES2).
 * This policy never says no: it is the kernel's default behaviour made
 * visible.  The counters live in .bss, readable with
 * 'bpftool map dump name allow_au.bss' or from a skeleton:
 *
 *   nr_private, nr_shared    conversions seen in each direction
 *   pages                    pages they covered
 *   last_vm_pid, last_ino    the VM and guest_memfd of the latest one
 *
 * Load: gmemtrace policy load allow_audit.bpf.o --vm PID
 *   or  gmemtrace policy load allow_audit.bpf.o --system
 */
#include "policy.bpf.h"

char LICENSE[] SEC("license") = "GPL";

__u64 nr_private;
__u64 nr_shared;
__u64 pages;
__s32 last_vm_pid;
__u64 last_ino;

GMEM_CONVERT(allow_audit_convert)
{
	if (to_private)
		__sync_fetch_and_add(&nr_private, 1);
	else
		__sync_fetch_and_add(&nr_shared, 1);
	__sync_fetch_and_add(&pages, end - start);
	last_vm_pid = kvm->userspace_pid;
	last_ino = inode->i_ino;
	return 0;
}

GMEM_POLICY(allow_audit,
	    .convert = (void *)allow_audit_convert);
