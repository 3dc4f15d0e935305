/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every event gmemtrace knows, once:
 *
 *	X(ID, name, group, timed, fields)
 *
 * ID makes GMT_EV_ID (include/gmemtrace.h), for the BPF side and the
 * tool; name is the tracepoint kvm_gmem_<name>, the JSON "event" and -e's
 * name, and the suffix of its BPF programs (tp_<name>, fe_<name>,
 * fx_<name>); group is -e's group; timed says that the record carries a
 * duration; fields are the record's fields in output order
 * (tools/gmemtrace/events.h), unused on the BPF side.
 *
 * The order is ABI of the record file: append only.  Adding an event is
 * this line, its tracepoint in the kernel, and its BPF program (see
 * CONTRIBUTING.md).
 */
#ifndef GMEMTRACE_EVENTS_H
#define GMEMTRACE_EVENTS_H

#define GMT_EVENTS(X)								\
	X(CREATE, create, lifecycle, false, FIELDS(F_SIZE, F_CREATE_FLAGS))	\
	X(RELEASE, release, lifecycle, false, FIELDS())				\
	X(BIND, bind, lifecycle, false,						\
	  FIELDS(F_AS_ID, F_SLOT, F_GFN, F_NPAGES, F_PGOFF, F_RET))		\
	X(UNBIND, unbind, lifecycle, false,					\
	  FIELDS(F_AS_ID, F_SLOT, F_GFN, F_NPAGES, F_PGOFF, F_RET))		\
	X(ALLOCATE, allocate, alloc, true, FIELDS(F_START, F_END, F_RET))	\
	X(PUNCH_HOLE, punch_hole, alloc, true, FIELDS(F_START, F_END, F_RET))	\
	/* A private fault. */							\
	X(GET_PFN, get_pfn, fault, true,					\
	  FIELDS(F_GFN, F_INDEX, F_PFN, F_ORDER, F_RET))			\
	/* A shared fault. */							\
	X(FAULT_USER, fault_user, fault, true,					\
	  FIELDS(F_INDEX, F_PFN, F_FAULT_FLAGS, F_RET))				\
	X(INVALIDATE_BEGIN, invalidate_begin, invalidate, false,		\
	  FIELDS(F_START, F_END, F_FILTER))					\
	X(INVALIDATE_END, invalidate_end, invalidate, true,			\
	  FIELDS(F_START, F_END, F_NR_SLOTS))					\
	X(MEMORY_FAILURE, memory_failure, memory_failure, false,		\
	  FIELDS(F_START, F_END, F_PFN))					\
	X(POPULATE, populate, populate, false,					\
	  FIELDS(F_GFN, F_INDEX, F_PFN, F_RET))					\
	X(ARCH_MAKE_PRIVATE, arch_make_private, arch, false,			\
	  FIELDS(F_GFN, F_PFN, F_NPAGES, F_RET))				\
	X(ARCH_INVALIDATE, arch_invalidate, arch, false,			\
	  FIELDS(F_AS_ID, F_SLOT, F_START, F_END, F_FILTER))			\
	X(ARCH_RECLAIM, arch_reclaim, arch, false, FIELDS(F_PFN, F_NPAGES))	\
	X(CONVERT_BEGIN, convert_begin, convert, false,				\
	  FIELDS(F_START, F_END, F_TO))						\
	X(CONVERT_END, convert_end, convert, true,				\
	  FIELDS(F_START, F_END, F_TO, F_RET, F_ERROR_INDEX, F_POLICY,		\
		 F_VERDICT))							\
	X(POLICY_CONVERT, policy_convert, convert, false,			\
	  FIELDS(F_START, F_END, F_TO, F_POLICY, F_RET, F_VERDICT))		\
	/* A huge folio split. */						\
	X(SPLIT, split, huge, true,						\
	  FIELDS(F_INDEX, F_PFN, F_OLD_ORDER, F_ORDER, F_REASON, F_RET))	\
	/* A 2M range merged. */						\
	X(MERGE, merge, huge, true,						\
	  FIELDS(F_INDEX, F_PFN, F_OLD_ORDER, F_ORDER, F_REASON, F_RET))	\
	X(POLICY_SPLIT, policy_split, huge, false,				\
	  FIELDS(F_INDEX, F_OLD_ORDER, F_ORDER, F_REASON, F_POLICY, F_RET,	\
		 F_VERDICT))							\
	X(POLICY_MERGE, policy_merge, huge, false,				\
	  FIELDS(F_INDEX, F_ORDER, F_UNIFORM_NS, F_POLICY, F_RET,		\
		 F_MERGE_VERDICT))

#endif
