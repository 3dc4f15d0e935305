#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The checks of tests/guest/cases/gmemtrace-trace-write (run by it).

usage: gmemtrace_trace_write.py PREFIX PID INO RELEASE TOOL

PREFIX.live.txt and PREFIX.live.jsonl are what live tracers printed
(-Td, -j) of the run that a third one wrote to PREFIX.gmt (-w); the
PREFIX.read*.* files are what 'trace -r PREFIX.gmt' printed of it, and
PREFIX.header.json its --header -j.  PID is the workload's process (the
tracers' -p), INO its guest_memfd g0, RELEASE uname -r, TOOL gmemtrace's
version as the header has it.

The three tracers saw the same events, in the same order, from the same
tasks: every field must be the same, but for what each tracer's own BPF
programs measure with their own clock reads, which are a few hundred ns
apart (the programs of one tracepoint run one after the other):
  - ts_ns, and the text's TIME(s) column (seconds since the tracer's
    own first event);
  - dur_ns, and the text's DUR(us) column, of the events whose duration
    the programs time themselves from their own begin: invalidate_end
    (from its invalidate_begin) with tracepoints, every timed event with
    fentry/fexit.  The other durations are the tracepoints' own, the
    same for every tracer, and are compared.
"""
import json
import re
import sys

prefix, pid, ino, release, tool = sys.argv[1:6]
pid, ino = int(pid), int(ino)
fails = []


def check(what, got, want):
    if got != want:
        fails.append("%s: got %r, want %r" % (what, got, want))


def self_timed(event, source):
    return source == "fentry" or event == "invalidate_end"


def load(path):
    return [json.loads(l) for l in open(path) if l.strip()]


def norm_json(events):
    out = []
    for e in events:
        e = dict(e)
        e.pop("ts_ns")
        if "dur_ns" in e and self_timed(e["event"], e["source"]):
            e["dur_ns"] = "D"
        out.append(e)
    return out


# TIME(s) COMM PID VM INO EVENT DUR(us) DETAILS; COMM has no spaces here.
LINE = re.compile(r"^(\S+)(\s+\S+\s+\d+\s+\d+\s+\d+\s+)(\S+)(\s+)(\S+)( .*)?$")


def norm_text(path, source):
    lines = open(path).read().split("\n")
    out = lines[:1]
    for l in lines[1:]:
        m = LINE.match(l)
        if not m:
            out.append(l)
            continue
        dur = "D" if self_timed(m.group(3), source) and m.group(5) != "-" else m.group(5)
        # DUR(us) is right-aligned: its padding goes with the value.
        pad = " " if dur == "D" else m.group(4)
        out.append("T" + m.group(2) + m.group(3) + pad + dur + (m.group(6) or ""))
    return out


def first_diff(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return "line %d: %r != %r" % (i + 1, x, y)
    return "%d lines against %d" % (len(a), len(b))


live = load(prefix + ".live.jsonl")
read = load(prefix + ".read.jsonl")
source = live[0]["source"] if live else "tracepoint"
check("live events", len(live) > 300, True)
check("source", source, "tracepoint")
if norm_json(read) != norm_json(live):
    fails.append("trace -r -j differs from trace -j: " + first_diff(norm_json(read),
                                                                      norm_json(live)))
# The times differ, by little: the same events, read from the same clock.
check("ts_ns within 10 ms of the live ones",
      max((abs(a["ts_ns"] - b["ts_ns"]) for a, b in zip(read, live)), default=0) < 10**7, True)
text_read = norm_text(prefix + ".read.txt", source)
text_live = norm_text(prefix + ".live.txt", source)
if text_read != text_live:
    fails.append("trace -r -Td differs from trace -Td: " + first_diff(text_read, text_live))
check("text lines", len(text_read) - 2, len(live))

# The reader's filters keep what the same filters keep of the live events.
filters = {
    "e": lambda e: e["event"] in ("get_pfn", "bind"),
    "i": lambda e: e["ino"] == ino,
    "m": lambda e: e["vm_pid"] == pid and e["event"] in (
        "create", "release", "bind", "unbind", "arch_make_private", "arch_invalidate",
        "arch_reclaim"),
    "p": lambda e: e["pid"] == 1,
}
for name, keep in filters.items():
    got = norm_json(load("%s.read-%s.jsonl" % (prefix, name)))
    want = norm_json([e for e in live if keep(e)])
    if got != want:
        fails.append("trace -r -%s: %s" % (name, first_diff(got, want)))
    check("trace -r -%s is not empty" % name, bool(got), name != "p")

h = json.load(open(prefix + ".header.json"))
check("header format", (h["format"], h["version"], h["record_size"]), ("gmemtrace-trace", 1, 200))
check("header kernel", h["kernel_release"], release)
check("header gmemtrace", h["gmemtrace"], tool)
check("header source", h["source"], source)
check("header options", h["options"], "-p %d -b 8" % pid)
check("header clock", h["clock"], "CLOCK_MONOTONIC")
check("header records = events read", h["records"], len(read))
check("header finished, 0 lost", (h["finished"], h["lost"]), (True, 0))
if read:
    check("start <= first event <= last event <= end",
          h["start_ns"] <= read[0]["ts_ns"] <= read[-1]["ts_ns"] <= h["end_ns"], True)
check("live events in the table", {e["event"] for e in live} - {e["name"] for e in h["event_table"]},
      set())
check("event ids", [e["id"] for e in h["event_table"]], list(range(len(h["event_table"]))))
check("layout", [f["name"] for f in h["record_layout"]][:3], ["ts", "ino", "dur_ns"])

for f in fails:
    print("FAIL " + f)
print("trace -w then -r: %d events, %d failures" % (len(read), len(fails)))
sys.exit(1 if fails else 0)
