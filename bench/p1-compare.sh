#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Benchmark P1, on the host: what the series costs with its tracepoints
# compiled in but disabled.  Three kernels, built with the same
# configuration (scripts/build-stock.sh, cached):
#   stock        Linux 7.3
#   tracepoints  7.3 with the series' leading tracepoint patches ("Add
#                tracepoints ...", "Trace the ..."), which change nothing
#                else: the cost of the disabled tracepoints alone;
#   series       the whole series: tracepoints plus what it changes in
#                guest_memfd (per-range state, conversion, 2M folios).
# Boots them in turn, P1_BOOTS times each, and runs bench/p1-overhead.sh
# (REPS timed runs of bench/dense.scn after a warm-up) in every boot.
# Prints a table and writes build/bench/p1-overhead.json.  Goal: at most
# 1.01 times stock's median with the tracepoints compiled in.
set -o pipefail
. "$(dirname "$0")/../scripts/lib.sh"
. "$GMT_ROOT/bench/compare-lib.sh"

BOOTS=${P1_BOOTS:-3}
REPS=${BENCH_REPS:-5}
OUTF=${P1_JSON:-$GMT_ROOT/build/bench/p1-overhead.json}
mkdir -p "$(dirname "$OUTF")"

series=$GMT_OUT/arch/x86/boot/bzImage
[ -f "$series" ] || die "no kernel at $series (run: make kernel)"
ntp=$(bench_series_prefix '!/Add tracepoints|Trace the/ { exit } { n++ } END { print n + 0 }')
[ "$ntp" -gt 0 ] || die "the series does not start with tracepoint patches"
declare -A img
img[series]=$series
img[stock]=$("$GMT_ROOT/scripts/build-stock.sh") || exit 1
img[tracepoints]=$("$GMT_ROOT/scripts/build-stock.sh" "$ntp") || exit 1

runs=()
bench_alternate P1 "$BOOTS" "$GMT_ROOT/bench/p1-overhead.sh" stock tracepoints series

printf '%s\n' "${runs[@]}" | python3 -c '
import json, statistics, sys
out_file, boots, ntp = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
names = ("stock", "tracepoints", "series")
k = {n: {"runs_ns": []} for n in names}
for line in sys.stdin:
    name, js = line.split(" ", 1)
    r = json.loads(js)
    k[name]["release"] = r["release"]
    k[name]["runs_ns"] += r["runs_ns"]
for v in k.values():
    t = v["runs_ns"]
    v["median_ns"] = statistics.median(t)
    v["spread_pct"] = (max(t) - min(t)) / 2 / v["median_ns"] * 100
    v["ratio"] = v["median_ns"] / k["stock"]["median_ns"]
k["tracepoints"]["patches"] = ntp
print("P1 bench/dense.scn without tracers, same configuration, %d boots of each in turn,"
      " median of all runs" % boots)
print("%-12s %-40s %5s %9s %7s %7s" % ("kernel", "release", "runs", "median", "spread",
                                       "ratio"))
for n in names:
    v = k[n]
    print("%-12s %-40s %5d %8.3fs %6.1f%% %7.3f" % (n, v["release"], len(v["runs_ns"]),
          v["median_ns"] / 1e9, v["spread_pct"], v["ratio"]))
ratio = k["tracepoints"]["ratio"]
print("tracepoints = patches 1-%d; goal tracepoints/stock <= 1.01: %s (%.3f); whole series/stock %.3f"
      % (ntp, "met" if ratio <= 1.01 else "NOT met", ratio, k["series"]["ratio"]))
json.dump(dict(bench="p1-overhead", boots=boots, ratio=ratio,
               series_ratio=k["series"]["ratio"], **k), open(out_file, "w"))
' "$OUTF" "$BOOTS" "$ntp"
