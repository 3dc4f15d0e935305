/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A minimal KVM VM for the workload runner: a KVM_X86_SW_PROTECTED_VM with
 * one vCPU in 32-bit flat protected mode whose only job is to write one
 * byte every @stride bytes of a guest-physical range, so that each page
 * takes exactly one fault.
 */
#ifndef GMEM_WORKLOAD_VM_H
#define GMEM_WORKLOAD_VM_H

#include <stdint.h>

/* The guest code lives in its own memslot just below 4 GiB. */
#define VM_CODE_SLOT	32000
#define VM_CODE_GPA	0xffff0000ull
#define VM_CODE_SIZE	0x10000ull

struct vm {
	int kvm_fd;
	int vm_fd;
	int vcpu_fd;
	void *run;		/* struct kvm_run, mmap()ed */
	long run_size;
	void *code;
	/*
	 * guest_memfd, not the VM, tracks which memory is private
	 * (KVM_CAP_GUEST_MEMFD_MEMORY_ATTRIBUTES reports PRIVATE).
	 */
	int in_place;
};

int vm_create(struct vm *vm, unsigned long type);
void vm_destroy(struct vm *vm);

/* Returns 0 when the guest reached its hlt, -errno, or a positive
 * KVM_EXIT_* reason that stopped it (details in @why). */
int vm_touch(struct vm *vm, uint64_t gpa, uint64_t len, uint64_t stride,
	     char *why, size_t why_len);

int vm_set_attributes(struct vm *vm, uint64_t gpa, uint64_t len, int private);
int vm_set_memslot(struct vm *vm, uint32_t slot, int gmem_fd, uint64_t gpa,
		   uint64_t len, uint64_t offset, void *uaddr);

#endif
