#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build, from the patched kernel tree, what runs next to the kernel:
#   $GMT_OUT/tools/libbpf      static libbpf + headers (the tool links it)
#   $GMT_OUT/tools/bpftool     bpftool (skeletons, struct_ops register)
#   $GMT_OUT/kselftest/kvm     the upstream KVM selftests we run in the VM
# Needs the kernel's UAPI headers from build-kernel.sh.
set -eo pipefail
. "$(dirname "$0")/lib.sh"

JOBS=${JOBS:-$(nproc)}
T=$GMT_OUT/tools
KST=$GMT_OUT/kselftest/kvm
CLANG=${CLANG:-$(command -v clang-19 || command -v clang || true)}
LLVM_STRIP=${LLVM_STRIP:-$(command -v llvm-strip-19 || command -v llvm-strip || true)}
# The KVM selftests the in-guest suite runs, in either mode.
KVM_SELFTESTS=${KVM_SELFTESTS:-$({
	grep -vE '^\s*(#|$)' "$GMT_ROOT/tests/guest/kvm-selftests.list" | awk '{ print $1 }'
	sed -n 's/^kvm://p' "$GMT_ROOT/tests/guest/per-vm-attributes.list"
} | sort -u)}

[ -f "$GMT_OUT/usr/include/linux/kvm.h" ] || die "no UAPI headers in $GMT_OUT/usr (run: make kernel)"
[ -n "$CLANG" ] || die "clang not found (apt-get install clang-19)"
Q=(-s)
[ -n "${V:-}" ] && Q=(V=1)
log=$GMT_OUT/tools.log
: >"$log"

mkdir -p "$T/libbpf" "$T/bpftool/" "$KST"
info "BUILD   libbpf"
make "${Q[@]}" -j"$JOBS" -C "$GMT_SRC/tools/lib/bpf" OUTPUT="$T/libbpf/" \
	BUILD_STATIC_ONLY=1 DESTDIR="$T/libbpf" prefix=/ LIBSUBDIR=lib \
	install >>"$log" 2>&1 || die "libbpf build failed (log: $log)"

info "BUILD   bpftool"
make "${Q[@]}" -j"$JOBS" -C "$GMT_SRC/tools/bpf/bpftool" OUTPUT="$T/bpftool/" \
	CLANG="$CLANG" LLVM_STRIP="$LLVM_STRIP" >>"$log" 2>&1 ||
	die "bpftool build failed (log: $log)"

info "BUILD   KVM selftests: $KVM_SELFTESTS"
targets=()
for t in $KVM_SELFTESTS; do
	targets+=("$KST/$t")
done
make "${Q[@]}" -j"$JOBS" -C "$GMT_SRC/tools/testing/selftests/kvm" \
	KHDR_INCLUDES="-isystem $GMT_OUT/usr/include" OUTPUT="$KST" \
	LDFLAGS=-static "${targets[@]}" >>"$log" 2>&1 ||
	die "KVM selftests build failed (log: $log)"
