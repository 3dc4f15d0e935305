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
. "$GMT_ROOT/bench/compare-lib.sh"

bench_icount p2-tools-icount 3600 \
	"export BENCH_REPS=${BENCH_REPS:-5} P2_CLOCK=icount; $GMT_ROOT/bench/p2-tools.sh"
