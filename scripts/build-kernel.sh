#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Configure and build the patched kernel prepared by fetch-kernel.sh:
# tinyconfig + kernel/config/gmemtrace.config (+ debug.config when
# FLAVOUR=debug), bzImage, the modules and the UAPI headers, into
# $GMT_CACHE/out/FLAVOUR.  The modules are installed under
# $GMT_CACHE/out/FLAVOUR/modroot/lib/modules/RELEASE, from where
# scripts/vm-init loads kvm-amd with modprobe -d.
# Uses ccache when it is installed (CCACHE_DIR defaults to $GMT_CACHE/ccache).
set -eo pipefail
. "$(dirname "$0")/lib.sh"

JOBS=${JOBS:-$(nproc)}
FRAGMENTS=("$GMT_ROOT/kernel/config/gmemtrace.config")
case $GMT_FLAVOUR in
default) ;;
debug) FRAGMENTS+=("$GMT_ROOT/kernel/config/debug.config") ;;
*) die "FLAVOUR=$GMT_FLAVOUR: want default or debug" ;;
esac

# The options of series.config this tree defines, as a fragment.
series_fragment()
{
	local line sym

	while IFS= read -r line; do
		case $line in CONFIG_*=*) ;; *) continue ;; esac
		sym=${line%%=*}
		if grep -rqx --include='Kconfig*' "config ${sym#CONFIG_}" \
			"$GMT_SRC/virt" "$GMT_SRC/arch/x86"; then
			echo "$line"
		fi
	done <"$GMT_ROOT/kernel/config/series.config"
}

[ -e "$GMT_SRC/.git" ] || die "no kernel tree in $GMT_SRC (run scripts/fetch-kernel.sh first)"
mkdir -p "$GMT_OUT"
series_fragment >"$GMT_OUT/.gmemtrace-series.config"
FRAGMENTS+=("$GMT_OUT/.gmemtrace-series.config")

gmt_kbuild_env
MAKEFLAGS_K=(-C "$GMT_SRC" O="$GMT_OUT" -j"$JOBS" "${GMT_KCC[@]}")
[ -n "${V:-}" ] || MAKEFLAGS_K+=(-s)

config_id()
{
	cat "${FRAGMENTS[@]}" | sha256sum | cut -d' ' -f1
}

# Every CONFIG_X=y/m/"str"/num of the fragments must be in the result; a
# later fragment overrides an earlier one.
check_config()
{
	local line opt missing=0

	while IFS= read -r line; do
		opt=${line%%=*}
		if ! grep -qxF "$line" "$GMT_OUT/.config"; then
			echo "    $line requested, got: $(grep -E "^(# )?$opt[= ]" "$GMT_OUT/.config" || echo unset)" >&2
			missing=1
		fi
	done < <(cat "${FRAGMENTS[@]}" | awk -F= '/^CONFIG_[A-Za-z0-9_]+=/ { v[$1] = $0; if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } }
		END { for (i = 1; i <= n; i++) print v[order[i]] }')
	[ $missing = 0 ] || die "kernel config lost options above (a dependency is missing; fix kernel/config/)"
}

configure()
{
	local id

	id=$(config_id)
	if [ -f "$GMT_OUT/.config" ] && [ -f "$GMT_OUT/.gmemtrace-config" ] &&
	   [ "$(cat "$GMT_OUT/.gmemtrace-config")" = "$id" ]; then
		return
	fi
	info "CONFIG  $GMT_FLAVOUR"
	make "${MAKEFLAGS_K[@]}" tinyconfig >/dev/null
	"$GMT_SRC/scripts/kconfig/merge_config.sh" -m -Q -O "$GMT_OUT" \
		"$GMT_OUT/.config" "${FRAGMENTS[@]}" >/dev/null
	make "${MAKEFLAGS_K[@]}" olddefconfig >/dev/null
	check_config
	echo "$id" >"$GMT_OUT/.gmemtrace-config"
}

configure
info "BUILD   bzImage modules ($GMT_FLAVOUR, -j$JOBS) in $GMT_OUT"
make "${MAKEFLAGS_K[@]}" bzImage modules >"$GMT_OUT/build.log" 2>&1 || {
	grep -E 'error|Error' "$GMT_OUT/build.log" | head -n 20 >&2
	die "kernel build failed (full log: $GMT_OUT/build.log)"
}
rm -rf "$GMT_OUT/modroot"
make "${MAKEFLAGS_K[@]}" INSTALL_MOD_PATH="$GMT_OUT/modroot" DEPMOD=/sbin/depmod \
	modules_install >>"$GMT_OUT/build.log" 2>&1 ||
	die "modules_install failed (full log: $GMT_OUT/build.log)"
make "${MAKEFLAGS_K[@]}" headers_install >>"$GMT_OUT/build.log" 2>&1 ||
	die "headers_install failed (full log: $GMT_OUT/build.log)"
info "KERNEL  $(cat "$GMT_OUT/include/config/kernel.release") $GMT_OUT/arch/x86/boot/bzImage"
