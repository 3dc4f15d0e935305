# SPDX-License-Identifier: GPL-2.0
# Helpers shared by the build and test scripts.  Source, don't execute.

GMT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
GMT_CACHE=${GMT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gmemtrace}
GMT_FLAVOUR=${FLAVOUR:-default}

# Where the patched tree and the build outputs live.
GMT_SRC=${GMT_SRC:-$GMT_CACHE/linux}
GMT_OUT=${GMT_OUT:-$GMT_CACHE/out/$GMT_FLAVOUR}

die()
{
	echo "gmemtrace: $*" >&2
	exit 1
}

info()
{
	[ -n "${QUIET:-}" ] || echo "  $*" >&2
}

# Read kernel/linux.pin into the environment.
load_pin()
{
	# shellcheck disable=SC1091
	. "$GMT_ROOT/kernel/linux.pin"
}

# gmt_kbuild_env: the environment every kernel build here uses, and in
# GMT_KCC the make arguments for ccache (empty without it).  The same
# strings on every machine, so that ccache hits and the build is
# reproducible.
gmt_kbuild_env()
{
	export KBUILD_BUILD_USER=gmemtrace KBUILD_BUILD_HOST=gmemtrace
	export KBUILD_BUILD_TIMESTAMP="2026-01-01 00:00:00 UTC"
	GMT_KCC=()
	if command -v ccache >/dev/null; then
		export CCACHE_DIR=${CCACHE_DIR:-$GMT_CACHE/ccache}
		export CCACHE_BASEDIR=$GMT_CACHE CCACHE_NOHASHDIR=1 CCACHE_COMPILERCHECK=content
		GMT_KCC=(CC="ccache gcc" HOSTCC="ccache gcc")
	fi
}

# gmt_worktree DIR [COMMIT]: a clean checkout of COMMIT (default
# gmemtrace-base, stock 7.3) at DIR, a git worktree of $GMT_SRC.
gmt_worktree()
{
	local commit=${2:-gmemtrace-base}

	if [ ! -e "$1/.git" ]; then
		git -C "$GMT_SRC" worktree prune
		git -C "$GMT_SRC" worktree add -q --force --detach "$1" "$commit" ||
			die "git worktree add $1 failed"
	fi
	git -C "$1" am --abort >/dev/null 2>&1
	git -C "$1" checkout -q --force --detach "$commit" && git -C "$1" clean -qfdx ||
		die "cannot reset $1"
}

# What in a guest console log is a kernel splat: oopses, warnings, lockdep
# and KASAN reports, hung tasks, and run-time complaints such as work
# queued on a deprecated workqueue.  Lockdep's reports are WARNINGs; the
# word "lockdep" alone is in a PROVE_LOCKING kernel's boot banner.
GMT_SPLAT_RE='BUG:|WARNING:|Oops|Kernel panic|KASAN|Call Trace|INFO: |blocked for more than|deprecated workqueue'

# The series is kernel-patches/N-TOPIC/, one git format-patch series per
# topic, applied in the order of N; each starts with its cover letter.
# A directory of plain *.patch files (no topic directories) is one series.

# gmt_topics [DIR]: the topic directories of DIR, in apply order.
gmt_topics()
{
	local d

	for d in "${1:-$GMT_ROOT/kernel-patches}"/[0-9]*-*/; do
		[ -d "$d" ] && echo "${d%/}"
	done
}

# gmt_series_files DIR: the patches of the series in DIR, cover letter
# first when there is one.
gmt_series_files()
{
	local p

	for p in "$1"/*.patch; do
		[ -f "$p" ] && echo "$p"
	done
}

# gmt_series [DIR]: every patch to apply, in order; cover letters are not
# patches.
gmt_series()
{
	local dir=${1:-$GMT_ROOT/kernel-patches} t p
	local -a topics

	mapfile -t topics < <(gmt_topics "$dir")
	[ ${#topics[@]} -gt 0 ] || topics=("$dir")
	for t in "${topics[@]}"; do
		for p in "$t"/*.patch; do
			[ -f "$p" ] && [ "${p##*/}" != 0000-cover-letter.patch ] && echo "$p"
		done
	done
	return 0
}

# checkpatch.pl --strict as upstream runs it, except that our tree is the
# 7.3 release without its history, so checkpatch cannot look up the commit
# a Fixes: tag names (UNKNOWN_COMMIT_ID); the ids are checked against
# upstream by hand.  Debian's python3 first: spdxcheck.py needs
# python3-ply and -git.
gmt_checkpatch()
{
	(cd "$1" && PATH=/usr/bin:$PATH scripts/checkpatch.pl --strict -q --no-summary \
		--ignore UNKNOWN_COMMIT_ID "$2" 2>&1)
}
