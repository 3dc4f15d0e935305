# SPDX-License-Identifier: GPL-2.0
# Helpers for the in-guest test cases.  Source, don't execute.

# What every case uses: the build, the tool, the policies, the result.
B=$GMT_ROOT/build
G=$B/gmemtrace
P=$B/policies
rc=0

# fail WHY...: one "FAIL: WHY" line; the case goes on and ends with
# 'exit $rc', 1 after any failure.
fail()
{
	echo "FAIL: $*"
	rc=1
}

# wait_vm PID: whether process PID holds a VM within 10 s.
wait_vm()
{
	local i

	for i in $(seq 100); do
		ls -l "/proc/$1/fd" 2>/dev/null | grep -q 'anon_inode:kvm-vm' && return 0
		sleep 0.1
	done
	return 1
}

# stderr_clean FILE: gmemtrace's stderr in FILE is empty, or is only the
# notice naming events that this kernel does not have (a kernel with only
# some of the topic series, e.g. the tracepoints alone), and each of
# those events is indeed missing from tracefs.  Prints what is wrong.
stderr_clean()
{
	local line ev prefix='gmemtrace: not available with tracepoints on this kernel: '

	[ -s "$1" ] || return 0
	line=$(cat "$1")
	if [[ $line == *$'\n'* || $line != "$prefix"* ]]; then
		echo "unexpected stderr:"
		cat "$1"
		return 1
	fi
	for ev in $(tr ',' ' ' <<<"${line#"$prefix"}"); do
		if [ -d "/sys/kernel/tracing/events/kvm_gmem/kvm_gmem_$ev" ]; then
			echo "gmemtrace says kvm_gmem_$ev is missing, but tracefs has it: $line"
			return 1
		fi
	done
}

# --- guest_memfd policies ---------------------------------------------

# wl_start TAG LINE...: run a gmem-workload scenario in the background:
# a software-protected VM with a 1 MiB shared, mapped guest_memfd g0,
# waiting for wl_run TAG before its LINEs, and for wl_end TAG after them,
# so that the VM is there before and after.  Returns once the VM exists;
# WL_PID[TAG] is its process.  Output in /tmp/wl.TAG.out.
declare -A WL_PID WL_LINES
wl_start()
{
	local tag=$1

	shift
	rm -f "/tmp/wl.$tag.go" "/tmp/wl.$tag.end"
	printf '%s\n' "vm sw_protected" "gmem g0 1M mmap init_shared" "mmap g0" \
		"await /tmp/wl.$tag.go" "$@" "await /tmp/wl.$tag.end" >"/tmp/wl.$tag.scn"
	WL_LINES[$tag]=$(($# + 5))
	"$GMT_ROOT/build/gmem-workload" "/tmp/wl.$tag.scn" >"/tmp/wl.$tag.out" 2>&1 &
	WL_PID[$tag]=$!
	wait_vm "${WL_PID[$tag]}" && return 0
	echo "wl_start $tag: no VM after 10 s"
	cat "/tmp/wl.$tag.out"
	return 1
}

# wl_run TAG: run the workload's LINEs; 0 once they all gave what they
# expect (the VM stays until wl_end), else its exit status.
wl_run()
{
	local i

	touch "/tmp/wl.$1.go"
	for i in $(seq 600); do
		grep -q 'expected .*, got' "/tmp/wl.$1.out" && break
		[ "$(grep -cE '^[0-9]+: ' "/tmp/wl.$1.out")" -ge $((WL_LINES[$1] - 1)) ] && return 0
		kill -0 "${WL_PID[$1]}" 2>/dev/null || break
		sleep 0.1
	done
	wl_end "$1"
	i=$?
	cat "/tmp/wl.$1.out"
	return $((i ? i : 1))
}

# wl_end TAG: end the workload (killed after 60 s); its exit status.
wl_end()
{
	local i

	touch "/tmp/wl.$1.go" "/tmp/wl.$1.end"
	for i in $(seq 600); do
		kill -0 "${WL_PID[$1]}" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL "${WL_PID[$1]}" 2>/dev/null
	wait "${WL_PID[$1]}"
}

# pol_field SCOPE PID FIELD [SUBFIELD]: a field of 'gmemtrace policy list -j'
# for the system (SCOPE system, PID -) or the VM of process PID.
pol_field()
{
	"$GMT_ROOT/build/gmemtrace" policy list -j | python3 -c '
import json, sys
scope, pid, field = sys.argv[1:4]
for r in json.load(sys.stdin):
    if r["scope"] == scope and (scope == "system" or r["pid"] == int(pid)):
        v = r[field]
        print(v[sys.argv[4]] if len(sys.argv) > 4 else v)
        break
else:
    print("none")' "$@"
}

# pol_counts SCOPE PID: "name calls allowed denied deferred invalid slow
# ejections" of that row.
pol_counts()
{
	"$GMT_ROOT/build/gmemtrace" policy list -j | python3 -c '
import json, sys
scope, pid = sys.argv[1:3]
for r in json.load(sys.stdin):
    if r["scope"] == scope and (scope == "system" or r["pid"] == int(pid)):
        print(" ".join(str(r[k]) or "-" for k in ("name", "calls", "allowed", "denied",
              "deferred", "invalid", "slow", "ejections")))
        break
else:
    print("none")' "$@"
}
