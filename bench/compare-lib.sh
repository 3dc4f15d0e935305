# SPDX-License-Identifier: GPL-2.0
#
# Sourced by the benchmarks that compare kernels on the host
# (bench/p1-compare.sh, bench/p4-compare.sh), after scripts/lib.sh.

# bench_series_prefix AWK: how many patches of the series (oldest first)
# the awk program counts, given one subject per line.
bench_series_prefix()
{
	git -C "$GMT_SRC" log --reverse --format=%s gmemtrace-base..HEAD | awk "$1"
}

# bench_alternate LABEL BOOTS SCRIPT KERNEL...: boot the kernels named
# KERNEL (their images in the associative array img) in turn, BOOTS
# times each, run SCRIPT in every boot with BENCH_REPS=$REPS, and append
# "KERNEL JSON" (the script's BENCH-JSON line) to the array runs, so that
# a drift of the host over time affects every kernel alike.
bench_alternate()
{
	local label=$1 boots=$2 script=$3 b k json
	shift 3
	for ((b = 0; b < boots; b++)); do
		for k in "$@"; do
			info "BENCH   $label on $k ($((b + 1))/$boots)"
			json=$(KERNEL=${img[$k]} "$GMT_ROOT/scripts/vm-run.sh" \
				"export BENCH_REPS=$REPS; $script" 2>&1 |
				sed -n 's/^BENCH-JSON //p')
			[ -n "$json" ] || die "$label on the $k kernel failed"
			runs+=("$k $json")
		done
	done
}
