// SPDX-License-Identifier: GPL-2.0
/*
 * rate_limit: a guest_memfd policy that lets each VM convert at most
 * max_conversions times per window_ms milliseconds.
 *
 * A guest that flips pages between shared and private in a loop makes the
 * host unmap, invalidate and zap over and over.  This policy keeps a fixed
 * window per VM (its struct kvm, so two VMs of one process are apart):
 * the first max_conversions conversions of a window are allowed, the rest
 * fail with EBUSY until the window ends.  'limited' counts refusals.
 *
 *   gmemtrace policy load rate_limit.bpf.o --vm PID --set max_conversions=4 --set window_ms=60000
 */
#include "policy.bpf.h"

#define EBUSY 16

char LICENSE[] SEC("license") = "GPL";

__u32 max_conversions = 8;
__u64 window_ms = 1000;
__u64 limited;

struct window {
	__u64 start_ns;
	__u32 count;
};

struct {
	/* LRU: attached system-wide, it sees VMs come and go. */
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 1024);
	__type(key, __u64);		/* struct kvm * */
	__type(value, struct window);
} windows SEC(".maps");

GMEM_CONVERT(rate_limit_convert)
{
	__u64 key = (__u64)kvm, now = bpf_ktime_get_ns();
	struct window *w, fresh = { .start_ns = now, .count = 1 };

	w = bpf_map_lookup_elem(&windows, &key);
	if (!w || now - w->start_ns >= window_ms * 1000000) {
		bpf_map_update_elem(&windows, &key, &fresh, BPF_ANY);
		return 0;
	}
	if (w->count >= max_conversions) {
		__sync_fetch_and_add(&limited, 1);
		return -EBUSY;
	}
	__sync_fetch_and_add(&w->count, 1);
	return 0;
}

GMEM_POLICY(rate_limit,
	    .convert = (void *)rate_limit_convert);
