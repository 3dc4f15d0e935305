#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run a command inside the patched kernel under qemu (TCG, nested SVM)
# and exit with its status:
#
#   scripts/vm-run.sh 'uname -r'        output on stdout, status as exit code
#   scripts/vm-run.sh -i                interactive shell (make vm-shell)
#
# The guest's root file system is the host's, read-only over 9p, so the
# checkout and every host binary are usable at the same paths; /tmp, /run,
# /var/tmp and $HOME are tmpfs.  The guest kernel console goes to a log
# file whose tail is printed when the guest crashes, panics or times out.
#
# Environment: VM_TIMEOUT (seconds, default 900), VM_MEM (default 2G),
# VM_SMP (default 1), VM_APPEND (extra kernel parameters), FLAVOUR,
# KERNEL (a bzImage other than the one built), VM_MODROOT (its modules,
# default: modroot next to its build), VM_KVM_ARGS (kvm.ko's parameters;
# by default gmem_in_place_conversion=1, so that guest_memfd tracks private
# memory, if kvm.ko has that parameter), VM_QEMU_ARGS (more qemu
# options), VM_CONSOLE=FILE keeps a copy of the guest console log,
# VM_KEEP=1 keeps the run dir.
set -o pipefail
. "$(dirname "$0")/lib.sh"

interactive=0
if [ "${1:-}" = -i ]; then
	interactive=1
	shift
fi
[ $interactive = 1 ] || [ $# -gt 0 ] || die "usage: vm-run.sh COMMAND... | vm-run.sh -i"

KERNEL=${KERNEL:-$GMT_OUT/arch/x86/boot/bzImage}
# The kernel's modules, as scripts/build-kernel.sh installs them next to
# its build (OUT/modroot for OUT/arch/x86/boot/bzImage).
MODROOT=${VM_MODROOT:-$(cd "$(dirname "$KERNEL")/../../.." 2>/dev/null && pwd)/modroot}
QEMU=${QEMU:-qemu-system-x86_64}
command -v "$QEMU" >/dev/null ||
	die "$QEMU not found (apt-get install qemu-system-x86, or run: make deps)"
[ -f "$KERNEL" ] || die "no kernel at $KERNEL (run: make kernel)"
if [ -z "${VM_KVM_ARGS+set}" ]; then
	VM_KVM_ARGS=
	ko=$(find "$MODROOT/lib/modules" -name 'kvm.ko*' 2>/dev/null | head -n1)
	if [ -n "$ko" ] && /sbin/modinfo -F parm "$ko" 2>/dev/null |
	   grep -q '^gmem_in_place_conversion:'; then
		VM_KVM_ARGS=gmem_in_place_conversion=1
	fi
fi

run=$(mktemp -d "${TMPDIR:-/tmp}/gmemtrace-vm.XXXXXX") || die "mktemp failed"
cleanup()
{
	[ -n "${VM_KEEP:-}" ] && { echo "gmemtrace: VM run dir kept: $run" >&2; return; }
	rm -rf "$run"
}
trap cleanup EXIT

printf '%s\n' "$*" >"$run/cmd"
{
	printf 'export GMT_PWD=%q GMT_ROOT=%q GMT_CACHE=%q FLAVOUR=%q GMT_MODROOT=%q GMT_KVM_ARGS=%q\n' \
		"$PWD" "$GMT_ROOT" "$GMT_CACHE" "$GMT_FLAVOUR" "$MODROOT" \
		"$VM_KVM_ARGS"
	[ -n "${TERM:-}" ] && printf 'export TERM=%q\n' "$TERM"
} >"$run/env"
[ -t 1 ] && touch "$run/tty"
[ $interactive = 1 ] && touch "$run/interactive"

append="root=/dev/root rootfstype=9p rootflags=trans=virtio,version=9p2000.L,msize=262144,cache=loose ro"
append+=" init=$GMT_ROOT/scripts/vm-init panic=-1 oops=panic no_hash_pointers"
append+=" console=ttyS0 ${VM_APPEND:-}"

args=(-cpu max,vendor=AuthenticAMD,+svm -smp "${VM_SMP:-1}" -m "${VM_MEM:-2G}"
      -kernel "$KERNEL" -append "$append"
      -display none -no-reboot -monitor none -nic none
      -device isa-debug-exit,iobase=0xf4,iosize=0x04
      -fsdev local,id=root,path=/,security_model=none,readonly=on,multidevs=remap
      -device virtio-9p-pci,fsdev=root,mount_tag=/dev/root
      -fsdev local,id=out,path="$run",security_model=none
      -device virtio-9p-pci,fsdev=out,mount_tag=gmtout)
# shellcheck disable=SC2206
args+=(${VM_QEMU_ARGS:-})

if [ $interactive = 1 ]; then
	args+=(-serial mon:stdio)
	"$QEMU" "${args[@]}"
	exit "$(cat "$run/rc" 2>/dev/null || echo 1)"
fi

args+=(-serial "file:$run/console.log" -serial stdio)
timeout --foreground -k 10 "${VM_TIMEOUT:-900}" "$QEMU" "${args[@]}" </dev/null
qrc=$?
[ -n "${VM_CONSOLE:-}" ] && cp "$run/console.log" "$VM_CONSOLE" 2>/dev/null

if [ -f "$run/rc" ]; then
	exit "$(cat "$run/rc")"
fi
if [ $qrc = 124 ] || [ $qrc = 137 ]; then
	why="timed out after ${VM_TIMEOUT:-900} s"
elif grep -q 'Kernel panic' "$run/console.log" 2>/dev/null; then
	why="kernel panic"
else
	why="guest stopped without reporting a status (qemu exit $qrc)"
fi
{
	echo "---- guest console (last 40 lines) ----"
	tail -n 40 "$run/console.log" 2>/dev/null
	echo "----"
} >&2
echo "gmemtrace: VM run failed: $why" >&2
exit 125
