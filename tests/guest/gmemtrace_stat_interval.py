#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The checks of tests/guest/cases/gmemtrace-stat-interval (run by it).

gmemtrace stat with an interval: the first report, while the VM holds
16 private pfns, shows them as live arch state; the last, after the
file is closed, shows none and 16 lifetimes.
"""
import json, sys
reports = [json.loads(l) for l in open(sys.argv[1])]
pid = int(sys.argv[2])
def vm(r):
    return {v["vm_pid"]: v for v in r["vms"]}.get(pid, {"arch_private_pfns": None, "stats": {}})
first, last = vm(reports[0]), vm(reports[-1])
got = (len(reports), first["arch_private_pfns"], first["stats"].get("get_pfn", {}).get("count"),
       last["arch_private_pfns"], last["stats"].get("arch_lifetime", {}).get("count"),
       last["stats"].get("get_pfn", {}).get("count"))
want = (2, 16, 16, 0, 16, None)
print("reports, live pfns, faults in #1; live pfns, lifetimes, faults in #2:", got)
sys.exit(0 if got == want else "want %r" % (want,))
