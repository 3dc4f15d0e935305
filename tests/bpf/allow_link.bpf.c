// SPDX-License-Identifier: GPL-2.0
/*
 * A guest_memfd policy registered through a BPF link (.struct_ops.link),
 * so that it can be replaced atomically: it allows every conversion.
 */
#include "policy.bpf.h"

char LICENSE[] SEC("license") = "GPL";

GMEM_CONVERT(allow_link_convert)
{
	return 0;
}

GMEM_POLICY(allow_link,
	    .convert = (void *)allow_link_convert);
