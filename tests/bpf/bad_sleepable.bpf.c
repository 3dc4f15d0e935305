// SPDX-License-Identifier: GPL-2.0
/*
 * A guest_memfd policy implementing split, which the kernel does not call
 * yet: loading it must fail.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

SEC("struct_ops/convert")
int BPF_PROG(bad_split_convert, struct kvm *kvm, struct inode *inode, unsigned long start,
	     unsigned long end, bool to_private)
{
	return 0;
}

SEC("struct_ops/split")
int BPF_PROG(bad_split_split, struct kvm *kvm, struct inode *inode, unsigned long index,
	     unsigned int order, unsigned int reason)
{
	return 0;
}

SEC(".struct_ops")
struct kvm_gmem_ops bad_split = {
	.convert = (void *)bad_split_convert,
	.split = (void *)bad_split_split,
	.name = "bad_split",
};
