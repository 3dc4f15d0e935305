#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Write the commits gmemtrace-base..HEAD of the kernel tree in $GMT_CACHE
# (or GMT_SRC=DIR) to kernel-patches/ as topic series, one git
# format-patch series with a cover letter per topic.
#
# The topics are the files kernel/cover-letters/N-TOPIC.txt (first line:
# the cover letter's subject; then its body).  The kernel tree marks where
# each topic ends with a tag topic/N-TOPIC; the last one must be HEAD.
# Topic N is written to kernel-patches/N-TOPIC/ as the commits between
# the tags of topics N-1 and N, with base-commit: gmemtrace-base and the
# earlier topics' patches as prerequisite-patch-id: lines.
set -eo pipefail
. "$(dirname "$0")/lib.sh"

COVERS=$GMT_ROOT/kernel/cover-letters
DST=$GMT_ROOT/kernel-patches
[ -e "$GMT_SRC/.git" ] || die "no kernel tree in $GMT_SRC"
n=$(git -C "$GMT_SRC" rev-list --count gmemtrace-base..HEAD)
[ "$n" -gt 0 ] || die "no commits on top of gmemtrace-base in $GMT_SRC"
mapfile -t covers < <(ls "$COVERS"/[0-9]*-*.txt 2>/dev/null)
[ ${#covers[@]} -gt 0 ] || die "no cover letters in $COVERS"

# Check the topic tags before writing anything.
prev=gmemtrace-base
for cover in "${covers[@]}"; do
	topic=$(basename "$cover" .txt)
	tip=$(git -C "$GMT_SRC" rev-parse -q --verify "topic/$topic^{commit}") ||
		die "no tag topic/$topic in $GMT_SRC (tag the last commit of the topic)"
	git -C "$GMT_SRC" merge-base --is-ancestor "$prev" "$tip" && [ "$(git -C "$GMT_SRC" rev-parse "$prev^{commit}")" != "$tip" ] ||
		die "topic/$topic does not come after $prev on HEAD's branch"
	prev=topic/$topic
done
[ "$(git -C "$GMT_SRC" rev-parse "$prev^{commit}")" = "$(git -C "$GMT_SRC" rev-parse HEAD)" ] ||
	die "$prev is not HEAD: the last topic must end at HEAD"

rm -rf "${DST:?}"/*
prev=gmemtrace-base
for cover in "${covers[@]}"; do
	topic=$(basename "$cover" .txt)
	mkdir -p "$DST/$topic"
	git -C "$GMT_SRC" -c core.abbrev=12 format-patch -q --cover-letter --base=gmemtrace-base \
		--subject-prefix=PATCH --zero-commit -o "$DST/$topic" "$prev..topic/$topic"
	python3 - "$DST/$topic/0000-cover-letter.patch" "$cover" <<'PY'
import sys
path, cover = sys.argv[1:]
subject, body = open(cover).read().split('\n', 1)
text = open(path).read()
text = text.replace('*** SUBJECT HERE ***', subject)
text = text.replace('*** BLURB HERE ***', body.strip('\n'))
open(path, 'w').write(text)
PY
	info "EXPORT  $topic: $(git -C "$GMT_SRC" rev-list --count "$prev..topic/$topic") patches + cover letter"
	prev=topic/$topic
done

# The prerequisite-patch-id lines, from the patches as sent: what
# "git patch-id --stable" gives for each patch of the earlier topics (git
# 2.39's format-patch --base computes some differently).
prior=()
for cover in "${covers[@]}"; do
	topic=$(basename "$cover" .txt)
	ids=$(for p in "${prior[@]}"; do git patch-id --stable <"$p" | cut -d' ' -f1; done)
	python3 - "$DST/$topic/0000-cover-letter.patch" "$ids" <<'PY'
import sys
path, ids = sys.argv[1], sys.argv[2].split()
lines = [l for l in open(path).read().split('\n') if not l.startswith('prerequisite-patch-id: ')]
i = next(n for n, l in enumerate(lines) if l.startswith('base-commit: '))
lines[i + 1:i + 1] = ['prerequisite-patch-id: ' + x for x in ids]
open(path, 'w').write('\n'.join(lines))
PY
	mapfile -t -O ${#prior[@]} prior < <(ls "$DST/$topic"/0*.patch | grep -v '/0000-')
done
