#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The checks of tests/guest/cases/gmemtrace-filters (run by it).

Filters: -e keeps only the named events, -p PID only that process's,
-i INO only that guest_memfd's, -m PID only that VM's; the BPF side
drops the rest.
"""
import collections, json, sys
ino, vm = int(sys.argv[1]), int(sys.argv[2])
def load(p):
    return [json.loads(l) for l in open(p)]
def count(ev):
    return dict(collections.Counter(e["event"] for e in ev))
by_ino, by_vm = load("/tmp/f-ino.jsonl"), load("/tmp/f-vm.jsonl")
got = (count(load("/tmp/f-event.jsonl")), len(load("/tmp/f-pid.jsonl")),
       count(by_ino), {e["ino"] for e in by_ino},
       count(by_vm), {e["vm_pid"] for e in by_vm})
want = ({"get_pfn": 16, "bind": 2}, 0,
        {"fault_user": 4, "release": 1, "invalidate_begin": 1, "invalidate_end": 1}, {ino},
        {"fault_user": 6}, {vm})
print("-e get_pfn,bind | -p 1 | -i A | -m VM -e fault_user:", got)
sys.exit(0 if got == want else "want %r" % (want,))
