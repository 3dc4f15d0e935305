#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The built gmemtrace and gmem-workload on the host: bad arguments give a
# usage message and exit 2; on a kernel without the kvm_gmem events (the
# host), trace and stat fail with one line saying why.
. "$(dirname "$0")/../lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
GT=${GT:-$ROOT/build/gmemtrace}
WL=$ROOT/build/gmem-workload
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT

expect_exit cli-no-command 2 '^usage: gmemtrace' "$GT"
expect_exit cli-unknown-command 2 "unknown command 'frob'" "$GT" frob
expect_exit cli-trace-bad-option 2 '^usage: gmemtrace trace' "$GT" trace --frob
expect_exit cli-trace-bad-event 2 "unknown event or group 'nope'" "$GT" trace -e fault,nope
expect_exit cli-trace-bad-pid 2 "bad pid 'x1'" "$GT" trace -p x1
expect_exit cli-trace-zero-pid 2 "bad pid '0'" "$GT" trace -p 0
expect_exit cli-trace-stray-arg 2 "unexpected argument 'foo'" "$GT" trace foo
expect_exit cli-trace-buffer-not-pow2 2 "bad buffer size '3' \\(MiB, a power of 2 up to 1024\\)" "$GT" trace -b 3
expect_exit cli-trace-buffer-too-big 2 "bad buffer size '2048'" "$GT" trace --buffer 2048
expect_exit cli-trace-buffer-zero 2 "bad buffer size '0'" "$GT" trace -b 0
expect_exit cli-stat-bad-interval 2 "bad interval '1s'" "$GT" stat 1s
expect_exit cli-stat-zero-count 2 "bad count '0'" "$GT" stat 1 0
expect_exit cli-stat-three-numbers 2 "unexpected argument '3'" "$GT" stat 1 2 3
expect_exit cli-list-extra 2 "unexpected argument" "$GT" list extra
# --set: a value its variable's type cannot hold is refused, before the
# kernel is asked anything (the host has no guest_memfd policies).
PO=$ROOT/build/policies
expect_exit cli-set-too-big 1 "^gmemtrace: --set deny_errno: 4294967296 does not fit its type \\(int, 4 bytes\\)$" \
	"$GT" policy load "$PO/deny_range.bpf.o" --system --set deny_errno=4294967296
expect_exit cli-set-too-small 1 "^gmemtrace: --set deny_errno: -2147483649 does not fit its type" \
	"$GT" policy load "$PO/deny_range.bpf.o" --system --set deny_errno=-2147483649
expect_exit cli-set-negative-unsigned 1 "^gmemtrace: --set deny_end: -1 does not fit its type \\(unsigned long long, 8 bytes\\)$" \
	"$GT" policy load "$PO/deny_range.bpf.o" --system --set deny_end=-1
expect_exit cli-set-u32 1 "^gmemtrace: --set max_conversions: 0x100000000 does not fit its type \\(unsigned int, 4 bytes\\)$" \
	"$GT" policy load "$PO/rate_limit.bpf.o" --system --set max_conversions=0x100000000
expect_exit cli-set-over-u64 1 "^gmemtrace: --set deny_end: bad number '18446744073709551616'$" \
	"$GT" policy load "$PO/deny_range.bpf.o" --system --set deny_end=18446744073709551616
if grep -qs kvm_gmem_ops /sys/kernel/btf/vmlinux /sys/kernel/btf/kvm; then
	skip cli-set-in-range "this kernel has guest_memfd policies"
else
	expect_exit cli-set-in-range 1 "no kvm_gmem_ops in its BTF" \
		"$GT" policy load "$PO/deny_range.bpf.o" --system \
		--set deny_errno=-2147483648 --set deny_end=18446744073709551615
fi
expect_exit cli-stdout-full 1 "^gmemtrace: write error on standard output: No space left on device$" \
	sh -c "exec \"\$0\" list >/dev/full" "$GT"
# Under -j, an error is one JSON object on stdout, with the same exit
# status (bpftool's convention), whatever the order of the options.
# expect_json NAME RC WANT_STDOUT CMD...
expect_json()
{
	local name=$1 want=$2 out=$3 rc

	shift 3
	"$@" >"$W/out" 2>"$W/err" </dev/null
	rc=$?
	if [ $rc = "$want" ] && [ "$(cat "$W/out")" = "$out" ] && ! grep -q '^gmemtrace: ' "$W/err"; then
		pass "$name"
	else
		fail "$name" "exit $rc, stdout '$(cat "$W/out")', stderr '$(head -c 200 "$W/err")'"
	fi
}
expect_json cli-json-error-usage 2 '{"error":"bad interval '\''1s'\''"}' "$GT" stat -j 1s
expect_json cli-json-error-before-j 2 '{"error":"bad pid '\''x'\''"}' "$GT" trace -p x --json
expect_json cli-json-error-cluster 2 '{"error":"bad pid '\''x'\''"}' "$GT" trace -Tj -p x
expect_json cli-json-error-report 1 '{"error":"'"$W"'/none.json: No such file or directory"}' \
	"$GT" report -j "$W/none.json" "$W/none.json"
if ! grep -qs kvm_gmem_ops /sys/kernel/btf/vmlinux /sys/kernel/btf/kvm; then
	expect_json cli-json-error-policy 1 \
		'{"error":"this kernel has no guest_memfd policies (no /sys/class/misc/kvm/guest_memfd_policy: CONFIG_KVM_GUEST_MEMFD_BPF, kvm loaded)"}' \
		"$GT" policy list --json
fi
expect_json cli-json-error-unknown-option 2 '{"error":"trace: unknown option '\''--frob'\''"}' \
	"$GT" trace -j --frob
expect_json cli-json-error-missing-argument 2 \
	'{"error":"trace: option needs an argument: '\''-p'\''"}' "$GT" trace --js -p
# An operand ends stat's options: the -j after it is not one.
expect_exit cli-json-after-operand 2 "^gmemtrace: bad interval '1s'$" "$GT" stat 1s -j
# After '--', -j is the command's.
expect_exit cli-json-after-dashdash 2 "^gmemtrace: bad pid 'x'$" "$GT" trace -p x -- true -j

# Programs feed events by name (tp_NAME, fe_NAME, fx_NAME): every program
# of the skeleton names an event, and every event has its tp_btf program.
events=$("$GT" list | awk '/^  [a-z_]+ +tracepoint/ { print $1 }' | sort)
progs=$(sed -nE 's/^\s*struct bpf_program \*([a-z_]+);$/\1/p' "$ROOT/build/bpf/gmemtrace.skel.h" | sort -u)
orphans=$(for p in $progs; do grep -qx "${p#??_}" <<<"$events" || echo "$p"; done)
untraced=$(for e in $events; do grep -qx "tp_$e" <<<"$progs" || echo "$e"; done)
expect cli-programs-name-events "$(wc -w <<<"$progs") ${orphans:-none} ${untraced:-none}" \
	"$(wc -w <<<"$progs") none none"

# --version, -V and 'version': the VERSION file, the commit built, libbpf.
# The commit is the one the binary was built from (build/version.h).
want="gmemtrace $(cat "$ROOT/VERSION");commit $(sed -n 's/^#define GMT_COMMIT "\(.*\)"$/\1/p' \
	"$(dirname "$GT")/version.h")"
for v in --version -V version; do
	out=$("$GT" $v 2>&1)
	rc=$?
	got="$(sed -n 1,2p <<<"$out" | tr '\n' ';')"
	if [ $rc = 0 ] && [ "$got" = "$want;" ] && [[ $(sed -n 3p <<<"$out") =~ ^using\ libbpf\ v1\.[0-9]+$ ]] &&
		[ "$(wc -l <<<"$out")" = 3 ]; then
		pass "cli-version:$v"
	else
		fail "cli-version:$v" "exit $rc: $(tr '\n' ';' <<<"$out"), want $want"
	fi
done
# The help and the parser come from one table: every option a command's
# help shows, long and short, is accepted (then --help ends the parse).
for c in trace stat record report "policy load" "policy list" "policy unload"; do
	bad=
	# shellcheck disable=SC2086
	opts=$("$GT" $c --help | sed -nE 's/^  (-([a-zA-Z]), |    )--([a-z-]+)( ([A-Z][^ ]*))?.*/\2|\3|\5/p')
	while IFS='|' read -r short long arg; do
		[ "$long" = help ] && continue
		val=${arg:+1}
		[ "$long" = events ] && val=all
		[ "$long" = set ] && val=x=1
		for o in ${short:+-$short} --$long; do
			# shellcheck disable=SC2086
			"$GT" $c $o $val --help >/dev/null 2>"$W/err" || bad+=" $o($(head -c 80 "$W/err"))"
		done
	done <<<"$opts"
	n=$(wc -l <<<"$opts")
	if [ -z "$bad" ] && [ "$n" -ge 1 ]; then
		pass "cli-help-table:${c// /-}"
	else
		fail "cli-help-table:${c// /-}" "$n options; refused:$bad"
	fi
done

# Every command takes --help, as gmemtrace --help says.
for c in trace stat record report policy list version; do
	"$GT" $c --help >"$W/out" 2>&1
	rc=$?
	if [ $rc = 0 ] && head -n1 "$W/out" | grep -q "^usage: gmemtrace $c"; then
		pass "cli-help:$c"
	else
		fail "cli-help:$c" "exit $rc: $(head -n1 "$W/out")"
	fi
done
expect_exit cli-version-extra 2 "version: unexpected argument 'x'" "$GT" version x
"$GT" trace --help >"$W/out" 2>&1
expect cli-trace-help "$?:$(grep -c '^  -' "$W/out")" "0:14"

# The host kernel has no kvm_gmem events: one line, non-zero exit.
if grep -q btf_trace_kvm_gmem_create /sys/kernel/btf/vmlinux 2>/dev/null ||
   grep -qs btf_trace_kvm_gmem_create /sys/kernel/btf/kvm; then
	skip host-trace-unavailable "this kernel has the kvm_gmem events"
else
	for cmd in trace stat; do
		"$GT" $cmd >"$W/out" 2>"$W/err" </dev/null
		rc=$?
		lines=$(wc -l <"$W/err")
		if [ $rc -ne 0 ] && [ "$lines" = 1 ] && grep -q '^gmemtrace: ' "$W/err"; then
			pass "host-$cmd-unavailable"
		else
			fail "host-$cmd-unavailable" "exit $rc, $lines lines: $(head -c 300 "$W/err")"
		fi
	done
fi

# trace -r: the trace file of version 1 in the sources (written by the
# unit test of trace_file.c) printed as live tracing prints, filtered as
# the BPF side filters; files that are not whole, or not trace files, are
# refused in one line (exit 1) after the records before the damage.
TF=$ROOT/tests/host/fixtures/trace-v1.gmt
# expect_read NAME WANT_FILE CMD...: CMD's stdout is WANT_FILE, its stderr
# empty, its exit status 0.
expect_read()
{
	local name=$1 want=$2 rc

	shift 2
	"$@" >"$W/out" 2>"$W/err" </dev/null
	rc=$?
	if [ $rc = 0 ] && cmp -s "$W/out" "$want" && [ ! -s "$W/err" ]; then
		pass "$name"
	else
		fail "$name" "exit $rc, stderr '$(head -c 200 "$W/err")', diff: $(diff "$want" "$W/out" | head -n 5 | tr '\n' '|')"
	fi
}
expect_read cli-read-text "$ROOT/tests/host/fixtures/trace-v1.txt" "$GT" trace -r "$TF" -Td
expect_read cli-read-json "$ROOT/tests/host/fixtures/trace-v1.jsonl" "$GT" trace --read "$TF" -j
# -: standard input, a pipe here.
expect_read cli-read-stdin "$ROOT/tests/host/fixtures/trace-v1.txt" \
	sh -c 'cat "$1" | exec "$0" trace -r - -Td' "$GT" "$TF"
# The events of the filtered output, in order.
read_events()
{
	"$GT" trace -r "$TF" -j "$@" 2>&1 | sed -nE 's/.*"event":"([a-z_]+)".*/\1/p' | tr '\n' ' '
}
expect cli-read-filter-events "$(read_events -e fault,lifecycle)" \
	"create bind get_pfn create fault_user release "
expect cli-read-filter-vm "$(read_events -m 1000 -e lifecycle,arch)" "create bind arch_reclaim release "
expect cli-read-filter-pid "$(read_events -p 77)" "merge "
expect cli-read-filter-ino "$(read_events -i 22)" "create fault_user merge "
"$GT" trace -r "$TF" >"$W/out" 2>&1
expect cli-read-plain "$?:$(sed -n '1p;$p' "$W/out" | tr -s ' ' | tr '\n' '|')" \
	"0:COMM PID VM INO EVENT DETAILS|gmem-workload 1000 1000 11 release |"
"$GT" trace -r "$TF" --header >"$W/out" 2>"$W/err"
expect cli-read-header "$?:$(grep -E '^(kernel|gmemtrace|source|options|start|records|lost) ' "$W/out" |
	tr -s ' ' | tr '\n' '|'):$(cat "$W/err")" \
	"0:kernel 7.3.4-gmemtrace-00032-g1f0b0c6d7e21|gmemtrace 0.14.0 (commit 86bf13068797)|source tracepoint|options -b 8|start 0.999000000 s, 2025-11-24T16:00:00.123456789Z|records 12|lost 0|:"
"$GT" trace -r "$TF" --header -j >"$W/out" 2>"$W/err"
expect cli-read-header-json "$?:$(python3 -c '
import json, sys
h = json.load(open(sys.argv[1]))
print(h["format"], h["version"], h["record_size"], h["records"], h["lost"], h["finished"],
      len(h["event_table"]), h["event_table"][6]["name"], h["record_layout"][7]["name"],
      h["clock"], h["start_ns"], h["end_ns"], h["options"])' "$W/out")" \
	"0:gmemtrace-trace 1 200 12 0 True 22 get_pfn pfn CLOCK_MONOTONIC 999000000 1009000000 -b 8"

# Damaged and foreign files.  Header: 2360 bytes; a block header: 8; a
# record: 200; the trailer: 8 + 24.
cp "$TF" "$W/ok.gmt"
# patch FILE OFFSET BYTES: a copy of the fixture as FILE, BYTES (printf's
# escapes) written at OFFSET.
patch_tf()
{
	cp "$TF" "$1"
	printf '%b' "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}
expect_error cli-read-missing 1 "^gmemtrace: $W/none.gmt: No such file or directory$" \
	"$GT" trace -r "$W/none.gmt"
expect_error cli-read-directory 1 "^gmemtrace: $W: Is a directory$" "$GT" trace -r "$W"
: >"$W/empty.gmt"
expect_error cli-read-empty 1 "^gmemtrace: $W/empty.gmt: empty file$" "$GT" trace -r "$W/empty.gmt"
expect_error cli-read-stdin-empty 1 "^gmemtrace: standard input: empty file$" "$GT" trace -r -
patch_tf "$W/magic.gmt" 0 'X'
expect_error cli-read-bad-magic 1 "^gmemtrace: $W/magic.gmt: not a gmemtrace trace file \\(bad magic\\)$" \
	"$GT" trace -r "$W/magic.gmt"
expect_error cli-read-foreign 1 "^gmemtrace: $ROOT/tests/host/fixtures/record-default.json: not a gmemtrace trace file \\(bad magic\\)$" \
	"$GT" trace -r "$ROOT/tests/host/fixtures/record-default.json"
patch_tf "$W/newer.gmt" 8 '\002'
expect_error cli-read-newer 1 "^gmemtrace: $W/newer.gmt: trace file version 2, this gmemtrace reads version 1$" \
	"$GT" trace -r "$W/newer.gmt"
patch_tf "$W/swapped.gmt" 12 '\001\002\003\004'
expect_error cli-read-byte-order 1 "^gmemtrace: $W/swapped.gmt: written on a machine of the other byte order$" \
	"$GT" trace -r "$W/swapped.gmt"
head -c 1000 "$TF" >"$W/cut-header.gmt"
expect_error cli-read-cut-header 1 "^gmemtrace: $W/cut-header.gmt: truncated in the header: 1000 bytes ignored$" \
	"$GT" trace -r "$W/cut-header.gmt"
expect cli-read-cut-header-stdout "$(wc -c <"$W/out")" 0
# Cut 56 bytes into the fourth record: the three before it are printed.
head -c $((2360 + 8 + 3 * 200 + 56)) "$TF" >"$W/cut.gmt"
expect_error cli-read-cut-record 1 "^gmemtrace: $W/cut.gmt: truncated after 3 records: 56 bytes of a record ignored$" \
	"$GT" trace -r "$W/cut.gmt" -Td
expect cli-read-cut-record-stdout "$(cat "$W/out")" "$(head -n 4 "$ROOT/tests/host/fixtures/trace-v1.txt")"
# Every record, no trailer: a writer that was killed.
head -c $((2360 + 8 + 12 * 200)) "$TF" >"$W/killed.gmt"
expect_error cli-read-no-trailer 1 "^gmemtrace: $W/killed.gmt: truncated after 12 records: no trailer$" \
	"$GT" trace -r "$W/killed.gmt"
expect cli-read-no-trailer-stdout "$(wc -l <"$W/out")" 13
expect_json cli-read-cut-json 1 "$(head -n 3 "$ROOT/tests/host/fixtures/trace-v1.jsonl")
{\"error\":\"$W/cut.gmt: truncated after 3 records: 56 bytes of a record ignored\"}" \
	"$GT" trace -j -r "$W/cut.gmt"
# Events lost while writing (the trailer's second number): said, exit 0.
size=$(wc -c <"$TF")
patch_tf "$W/lost.gmt" $((size - 16)) '\003'
expect_error cli-read-lost 0 "^gmemtrace: $W/lost.gmt: 3 events lost when it was written \\(ring buffer full\\); 2 printed$" \
	"$GT" trace -r "$W/lost.gmt" -e create

# trace -w: a path that cannot be written is refused before tracing.
expect_error cli-write-no-dir 1 "^gmemtrace: $W/no/t.gmt: No such file or directory$" \
	"$GT" trace -w "$W/no/t.gmt"
expect_error cli-write-directory 1 "^gmemtrace: $W: Is a directory$" "$GT" trace --write "$W"
# -: standard output, but not a terminal (script(1) gives it one).
if command -v script >/dev/null; then
	script -qec "$GT trace -w -" /dev/null </dev/null >"$W/out" 2>&1
	expect cli-write-stdout-terminal "$?:$(tr -d '\r' <"$W/out")" \
		"1:gmemtrace: -w -: standard output is a terminal"
else
	skip cli-write-stdout-terminal "no script(1)"
fi
expect_error cli-write-stdout-command 2 "^gmemtrace: -w -: COMMAND's standard output would go into the events \(run sh -c 'exec COMMAND >&2'\)$" \
	"$GT" trace -w - -- true
expect_error cli-write-read 2 "^gmemtrace: -r and -w do not go together$" \
	"$GT" trace -w "$W/t.gmt" -r "$TF"
expect_error cli-write-json 2 "^gmemtrace: -w writes the records as they are: -j, -T and -d go with -r$" \
	"$GT" trace -w "$W/t.gmt" -T
expect_error cli-read-buffer 2 "^gmemtrace: -r reads a file: -b, -D, -A, --fentry and a command go with tracing$" \
	"$GT" trace -r "$TF" -b 64
expect_error cli-read-command 2 "^gmemtrace: -r reads a file: -b, -D, -A, --fentry and a command go with tracing$" \
	"$GT" trace -r "$TF" -- true
expect_error cli-read-arch 2 "^gmemtrace: -r reads a file: -b, -D, -A, --fentry and a command go with tracing$" \
	"$GT" trace -r "$TF" -A
expect_error cli-header-alone 2 "^gmemtrace: --header goes with -r FILE$" "$GT" trace --header
expect_error cli-header-filter 2 "^gmemtrace: --header prints the file's header: -e, -p, -m, -i, -T and -d go with its events$" \
	"$GT" trace -r "$TF" --header -e fault
# Where tracing fails (this host), the file -w names is left as it was:
# not created, or not emptied.
if grep -q btf_trace_kvm_gmem_create /sys/kernel/btf/vmlinux 2>/dev/null ||
   grep -qs btf_trace_kvm_gmem_create /sys/kernel/btf/kvm; then
	skip cli-write-failed-trace "this kernel has the kvm_gmem events"
else
	"$GT" trace -w "$W/new.gmt" >/dev/null 2>&1
	rc=$?
	"$GT" trace -w "$W/ok.gmt" >/dev/null 2>&1
	expect cli-write-failed-trace "$rc:$?:$([ -e "$W/new.gmt" ] && echo created):$(cmp -s "$TF" "$W/ok.gmt" && echo kept)" \
		"1:1::kept"
	# - is standard output, not a file named -.
	(cd "$W" && exec "$GT" trace -w - >"$W/out" 2>/dev/null)
	expect cli-write-stdout "$?:$(wc -c <"$W/out"):$([ -e "$W/-" ] && echo file)" "1:0:"
fi

# gmem-workload: a malformed scenario fails with its line number, before
# anything runs.
printf 'vm\ngmem g0 2M\nfalloc g0 0\n' >"$W/bad.scn"
expect_exit workload-bad-line 2 "bad.scn:3: usage: falloc NAME OFFSET LEN" "$WL" "$W/bad.scn"
printf 'frobnicate 1\n' >"$W/bad2.scn"
expect_exit workload-unknown-op 2 ":1: unknown operation 'frobnicate'" "$WL" "$W/bad2.scn"
printf 'gmem g0 2Q\n' >"$W/bad3.scn"
expect_exit workload-bad-number 2 ":1: bad number '2Q'" "$WL" "$W/bad3.scn"
printf 'vm\nbg touch g0 0 4K\n' >"$W/bad4.scn"
expect_exit workload-bg-mapping 2 ":2: 'touch' cannot run in the background" "$WL" "$W/bad4.scn"
printf 'bg repeat 3\n' >"$W/bad5.scn"
expect_exit workload-bg-usage 2 ":1: usage: repeat N OP ARGS..." "$WL" "$W/bad5.scn"
printf 'join now\n' >"$W/bad6.scn"
expect_exit workload-join-args 2 ":1: usage: join" "$WL" "$W/bad6.scn"
printf 'sleep 1 expect EINVAL|ok\n' >"$W/alt.scn"
"$WL" "$W/alt.scn" >/dev/null 2>&1
expect workload-expect-alternative "$?" 0
printf 'sleep 1 expect EINVAL|EPERM\n' >"$W/alt2.scn"
expect_exit workload-expect-alternatives-miss 1 ":1: expected EINVAL\\|EPERM, got ok" "$WL" "$W/alt2.scn"
# -t: each line with its time, the repeats included.
printf 'repeat 3 sleep 20\nsleep 1 expect EINVAL|ok\n' >"$W/timed.scn"
"$WL" -t "$W/timed.scn" >"$W/out" 2>&1
got=$(sed -E 's/ in ([0-9]+) ns$/ in T/' "$W/out" | tr '\n' ';')
ns=$(sed -nE '1s/.* in ([0-9]+) ns$/\1/p' "$W/out")
if [ "$got" = "1: repeat 3 sleep 20 -> ok in T;2: sleep 1 expect EINVAL|ok -> ok in T;" ] &&
	[ "${ns:-0}" -ge 60000000 ] && [ "$ns" -lt 10000000000 ]; then
	pass workload-timed
else
	fail workload-timed "$(tr '\n' ';' <"$W/out")"
fi
# -c: and the thread's CPU time before it, which leaves out waiting: 60 ms
# of sleep take 60 ms or more and less than 5 ms of CPU.
"$WL" -c "$W/timed.scn" >"$W/out" 2>&1
got=$(sed -E 's/ cpu ([0-9]+) ns in ([0-9]+) ns$/ cpu C in T/' "$W/out" | tr '\n' ';')
read -r cpu ns < <(sed -nE '1s/.* cpu ([0-9]+) ns in ([0-9]+) ns$/\1 \2/p' "$W/out")
if [ "$got" = "1: repeat 3 sleep 20 -> ok cpu C in T;2: sleep 1 expect EINVAL|ok -> ok cpu C in T;" ] &&
	[ "${ns:-0}" -ge 60000000 ] && [ "${cpu:-0}" -gt 0 ] && [ "$cpu" -lt 5000000 ]; then
	pass workload-cpu-timed
else
	fail workload-cpu-timed "$(tr '\n' ';' <"$W/out")"
fi
"$WL" -n "$ROOT/tests/guest/scenarios/events.scn" >/dev/null 2>&1
expect workload-syntax-events "$?" 0
"$WL" -n "$ROOT/tests/guest/scenarios/fault-contention.scn" >/dev/null 2>&1
expect workload-syntax-bg "$?" 0
exit 0
