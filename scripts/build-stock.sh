#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the kernels the benchmarks compare the series with, with the
# series' configuration:
#
#   build-stock.sh       stock Linux 7.3 (gmemtrace-base, no series)
#   build-stock.sh N     7.3 with the first N patches of the series
#
# Sources in a worktree of the kernel tree ($GMT_CACHE/stock-src, or
# prefix-src for N > 0), build in $GMT_CACHE/out/stock (out/prefix-N).
# Prints the bzImage's path.  A second run only rebuilds what changed.
set -o pipefail
. "$(dirname "$0")/lib.sh"

N=${1:-0}
[[ $N =~ ^[0-9]+$ ]] || die "usage: build-stock.sh [N]"
[ -e "$GMT_SRC/.git" ] && git -C "$GMT_SRC" rev-parse -q --verify gmemtrace-base >/dev/null ||
	die "no kernel tree with the gmemtrace-base tag in $GMT_SRC (run: make kernel)"
if [ "$N" = 0 ]; then
	src=$GMT_CACHE/stock-src out=$GMT_CACHE/out/stock
	commit=$(git -C "$GMT_SRC" rev-parse "gmemtrace-base^{commit}")
	what="stock 7.3 (no series)"
else
	src=$GMT_CACHE/prefix-src out=$GMT_CACHE/out/prefix-$N
	commit=$(git -C "$GMT_SRC" rev-list --reverse gmemtrace-base..HEAD | sed -n "${N}p")
	[ -n "$commit" ] || die "the series has fewer than $N patches"
	what="7.3 with patches 1-$N"
fi
if [ "$(git -C "$src" rev-parse -q HEAD 2>/dev/null)" != "$commit" ] ||
   [ -n "$(git -C "$src" status --porcelain 2>/dev/null)" ]; then
	gmt_worktree "$src" "$commit"
fi
info "BUILD   $what in $out"
GMT_SRC=$src GMT_OUT=$out QUIET=1 "$GMT_ROOT/scripts/build-kernel.sh" >&2 ||
	die "kernel build failed ($what)"
echo "$out/arch/x86/boot/bzImage"
