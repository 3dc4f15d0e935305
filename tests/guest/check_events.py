#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check the events of scenarios/events.scn as gmemtrace reported them.

usage: check_events.py trace TRACE.jsonl WORKLOAD.out
       check_events.py stat STAT.jsonl WORKLOAD.out
       check_events.py stat-arch STAT.jsonl WORKLOAD.out   (stat -A)

WORKLOAD.out is gmem-workload's output (it names the inodes and the VM's
pid); the JSON is 'gmemtrace trace -j' or 'gmemtrace stat -j' output.
Prints one line per failed check and exits 1 if there was any.
"""
import collections
import json
import re
import sys

failures = 0


def check(what, got, want):
    global failures
    if got != want:
        failures += 1
        print("FAIL %s: got %r, want %r" % (what, got, want))


def workload_facts(path):
    text = open(path).read()
    ino = dict(re.findall(r"gmem (\w+) .*-> ok ino=(\d+)", text))
    pids = re.findall(r"vm \w+ -> ok pid=(\d+)", text)
    if len(ino) != 2 or not pids:
        sys.exit("check_events: cannot read inodes/pid from %s" % path)
    return {k: int(v) for k, v in ino.items()}, int(pids[0])


# event -> count, for the whole scenario
COUNTS = {
    "create": 2, "release": 2, "bind": 2, "unbind": 2,
    "allocate": 1, "punch_hole": 1, "get_pfn": 16, "fault_user": 4,
    "invalidate_begin": 3, "invalidate_end": 3,
    "arch_make_private": 16, "arch_invalidate": 3, "arch_reclaim": 260,
}


def check_trace(events, ino, pid):
    g0, s0 = ino["g0"], ino["s0"]
    by = collections.defaultdict(list)
    for e in events:
        by[e["event"]].append(e)
    counts = {k: len(v) for k, v in by.items()}
    check("event counts", counts, COUNTS)

    for e in events:
        check("%s source" % e["event"], e["source"], "tracepoint")
        check("%s pid" % e["event"], e["pid"], pid)
        if e["event"] != "arch_reclaim":
            check("%s vm_pid" % e["event"], e["vm_pid"], pid)

    check("create", [(e["ino"], e["size"], e["flags_str"]) for e in by["create"]],
          [(g0, 0x400000, "0"), (s0, 0x10000, "MMAP|INIT_SHARED")])
    check("allocate", [(e["ino"], e["start"], e["end"], e["ret"]) for e in by["allocate"]],
          [(g0, 0, 0x100, 0)])
    check("allocate dur_ns > 0", all(e["dur_ns"] > 0 for e in by["allocate"]), True)
    check("bind", [(e["ino"], e["slot"], e["gfn"], e["npages"], e["pgoff"], e["ret"])
                   for e in by["bind"]],
          [(g0, 1, 0x100, 512, 0, 0), (g0, 2, 0x400, 256, 0x200, 0)])
    check("unbind", [(e["ino"], e["slot"], e["gfn"], e["npages"], e["pgoff"])
                     for e in by["unbind"]],
          [(g0, 1, 0x100, 512, 0), (g0, 2, 0x400, 256, 0x200)])
    check("get_pfn", [(e["ino"], e["gfn"], e["index"], e["order"], e["ret"])
                      for e in by["get_pfn"]],
          [(g0, 0x100 + i, i, 0, 0) for i in range(16)])
    check("get_pfn pfn != 0", all(e["pfn"] for e in by["get_pfn"]), True)
    check("get_pfn dur_ns > 0", all(e["dur_ns"] > 0 for e in by["get_pfn"]), True)
    mp = [(e["gfn"], e["pfn"], e["npages"], e["ret"]) for e in by["arch_make_private"]]
    check("arch_make_private matches get_pfn", mp,
          [(e["gfn"], e["pfn"], 1, 0) for e in by["get_pfn"]])
    check("punch_hole", [(e["ino"], e["start"], e["end"], e["ret"]) for e in by["punch_hole"]],
          [(g0, 0, 0x10, 0)])
    full = 2**64 - 1
    check("invalidate_begin", [(e["ino"], e["start"], e["end"], e["filter_str"])
                               for e in by["invalidate_begin"]],
          [(g0, 0, 0x10, "private"), (g0, 0, full, "private"), (s0, 0, full, "shared")])
    check("invalidate_end", [(e["ino"], e["start"], e["end"], e["nr_slots"])
                             for e in by["invalidate_end"]],
          [(g0, 0, 0x10, 1), (g0, 0, full, 1), (s0, 0, full, 0)])
    check("invalidate_end dur_ns > 0", all(e["dur_ns"] > 0 for e in by["invalidate_end"]),
          True)
    check("arch_invalidate", [(e["slot"], e["start"], e["end"], e["filter_str"])
                              for e in by["arch_invalidate"]],
          [(1, 0x100, 0x110, "private"), (1, 0x100, 0x300, "shared|private"),
           (2, 0x400, 0x500, "private")])
    check("release", [e["ino"] for e in by["release"]], [g0, s0])
    check("fault_user", [(e["ino"], e["index"], e["flags_str"], e["ret"])
                         for e in by["fault_user"]],
          [(s0, i, "LOCKED", 0) for i in range(4)])
    check("fault_user pfn != 0", all(e["pfn"] for e in by["fault_user"]), True)
    reclaimed = collections.Counter(e["pfn"] for e in by["arch_reclaim"])
    check("arch_reclaim: each pfn once", max(reclaimed.values()), 1)
    check("arch_reclaim covers the faulted pfns",
          all(e["pfn"] in reclaimed for e in by["get_pfn"] + by["fault_user"]), True)
    check("arch_reclaim npages", {e["npages"] for e in by["arch_reclaim"]}, {1})


def check_stat(reports, pid, arch):
    check("stat reports", len(reports), 1)
    vms = {v["vm_pid"]: v for v in reports[-1]["vms"]}
    vm = vms.get(pid)
    if vm is None:
        check("stat VM present", sorted(vms), [pid])
        return
    stats = vm["stats"]
    want = dict(COUNTS)
    # The 16 punched pfns lost their arch state at the punch's arch
    # invalidation; their reclaims have no VM.  The 244 others never had it.
    want.pop("arch_reclaim")
    got = {k: v["count"] for k, v in stats.items() if k != "arch_lifetime"}
    check("stat counts", got, want)
    check("stat errors", sum(v["errors"] for v in stats.values()), 0)
    check("stat unattributed reclaims", vms.get(0, {}).get("stats", {})
          .get("arch_reclaim", {}).get("count"), 260)
    timed = ["get_pfn", "allocate", "punch_hole", "fault_user", "invalidate_end"]
    if arch:
        check("stat arch_lifetime count", stats.get("arch_lifetime", {}).get("count"), 16)
        check("stat arch_private_pfns", vm.get("arch_private_pfns"), 0)
        timed.append("arch_lifetime")
    else:
        # Not followed without -A: no figure rather than a zero.
        check("stat arch_lifetime without -A", "arch_lifetime" in stats, False)
        check("stat arch_private_pfns without -A", "arch_private_pfns" in vm, False)
    for name in timed:
        s = stats.get(name, {})
        hist = sum(b["count"] for b in s.get("hist_ns", []))
        check("stat %s histogram total" % name, hist, s.get("count"))
        check("stat %s max_ns > 0" % name, s.get("max_ns", 0) > 0, True)


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("trace", "stat", "stat-arch"):
        sys.exit(__doc__)
    ino, pid = workload_facts(sys.argv[3])
    lines = [l for l in open(sys.argv[2]) if l.strip()]
    try:
        objs = [json.loads(l) for l in lines]
    except ValueError as e:
        sys.exit("check_events: bad JSON in %s: %s" % (sys.argv[2], e))
    if sys.argv[1] == "trace":
        check_trace(objs, ino, pid)
    else:
        check_stat(objs, pid, sys.argv[1] == "stat-arch")
    print("%s: %d events checked, %d failures" % (sys.argv[1], len(objs), failures))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
