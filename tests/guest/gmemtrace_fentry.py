#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The checks of tests/guest/cases/gmemtrace-fentry (run by it).

The fentry/fexit fallback (for kernels without the events) sees the
same private faults and fallocate() calls as the tracepoints.
"""
import json, re, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
ino = int(re.search(r"gmem g0 .*ino=(\d+)", open(sys.argv[2]).read()).group(1))
got = [(e["event"], e["source"], e["ino"], e.get("gfn"), e.get("index"), e.get("start"),
        e.get("end"), e["ret"]) for e in ev]
want = ([("allocate", "fentry", ino, None, None, 0, 0x100, 0)] +
        [("get_pfn", "fentry", ino, 0x100 + i, i, None, None, 0) for i in range(16)] +
        [("punch_hole", "fentry", ino, None, None, 0, 0x10, 0)])
bad = [(i, g, w) for i, (g, w) in enumerate(zip(got, want)) if g != w]
print("%d events, want %d; mismatches: %s" % (len(got), len(want), bad[:3]))
sys.exit(0 if got == want and all(e["dur_ns"] > 0 for e in ev) else 1)
