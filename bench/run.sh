#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: run the benchmarks, print their tables and write each one's
# JSON results to build/bench/NAME.json, all of them in build/bench/bench.json,
# then the goals table of those run (bench/goals.py), also in bench.json.
#
#   bench/run.sh                 every benchmark
#   bench/run.sh p2-tools        only these
#
# p1-overhead compares stock 7.3 with the series (p1-overhead-icount the
# same in instructions, under qemu -icount, as p2-tools-icount and
# p3-policy-icount are of theirs), and p4-contention the
# series before and after its lock-scope patches, booting each kernel in
# turn (bench/p1-compare.sh, bench/p4-compare.sh); p2-consumer runs on the
# host; the others run in one boot of the series.
#
# Environment: BENCH_REPS (timed runs per variant, default 5; p3-policy
# takes at least 11, or P3_REPS), P1_BOOTS, P1_KERNELS (both P1s),
# and vm-run.sh's (VM_MEM, VM_TIMEOUT, ...).
set -o pipefail
. "$(dirname "$0")/../scripts/lib.sh"

names=("$@")
[ ${#names[@]} -gt 0 ] ||
	names=(p1-overhead p1-overhead-icount p2-tools p2-tools-icount p2-consumer p3-policy
	       p3-policy-icount p4-contention huge-populate)

# host_script NAME: the script that runs benchmark NAME on the host, or
# nothing for one that runs in the VM (bench/NAME.sh).
host_script()
{
	case $1 in
	p1-overhead) echo p1-compare ;;
	p1-overhead-icount) echo p1-icount ;;
	p4-contention) echo p4-compare ;;
	p2-consumer) echo p2-consumer ;;
	p2-tools-icount) echo p2-icount ;;
	p3-policy-icount) echo p3-icount ;;
	esac
}

for n in "${names[@]}"; do
	s=$(host_script "$n")
	[ -x "$GMT_ROOT/bench/${s:-$n}.sh" ] ||
		die "no benchmark '$n' (bench/${s:-$n}.sh)"
done
export BENCH_REPS=${BENCH_REPS:-5}
mkdir -p "$GMT_ROOT/build/bench"
for n in "${names[@]}"; do
	rm -f "$GMT_ROOT/build/bench/$n.json"
done

# The ones that run on the host, by their scripts; the others in the VM.
invm=()
for n in "${names[@]}"; do
	host=$(host_script "$n")
	[ -n "$host" ] || { invm+=("$n"); continue; }
	"$GMT_ROOT/bench/$host.sh" || die "$n failed"
	echo
done

if [ ${#invm[@]} -gt 0 ]; then
	log=$GMT_ROOT/build/bench/run.log
	cmd="export BENCH_REPS=$BENCH_REPS;"
	for n in "${invm[@]}"; do
		cmd+=" echo '== $n'; $GMT_ROOT/bench/$n.sh || echo 'BENCH-FAILED $n';"
	done
	VM_TIMEOUT=${VM_TIMEOUT:-1800} "$GMT_ROOT/scripts/vm-run.sh" "$cmd" | tee "$log" |
		grep -v '^BENCH-JSON '
	rc=${PIPESTATUS[0]}
	[ $rc = 0 ] || die "the benchmark VM failed (exit $rc)"
	grep -q '^BENCH-FAILED' "$log" && die "$(grep '^BENCH-FAILED' "$log" | tr '\n' ' ')"
	sed -n 's/^BENCH-JSON //p' "$log" | while read -r json; do
		n=$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["bench"])' "$json")
		printf '%s\n' "$json" >"$GMT_ROOT/build/bench/$n.json"
	done
fi

# Everything in one file, with what it was measured on.
python3 - "$GMT_ROOT/build/bench" "$(cat "$GMT_OUT/include/config/kernel.release")" \
	"$(git -C "$GMT_SRC" rev-parse HEAD)" "$(git -C "$GMT_ROOT" rev-parse HEAD 2>/dev/null)" \
	"$BENCH_REPS" "${names[@]}" <<'PY'
import json, os, sys, time
d, release, kcommit, commit, reps = sys.argv[1:6]
out = {"format": "gmemtrace-bench", "version": 1, "kernel_release": release,
       "series_commit": kcommit, "gmemtrace_commit": commit, "reps": int(reps),
       "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "benchmarks": {}}
for n in sys.argv[6:]:
    out["benchmarks"][n] = json.load(open(os.path.join(d, n + ".json")))
json.dump(out, open(os.path.join(d, "bench.json"), "w"), indent=1)
print("wrote build/bench/bench.json (%s)" % ", ".join(out["benchmarks"]))
PY

# Every goal's figures side by side, also stored in bench.json.
echo
python3 "$GMT_ROOT/bench/goals.py" "$GMT_ROOT/build/bench" "${names[@]}"
