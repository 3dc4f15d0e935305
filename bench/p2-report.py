#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""P2's tables and JSON, from bench/p2-tools.sh's measurements on stdin.

Three sections separated by "--" lines:
  tools:  NAME launch ready t0 t1 end hwm_kb cpu_ticks events lost
  progs:  MODE prog:run_cnt:run_time_ns ...
  storm:  VARIANT launch ready t0 t1 end hwm_kb cpu_ticks events lost
Times are CLOCK_REALTIME ns, CPU time in clock ticks.  With P2_CLOCK=icount
in the environment (bench/p2-icount.sh), t1 - t0 is the workload's
operations' time in instructions, and the benchmark is p2-tools-icount.
"""
import json
import os
import statistics
import sys

TOOLS = ["none", "gmemtrace-stat", "gmemtrace-trace", "gmemtrace-trace-w", "bpftrace",
         "perf-stat", "perf-record"]
ICOUNT = os.environ.get("P2_CLOCK") == "icount"
LABEL = {"none": "no tool", "gmemtrace-stat": "gmemtrace stat",
         "gmemtrace-trace": "gmemtrace trace", "gmemtrace-trace-w": "gmemtrace trace -w",
         "bpftrace": "bpftrace count()",
         "perf-stat": "perf stat", "perf-record": "perf record"}


def runs(lines, ticks_per_s):
    out = {}
    for line in lines:
        f = line.split()
        launch, ready, t0, t1, end, hwm, ticks, events, lost = (int(x) for x in f[1:10])
        out.setdefault(f[0], []).append({
            "workload_ns": t1 - t0, "startup_ns": ready - launch, "teardown_ns": end - t1,
            "peak_rss_kb": hwm, "cpu_ns": ticks * 10**9 // ticks_per_s,
            "events": events, "lost": lost})
    return out


def med(rs, key):
    return statistics.median(r[key] for r in rs)


def spread(values):
    m = statistics.median(values)
    return (max(values) - min(values)) / 2 / m * 100 if m else 0.0


def tools_section(rs, reps, tick_ns):
    none = rs["none"]
    base = med(none, "workload_ns")
    events = {t: sorted({r["events"] for r in rs[t]}) for t in TOOLS[1:]}
    nev = events["gmemtrace-stat"][0]
    res = {"none": {"workload_ns": [r["workload_ns"] for r in none]}}
    print("P2 observing bench/dense.scn (%d events), median of %d rounds, same boot%s" %
          (nev, reps, ", workload time in instructions (qemu -icount)" if ICOUNT else ""))
    print("%-17s %9s %7s %9s %15s %9s %9s %8s %8s %7s" %
          ("tool", "workload", "spread", "overhead", "ns/event", "startup", "teardown",
           "peak RSS", "CPU", "events"))
    print("%-17s %8.3fs %6.1f%% %9s %15s %9s %9s %8s %8s %7s" %
          (LABEL["none"], base / 1e9, spread([r["workload_ns"] for r in none]),
           "-", "-", "-", "-", "-", "-", "-"))
    for t in TOOLS[1:]:
        w = [r["workload_ns"] for r in rs[t]]
        # Paired with the no-tool run of the same round.
        cost = [(a - b["workload_ns"]) / nev for a, b in zip(w, none)]
        paired = [(a / b["workload_ns"] - 1) * 100 for a, b in zip(w, none)]
        over = (statistics.median(w) / base - 1) * 100
        r = {"workload_ns": w, "overhead_pct": over,
             "overhead_min_pct": min(paired), "overhead_max_pct": max(paired),
             "ns_per_event": statistics.median(cost),
             "ns_per_event_min": min(cost), "ns_per_event_max": max(cost),
             "startup_ns": med(rs[t], "startup_ns"), "teardown_ns": med(rs[t], "teardown_ns"),
             "peak_rss_kb": max(x["peak_rss_kb"] for x in rs[t]),
             "cpu_ns": med(rs[t], "cpu_ns"), "events": events[t]}
        res[t] = r
        # CPU time comes in clock ticks: below one, say so.
        cpu = ("%.2fs" % (r["cpu_ns"] / 1e9) if r["cpu_ns"] >= tick_ns
               else "<%.2fs" % (tick_ns / 1e9))
        print("%-17s %8.3fs %6.1f%% %+8.1f%% %6.0f (%.0f-%.0f) %8.3fs %8.3fs %6.1fMB %8s %7s" %
              (LABEL[t], statistics.median(w) / 1e9, spread(w), over, r["ns_per_event"],
               min(cost), max(cost), r["startup_ns"] / 1e9, r["teardown_ns"] / 1e9,
               r["peak_rss_kb"] / 1024, cpu, ",".join(str(e) for e in events[t])))
    same = all(e == [nev] for e in events.values())
    ours = res["gmemtrace-stat"]["overhead_pct"]
    below = ours < res["bpftrace"]["overhead_pct"] and ours < res["perf-record"]["overhead_pct"]
    print("(one vCPU: the tools' own user-space work lands in the workload's time)")
    print("every tool saw the same %d events: %s" % (nev, "yes" if same else "NO"))
    print("goal: gmemtrace stat's overhead below bpftrace's and perf record's: %s" %
          ("met" if below else "NOT met"))
    write = res["gmemtrace-trace-w"]["overhead_pct"] <= res["perf-record"]["overhead_pct"]
    print("goal: gmemtrace trace -w's overhead at most perf record's: %s" %
          ("met" if write else "NOT met"))
    return {"events": nev, "same_events": same, "stat_below_peers": below,
            "write_within_perf_record": write, "tools": res}


MODES = ("stat", "stat-A", "trace", "bpftrace")
STORM = (("text", "text, 8 MiB buffer"), ("text-b64", "text, -b 64"),
         ("json-b64", "JSON, -b 64"), ("write", "binary -w, 8 MiB buffer"),
         ("write-b64", "binary -w, -b 64"))
ALL = "all events"


def progs_section(lines):
    """Per program and mode: ns per run of each pass; ALL: of all programs."""
    per = {}
    for line in lines:
        f = line.split()
        sums = {}
        for p in f[1:]:
            name, cnt, ns = p.split(":")
            c = sums.setdefault(name, [0, 0])
            c[0] += int(cnt)
            c[1] += int(ns)
        for name, (cnt, ns) in sums.items():
            per.setdefault(f[0], {}).setdefault(name, []).append(ns / cnt)
        cnt = sum(c[0] for c in sums.values())
        if cnt:
            per.setdefault(f[0], {}).setdefault(ALL, []).append(
                sum(c[1] for c in sums.values()) / cnt)
    print()
    print("per-event cost inside the kernel (kernel.bpf_stats_enabled), ns per run of the"
          " BPF program, median (min-max)")
    print("%-22s %20s %20s %20s %20s" % ("program", "gmemtrace stat", "gmemtrace stat -A",
                                         "gmemtrace trace", "bpftrace count()"))
    names = sorted(set(n for m in per.values() for n in m) - {ALL}) + [ALL]
    res = {}
    for n in names:
        cols = []
        for mode in MODES:
            v = per.get(mode, {}).get(n)
            if v:
                res.setdefault(n, {})[mode] = {"ns": statistics.median(v),
                                                "min": min(v), "max": max(v)}
                cols.append("%6.0f (%.0f-%.0f)" % (statistics.median(v), min(v), max(v)))
            else:
                cols.append("-")
        print("%-22s %20s %20s %20s %20s" % (n, cols[0], cols[1], cols[2], cols[3]))
    return res


def storm_section(rs, reps):
    print()
    none = rs["none"]
    res = {}
    base = med(none, "workload_ns")
    # What the storm generates: what arrived plus what was lost.
    nev = int(statistics.median(x["events"] + x["lost"] for v in STORM for x in rs[v[0]]))
    print("gmemtrace trace throughput: event storm of %d events, median of %d runs" %
          (nev, reps))
    print("%-26s %10s %12s %8s %12s %14s" % ("output", "workload", "events/s", "lost",
                                              "CPU/event", "consumer max"))
    print("%-26s %9.3fs %12s %8s %12s %14s" % ("no tool", base / 1e9, "-", "-", "-", "-"))
    for v, label in STORM:
        r = rs[v]
        rate = [x["events"] / (x["workload_ns"] / 1e9) for x in r]
        cpu = [x["cpu_ns"] / (x["events"] + x["lost"]) for x in r]
        lost = [x["lost"] for x in r]
        res[v] = {"events": [x["events"] for x in r], "lost": lost,
                  "events_per_s": statistics.median(rate),
                  "events_per_s_min": min(rate), "events_per_s_max": max(rate),
                  "cpu_ns_per_event": statistics.median(cpu),
                  "workload_ns": [x["workload_ns"] for x in r]}
        # Less than a clock tick of CPU time reads as none: no maximum then.
        cmax = "%.0f/s" % (1e9 / statistics.median(cpu)) if statistics.median(cpu) else "-"
        print("%-26s %9.3fs %12.0f %8d %10.0fns %14s" %
              (label, med(r, "workload_ns") / 1e9, statistics.median(rate),
               max(lost), statistics.median(cpu), cmax))
    res["none_workload_ns"] = [x["workload_ns"] for x in none]
    res["events"] = nev
    res["generated_per_s_untraced"] = nev / (base / 1e9)
    print("untraced, the storm generates %.0f events/s (TCG); consumer max = 1 / its CPU"
          " time per event" % res["generated_per_s_untraced"])
    return res


def main():
    reps, ticks = int(sys.argv[1]), int(sys.argv[2])
    sections = [[]]
    for line in sys.stdin:
        line = line.strip()
        if line == "--":
            sections.append([])
        elif line:
            sections[-1].append(line)
    out = {"bench": "p2-tools-icount" if ICOUNT else "p2-tools", "reps": reps}
    out.update(tools_section(runs(sections[0], ticks), reps, 10**9 // ticks))
    out["bpf_ns_per_run"] = progs_section(sections[1])
    out["storm"] = storm_section(runs(sections[2], ticks), reps)
    print("BENCH-JSON " + json.dumps(out))


main()
