#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scripts/vm-run.sh's handling of what the guest did, with a stand-in for
# qemu: exit status passed through, crash/panic/hang reported as failures
# with the console tail, bad setups refused with one line.
. "$(dirname "$0")/../lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
touch "$W/bzImage"

# The fake qemu finds the run directory in its arguments and acts out
# $FAKE: "rc N" (guest command exited N), "panic", "silent", "hang".
cat >"$W/qemu" <<'FAKE'
#!/bin/bash
for a in "$@"; do
	case $a in
	file:*) console=${a#file:} ;;
	*id=out,path=*) out=${a#*path=}; out=${out%%,*} ;;
	esac
done
case $FAKE in
rc*) cat "$out/cmd"; echo "${FAKE#rc }" >"$out/rc" ;;
panic) printf 'booting\nKernel panic - not syncing: test\n' >"$console" ;;
silent) echo "booting" >"$console" ;;
hang) sleep 30 ;;
esac
FAKE
chmod +x "$W/qemu"

vmrun()
{
	QEMU=$W/qemu KERNEL=$W/bzImage "$ROOT/scripts/vm-run.sh" "$@" >"$W/out" 2>"$W/err"
}

FAKE="rc 0" vmrun 'echo hi'
expect vm-run-status-0 "$?" 0
expect vm-run-passes-command "$(cat "$W/out")" "echo hi"
FAKE="rc 7" vmrun true
expect vm-run-status-7 "$?" 7
FAKE=panic vmrun true
expect vm-run-panic-exit "$?" 125
expect_grep vm-run-panic-reason '^gmemtrace: VM run failed: kernel panic' "$W/err"
expect_grep vm-run-panic-console-tail 'Kernel panic - not syncing: test' "$W/err"
FAKE=silent vmrun true
expect vm-run-no-status-exit "$?" 125
expect_grep vm-run-no-status-reason 'without reporting a status' "$W/err"
FAKE=hang VM_TIMEOUT=1 vmrun true
expect vm-run-timeout-exit "$?" 125
expect_grep vm-run-timeout-reason 'timed out after 1 s' "$W/err"

QEMU=$W/qemu KERNEL=$W/none "$ROOT/scripts/vm-run.sh" true 2>"$W/err"
expect vm-run-no-kernel-exit "$?" 1
expect_grep vm-run-no-kernel-message '^gmemtrace: no kernel at .*/none \(run: make kernel\)' "$W/err"
QEMU=$W/no-qemu KERNEL=$W/bzImage "$ROOT/scripts/vm-run.sh" true 2>"$W/err"
expect vm-run-no-qemu-exit "$?" 1
expect_grep vm-run-no-qemu-message 'not found \(apt-get install qemu-system-x86' "$W/err"
"$ROOT/scripts/vm-run.sh" 2>"$W/err"
expect vm-run-usage-exit "$?" 1
exit 0
