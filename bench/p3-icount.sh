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
. "$GMT_ROOT/bench/compare-lib.sh"

bench_icount p3-policy-icount 1800 \
	"export BENCH_REPS=${BENCH_REPS:-5} P3_CLOCK=icount; $GMT_ROOT/bench/p3-policy.sh"
