# SPDX-License-Identifier: GPL-2.0
# Helpers for the in-guest test cases.  Source, don't execute.

# stderr_clean FILE: gmemtrace's stderr in FILE is empty, or is only the
# notice naming events that this kernel does not have (a kernel with only
# some of the topic series, e.g. the tracepoints alone), and each of
# those events is indeed missing from tracefs.  Prints what is wrong.
stderr_clean()
{
	local line ev prefix='gmemtrace: not available with tracepoints on this kernel: '

	[ -s "$1" ] || return 0
	line=$(cat "$1")
	if [[ $line == *$'\n'* || $line != "$prefix"* ]]; then
		echo "unexpected stderr:"
		cat "$1"
		return 1
	fi
	for ev in $(tr ',' ' ' <<<"${line#"$prefix"}"); do
		if [ -d "/sys/kernel/tracing/events/kvm_gmem/kvm_gmem_$ev" ]; then
			echo "gmemtrace says kvm_gmem_$ev is missing, but tracefs has it: $line"
			return 1
		fi
	done
}
