#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The in-guest test suite, run by tests/run.sh inside the VM:
#   tests/guest/run.sh           run every test, one PASS/FAIL/SKIP line each
#   tests/guest/run.sh --list    print the test names (the host's plan)
#   tests/guest/run.sh NAME...   run only these
#
# A test is an executable tests/guest/cases/NAME (exit 0 pass, 77 skip,
# anything else fail), or an upstream KVM selftest named in
# tests/guest/kvm-selftests.list (NAME [ARGS...]), run as kvm:NAME.
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
. "$ROOT/scripts/lib.sh"
KST=${KST:-$GMT_OUT/kselftest/kvm}
TEST_TIMEOUT=${TEST_TIMEOUT:-300}

names()
{
	local f

	for f in "$HERE"/cases/*; do
		[ -x "$f" ] && basename "$f"
	done
	grep -vE '^\s*(#|$)' "$HERE/kvm-selftests.list" | awk '{ print "kvm:" $1 }'
}

# The arguments kvm-selftests.list gives the KVM selftest $1.
selftest_args()
{
	awk -v t="$1" '$1 == t { $1 = ""; print; exit }' "$HERE/kvm-selftests.list"
}

run_one()
{
	local name=$1 log=/tmp/test-$$.log rc cmd

	case $name in
	kvm:*)
		# shellcheck disable=SC2207
		cmd=("$KST/${name#kvm:}" $(selftest_args "${name#kvm:}"))
		;;
	*) cmd=("$HERE/cases/$name") ;;
	esac
	if [ ! -x "${cmd[0]}" ]; then
		echo "FAIL $name: ${cmd[0]} not built"
		return
	fi
	export GMT_ROOT=$ROOT GMT_OUT
	timeout -k 5 "$TEST_TIMEOUT" "${cmd[@]}" >"$log" 2>&1 </dev/null
	rc=$?
	case $rc in
	0)
		# A KTAP test passes with skipped subtests: name them, so that
		# lost coverage shows.
		skipped=$(sed -n 's/^ok [0-9]* \(.*\) # SKIP.*/\1/p; s/^ok [0-9]* # SKIP \([^:]*\).*/\1/p' "$log" |
			tr '\n' ' ')
		echo "PASS $name${skipped:+ (skipped: ${skipped% })}"
		;;
	4|77) echo "SKIP $name: $(tail -n1 "$log")" ;;
	124) echo "FAIL $name: timed out after $TEST_TIMEOUT s"; sed 's/^/    | /' "$log" | tail -n 30 ;;
	*) echo "FAIL $name: exit $rc"; sed 's/^/    | /' "$log" | tail -n 30 ;;
	esac
	rm -f "$log"
}

if [ "${1:-}" = --list ]; then
	names
	exit 0
fi
if [ $# -gt 0 ]; then
	list=("$@")
else
	mapfile -t list < <(names)
	# What the suite runs on: the modules (KVM is built as modules).
	echo "# $(uname -r), modules: $(awk '{ printf "%s%s", s, $1; s = " " }' /proc/modules)"
fi
for t in "${list[@]}"; do
	run_one "$t"
done
