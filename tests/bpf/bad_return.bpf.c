// SPDX-License-Identifier: GPL-2.0
/*
 * A guest_memfd policy that breaks the contract: convert returns 1, which
 * is neither 0 (allow) nor -1..-511 (deny).  The kernel must ignore it,
 * convert as it would without a policy, and count the return as invalid.
 */
#include "policy.bpf.h"

char LICENSE[] SEC("license") = "GPL";

int ret = 1;

GMEM_CONVERT(bad_return_convert)
{
	return ret;
}

GMEM_POLICY(bad_return,
	    .convert = (void *)bad_return_convert);
