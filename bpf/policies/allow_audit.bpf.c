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
 *   to_private, to_shared    conversions seen in each direction
 *   pages                    pages they covered
 *   last_vm_pid, last_ino    the VM and guest_memfd of the latest one
 *
 * Load: gmemtrace policy load allow_audit.bpf.o
 *   or  bpftool struct_ops register allow_audit.bpf.o
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

__u64 to_private;
__u64 to_shared;
__u64 pages;
__s32 last_vm_pid;
__u64 last_ino;

SEC("struct_ops/convert")
int BPF_PROG(allow_audit_convert, struct kvm *kvm, struct inode *inode, unsigned long start,
	     unsigned long end, bool to_priv)
{
	if (to_priv)
		__sync_fetch_and_add(&to_private, 1);
	else
		__sync_fetch_and_add(&to_shared, 1);
	__sync_fetch_and_add(&pages, end - start);
	last_vm_pid = kvm->userspace_pid;
	last_ino = inode->i_ino;
	return 0;
}

SEC(".struct_ops")
struct kvm_gmem_ops allow_audit = {
	.convert = (void *)allow_audit_convert,
	.name = "allow_audit",
};
