// SPDX-License-Identifier: GPL-2.0
/*
 * gmemtrace: guest_memfd events to a ring buffer (trace) and per-VM
 * counts and log2 latency histograms in maps (stat).
 *
 * Two sets of programs feed the same submit():
 *  - tp_btf on the kvm_gmem_* tracepoints of a kernel with our series;
 *  - fentry/fexit on the kvm_gmem_*() functions of a kernel without it.
 * The loader enables one set and switches off, program by program, what
 * the running kernel cannot attach (select_programs() in the tool's
 * session.c).
 *
 * The "arch lifetime" statistic follows the architecture's per-pfn state
 * (AMD's RMP entries): from the first successful make_private of a pfn to
 * its reclaim, or to the invalidation of the gfn it was mapped at.  It is
 * kept per folio (a 2M folio is made private and reclaimed as one), and
 * follows the folio when it is split.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

#include "gmemtrace.h"
#include "bits.bpf.h"

#define EFAULT		14
#define ENOMEM		12
#define EHWPOISON	133

#define MAX_VMS		1024
#define MAX_TRACKED	(256 * 1024)

/* Filters and modes, set by the loader before load. */
const volatile bool targ_trace = true;	/* records to the ring buffer */
const volatile bool targ_stats;		/* counts and histograms */
const volatile int targ_tgid;		/* only this process */
const volatile int targ_vm_pid;		/* only this VM */
const volatile __u64 targ_ino;		/* only this guest_memfd */
const volatile __u64 targ_events = ~0ULL;	/* GMT_EV_BIT()s */

/* Too big for the BPF stack: a new stats entry starts as a copy. */
const struct gmt_stat_val zero_stat = {};

/* The loader's own counters: ring buffer drops, full tracking maps. */
__u64 self_counters[GMT_SELF_MAX];

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 8 << 20);
} events SEC(".maps");

/*
 * Not preallocated: room for every statistic of 1024 VMs is 13 MB, and
 * creating it took a third of the startup time.  An entry is allocated
 * once, at its first event.
 */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, MAX_VMS * GMT_ST_MAX);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, struct gmt_stat_key);
	__type(value, struct gmt_stat_val);
} stats SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, MAX_VMS);
	__type(key, int);
	__type(value, struct gmt_vm_gauge);
} gauges SEC(".maps");

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

/* invalidate_begin timestamps, to the matching invalidate_end. */
struct inval_key {
	__u64 ino;
	__u32 tid;
	int vm_pid;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, struct inval_key);
	__type(value, __u64);
} inval_start SEC(".maps");

/* fentry timestamps for fexit durations, per thread. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, __u32);
	__type(value, __u64);
} entry_ts SEC(".maps");

/* The policy's verdict on the conversion a thread is doing. */
struct conv_state {
	int verdict;
	char policy[GMT_COMM_LEN];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, __u32);
	__type(value, struct conv_state);
} conversions SEC(".maps");

/* A record under construction: too big for the BPF stack with the rest. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct gmt_event);
} scratch SEC(".maps");

static __always_inline void self_inc(enum gmt_self_counter c)
{
	__sync_fetch_and_add(&self_counters[c], 1);
}

static __always_inline int vm_pid_of(struct kvm *kvm)
{
	if (!kvm || !bpf_core_field_exists(kvm->userspace_pid))
		return 0;
	return BPF_CORE_READ(kvm, userspace_pid);
}

static __always_inline __u64 ino_of(struct inode *inode)
{
	return inode ? BPF_CORE_READ(inode, i_ino) : 0;
}

/* A zeroed record for @type, or NULL when filtered out. */
static __always_inline struct gmt_event *ev_new(__u32 type, int vm_pid, __u64 ino)
{
	__u64 id = bpf_get_current_pid_tgid();
	struct gmt_event *e;
	__u32 zero = 0;

	if (type >= GMT_EV_MAX || !(targ_events & GMT_EV_BIT(type)))
		return NULL;
	if (targ_tgid && (id >> 32) != targ_tgid)
		return NULL;
	if (targ_vm_pid && vm_pid != targ_vm_pid)
		return NULL;
	if (targ_ino && ino != targ_ino)
		return NULL;
	e = bpf_map_lookup_elem(&scratch, &zero);
	if (!e)
		return NULL;
	if (targ_trace) {
		__builtin_memset(e, 0, sizeof(*e));
		e->ts = bpf_ktime_get_ns();
		e->pid = id >> 32;
		e->tid = (__u32)id;
		e->cpu = bpf_get_smp_processor_id();
	} else {
		/* Counting reads only these and the three below. */
		e->dur_ns = 0;
		e->ret = 0;
	}
	e->type = type;
	e->vm_pid = vm_pid;
	e->ino = ino;
	return e;
}

static __always_inline void account(int vm_pid, __u32 type, __u64 ns, int ret)
{
	struct gmt_stat_key key = { .vm_pid = vm_pid, .type = type };
	struct gmt_stat_val *v;
	unsigned int slot;

	v = bpf_map_lookup_elem(&stats, &key);
	if (!v) {
		bpf_map_update_elem(&stats, &key, &zero_stat, BPF_NOEXIST);
		v = bpf_map_lookup_elem(&stats, &key);
		if (!v) {
			self_inc(GMT_SELF_DROPPED_UPDATES);
			return;
		}
	}
	__sync_fetch_and_add(&v->count, 1);
	if (ret)
		__sync_fetch_and_add(&v->errors, 1);
	__sync_fetch_and_add(&v->sum_ns, ns);
	if (ns > v->max_ns)
		v->max_ns = ns;
	slot = log2l(ns);
	if (slot >= GMT_HIST_SLOTS)
		slot = GMT_HIST_SLOTS - 1;
	__sync_fetch_and_add(&v->slots[slot], 1);
}

static __always_inline void submit(struct gmt_event *e, __u32 source)
{
	e->source = source;
	if (targ_stats)
		account(e->vm_pid, e->type, e->dur_ns, e->ret);
	if (!targ_trace)
		return;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	if (bpf_ringbuf_output(&events, e, sizeof(*e), 0))
		self_inc(GMT_SELF_RB_LOST);
}

static __always_inline void gauge_add(int vm_pid, long long delta)
{
	struct gmt_vm_gauge *g, zero = {};

	g = bpf_map_lookup_elem(&gauges, &vm_pid);
	if (!g) {
		bpf_map_update_elem(&gauges, &vm_pid, &zero, BPF_NOEXIST);
		g = bpf_map_lookup_elem(&gauges, &vm_pid);
		if (!g)
			return;
	}
	__sync_fetch_and_add(&g->arch_private, delta);
}

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
		.ts = bpf_ktime_get_ns(),
		.gfn = gfn,
		.npages = npages,
		.ino = ino,
		.vm_pid = vm_pid,
	};
	int err;

	if (targ_vm_pid && vm_pid != targ_vm_pid)
		return;
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

	st = bpf_map_lookup_elem(&arch_pfns, &pfn);
	if (st) {
		vm_pid = st->vm_pid;
		ino = st->ino;
		arch_state_end(pfn, st);
	}
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

	if (c->end <= c->start)
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

	/* The verifier takes a module's tracepoint arguments for nullable. */
	if (!range)
		return;
	c.start = BPF_CORE_READ(range, start);
	c.end = BPF_CORE_READ(range, end);
	slot = BPF_CORE_READ(range, slot);
	file = slot ? BPF_CORE_READ(slot, gmem.file) : NULL;
	arch_state_end_range(&c);
	e = ev_new(GMT_EV_ARCH_INVALIDATE, c.vm_pid,
		   file ? ino_of(BPF_CORE_READ(file, f_inode)) : 0);
	if (!e)
		return;
	e->start = c.start;
	e->end = c.end;
	e->filter = BPF_CORE_READ(range, attr_filter);
	if (slot) {
		e->slot = BPF_CORE_READ(slot, id);
		e->as_id = BPF_CORE_READ(slot, as_id);
	}
	submit(e, source);
}

static __always_inline void binding(__u32 type, struct kvm *kvm, struct inode *inode,
				    struct kvm_memory_slot *slot, int ret, __u32 source)
{
	struct gmt_event *e = ev_new(type, vm_pid_of(kvm), ino_of(inode));

	if (!e)
		return;
	/* The verifier takes a module's tracepoint arguments for nullable. */
	if (slot) {
		e->gfn = BPF_CORE_READ(slot, base_gfn);
		e->npages = BPF_CORE_READ(slot, npages);
		e->pgoff = BPF_CORE_READ(slot, gmem.pgoff);
		e->slot = BPF_CORE_READ(slot, id);
		e->as_id = BPF_CORE_READ(slot, as_id);
	}
	e->ret = ret;
	submit(e, source);
}

static __always_inline void range_op(__u32 type, int vm_pid, __u64 ino, __u64 start,
				     __u64 end, int ret, __u64 ns, __u32 source)
{
	struct gmt_event *e = ev_new(type, vm_pid, ino);

	if (!e)
		return;
	e->start = start;
	e->end = end;
	e->ret = ret;
	e->dur_ns = ns;
	submit(e, source);
}

static __always_inline void get_pfn(struct kvm *kvm, __u64 ino, __u64 gfn, __u64 index,
				    __u64 pfn, int order, int ret, __u64 ns, __u32 source)
{
	struct arch_state *st;
	struct gmt_event *e;

	if (!ret) {
		st = bpf_map_lookup_elem(&arch_pfns, &pfn);
		if (st && !st->ino)
			st->ino = ino;
	}
	e = ev_new(GMT_EV_GET_PFN, vm_pid_of(kvm), ino);

	if (!e)
		return;
	e->gfn = gfn;
	e->index = index;
	e->pfn = ret ? 0 : pfn;
	e->order = ret ? 0 : order;
	e->ret = ret;
	e->dur_ns = ns;
	submit(e, source);
}

static __always_inline int fault_errno(unsigned int vmf)
{
	if (vmf & 0x0001)	/* VM_FAULT_OOM */
		return -ENOMEM;
	if (vmf & (0x0010 | 0x0020))	/* VM_FAULT_HWPOISON(_LARGE) */
		return -EHWPOISON;
	if (vmf & (0x0002 | 0x0040))	/* VM_FAULT_SIGBUS, VM_FAULT_SIGSEGV */
		return -EFAULT;
	return 0;
}

static __always_inline void fault_user(int vm_pid, __u64 ino, __u64 index, __u64 pfn,
				       unsigned int vmf, __u64 ns, __u32 source)
{
	struct gmt_event *e = ev_new(GMT_EV_FAULT_USER, vm_pid, ino);

	if (!e)
		return;
	e->index = index;
	e->pfn = pfn;
	e->flags = vmf;
	e->ret = fault_errno(vmf);
	e->dur_ns = ns;
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

	if (old_order <= new_order || old_order > 18)
		return;
	st = bpf_map_lookup_elem(&arch_pfns, &pfn);
	if (!st || st->npages != 1ULL << old_order)
		return;
	c.st = *st;
	c.nr = 1ULL << new_order;
	bpf_loop(1U << (old_order - new_order), split_piece, &c, 0);
}

static __always_inline void restructure(__u32 type, struct kvm *kvm, struct inode *inode,
					__u64 index, __u64 pfn, int old_order, int new_order,
					unsigned int reason, int ret, __u64 ns)
{
	struct gmt_event *e = ev_new(type, vm_pid_of(kvm), ino_of(inode));

	if (!e)
		return;
	e->index = index;
	e->pfn = pfn;
	e->old_order = old_order;
	e->order = new_order;
	e->reason = reason;
	e->ret = ret;
	e->dur_ns = ns;
	submit(e, GMT_SRC_TRACEPOINT);
}

/* ---- tp_btf: a kernel with the kvm_gmem trace events ---- */

SEC("tp_btf/kvm_gmem_create")
int BPF_PROG(tp_create, struct kvm *kvm, struct inode *inode, u64 flags)
{
	struct gmt_event *e = ev_new(GMT_EV_CREATE, vm_pid_of(kvm), ino_of(inode));

	if (!e)
		return 0;
	e->size = inode ? BPF_CORE_READ(inode, i_size) : 0;
	e->flags = flags;
	submit(e, GMT_SRC_TRACEPOINT);
	return 0;
}

SEC("tp_btf/kvm_gmem_release")
int BPF_PROG(tp_release, struct kvm *kvm, struct inode *inode)
{
	struct gmt_event *e = ev_new(GMT_EV_RELEASE, vm_pid_of(kvm), ino_of(inode));

	if (e)
		submit(e, GMT_SRC_TRACEPOINT);
	return 0;
}

SEC("tp_btf/kvm_gmem_bind")
int BPF_PROG(tp_bind, struct kvm *kvm, struct inode *inode, struct kvm_memory_slot *slot,
	     int ret)
{
	binding(GMT_EV_BIND, kvm, inode, slot, ret, GMT_SRC_TRACEPOINT);
	return 0;
}

SEC("tp_btf/kvm_gmem_unbind")
int BPF_PROG(tp_unbind, struct kvm *kvm, struct inode *inode, struct kvm_memory_slot *slot,
	     int ret)
{
	binding(GMT_EV_UNBIND, kvm, inode, slot, ret, GMT_SRC_TRACEPOINT);
	return 0;
}

SEC("tp_btf/kvm_gmem_allocate")
int BPF_PROG(tp_allocate, struct kvm *kvm, struct inode *inode, unsigned long start, unsigned long end,
	     int ret, u64 ns)
{
	range_op(GMT_EV_ALLOCATE, vm_pid_of(kvm), ino_of(inode), start, end, ret, ns,
		 GMT_SRC_TRACEPOINT);
	return 0;
}

SEC("tp_btf/kvm_gmem_punch_hole")
int BPF_PROG(tp_punch_hole, struct kvm *kvm, struct inode *inode, unsigned long start,
	     unsigned long end, int ret, u64 ns)
{
	range_op(GMT_EV_PUNCH_HOLE, vm_pid_of(kvm), ino_of(inode), start, end, ret, ns,
		 GMT_SRC_TRACEPOINT);
	return 0;
}

SEC("tp_btf/kvm_gmem_get_pfn")
int BPF_PROG(tp_get_pfn, struct kvm *kvm, struct inode *inode, gfn_t gfn, unsigned long index,
	     kvm_pfn_t pfn, int order, int ret, u64 ns)
{
	get_pfn(kvm, ino_of(inode), gfn, index, pfn, order, ret, ns, GMT_SRC_TRACEPOINT);
	return 0;
}

SEC("tp_btf/kvm_gmem_fault_user")
int BPF_PROG(tp_fault_user, struct kvm *kvm, struct inode *inode, unsigned long index,
	     kvm_pfn_t pfn, vm_fault_t ret, u64 ns)
{
	fault_user(vm_pid_of(kvm), ino_of(inode), index, pfn, ret, ns, GMT_SRC_TRACEPOINT);
	return 0;
}

SEC("tp_btf/kvm_gmem_invalidate_begin")
int BPF_PROG(tp_invalidate_begin, struct kvm *kvm, struct inode *inode, unsigned long start,
	     unsigned long end, enum kvm_gfn_range_filter attr_filter)
{
	struct inval_key key = {
		.ino = ino_of(inode),
		.tid = (__u32)bpf_get_current_pid_tgid(),
		.vm_pid = vm_pid_of(kvm),
	};
	__u64 now = bpf_ktime_get_ns();
	struct gmt_event *e;

	bpf_map_update_elem(&inval_start, &key, &now, BPF_ANY);
	e = ev_new(GMT_EV_INVALIDATE_BEGIN, key.vm_pid, key.ino);
	if (!e)
		return 0;
	e->start = start;
	e->end = end;
	e->filter = attr_filter;
	submit(e, GMT_SRC_TRACEPOINT);
	return 0;
}

SEC("tp_btf/kvm_gmem_invalidate_end")
int BPF_PROG(tp_invalidate_end, struct kvm *kvm, struct inode *inode, unsigned long start,
	     unsigned long end, unsigned int nr_slots)
{
	struct inval_key key = {
		.ino = ino_of(inode),
		.tid = (__u32)bpf_get_current_pid_tgid(),
		.vm_pid = vm_pid_of(kvm),
	};
	struct gmt_event *e;
	__u64 *tsp, ns = 0;

	tsp = bpf_map_lookup_elem(&inval_start, &key);
	if (tsp) {
		ns = bpf_ktime_get_ns() - *tsp;
		bpf_map_delete_elem(&inval_start, &key);
	}
	e = ev_new(GMT_EV_INVALIDATE_END, key.vm_pid, key.ino);
	if (!e)
		return 0;
	e->start = start;
	e->end = end;
	e->nr_slots = nr_slots;
	e->dur_ns = ns;
	submit(e, GMT_SRC_TRACEPOINT);
	return 0;
}

SEC("tp_btf/kvm_gmem_memory_failure")
int BPF_PROG(tp_memory_failure, struct inode *inode, unsigned long start, unsigned long end,
	     kvm_pfn_t pfn)
{
	struct gmt_event *e = ev_new(GMT_EV_MEMORY_FAILURE, 0, ino_of(inode));

	if (!e)
		return 0;
	e->start = start;
	e->end = end;
	e->pfn = pfn;
	submit(e, GMT_SRC_TRACEPOINT);
	return 0;
}

SEC("tp_btf/kvm_gmem_populate")
int BPF_PROG(tp_populate, struct kvm *kvm, struct inode *inode, gfn_t gfn, unsigned long index,
	     kvm_pfn_t pfn, int ret)
{
	struct gmt_event *e;

	if (!ret)
		arch_state_begin(vm_pid_of(kvm), gfn, pfn, 1, ino_of(inode));
	e = ev_new(GMT_EV_POPULATE, vm_pid_of(kvm), ino_of(inode));
	if (!e)
		return 0;
	e->gfn = gfn;
	e->index = index;
	e->pfn = pfn;
	e->ret = ret;
	submit(e, GMT_SRC_TRACEPOINT);
	return 0;
}

SEC("tp_btf/kvm_gmem_arch_make_private")
int BPF_PROG(tp_arch_make_private, struct kvm *kvm, gfn_t gfn, kvm_pfn_t pfn,
	     kvm_pfn_t nr_pages, int ret)
{
	on_make_private(vm_pid_of(kvm), gfn, pfn, nr_pages, ret, GMT_SRC_TRACEPOINT);
	return 0;
}

SEC("tp_btf/kvm_gmem_arch_invalidate")
int BPF_PROG(tp_arch_invalidate, struct kvm *kvm, struct kvm_gfn_range *range)
{
	on_arch_invalidate(kvm, range, GMT_SRC_TRACEPOINT);
	return 0;
}

SEC("tp_btf/kvm_gmem_arch_reclaim")
int BPF_PROG(tp_arch_reclaim, kvm_pfn_t pfn, kvm_pfn_t nr_pages)
{
	on_reclaim(pfn, nr_pages, GMT_SRC_TRACEPOINT);
	return 0;
}

static __always_inline void conversion(__u32 type, struct kvm *kvm, struct inode *inode,
				       unsigned long start, unsigned long end, bool to_private,
				       struct conv_state *cs, int ret, __u64 error_index,
				       __u64 ns)
{
	struct gmt_event *e = ev_new(type, vm_pid_of(kvm), ino_of(inode));

	if (!e)
		return;
	e->start = start;
	e->end = end;
	e->to_private = to_private;
	e->ret = ret;
	e->index = error_index;
	e->dur_ns = ns;
	e->verdict = cs ? cs->verdict : GMT_VERDICT_NONE;
	if (cs)
		__builtin_memcpy(e->policy, cs->policy, sizeof(e->policy));
	submit(e, GMT_SRC_TRACEPOINT);
}

SEC("tp_btf/kvm_gmem_convert_begin")
int BPF_PROG(tp_convert_begin, struct kvm *kvm, struct inode *inode, unsigned long start,
	     unsigned long end, bool to_private)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();

	bpf_map_delete_elem(&conversions, &tid);
	conversion(GMT_EV_CONVERT_BEGIN, kvm, inode, start, end, to_private, NULL, 0, 0, 0);
	return 0;
}

SEC("tp_btf/kvm_gmem_policy_convert")
int BPF_PROG(tp_policy_convert, struct kvm *kvm, struct inode *inode, unsigned long start,
	     unsigned long end, bool to_private, const char *name, int ret,
	     enum kvm_gmem_policy_verdict verdict)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct conv_state cs = { .verdict = verdict };

	bpf_probe_read_kernel_str(cs.policy, sizeof(cs.policy), name);
	bpf_map_update_elem(&conversions, &tid, &cs, BPF_ANY);
	conversion(GMT_EV_POLICY_CONVERT, kvm, inode, start, end, to_private, &cs, ret, 0, 0);
	return 0;
}

SEC("tp_btf/kvm_gmem_convert_end")
int BPF_PROG(tp_convert_end, struct kvm *kvm, struct inode *inode, unsigned long start,
	     unsigned long end, bool to_private, int ret, unsigned long error_index, u64 ns)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct conv_state *cs = bpf_map_lookup_elem(&conversions, &tid);

	conversion(GMT_EV_CONVERT_END, kvm, inode, start, end, to_private, cs, ret,
		   ret ? error_index : 0, ns);
	if (cs)
		bpf_map_delete_elem(&conversions, &tid);
	return 0;
}

SEC("tp_btf/kvm_gmem_split")
int BPF_PROG(tp_split, struct kvm *kvm, struct inode *inode, unsigned long index,
	     kvm_pfn_t pfn, unsigned int old_order, unsigned int new_order,
	     enum kvm_gmem_restructure_reason reason, int ret, u64 ns)
{
	if (!ret)
		arch_state_split(pfn, old_order, new_order);
	restructure(GMT_EV_SPLIT, kvm, inode, index, pfn, old_order, new_order, reason, ret,
		    ns);
	return 0;
}

SEC("tp_btf/kvm_gmem_merge")
int BPF_PROG(tp_merge, struct kvm *kvm, struct inode *inode, unsigned long index,
	     kvm_pfn_t pfn, unsigned int old_order, unsigned int new_order,
	     enum kvm_gmem_restructure_reason reason, int ret, u64 ns)
{
	restructure(GMT_EV_MERGE, kvm, inode, index, pfn, old_order, new_order, reason, ret,
		    ns);
	return 0;
}

SEC("tp_btf/kvm_gmem_policy_split")
int BPF_PROG(tp_policy_split, struct kvm *kvm, struct inode *inode, unsigned long index,
	     unsigned int order, enum kvm_gmem_restructure_reason reason, const char *name,
	     int ret, enum kvm_gmem_policy_verdict verdict, unsigned int new_order)
{
	struct gmt_event *e = ev_new(GMT_EV_POLICY_SPLIT, vm_pid_of(kvm), ino_of(inode));

	if (!e)
		return 0;
	e->index = index;
	e->old_order = order;
	e->order = new_order;
	e->reason = reason;
	e->ret = ret;
	e->verdict = verdict;
	bpf_probe_read_kernel_str(e->policy, sizeof(e->policy), name);
	submit(e, GMT_SRC_TRACEPOINT);
	return 0;
}

SEC("tp_btf/kvm_gmem_policy_merge")
int BPF_PROG(tp_policy_merge, struct kvm *kvm, struct inode *inode, unsigned long index,
	     unsigned int order, u64 uniform_ns, const char *name, int ret,
	     enum kvm_gmem_merge_verdict verdict, bool invalid)
{
	struct gmt_event *e = ev_new(GMT_EV_POLICY_MERGE, vm_pid_of(kvm), ino_of(inode));

	if (!e)
		return 0;
	e->index = index;
	e->order = order;
	e->uniform_ns = uniform_ns;
	e->ret = ret;
	e->verdict = invalid ? GMT_MERGE_INVALID : verdict;
	bpf_probe_read_kernel_str(e->policy, sizeof(e->policy), name);
	submit(e, GMT_SRC_TRACEPOINT);
	return 0;
}

/*
 * ---- fentry/fexit: a kernel without the events ----
 *
 * What the functions give: durations from an fentry timestamp; no
 * invalidation events (the helpers are static and usually inlined), no
 * pfn for user faults, memory failures as one page.
 */

/* struct gmem_file of 7.3 (struct kvm_gmem before it). */
struct gmem_file___gmt {
	struct kvm *kvm;
} __attribute__((preserve_access_index));

/* The VM a guest_memfd file belongs to, or NULL. */
static __always_inline struct kvm *file_kvm(struct file *file)
{
	struct gmem_file___gmt *f = BPF_CORE_READ(file, private_data);

	return f ? BPF_CORE_READ(f, kvm) : NULL;
}

static __always_inline int file_vm_pid(struct file *file)
{
	return vm_pid_of(file_kvm(file));
}

static __always_inline void stamp(void)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	__u64 now = bpf_ktime_get_ns();

	bpf_map_update_elem(&entry_ts, &tid, &now, BPF_ANY);
}

static __always_inline __u64 stamp_ns(void)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	__u64 *tsp, ns = 0;

	tsp = bpf_map_lookup_elem(&entry_ts, &tid);
	if (tsp) {
		ns = bpf_ktime_get_ns() - *tsp;
		bpf_map_delete_elem(&entry_ts, &tid);
	}
	return ns;
}

SEC("fentry/kvm_gmem_get_pfn")
int BPF_PROG(fe_get_pfn)
{
	stamp();
	return 0;
}

SEC("fexit/kvm_gmem_get_pfn")
int BPF_PROG(fx_get_pfn, struct kvm *kvm, struct kvm_memory_slot *slot, gfn_t gfn,
	     kvm_pfn_t *pfn, struct page **page, int *max_order, int ret)
{
	__u64 index, p = 0, ns = stamp_ns();
	struct file *file;
	int order = 0;

	index = gfn - BPF_CORE_READ(slot, base_gfn) + BPF_CORE_READ(slot, gmem.pgoff);
	file = BPF_CORE_READ(slot, gmem.file);
	if (!ret) {
		bpf_probe_read_kernel(&p, sizeof(p), pfn);
		if (max_order)
			bpf_probe_read_kernel(&order, sizeof(order), max_order);
	}
	get_pfn(kvm, file ? ino_of(BPF_CORE_READ(file, f_inode)) : 0, gfn, index, p, order,
		ret, ns, GMT_SRC_FENTRY);
	return 0;
}

SEC("fentry/kvm_gmem_fallocate")
int BPF_PROG(fe_fallocate)
{
	stamp();
	return 0;
}

SEC("fexit/kvm_gmem_fallocate")
int BPF_PROG(fx_fallocate, struct file *file, int mode, loff_t offset, loff_t len, long ret)
{
	__u32 type = (mode & 0x02 /* FALLOC_FL_PUNCH_HOLE */) ? GMT_EV_PUNCH_HOLE :
							     GMT_EV_ALLOCATE;

	range_op(type, file_vm_pid(file), ino_of(BPF_CORE_READ(file, f_inode)),
		 offset >> 12, (offset + len) >> 12, ret, stamp_ns(), GMT_SRC_FENTRY);
	return 0;
}

SEC("fexit/kvm_gmem_create")
int BPF_PROG(fx_create, struct kvm *kvm, struct kvm_create_guest_memfd *args, int ret)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct file **fds, *file = NULL;
	struct gmt_event *e;
	struct inode *inode = NULL;

	if (ret >= 0) {
		fds = BPF_CORE_READ(task, files, fdt, fd);
		bpf_probe_read_kernel(&file, sizeof(file), &fds[ret]);
		if (file)
			inode = BPF_CORE_READ(file, f_inode);
	}
	e = ev_new(GMT_EV_CREATE, vm_pid_of(kvm), ino_of(inode));
	if (!e)
		return 0;
	e->size = BPF_CORE_READ(args, size);
	e->flags = BPF_CORE_READ(args, flags);
	e->ret = ret < 0 ? ret : 0;
	submit(e, GMT_SRC_FENTRY);
	return 0;
}

SEC("fentry/kvm_gmem_release")
int BPF_PROG(fe_release, struct inode *inode, struct file *file)
{
	struct gmt_event *e = ev_new(GMT_EV_RELEASE, file_vm_pid(file), ino_of(inode));

	if (e)
		submit(e, GMT_SRC_FENTRY);
	return 0;
}

SEC("fexit/kvm_gmem_commit_memory_region")
int BPF_PROG(fx_bind, struct kvm *kvm, struct kvm_memory_slot *slot, int ret)
{
	struct file *file = BPF_CORE_READ(slot, gmem.file);

	binding(GMT_EV_BIND, kvm, file ? BPF_CORE_READ(file, f_inode) : NULL, slot, ret,
		GMT_SRC_FENTRY);
	return 0;
}

SEC("fentry/kvm_gmem_unbind")
int BPF_PROG(fe_unbind, struct kvm_memory_slot *slot)
{
	struct file *file = BPF_CORE_READ(slot, gmem.file);

	/* The slot does not name its VM; its guest_memfd does. */
	if (file)
		binding(GMT_EV_UNBIND, file_kvm(file), BPF_CORE_READ(file, f_inode), slot, 0,
			GMT_SRC_FENTRY);
	return 0;
}

SEC("fentry/kvm_gmem_fault_user_mapping")
int BPF_PROG(fe_fault_user)
{
	stamp();
	return 0;
}

SEC("fexit/kvm_gmem_fault_user_mapping")
int BPF_PROG(fx_fault_user, struct vm_fault *vmf, vm_fault_t ret)
{
	struct file *file = BPF_CORE_READ(vmf, vma, vm_file);
	fault_user(file_vm_pid(file), ino_of(BPF_CORE_READ(file, f_inode)),
		   BPF_CORE_READ(vmf, pgoff), 0, ret, stamp_ns(), GMT_SRC_FENTRY);
	return 0;
}

SEC("fentry/kvm_gmem_error_folio")
int BPF_PROG(fe_memory_failure, struct address_space *mapping, struct folio *folio)
{
	struct gmt_event *e = ev_new(GMT_EV_MEMORY_FAILURE, 0,
				     ino_of(BPF_CORE_READ(mapping, host)));

	if (!e)
		return 0;
	e->start = BPF_CORE_READ(folio, index);
	e->end = e->start + 1;
	submit(e, GMT_SRC_FENTRY);
	return 0;
}

SEC("fexit/kvm_arch_gmem_make_private")
int BPF_PROG(fx_arch_make_private, struct kvm *kvm, gfn_t gfn, kvm_pfn_t pfn,
	     kvm_pfn_t nr_pages, int ret)
{
	on_make_private(vm_pid_of(kvm), gfn, pfn, nr_pages, ret, GMT_SRC_FENTRY);
	return 0;
}

SEC("fentry/kvm_arch_gmem_invalidate_range")
int BPF_PROG(fe_arch_invalidate, struct kvm *kvm, struct kvm_gfn_range *range)
{
	on_arch_invalidate(kvm, range, GMT_SRC_FENTRY);
	return 0;
}

SEC("fentry/kvm_arch_gmem_reclaim")
int BPF_PROG(fe_arch_reclaim, kvm_pfn_t pfn, kvm_pfn_t nr_pages)
{
	on_reclaim(pfn, nr_pages, GMT_SRC_FENTRY);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
