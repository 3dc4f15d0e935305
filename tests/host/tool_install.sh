#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make install into a scratch DESTDIR: the tool, the workload, the example
# policies, a man page per command that man renders, and the bash
# completion, which completes commands and options from --help.
. "$(dirname "$0")/../lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
D=$(mktemp -d)
trap 'rm -rf "$D"' EXIT
P=/opt/gmt

if ! make -s -C "$ROOT" install DESTDIR="$D" PREFIX=$P >"$D.log" 2>&1; then
	fail install "make install failed: $(tail -n 3 "$D.log" | tr '\n' ' ')"
	rm -f "$D.log"
	exit 0
fi
rm -f "$D.log"
pass install

for f in sbin/gmemtrace bin/gmem-workload; do
	[ -x "$D$P/$f" ] && pass "install:$f" || fail "install:$f" "not installed"
done
got=$(cd "$D$P/share/gmemtrace/policies" && ls *.bpf.o | tr '\n' ' ')
want=$(cd "$ROOT/bpf/policies" && ls *.bpf.c | sed 's/\.c$/.o/' | tr '\n' ' ')
expect install:policies "$got" "$want"
[ -f "$D$P/share/gmemtrace/policies/policy.bpf.h" ] && pass install:policy.bpf.h ||
	fail install:policy.bpf.h "not installed"

# One page per command, and one for the tool; each renders with its name.
for page in gmemtrace gmemtrace-trace gmemtrace-stat gmemtrace-record gmemtrace-report \
	gmemtrace-policy gmemtrace-list; do
	f=$D$P/share/man/man8/$page.8
	if [ ! -f "$f" ]; then
		fail "man:$page" "not installed"
		continue
	fi
	out=$(MANWIDTH=80 man -l "$f" 2>&1)
	if grep -q "^NAME" <<<"$out" && grep -q "^ *$page " <<<"$out" &&
		grep -q "^EXAMPLES" <<<"$out" && ! grep -qi "warning" <<<"$out"; then
		pass "man:$page"
	else
		fail "man:$page" "$(head -n 5 <<<"$out" | tr '\n' ' ')"
	fi
done

# The completion: commands, options from --help, event names from list.
C=$D$P/share/bash-completion/completions/gmemtrace
comp()
{
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _gmemtrace
		echo "${COMPREPLY[*]}"' _ "$C" "$D$P/sbin/gmemtrace" "$@"
}
expect completion:command "$(comp tr)" "trace"
expect completion:policy "$(comp policy l)" "load list"
expect completion:option "$(comp stat --prom)" "--prom --prom-listen"
expect completion:event "$(comp trace -e fault,get)" "fault,get_pfn"
expect completion:after-dashdash "$(comp trace -- truncat)" "truncate"
# trace -r and -w take a file; record's -r a number.
F=$ROOT/tests/host/fixtures/trace-v1
expect completion:trace-read "$(comp trace -r "$F.g")" "$F.gmt"
expect completion:trace-write "$(comp trace --write "$F.g")" "$F.gmt"
expect completion:record-runs "$(comp record -r "$F.g")" ""
exit 0
