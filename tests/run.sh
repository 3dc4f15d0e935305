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
		out=$(gmt_checkpatch "$GMT_SRC" "$p")
		if [ -z "$out" ]; then
			pass "checkpatch:${p#"$ROOT"/kernel-patches/}"
		else
			fail "checkpatch:${p#"$ROOT"/kernel-patches/}" "$(grep -cE '^(ERROR|WARNING|CHECK):' <<<"$out") findings"
			sed 's/^/    | /' <<<"$out" | head -n 30
		fi
	done
}

# Each topic's cover letter: its base is the pinned 7.3 and its
# prerequisites are exactly the patches of the topics before it.
cover_letter()
{
	local base t cl want got
	local -a prior=()

	base=$(git -C "$GMT_SRC" rev-parse gmemtrace-base)
	while read -r t; do
		cl=$t/0000-cover-letter.patch
		t=$(basename "$t")
		if [ ! -f "$cl" ]; then
			fail "cover-letter:$t" "no 0000-cover-letter.patch"
			continue
		fi
		expect "cover-letter-base-commit:$t" "$(sed -n 's/^base-commit: //p' "$cl")" "$base"
		want=$(for p in "${prior[@]}"; do git patch-id --stable <"$p" | cut -d' ' -f1; done)
		got=$(sed -n 's/^prerequisite-patch-id: //p' "$cl")
		expect "cover-letter-prerequisites:$t" "$(echo $got)" "$(echo $want)"
		# The letter says what kernel/cover-letters/N-TOPIC.txt says now.
		got=$(python3 -c 'import sys
subject, body = open(sys.argv[2]).read().split("\n", 1)
print("same" if "] " + subject + "\n" in open(sys.argv[1]).read() and
      body.strip("\n") in open(sys.argv[1]).read() else "differs")' \
			"$cl" "$ROOT/kernel/cover-letters/$t.txt")
		expect "cover-letter-text:$t" "$got" same
		mapfile -t -O ${#prior[@]} prior < <(gmt_series_files "$ROOT/kernel-patches/$t" | grep -v '/0000-')
	done < <(gmt_topics "$ROOT/kernel-patches")
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
	mapfile -t patches < <(gmt_series "$ROOT/kernel-patches")
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

# guest_subset PREFIX OUT TEST...: the results of the in-guest tests TEST
# in OUT (tests/guest/run.sh's output), renamed PREFIX:TEST.
guest_subset()
{
	local prefix=$1 out=$2 t

	shift 2
	for t in "$@"; do
		awk -v t="$t" -v p="$prefix" '($1 == "PASS" || $1 == "FAIL" || $1 == "SKIP") &&
			($2 == t || $2 == t ":") { sub(" " t, " " p ":" t); print; n++; exit }
			END { exit !n }' "$out" || fail "$prefix:$t" "no result from the guest"
	done
	sed -n 's/^    | /    | /p' "$out"
}

# The first topic series alone on stock 7.3: it builds (the same
# configuration, KVM as modules), it adds exactly the kvm_gmem events its
# patches define, and gmemtrace and perf count them exactly.
TOPIC1_TESTS=(kernel-release kvm-modules gmemtrace-trace gmemtrace-stat
	      perf-stock-consumer kvm:guest_memfd_test kvm:set_memory_region_test
	      kvm:vm_types_test kvm:pre_fault_memory_test kvm:x86/private_mem_conversions_test
	      kvm:x86/private_mem_kvm_exits_test)
topic1_suite()
{
	local dir n img out=$LOG/topic1.out want got t

	dir=$(gmt_topics "$ROOT/kernel-patches" | head -n1)
	n=$(gmt_series "$dir" | wc -l)
	if ! img=$(QUIET=1 scripts/build-stock.sh "$n" 2>"$LOG/topic1-build.err"); then
		fail topic1:kernel-build "$(tail -n1 "$LOG/topic1-build.err")"
		for t in events "${TOPIC1_TESTS[@]}"; do
			fail "topic1:$t" "not run: the kernel did not build"
		done
		return
	fi
	pass topic1:kernel-build
	KERNEL=$img VM_TIMEOUT=$VM_TIMEOUT scripts/vm-run.sh \
		"echo \"# events: \$(ls /sys/kernel/tracing/events/kvm_gmem | grep -vx -e enable -e filter | tr '\\n' ' ')\";
		 GMT_OUT=$(dirname "$(dirname "$(dirname "$(dirname "$img")")")") KST=$GMT_OUT/kselftest/kvm \
		 tests/guest/run.sh ${TOPIC1_TESTS[*]}" >"$out" 2>"$LOG/topic1-vm.err"
	# The events the topic's patches define, by name.
	want=$(gmt_series "$dir" | xargs sed -nE 's/^\+(TRACE_EVENT|DEFINE_EVENT)\(([a-z_]+, *)?(kvm_gmem_[a-z_]+),.*/\3/p' |
	       sort | tr '\n' ' ')
	got=$(sed -n 's/^# events: //p' "$out" | tr ' ' '\n' | grep . | sort | tr '\n' ' ')
	expect topic1:events "$got" "$want"
	guest_subset topic1 "$out" "${TOPIC1_TESTS[@]}"
}

# The series' kernel with guest_memfd's in-place conversion off
# (kvm.gmem_in_place_conversion=0), as VMMs written for 7.3 use KVM: the
# VM's attributes track private memory, and the upstream tests written
# for that pass (tests/guest/per-vm-attributes.list).
per_vm_suite()
{
	local out=$LOG/per-vm.out
	local -a tests

	mapfile -t tests < <(grep -vE '^\s*(#|$)' tests/guest/per-vm-attributes.list)
	VM_KVM_ARGS=gmem_in_place_conversion=0 VM_TIMEOUT=$VM_TIMEOUT \
		scripts/vm-run.sh "tests/guest/run.sh ${tests[*]}" >"$out" 2>"$LOG/per-vm.err"
	guest_subset per-vm "$out" "${tests[@]}"
}

phase "VM: the first topic series alone on 7.3"
if [ $built = 1 ]; then
	topic1_suite
else
	fail topic1:kernel-build "not run: an earlier build step failed"
fi 2>&1 | record

phase "VM: per-VM memory attributes (kvm.gmem_in_place_conversion=0)"
if [ $built = 1 ]; then
	per_vm_suite
else
	fail per-vm "not run: an earlier build step failed"
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
