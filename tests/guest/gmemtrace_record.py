#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The checks of tests/guest/cases/gmemtrace-record (run by it).

gmemtrace record (scenarios/events.scn, 3 runs): the file describes the
kernel, the series, the scenario and the environment, and every run has
the scenario's exact counts and histograms; report of a record against
itself finds nothing; a failing command fails the record and leaves no
file.
"""
import json, os, re, sys
r = json.load(open(sys.argv[1]))
release = sys.argv[2]
fails = []
def check(what, got, want):
    if got != want:
        fails.append("%s: got %r, want %r" % (what, got, want))
check("format", (r["format"], r["version"]), ("gmemtrace-record", 1))
check("kernel", r["kernel"]["release"], release)
check("series", r["series"], re.search(r"-gmemtrace-(?:[a-z]+-)?(\d+-g[0-9a-f]+)$", release).group(1))
check("scenario", (r["scenario"], r["source"]), ("events", "tracepoint"))
check("runs", len(r["runs"]), 3)
env = r.get("environment", {})
check("environment members", sorted(env), sorted([
    "kernel_release", "kernel_config_sha256", "kernel_config_file", "kernel_cmdline",
    "cpu_model", "cpus", "host_kind", "gmemtrace", "options"]))
check("environment kernel", env.get("kernel_release"), release)
check("environment cmdline", env.get("kernel_cmdline"), open("/proc/cmdline").read().strip())
check("environment cpus", env.get("cpus"), os.sysconf("SC_NPROCESSORS_ONLN"))
check("environment options", env.get("options"), "-r 3 -A")
config = (env.get("kernel_config_sha256"), env.get("kernel_config_file"))
check("environment config", config == ("unknown", "") or
      (bool(re.fullmatch(r"[0-9a-f]{64}", config[0] or "")) and config[1].startswith("/")), True)
check("environment cpu model", bool(env.get("cpu_model")), True)
check("environment host kind", bool(re.match(r"(bare metal|virtual machine|emulated)( \(.+\))?$",
                                            env.get("host_kind", ""))), True)
check("environment gmemtrace", bool(re.fullmatch(r"\d+\.\d+\.\d+ \(commit \S+\)",
                                                env.get("gmemtrace", ""))), True)
COUNTS = {"create": 2, "release": 2, "bind": 2, "unbind": 2, "allocate": 1, "punch_hole": 1,
          "get_pfn": 16, "fault_user": 4, "invalidate_begin": 3, "invalidate_end": 3,
          "arch_make_private": 16, "arch_invalidate": 3, "arch_reclaim": 260,
          "arch_lifetime": 16}
for i, run in enumerate(r["runs"]):
    ev = run["events"]
    check("run %d counts" % i, {k: v["count"] for k, v in ev.items()}, COUNTS)
    check("run %d wall_ns > 0" % i, run["wall_ns"] > 0, True)
    g = ev["get_pfn"]
    check("run %d get_pfn histogram total" % i, sum(b["count"] for b in g["hist_ns"]), 16)
    check("run %d get_pfn p50 <= p90 <= p99 <= max" % i,
          0 < g["p50_ns"] <= g["p90_ns"] <= g["p99_ns"] <= g["max_ns"], True)
print("\n".join(fails) or "record checked")
sys.exit(1 if fails else 0)
