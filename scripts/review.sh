#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make review: what a reviewer of kernel-patches/ wants to know, as one
# Markdown table per topic series (build/review/review.md) and the same
# as HTML (build/review/review.html):
#   - for each patch in order, topic after topic (each on the ones before
#     it, the first on stock 7.3): does it apply, does the kernel build with
#     it (W=1, CONFIG_KVM_WERROR=y) in both shapes, KVM built in
#     (KVM=y KVM_AMD=y KVM_INTEL=y, MEMCG=n) and KVM as modules the way
#     distributions ship it (KVM=m KVM_AMD=m KVM_INTEL=m, MEMCG=y), how
#     many W=1 warnings its files get in each, and what checkpatch
#     --strict says;
#   - the full in-guest test suite booted on the final patch;
#   - P1: the event-dense benchmark on stock 7.3, on 7.3 with the
#     tracepoint patches and on the whole series, all built with the same
#     configuration, and their ratios to stock (bench/p1-compare.sh).
# Builds go to $GMT_CACHE (review-src, out/review-y, out/review-m,
# stock-src, out/stock, prefix-src, out/prefix-N), so a second run only
# rebuilds what changed.
set -o pipefail
. "$(dirname "$0")/lib.sh"

OUT=$GMT_ROOT/build/review
RSRC=$GMT_CACHE/review-src
SHAPES=(y m)
JOBS=${JOBS:-$(nproc)}
mkdir -p "$OUT"

[ -d "$GMT_SRC/.git" ] && git -C "$GMT_SRC" rev-parse -q --verify gmemtrace-base >/dev/null ||
	die "no kernel tree with the gmemtrace-base tag in $GMT_SRC (run: make kernel)"
[ -x "$GMT_ROOT/build/gmemtrace" ] || die "tools not built (run: make tools)"

gmt_kbuild_env

# The series' configuration, with KVM's warnings as errors, in both
# shapes: out/review-y with KVM built in and no memory cgroups,
# out/review-m with KVM as modules and memory cgroups (the series' own).
mapfile -t patches < <(gmt_series)
[ ${#patches[@]} -gt 0 ] || die "no patches in kernel-patches/"
info "REVIEW  ${#patches[@]} patches in $(gmt_topics | wc -l) topics, KVM=y and KVM=m"
gmt_worktree "$RSRC"
[ -f "$GMT_OUT/.config" ] || die "no $GMT_OUT/.config (run: make kernel)"
for shape in "${SHAPES[@]}"; do
	rout=$GMT_CACHE/out/review-$shape
	mkdir -p "$rout"
	cp "$GMT_OUT/.config" "$rout/.config"
	if [ "$shape" = y ]; then
		"$RSRC/scripts/config" --file "$rout/.config" -e KVM -e KVM_AMD -e KVM_INTEL -d MEMCG
	else
		"$RSRC/scripts/config" --file "$rout/.config" -m KVM -m KVM_AMD -m KVM_INTEL -e MEMCG
	fi
	"$RSRC/scripts/config" --file "$rout/.config" -e KVM_WERROR
	make -C "$RSRC" O="$rout" -s "${GMT_KCC[@]}" olddefconfig >/dev/null 2>&1
	grep -qx "CONFIG_KVM=$shape" "$rout/.config" && grep -qx "CONFIG_KVM_WERROR=y" "$rout/.config" ||
		die "cannot configure the KVM=$shape build in $rout"
done

rows=()
broken=
for p in "${patches[@]}"; do
	name=$(basename "$p")
	topic=$(basename "$(dirname "$p")")
	[ "$topic" = kernel-patches ] && topic=series
	name=$topic-$name
	# The Subject header, unfolded.
	subject=$(awk '/^Subject: / { s = $0; while ((getline l) > 0 && l ~ /^[ \t]/) s = s l
		print s; exit }' "$p" | sed 's/^Subject: \[PATCH [0-9]*\/[0-9]*\] //; s/[[:space:]]\+/ /g')
	applies=yes build_y=- build_m=- warnings=- cp=-
	if [ -n "$broken" ] || ! git -C "$RSRC" am -q --keep-cr "$p" >"$OUT/$name.am" 2>&1; then
		applies=no
		[ -n "$broken" ] && applies="- (after a failure)"
		broken=1
		git -C "$RSRC" am --abort >/dev/null 2>&1
	else
		# W=1 warnings in the files the patch touches, per shape.
		files=$(git -C "$RSRC" diff --name-only HEAD~1 HEAD | grep -E '\.[ch]$' | tr '\n' '|')
		warnings=
		for shape in "${SHAPES[@]}"; do
			info "BUILD   $name (KVM=$shape, W=1, KVM_WERROR)"
			log=$OUT/$name.build-$shape
			targets=(bzImage)
			[ "$shape" = m ] && targets+=(modules)
			if make -C "$RSRC" O="$GMT_CACHE/out/review-$shape" -j"$JOBS" -s "${GMT_KCC[@]}" \
				W=1 "${targets[@]}" >"$log" 2>&1; then
				printf -v "build_$shape" yes
			else
				printf -v "build_$shape" no
			fi
			n=0
			[ -n "$files" ] && n=$(grep -E 'warning:' "$log" | grep -cE "(${files%|})")
			warnings+="${warnings:+ / }$n"
		done
		out=$(gmt_checkpatch "$RSRC" "$p")
		if [ -z "$out" ]; then
			cp=clean
		else
			cp="$(grep -cE '^(ERROR|WARNING|CHECK):' <<<"$out") findings"
		fi
	fi
	num=${name#"$topic"-}
	rows+=("$topic|${num%%-*}|$subject|$applies|$build_y|$build_m|$warnings|$cp")
done

# The full in-guest suite on the final patch (the regular build), and
# P1: stock 7.3 with the same configuration, against the series; not
# with REVIEW_BUILDS_ONLY=1.
tests="" failed=""
rm -f "$OUT/p1.json"
if [ -z "${REVIEW_BUILDS_ONLY:-}" ]; then
	info "TEST    in-guest suite on $(cat "$GMT_OUT/include/config/kernel.release")"
	"$GMT_ROOT/scripts/vm-run.sh" "$GMT_ROOT/tests/guest/run.sh" >"$OUT/tests.log" 2>&1
	tests="$(grep -c '^PASS' "$OUT/tests.log") passed, $(grep -c '^FAIL' "$OUT/tests.log") failed, $(grep -c '^SKIP' "$OUT/tests.log") skipped"
	failed=$(grep '^FAIL' "$OUT/tests.log" | cut -d: -f1 | sed 's/^FAIL //' | tr '\n' ' ')
	P1_JSON=$OUT/p1.json "$GMT_ROOT/bench/p1-compare.sh" >"$OUT/p1.txt" || die "P1 benchmark failed"
fi

python3 - "$OUT" "$tests" "$failed" "${rows[@]}" <<'PY'
import html, json, os, sys
out, tests, failed = sys.argv[1:4]
rows = [r.split("|") for r in sys.argv[4:]]
head = ["#", "patch", "applies", "builds KVM=y (W=1, KVM_WERROR)",
        "builds KVM=m MEMCG=y (W=1, KVM_WERROR)", "W=1 warnings in its files (y / m)",
        "checkpatch --strict"]
topics = []
for r in rows:
    if r[0] not in topics:
        topics.append(r[0])
tables = {}
md = []
for i, topic in enumerate(topics):
    trows = [r[1:] for r in rows if r[0] == topic]
    tables[topic] = trows
    md += ["" if md else None, "### %s: %d patches, on %s" %
           (topic, len(trows), "stock 7.3" if i == 0 else ", ".join(topics[:i])), "",
           "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    md += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in trows]
md = [l for l in md if l is not None]
summary = []
if tests:
    summary += ["", "In-guest test suite on the final patch: %s%s." %
                (tests, " (failed: %s)" % failed.strip() if failed.strip() else "")]
if os.path.exists(out + "/p1.json"):
    p1 = json.load(open(out + "/p1.json"))
    stock, tp, series = p1["stock"], p1["tracepoints"], p1["series"]
    summary += [
        "",
        "P1, bench/dense.scn without tracers, median of %d runs in %d boots of each: "
        "stock 7.3 %.3f s (spread ±%.1f%%); with the tracepoint patches 1-%d %.3f s (±%.1f%%), "
        "ratio %.3f (goal <= 1.01); with the whole series %.3f s (±%.1f%%), ratio %.3f." %
        (len(series["runs_ns"]), p1["boots"], stock["median_ns"] / 1e9, stock["spread_pct"],
         tp["patches"], tp["median_ns"] / 1e9, tp["spread_pct"], tp["ratio"],
         series["median_ns"] / 1e9, series["spread_pct"], series["ratio"]),
    ]
open(out + "/review.md", "w").write("\n".join(md + summary) + "\n")
with open(out + "/review.html", "w") as f:
    f.write("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Series review</title>"
            "<style>body{font:14px sans-serif;margin:2em}td,th{padding:3px 8px;"
            "border-bottom:1px solid #ddd;text-align:left}</style></head><body>"
            "<h1>Series review</h1>")
    for topic, trows in tables.items():
        f.write("<h2>%s</h2><table><tr>" % html.escape(topic))
        f.write("".join("<th>%s</th>" % html.escape(h) for h in head) + "</tr>")
        for r in trows:
            f.write("<tr>" + "".join("<td>%s</td>" % html.escape(c) for c in r) + "</tr>")
        f.write("</table>")
    f.write("".join("<p>%s</p>" % html.escape(s) for s in summary if s) +
            "</body></html>\n")
print("\n".join(md + summary))
PY
info "REVIEW  $OUT/review.md, $OUT/review.html"
