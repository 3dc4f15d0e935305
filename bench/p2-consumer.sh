#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Benchmark, on the host: how many events per second 'gmemtrace trace'
# can format natively (bench/trace-consumer.c, the tool's own output code,
# 1M storm events to /dev/null per run, REPS runs).  The in-VM figures of
# bench/p2-tools.sh are TCG's; this is the same code at native speed.
# Prints a table and writes build/bench/p2-consumer.json.
set -o pipefail
. "$(dirname "$0")/../scripts/lib.sh"

BIN=$GMT_ROOT/build/trace-consumer
[ -x "$BIN" ] || die "no $BIN (run: make tools)"
mkdir -p "$GMT_ROOT/build/bench"
"$BIN" 1000000 "${BENCH_REPS:-5}" | python3 -c '
import json, statistics, sys
res = {"bench": "p2-consumer", "events_per_run": 1000000}
print("gmemtrace trace output on the host (native), 1M events to /dev/null, median (min-max)")
print("%-6s %22s %16s" % ("output", "ns/event", "events/s"))
for line in sys.stdin:
    f = line.split()
    ns = [float(x) for x in f[1:]]
    m = statistics.median(ns)
    res[f[0]] = {"ns_per_event": ns, "median_ns": m, "events_per_s": 1e9 / m,
                 "events_per_s_min": 1e9 / max(ns), "events_per_s_max": 1e9 / min(ns)}
    print("%-6s %8.1f (%.1f-%.1f) %16.0f" % (f[0], m, min(ns), max(ns), 1e9 / m))
json.dump(res, open(sys.argv[1], "w"))
' "$GMT_ROOT/build/bench/p2-consumer.json"
