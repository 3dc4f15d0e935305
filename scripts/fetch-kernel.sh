#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Prepare the kernel tree: Linux 7.3 as pinned in kernel/linux.pin, turned
# into a git tree whose first commit is the pristine base (tag
# gmemtrace-base), with the topic series of kernel-patches/ (1-*/, 2-*/,
# ...) applied on top, in order, by git am.
#
# Source of the base, first match wins:
#   KERNEL_SRC=DIR        a local 7.3 source tree (copied, not modified)
#   KERNEL_SRC=FILE       a local linux-*.tar.{xz,gz} or linux-source-7.3 .deb
#   (nothing)             the pinned .deb from the Debian mirror that the
#                         system's apt configuration names (or MIRROR=URI)
#
# Everything lives in $GMT_CACHE (default ~/.cache/gmemtrace).  The commits
# are made with fixed dates and identity so the base and every patched HEAD
# have the same hash on every machine.
set -eo pipefail
. "$(dirname "$0")/lib.sh"
load_pin

PATCHES=${PATCHES:-$GMT_ROOT/kernel-patches}
DL=$GMT_CACHE/dl
DEB=$DL/${DEB_PACKAGE}_${DEB_VERSION}_all.deb

export GIT_AUTHOR_NAME=gmemtrace GIT_AUTHOR_EMAIL=gmemtrace@localhost
export GIT_COMMITTER_NAME=gmemtrace GIT_COMMITTER_EMAIL=gmemtrace@localhost
export GIT_AUTHOR_DATE="2026-01-01T00:00:00Z"
export GIT_COMMITTER_DATE="$GIT_AUTHOR_DATE"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null

# The first http(s) URI of the system's apt configuration, security
# archives excepted.
apt_mirror()
{
	local f

	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		awk '/^URIs:/ { for (i = 2; i <= NF; i++) print $i }' "$f"
	done
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] || continue
		awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { print $i; break } }' "$f"
	done
}

pick_mirror()
{
	[ -n "${MIRROR:-}" ] && { echo "$MIRROR"; return; }
	apt_mirror | grep -v -- '-security' | grep -E '^https?://' | head -n1
}

verify_deb()
{
	local got

	got=$(sha256sum "$1" | cut -d' ' -f1)
	[ "$got" = "$DEB_SHA256" ] ||
		die "checksum mismatch for $1: got $got, want $DEB_SHA256 (delete the file to download again, or fix kernel/linux.pin)"
}

download_deb()
{
	local mirror url ver

	[ -f "$DEB" ] && { verify_deb "$DEB"; return; }
	mirror=$(pick_mirror)
	[ -n "$mirror" ] ||
		die "no Debian mirror in /etc/apt (set MIRROR=http://... or KERNEL_SRC=path to a 7.3 tree or tarball)"
	command -v curl >/dev/null || die "curl is needed to download the kernel source (apt-get install curl)"
	ver=${DEB_VERSION//+/%2b}
	ver=${ver//\~/%7e}
	url=${mirror%/}/pool/main/l/linux/${DEB_PACKAGE}_${ver}_all.deb
	info "DOWNLOAD $url"
	mkdir -p "$DL"
	curl -fsSL --retry 3 -o "$DEB.part" "$url" ||
		die "download of $url failed (no network to the mirror? set MIRROR=, or KERNEL_SRC=path to a 7.3 tree or tarball)"
	verify_deb "$DEB.part"
	mv "$DEB.part" "$DEB"
}

# Unpack the base into $1 (an empty directory).
unpack_base()
{
	local dst=$1 src=${KERNEL_SRC:-} tarball

	if [ -z "$src" ]; then
		download_deb
		src=$DEB
	fi
	[ -e "$src" ] || die "KERNEL_SRC=$src does not exist"
	if [ -d "$src" ]; then
		[ -f "$src/Makefile" ] && [ -d "$src/virt/kvm" ] ||
			die "KERNEL_SRC=$src is not a Linux source tree"
		info "COPY    $src"
		(cd "$src" && tar --exclude=.git -cf - .) | tar -xf - -C "$dst"
		return
	fi
	case $src in
	*.deb)
		[ -n "${KERNEL_SRC:-}" ] && verify_deb "$src"
		info "UNPACK  $(basename "$src")"
		tarball=$(dpkg-deb --fsys-tarfile "$src" | tar -t | grep -E '/usr/src/linux-source-[0-9.]+\.tar\.(xz|gz|bz2)$' | head -n1)
		[ -n "$tarball" ] || die "$src holds no linux-source tarball"
		dpkg-deb --fsys-tarfile "$src" | tar -xO "$tarball" | tar -xJf - -C "$dst" --strip-components=1 ||
			die "unpacking $src failed"
		;;
	*.tar.*|*.tgz)
		info "UNPACK  $(basename "$src")"
		tar -xf "$src" -C "$dst" --strip-components=1 || die "unpacking $src failed"
		;;
	*)
		die "KERNEL_SRC=$src: want a directory, a .tar.* or a .deb"
		;;
	esac
}

# A stamp naming what the base was made from, so a changed pin rebuilds it.
base_id()
{
	if [ -n "${KERNEL_SRC:-}" ]; then
		echo "local:$(readlink -f "$KERNEL_SRC")"
	else
		echo "deb:$DEB_VERSION:$DEB_SHA256"
	fi
}

make_base()
{
	local id tmp version

	id=$(base_id)
	if [ -f "$GMT_SRC/.git/gmemtrace-base-id" ] &&
	   [ "$(cat "$GMT_SRC/.git/gmemtrace-base-id")" = "$id" ]; then
		return
	fi
	tmp=$GMT_SRC.new
	rm -rf "$tmp"
	mkdir -p "$tmp"
	unpack_base "$tmp"
	version=$(make -s -C "$tmp" kernelversion 2>/dev/null) || version=unknown
	case $version in
	7.3|7.3.*) ;;
	*) die "the base tree is Linux $version, not 7.3" ;;
	esac
	info "GIT     base $version"
	git -C "$tmp" init -q -b gmemtrace
	git -C "$tmp" add -A -f
	git -C "$tmp" commit -q -m "Linux $version" \
		-m "Base: $id"
	git -C "$tmp" tag -f gmemtrace-base >/dev/null
	# An annotated v<version> tag makes the kernel release count the
	# patches of the series: 7.3.4-gmemtrace-00003-g<sha>.
	git -C "$tmp" tag -f -a -m "Linux $version" "v$version" >/dev/null
	echo "$id" >"$tmp/.git/gmemtrace-base-id"
	rm -rf "$GMT_SRC"
	mv "$tmp" "$GMT_SRC"
}

# The patches of the series in order: those of kernel-patches/1-*/, then
# 2-*/ and so on; the cover letters are not patches.
series()
{
	gmt_series "$PATCHES"
}

series_id()
{
	local p

	{
		git -C "$GMT_SRC" rev-parse gmemtrace-base
		series | while read -r p; do
			sha256sum <"$p"
		done
	} | sha256sum | cut -d' ' -f1
}

apply_series()
{
	local id p n=0

	id=$(series_id)
	if [ -f "$GMT_SRC/.git/gmemtrace-series" ] &&
	   [ "$(cat "$GMT_SRC/.git/gmemtrace-series")" = "$id" ] &&
	   [ -z "$(git -C "$GMT_SRC" status --porcelain --untracked-files=no)" ]; then
		return
	fi
	rm -f "$GMT_SRC/.git/gmemtrace-series"
	git -C "$GMT_SRC" am --abort >/dev/null 2>&1 || true
	git -C "$GMT_SRC" checkout -q -B gmemtrace gmemtrace-base
	git -C "$GMT_SRC" reset -q --hard gmemtrace-base
	while read -r p; do
		[ -n "$p" ] || continue
		if ! git -C "$GMT_SRC" am -q --committer-date-is-author-date "$p" >"$GMT_CACHE/git-am.log" 2>&1; then
			sed 's/^/    /' "$GMT_CACHE/git-am.log" >&2
			git -C "$GMT_SRC" am --abort >/dev/null 2>&1 || true
			git -C "$GMT_SRC" reset -q --hard gmemtrace-base
			die "patch ${p#"$PATCHES"/} does not apply to the Linux 7.3 base (after $n patches); rebase it"
		fi
		n=$((n + 1))
	done < <(series)
	echo "$id" >"$GMT_SRC/.git/gmemtrace-series"
	info "SERIES  $n patches, HEAD $(git -C "$GMT_SRC" rev-parse --short=12 HEAD)"
}

command -v git >/dev/null || die "git is needed (apt-get install git)"
mkdir -p "$GMT_CACHE"
make_base
apply_series
