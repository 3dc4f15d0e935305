#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The checks of tests/guest/cases/gmemtrace-huge (run by it).

2M folios (scenarios/huge.scn): the scenario checks folio orders and
contents itself; here, the exact split and merge events, the 2M private
faults, and a binding KVM must map with 4K pages although its folio is
huge.  Skips if the VM had no free 2M page for the first folio.
"""
import json, re, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
out = open(sys.argv[2]).read()
ino = dict(re.findall(r"gmem (\w+) .*-> ok ino=(\d+)", out))
pid = int(re.search(r"vm \w+ -> ok pid=(\d+)", out).group(1))
g, h = int(ino["g"]), int(ino["h"])
fails = []
def check(what, got, want):
    if got != want:
        fails.append("%s: got %r, want %r" % (what, got, want))
rs = [(e["event"], e["ino"], e["index"], e["old_order"], e["order"], e["reason"], e["ret"],
       e["vm_pid"]) for e in ev if e["event"] in ("split", "merge")]
check("split and merge events", rs, [
    ("split", g, 0, 9, 0, "convert", 0, pid),
    ("merge", g, 0, 0, 9, "uniform", 0, pid),
    ("split", g, 0x200, 9, 0, "punch", 0, pid),
    ("merge", g, 0x200, 0, 9, "uniform", 0, pid)])
check("split/merge pfn != 0", all(e["pfn"] for e in ev if e["event"] in ("split", "merge")),
      True)
check("split/merge dur_ns > 0",
      all(e["dur_ns"] > 0 for e in ev if e["event"] in ("split", "merge")), True)
faults = [(e["ino"], e["gfn"], e["index"], e["order"], e["ret"])
          for e in ev if e["event"] == "get_pfn"]
check("private faults", faults, [(g, 0x40000, 0, 9, 0), (g, 0x40200, 0x200, 9, 0),
                                 (h, 0x80000, 1, 0, 0)])
check("no policy events", [e["event"] for e in ev if e["event"].startswith("policy")], [])
print("\n".join(fails) or "%d events checked" % len(ev))
sys.exit(1 if fails else 0)
