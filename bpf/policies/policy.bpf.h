/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a guest_memfd policy (struct kvm_gmem_ops, see the kernel's
 * Documentation/virt/kvm/guest_memfd-policy.rst) is made of, declared
 * once: each op with its arguments, and the policy itself.
 *
 *	GMEM_CONVERT(my_convert)
 *	{
 *		return start < 16 ? -EPERM : 0;	(kvm, inode, start, end, to_private)
 *	}
 *
 *	GMEM_POLICY(my_policy, .convert = (void *)my_convert);
 *
 * The sections name the op ("struct_ops/convert"), which 'gmemtrace
 * policy load' checks against the running kernel's kvm_gmem_ops.
 */
#ifndef GMT_POLICY_BPF_H
#define GMT_POLICY_BPF_H

#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

/* Whether [start, end) of @inode may become private (to_private) or shared. */
#define GMEM_CONVERT(name)						\
	SEC("struct_ops/convert")					\
	int BPF_PROG(name, struct kvm *kvm, struct inode *inode,	\
		     unsigned long start, unsigned long end, bool to_private)

/* The same, in a sleepable program. */
#define GMEM_CONVERT_SLEEPABLE(name)					\
	SEC("struct_ops.s/convert")					\
	int BPF_PROG(name, struct kvm *kvm, struct inode *inode,	\
		     unsigned long start, unsigned long end, bool to_private)

/* The order to split the huge folio at @index to, or -errno to veto. */
#define GMEM_SPLIT(name)						\
	SEC("struct_ops/split")						\
	int BPF_PROG(name, struct kvm *kvm, struct inode *inode,	\
		     unsigned long index, unsigned int order,		\
		     unsigned int reason)

/* KVM_GMEM_MERGE_NOW, _DEFER or _NEVER for the 2M range at @index. */
#define GMEM_MERGE(name)						\
	SEC("struct_ops/merge")						\
	int BPF_PROG(name, struct kvm *kvm, struct inode *inode,	\
		     unsigned long index, unsigned int order,		\
		     __u64 uniform_ns)

/* The policy @var, named after it, attached with a link to a VM or the system. */
#define GMEM_POLICY(var, ...)						\
	SEC(".struct_ops.link")						\
	struct kvm_gmem_ops var = {					\
		.name = #var,						\
		__VA_ARGS__						\
	}

#endif
