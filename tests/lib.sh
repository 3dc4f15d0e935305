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
