// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/kvm.h>

#include "vm.h"

/*
 * eax = start, ebx = end, ecx = stride
 * 1: movb $0x5a, (%eax); add %ecx, %eax; cmp %ebx, %eax; jb 1b; hlt
 */
static const uint8_t guest_code[] = {
	0xc6, 0x00, 0x5a,	/* movb $0x5a, (%eax) */
	0x01, 0xc8,		/* add %ecx, %eax */
	0x39, 0xd8,		/* cmp %ebx, %eax */
	0x72, 0xf7,		/* jb -9 */
	0xf4,			/* hlt */
};

static int xioctl(int fd, unsigned long req, void *arg)
{
	int r = ioctl(fd, req, arg);

	return r < 0 ? -errno : r;
}

int vm_set_memslot(struct vm *vm, uint32_t slot, int gmem_fd, uint64_t gpa,
		   uint64_t len, uint64_t offset, void *uaddr)
{
	struct kvm_userspace_memory_region2 r = {
		.slot = slot,
		.flags = gmem_fd >= 0 ? KVM_MEM_GUEST_MEMFD : 0,
		.guest_phys_addr = gpa,
		.memory_size = len,
		.userspace_addr = (uintptr_t)uaddr,
		.guest_memfd = gmem_fd >= 0 ? gmem_fd : 0,
		.guest_memfd_offset = offset,
	};

	return xioctl(vm->vm_fd, KVM_SET_USER_MEMORY_REGION2, &r);
}

int vm_set_attributes(struct vm *vm, uint64_t gpa, uint64_t len, int private)
{
	struct kvm_memory_attributes a = {
		.address = gpa,
		.size = len,
		.attributes = private ? KVM_MEMORY_ATTRIBUTE_PRIVATE : 0,
	};

	return xioctl(vm->vm_fd, KVM_SET_MEMORY_ATTRIBUTES, &a);
}

static void flat_segment(struct kvm_segment *s, uint16_t sel, uint8_t type)
{
	memset(s, 0, sizeof(*s));
	s->limit = 0xffffffff;
	s->selector = sel;
	s->type = type;
	s->present = 1;
	s->db = 1;
	s->s = 1;
	s->g = 1;
}

int vm_create(struct vm *vm, unsigned long type)
{
	struct kvm_sregs sregs;
	int r;

	memset(vm, 0, sizeof(*vm));
	vm->kvm_fd = vm->vm_fd = vm->vcpu_fd = -1;
	vm->kvm_fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (vm->kvm_fd < 0)
		return -errno;
	vm->vm_fd = r = xioctl(vm->kvm_fd, KVM_CREATE_VM, (void *)type);
	if (r < 0)
		return r;
	r = xioctl(vm->vm_fd, KVM_CHECK_EXTENSION,
		   (void *)KVM_CAP_GUEST_MEMFD_MEMORY_ATTRIBUTES);
	vm->in_place = r > 0 && (r & KVM_MEMORY_ATTRIBUTE_PRIVATE);
	vm->code = mmap(NULL, VM_CODE_SIZE, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (vm->code == MAP_FAILED)
		return -errno;
	memcpy(vm->code, guest_code, sizeof(guest_code));
	r = vm_set_memslot(vm, VM_CODE_SLOT, -1, VM_CODE_GPA, VM_CODE_SIZE, 0,
			   vm->code);
	if (r)
		return r;

	vm->vcpu_fd = r = xioctl(vm->vm_fd, KVM_CREATE_VCPU, (void *)0);
	if (r < 0)
		return r;
	vm->run_size = xioctl(vm->kvm_fd, KVM_GET_VCPU_MMAP_SIZE, NULL);
	if (vm->run_size < 0)
		return vm->run_size;
	vm->run = mmap(NULL, vm->run_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		       vm->vcpu_fd, 0);
	if (vm->run == MAP_FAILED)
		return -errno;

	r = xioctl(vm->vcpu_fd, KVM_GET_SREGS, &sregs);
	if (r)
		return r;
	flat_segment(&sregs.cs, 0x8, 0xb);
	flat_segment(&sregs.ds, 0x10, 0x3);
	sregs.es = sregs.fs = sregs.gs = sregs.ss = sregs.ds;
	sregs.cr0 = 0x11;	/* PE | ET, no paging */
	sregs.cr4 = 0;
	sregs.efer = 0;
	return xioctl(vm->vcpu_fd, KVM_SET_SREGS, &sregs);
}

int vm_touch(struct vm *vm, uint64_t gpa, uint64_t len, uint64_t stride,
	     char *why, size_t why_len)
{
	struct kvm_run *run = vm->run;
	struct kvm_regs regs = {
		.rax = gpa,
		.rbx = gpa + len,
		.rcx = stride,
		.rip = VM_CODE_GPA,
		.rflags = 0x2,
	};
	int r;

	if (gpa + len > VM_CODE_GPA)
		return -ERANGE;
	r = xioctl(vm->vcpu_fd, KVM_SET_REGS, &regs);
	if (r)
		return r;
	for (;;) {
		r = xioctl(vm->vcpu_fd, KVM_RUN, NULL);
		if (r == -EINTR || r == -EAGAIN)
			continue;
		if (r == -EFAULT && run->exit_reason == KVM_EXIT_MEMORY_FAULT) {
			snprintf(why, why_len, "memory_fault gpa=%#llx %s",
				 (unsigned long long)run->memory_fault.gpa,
				 run->memory_fault.flags & KVM_MEMORY_EXIT_FLAG_PRIVATE ?
				 "private" : "shared");
			return KVM_EXIT_MEMORY_FAULT;
		}
		if (r)
			return r;
		switch (run->exit_reason) {
		case KVM_EXIT_HLT:
			return 0;
		default:
			snprintf(why, why_len, "exit_reason=%u", run->exit_reason);
			return run->exit_reason;
		}
	}
}

void vm_destroy(struct vm *vm)
{
	if (vm->run && vm->run != MAP_FAILED)
		munmap(vm->run, vm->run_size);
	if (vm->code && vm->code != MAP_FAILED)
		munmap(vm->code, VM_CODE_SIZE);
	if (vm->vcpu_fd >= 0)
		close(vm->vcpu_fd);
	if (vm->vm_fd >= 0)
		close(vm->vm_fd);
	if (vm->kvm_fd >= 0)
		close(vm->kvm_fd);
	memset(vm, 0, sizeof(*vm));
	vm->kvm_fd = vm->vm_fd = vm->vcpu_fd = -1;
}
