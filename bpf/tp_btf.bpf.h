/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The tp_btf programs, on the kvm_gmem trace events of a kernel with the
 * series: thin shims over handlers.bpf.h.  Included by gmemtrace.bpf.c
 * only.
 */
#ifndef GMT_TP_BTF_BPF_H
#define GMT_TP_BTF_BPF_H

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

/* ---- tp_btf: a kernel with the kvm_gmem trace events ---- */

SEC("tp_btf/kvm_gmem_create")
int BPF_PROG(tp_create, struct kvm *kvm, struct inode *inode, u64 flags)
{
	struct gmt_event *e;

	if (counted(GMT_EV_CREATE, vm_pid_of(kvm), ino_of(inode), 0, 0))
		return 0;
	e = ev_new(GMT_EV_CREATE, vm_pid_of(kvm), ino_of(inode));
	if (!e)
		return 0;
	e->size = inode ? inode->i_size : 0;
	e->flags = flags;
	submit(e, GMT_SRC_TRACEPOINT);
	return 0;
}

SEC("tp_btf/kvm_gmem_release")
int BPF_PROG(tp_release, struct kvm *kvm, struct inode *inode)
{
	struct gmt_event *e;

	if (counted(GMT_EV_RELEASE, vm_pid_of(kvm), ino_of(inode), 0, 0))
		return 0;
	e = ev_new(GMT_EV_RELEASE, vm_pid_of(kvm), ino_of(inode));
	if (e)
		submit(e, GMT_SRC_TRACEPOINT);
	return 0;
}

SEC("tp_btf/kvm_gmem_bind")
int BPF_PROG(tp_bind, struct kvm *kvm, struct inode *inode, struct kvm_memory_slot *slot,
	     int ret)
{
	binding(GMT_EV_BIND, vm_pid_of(kvm), ino_of(inode), slot, ret, GMT_SRC_TRACEPOINT);
	return 0;
}

SEC("tp_btf/kvm_gmem_unbind")
int BPF_PROG(tp_unbind, struct kvm *kvm, struct inode *inode, struct kvm_memory_slot *slot,
	     int ret)
{
	binding(GMT_EV_UNBIND, vm_pid_of(kvm), ino_of(inode), slot, ret, GMT_SRC_TRACEPOINT);
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
	if (counted(GMT_EV_INVALIDATE_BEGIN, key.vm_pid, key.ino, 0, 0))
		return 0;
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
	if (counted(GMT_EV_INVALIDATE_END, key.vm_pid, key.ino, 0, ns))
		return 0;
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
	struct gmt_event *e;

	if (counted(GMT_EV_MEMORY_FAILURE, 0, ino_of(inode), 0, 0))
		return 0;
	e = ev_new(GMT_EV_MEMORY_FAILURE, 0, ino_of(inode));
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
	if (counted(GMT_EV_POPULATE, vm_pid_of(kvm), ino_of(inode), ret, 0))
		return 0;
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
	struct gmt_event *e;

	if (counted(type, vm_pid_of(kvm), ino_of(inode), ret, ns))
		return;
	e = ev_new(type, vm_pid_of(kvm), ino_of(inode));
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
	struct gmt_event *e;

	if (counted(GMT_EV_POLICY_SPLIT, vm_pid_of(kvm), ino_of(inode), ret, 0))
		return 0;
	e = ev_new(GMT_EV_POLICY_SPLIT, vm_pid_of(kvm), ino_of(inode));
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
	struct gmt_event *e;

	if (counted(GMT_EV_POLICY_MERGE, vm_pid_of(kvm), ino_of(inode), ret, 0))
		return 0;
	e = ev_new(GMT_EV_POLICY_MERGE, vm_pid_of(kvm), ino_of(inode));
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

#endif
