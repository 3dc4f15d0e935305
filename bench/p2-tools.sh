#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Benchmark P2, in the test VM, all in one boot:
#
#  - what observing bench/dense.scn costs it: its wall time alone, under
#    'gmemtrace stat', 'gmemtrace trace' (text to a file), bpftrace
#    counting the same tracepoints, 'perf stat' counting them and
#    'perf record' of them.  REPS rounds of every variant in turn after a
#    warm-up round; per variant the median workload time and its spread,
#    the overhead against no tool, the cost per event (the paired
#    per-round difference divided by the number of events, median and
#    min-max), and the tool's startup time (launch to its child running),
#    teardown time (child done to tool exited), peak RSS and CPU time.
#    Every tool must see the same number of events.
#  - per-event cost inside the kernel: with kernel.bpf_stats_enabled, the
#    run time per invocation of each of gmemtrace's BPF programs, counting
#    (stat) and recording (trace), median and min-max of REPS passes.
#  - 'gmemtrace trace' throughput: an event storm (one-page punch-holes,
#    four events each) traced to /dev/null, as text with the default 8 MiB
#    ring buffer and as text and JSON with 64 MiB (-b 64): events per
#    second delivered, events lost, and the consumer's CPU time per event.
#
# P2_CLOCK=icount (bench/p2-icount.sh, in a VM under qemu -icount): the
# workload's time is the sum of its operations' times (gmem-workload -t),
# in instructions; with one vCPU the tools' work during an operation is
# counted in it, as in wall time, but the host's load is not.  Startup
# and teardown still use the clock, whose idle jumps they include.
#
# Prints tables and "BENCH-JSON {...}".
set -o pipefail
. "$GMT_ROOT/scripts/lib.sh"
B=$GMT_ROOT/build
G=$B/gmemtrace
BPFTOOL=$GMT_OUT/tools/bpftool/bpftool
REPS=${BENCH_REPS:-5}
SCN=$GMT_ROOT/bench/dense.scn
STORM=${P2_STORM:-50000}
W=/tmp/p2
case ${P2_CLOCK:=wall} in
wall) WL_OPT=-q ;;
icount) WL_OPT=-t ;;
*) echo "bench: P2_CLOCK=$P2_CLOCK: want wall or icount" >&2; exit 1 ;;
esac
export P2_CLOCK
rm -rf "$W" && mkdir -p "$W" || exit 1
command -v bpftrace >/dev/null || { echo "bench: bpftrace not installed (make deps)" >&2; exit 1; }
command -v perf >/dev/null || { echo "bench: perf not installed (make deps)" >&2; exit 1; }

# The workload, as every tool's child: when it started (the tool is
# ready), its own wall time, and its parent's (the tool's) peak RSS and
# the CPU time it used while the workload ran.
cat >"$W/child.sh" <<EOF
date +%s%N >$W/ready
cp /proc/\$PPID/stat $W/stat0
t0=\$(date +%s%N)
\$P2_WORKLOAD >$W/wl.out 2>&1 || { cat $W/wl.out >&2; exit 1; }
t1=\$(date +%s%N)
# icount: the workload's time is its operations', ending at t1 (%.0f: no
# exponent form for sums of 2^31 and more).
if [ "\$P2_CLOCK" = icount ]; then
	ops=\$(sed -n 's/.* in \\([0-9]*\\) ns\$/\\1/p' $W/wl.out | awk '{ s += \$1 } END { printf "%.0f\\n", s }')
	[ "\$ops" -gt 0 ] || { echo "bench: no operation times in the workload's output" >&2; exit 1; }
	t0=\$((t1 - ops))
fi
echo \$t0 \$t1 >$W/times
cp /proc/\$PPID/status $W/status
cp /proc/\$PPID/stat $W/stat
[ -z "\$P2_PROGS" ] || $BPFTOOL prog show -j >$W/progs.json
EOF

# measure NAME CMD...: run CMD (whose child is child.sh), print one line:
# NAME launch ready t0 t1 end hwm_kb cpu_ticks events lost
measure()
{
	local name=$1 launch end hwm ticks events lost
	shift

	rm -f "$W/ready" "$W/times" "$W/status" "$W/stat" "$W/stat0"
	launch=$(date +%s%N)
	"$@" >"$W/out" 2>"$W/err" || { echo "bench: $name failed:" >&2; cat "$W/err" >&2; return 1; }
	end=$(date +%s%N)
	[ -s "$W/times" ] || { echo "bench: $name: the workload did not run" >&2; return 1; }
	hwm=$(awk '/^VmHWM:/ { print $2 }' "$W/status")
	# CPU time while the workload ran (not the tool's startup).
	ticks=$(($(awk '{ print $14 + $15 }' "$W/stat") - $(awk '{ print $14 + $15 }' "$W/stat0")))
	case $name in
	gmemtrace-stat)
		events=$(python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
# arch_lifetime is derived from make_private and reclaim, not an event.
print(sum(s.get("count", 0) for v in r["vms"] for k, s in v["stats"].items()
          if k != "arch_lifetime"))' "$W/out") ;;
	gmemtrace-trace) events=$(grep -vc '^COMM ' "$W/out") ;;
	gmemtrace-trace-w)
		events=$(sed -n 's/^gmemtrace: .*: \([0-9]*\) events written, .*/\1/p' "$W/err") ;;
	bpftrace) events=$(awk -F': ' '/^@\[/ { n += $2 } END { print n + 0 }' "$W/out") ;;
	perf-stat) events=$(awk -F, '/kvm_gmem:/ { n += $1 } END { print n + 0 }' "$W/err") ;;
	perf-record) events=$(sed -n 's/.*(\([0-9]*\) samples).*/\1/p' "$W/err") ;;
	*) events=0 ;;
	esac
	lost=$(sed -n -e 's/^gmemtrace: \([0-9]*\) events lost.*/\1/p' \
		-e 's/^gmemtrace: .* events written, \([0-9]*\) lost.*/\1/p' "$W/err")
	echo "$name $launch $(cat "$W/ready") $(cat "$W/times") $end ${hwm:-0} ${ticks:-0}" \
		"${events:-0} ${lost:-0}"
}

# bpftrace -c wants one string, and a path: "sh" matched two binaries.
CHILD=(/bin/sh "$W/child.sh")
variant()
{
	case $1 in
	none) measure none "${CHILD[@]}" ;;
	gmemtrace-stat) measure "$1" "$G" stat -j -- "${CHILD[@]}" ;;
	gmemtrace-trace) shift; measure gmemtrace-trace "$G" trace "$@" -- "${CHILD[@]}" ;;
	gmemtrace-trace-w) shift
		measure gmemtrace-trace-w "$G" trace -w "$W/trace.gmt" "$@" -- "${CHILD[@]}" ;;
	bpftrace) measure "$1" bpftrace -e 'tracepoint:kvm_gmem:* { @[probe] = count(); }' \
		-c "${CHILD[*]}" ;;
	perf-stat) measure "$1" perf stat -x, -a -e 'kvm_gmem:*' -- "${CHILD[@]}" ;;
	perf-record) measure "$1" perf record -a -e 'kvm_gmem:*' -o "$W/perf.data" -- \
		"${CHILD[@]}" ;;
	esac
}

VARIANTS="none gmemtrace-stat gmemtrace-trace gmemtrace-trace-w bpftrace perf-stat perf-record"
export P2_WORKLOAD="$B/gmem-workload $WL_OPT $SCN"
rows=()
for ((i = -1; i < REPS; i++)); do
	for v in $VARIANTS; do
		line=$(variant "$v") || exit 1
		[ $i -ge 0 ] && rows+=("$line")
	done
done

# In-kernel cost per event, per BPF program: gmemtrace's (tp_btf, named
# tp_EVENT) and bpftrace's (tracepoint programs, all named alike: summed).
progs=()
sysctl -qw kernel.bpf_stats_enabled=1 || exit 1
for ((i = 0; i < REPS; i++)); do
	for mode in stat stat-A trace bpftrace; do
		case $mode in
		bpftrace) P2_PROGS=1 variant bpftrace ;;
		stat-A) P2_PROGS=1 measure bpf-stat-A "$G" stat -A -- "${CHILD[@]}" ;;
		*) P2_PROGS=1 measure "bpf-$mode" "$G" $mode -- "${CHILD[@]}" ;;
		esac >/dev/null || exit 1
		progs+=("$mode $(python3 -c 'import json, sys
p = json.load(open(sys.argv[1]))
if sys.argv[2] == "bpftrace":
    p = [dict(x, name="bpftrace") for x in p if x.get("type") == "tracepoint"]
else:
    p = [x for x in p if x.get("name", "").startswith("tp_")]
print(" ".join("%s:%d:%d" % (x["name"], x.get("run_cnt", 0), x.get("run_time_ns", 0))
               for x in p if x.get("run_cnt")))' "$W/progs.json" $mode)")
	done
done
sysctl -qw kernel.bpf_stats_enabled=0

# trace throughput on an event storm.
printf '%s\n' "vm sw_protected" "gmem g 16M" "bind 1 g 1G 16M" "repeat $STORM punch g 0 4K" \
	"close g" >"$W/storm.scn"
export P2_WORKLOAD="$B/gmem-workload $WL_OPT $W/storm.scn"
storm=()
for ((i = -1; i < REPS; i++)); do
	for v in none text text-b64 json-b64 write write-b64; do
		case $v in
		none) line=$(variant none) ;;
		text) line=$(variant gmemtrace-trace) ;;
		text-b64) line=$(variant gmemtrace-trace -b 64) ;;
		json-b64) line=$(variant gmemtrace-trace -j -b 64) ;;
		write) line=$(variant gmemtrace-trace-w) ;;
		write-b64) line=$(variant gmemtrace-trace-w -b 64) ;;
		esac || exit 1
		[ $i -ge 0 ] && storm+=("$v ${line#* }")
	done
done

printf '%s\n' "${rows[@]}" "--" "${progs[@]}" "--" "${storm[@]}" |
	python3 "$GMT_ROOT/bench/p2-report.py" "$REPS" "$(getconf CLK_TCK)"
