#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The checks of tests/host/tool_report.sh (run by it).

tool_report.py BASE CAND REPORT: report -j of two records, against a
computation of our own from the records.  tool_report.py --trend RECORD...
REPORT: report -j of three or more, the same way, record by record."""
import json, math, os, re, statistics, sys

KEYS = {"count/run": "count", "rate": "rate", "mean": "mean", "p50": "p50_ns", "p99": "p99_ns"}

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

def noise(vals):
    m = statistics.median(vals)
    return (max(vals) - min(vals)) / 2 / m if m else 0

# The verdict by the documented rule: counts are exact; otherwise a change
# beyond 5% and beyond twice the noise (the larger relative half-spread of
# the runs), worse when latencies grow or rates drop; new, gone.
def verdict(metric, b, c, nz, in_base=True, in_cand=True):
    if in_base != in_cand:
        return "new" if in_cand else "gone"
    if not in_base:
        return "~"
    if metric == "count/run":
        return "~" if b == c else "CHANGED"
    d = (c - b) / b if b else 0
    worse = d < 0 if metric == "rate" else d > 0
    return "~" if abs(d) <= max(0.05, 2 * nz) else "REGRESSION" if worse else "improvement"

# Welch's test: the p-value by integrating Student's t density over the
# tail (Simpson's rule, with u = |t| / s), not by the incomplete beta
# function the tool uses.
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
    # The substitution leaves out t = 0: P(|T| >= 0) = 1.
    return t, df, t_tail(abs(t), df) if t else 1

def near(got, want, rel=1e-5, eps=1e-9):
    if want is None or math.isinf(want):
        return got is None
    return got is not None and abs(got - want) <= rel * abs(want) + eps

def present(rec, ev):
    return any(ev in run["events"] for run in rec["runs"])

def compare(base, cand, ev, metric):
    """What report says of @metric of @ev from @base to @cand, computed here."""
    a, b = values(base, ev, KEYS[metric]), values(cand, ev, KEYS[metric])
    mb, mc = statistics.median(a), statistics.median(b)
    ma, mm = statistics.mean(a), statistics.mean(b)
    nz = max(noise(a), noise(b))
    t, df, p = welch(a, b)
    return {"base": mb, "cand": mc, "delta": (mc - mb) / mb if mb else 0, "noise": nz,
            "verdict": verdict(metric, mb, mc, nz, present(base, ev), present(cand, ev)),
            "base_mean": ma, "base_stddev": statistics.stdev(a), "cand_mean": mm,
            "cand_stddev": statistics.stdev(b), "mean_change": (mm - ma) / ma if ma else 0,
            "t": t, "df": df, "p": p,
            "significance": "significant" if p < 0.05 else "not significant"}

def check_fields(fails, what, got, want, rel=1e-5):
    for k, v in want.items():
        ok = got.get(k) == v if isinstance(v, str) else near(got.get(k), v, rel)
        if not ok:
            fails.append("%s %s: report %r, computed %r" % (what, k, got.get(k), v))

def check_pair(base, cand, rep):
    fails = []
    rows = {(r["event"], r["metric"]): r for r in rep["rows"]}
    for ev in ("get_pfn", "invalidate_end", "allocate"):
        for metric in ("count/run", "mean", "p50", "rate"):
            if (ev, metric) not in rows:
                fails.append("no row %s %s" % (ev, metric))
    # And two that no noise can hide: exact counts, and a 30x slower invalidation.
    for k, v in {("get_pfn", "count/run"): "~", ("invalidate_end", "mean"): "REGRESSION"}.items():
        if rows.get(k, {}).get("verdict") != v:
            fails.append("%s %s: verdict %r, want %r" % (k[0], k[1], rows.get(k, {}).get("verdict"), v))
    if rep.get("test") != "welch_t_two_sided" or rep.get("alpha") != 0.05:
        fails.append("test %r alpha %r" % (rep.get("test"), rep.get("alpha")))
    for (ev, metric), r in rows.items():
        check_fields(fails, "%s %s" % (ev, metric), r, compare(base, cand, ev, metric))
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
        check_fields(fails, "%s %s (by hand)" % k, rows.get(k, {}), want, 1e-4)
    return fails

def timed_events(root):
    """The events with durations, as include/gmemtrace_events.h declares them."""
    text = open(os.path.join(root, "include", "gmemtrace_events.h")).read()
    return {m[0] for m in re.findall(r"X\(\w+, (\w+), \w+, (true|false)", text) if m[1] == "true"}

def check_trend(recs, paths, rep):
    """Every record's values, and every step: each record against the one before."""
    fails = []
    tr = rep["trend"]
    labels = [os.path.basename(p) for p in paths]
    if len(set(labels)) < len(labels):
        labels = list(paths)
    got = [(r["label"], r["path"]) for r in tr["records"]]
    if got != list(zip(labels, paths)):
        fails.append("records %r, want %r" % (got, list(zip(labels, paths))))
    timed = timed_events(os.path.join(os.path.dirname(__file__), "..", ".."))
    evs = {ev for rec in recs for run in rec["runs"] for ev in run["events"]}
    want = {(ev, m) for ev in evs for m in KEYS
            if (m not in ("mean", "p50", "p99") or ev in timed | {"arch_lifetime"})
            and (m != "rate" or ev != "arch_lifetime")}
    series = {(s["event"], s["metric"]): s for s in tr["metrics"]}
    if set(series) != want:
        fails.append("metrics: extra %r, missing %r" % (set(series) - want, want - set(series)))
    for (ev, metric), s in series.items():
        what = "%s %s" % (ev, metric)
        for i, rec in enumerate(recs):
            v = values(rec, ev, KEYS[metric])
            check_fields(fails, "%s record %d" % (what, i), s["values"][i],
                         {"median": statistics.median(v), "noise": noise(v),
                          "mean": statistics.mean(v), "stddev": statistics.stdev(v)})
            if s["values"][i]["present"] != present(rec, ev):
                fails.append("%s record %d: present %r" % (what, i, s["values"][i]["present"]))
        steps = []
        for i in range(1, len(recs)):
            c = compare(recs[i - 1], recs[i], ev, metric)
            if c["verdict"] != "~" or c["p"] < 0.05:
                steps.append(dict(at=i, label=labels[i], **{"from": c["base"], "to": c["cand"]},
                                  change=c["delta"], noise=c["noise"], verdict=c["verdict"],
                                  mean_change=c["mean_change"], t=c["t"], df=c["df"], p=c["p"],
                                  significance=c["significance"]))
        if [x["at"] for x in s["steps"]] != [x["at"] for x in steps]:
            fails.append("%s: steps at %r, want at %r" % (what, [x["at"] for x in s["steps"]],
                                                          [x["at"] for x in steps]))
            continue
        for g, w in zip(s["steps"], steps):
            check_fields(fails, "%s step at %d" % (what, w["at"]), g, w)
    return fails

if sys.argv[1] == "--trend":
    paths = sys.argv[2:-1]
    fails = check_trend([json.load(open(p)) for p in paths], paths, json.load(open(sys.argv[-1])))
else:
    fails = check_pair(*(json.load(open(p)) for p in sys.argv[1:4]))
print("\n".join(fails))
sys.exit(1 if fails else 0)
