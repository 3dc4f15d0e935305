#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make demo, inside the VM: run a scenario (default
# tests/guest/scenarios/demo.scn, or DEMO_SCENARIO=FILE) while
# 'gmemtrace trace' prints its events live and 'gmemtrace stat' counts
# them; then print the stat report (counts and latency histograms).
. "$(dirname "$0")/lib.sh"
B=$GMT_ROOT/build
SCN=${DEMO_SCENARIO:-$GMT_ROOT/tests/guest/scenarios/demo.scn}

for f in "$B/gmemtrace" "$B/gmem-workload" "$SCN"; do
	[ -e "$f" ] || die "$f is missing (run: make tools)"
done

echo "== gmemtrace trace -Td (events as they happen; first 40 and last 10)"
"$B/gmemtrace" stat >/tmp/demo-stat.txt 2>/tmp/demo-stat.err &
stat_pid=$!
"$B/gmemtrace" trace -Td >/tmp/demo-trace.txt 2>/tmp/demo-trace.err &
trace_pid=$!
# Both print their banner on stderr once attached.
for _ in $(seq 100); do
	grep -q Ctrl-C /tmp/demo-stat.err && grep -q Ctrl-C /tmp/demo-trace.err && break
	kill -0 $stat_pid $trace_pid 2>/dev/null || break
	sleep 0.1
done
"$B/gmem-workload" -q "$SCN" || echo "demo: the scenario failed" >&2
sleep 0.5
kill -INT $trace_pid $stat_pid
wait $trace_pid $stat_pid
n=$(wc -l </tmp/demo-trace.txt)
head -n 41 /tmp/demo-trace.txt
[ "$n" -gt 51 ] && echo "... ($((n - 51)) more)" && tail -n 10 /tmp/demo-trace.txt
cat /tmp/demo-trace.err /tmp/demo-stat.err | grep -v 'Hit Ctrl-C' >&2

echo
echo "== gmemtrace stat (per VM, in-kernel counts and log2 latency histograms)"
cat /tmp/demo-stat.txt
