// SPDX-License-Identifier: GPL-2.0
/*
 * A guest_memfd policy whose map is registered without a link
 * (SEC(".struct_ops")): guest_memfd policies live as long as a link to
 * their VM or the system, so the tool and the kernel refuse it.
 */
#include "policy.bpf.h"

char LICENSE[] SEC("license") = "GPL";

GMEM_CONVERT(nolink_convert)
{
	return 0;
}

SEC(".struct_ops")
struct kvm_gmem_ops nolink = {
	.convert = (void *)nolink_convert,
	.name = "nolink",
};
