#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""P1's table from bench/p1-compare.sh's runs.

    p1-report.py OUT.json BOOTS NTP < "KERNEL JSON" lines, in boot order

KERNEL is stock, tracepoints or series; JSON is bench/p1-overhead.sh's
BENCH-JSON line of one boot, whose "clock" (wall, or icount: the
operations' CPU time in instructions) names the benchmark p1-overhead or
p1-overhead-icount.  Per kernel: the median of all its runs, the
spread (half the min-max range over the median) and the ratio of the
medians to stock's.  Then, because boots differ more than runs within a
boot, the paired ratios: in each round of boots, the kernel's median over
stock's median of the same round; their median, quartiles, range, and a
95% confidence interval of that median that assumes nothing of the
ratios' distribution: the order statistics x(k)..x(n+1-k) of the n
rounds, with the largest k for which a binomial(n, 1/2) count falls
below k with probability at most 2.5% (its coverage, at least 95%, is
stored too).  The upper end of the interval is the bound the runs
support.  Fewer than 6 rounds have no such interval (the range of 5
covers the median with 93.75%): the verdict is then "not resolved".
"""
import json
import statistics
import sys

from goals import median_ci, median_spread, verdict as goal_verdict


def quantile(v, q):
    v = sorted(v)
    pos = (len(v) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (pos - lo)


def paired(rounds_k, rounds_stock):
    r = [statistics.median(a) / statistics.median(b) for a, b in zip(rounds_k, rounds_stock)]
    ci = median_ci(r)
    lo, hi, coverage = ci if ci else (None, None, None)
    return {"ratios": r, "median": statistics.median(r), "q1": quantile(r, 0.25),
            "q3": quantile(r, 0.75), "min": min(r), "max": max(r), "ci95_lo": lo,
            "ci95_hi": hi, "ci_coverage": coverage}


def verdict(p):
    """The P1 goal's verdict on paired ratios P, as the goals table has it."""
    return goal_verdict(p["median"], median_spread(p["ratios"]), "<=", 1.01, None)


def ci_text(p):
    if p["ci95_lo"] is None:
        return "%d rounds: too few for a 95%% CI" % len(p["ratios"])
    return "95%% CI %.3f..%.3f" % (p["ci95_lo"], p["ci95_hi"])


def ops_table(k, names):
    """Per operation of the scenario (icount runs): each kernel's median
    over all its runs, and its ratio to stock's; stored as "ops"."""
    runs = {n: k[n].pop("ops_runs", None) for n in names}
    if not all(runs.values()):
        return
    for n in names:
        k[n]["ops"] = {op: statistics.median(ns) for op, ns in runs[n].items()}
    print("per operation, median of all runs (ns; ratio to stock):")
    print("  %-36s" % "line: operation" + "".join(" %20s" % n for n in names))
    for op, base in k["stock"]["ops"].items():
        cells = ""
        for n in names:
            v = k[n]["ops"].get(op)
            if v is None:
                cells += " %20s" % "-"
            elif n == "stock":
                cells += " %20.0f" % v
            else:
                cells += " %12.0f %7s" % (v, "%.3f" % (v / base) if base else "-")
        print("  %-36s%s" % (op[:36], cells))


def main():
    out_file, boots, ntp = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    k = {}
    clocks = set()
    for line in sys.stdin:
        name, js = line.split(" ", 1)
        r = json.loads(js)
        clocks.add(r.get("clock", "wall"))
        v = k.setdefault(name, {"runs_ns": [], "rounds": []})
        v["release"] = r["release"]
        v["runs_ns"] += r["runs_ns"]
        v["rounds"].append(r["runs_ns"])
        for op, ns in r.get("ops_ns", {}).items():
            v.setdefault("ops_runs", {}).setdefault(op, []).extend(ns)
    if "stock" not in k:
        sys.exit("p1-report: no runs on the stock kernel")
    if len(clocks) != 1:
        sys.exit("p1-report: runs of different clocks: %s" % ", ".join(sorted(clocks)))
    icount = clocks == {"icount"}
    names = [n for n in ("stock", "tracepoints", "series") if n in k]
    for n in names:
        v = k[n]
        t = v["runs_ns"]
        v["median_ns"] = statistics.median(t)
        v["spread_pct"] = (max(t) - min(t)) / 2 / v["median_ns"] * 100
        v["ratio"] = v["median_ns"] / k["stock"]["median_ns"]
        if n != "stock":
            v["paired"] = paired(v["rounds"], k["stock"]["rounds"])
    if "tracepoints" in k:
        k["tracepoints"]["patches"] = ntp
    print("P1 bench/dense.scn without tracers, same configuration, %d boots of each in turn%s"
          % (boots, ", operations' CPU time in instructions (qemu -icount)" if icount else ""))
    print("%-12s %-40s %5s %9s %7s %7s   %s" % ("kernel", "release", "runs", "median",
                                              "spread", "ratio", "paired ratio per round"))
    for n in names:
        v = k[n]
        p = v.get("paired")
        pair = ("-" if not p else "%.3f (quartiles %.3f..%.3f, range %.3f..%.3f, %s)" %
                (p["median"], p["q1"], p["q3"], p["min"], p["max"], ci_text(p)))
        print("%-12s %-40s %5d %8.3fs %6.1f%% %7.3f   %s" %
              (n, v["release"], len(v["runs_ns"]), v["median_ns"] / 1e9, v["spread_pct"],
               v["ratio"], pair))
    ops_table(k, names)
    for n, what in (("tracepoints", "tracepoints = patches 1-%d" % ntp),
                    ("series", "whole series")):
        if n in k:
            p = k[n]["paired"]
            print("%s/stock: goal <= 1.01: %s (paired median %.3f); %s" %
                  (what, verdict(p), p["median"],
                   "the runs support <= %.3f (upper end of the 95%% CI)" % p["ci95_hi"]
                   if p["ci95_hi"] is not None else
                   "%d rounds are too few for a 95%% CI (6 at least)" % len(p["ratios"])))
    out = dict(bench="p1-overhead-icount" if icount else "p1-overhead", boots=boots,
               clock="icount" if icount else "wall", **k)
    if "tracepoints" in k:
        out["ratio"] = k["tracepoints"]["ratio"]
    if "series" in k:
        out["series_ratio"] = k["series"]["ratio"]
    json.dump(out, open(out_file, "w"))


if __name__ == "__main__":
    main()
