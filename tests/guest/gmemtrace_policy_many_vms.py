#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The checks of tests/guest/cases/gmemtrace-policy-many-vms (run by it).

A process with more VMs than the tool once kept (16): 'policy list'
shows every one of them, and 'policy load --vm PID:FD' attaches to the
last, and only to it; '--vm PID' asks which one.
"""
import json, sys
pid, last, fds = int(sys.argv[1]), int(sys.argv[2]), sorted(map(int, sys.argv[3].split()))
rows = [r for r in json.load(open("/tmp/many.json")) if r["scope"] == "vm" and r["pid"] == pid]
got = sorted(r["fd"] for r in rows)
assert got == fds, "VM rows of %d: fds %s, want %s" % (pid, got, fds)
attached = [(r["fd"], r["name"]) for r in rows if r["state"] == "attached"]
assert attached == [(last, "allow_audit")], "attached: %s" % attached
print("%d VMs listed; the policy governs only descriptor %d" % (len(rows), last))
