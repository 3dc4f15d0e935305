#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make soak [SOAK_MIN=N] [FLAVOUR=debug]: boot the patched kernel and run
# tests/guest/soak.sh in it for N minutes (default 30): the randomized,
# model-checked guest_memfd stress test in rounds of new seeds, single
# threaded and racing, while policies are attached and detached in a loop
# and memory failures are injected into huge and small folios.  Then
# report the operations, their rate, model mismatches and kernel splats
# in the guest console, and write build/soak/soak-FLAVOUR.json.
# Exit status 0 only with operations done, no mismatch and no splat.
set -o pipefail
. "$(dirname "$0")/lib.sh"

SOAK_MIN=${SOAK_MIN:-30}
[[ $SOAK_MIN =~ ^[0-9]+$ ]] && [ "$SOAK_MIN" -gt 0 ] ||
	die "SOAK_MIN=$SOAK_MIN: want a number of minutes"
OUT=$GMT_ROOT/build/soak
mkdir -p "$OUT"
log=$OUT/soak-$GMT_FLAVOUR.log
console=$OUT/console-$GMT_FLAVOUR.log
rm -f "$log" "$console"

[ -x "$GMT_OUT/kselftest/kvm/x86/guest_memfd_stress_test" ] ||
	die "no $GMT_OUT/kselftest/kvm/x86/guest_memfd_stress_test (run: make tools FLAVOUR=$GMT_FLAVOUR)"

info "SOAK    $SOAK_MIN min on $(cat "$GMT_OUT/include/config/kernel.release"), log $log"
VM_TIMEOUT=$((SOAK_MIN * 60 + 900)) VM_CONSOLE=$console \
	"$GMT_ROOT/scripts/vm-run.sh" "$GMT_ROOT/tests/guest/soak.sh" "$SOAK_MIN" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}

splats=$(grep -cE "$GMT_SPLAT_RE" "$console" 2>/dev/null)
summary=$(grep '^soak: ' "$log" | tail -n1)
[ -n "$summary" ] || summary="soak: no summary (vm-run exit $rc)"
python3 - "$OUT/soak-$GMT_FLAVOUR.json" "$GMT_FLAVOUR" "$SOAK_MIN" "${splats:-0}" "$rc" \
	"$(cat "$GMT_OUT/include/config/kernel.release")" "$summary" <<'PY'
import json, sys
path, flavour, minutes, splats, rc, release, summary = sys.argv[1:]
fields = dict(kv.split("=", 1) for kv in summary.split()[1:] if "=" in kv)
doc = {"format": "gmemtrace-soak", "version": 1, "flavour": flavour,
       "kernel": release, "minutes": int(minutes), "splats": int(splats),
       "exit": int(rc)}
for k, v in fields.items():
    try:
        doc[k] = int(v)
    except ValueError:
        try:
            doc[k] = float(v)
        except ValueError:
            doc[k] = v
json.dump(doc, open(path, "w"), indent=1)
PY
echo "$summary splats=${splats:-0} flavour=$GMT_FLAVOUR"
if [ "${splats:-0}" != 0 ]; then
	grep -m1 -B2 -A30 -E "$GMT_SPLAT_RE" "$console" | sed 's/^/    | /'
fi
[ "$rc" = 0 ] && [ "${splats:-0}" = 0 ]
