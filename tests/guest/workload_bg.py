#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The checks of tests/guest/cases/workload-bg (run by it).

gmem-workload's bg and join (scenarios/fault-contention.scn): a thread
flips a page of the last 2M block between private and shared 100 times
while the vCPU faults in 48M three times.  The flips run to the end and
are reported at the join, and gmemtrace stat counts exactly what they
did: 200 conversions, 100 splits (each to shared) and 99 merges (each
back to private; the first conversion to private changes nothing, the
last one is to shared); the faults all succeed.
"""
import json, sys
r = [json.loads(l) for l in open(sys.argv[1])][-1]
v = {v["vm_pid"]: v for v in r["vms"]}[int(sys.argv[2])]["stats"]
c = lambda n, k="count": v.get(n, {}).get(k)
got = (c("convert_end"), c("convert_end", "errors"), c("split"), c("merge"),
       c("get_pfn", "errors"), c("get_pfn") >= 72)
want = (200, 0, 100, 99, 0, True)
print("conversions, failed, splits, merges, failed faults, >= 72 faults:", got)
sys.exit(0 if got == want else "want %r" % (want,))
