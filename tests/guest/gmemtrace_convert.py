#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The checks of tests/guest/cases/gmemtrace-convert (run by it).

In-place conversion (scenarios/convert.scn): results, SIGBUS on private
pages, EAGAIN with the pinned page's offset, the VM's own attributes
refusing PRIVATE, vCPU accesses that follow guest_memfd's state without
a memory fault exit, and the events of a conversion to shared: every
mapping KVM has of the range is invalidated between convert_begin and
convert_end.
"""
import json, re, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
out = open(sys.argv[2]).read()
fails = []
def check(what, got, want):
    if got != want:
        fails.append("%s: got %r, want %r" % (what, got, want))
check("EAGAIN error_offset", bool(re.search(r"expect EAGAIN.*-> EAGAIN error_offset=0x2000", out)), True)
check("in-place mode", bool(re.search(r"vm sw_protected.*-> ok pid=\d+ in_place=1", out)), True)
check("VM attributes refuse PRIVATE", bool(re.search(r"vmattr 0x100000 64K private expect EINVAL.*-> EINVAL", out)), True)
check("no memory fault exit", "memory_fault" in out, False)
check("private fault after conversion", bool(re.search(r"run 0x110000 4K .*-> ok", out)), True)
ends = [(e["start"], e["end"], e["to"], e["ret"], e["error_index"], e["verdict"])
        for e in ev if e["event"] == "convert_end"]
check("convert_end events", ends, [
    (0, 16, "private", 0, 0, "none"), (0, 16, "shared", 0, 0, "none"),
    (0, 16, "private", -11, 2, "none"),
    (0, 16, "private", 0, 0, "none"), (0, 16, "private", 0, 0, "none"),
    (16, 17, "private", 0, 0, "none"), (0, 16, "shared", 0, 0, "none")])
# The last conversion (to shared, slot bound, 16 private pfns mapped by KVM):
# one invalidation of the range with the private filter, hitting the slot.
last = max(i for i, e in enumerate(ev) if e["event"] == "convert_begin")
done = next(i for i in range(last, len(ev)) if ev[i]["event"] == "convert_end")
inval = [(e["event"], e["start"], e["end"], e.get("filter_str"), e.get("nr_slots"))
         for e in ev[last:done] if e["event"].startswith("invalidate")]
check("invalidation on conversion to shared", inval,
      [("invalidate_begin", 0, 16, "private", None), ("invalidate_end", 0, 16, None, 1)])
faults = [e for e in ev[last:] if e["event"] == "get_pfn"]
check("KVM faults again after the conversion", len(faults), 16)
print("\n".join(fails) or "%d events checked" % len(ev))
sys.exit(1 if fails else 0)
