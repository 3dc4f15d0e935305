// SPDX-License-Identifier: GPL-2.0
/*
 * A guest_memfd policy that breaks the contract: convert returns 1, which
 * is neither 0 (allow) nor -1..-511 (deny).  The kernel must ignore it,
 * convert as it would without a policy, and count the return as invalid.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

int ret = 1;

SEC("struct_ops/convert")
int BPF_PROG(bad_return_convert, struct kvm *kvm, struct inode *inode, unsigned long start,
	     unsigned long end, bool to_private)
{
	return ret;
}

SEC(".struct_ops")
struct kvm_gmem_ops bad_return = {
	.convert = (void *)bad_return_convert,
	.name = "bad_return",
};
