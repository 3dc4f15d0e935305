#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""make bench's goals table: every goal's figures side by side.

    bench/goals.py DIR NAME...

Reads DIR/NAME.json of the benchmarks NAME run now (bench/run.sh's), prints
one row per figure (its value, its spread, the goal and the verdict: met,
NOT met, not resolved, or not measured when its benchmark did not run)
and stores the
rows as the "goals" list of DIR/bench.json.  Rows without a goal are
there to be read next to the others.  What the goals are is in GOALS
below, and nowhere else here.

A row in bench.json: key, group (P1, P2, ...), who, what, benchmark, unit,
value (null: not measured), spread (see below), goal (null, or {op, value}
with "of": the key of the row whose value is the bound) and verdict ("met",
"NOT met", "not resolved", "not measured", or null for a row without a
goal).

The verdict goes by the spreads where there are some: met when the whole
of the row's spread meets the goal (against the whole of the bound's
spread, for a bound that is another row), NOT met when none of it does,
and not resolved when the spreads overlap the bound: the runs then
support neither answer, as they do not when they are too few for an
interval (a P1 of fewer than 6 rounds).  A row or bound without a spread
is judged by its value alone.
"""
import json
import math
import os
import statistics
import sys


# Measures: each a function of its benchmark's JSON that returns the value
# and its spread, {"min", "max"} over the runs, {"q1", "q3"} (quartiles),
# {"ci_lo", "ci_hi"} (a 95% confidence interval), {"rounds"} (too few
# rounds for one) or {"pct", "stock_pct"} (half the min-max range over the
# median, in %).
def rng(d, lo, hi):
    return {"min": d[lo], "max": d[hi]} if lo in d and hi in d else None


def overhead(tool):
    """p2-tools: the workload's overhead under TOOL, in %."""
    def get(j):
        t = j["tools"][tool]
        return t["overhead_pct"], rng(t, "overhead_min_pct", "overhead_max_pct")
    return get


def bpf(mode):
    """p2-tools: the BPF programs' ns per run over all events."""
    def get(j):
        t = j["bpf_ns_per_run"]["all events"][mode]
        return t["ns"], rng(t, "min", "max")
    return get


def median_ci(v, level=0.95):
    """(low, high, coverage) of the distribution-free interval for the
    median of V: the order statistics x(k)..x(n+1-k), k the largest for
    which a binomial(n, 1/2) count is below k with probability at most
    (1 - LEVEL) / 2; None when V is too short for LEVEL."""
    v = sorted(v)
    n = len(v)
    k = below = 0           # below: P(count < k)
    while below + math.comb(n, k) / 2 ** n <= (1 - level) / 2:
        below += math.comb(n, k) / 2 ** n
        k += 1
    if k == 0:
        return None
    return v[k - 1], v[n - k], 1 - 2 * below


def median_spread(ratios):
    """The spread of the median of RATIOS: its 95% interval, or the
    number of them when they are too few for one."""
    ci = median_ci(ratios)
    return {"ci_lo": ci[0], "ci_hi": ci[1]} if ci else {"rounds": len(ratios)}


def p1_ratio(kernel):
    """p1-overhead: KERNEL over stock: the median of the rounds' paired
    ratios with its 95% confidence interval (the number of rounds, when
    they are too few for one), or (older files) the ratio of all runs'
    medians with each kernel's spread.  The interval is computed again
    from the ratios: files written before it had another kind."""
    def get(j):
        p = j[kernel].get("paired")
        if p:
            return p["median"], median_spread(p["ratios"])
        return j[kernel]["ratio"], {"pct": j[kernel]["spread_pct"],
                                    "stock_pct": j["stock"]["spread_pct"]}
    return get


def p3_slower(j):
    """p3-policy(-icount): allow_link's paired slowdown, in %."""
    return j["slower_pct"], {"q1": j["slower_q1_pct"], "q3": j["slower_q3_pct"]}


def storm_rate(variant):
    def get(j):
        s = j["storm"][variant]
        return s["events_per_s"], rng(s, "events_per_s_min", "events_per_s_max")
    return get


def storm_lost(variant):
    def get(j):
        lost = j["storm"][variant]["lost"]
        return statistics.median(lost), {"min": min(lost), "max": max(lost)}
    return get


def consumer_rate(output):
    def get(j):
        return j[output]["events_per_s"], rng(j[output], "events_per_s_min",
                                              "events_per_s_max")
    return get


DENSE = "dense.scn"
# key, goal group, who, what, benchmark, measure, unit, goal: None, or
# (OP, NUMBER) or (OP, KEY of the row whose value is the bound).
GOALS = [
    ("p2-trace-w-overhead", "P2", "gmemtrace trace -w", "overhead, " + DENSE,
     "p2-tools", overhead("gmemtrace-trace-w"), "%", ("<=", "p2-perf-record-overhead")),
    ("p2-perf-record-overhead", "P2", "perf record", "overhead, " + DENSE,
     "p2-tools", overhead("perf-record"), "%", None),
    ("p2-trace-overhead", "P2", "gmemtrace trace", "overhead, " + DENSE,
     "p2-tools", overhead("gmemtrace-trace"), "%", ("<", 184)),
    ("p2-stat-overhead", "P2", "gmemtrace stat", "overhead, " + DENSE,
     "p2-tools", overhead("gmemtrace-stat"), "%", None),
    ("p2-stat-bpf", "P2", "gmemtrace stat", "BPF ns/run, all events",
     "p2-tools", bpf("stat"), "ns", ("<=", "p2-bpftrace-bpf")),
    ("p2-bpftrace-bpf", "P2", "bpftrace count()", "BPF ns/run, all events",
     "p2-tools", bpf("bpftrace"), "ns", None),
    ("p2-stat-arch-bpf", "P2", "gmemtrace stat -A", "BPF ns/run, all events",
     "p2-tools", bpf("stat-A"), "ns", None),
    ("p2-trace-bpf", "P2", "gmemtrace trace", "BPF ns/run, all events",
     "p2-tools", bpf("trace"), "ns", None),
    ("p2-trace-w-overhead-icount", "P2", "gmemtrace trace -w", "overhead, icount",
     "p2-tools-icount", overhead("gmemtrace-trace-w"), "%",
     ("<=", "p2-perf-record-overhead-icount")),
    ("p2-perf-record-overhead-icount", "P2", "perf record", "overhead, icount",
     "p2-tools-icount", overhead("perf-record"), "%", None),
    ("p2-trace-overhead-icount", "P2", "gmemtrace trace", "overhead, icount",
     "p2-tools-icount", overhead("gmemtrace-trace"), "%", ("<", 184)),
    ("p2-stat-bpf-icount", "P2", "gmemtrace stat", "BPF ns/run, icount",
     "p2-tools-icount", bpf("stat"), "ns", ("<=", "p2-bpftrace-bpf-icount")),
    ("p2-bpftrace-bpf-icount", "P2", "bpftrace count()", "BPF ns/run, icount",
     "p2-tools-icount", bpf("bpftrace"), "ns", None),
    ("p1-series", "P1'", "series/stock", DENSE + ", no tracer",
     "p1-overhead", p1_ratio("series"), "ratio", ("<=", 1.01)),
    ("p1-tracepoints", "P1", "tracepoints/stock", DENSE + ", no tracer",
     "p1-overhead", p1_ratio("tracepoints"), "ratio", ("<=", 1.01)),
    ("p1-series-icount", "P1'", "series/stock", DENSE + ", icount",
     "p1-overhead-icount", p1_ratio("series"), "ratio", ("<=", 1.01)),
    ("p1-tracepoints-icount", "P1", "tracepoints/stock", DENSE + ", icount",
     "p1-overhead-icount", p1_ratio("tracepoints"), "ratio", ("<=", 1.01)),
    ("p3-allow-link", "P3", "allow_link policy", "slower, paired, icount",
     "p3-policy-icount", p3_slower, "%", ("<=", 3)),
    ("storm-write-rate", "storm", "gmemtrace trace -w", "events/s, 8 MiB buffer",
     "p2-tools", storm_rate("write"), "events/s", None),
    ("storm-write-lost", "storm", "gmemtrace trace -w", "lost, 8 MiB buffer",
     "p2-tools", storm_lost("write"), "events", None),
    ("storm-write-b64-rate", "storm", "gmemtrace trace -w", "events/s, -b 64",
     "p2-tools", storm_rate("write-b64"), "events/s", None),
    ("storm-write-b64-lost", "storm", "gmemtrace trace -w", "lost, -b 64",
     "p2-tools", storm_lost("write-b64"), "events", None),
    ("native-text-rate", "storm", "gmemtrace trace", "text events/s, native",
     "p2-consumer", consumer_rate("text"), "events/s", None),
    ("native-json-rate", "storm", "gmemtrace trace", "JSON events/s, native",
     "p2-consumer", consumer_rate("json"), "events/s", None),
]

FMT = {"%": "%+.1f%%", "ns": "%.0f", "ratio": "%.3f", "events/s": "%.0f", "events": "%.0f"}


def text(unit, v):
    return FMT[unit] % v


def spread_text(unit, s):
    if s is None:
        return "-"
    if "rounds" in s:
        return "%d rounds: no 95%% CI" % s["rounds"]
    if "ci_lo" in s:
        return "95%% CI %s..%s" % (text(unit, s["ci_lo"]), text(unit, s["ci_hi"]))
    if "pct" in s:
        return "±%.1f%%, stock ±%.1f%%" % (s["pct"], s["stock_pct"])
    if "q1" in s:
        return "%s..%s (quartiles)" % (text(unit, s["q1"]), text(unit, s["q3"]))
    return "%s..%s" % (text(unit, s["min"]), text(unit, s["max"]))


def holds(value, op, bound):
    return value <= bound if op == "<=" else value < bound


def interval(value, spread):
    """The (low, high) a spread gives around a value: min..max, the 95%
    CI or the quartiles; the value alone for none (or an old P1 ±%)."""
    for lo, hi in (("min", "max"), ("ci_lo", "ci_hi"), ("q1", "q3")):
        if spread and lo in spread and hi in spread:
            return min(spread[lo], value), max(spread[hi], value)
    return value, value


def verdict(value, spread, op, bound, bound_spread):
    # Too few rounds for an interval: the runs support no answer.
    if spread and "rounds" in spread:
        return "not resolved"
    lo, hi = interval(value, spread)
    blo, bhi = interval(bound, bound_spread)
    if holds(hi, op, blo):
        return "met"
    if not holds(lo, op, bhi):
        return "NOT met"
    return "not resolved"


def evaluate(benchmarks):
    """The goals list, from {benchmark: its JSON} of the benchmarks run."""
    rows = []
    for key, group, who, what, bench, measure, unit, goal in GOALS:
        value = spread = None
        if bench in benchmarks:
            try:
                value, spread = measure(benchmarks[bench])
            except (KeyError, TypeError, ValueError):
                pass
        rows.append({"key": key, "group": group, "who": who, "what": what,
                     "benchmark": bench, "unit": unit, "value": value, "spread": spread,
                     "goal": None, "verdict": None})
    by_key = {r["key"]: r for r in rows}
    for row, (*_, goal) in zip(rows, GOALS):
        if goal:
            op, bound = goal
            row["goal"] = ({"op": op, "of": bound, "value": by_key[bound]["value"]}
                           if isinstance(bound, str) else {"op": op, "value": bound})
        if row["value"] is None or (goal and row["goal"]["value"] is None):
            row["verdict"] = "not measured"
        elif goal:
            g = row["goal"]
            row["verdict"] = verdict(row["value"], row["spread"], g["op"], g["value"],
                                     by_key[g["of"]]["spread"] if "of" in g else None)
    return rows


def goal_text(row, by_key):
    g = row["goal"]
    if g is None:
        return "-"
    if "of" in g:
        return "%s %s" % (g["op"], by_key[g["of"]]["who"])
    return "%s %s" % (g["op"], ("%+g%%" if row["unit"] == "%" else "%g") % g["value"])


def show(rows):
    by_key = {r["key"]: r for r in rows}
    print("Goals (bench.json \"goals\"): spread is min..max over the runs unless marked")
    row = "%-6s %-19s %-22s %9s  %-26s %-20s %s"
    print(row % ("", "what", "", "value", "spread", "goal", "verdict"))
    for r in rows:
        measured = r["value"] is not None
        print((row %
               (r["group"], r["who"], r["what"],
                text(r["unit"], r["value"]) if measured else "-",
                spread_text(r["unit"], r["spread"]) if measured else "-",
                goal_text(r, by_key), r["verdict"] or "-")).rstrip())


def main():
    d, names = sys.argv[1], sys.argv[2:]
    benchmarks = {}
    for n in names:
        path = os.path.join(d, n + ".json")
        if os.path.exists(path):
            benchmarks[n] = json.load(open(path))
    rows = evaluate(benchmarks)
    show(rows)
    path = os.path.join(d, "bench.json")
    if not os.path.exists(path):
        sys.exit("bench/goals.py: no %s" % path)
    out = json.load(open(path))
    out["goals"] = rows
    json.dump(out, open(path, "w"), indent=1)


if __name__ == "__main__":
    main()
