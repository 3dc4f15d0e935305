/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Arch-state tracking: which pfns hold the architecture's per-pfn state
 * (AMD's RMP entries), since when and for which VM and gfn, so that
 * its lifetime can be counted at reclaim or invalidation and followed
 * through folio splits.  Only with -A (targ_arch): two hash updates per
 * make_private and two lookups per invalidated gfn cost several times
 * what counting an event does.  Included by gmemtrace.bpf.c only.
 */
#ifndef GMT_ARCH_STATE_BPF_H
#define GMT_ARCH_STATE_BPF_H

/*
 * pfn -> who made it private and when: live arch state.  @ino comes from
 * the get_pfn that follows make_private (the arch hook does not know it).
 */
struct arch_state {
	__u64 ts;
	__u64 gfn;
	__u64 npages;
	__u64 ino;
	int vm_pid;
	int pad;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, MAX_TRACKED);
	__type(key, __u64);
	__type(value, struct arch_state);
} arch_pfns SEC(".maps");

/*
 * (VM, gfn) -> pfn: the same entries by where they are mapped, so that
 * an invalidation of a few gfns costs a few lookups and not a walk of
 * every tracked pfn.  @arch_tracked is how many entries there are.
 */
struct arch_gfn_key {
	__u64 gfn;
	int vm_pid;
	int pad;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, MAX_TRACKED);
	__type(key, struct arch_gfn_key);
	__type(value, __u64);
} arch_gfns SEC(".maps");

__s64 arch_tracked;

static __always_inline void arch_gfn_set(int vm_pid, __u64 gfn, __u64 pfn)
{
	struct arch_gfn_key k = { .gfn = gfn, .vm_pid = vm_pid };

	if (bpf_map_update_elem(&arch_gfns, &k, &pfn, BPF_ANY))
		self_inc(GMT_SELF_DROPPED_UPDATES);
}

/* Forget where @pfn was mapped, unless another pfn is mapped there now. */
static __always_inline void arch_gfn_del(int vm_pid, __u64 gfn, __u64 pfn)
{
	struct arch_gfn_key k = { .gfn = gfn, .vm_pid = vm_pid };
	__u64 *p = bpf_map_lookup_elem(&arch_gfns, &k);

	if (p && *p == pfn)
		bpf_map_delete_elem(&arch_gfns, &k);
}

/* The arch state of @pfn ends now: account its lifetime.  */
static __always_inline void arch_state_end(__u64 pfn, struct arch_state *st)
{
	if (targ_stats) {
		account(st->vm_pid, GMT_ST_ARCH_LIFETIME, bpf_ktime_get_ns() - st->ts, 0);
		gauge_add(st->vm_pid, -(long long)st->npages);
	}
	arch_gfn_del(st->vm_pid, st->gfn, pfn);
	bpf_map_delete_elem(&arch_pfns, &pfn);
	__sync_fetch_and_add(&arch_tracked, -1);
}

/*
 * @pfn got arch state for @vm_pid, unless it already had it: a
 * make_private is called on every private fault, populate assigns pfns
 * without it.
 */
static __always_inline void arch_state_begin(int vm_pid, __u64 gfn, __u64 pfn,
					     __u64 npages, __u64 ino)
{
	struct arch_state st = {
		.gfn = gfn,
		.npages = npages,
		.ino = ino,
		.vm_pid = vm_pid,
	};
	int err;

	if (!targ_arch || (targ_filter.vm_pid && vm_pid != targ_filter.vm_pid))
		return;
	st.ts = bpf_ktime_get_ns();
	err = bpf_map_update_elem(&arch_pfns, &pfn, &st, BPF_NOEXIST);
	if (!err) {
		__sync_fetch_and_add(&arch_tracked, 1);
		arch_gfn_set(vm_pid, gfn, pfn);
		if (targ_stats)
			gauge_add(vm_pid, npages);
	} else if (err != -17 /* EEXIST */) {
		self_inc(GMT_SELF_DROPPED_UPDATES);
	}
}

static __always_inline void on_make_private(int vm_pid, __u64 gfn, __u64 pfn,
					    __u64 npages, int ret, __u32 source)
{
	struct gmt_event *e;

	if (!ret)
		arch_state_begin(vm_pid, gfn, pfn, npages, 0);
	if (counted(GMT_EV_ARCH_MAKE_PRIVATE, vm_pid, 0, ret, 0))
		return;
	e = ev_new(GMT_EV_ARCH_MAKE_PRIVATE, vm_pid, 0);
	if (!e)
		return;
	e->gfn = gfn;
	e->pfn = pfn;
	e->npages = npages;
	e->ret = ret;
	submit(e, source);
}

static __always_inline void on_reclaim(__u64 pfn, __u64 npages, __u32 source)
{
	struct arch_state *st;
	struct gmt_event *e;
	__u64 ino = 0;
	int vm_pid = 0;

	st = targ_arch ? bpf_map_lookup_elem(&arch_pfns, &pfn) : NULL;
	if (st) {
		vm_pid = st->vm_pid;
		ino = st->ino;
		arch_state_end(pfn, st);
	}
	if (counted(GMT_EV_ARCH_RECLAIM, vm_pid, ino, 0, 0))
		return;
	e = ev_new(GMT_EV_ARCH_RECLAIM, vm_pid, ino);
	if (!e)
		return;
	e->pfn = pfn;
	e->npages = npages;
	submit(e, source);
}

struct inval_ctx {
	__u64 start, end;
	__u64 cur;		/* the next gfn to look up */
	int vm_pid;
};

static long end_in_range(struct bpf_map *map, __u64 *pfn, struct arch_state *st,
			 struct inval_ctx *c)
{
	if (st->vm_pid == c->vm_pid && st->gfn >= c->start && st->gfn < c->end)
		arch_state_end(*pfn, st);
	return 0;
}

/* Look up the gfn at c->cur; step over the folio found there. */
static long end_at_gfn(__u32 i, struct inval_ctx *c)
{
	struct arch_gfn_key k = { .gfn = c->cur, .vm_pid = c->vm_pid };
	struct arch_state *st;
	__u64 *pfn, p;

	if (c->cur >= c->end)
		return 1;
	c->cur++;
	pfn = bpf_map_lookup_elem(&arch_gfns, &k);
	if (!pfn)
		return 0;
	p = *pfn;
	st = bpf_map_lookup_elem(&arch_pfns, &p);
	if (!st || st->gfn != k.gfn || st->vm_pid != k.vm_pid) {
		bpf_map_delete_elem(&arch_gfns, &k);	/* stale */
		return 0;
	}
	if (st->npages > 1)
		c->cur = k.gfn + st->npages;
	arch_state_end(p, st);
	return 0;
}

/*
 * End the arch state of what the VM had mapped in [start, end): by gfn
 * when the range has fewer gfns than there are tracked pfns, else by
 * walking them.
 */
static __always_inline void arch_state_end_range(struct inval_ctx *c)
{
	__u64 n = c->end - c->start;

	if (!targ_arch || c->end <= c->start)
		return;
	if ((__s64)n <= arch_tracked && n <= (1U << 23)) {
		c->cur = c->start;
		bpf_loop(n, end_at_gfn, c, 0);
	} else if (arch_tracked > 0) {
		bpf_for_each_map_elem(&arch_pfns, end_in_range, c, 0);
	}
}

static __always_inline void on_arch_invalidate(struct kvm *kvm, struct kvm_gfn_range *range, __u32 source)
{
	struct inval_ctx c = { .vm_pid = vm_pid_of(kvm) };
	struct kvm_memory_slot *slot;
	struct file *file;
	struct gmt_event *e;
	__u64 ino;

	/* The verifier takes a module's tracepoint arguments for nullable. */
	if (!range)
		return;
	c.start = range->start;
	c.end = range->end;
	slot = range->slot;
	file = slot ? slot->gmem.file : NULL;
	arch_state_end_range(&c);
	ino = file ? ino_of(file->f_inode) : 0;
	if (counted(GMT_EV_ARCH_INVALIDATE, c.vm_pid, ino, 0, 0))
		return;
	e = ev_new(GMT_EV_ARCH_INVALIDATE, c.vm_pid, ino);
	if (!e)
		return;
	e->start = c.start;
	e->end = c.end;
	e->filter = range->attr_filter;
	if (slot) {
		e->slot = slot->id;
		e->as_id = slot->as_id;
	}
	submit(e, source);
}

/* Re-key the arch state of a split folio: one entry per new folio. */
struct split_ctx {
	struct arch_state st;
	__u64 pfn;
	__u64 nr;		/* pages per new folio */
};

static long split_piece(__u32 i, struct split_ctx *c)
{
	struct arch_state st = c->st;
	__u64 pfn = c->pfn + i * c->nr;

	st.gfn += i * c->nr;
	st.npages = c->nr;
	if (bpf_map_update_elem(&arch_pfns, &pfn, &st, BPF_ANY)) {
		self_inc(GMT_SELF_DROPPED_UPDATES);
		return 0;
	}
	if (i)
		__sync_fetch_and_add(&arch_tracked, 1);
	arch_gfn_set(st.vm_pid, st.gfn, pfn);
	return 0;
}

static __always_inline void arch_state_split(__u64 pfn, int old_order, int new_order)
{
	struct split_ctx c = { .pfn = pfn };
	struct arch_state *st;

	if (!targ_arch || old_order <= new_order || old_order > 18)
		return;
	st = bpf_map_lookup_elem(&arch_pfns, &pfn);
	if (!st || st->npages != 1ULL << old_order)
		return;
	c.st = *st;
	c.nr = 1ULL << new_order;
	bpf_loop(1U << (old_order - new_order), split_piece, &c, 0);
}

#endif
