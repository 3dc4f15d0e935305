// SPDX-License-Identifier: GPL-2.0
/*
 * A VMM's use of in-place guest_memfd conversion, written only from the
 * contract that upstream's in-place conversion series documents ("KVM:
 * guest_memfd: In-place conversion support", v8, 2026-06-18: the
 * KVM_SET_MEMORY_ATTRIBUTES2 and KVM_CAP_GUEST_MEMFD_MEMORY_ATTRIBUTES
 * sections of api.rst and the kvm.gmem_in_place_conversion parameter), not
 * from this kernel's code: discover the mode, create and bind a
 * guest_memfd, fault it from a vCPU, convert with the upstream ioctl and
 * flags, and read back through mmap().  Each check says which part of the
 * contract it relies on.
 *
 * Only <linux/kvm.h> and system calls.  The guest is 32-bit flat code that
 * reads the dword at EAX into EDX, stores ECX there and exits with an OUT.
 * One line per step; exit 0 when every step passed, 77 when there is no
 * software-protected VM type, 1 otherwise.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>
#include <linux/falloc.h>
#include <linux/kvm.h>

#define PAGE		4096ul
#define NPAGES		4
#define GMEM_GPA	0x100000ul
#define CODE_GPA	0xffff0000ul
#define CODE_SIZE	0x10000ul

static int failures;

#define CHECK(cond, fmt, ...)						\
	do {								\
		if (!(cond)) {						\
			printf("  FAIL %s:%d: " fmt "\n", __FILE__,	\
			       __LINE__, ##__VA_ARGS__);		\
			failures++;					\
		}							\
	} while (0)

static int kvm_fd, vm_fd, vcpu_fd, gmem_fd;
static struct kvm_run *run;
static uint8_t *mem;

/* mov (%eax),%edx; mov %ecx,(%eax); out %al,$0x10; hlt */
static const uint8_t guest_code[] = { 0x8b, 0x10, 0x89, 0x08, 0xe6, 0x10, 0xf4 };

static sigjmp_buf sigbus_jmp;

static void on_sigbus(int sig __attribute__((unused)))
{
	siglongjmp(sigbus_jmp, 1);
}

/* Whether reading the dword at @p raises SIGBUS; else the value in *val. */
static int host_read(volatile uint32_t *p, uint32_t *val)
{
	if (sigsetjmp(sigbus_jmp, 1))
		return -1;
	*val = *p;
	return 0;
}

static uint32_t *page_dword(uint8_t *base, int page)
{
	return (uint32_t *)(base + page * PAGE);
}

/* The guest reads the dword at page @page of the guest_memfd, writes @val. */
static int guest_rw(int page, uint32_t val, uint32_t *old)
{
	struct kvm_regs regs = {
		.rax = GMEM_GPA + page * PAGE,
		.rcx = val,
		.rip = CODE_GPA,
		.rflags = 0x2,
	};

	if (ioctl(vcpu_fd, KVM_SET_REGS, &regs))
		return -errno;
	if (ioctl(vcpu_fd, KVM_RUN, 0))
		return -errno;
	if (run->exit_reason != KVM_EXIT_IO)
		return run->exit_reason;
	if (ioctl(vcpu_fd, KVM_GET_REGS, &regs))
		return -errno;
	*old = regs.rdx;
	return 0;
}

static int convert(uint64_t offset, uint64_t size, uint64_t attributes,
		   struct kvm_memory_attributes2 *out)
{
	struct kvm_memory_attributes2 a = {
		.offset = offset,
		.size = size,
		.attributes = attributes,
	};
	int r = ioctl(gmem_fd, KVM_SET_MEMORY_ATTRIBUTES2, &a);

	if (out)
		*out = a;
	return r ? -errno : 0;
}

static void flat(struct kvm_segment *s, uint16_t sel, uint8_t type)
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

static int setup_vcpu(void)
{
	struct kvm_userspace_memory_region2 code = {
		.slot = 0,
		.guest_phys_addr = CODE_GPA,
		.memory_size = CODE_SIZE,
	};
	struct kvm_sregs sregs;
	void *code_mem;
	long run_size;

	code_mem = mmap(NULL, CODE_SIZE, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (code_mem == MAP_FAILED)
		return -1;
	memcpy(code_mem, guest_code, sizeof(guest_code));
	code.userspace_addr = (uintptr_t)code_mem;
	if (ioctl(vm_fd, KVM_SET_USER_MEMORY_REGION2, &code))
		return -1;
	vcpu_fd = ioctl(vm_fd, KVM_CREATE_VCPU, 0);
	run_size = ioctl(kvm_fd, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (vcpu_fd < 0 || run_size <= 0)
		return -1;
	run = mmap(NULL, run_size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu_fd, 0);
	if (run == MAP_FAILED || ioctl(vcpu_fd, KVM_GET_SREGS, &sregs))
		return -1;
	flat(&sregs.cs, 0x8, 0xb);
	flat(&sregs.ds, 0x10, 0x3);
	sregs.es = sregs.fs = sregs.gs = sregs.ss = sregs.ds;
	sregs.cr0 = 0x11;
	sregs.cr4 = 0;
	sregs.efer = 0;
	return ioctl(vcpu_fd, KVM_SET_SREGS, &sregs);
}

/* Without in-place conversion: the VM's attributes, and no ioctl. */
static int per_vm_attributes(void)
{
	struct kvm_create_guest_memfd g = { .size = PAGE };
	int r;

	r = ioctl(vm_fd, KVM_CHECK_EXTENSION, KVM_CAP_MEMORY_ATTRIBUTES);
	CHECK(r & KVM_MEMORY_ATTRIBUTE_PRIVATE, "KVM_CAP_MEMORY_ATTRIBUTES %#x", r);
	gmem_fd = ioctl(vm_fd, KVM_CREATE_GUEST_MEMFD, &g);
	CHECK(gmem_fd >= 0, "KVM_CREATE_GUEST_MEMFD: %s", strerror(errno));
	/* "KVM_SET_MEMORY_ATTRIBUTES2 ... only when the parameter is set" */
	r = convert(0, PAGE, KVM_MEMORY_ATTRIBUTE_PRIVATE, NULL);
	CHECK(r == -ENOTTY, "KVM_SET_MEMORY_ATTRIBUTES2 without in-place conversion: %d", r);
	printf("per-VM attributes: KVM_SET_MEMORY_ATTRIBUTES2 is ENOTTY\n");
	return failures ? 1 : 0;
}

int main(void)
{
	struct kvm_create_guest_memfd g = {
		.size = NPAGES * PAGE,
		.flags = GUEST_MEMFD_FLAG_MMAP | GUEST_MEMFD_FLAG_INIT_SHARED,
	};
	struct kvm_userspace_memory_region2 slot = {
		.slot = 1,
		.flags = KVM_MEM_GUEST_MEMFD,
		.guest_phys_addr = GMEM_GPA,
		.memory_size = NPAGES * PAGE,
		.guest_memfd_offset = 0,
	};
	struct kvm_memory_attributes vm_attr = {
		.address = GMEM_GPA,
		.size = PAGE,
		.attributes = KVM_MEMORY_ATTRIBUTE_PRIVATE,
	};
	struct kvm_memory_attributes2 a, bad;
	struct sigaction sa = { .sa_handler = on_sigbus };
	uint32_t v, *again;
	struct iovec iov;
	int pipefd[2], r, i, dflt_vm, dflt_gmem;
	uint8_t *map2;

	sigaction(SIGBUS, &sa, NULL);
	kvm_fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm_fd < 0) {
		printf("open /dev/kvm: %s\n", strerror(errno));
		return 1;
	}
	r = ioctl(kvm_fd, KVM_CHECK_EXTENSION, KVM_CAP_VM_TYPES);
	if (!(r > 0 && (r & (1 << KVM_X86_SW_PROTECTED_VM)))) {
		printf("no KVM_X86_SW_PROTECTED_VM\n");
		return 77;
	}
	vm_fd = ioctl(kvm_fd, KVM_CREATE_VM, KVM_X86_SW_PROTECTED_VM);
	if (vm_fd < 0) {
		printf("KVM_CREATE_VM: %s\n", strerror(errno));
		return 1;
	}

	/* 1. "KVM_CAP_GUEST_MEMFD_MEMORY_ATTRIBUTES: PRIVATE if ... enabled" */
	r = ioctl(vm_fd, KVM_CHECK_EXTENSION, KVM_CAP_GUEST_MEMFD_MEMORY_ATTRIBUTES);
	if (r <= 0)
		return per_vm_attributes();
	CHECK(r == KVM_MEMORY_ATTRIBUTE_PRIVATE, "KVM_CAP_GUEST_MEMFD_MEMORY_ATTRIBUTES %#x", r);
	/* "... disables PRIVATE in the VM ioctl KVM_SET_MEMORY_ATTRIBUTES" */
	r = ioctl(vm_fd, KVM_CHECK_EXTENSION, KVM_CAP_MEMORY_ATTRIBUTES);
	CHECK(!(r & KVM_MEMORY_ATTRIBUTE_PRIVATE), "KVM_CAP_MEMORY_ATTRIBUTES %#x", r);
	r = ioctl(vm_fd, KVM_CHECK_EXTENSION, KVM_CAP_GUEST_MEMFD_FLAGS);
	CHECK((r & g.flags) == g.flags, "KVM_CAP_GUEST_MEMFD_FLAGS %#x", r);
	printf("1 discovery: in-place conversion\n");

	/* 2. Create, map, bind (userspace_addr = the guest_memfd mapping). */
	gmem_fd = ioctl(vm_fd, KVM_CREATE_GUEST_MEMFD, &g);
	if (gmem_fd < 0) {
		printf("KVM_CREATE_GUEST_MEMFD: %s\n", strerror(errno));
		return 1;
	}
	mem = mmap(NULL, NPAGES * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, gmem_fd, 0);
	if (mem == MAP_FAILED) {
		printf("mmap: %s\n", strerror(errno));
		return 1;
	}
	for (i = 0; i < NPAGES; i++)
		*page_dword(mem, i) = 0x1000 + i;
	slot.guest_memfd = gmem_fd;
	slot.userspace_addr = (uintptr_t)mem;
	if (ioctl(vm_fd, KVM_SET_USER_MEMORY_REGION2, &slot) || setup_vcpu()) {
		printf("memslots or vCPU: %s\n", strerror(errno));
		return 1;
	}
	printf("2 created and bound %d pages, INIT_SHARED | MMAP\n", NPAGES);

	/* 3. A shared fault: guest and host see the same memory. */
	r = guest_rw(1, 0xaaaa0001, &v);
	CHECK(!r && v == 0x1001, "guest read of shared page 1: r=%d value %#x", r, v);
	CHECK(!host_read(page_dword(mem, 1), &v) && v == 0xaaaa0001,
	      "host read of the guest's write: %#x", v);
	printf("3 shared page: guest and host see each other's writes\n");

	/* 4. "error_offset ... is ignored on input"; private: no host access. */
	a = (struct kvm_memory_attributes2){ .offset = PAGE, .size = PAGE,
		.attributes = KVM_MEMORY_ATTRIBUTE_PRIVATE, .error_offset = 0xdead };
	r = ioctl(gmem_fd, KVM_SET_MEMORY_ATTRIBUTES2, &a);
	CHECK(!r, "convert page 1 to private: %s", strerror(errno));
	CHECK(host_read(page_dword(mem, 1), &v) < 0, "host read of a private page did not raise SIGBUS");
	/* A software-protected VM keeps the bytes. */
	r = guest_rw(1, 0xbbbb0001, &v);
	CHECK(!r && v == 0xaaaa0001, "guest read of private page 1: r=%d value %#x", r, v);
	printf("4 converted page 1 to private: SIGBUS for the host, contents kept for the guest\n");

	/* 5. Back to shared: the guest's private write shows through mmap. */
	CHECK(!convert(PAGE, PAGE, 0, NULL), "convert page 1 to shared");
	CHECK(!host_read(page_dword(mem, 1), &v) && v == 0xbbbb0001, "host read after sharing: %#x", v);
	map2 = mmap(NULL, NPAGES * PAGE, PROT_READ, MAP_SHARED, gmem_fd, 0);
	CHECK(map2 != MAP_FAILED && !host_read(page_dword(map2, 1), &v) && v == 0xbbbb0001,
	      "a new mapping: %#x", v);
	CHECK(!convert(PAGE, PAGE, 0, NULL), "converting a shared range to shared");
	printf("5 converted back to shared: read back through both mappings\n");

	/* 6. "EAGAIN ... error_offset ... the offending page" */
	CHECK(!pipe(pipefd), "pipe");
	iov.iov_base = mem + 2 * PAGE;
	iov.iov_len = PAGE;
	CHECK(vmsplice(pipefd[1], &iov, 1, 0) == (ssize_t)PAGE, "vmsplice: %s", strerror(errno));
	r = convert(0, NPAGES * PAGE, KVM_MEMORY_ATTRIBUTE_PRIVATE, &a);
	CHECK(r == -EAGAIN && a.error_offset == 2 * PAGE,
	      "converting with a spliced page: %d, error_offset %#llx", r, a.error_offset);
	CHECK(!host_read(page_dword(mem, 0), &v) && v == 0x1000, "page 0 after the failure: %#x", v);
	CHECK(!host_read(page_dword(mem, 3), &v) && v == 0x1003, "page 3 after the failure: %#x", v);
	close(pipefd[0]);
	close(pipefd[1]);
	r = ioctl(gmem_fd, KVM_SET_MEMORY_ATTRIBUTES2, &a);
	CHECK(!r, "the same request once the pipe is gone: %s", strerror(errno));
	CHECK(!convert(0, NPAGES * PAGE, 0, NULL), "all back to shared");
	printf("6 a spliced page: EAGAIN at its offset, nothing changed, then success\n");

	/* 7. "disables PRIVATE in the VM ioctl KVM_SET_MEMORY_ATTRIBUTES" */
	r = ioctl(vm_fd, KVM_SET_MEMORY_ATTRIBUTES, &vm_attr);
	CHECK(r && errno == EINVAL, "VM KVM_SET_MEMORY_ATTRIBUTES(PRIVATE): %d %s", r, strerror(errno));
	vm_attr.attributes = 0;
	CHECK(!ioctl(vm_fd, KVM_SET_MEMORY_ATTRIBUTES, &vm_attr), "VM attributes 0: %s", strerror(errno));
	r = guest_rw(0, 0x1000, &v);
	CHECK(!r && v == 0x1000, "guest read of page 0: r=%d value %#x", r, v);
	printf("7 the VM's attributes refuse PRIVATE\n");

	/* 8. Validation: EINVAL, nothing changes. */
	for (i = 0; i < 7; i++) {
		bad = (struct kvm_memory_attributes2){ .offset = 0, .size = PAGE,
			.attributes = KVM_MEMORY_ATTRIBUTE_PRIVATE };
		switch (i) {
		case 0: bad.flags = 1; break;
		case 1: bad.reserved[3] = 1; break;
		case 2: bad.attributes |= 1; break;
		case 3: bad.size = 0; break;
		case 4: bad.offset = 100; break;
		case 5: bad.offset = NPAGES * PAGE; break;
		case 6: bad.size = (NPAGES + 1) * PAGE; break;
		}
		r = ioctl(gmem_fd, KVM_SET_MEMORY_ATTRIBUTES2, &bad);
		CHECK(r && errno == EINVAL, "invalid request %d: %d %s", i, r, strerror(errno));
	}
	CHECK(!host_read(page_dword(mem, 0), &v) && v == 0x1000, "page 0 after invalid requests: %#x", v);
	dflt_vm = ioctl(kvm_fd, KVM_CREATE_VM, KVM_X86_DEFAULT_VM);
	dflt_gmem = ioctl(dflt_vm, KVM_CREATE_GUEST_MEMFD, &g);
	a = (struct kvm_memory_attributes2){ .size = PAGE, .attributes = KVM_MEMORY_ATTRIBUTE_PRIVATE };
	r = ioctl(dflt_gmem, KVM_SET_MEMORY_ATTRIBUTES2, &a);
	CHECK(r && errno == EINVAL, "a default VM's guest_memfd: %d %s", r, strerror(errno));
	close(dflt_gmem);
	close(dflt_vm);
	printf("8 invalid requests and VMs without private memory: EINVAL\n");

	/* 9. Truncation keeps a page's state. */
	CHECK(!convert(PAGE, PAGE, KVM_MEMORY_ATTRIBUTE_PRIVATE, NULL), "page 1 to private");
	CHECK(!fallocate(gmem_fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, PAGE, PAGE),
	      "punch: %s", strerror(errno));
	r = guest_rw(1, 0xcccc0001, &v);
	CHECK(!r && v == 0, "guest read of the punched private page: r=%d value %#x", r, v);
	CHECK(host_read(page_dword(mem, 1), &v) < 0, "the punched page is no longer private");
	CHECK(!convert(PAGE, PAGE, 0, NULL), "page 1 to shared");
	again = page_dword(mem, 1);
	CHECK(!host_read(again, &v) && v == 0xcccc0001, "host read after sharing: %#x", v);
	printf("9 a punched private page stays private and reads as zeroes\n");

	return failures ? 1 : 0;
}
