// SPDX-License-Identifier: GPL-2.0
/*
 * A guest_memfd policy the verifier must reject: it reads far beyond the
 * struct inode it is given.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

SEC("struct_ops/convert")
int BPF_PROG(bad_verify_convert, struct kvm *kvm, struct inode *inode, unsigned long start,
	     unsigned long end, bool to_private)
{
	return *(int *)((char *)inode + 1000000);
}

SEC(".struct_ops")
struct kvm_gmem_ops bad_verify = {
	.convert = (void *)bad_verify_convert,
	.name = "bad_verify",
};
