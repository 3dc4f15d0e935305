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
