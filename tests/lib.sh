# SPDX-License-Identifier: GPL-2.0
# Result lines shared by all test scripts: "PASS name", "FAIL name: why",
# "SKIP name: why".  tests/run.sh counts them.

pass()
{
	echo "PASS $1"
}

fail()
{
	echo "FAIL $1: $2"
	FAILED=1
}

skip()
{
	echo "SKIP $1: $2"
}

# expect NAME GOT WANT: one result line.
expect()
{
	if [ "$2" = "$3" ]; then
		pass "$1"
	else
		fail "$1" "got '$2', want '$3'"
	fi
}

# expect_grep NAME PATTERN FILE: FILE has a line matching PATTERN.
expect_grep()
{
	if grep -qE -- "$2" "$3"; then
		pass "$1"
	else
		fail "$1" "no line matching '$2' in: $(head -c 300 "$3" | tr '\n' '|')"
	fi
}

# expect_exit NAME WANT_RC STDERR_PATTERN CMD...: CMD (stdin /dev/null,
# stdout and stderr in $W/out and $W/err) exits WANT_RC and a line of its
# stderr matches STDERR_PATTERN; with EXPECT_ONE_LINE=1, the stderr is
# that one line.
expect_exit()
{
	local name=$1 want=$2 pat=$3 rc

	shift 3
	"$@" >"${W:?}/out" 2>"$W/err" </dev/null
	rc=$?
	if [ $rc != "$want" ]; then
		fail "$name" "exit $rc, want $want: $(head -c 200 "$W/err")"
	elif [ -n "${EXPECT_ONE_LINE:-}" ] && [ "$(wc -l <"$W/err")" != 1 ]; then
		fail "$name" "stderr is not one line matching '$pat': $(head -c 300 "$W/err")"
	elif ! grep -qE -- "$pat" "$W/err"; then
		fail "$name" "stderr does not match '$pat': $(head -c 200 "$W/err")"
	else
		pass "$name"
	fi
}

# expect_error NAME WANT_RC STDERR_PATTERN CMD...: expect_exit, and the
# stderr is that one line.
expect_error()
{
	EXPECT_ONE_LINE=1 expect_exit "$@"
}
