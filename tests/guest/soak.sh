#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The in-guest part of make soak (scripts/soak.sh):
#   tests/guest/soak.sh MINUTES
# Runs rounds of guest_memfd_stress_test, each with a new seed, once
# single-threaded (model-checked) and once racing, for MINUTES, while
#   - a loop attaches and detaches the policies never_split, lazy_merge,
#     deny_range and rate_limit, one at a time, every few seconds (the
#     stress test runs with -P: conversions a policy refuses must fail
#     with its errno and change nothing);
#   - a loop injects memory failures (MADV_HWPOISON) into pages of huge
#     and of small guest_memfd folios (tests/guest/scenarios/soak-hwpoison.scn).
# A failing round prints its seed and what went wrong; the soak goes on.
# The last line sums it up:
#   soak: minutes=M seconds=S runs=R ops=N ops_per_sec=X mismatches=F
#         policy_loads=P hwpoison=H
. "$GMT_ROOT/scripts/lib.sh"

MIN=${1:-30}
STRESS=$GMT_OUT/kselftest/kvm/x86/guest_memfd_stress_test
GMT=$GMT_ROOT/build/gmemtrace
WORKLOAD=$GMT_ROOT/build/gmem-workload
POLICIES=$GMT_ROOT/build/policies
TMP=$(mktemp -d)
start=$(date +%s)
end=$((start + MIN * 60))
# Seeds differ from soak to soak, and each is printed.
base_seed=${SOAK_SEED:-$((start % 100000 * 1000))}

for f in "$STRESS" "$GMT" "$WORKLOAD"; do
	[ -x "$f" ] || { echo "soak: $f is not built"; exit 1; }
done

policy_loop()
{
	local n=0 p args PIN=/sys/fs/bpf/gmt_soak

	while [ "$(date +%s)" -lt "$end" ]; do
		for p in never_split lazy_merge deny_range rate_limit; do
			args=()
			case $p in
			deny_range) args=(--set deny_start=0 --set deny_end=16) ;;
			rate_limit) args=(--set max_conversions=50 --set window_ms=100) ;;
			esac
			# System-wide: the stress test's VMs come and go.
			if "$GMT" policy load "$POLICIES/$p.bpf.o" --system --pin "$PIN" "${args[@]}" \
					>"$TMP/policy.out" 2>&1; then
				n=$((n + 1))
			else
				echo "soak: loading $p failed: $(tail -n1 "$TMP/policy.out")"
			fi
			sleep 4
			"$GMT" policy unload "$PIN" >/dev/null 2>&1
			sleep 1
			[ "$(date +%s)" -lt "$end" ] || break
		done
	done
	echo "$n" >"$TMP/policy_loads"
}

hwpoison_loop()
{
	local n=0

	while [ "$(date +%s)" -lt "$end" ]; do
		if "$WORKLOAD" -q "$GMT_ROOT/tests/guest/scenarios/soak-hwpoison.scn" \
			>"$TMP/hwpoison.out" 2>&1; then
			n=$((n + 2))
		else
			echo "soak: hwpoison scenario failed: $(tail -n1 "$TMP/hwpoison.out")"
		fi
		sleep 10
	done
	echo "$n" >"$TMP/hwpoison"
}

policy_loop &
ppid=$!
hwpoison_loop &
hpid=$!

echo "soak: $MIN min, seeds from $base_seed"
runs=0 ops=0 mismatches=0 round=0
while [ "$(date +%s)" -lt "$end" ]; do
	left=$((end - $(date +%s)))
	seed=$((base_seed + round))
	for mode in single racing; do
		t=$((left < 60 ? left : 60))
		[ "$t" -ge 5 ] || break
		args=(-P -s "$seed" -t "$t")
		[ $mode = racing ] && args+=(-R -t $((t / 2 > 5 ? t / 2 : 5)))
		"$STRESS" "${args[@]}" >"$TMP/run.out" 2>&1
		rc=$?
		runs=$((runs + 1))
		echo "soak: run seed=$seed mode=$mode exit=$rc $(grep -m1 '^ops=' "$TMP/run.out")"
		n=$(sed -n 's/^ops=\([0-9]\+\) .*/\1/p' "$TMP/run.out" | tail -n1)
		ops=$((ops + ${n:-0}))
		if [ $rc != 0 ]; then
			mismatches=$((mismatches + 1))
			echo "soak: FAIL seed=$seed mode=$mode exit=$rc"
			tail -n 20 "$TMP/run.out" | sed 's/^/    | /'
		fi
		left=$((end - $(date +%s)))
	done
	round=$((round + 1))
done
wait $ppid $hpid
secs=$(($(date +%s) - start))
echo "soak: minutes=$MIN seconds=$secs runs=$runs ops=$ops" \
	"ops_per_sec=$((ops / (secs > 0 ? secs : 1)))" "mismatches=$mismatches" \
	"policy_loads=$(cat "$TMP/policy_loads" 2>/dev/null || echo 0)" \
	"hwpoison=$(cat "$TMP/hwpoison" 2>/dev/null || echo 0)"
rm -rf "$TMP"
[ "$mismatches" = 0 ] && [ "$ops" -gt 0 ]
