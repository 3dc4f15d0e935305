#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Benchmark P1 in instructions: bench/p1-compare.sh with P1_CLOCK=icount,
# every boot under qemu -icount, a run the sum of the CPU times of the
# operations of bench/dense.scn (gmem-workload -c), in instructions.
# Writes build/bench/p1-overhead-icount.json.
P1_CLOCK=icount exec "$(dirname "$0")/p1-compare.sh" "$@"
