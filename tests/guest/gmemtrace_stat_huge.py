#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The checks of tests/guest/cases/gmemtrace-stat-huge (run by it).

gmemtrace stat on 2M folios (scenarios/huge-hold.scn): while the VM
holds two 2M folios, one split by a 4K conversion, the first report
counts the split and shows 512 of 1023 private pages in 2M folios (text:
huge coverage 50.0%); the last, after the VM is gone, no coverage.
"""
import json, sys
reports = [json.loads(l) for l in open(sys.argv[1])]
pid = int(sys.argv[2])
def vm(r):
    return {v["vm_pid"]: v for v in r["vms"]}.get(pid, {"stats": {}})
first, last = vm(reports[0]), vm(reports[-1])
count = lambda v, n: v["stats"].get(n, {}).get("count")
got = (len(reports), first.get("private_pages"), first.get("private_huge_pages"),
       count(first, "split"), count(first, "merge"), count(first, "get_pfn"),
       first.get("arch_private_pfns"), "private_pages" in last)
want = (2, 1023, 512, 1, None, 2, 512, False)
print("reports; private, huge pages, splits, merges, faults, arch pfns in #1; coverage in #2:", got)
sys.exit(0 if got == want else "want %r" % (want,))
