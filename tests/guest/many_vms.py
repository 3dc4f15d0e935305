#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""many_vms.py N: N processes, one after the other, each creating a
software-protected VM with a 4K guest_memfd, allocating and punching it,
and exiting (events create, allocate, punch_hole, release); prints their
pids."""
import ctypes
import fcntl
import os
import struct
import sys

KVM_CREATE_VM = 0xAE01
KVM_CREATE_GUEST_MEMFD = 0xC040AED4     # _IOWR(KVMIO, 0xd4, 64 bytes)
KVM_X86_SW_PROTECTED_VM = 1
FALLOC_FL_KEEP_SIZE = 1
FALLOC_FL_PUNCH_HOLE = 2
LIBC = ctypes.CDLL(None, use_errno=True)


def child():
    kvm = os.open("/dev/kvm", os.O_RDWR)
    vm = fcntl.ioctl(kvm, KVM_CREATE_VM, KVM_X86_SW_PROTECTED_VM)
    args = bytearray(struct.pack("QQ6Q", 4096, 0, *[0] * 6))
    gmem = fcntl.ioctl(vm, KVM_CREATE_GUEST_MEMFD, args, True)
    for mode in (FALLOC_FL_KEEP_SIZE, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE):
        if LIBC.fallocate(gmem, mode, ctypes.c_long(0), ctypes.c_long(4096)):
            raise OSError(ctypes.get_errno(), "fallocate(mode %d)" % mode)
    os._exit(0)


pids = []
for _ in range(int(sys.argv[1])):
    pid = os.fork()
    if not pid:
        try:
            child()
        except OSError as e:
            print("child %d: %s" % (os.getpid(), e), file=sys.stderr)
            os._exit(1)
    _, status = os.waitpid(pid, 0)
    if status:
        sys.exit(1)
    pids.append(pid)
print(" ".join(map(str, pids)))
