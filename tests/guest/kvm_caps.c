// SPDX-License-Identifier: GPL-2.0
/*
 * The VM gives us what every later test needs: /dev/kvm with
 * KVM_X86_SW_PROTECTED_VM, guest_memfd creation, fallocate and punch-hole.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/falloc.h>
#include <linux/kvm.h>

static int failures;

#define CHECK(cond, fmt, ...)						\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: " fmt "\n", __FILE__,	\
				__LINE__, ##__VA_ARGS__);		\
			failures++;					\
		}							\
	} while (0)

int main(void)
{
	struct kvm_create_guest_memfd gmem = { .size = 2 << 20 };
	int kvm, vm, fd, r, in_place;

	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0) {
		fprintf(stderr, "open /dev/kvm: %s\n", strerror(errno));
		return 1;
	}
	r = ioctl(kvm, KVM_GET_API_VERSION, 0);
	CHECK(r == KVM_API_VERSION, "API version %d", r);

	r = ioctl(kvm, KVM_CHECK_EXTENSION, KVM_CAP_VM_TYPES);
	CHECK(r & (1 << KVM_X86_SW_PROTECTED_VM), "VM types %#x lack SW_PROTECTED", r);
	r = ioctl(kvm, KVM_CHECK_EXTENSION, KVM_CAP_GUEST_MEMFD);
	CHECK(r == 1, "KVM_CAP_GUEST_MEMFD = %d", r);

	vm = ioctl(kvm, KVM_CREATE_VM, KVM_X86_SW_PROTECTED_VM);
	if (vm < 0) {
		fprintf(stderr, "KVM_CREATE_VM(SW_PROTECTED): %s\n", strerror(errno));
		return 1;
	}
	/*
	 * Which memory is private: guest_memfd says when it converts in
	 * place (kvm.gmem_in_place_conversion), the VM's attributes else.
	 */
	in_place = ioctl(vm, KVM_CHECK_EXTENSION, KVM_CAP_GUEST_MEMFD_MEMORY_ATTRIBUTES);
	CHECK(in_place == 0 || in_place == KVM_MEMORY_ATTRIBUTE_PRIVATE,
	      "guest_memfd memory attributes %#x", in_place);
	r = ioctl(vm, KVM_CHECK_EXTENSION, KVM_CAP_MEMORY_ATTRIBUTES);
	if (in_place)
		CHECK(r == 0, "memory attributes %#x with in-place conversion", r);
	else
		CHECK(r & KVM_MEMORY_ATTRIBUTE_PRIVATE, "memory attributes %#x", r);
	printf("in-place conversion: %s\n", in_place ? "yes" : "no");

	fd = ioctl(vm, KVM_CREATE_GUEST_MEMFD, &gmem);
	if (fd < 0) {
		fprintf(stderr, "KVM_CREATE_GUEST_MEMFD: %s\n", strerror(errno));
		return 1;
	}
	r = fallocate(fd, FALLOC_FL_KEEP_SIZE, 0, 2 << 20);
	CHECK(r == 0, "fallocate: %s", strerror(errno));
	r = fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 4096, 8192);
	CHECK(r == 0, "punch hole: %s", strerror(errno));
	r = fallocate(fd, 0, 0, 4096);
	CHECK(r < 0 && errno == EOPNOTSUPP, "fallocate without KEEP_SIZE: %d %s", r, strerror(errno));
	r = fallocate(fd, FALLOC_FL_KEEP_SIZE, 100, 4096);
	CHECK(r < 0 && errno == EINVAL, "unaligned fallocate: %d %s", r, strerror(errno));

	close(fd);
	close(vm);
	close(kvm);
	return failures ? 1 : 0;
}
