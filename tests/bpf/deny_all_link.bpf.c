// SPDX-License-Identifier: GPL-2.0
/*
 * A guest_memfd policy registered through a BPF link that denies every
 * conversion with EACCES: what replacing allow_link with it must change.
 */
#include "policy.bpf.h"

#define EACCES 13

char LICENSE[] SEC("license") = "GPL";

GMEM_CONVERT(deny_all_convert)
{
	return -EACCES;
}

GMEM_POLICY(deny_all,
	    .convert = (void *)deny_all_convert);
