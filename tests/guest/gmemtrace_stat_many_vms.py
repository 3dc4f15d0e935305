#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The checks of tests/guest/cases/gmemtrace-stat-many-vms (run by it).

stat reads every entry of its map: 700 VMs, each from its own process
with six kinds of events (tests/guest/many_vms.py), are more than 4096
rows, and every VM is in the report with its exact counts.
"""
import json, sys
n = int(sys.argv[1])
pids = set(map(int, open("/tmp/many.pids").read().split()))
assert len(pids) == n, "%d processes, want %d" % (len(pids), n)
report = [json.loads(l) for l in open("/tmp/many.jsonl")]
assert len(report) == 1, "%d reports" % len(report)
vms = {v["vm_pid"]: v["stats"] for v in report[0]["vms"]}
missing = pids - set(vms)
assert not missing, "%d of %d VMs missing, e.g. %s" % (len(missing), n, sorted(missing)[:3])
rows = sum(len(s) for s in vms.values())
assert rows > 4096, "only %d rows: the test needs more" % rows
want = {"create": 1, "allocate": 1, "punch_hole": 1, "release": 1}
bad = [(p, s) for p, s in vms.items() if p in pids and
       {k: s.get(k, {}).get("count") for k in want} != want]
assert not bad, "%d VMs with other counts, e.g. %s" % (len(bad), bad[0])
assert report[0]["dropped_updates"] == 0
print("%d VMs, %d rows, all counted" % (n, rows))
