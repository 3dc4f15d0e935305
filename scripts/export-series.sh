#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Write the commits gmemtrace-base..HEAD of the kernel tree in $GMT_CACHE
# (or GMT_SRC=DIR) to kernel-patches/ as a git format-patch series with a
# cover letter.  The cover letter's subject and text come from
# kernel/cover-letter.txt (first line: subject; then the body).
set -eo pipefail
. "$(dirname "$0")/lib.sh"

COVER=$GMT_ROOT/kernel/cover-letter.txt
DST=$GMT_ROOT/kernel-patches
[ -e "$GMT_SRC/.git" ] || die "no kernel tree in $GMT_SRC"
n=$(git -C "$GMT_SRC" rev-list --count gmemtrace-base..HEAD)
[ "$n" -gt 0 ] || die "no commits on top of gmemtrace-base in $GMT_SRC"
[ -f "$COVER" ] || die "no $COVER"

rm -f "$DST"/*.patch
mkdir -p "$DST"
git -C "$GMT_SRC" -c core.abbrev=12 format-patch -q --cover-letter --base=gmemtrace-base \
	--subject-prefix=PATCH --zero-commit -o "$DST" gmemtrace-base..HEAD

cl=$DST/0000-cover-letter.patch
subject=$(head -n1 "$COVER")
python3 - "$cl" "$COVER" "$subject" <<'PY'
import sys
path, cover, subject = sys.argv[1:]
body = open(cover).read().split('\n', 1)[1].strip('\n')
text = open(path).read()
text = text.replace('*** SUBJECT HERE ***', subject)
text = text.replace('*** BLURB HERE ***', body)
open(path, 'w').write(text)
PY
info "EXPORT  $n patches + cover letter to kernel-patches/"
