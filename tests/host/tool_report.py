#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The checks of tests/host/tool_report.sh (run by it)."""
import json, math, statistics, sys
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
# Means, standard deviations and Welch's test, computed here: the p-value
# by integrating Student's t density over the tail (Simpson's rule, with
# u = |t| / s), not by the incomplete beta function the tool uses.
def values(rec, ev, key):
    out = []
    for run in rec["runs"]:
        e = run["events"].get(ev, {})
        if key == "rate":
            out.append(e.get("count", 0) / (run["wall_ns"] / 1e9))
        elif key == "mean":
            out.append(e["sum_ns"] / e["count"] if e.get("count") else 0)
        else:
            out.append(e.get(key, 0))
    return out
def t_tail(t, df, n=4000):
    c = math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2)) / math.sqrt(df * math.pi)
    def g(s):
        return 0 if s == 0 else c * (1 + (t / s) ** 2 / df) ** (-(df + 1) / 2) * t / (s * s)
    h = 1 / n
    return 2 * h / 3 * sum((1 if i in (0, n) else 4 if i % 2 else 2) * g(i * h)
                           for i in range(n + 1))
def welch(a, b):
    va, vb = statistics.variance(a) / len(a), statistics.variance(b) / len(b)
    d = statistics.mean(b) - statistics.mean(a)
    if va + vb == 0:
        return (0 if d == 0 else math.copysign(math.inf, d)), None, (1 if d == 0 else 0)
    t = d / math.sqrt(va + vb)
    df = (va + vb) ** 2 / (va * va / (len(a) - 1) + vb * vb / (len(b) - 1))
    return t, df, t_tail(abs(t), df)
def near(got, want, rel=1e-5, eps=1e-9):
    if want is None or math.isinf(want):
        return got is None
    return got is not None and abs(got - want) <= rel * abs(want) + eps
if rep.get("test") != "welch_t_two_sided" or rep.get("alpha") != 0.05:
    fails.append("test %r alpha %r" % (rep.get("test"), rep.get("alpha")))
for (ev, metric), r in rows.items():
    a, b = values(base, ev, keys[metric]), values(cand, ev, keys[metric])
    ma, mb = statistics.mean(a), statistics.mean(b)
    t, df, p = welch(a, b)
    want = {"base_mean": ma, "base_stddev": statistics.stdev(a), "cand_mean": mb,
            "cand_stddev": statistics.stdev(b), "mean_change": (mb - ma) / ma if ma else 0,
            "t": t, "df": df, "p": p}
    for k, v in want.items():
        if not near(r.get(k), v):
            fails.append("%s %s %s: report %r, computed %r" % (ev, metric, k, r.get(k), v))
    sig = "significant" if p < 0.05 else "not significant"
    if r.get("significance") != sig:
        fails.append("%s %s: significance %r, want %r" % (ev, metric, r.get("significance"), sig))
# And some by hand.  allocate's mean: base 1071975, 1356291, 697106 ns:
# mean 3125372/3, squared deviations 655887219242/3, over n - 1 = 2: sd
# 330627.489; cand 10811005, 9558237, 10385844 ns: mean 30755086/3, squared
# deviations 2435122884194/3: sd 637066.570; va/3 + vb/3 = 1.7172e11:
# t = 9209904.67 / 414394.48 = 22.22497, df = 3.004505, p (integrated) 0.000197466.
# get_pfn's p50 is 32767 ns in every base run and 131071 in every cand
# one: constant, no variance, t and df null.
hand = {
    ("allocate", "mean"): {"base_mean": 1041790.6667, "base_stddev": 330627.489,
                           "cand_mean": 10251695.333, "cand_stddev": 637066.570,
                           "mean_change": 8.840456, "t": 22.22497, "df": 3.004505,
                           "p": 0.000197466, "significance": "significant"},
    ("get_pfn", "p50"): {"base_stddev": 0, "cand_stddev": 0, "mean_change": 3.00003,
                         "t": None, "df": None, "p": 0, "significance": "significant"},
    ("create", "count/run"): {"base_mean": 2, "base_stddev": 0, "t": 0, "df": None, "p": 1,
                              "significance": "not significant"},
}
for k, want in hand.items():
    for f, v in want.items():
        got = rows.get(k, {}).get(f)
        if not (got == v if isinstance(v, str) else near(got, v, 1e-4)):
            fails.append("%s %s %s: report %r, by hand %r" % (k[0], k[1], f, got, v))
print("\n".join(fails))
sys.exit(1 if fails else 0)
