#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make bench: boot the test VM once, run the benchmarks in bench/ there,
# print their tables and write each one's JSON results to
# build/bench/NAME.json.
#
#   bench/run.sh                 every benchmark
#   bench/run.sh huge-populate   only these
#
# Environment: BENCH_REPS (timed runs per variant, default 3), and
# vm-run.sh's (VM_MEM, VM_TIMEOUT, ...).
set -o pipefail
. "$(dirname "$0")/../scripts/lib.sh"

names=("$@")
[ ${#names[@]} -gt 0 ] || names=(huge-populate p3-policy)
for n in "${names[@]}"; do
	[ -x "$GMT_ROOT/bench/$n.sh" ] || die "no benchmark '$n' (bench/$n.sh)"
done

mkdir -p "$GMT_ROOT/build/bench"
log=$GMT_ROOT/build/bench/run.log
cmd="export BENCH_REPS=${BENCH_REPS:-3};"
for n in "${names[@]}"; do
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
	echo "wrote build/bench/$n.json"
done
