#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The checks of tests/guest/cases/gmemtrace-memory-failure (run by it).

madvise(MADV_HWPOISON) on a mapped guest_memfd page: one memory_failure
event for that page's folio, followed by the invalidation of its range,
of shared and private mappings alike (memory failure does not take the
invalidate lock, under which alone the page's state may be read).
"""
import json, re, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
ino = int(re.search(r"gmem s0 .*ino=(\d+)", open(sys.argv[2]).read()).group(1))
faults = [e for e in ev if e["event"] == "fault_user"]
pfn1 = [e["pfn"] for e in faults if e["index"] == 1 and e["ret"] == 0]
got = [(e["event"], e["ino"], e.get("start"), e.get("end"), e.get("pfn"), e.get("filter_str"))
       for e in ev if e["event"] != "fault_user"]
want = [("memory_failure", ino, 1, 2, pfn1[0] if pfn1 else None, None),
        ("invalidate_begin", ino, 1, 2, None, "shared|private"),
        ("invalidate_end", ino, 1, 2, None, None),
        ("invalidate_begin", ino, 0, 2**64 - 1, None, "shared"),
        ("invalidate_end", ino, 0, 2**64 - 1, None, None)]
print("got:", got)
sys.exit(0 if got == want else "want %r" % (want,))
