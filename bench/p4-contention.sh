#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Benchmark, in the test VM: how long private faults take while another
# thread converts a page of the same guest_memfd back and forth
# (tests/guest/scenarios/fault-contention.scn: each conversion splits or
# merges a 2M folio with the invalidate lock held exclusively; each fault
# zeroes a new 2M folio).  REPS runs under gmemtrace stat after one
# warm-up; prints the fault latency (kvm_gmem_get_pfn's duration) per run
# and "BENCH-JSON {...}" with every fault's log2 histogram, and the
# guest's time for its three passes.  bench/p4-compare.sh runs it on the
# series before and after its lock-scope patches.
set -o pipefail
B=$GMT_ROOT/build
REPS=${BENCH_REPS:-5}
SCN=$GMT_ROOT/tests/guest/scenarios/fault-contention.scn
runs=()
for ((i = -1; i < REPS; i++)); do
	"$B/gmemtrace" stat -j -- sh -c "exec $B/gmem-workload $SCN >/tmp/p4.out" \
		>/tmp/p4.json 2>/tmp/p4.err ||
		{ echo "bench: fault-contention.scn failed:" >&2; cat /tmp/p4.err /tmp/p4.out >&2; exit 1; }
	[ $i -ge 0 ] || continue
	pid=$(sed -n 's/.*vm sw_protected -> ok pid=\([0-9]*\).*/\1/p' /tmp/p4.out)
	guest=$(sed -n 's/^1[357]: run .* ns=\([0-9]*\).*/\1/p' /tmp/p4.out | awk '{ s += $1 } END { printf "%d\n", s }')
	runs+=("$(python3 - /tmp/p4.json "$pid" "$guest" <<'PY'
import json, sys
r = [json.loads(l) for l in open(sys.argv[1])][-1]
s = {v["vm_pid"]: v for v in r["vms"]}[int(sys.argv[2])]["stats"]
g = s["get_pfn"]
print(json.dumps({"faults": g["count"], "sum_ns": g["sum_ns"], "max_ns": g["max_ns"],
                  "hist_ns": g["hist_ns"], "conversions": s["convert_end"]["count"],
                  "guest_ns": int(sys.argv[3])}))
PY
)") || exit 1
done
printf '%s\n' "${runs[@]}" | python3 -c '
import json, sys
rel = sys.argv[1]
runs = [json.loads(l) for l in sys.stdin]
for r in runs:
    print("P4 on %s: %d faults, mean %.0f us, max %.0f us; %d conversions; guest %.3f s" %
          (rel, r["faults"], r["sum_ns"] / r["faults"] / 1e3, r["max_ns"] / 1e3,
           r["conversions"], r["guest_ns"] / 1e9))
print("BENCH-JSON " + json.dumps({"bench": "p4-contention", "release": rel, "runs": runs}))
' "$(uname -r)"
