/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What each event records, whichever kind of program (tp_btf or
 * fentry/fexit) saw it.  Included by gmemtrace.bpf.c only.
 */
#ifndef GMT_HANDLERS_BPF_H
#define GMT_HANDLERS_BPF_H

static __always_inline void binding(__u32 type, int vm_pid, __u64 ino,
				    struct kvm_memory_slot *slot, int ret, __u32 source)
{
	struct gmt_event *e;

	if (counted(type, vm_pid, ino, ret, 0))
		return;
	e = ev_new(type, vm_pid, ino);
	if (!e)
		return;
	/* The verifier takes a module's tracepoint arguments for nullable. */
	if (slot) {
		e->gfn = slot->base_gfn;
		e->npages = slot->npages;
		e->pgoff = slot->gmem.pgoff;
		e->slot = slot->id;
		e->as_id = slot->as_id;
	}
	e->ret = ret;
	submit(e, source);
}

static __always_inline void range_op(__u32 type, int vm_pid, __u64 ino, __u64 start,
				     __u64 end, int ret, __u64 ns, __u32 source)
{
	struct gmt_event *e;

	if (counted(type, vm_pid, ino, ret, ns))
		return;
	e = ev_new(type, vm_pid, ino);
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

	if (targ_arch && !ret) {
		st = bpf_map_lookup_elem(&arch_pfns, &pfn);
		if (st && !st->ino)
			st->ino = ino;
	}
	if (counted(GMT_EV_GET_PFN, vm_pid_of(kvm), ino, ret, ns))
		return;
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
	struct gmt_event *e;

	if (counted(GMT_EV_FAULT_USER, vm_pid, ino, fault_errno(vmf), ns))
		return;
	e = ev_new(GMT_EV_FAULT_USER, vm_pid, ino);
	if (!e)
		return;
	e->index = index;
	e->pfn = pfn;
	e->flags = vmf;
	e->ret = fault_errno(vmf);
	e->dur_ns = ns;
	submit(e, source);
}

static __always_inline void restructure(__u32 type, struct kvm *kvm, struct inode *inode,
					__u64 index, __u64 pfn, int old_order, int new_order,
					unsigned int reason, int ret, __u64 ns)
{
	struct gmt_event *e;

	if (counted(type, vm_pid_of(kvm), ino_of(inode), ret, ns))
		return;
	e = ev_new(type, vm_pid_of(kvm), ino_of(inode));
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

#endif
