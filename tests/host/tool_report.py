#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The checks of tests/host/tool_report.sh (run by it)."""
import json, statistics, sys
base, cand, rep = (json.load(open(p)) for p in sys.argv[1:])
rows = {(r["event"], r["metric"]): r for r in rep["rows"]}
def med(rec, ev, key):
    vals = []
    for run in rec["runs"]:
        e = run["events"].get(ev, {})
        if key == "rate":
            vals.append(e.get("count", 0) / (run["wall_ns"] / 1e9))
        elif key == "mean":
            vals.append(e["sum_ns"] / e["count"] if e.get("count") else 0)
        else:
            vals.append(e.get(key, 0))
    return statistics.median(vals)
fails = []
for ev in ("get_pfn", "invalidate_end", "allocate"):
    for metric, key in (("count/run", "count"), ("mean", "mean"), ("p50", "p50_ns"),
                        ("rate", "rate")):
        r = rows.get((ev, metric))
        if r is None:
            fails.append("no row %s %s" % (ev, metric))
            continue
        b, c = med(base, ev, key), med(cand, ev, key)
        if abs(r["base"] - b) > 1e-5 * max(1, b) or abs(r["cand"] - c) > 1e-5 * max(1, c):
            fails.append("%s %s: report %r/%r, computed %r/%r" % (ev, metric, r["base"], r["cand"], b, c))
# Every verdict by the documented rule: counts are exact; otherwise a
# change beyond 5% and beyond twice the noise (the larger relative
# half-spread of the runs), worse when latencies grow or rates drop.
def noise(rec, ev, key):
    vals = []
    for run in rec["runs"]:
        e = run["events"].get(ev, {})
        vals.append({"rate": lambda: e.get("count", 0) / (run["wall_ns"] / 1e9),
                     "mean": lambda: e["sum_ns"] / e["count"] if e.get("count") else 0}
                    .get(key, lambda: e.get(key, 0))())
    m = statistics.median(vals)
    return (max(vals) - min(vals)) / 2 / m if m else 0
keys = {"count/run": "count", "rate": "rate", "mean": "mean", "p50": "p50_ns", "p99": "p99_ns"}
for (ev, metric), r in rows.items():
    b, c = r["base"], r["cand"]
    if metric == "count/run":
        want = "~" if b == c else "CHANGED"
    else:
        d = (c - b) / b if b else 0
        lim = max(0.05, 2 * max(noise(base, ev, keys[metric]), noise(cand, ev, keys[metric])))
        worse = d < 0 if metric == "rate" else d > 0
        want = "~" if abs(d) <= lim else "REGRESSION" if worse else "improvement"
    if r["verdict"] != want:
        fails.append("%s %s: verdict %r, want %r" % (ev, metric, r["verdict"], want))
# And two that no noise can hide: exact counts, and a 30x slower invalidation.
for k, v in {("get_pfn", "count/run"): "~", ("invalidate_end", "mean"): "REGRESSION"}.items():
    if rows.get(k, {}).get("verdict") != v:
        fails.append("%s %s: verdict %r, want %r" % (k[0], k[1], rows.get(k, {}).get("verdict"), v))
print("\n".join(fails))
sys.exit(1 if fails else 0)
