// SPDX-License-Identifier: GPL-2.0
/*
 * A guest_memfd policy registered through a BPF link that denies every
 * conversion with EACCES: what replacing allow_link with it must change.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#define EACCES 13

char LICENSE[] SEC("license") = "GPL";

SEC("struct_ops/convert")
int BPF_PROG(deny_all_convert, struct kvm *kvm, struct inode *inode, unsigned long start,
	     unsigned long end, bool to_private)
{
	return -EACCES;
}

SEC(".struct_ops.link")
struct kvm_gmem_ops deny_all = {
	.convert = (void *)deny_all_convert,
	.name = "deny_all",
};
