#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Benchmark P4, on the host: private fault latency while conversions
# split and merge 2M folios of the same guest_memfd, before and after the
# series' patches that shorten what runs under the invalidate lock.  Two
# kernels, built with the same configuration (scripts/build-stock.sh,
# cached):
#   before   the series up to the patch before "Zero and prepare faulted
#            folios outside the invalidate lock";
#   series   the whole series.
# Boots them in turn, P4_BOOTS times each (default 2), runs
# bench/p4-contention.sh (REPS runs) in every boot, and prints the
# faults' mean, median and 99th percentile (from the log2 histograms:
# the upper bound of the bucket), the largest, and the guest's time,
# with the spread over runs.  Writes build/bench/p4-contention.json.
set -o pipefail
. "$(dirname "$0")/../scripts/lib.sh"
. "$GMT_ROOT/bench/compare-lib.sh"

BOOTS=${P4_BOOTS:-2}
REPS=${BENCH_REPS:-5}
OUTF=${P4_JSON:-$GMT_ROOT/build/bench/p4-contention.json}
mkdir -p "$(dirname "$OUTF")"

series=$GMT_OUT/arch/x86/boot/bzImage
[ -f "$series" ] || die "no kernel at $series (run: make kernel)"
nbefore=$(bench_series_prefix '/Zero and prepare faulted folios outside the invalidate lock/ { print n; f = 1; exit }
	     { n++ } END { if (!f) print 0 }')
[ "$nbefore" -gt 0 ] || die "the series has no patch moving fault zeroing out of the lock"
declare -A img
img[series]=$series
img[before]=$("$GMT_ROOT/scripts/build-stock.sh" "$nbefore") || exit 1

runs=()
bench_alternate P4 "$BOOTS" "$GMT_ROOT/bench/p4-contention.sh" before series

printf '%s\n' "${runs[@]}" | python3 -c '
import json, statistics, sys
out_file, boots, nbefore = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
k = {n: {"runs": []} for n in ("before", "series")}
for line in sys.stdin:
    name, js = line.split(" ", 1)
    r = json.loads(js)
    k[name]["release"] = r["release"]
    k[name]["runs"] += r["runs"]

def quantile(hist, q):
    total = sum(b["count"] for b in hist)
    seen = 0
    for b in sorted(hist, key=lambda b: b["lo"]):
        seen += b["count"]
        if seen >= q * total:
            return b["hi"]
    return 0

def spread(xs):
    m = statistics.median(xs)
    return (max(xs) - min(xs)) / 2 / m * 100 if m else 0.0

rows = ("mean_us", "p50_us", "p99_us", "max_us", "guest_s")
for v in k.values():
    per = {r: [] for r in rows}
    for run in v["runs"]:
        per["mean_us"].append(run["sum_ns"] / run["faults"] / 1e3)
        per["p50_us"].append(quantile(run["hist_ns"], 0.5) / 1e3)
        per["p99_us"].append(quantile(run["hist_ns"], 0.99) / 1e3)
        per["max_us"].append(run["max_ns"] / 1e3)
        per["guest_s"].append(run["guest_ns"] / 1e9)
    v["median"] = {r: statistics.median(x) for r, x in per.items()}
    v["spread_pct"] = {r: spread(x) for r, x in per.items()}
print("P4 fault-contention.scn under gmemtrace stat, %d boots of each in turn, median of"
      " %d runs (spread: half the range, in %% of the median)" % (boots, len(k["series"]["runs"])))
print("%-10s %18s %18s %8s" % ("", "before (1-%d)" % nbefore, "series", "ratio"))
for r in rows:
    b, s = k["before"], k["series"]
    print("%-10s %18s %18s %8.2f" % (r,
          "%.1f (±%.0f%%)" % (b["median"][r], b["spread_pct"][r]),
          "%.1f (±%.0f%%)" % (s["median"][r], s["spread_pct"][r]),
          s["median"][r] / b["median"][r] if b["median"][r] else 0))
json.dump(dict(bench="p4-contention", boots=boots, before_patches=nbefore, **k),
          open(out_file, "w"))
' "$OUTF" "$BOOTS" "$nbefore"
