#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Check the build and test prerequisites.  As root with apt-get, install
# what is missing; otherwise print the command that would.
. "$(dirname "$0")/lib.sh"

# command-or-file  Debian package
REQS="
make make
gcc gcc
git git
curl curl
dpkg-deb dpkg
perl perl
flex flex
bison bison
bc bc
cpio cpio
rsync rsync
pahole dwarves
qemu-system-x86_64 qemu-system-x86
ccache ccache
clang-19 clang-19
llvm-strip-19 llvm-19
pkg-config pkg-config
python3 python3
perf linux-perf
bpftrace bpftrace
ip iproute2
promtool prometheus
chromium chromium
rst2man python3-docutils
man man-db
/usr/lib/python3/dist-packages/ply/__init__.py python3-ply
/usr/lib/python3/dist-packages/git/__init__.py python3-git
/sbin/depmod kmod
/usr/include/libelf.h libelf-dev
/usr/include/openssl/opensslv.h libssl-dev
/usr/include/zlib.h zlib1g-dev
/usr/include/zstd.h libzstd-dev
/usr/include/sys/capability.h libcap-dev
/usr/include/jansson.h libjansson-dev
"

missing=()
while read -r what pkg; do
	[ -n "$what" ] || continue
	case $what in
	/*) [ -e "$what" ] && continue ;;
	*) command -v "$what" >/dev/null && continue ;;
	esac
	missing+=("$pkg")
done <<<"$REQS"

[ ${#missing[@]} = 0 ] && exit 0
cmd="apt-get install -y ${missing[*]}"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
	info "INSTALL ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	{ apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; } \
		>"${TMPDIR:-/tmp}/gmemtrace-apt.log" 2>&1 ||
		die "installing prerequisites failed (log: ${TMPDIR:-/tmp}/gmemtrace-apt.log); run: $cmd"
	exit 0
fi
die "missing prerequisites: ${missing[*]}; run: sudo $cmd"
