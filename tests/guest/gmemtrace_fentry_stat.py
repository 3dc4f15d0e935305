#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The checks of tests/guest/cases/gmemtrace-fentry-stat (run by it).

stat with the fentry/fexit fallback counts each event of
scenarios/events.scn for the VM that caused it, as the tracepoints do,
unbind included (its memslot does not name the VM; its guest_memfd
does).  The unbind done by the guest_memfd's release is not a call of
kvm_gmem_unbind(): fentry sees one unbind of two.
"""
import json, re, sys
report = [json.loads(l) for l in open(sys.argv[1])]
assert len(report) == 1, "%d reports" % len(report)
pid = int(re.search(r"vm sw_protected .*pid=(\d+)", open(sys.argv[2]).read()).group(1))
rows = {v["vm_pid"]: {k: s["count"] for k, s in v["stats"].items()} for v in report[0]["vms"]}
want = {pid: {"create": 2, "release": 2, "bind": 2, "unbind": 1, "allocate": 1,
              "punch_hole": 1, "get_pfn": 16, "fault_user": 4, "arch_make_private": 16,
              "arch_invalidate": 3, "arch_lifetime": 16},
        0: {"arch_reclaim": 260}}
for vm in sorted(set(rows) | set(want)):
    print("VM %d: %s" % (vm, rows.get(vm)))
sys.exit(0 if rows == want else 1)
