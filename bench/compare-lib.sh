# SPDX-License-Identifier: GPL-2.0
#
# Sourced by the benchmarks that run VMs from the host (bench/p1-compare.sh,
# bench/p4-compare.sh, bench/p2-icount.sh, bench/p3-icount.sh), after
# scripts/lib.sh.

# The qemu options of a VM whose clock counts instructions: one guest
# nanosecond per instruction; while it idles, the clock jumps to the next
# timer (sleep=off).
BENCH_ICOUNT="-icount shift=0,sleep=off"

# bench_icount NAME TIMEOUT CMD: run CMD in one VM under $BENCH_ICOUNT,
# print its output but for the BENCH-JSON lines, which go to
# build/bench/NAME.json (the log to build/bench/NAME.log).
bench_icount()
{
	local name=$1 timeout=$2 cmd=$3 log=$GMT_ROOT/build/bench/$1.log

	mkdir -p "$GMT_ROOT/build/bench"
	VM_QEMU_ARGS="${VM_QEMU_ARGS:+$VM_QEMU_ARGS }$BENCH_ICOUNT" \
		VM_TIMEOUT=${VM_TIMEOUT:-$timeout} "$GMT_ROOT/scripts/vm-run.sh" "$cmd" |
		tee "$log" | grep -v '^BENCH-JSON '
	[ "${PIPESTATUS[0]}" = 0 ] || die "the $name VM failed"
	sed -n 's/^BENCH-JSON //p' "$log" >"$GMT_ROOT/build/bench/$name.json"
	[ -s "$GMT_ROOT/build/bench/$name.json" ] || die "$name printed no result"
}

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
