#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: every test of the project, in order
#   1. host unit tests           tests/host/test_*.sh
#   2. patch checks              the series applies on the 7.3 base in
#                                order; checkpatch --strict on each patch
#   3. builds                    kernel, libbpf/bpftool/KVM selftests, our tools
#   4. host tool tests           tests/host/tool_*.sh: the built tools on the host
#   5. one VM boot               tests/guest/run.sh inside the patched kernel
# One line per test (PASS/FAIL/SKIP), then "N passed, N failed[, N skipped]".
# A test that could not run (build failed, guest crashed or hung) is a FAIL.
set -o pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/lib.sh"
. "$ROOT/tests/lib.sh"
cd "$ROOT" || exit 1

RESULTS=$(mktemp)
LOG=$(mktemp -d)
trap 'rm -rf "$RESULTS" "$LOG"' EXIT
VM_TIMEOUT=${VM_TIMEOUT:-1800}

# Print a test script's output and keep its result lines.
record()
{
	local l

	while IFS= read -r l; do
		printf '%s\n' "$l"
		case $l in
		"PASS "*|"FAIL "*|"SKIP "*) printf '%s\n' "$l" >>"$RESULTS" ;;
		esac
	done
}

phase()
{
	printf '\n== %s\n' "$1"
}

# step NAME CMD...: one test made of a command; its output is shown only
# when it fails.
step()
{
	local name=$1

	shift
	if "$@" >"$LOG/$name.log" 2>&1; then
		pass "$name"
	else
		fail "$name" "$(grep -m1 '^gmemtrace: ' "$LOG/$name.log" || tail -n1 "$LOG/$name.log")"
		tail -n 20 "$LOG/$name.log" | sed 's/^/    | /'
		return 1
	fi
}

# Everything planned in the guest fails with one reason.
fail_guest_plan()
{
	local t

	for t in $(tests/guest/run.sh --list); do
		fail "$t" "$1"
	done
}

checkpatch()
{
	local p out

	for p in "$@"; do
		# Debian's python3 first: spdxcheck.py needs python3-ply and -git.
		out=$(cd "$GMT_SRC" && PATH=/usr/bin:$PATH scripts/checkpatch.pl --strict -q \
			--no-summary "$p" 2>&1)
		if [ -z "$out" ]; then
			pass "checkpatch:$(basename "$p")"
		else
			fail "checkpatch:$(basename "$p")" "$(grep -cE '^(ERROR|WARNING|CHECK):' <<<"$out") findings"
			sed 's/^/    | /' <<<"$out" | head -n 30
		fi
	done
}

cover_letter()
{
	local cl=$ROOT/kernel-patches/0000-cover-letter.patch base

	[ -f "$cl" ] || return 0
	base=$(git -C "$GMT_SRC" rev-parse gmemtrace-base)
	expect cover-letter-base-commit "$(sed -n 's/^base-commit: //p' "$cl")" "$base"
}

guest_suite()
{
	local out=$LOG/guest.out console=$LOG/console.log t rc

	GMT_OUT=$GMT_OUT VM_TIMEOUT=$VM_TIMEOUT VM_CONSOLE=$console \
		scripts/vm-run.sh tests/guest/run.sh 2>"$LOG/vm.err" | tee "$out"
	rc=${PIPESTATUS[0]}
	for t in $(tests/guest/run.sh --list); do
		grep -qE "^(PASS|FAIL|SKIP) $t(:|\$)" "$out" ||
			fail "$t" "no result from the guest (vm-run exit $rc)"
	done
	if [ "$rc" = 125 ]; then
		fail guest-boot "$(tail -n1 "$LOG/vm.err")"
		sed 's/^/    | /' "$LOG/vm.err"
		return
	fi
	pass guest-boot
	# A kernel splat is a failure even when every test passed.
	if grep -qE "$GMT_SPLAT_RE" "$console"; then
		fail guest-console-clean "kernel splat in the guest console"
		grep -m1 -B2 -A30 -E "$GMT_SPLAT_RE" "$console" |
			sed 's/^/    | /'
	else
		pass guest-console-clean
	fi
}

# vm-run itself on the real kernel: output and exit status come back.
vm_run_roundtrip()
{
	local got rc

	got=$(GMT_OUT=$GMT_OUT scripts/vm-run.sh 'echo out; echo err >&2; exit 7' 2>"$LOG/vm2.err")
	rc=$?
	expect vm-run-guest-exit-status "$rc" 7
	expect vm-run-guest-output "$(tr -d '\r' <<<"$got" | tr '\n' ,)" "out,err,"
}

phase "prerequisites"
step deps scripts/deps.sh | record

phase "host unit tests"
for t in tests/host/test_*.sh; do
	bash "$t" 2>&1 | record
done

phase "patch checks"
if step series-applies env QUIET=1 scripts/fetch-kernel.sh | record; then
	mapfile -t patches < <(ls "$ROOT"/kernel-patches/*.patch 2>/dev/null | grep -v /0000-)
	checkpatch "${patches[@]}" | record
	cover_letter | record
	built=1
else
	fail kernel-build "not run: the series does not apply" | record
	built=0
fi

phase "builds"
if [ $built = 1 ]; then
	step kernel-build scripts/build-kernel.sh | record || built=0
fi
if [ $built = 1 ]; then
	step tools-build scripts/build-tools.sh | record || built=0
	step progs-build make -s progs | record || built=0
fi

phase "host tool tests"
if [ $built = 1 ]; then
	for t in tests/host/tool_*.sh; do
		bash "$t" 2>&1 | record
	done
else
	fail host-tool-tests "not run: an earlier build step failed" | record
fi

phase "VM: $(cat "$GMT_OUT/include/config/kernel.release" 2>/dev/null || echo 'no kernel')"
if [ $built = 1 ]; then
	guest_suite
	vm_run_roundtrip
else
	fail_guest_plan "not run: an earlier build step failed"
	fail vm-run-guest-exit-status "not run: an earlier build step failed"
fi 2>&1 | record

npass=$(grep -c '^PASS ' "$RESULTS")
nfail=$(grep -c '^FAIL ' "$RESULTS")
nskip=$(grep -c '^SKIP ' "$RESULTS")
echo
if [ "$nskip" -gt 0 ]; then
	echo "$npass passed, $nfail failed, $nskip skipped"
else
	echo "$npass passed, $nfail failed"
fi
[ "$nfail" = 0 ]
