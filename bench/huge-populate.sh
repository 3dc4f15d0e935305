#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Benchmark, in the test VM: populate 1 GiB of private guest_memfd memory
# through vCPU faults (one guest write per 4K page), backed by 4K folios
# and by 2M folios (GUEST_MEMFD_FLAG_HUGE_PMD).  For each backing: the
# number of private faults (kvm_gmem_get_pfn events, from one pass under
# 'gmemtrace stat'), and the wall time of the guest's run from REPS passes
# without tracing (median, min, max), plus how much of it the counting
# pass spent in kvm_gmem_get_pfn (allocating and zeroing the memory).
#
# Each backing first runs once untimed: qemu backs guest memory on first
# touch, a cost that real hardware does not have and that would land on
# whichever variant runs first.
#
# Prints a table, then the results as one JSON line prefixed "BENCH-JSON ".
set -o pipefail
B=$GMT_ROOT/build
REPS=${BENCH_REPS:-3}
SIZE=1G

scenario()
{
	local flags=$1

	printf '%s\n' "vm sw_protected" "gmem g $SIZE $flags" "bind 1 g 1G $SIZE" \
		"private 1G $SIZE" "run 1G $SIZE"
	[ "$flags" = huge ] && echo "orders g 0 $SIZE 9x512"
	echo "close g"
}

# count FLAGS: "FAULTS GET_PFN_NS RUN_NS" from a pass under gmemtrace stat.
count()
{
	scenario "$1" >/tmp/bench.scn
	"$B/gmemtrace" stat -j -- sh -c "exec $B/gmem-workload /tmp/bench.scn >/tmp/bench-count.out" \
		>/tmp/bench-stat.json || { echo "bench: counting pass failed" >&2; return 1; }
	python3 -c 'import json, re, sys
r = json.load(open("/tmp/bench-stat.json"))
s = [v["stats"].get("get_pfn", {}) for v in r["vms"] if v["vm_pid"]]
run = re.search(r"^5: run .* -> ok ns=(\d+)$", open("/tmp/bench-count.out").read(), re.M)
print(sum(x.get("count", 0) for x in s), sum(x.get("sum_ns", 0) for x in s),
      run.group(1) if run else 0)'
}

# timed FLAGS: the run's ns, from gmem-workload's "run ... -> ok ns=N".
timed()
{
	scenario "$1" >/tmp/bench.scn
	"$B/gmem-workload" /tmp/bench.scn >/tmp/bench.out ||
		{ echo "bench: timed pass failed:" >&2; cat /tmp/bench.out >&2; return 1; }
	sed -n 's/^5: run .* -> ok ns=\([0-9]*\)$/\1/p' /tmp/bench.out
}

results=()
for backing in 2M 4K; do
	flags=
	[ $backing = 2M ] && flags=huge
	timed "$flags" >/dev/null || exit 1
	read -r faults getpfn_ns count_ns < <(count "$flags") || exit 1
	times=()
	for ((i = 0; i < REPS; i++)); do
		t=$(timed "$flags") || exit 1
		[ -n "$t" ] || { echo "bench: no run time in the output" >&2; exit 1; }
		times+=("$t")
	done
	results+=("$backing $faults $getpfn_ns $count_ns ${times[*]}")
done

printf '%s\n' "${results[@]}" | python3 -c '
import json, statistics, sys
rows = {}
for line in sys.stdin:
    f = line.split()
    t = [int(x) for x in f[4:]]
    rows[f[0]] = {"private_faults": int(f[1]), "get_pfn_s": int(f[2]) / 1e9,
                  "traced_time_s": int(f[3]) / 1e9,
                  "time_s": statistics.median(t) / 1e9, "time_min_s": min(t) / 1e9,
                  "time_max_s": max(t) / 1e9, "runs": len(t)}
a, b = rows["2M"], rows["4K"]
fault_ratio = b["private_faults"] / a["private_faults"]
time_ratio = b["time_s"] / a["time_s"]
print("populate 1 GiB of private guest_memfd memory through vCPU faults")
print("(SW-protected VM in the TCG test VM; time: median of %d runs, min-max)" % a["runs"])
print("%-8s %14s %24s" % ("backing", "private_faults", "time_s"))
for k in ("2M", "4K"):
    r = rows[k]
    print("%-8s %14d %10.3f (%.3f-%.3f)" % (k, r["private_faults"], r["time_s"],
          r["time_min_s"], r["time_max_s"]))
print("%-8s %13.1fx %21.1fx" % ("4K/2M", fault_ratio, time_ratio))
print("goals: >= 100x fewer faults (%s), >= 5x less time (%s)" %
      ("met" if fault_ratio >= 100 else "NOT met", "met" if time_ratio >= 5 else "NOT met"))
print("counting pass (traced): kvm_gmem_get_pfn (allocating, zeroing) took %.3f of %.3f s"
      " with 2M, %.3f of %.3f s with 4K" % (a["get_pfn_s"], a["traced_time_s"],
                                            b["get_pfn_s"], b["traced_time_s"]))
print("BENCH-JSON " + json.dumps({"bench": "huge-populate", "size_bytes": 1 << 30,
      "backings": rows, "fault_ratio": fault_ratio, "time_ratio": time_ratio}))
'
