#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Benchmark P3 in a VM whose clock counts instructions (qemu -icount
# shift=0: one guest nanosecond per instruction, sleep=off): the same
# bench/p3-policy.sh, but the host's load no longer moves the figures, so
# that a policy's cost is resolved to a tenth of a percent.  It is a cost
# in instructions, not in time: an atomic operation counts as one.
# Prints the table and writes build/bench/p3-policy-icount.json.
set -o pipefail
. "$(dirname "$0")/../scripts/lib.sh"

log=$GMT_ROOT/build/bench/p3-icount.log
mkdir -p "$GMT_ROOT/build/bench"
VM_QEMU_ARGS="${VM_QEMU_ARGS:+$VM_QEMU_ARGS }-icount shift=0,sleep=off" \
	VM_TIMEOUT=${VM_TIMEOUT:-1800} "$GMT_ROOT/scripts/vm-run.sh" \
	"export BENCH_REPS=${BENCH_REPS:-5} P3_CLOCK=icount; $GMT_ROOT/bench/p3-policy.sh" |
	tee "$log" | grep -v '^BENCH-JSON '
[ "${PIPESTATUS[0]}" = 0 ] || die "the P3 icount VM failed"
sed -n 's/^BENCH-JSON //p' "$log" >"$GMT_ROOT/build/bench/p3-policy-icount.json"
[ -s "$GMT_ROOT/build/bench/p3-policy-icount.json" ] || die "p3-policy-icount printed no result"
