/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The core of gmemtrace's BPF side: the loader's knobs, the ring buffer
 * and statistics maps, building and submitting a record, and counting it
 * per VM.  Included by gmemtrace.bpf.c only.
 */
#ifndef GMT_CORE_BPF_H
#define GMT_CORE_BPF_H

#define EFAULT		14
#define ENOMEM		12
#define EHWPOISON	133

#define MAX_VMS		1024
#define MAX_TRACKED	(256 * 1024)

/* Filters and modes, set by the loader before load. */
const volatile bool targ_trace = true;	/* records to the ring buffer */
const volatile bool targ_stats;		/* counts and histograms */
/* Follow each pfn's arch state (arch_state.bpf.h): -A. */
const volatile bool targ_arch;
/*
 * Bytes waiting in the ring buffer at which its reader is woken; below,
 * records wait for the reader's next poll.  0: woken at every record.
 */
const volatile __u64 targ_wakeup_bytes;
/* -e, -p, -m, -i: gmt_filter_pass() */
const volatile struct gmt_filter targ_filter = { .events = ~0ULL };

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

static __always_inline void self_inc(enum gmt_self_counter c)
{
	__sync_fetch_and_add(&self_counters[c], 1);
}

/*
 * The value of @key in @map, added as a copy of @init if missing
 * (libbpf-tools' bpf_map_lookup_or_try_init()), or NULL when the map is
 * full: an update lost, and counted.
 */
static __always_inline void *lookup_or_try_init(void *map, const void *key, const void *init)
{
	void *v = bpf_map_lookup_elem(map, key);

	if (v)
		return v;
	/* EEXIST: another CPU added it meanwhile. */
	bpf_map_update_elem(map, key, init, BPF_NOEXIST);
	v = bpf_map_lookup_elem(map, key);
	if (!v)
		self_inc(GMT_SELF_DROPPED_UPDATES);
	return v;
}

/*
 * The pid that created @kvm, and the inode number of @inode, from a
 * pointer the verifier knows the type of (a tp_btf or fentry argument, or
 * a field of one): a plain load.  A helper call per field cost more than
 * the rest of a counting program.
 */
static __always_inline int vm_pid_of(struct kvm *kvm)
{
	if (!kvm || !bpf_core_field_exists(kvm->userspace_pid))
		return 0;
	return kvm->userspace_pid;
}

static __always_inline __u64 ino_of(struct inode *inode)
{
	return inode ? inode->i_ino : 0;
}

/* The same from a pointer that is only a number (read from memory). */
static __always_inline int vm_pid_read(struct kvm *kvm)
{
	if (!kvm || !bpf_core_field_exists(kvm->userspace_pid))
		return 0;
	return BPF_CORE_READ(kvm, userspace_pid);
}

static __always_inline __u64 ino_read(struct inode *inode)
{
	return inode ? BPF_CORE_READ(inode, i_ino) : 0;
}

/*
 * A record for @type, or NULL when filtered out (or the ring buffer is
 * full), for tracing: reserved in the ring buffer, zeroed but for the
 * fields every record has, and committed by submit(): no copy.  Counting
 * takes counted() instead, before a record would be made.
 */
static __always_inline struct gmt_event *ev_new(__u32 type, int vm_pid, __u64 ino)
{
	struct gmt_event *e;
	__u64 id;

	if (!targ_trace)
		return NULL;
	id = bpf_get_current_pid_tgid();
	if (!gmt_filter_pass(&targ_filter, type, id >> 32, vm_pid, ino))
		return NULL;
	e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	if (!e) {
		self_inc(GMT_SELF_RB_LOST);
		return NULL;
	}
	__builtin_memset(e, 0, sizeof(*e));
	e->ts = bpf_ktime_get_ns();
	e->pid = id >> 32;
	e->tid = (__u32)id;
	e->cpu = bpf_get_smp_processor_id();
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

	v = lookup_or_try_init(&stats, &key, &zero_stat);
	if (!v)
		return;
	__sync_fetch_and_add(&v->count, 1);
	if (ret)
		__sync_fetch_and_add(&v->errors, 1);
	/* Untimed events have only counts: no sum, maximum or histogram. */
	if (type < GMT_EV_MAX && !(GMT_EV_TIMED & GMT_EV_BIT(type)))
		return;
	__sync_fetch_and_add(&v->sum_ns, ns);
	if (ns > v->max_ns)
		v->max_ns = ns;
	slot = log2l(ns);
	if (slot >= GMT_HIST_SLOTS)
		slot = GMT_HIST_SLOTS - 1;
	__sync_fetch_and_add(&v->slots[slot], 1);
}

/*
 * Count an event, when the programs count rather than trace: true then,
 * and the caller makes no record.  The values are passed rather than
 * staged in a per-CPU record: fentry and fexit programs run with
 * preemption enabled, and another program on the same CPU could rewrite
 * such a record before it is read.
 */
static __always_inline bool counted(__u32 type, int vm_pid, __u64 ino, int ret, __u64 ns)
{
	__u64 id = 0;

	if (targ_trace)
		return false;
	if (targ_filter.tgid)
		id = bpf_get_current_pid_tgid();
	if (targ_stats && gmt_filter_pass(&targ_filter, type, id >> 32, vm_pid, ino))
		account(vm_pid, type, ns, ret);
	return true;
}

/* Commit a traced record to the ring buffer. */
static __always_inline void submit(struct gmt_event *e, __u32 source)
{
	struct task_struct *task;
	__u64 flags;

	e->source = source;
	task = bpf_get_current_task_btf();
	__builtin_memcpy(e->comm, task->comm, sizeof(e->comm));
	e->comm[sizeof(e->comm) - 1] = 0;
	/*
	 * A wakeup per record costs the reader a context switch per record,
	 * and the program an irq_work: wake it for a batch, as perf's
	 * wakeup_watermark does.
	 */
	flags = 0;
	if (targ_wakeup_bytes)
		flags = bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA) >= targ_wakeup_bytes ?
			BPF_RB_FORCE_WAKEUP : BPF_RB_NO_WAKEUP;
	bpf_ringbuf_submit(e, flags);
}

static __always_inline void gauge_add(int vm_pid, long long delta)
{
	struct gmt_vm_gauge *g, zero = {};

	g = lookup_or_try_init(&gauges, &vm_pid, &zero);
	if (!g)
		return;
	__sync_fetch_and_add(&g->arch_private, delta);
}

#endif
