// SPDX-License-Identifier: GPL-2.0
/*
 * A guest_memfd policy the verifier must reject: it reads far beyond the
 * struct inode it is given.
 */
#include "policy.bpf.h"

char LICENSE[] SEC("license") = "GPL";

GMEM_CONVERT(bad_verify_convert)
{
	return *(int *)((char *)inode + 1000000);
}

GMEM_POLICY(bad_verify,
	    .convert = (void *)bad_verify_convert);
