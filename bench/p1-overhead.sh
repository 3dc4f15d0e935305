#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Benchmark, in the test VM: the wall time of bench/dense.scn, an
# event-dense scenario that stock 7.3 runs too, with no tracer attached:
# what the series costs with its tracepoints compiled in but disabled.
# REPS runs after one warm-up; prints "P1 median_ns min_ns max_ns release"
# and the runs as "BENCH-JSON {...}".  bench/run.sh and scripts/review.sh
# run it under each kernel and compare.
#
# P1_CLOCK=icount (bench/p1-compare.sh, in a VM under qemu -icount): a run
# is the sum of the CPU times of the scenario's operations, each the CPU
# time of the thread that ran it (gmem-workload -c), in instructions.  Not
# the process's time, nor the operations' own: under icount a nanosecond
# is an instruction except while the VM idles, when the clock jumps to
# the next timer.  Starting a process waits for I/O (a /bin/true took
# 312-420 ms, the operations of dense.scn 152 ms), and operations that
# wait (a VM's creation and teardown) or that other tasks interrupt vary
# from run to run by more than the series changes (vm default: 4.2-9.3
# ms).  Work an operation leaves to other tasks (workers) is not counted.
set -o pipefail
B=$GMT_ROOT/build
REPS=${BENCH_REPS:-5}
CLOCK=${P1_CLOCK:-wall}
case $CLOCK in
wall) opt=-q ;;
icount) opt=-c ;;
*) echo "bench: P1_CLOCK=$CLOCK: want wall or icount" >&2; exit 1 ;;
esac
rm -f /tmp/p1-run*.out /tmp/p1-run*.out.wall /tmp/p1-warmup.out /tmp/p1-warmup.out.wall
for ((i = -1; i < REPS; i++)); do
	out=/tmp/p1-run$i.out
	[ $i -ge 0 ] || out=/tmp/p1-warmup.out
	t0=$(date +%s%N)
	"$B/gmem-workload" $opt "$GMT_ROOT/bench/dense.scn" >"$out" 2>&1 ||
		{ echo "bench: dense.scn failed:" >&2; cat "$out" >&2; exit 1; }
	t1=$(date +%s%N)
	echo "$((t1 - t0))" >"$out.wall"
done
python3 - "$(uname -r)" "$CLOCK" "$REPS" <<'PY'
import json, re, statistics, sys
rel, clock, reps = sys.argv[1], sys.argv[2], int(sys.argv[3])
t, ops = [], {}
for i in range(reps):
    path = "/tmp/p1-run%d.out" % i
    if clock == "wall":
        t.append(int(open(path + ".wall").read()))
        continue
    # "LINE: OPERATION -> RESULT cpu N ns in M ns": CPU times, by line.
    run = [(m.group(1) + ": " + m.group(2), int(m.group(3)))
           for m in re.finditer(r"^(\d+): (.*?) -> .* cpu (\d+) ns in \d+ ns$",
                                open(path).read(), re.M)]
    if not run:
        sys.exit("bench: no operation times in gmem-workload -c's output")
    t.append(sum(ns for _, ns in run))
    for op, ns in run:
        ops.setdefault(op, []).append(ns)
print("P1 dense.scn on %s: median %.3f s (min %.3f, max %.3f, %d runs%s)" %
      (rel, statistics.median(t) / 1e9, min(t) / 1e9, max(t) / 1e9, len(t),
       ", operations' CPU time in instructions" if clock == "icount" else ""))
r = {"bench": "p1-overhead", "release": rel, "clock": clock, "runs_ns": t,
     "median_ns": statistics.median(t)}
if ops:
    r["ops_ns"] = ops
print("BENCH-JSON " + json.dumps(r))
PY
