#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# C unit tests of tools/gmemtrace/: each tests/host/unit/test_X.c is built
# by the Makefile (with what it links, there) into build/unit/test_X, run,
# and its "PASS unit:..." / "FAIL unit:..." lines passed on.  A test that
# does not build is one "FAIL unit-build:test_X" line; one that exits
# non-zero without reporting a failure (a crash) is "FAIL unit-run:test_X".
. "$(dirname "$0")/../lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cd "$ROOT" || exit 1

UNIT_TIMEOUT=${UNIT_TIMEOUT:-60}

for t in tests/host/unit/test_*.c; do
	[ -e "$t" ] || continue
	name=$(basename "$t" .c)
	if ! make -s --no-print-directory "build/unit/$name" >"$W/$name.build" 2>&1; then
		fail "unit-build:$name" "$(grep -m1 -E 'error:|undefined reference' "$W/$name.build" ||
			head -n1 "$W/$name.build")"
		sed 's/^/    | /' "$W/$name.build" | head -n 20
		continue
	fi

	timeout "$UNIT_TIMEOUT" "build/unit/$name" >"$W/$name.out" 2>&1
	rc=$?
	cat "$W/$name.out"
	if [ "$rc" != 0 ] && ! grep -q '^FAIL ' "$W/$name.out"; then
		fail "unit-run:$name" "exit status $rc"
	elif ! grep -qE '^(PASS|FAIL) ' "$W/$name.out"; then
		fail "unit-run:$name" "no results"
	fi
done
exit 0
