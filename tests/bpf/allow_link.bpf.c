// SPDX-License-Identifier: GPL-2.0
/*
 * A guest_memfd policy registered through a BPF link (.struct_ops.link),
 * so that it can be replaced atomically: it allows every conversion.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

SEC("struct_ops/convert")
int BPF_PROG(allow_link_convert, struct kvm *kvm, struct inode *inode, unsigned long start,
	     unsigned long end, bool to_private)
{
	return 0;
}

SEC(".struct_ops.link")
struct kvm_gmem_ops allow_link = {
	.convert = (void *)allow_link_convert,
	.name = "allow_link",
};
