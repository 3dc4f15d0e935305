#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Benchmark P1, on the host: what the series costs with its tracepoints
# compiled in but disabled.  Three kernels, built with the same
# configuration (scripts/build-stock.sh, cached):
#   stock        Linux 7.3
#   tracepoints  7.3 with the series' leading tracepoint patches ("Add
#                tracepoints ...", "Trace the ..."), which change nothing
#                else: the cost of the disabled tracepoints alone;
#   series       the whole series: tracepoints plus what it changes in
#                guest_memfd (per-range state, conversion, 2M folios).
# Boots them in turn, P1_BOOTS times each, and runs bench/p1-overhead.sh
# (REPS timed runs of bench/dense.scn after a warm-up) in every boot.
# P1_KERNELS (default "stock tracepoints series") picks the kernels;
# stock is always one.  bench/p1-report.py prints the table, with the
# paired ratios of the rounds and a 95% interval of their median, and writes
# build/bench/p1-overhead.json.  Goal: at most 1.01 times stock, for the
# tracepoints (P1) and for the whole series (P1').
#
# P1_CLOCK=icount boots the VMs under qemu -icount (shift=0, sleep=off, as
# bench/p3-icount.sh) and counts the CPU time of the scenario's operations
# in instructions (bench/p1-overhead.sh): the host's load no longer moves
# the figures, and a fraction of a percent is resolved.  Writes
# p1-overhead-icount.json.
set -o pipefail
. "$(dirname "$0")/../scripts/lib.sh"
. "$GMT_ROOT/bench/compare-lib.sh"

REPS=${BENCH_REPS:-5}
script=$GMT_ROOT/bench/p1-overhead.sh
bench=p1-overhead
# Boots of each kernel: 6 at least, the fewest rounds whose paired ratios
# give a 95% interval (bench/p1-report.py); 10 under icount, which does
# resolve 1%.
BOOTS=${P1_BOOTS:-6}
case ${P1_CLOCK:-wall} in
wall) ;;
icount)
	BOOTS=${P1_BOOTS:-10}
	export VM_QEMU_ARGS="${VM_QEMU_ARGS:+$VM_QEMU_ARGS }$BENCH_ICOUNT"
	script="P1_CLOCK=icount $script"
	bench=p1-overhead-icount
	;;
*) die "P1_CLOCK=$P1_CLOCK: want wall or icount" ;;
esac
OUTF=${P1_JSON:-$GMT_ROOT/build/bench/$bench.json}
mkdir -p "$(dirname "$OUTF")"

series=$GMT_OUT/arch/x86/boot/bzImage
[ -f "$series" ] || die "no kernel at $series (run: make kernel)"
ntp=$(bench_series_prefix '!/Add tracepoints|Trace the/ { exit } { n++ } END { print n + 0 }')
[ "$ntp" -gt 0 ] || die "the series does not start with tracepoint patches"
read -ra kernels <<<"${P1_KERNELS:-stock tracepoints series}"
declare -A img
for k in "${kernels[@]}"; do
	case $k in
	stock) img[stock]=$("$GMT_ROOT/scripts/build-stock.sh") || exit 1 ;;
	tracepoints) img[tracepoints]=$("$GMT_ROOT/scripts/build-stock.sh" "$ntp") || exit 1 ;;
	series) img[series]=$series ;;
	*) die "P1_KERNELS: no kernel '$k' (stock, tracepoints, series)" ;;
	esac
done
[ -n "${img[stock]}" ] || die "P1_KERNELS must have stock, which the others are compared with"

runs=()
bench_alternate P1 "$BOOTS" "$script" "${kernels[@]}"

printf '%s\n' "${runs[@]}" | python3 "$GMT_ROOT/bench/p1-report.py" "$OUTF" "$BOOTS" "$ntp"
