#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scripts/fetch-kernel.sh on a tiny stand-in for the 7.3 tree: base commit,
# series application, a patch that does not apply, bad KERNEL_SRC values.
. "$(dirname "$0")/../lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
FETCH=$ROOT/scripts/fetch-kernel.sh
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT

export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t

# A fake Linux 7.3 tree: enough for "make kernelversion" and virt/kvm.
mkfake()
{
	mkdir -p "$1/virt/kvm"
	printf 'VERSION = 7\nPATCHLEVEL = %s\nSUBLEVEL = 4\nkernelversion:\n\t@echo 7.%s.4\n' \
		"$2" "$2" >"$1/Makefile"
	printf 'line %s\n' 1 2 3 4 5 6 7 8 9 >"$1/virt/kvm/guest_memfd.c"
}
mkfake "$W/src" 3
tar -C "$W" -czf "$W/linux-7.3.tar.gz" src

# Two patches made with git format-patch on a copy of the fake tree.
git init -q "$W/dev" && cp -r "$W/src/." "$W/dev/"
git -C "$W/dev" add -A && git -C "$W/dev" commit -qm base
sed -i 's/line 2/line two/' "$W/dev/virt/kvm/guest_memfd.c"
git -C "$W/dev" commit -qam "KVM: guest_memfd: First"
sed -i 's/line 8/line eight/' "$W/dev/virt/kvm/guest_memfd.c"
git -C "$W/dev" commit -qam "KVM: guest_memfd: Second"
mkdir -p "$W/good" "$W/bad" "$W/empty"
git -C "$W/dev" format-patch -q --cover-letter -o "$W/good" HEAD~2
cp "$W/good/0001-"*.patch "$W/bad/"
sed 's/line eight/line 8/; s/-line 8/-line 99/' "$W/good/0002-"*.patch >"$W/bad/0002-KVM-guest_memfd-Broken.patch"

run()
{
	GMT_CACHE="$W/cache" QUIET=1 "$@" "$FETCH" >"$W/out" 2>&1
}

run env KERNEL_SRC="$W/src" PATCHES="$W/empty"
expect fetch-empty-series-exit "$?" 0
expect fetch-empty-series-head "$(git -C "$W/cache/linux" rev-parse HEAD)" \
	"$(git -C "$W/cache/linux" rev-parse gmemtrace-base)"

run env KERNEL_SRC="$W/src" PATCHES="$W/good"
expect fetch-series-exit "$?" 0
expect fetch-series-count "$(git -C "$W/cache/linux" rev-list --count gmemtrace-base..HEAD)" 2
expect fetch-series-content "$(sed -n '2p;8p' "$W/cache/linux/virt/kvm/guest_memfd.c" | tr '\n' ,)" \
	"line two,line eight,"
head1=$(git -C "$W/cache/linux" rev-parse HEAD)

# Same inputs in another cache: the same commit hashes.
GMT_CACHE="$W/cache2" QUIET=1 KERNEL_SRC="$W/src" PATCHES="$W/good" "$FETCH" >/dev/null 2>&1
expect fetch-series-reproducible "$(git -C "$W/cache2/linux" rev-parse HEAD)" "$head1"

run env KERNEL_SRC="$W/src" PATCHES="$W/bad"
expect fetch-bad-patch-exit "$?" 1
expect_grep fetch-bad-patch-names-file '^gmemtrace: patch 0002-KVM-guest_memfd-Broken.patch does not apply' "$W/out"
expect fetch-bad-patch-tree-reset "$(git -C "$W/cache/linux" rev-parse HEAD)" \
	"$(git -C "$W/cache/linux" rev-parse gmemtrace-base)"

# Back to the good series after the failure.
run env KERNEL_SRC="$W/src" PATCHES="$W/good"
expect fetch-recover-after-bad "$(git -C "$W/cache/linux" rev-parse HEAD)" "$head1"

# Topic series: 1-*/ then 2-*/, each with its own cover letter, in the
# order of their numbers (not of the names after it).
mkdir -p "$W/topics/1-zeta" "$W/topics/2-alpha" "$W/topics-bad/1-zeta" "$W/topics-bad/2-alpha"
git -C "$W/dev" format-patch -q --cover-letter -o "$W/topics/1-zeta" HEAD~2..HEAD~1
git -C "$W/dev" format-patch -q --cover-letter -o "$W/topics/2-alpha" HEAD~1..HEAD
cp "$W/topics/1-zeta/"* "$W/topics-bad/1-zeta/"
cp "$W/topics/2-alpha/0000-"* "$W/topics-bad/2-alpha/"
cp "$W/bad/0002-KVM-guest_memfd-Broken.patch" "$W/topics-bad/2-alpha/0001-KVM-guest_memfd-Broken.patch"
run env KERNEL_SRC="$W/src" PATCHES="$W/topics"
expect fetch-topics-exit "$?" 0
expect fetch-topics-order "$(git -C "$W/cache/linux" log --format=%s gmemtrace-base..HEAD | tr '\n' ,)" \
	"KVM: guest_memfd: Second,KVM: guest_memfd: First,"
expect fetch-topics-same-tree "$(git -C "$W/cache/linux" rev-parse HEAD^{tree})" \
	"$(git -C "$W/cache2/linux" rev-parse HEAD^{tree})"
run env KERNEL_SRC="$W/src" PATCHES="$W/topics-bad"
expect fetch-topics-bad-exit "$?" 1
expect_grep fetch-topics-bad-names-topic '^gmemtrace: patch 2-alpha/0001-KVM-guest_memfd-Broken.patch does not apply to the Linux 7.3 base \(after 1 patches\)' "$W/out"

run env KERNEL_SRC="$W/linux-7.3.tar.gz" PATCHES="$W/empty" GMT_CACHE="$W/cache3"
expect fetch-tarball-exit "$?" 0

run env KERNEL_SRC="$W/nonexistent" PATCHES="$W/empty" GMT_CACHE="$W/cache4"
expect fetch-missing-src-exit "$?" 1
expect_grep fetch-missing-src-message "KERNEL_SRC=.*does not exist" "$W/out"

echo garbage >"$W/x.deb"
run env KERNEL_SRC="$W/x.deb" PATCHES="$W/empty" GMT_CACHE="$W/cache5"
expect fetch-checksum-mismatch-exit "$?" 1
expect_grep fetch-checksum-mismatch-message "^gmemtrace: checksum mismatch for .*x.deb" "$W/out"

mkfake "$W/src72" 2
run env KERNEL_SRC="$W/src72" PATCHES="$W/empty" GMT_CACHE="$W/cache6"
expect fetch-wrong-version-exit "$?" 1
expect_grep fetch-wrong-version-message "is Linux 7.2.4, not 7.3" "$W/out"

run env PATCHES="$W/empty" GMT_CACHE="$W/cache7" MIRROR=http://127.0.0.1:9/debian
expect fetch-download-failure-exit "$?" 1
expect_grep fetch-download-failure-message "^gmemtrace: download of .* failed" "$W/out"
exit 0
