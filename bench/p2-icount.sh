#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Benchmark P2 in a VM whose clock counts instructions (qemu -icount
# shift=0, sleep=off, as bench/p3-icount.sh): bench/p2-tools.sh with
# P2_CLOCK=icount, the workload's time the sum of its operations' times.
# With one vCPU a tool's work during an operation counts in it, as in
# wall time, and the host's load does not move the figures.  Prints the
# tables and writes build/bench/p2-tools-icount.json.
set -o pipefail
. "$(dirname "$0")/../scripts/lib.sh"

log=$GMT_ROOT/build/bench/p2-icount.log
mkdir -p "$GMT_ROOT/build/bench"
VM_QEMU_ARGS="${VM_QEMU_ARGS:+$VM_QEMU_ARGS }-icount shift=0,sleep=off" \
	VM_TIMEOUT=${VM_TIMEOUT:-3600} "$GMT_ROOT/scripts/vm-run.sh" \
	"export BENCH_REPS=${BENCH_REPS:-5} P2_CLOCK=icount; $GMT_ROOT/bench/p2-tools.sh" |
	tee "$log" | grep -v '^BENCH-JSON '
[ "${PIPESTATUS[0]}" = 0 ] || die "the P2 icount VM failed"
sed -n 's/^BENCH-JSON //p' "$log" >"$GMT_ROOT/build/bench/p2-tools-icount.json"
[ -s "$GMT_ROOT/build/bench/p2-tools-icount.json" ] || die "p2-tools-icount printed no result"
