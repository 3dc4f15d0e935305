/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fentry/fexit programs, on the kvm_gmem_*() functions of a kernel
 * without the events: thin shims over handlers.bpf.h.  Included by
 * gmemtrace.bpf.c only.
 */
#ifndef GMT_FENTRY_BPF_H
#define GMT_FENTRY_BPF_H

/* fentry timestamps for fexit durations, per thread. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, __u32);
	__type(value, __u64);
} entry_ts SEC(".maps");

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
	return vm_pid_read(file_kvm(file));
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

	index = gfn - slot->base_gfn + slot->gmem.pgoff;
	file = slot->gmem.file;
	if (!ret) {
		bpf_probe_read_kernel(&p, sizeof(p), pfn);
		if (max_order)
			bpf_probe_read_kernel(&order, sizeof(order), max_order);
	}
	get_pfn(kvm, file ? ino_of(file->f_inode) : 0, gfn, index, p, order,
		ret, ns, GMT_SRC_FENTRY);
	return 0;
}

SEC("fentry/kvm_gmem_fallocate")
int BPF_PROG(fe_allocate)
{
	stamp();
	return 0;
}

SEC("fexit/kvm_gmem_fallocate")
int BPF_PROG(fx_allocate, struct file *file, int mode, loff_t offset, loff_t len, long ret)
{
	__u32 type = (mode & 0x02 /* FALLOC_FL_PUNCH_HOLE */) ? GMT_EV_PUNCH_HOLE :
							     GMT_EV_ALLOCATE;

	range_op(type, file_vm_pid(file), ino_of(file->f_inode),
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
	__u64 ino;

	if (ret >= 0) {
		fds = BPF_CORE_READ(task, files, fdt, fd);
		bpf_probe_read_kernel(&file, sizeof(file), &fds[ret]);
		if (file)
			inode = BPF_CORE_READ(file, f_inode);
	}
	ino = ino_read(inode);
	if (counted(GMT_EV_CREATE, vm_pid_of(kvm), ino, ret < 0 ? ret : 0, 0))
		return 0;
	e = ev_new(GMT_EV_CREATE, vm_pid_of(kvm), ino);
	if (!e)
		return 0;
	e->size = args->size;
	e->flags = args->flags;
	e->ret = ret < 0 ? ret : 0;
	submit(e, GMT_SRC_FENTRY);
	return 0;
}

SEC("fentry/kvm_gmem_release")
int BPF_PROG(fe_release, struct inode *inode, struct file *file)
{
	int vm_pid = file_vm_pid(file);
	struct gmt_event *e;

	if (counted(GMT_EV_RELEASE, vm_pid, ino_of(inode), 0, 0))
		return 0;
	e = ev_new(GMT_EV_RELEASE, vm_pid, ino_of(inode));
	if (e)
		submit(e, GMT_SRC_FENTRY);
	return 0;
}

SEC("fexit/kvm_gmem_commit_memory_region")
int BPF_PROG(fx_bind, struct kvm *kvm, struct kvm_memory_slot *slot, int ret)
{
	struct file *file = slot->gmem.file;

	binding(GMT_EV_BIND, vm_pid_of(kvm), file ? ino_of(file->f_inode) : 0, slot, ret,
		GMT_SRC_FENTRY);
	return 0;
}

SEC("fentry/kvm_gmem_unbind")
int BPF_PROG(fe_unbind, struct kvm_memory_slot *slot)
{
	struct file *file = slot->gmem.file;

	/* The slot does not name its VM; its guest_memfd does. */
	if (file)
		binding(GMT_EV_UNBIND, file_vm_pid(file), ino_of(file->f_inode), slot, 0,
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
	struct file *file = vmf->vma->vm_file;

	fault_user(file_vm_pid(file), file ? ino_of(file->f_inode) : 0, vmf->pgoff, 0, ret,
		   stamp_ns(), GMT_SRC_FENTRY);
	return 0;
}

SEC("fentry/kvm_gmem_error_folio")
int BPF_PROG(fe_memory_failure, struct address_space *mapping, struct folio *folio)
{
	struct gmt_event *e;

	if (counted(GMT_EV_MEMORY_FAILURE, 0, ino_of(mapping->host), 0, 0))
		return 0;
	e = ev_new(GMT_EV_MEMORY_FAILURE, 0, ino_of(mapping->host));
	if (!e)
		return 0;
	e->start = folio->index;
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

#endif
