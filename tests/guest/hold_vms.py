#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""hold_vms.py N: a VMM holding N software-protected VMs (KVM_CREATE_VM,
type 1) until /tmp/many.end exists; their descriptors go to /tmp/many.fds.
Used by tests/guest/cases/gmemtrace-policy-many-vms."""
import fcntl, os, sys, time
kvm = os.open("/dev/kvm", os.O_RDWR)
fds = [fcntl.ioctl(kvm, 0xAE01, 1) for _ in range(int(sys.argv[1]))]
with open("/tmp/many.fds.tmp", "w") as f:
    f.write(" ".join(map(str, fds)) + "\n")
os.rename("/tmp/many.fds.tmp", "/tmp/many.fds")
while not os.path.exists("/tmp/many.end"):
    time.sleep(0.05)
