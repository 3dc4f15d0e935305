#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Benchmark, in the test VM: the wall time of bench/dense.scn, an
# event-dense scenario that stock 7.3 runs too, with no tracer attached:
# what the series costs with its tracepoints compiled in but disabled.
# REPS runs after one warm-up; prints "P1 median_ns min_ns max_ns release"
# and the runs as "BENCH-JSON {...}".  bench/run.sh and scripts/review.sh
# run it under each kernel and compare.
set -o pipefail
B=$GMT_ROOT/build
REPS=${BENCH_REPS:-5}
times=()
for ((i = -1; i < REPS; i++)); do
	t0=$(date +%s%N)
	"$B/gmem-workload" -q "$GMT_ROOT/bench/dense.scn" >/tmp/p1.out 2>&1 ||
		{ echo "bench: dense.scn failed:" >&2; cat /tmp/p1.out >&2; exit 1; }
	t1=$(date +%s%N)
	[ $i -ge 0 ] && times+=($((t1 - t0)))
done
python3 - "$(uname -r)" "${times[@]}" <<'PY'
import json, statistics, sys
rel, t = sys.argv[1], [int(x) for x in sys.argv[2:]]
print("P1 dense.scn on %s: median %.3f s (min %.3f, max %.3f, %d runs)" %
      (rel, statistics.median(t) / 1e9, min(t) / 1e9, max(t) / 1e9, len(t)))
print("BENCH-JSON " + json.dumps({"bench": "p1-overhead", "release": rel, "runs_ns": t,
                                  "median_ns": statistics.median(t)}))
PY
