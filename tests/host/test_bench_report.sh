#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bench/p2-report.py on measurements with known answers: overheads, paired
# ns per event, the same-events check and the goal verdict, the BPF cost
# per program and over all of them, and the storm's rates and losses.
. "$(dirname "$0")/../lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT

# line NAME WORKLOAD_MS EVENTS [LOST [CPU_TICKS]]: a measurement line
# (launch 0, ready 0.5 s, 0.3 s teardown, 2048 kB peak RSS).
line()
{
	local t0=500000000

	echo "$1 0 $t0 $t0 $((t0 + $2 * 1000000)) $((t0 + $2 * 1000000 + 300000000))" \
		"2048 ${5:-0} $3 ${4:-0}"
}

# input BPFTRACE_EVENTS BPFTRACE_MS
input()
{
	for r in 0 1; do
		line none $((1000 + r * 100)) 1000
		line gmemtrace-stat $((1200 + r * 100)) 1000
		line gmemtrace-trace $((2000 + r * 100)) 1000 0 80
		line gmemtrace-trace-w $((1300 + r * 100)) 1000
		line bpftrace $(($2 + r * 100)) "$1"
		line perf-stat $((1100 + r * 100)) 1000
		line perf-record $((1400 + r * 100)) 1000
	done
	echo --
	for r in 0 1; do
		echo "stat tp_a:10:7000 tp_b:10:3000"
		echo "trace tp_a:10:17000"
		echo "bpftrace bpftrace:10:14000 bpftrace:10:6000"
	done
	echo --
	for r in 0 1; do
		line none 500 200007
		line text 1000 90000 110007 100
		line text-b64 2000 200007 0 150
		line json-b64 2000 200007 0 150
		line write 600 200007 0 20
		line write-b64 600 200007 0 20
	done
}

input 1000 1300 | python3 "$ROOT/bench/p2-report.py" 2 100 >"$W/out" 2>&1
expect bench-report-exit $? 0
expect_grep bench-report-stat '^gmemtrace stat +1\.250s +4\.0% +\+19\.0% +200000 \(200000-200000\) +0\.500s +0\.300s +2\.0MB +<0\.01s +1000$' "$W/out"
expect_grep bench-report-bpftrace '^bpftrace count\(\) +1\.350s .* \+28\.6% +300000 ' "$W/out"
expect_grep bench-report-perf-record '^perf record +1\.450s .* \+38\.1% +400000 ' "$W/out"
expect_grep bench-report-trace-cpu '^gmemtrace trace .* 0\.80s +1000$' "$W/out"
expect_grep bench-report-same 'every tool saw the same 1000 events: yes' "$W/out"
expect_grep bench-report-goal-met "goal: gmemtrace stat's overhead below bpftrace's and perf record's: met" "$W/out"
expect_grep bench-report-write '^gmemtrace trace -w +1\.350s .* \+28\.6% +300000 ' "$W/out"
expect_grep bench-report-write-goal "goal: gmemtrace trace -w's overhead at most perf record's: met" "$W/out"
expect_grep bench-report-storm-write '^binary -w, 8 MiB buffer +0\.600s +333345 +0 +1000ns +1000035/s$' "$W/out"
expect_grep bench-report-bpf-prog '^tp_a +700 \(700-700\) +1700 \(1700-1700\) +-$' "$W/out"
expect_grep bench-report-bpf-all '^all events +500 \(500-500\) +1700 \(1700-1700\) +1000 \(1000-1000\)$' "$W/out"
expect_grep bench-report-storm-lost '^text, 8 MiB buffer +1\.000s +90000 +110007 +5000ns +200007/s$' "$W/out"
expect_grep bench-report-storm-b64 '^text, -b 64 +2\.000s +100004 +0 +7500ns +133338/s$' "$W/out"
got=$(sed -n 's/^BENCH-JSON //p' "$W/out" | python3 -c 'import json, sys
r = json.load(sys.stdin)
t = r["tools"]
print(r["events"], r["same_events"], r["stat_below_peers"], round(t["gmemtrace-stat"]["overhead_pct"], 2),
      t["bpftrace"]["ns_per_event"], r["storm"]["events"], r["storm"]["text"]["lost"])')
expect bench-report-json "$got" "1000 True True 19.05 300000.0 200007 [110007, 110007]"
# The overhead's range over the rounds, each against the no-tool run of its
# round (1300/1000 and 1400/1100), and the storm's rates' range.
got=$(sed -n 's/^BENCH-JSON //p' "$W/out" | python3 -c 'import json, sys
r = json.load(sys.stdin)
t, s = r["tools"]["gmemtrace-trace-w"], r["storm"]["write"]
print(round(t["overhead_min_pct"], 2), round(t["overhead_max_pct"], 2),
      round(s["events_per_s_min"]), round(s["events_per_s_max"]))')
expect bench-report-json-ranges "$got" "27.27 30.0 333345 333345"

# bpftrace missing an event, and cheaper than stat: both flagged.
input 999 1100 | python3 "$ROOT/bench/p2-report.py" 2 100 >"$W/out" 2>&1
expect_grep bench-report-not-same 'every tool saw the same 1000 events: NO' "$W/out"
expect_grep bench-report-goal-not-met "below bpftrace's and perf record's: NOT met" "$W/out"
exit ${FAILED:-0}
