/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the BPF side of gmemtrace and the tool share: event types, the
 * ring-buffer record, the keys and values of the in-kernel statistics.
 * Plain C, included by both sides (no vmlinux.h, no libbpf).
 */
#ifndef GMEMTRACE_H
#define GMEMTRACE_H

#include "gmemtrace_events.h"

#define GMT_COMM_LEN	16
#define GMT_HIST_SLOTS	64

/* One per kvm_gmem tracepoint (or fentry/fexit fallback): GMT_EVENTS. */
enum gmt_event_type {
#define GMT_EV_ENUM(id, ...)	GMT_EV_##id,
	GMT_EVENTS(GMT_EV_ENUM)
#undef GMT_EV_ENUM
	GMT_EV_MAX,
};

/*
 * Sets of events are 64-bit masks, GMT_EV_BIT(type) for each; the first
 * @n types without a shift by 64, which C leaves undefined.
 */
#define GMT_EV_BIT(type)	(1ULL << (type))
#define GMT_EV_FIRST(n)		(GMT_EV_BIT((n) - 1) * 2 - 1)
#define GMT_EV_ALL		GMT_EV_FIRST(GMT_EV_MAX)
_Static_assert(GMT_EV_MAX > 0 && GMT_EV_MAX <= 64, "sets of events are 64-bit masks");

/* The events that carry a duration: GMT_EVENTS' "timed". */
#define GMT_EV_TIMED_BIT(id, name, group, timed, ...)	| ((timed) ? GMT_EV_BIT(GMT_EV_##id) : 0)
#define GMT_EV_TIMED		(0ULL GMT_EVENTS(GMT_EV_TIMED_BIT))

/*
 * The filters of -e, -p, -m and -i.  The BPF side asks gmt_filter_pass()
 * before it makes a record, the reader of a trace file (trace -r) for
 * each record it reads: one test for both.
 */
struct gmt_filter {
	unsigned long long events;	/* GMT_EV_BIT()s */
	unsigned long long ino;		/* only this guest_memfd; 0: any */
	int tgid;			/* only this process; 0: any */
	int vm_pid;			/* only this VM; 0: any */
};

/* Whether an event of @type by process @tgid, of @vm_pid and @ino passes @f. */
static inline __attribute__((always_inline)) int
gmt_filter_pass(const volatile struct gmt_filter *f, unsigned int type, unsigned int tgid,
		int vm_pid, unsigned long long ino)
{
	if (type >= GMT_EV_MAX || !(f->events & GMT_EV_BIT(type)))
		return 0;
	if (f->tgid && tgid != (unsigned int)f->tgid)
		return 0;
	if (f->vm_pid && vm_pid != f->vm_pid)
		return 0;
	if (f->ino && ino != f->ino)
		return 0;
	return 1;
}

/*
 * Statistics that are not one event: the lifetime of the architecture's
 * per-pfn state.  They share the per-VM statistics map with the events,
 * after GMT_EV_MAX.  (The invalidation latency, begin to end, is the
 * duration of invalidate_end.)
 */
enum gmt_stat_type {
	GMT_ST_ARCH_LIFETIME = GMT_EV_MAX,	/* make_private -> reclaim/invalidate */
	GMT_ST_MAX,
};

/* Where an event came from. */
enum gmt_source {
	GMT_SRC_TRACEPOINT,		/* tp_btf on a kvm_gmem event */
	GMT_SRC_FENTRY,			/* fentry/fexit on kvm_gmem_*() */
};

/* @verdict of a conversion: what the policy made of it. */
enum gmt_verdict {
	GMT_VERDICT_NONE = -1,		/* no policy attached */
	GMT_VERDICT_ALLOW,		/* kernel's KVM_GMEM_POLICY_* values */
	GMT_VERDICT_DENY,
	GMT_VERDICT_INVALID,		/* out-of-contract return: allowed */
};

/* @verdict of policy_merge: the kernel's KVM_GMEM_MERGE_* values. */
enum gmt_merge_verdict {
	GMT_MERGE_NOW,
	GMT_MERGE_DEFER,
	GMT_MERGE_NEVER,
	GMT_MERGE_INVALID,		/* out-of-contract return: merged now */
};

/* @reason of split and merge: the kernel's KVM_GMEM_RESTRUCTURE_* values. */
enum gmt_reason {
	GMT_REASON_CONVERT,		/* split: part of the folio converted */
	GMT_REASON_PUNCH,		/* split: a hole punched in part of it */
	GMT_REASON_UNIFORM,		/* merge: range uniform and full again */
	GMT_REASON_POLICY,		/* merge: after the policy deferred it */
};

/* @filter of invalidations: KVM_FILTER_SHARED/PRIVATE. */
#define GMT_FILTER_SHARED	(1U << 0)
#define GMT_FILTER_PRIVATE	(1U << 1)

/*
 * A ring-buffer record.  Which fields mean something depends on @type
 * (see the tool's event table); the others are 0.  Page ranges are file
 * page indices [start, end); gfn/pfn are guest and host frame numbers.
 * Trace files (trace -w) hold it as it is: a member is only appended,
 * and listed in gmt_tf_fields[] (tools/gmemtrace/trace_file.c).
 */
struct gmt_event {
	unsigned long long ts;		/* CLOCK_MONOTONIC ns */
	unsigned long long ino;		/* guest_memfd inode number */
	unsigned long long dur_ns;	/* duration, 0 if not measured */
	unsigned long long start;	/* range start (index or gfn) */
	unsigned long long end;		/* range end, exclusive */
	unsigned long long gfn;
	unsigned long long index;	/* file page index */
	unsigned long long pfn;
	unsigned long long npages;
	unsigned long long size;	/* create: bytes */
	unsigned long long flags;	/* create: GUEST_MEMFD_FLAG_*; fault_user: VM_FAULT_* */
	unsigned long long pgoff;	/* bind/unbind: file offset in pages */
	int vm_pid;			/* pid that created the VM, 0 if none */
	int ret;			/* result, 0 or -errno */
	int order;			/* folio order given to KVM; split/merge: new */
	int slot;			/* memslot id */
	unsigned int as_id;		/* memslot address space */
	unsigned int filter;		/* GMT_FILTER_* */
	unsigned int nr_slots;		/* memslots hit by an invalidation */
	unsigned int type;		/* enum gmt_event_type */
	unsigned int pid;		/* tgid of the task that caused it */
	unsigned int tid;
	unsigned int cpu;
	unsigned int source;		/* enum gmt_source */
	unsigned int to_private;	/* conversions: 1 to private, 0 to shared */
	int verdict;			/* conversions: enum gmt_verdict */
	char comm[GMT_COMM_LEN];
	char policy[GMT_COMM_LEN];	/* conversions: the policy's name */
	unsigned long long uniform_ns;	/* policy_merge: range uniform for */
	int old_order;			/* split/merge: folio order before */
	unsigned int reason;		/* split/merge: enum gmt_reason */
};

/* Per-VM statistics: key of the stats hash map. */
struct gmt_stat_key {
	int vm_pid;
	unsigned int type;		/* enum gmt_event_type or gmt_stat_type */
};

struct gmt_stat_val {
	unsigned long long count;
	unsigned long long errors;	/* ret != 0 */
	unsigned long long sum_ns;
	unsigned long long max_ns;
	unsigned long long slots[GMT_HIST_SLOTS];	/* log2 of ns */
};

/* Per-VM gauges, keyed by the VM's pid. */
struct gmt_vm_gauge {
	long long arch_private;		/* pfns with live arch (RMP) state */
};

/* Counters the BPF side keeps about itself (an array map). */
enum gmt_self_counter {
	GMT_SELF_RB_LOST,		/* ring buffer full: record dropped */
	GMT_SELF_DROPPED_UPDATES,	/* an update lost: an in-kernel map was full */
	GMT_SELF_MAX,
};

#endif /* GMEMTRACE_H */
