#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# gmemtrace report on two recorded runs (tests/host/fixtures: events.scn
# recorded 3 times on the default kernel and on the debug one, with KASAN
# and lockdep): medians and verdicts, means, standard deviations and
# Welch's test as an independent computation says, the environments with
# what differs flagged, one clear line for truncated, foreign or newer
# files, and an HTML page that headless Chromium renders with its
# headings and both series, each bar labelled with its value and no text
# of a chart overlapping another or cut off.  Then the trend of four
# records, one derived from a fixture with a known step: every value and
# step as the same computation says, the steps where they are known to be
# and nowhere else, and what changes in the environment where.
. "$(dirname "$0")/../lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
GT=${GT:-$ROOT/build/gmemtrace}
FX=$ROOT/tests/host/fixtures
BASE=$FX/record-default.json
CAND=$FX/record-debug.json
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT

# The verdicts, medians and deltas, means, standard deviations, changes
# and p-values of the JSON report against a computation of our own from
# the fixtures.
"$GT" report -j "$BASE" "$CAND" >"$W/rep.json" 2>"$W/err"
if python3 "$ROOT/tests/host/tool_report.py" "$BASE" "$CAND" "$W/rep.json" >"$W/check" 2>&1; then
	pass "report-medians-and-verdicts"
else
	fail "report-medians-and-verdicts" "$(head -c 400 "$W/check") $(cat "$W/err")"
fi

# The text table: one row per event and metric, and the summary line.
"$GT" report "$BASE" "$CAND" >"$W/rep.txt" 2>&1
if grep -qE '^get_pfn +count/run +16 +16 +\+0\.0% +0\.0%  ~$' "$W/rep.txt" &&
	grep -qE '^invalidate_end +mean .* REGRESSION$' "$W/rep.txt" &&
	grep -qE '^[0-9]+ regressions? or changes? beyond noise$' "$W/rep.txt"; then
	pass "report-text"
else
	fail "report-text" "$(head -c 600 "$W/rep.txt")"
fi
# The means (tool_report.py derives allocate's by hand), aligned columns,
# the test and its level, and how many differences chance alone would give.
missing=
while IFS= read -r want; do
	grep -qxF -- "$want" "$W/rep.txt" || missing+=" [$want]"
done <<'EOF'
Means over the runs +- sample standard deviation; P of Welch's two-sided t-test
of the means: significant when P < 0.05, a 5% false-positive rate per metric.
EVENT              METRIC            BASE MEAN +- SD        CAND MEAN +- SD    CHANGE        P  SIGNIFICANCE
create             count/run              2.0 +- 0.0             2.0 +- 0.0     +0.0%   1.0000  not significant
allocate           mean            1.042 +- 0.331 ms     10.252 +- 0.637 ms   +884.0%   0.0002  significant
get_pfn            mean          54.743 +- 35.812 us   167.454 +- 96.172 us   +205.9%   0.1695  not significant
get_pfn            p50            32.767 +- 0.000 us    131.071 +- 0.000 us   +300.0%  <0.0001  significant
13 of 45 metrics differ significantly (P < 0.05); if nothing had changed,
about 2.2 would by chance
EOF
[ -z "$missing" ] && pass "report-text-means" || fail "report-text-means" "missing:$missing"
# One run has no variance: no test, and the report says so.
python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
r["runs"] = r["runs"][:1]
json.dump(r, open(sys.argv[2], "w"))' "$BASE" "$W/one-run.json"
"$GT" report "$W/one-run.json" "$CAND" >"$W/one.txt" 2>&1
"$GT" report -j "$W/one-run.json" "$CAND" >"$W/one.json" 2>&1
got=$(python3 -c 'import json, sys
print(sorted({(x["significance"], x["t"], x["df"], x["p"]) for x in json.load(open(sys.argv[1]))["rows"]}))' \
	"$W/one.json")
if grep -qxE 'allocate +mean +1\.072 \+- 0\.000 ms +10\.252 \+- 0\.637 ms +\+856\.3% +-  too few runs' "$W/one.txt" &&
	grep -qx '45 not tested: too few runs (a record of one run has no variance)' "$W/one.txt" &&
	! grep -q 'differ significantly' "$W/one.txt" &&
	[ "$got" = "[('too few runs', None, None, None)]" ]; then
	pass "report-too-few-runs"
else
	fail "report-too-few-runs" "$got $(tail -n 3 "$W/one.txt")"
fi

# The environment, for both records, what differs flagged.  The fixtures
# predate it: "not recorded" on both sides, not flagged; their releases
# differ.  Copies with an environment, on kernels whose configurations
# differ, and run with different options.
python3 - "$BASE" "$CAND" "$W" <<'EOF'
import json, sys
env = {"kernel_config_file": "/proc/config.gz", "kernel_cmdline": "console=ttyS0 quiet",
       "cpu_model": "AMD EPYC 7763 64-Core Processor", "cpus": 2,
       "host_kind": "emulated (QEMU TCG; QEMU Standard PC (i440FX + PIIX, 1996))",
       "gmemtrace": "0.14.0 (commit f1a9f3f5c5f0)"}
for src, dst, config, options in (
        (sys.argv[1], "env-base.json", "cd69f98a06748cbd55a2046a0436aaff9f52c5943c458029e8590e3618f2598e", "-r 3"),
        (sys.argv[2], "env-cand.json", "ddd1e79797212123d57ce39d631e8199e8db272421b5f3f02f5ebde76dcf2680", "-r 3 --fentry")):
    r = json.load(open(src))
    r["environment"] = dict(env, kernel_release=r["kernel"]["release"],
                            kernel_config_sha256=config, options=options)
    json.dump(r, open(sys.argv[3] + "/" + dst, "w"), indent=4)
EOF
"$GT" report "$W/env-base.json" "$W/env-cand.json" >"$W/env.txt" 2>&1
missing=
while IFS= read -r want; do
	grep -qxF -- "$want" "$W/env.txt" || missing+=" [$want]"
done <<'EOF'
environment:
  host                      (none)
  kernel release   DIFFERS  base: 7.3.4-gmemtrace-00019-ge3ff624a4de9
                            cand: 7.3.4-gmemtrace-debug-00019-ge3ff624a4de9
  kernel config    DIFFERS  base: cd69f98a06748cbd55a2046a0436aaff9f52c5943c458029e8590e3618f2598e
                            cand: ddd1e79797212123d57ce39d631e8199e8db272421b5f3f02f5ebde76dcf2680
  kernel cmdline            console=ttyS0 quiet
  cpu model                 AMD EPYC 7763 64-Core Processor
  cpus                      2
  host kind                 emulated (QEMU TCG; QEMU Standard PC (i440FX + PIIX, 1996))
  gmemtrace                 0.14.0 (commit f1a9f3f5c5f0)
  options          DIFFERS  base: -r 3
                            cand: -r 3 --fentry
  source                    tracepoint
  scenario                  events
EOF
[ -z "$missing" ] && [ "$(grep -c DIFFERS "$W/env.txt")" = 3 ] && pass "report-environment" ||
	fail "report-environment" "missing:$missing; $(grep -c DIFFERS "$W/env.txt") DIFFERS"
env_json()
{
	"$GT" report -j "$1" "$2" | python3 -c 'import json, sys
r = json.load(sys.stdin)
print(r["environment_differs"], r["base"]["environment"]["cpu_model"], r["cand"]["environment"]["cpus"])'
}
expect report-environment-json "$(env_json "$W/env-base.json" "$W/env-cand.json")" \
	"['kernel_release', 'kernel_config_sha256', 'options'] AMD EPYC 7763 64-Core Processor 2"
expect report-environment-not-recorded \
	"$(grep -cxE '  (kernel config|kernel cmdline|cpu model|cpus|host kind|gmemtrace|options) +not recorded' "$W/rep.txt") $(env_json "$BASE" "$CAND")" \
	"7 ['kernel_release'] None None"

# The trend of four records in commit order: 1 and 2 the default
# fixture, no step between them; 3 it with get_pfn four times slower (its
# latencies, percentiles and buckets times 4): a step at 3 in get_pfn's
# mean and p50, not in its p99 (noise); 4 the debug fixture: at 4 the
# steps that 'report record-default.json record-debug.json' flags, but
# none in get_pfn (3 and 4 have the same p50, and the mean falls within
# the noise).
T=$W/trend
mkdir "$T"
cp "$BASE" "$T/1-default.json"
cp "$BASE" "$T/2-same.json"
python3 - "$BASE" "$T/3-get_pfn-x4.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
for run in r["runs"]:
    e = run["events"]["get_pfn"]
    e["sum_ns"] *= 4
    e["max_ns"] *= 4
    for k in ("p50_ns", "p90_ns", "p99_ns"):
        e[k] = (e[k] + 1) * 4 - 1
    for b in e["hist_ns"]:
        b["lo"], b["hi"] = b["lo"] * 4, (b["hi"] + 1) * 4 - 1
json.dump(r, open(sys.argv[2], "w"), indent=4)
EOF
cp "$CAND" "$T/4-debug.json"
TREND=("$T/1-default.json" "$T/2-same.json" "$T/3-get_pfn-x4.json" "$T/4-debug.json")
# Every value and step against tool_report.py's computation, for these
# four and for three of them.
bad=
for set in "0 1 2 3" "0 2 3"; do
	recs=()
	for i in $set; do recs+=("${TREND[$i]}"); done
	"$GT" report -j "${recs[@]}" >"$W/trend.json" 2>"$W/err" &&
		python3 "$ROOT/tests/host/tool_report.py" --trend "${recs[@]}" "$W/trend.json" >"$W/check" 2>&1 ||
		bad+=" [$set: $(head -c 300 "$W/check") $(cat "$W/err")]"
done
[ -z "$bad" ] && pass "report-trend-values-and-steps" || fail "report-trend-values-and-steps" "$bad"
# The steps, as known: none at 2, get_pfn's two at 3, and at 4 those the
# comparison of the two fixtures flags (but get_pfn's).
"$GT" report -j "${TREND[@]}" >"$W/trend.json" 2>"$W/err"
got=$(python3 - "$W/trend.json" "$W/rep.json" <<'EOF'
import json, sys
tr = json.load(open(sys.argv[1]))["trend"]
pair = json.load(open(sys.argv[2]))["rows"]
steps = [(m["event"], m["metric"], s["at"]) for m in tr["metrics"] for s in m["steps"]]
get_pfn = [(m["metric"], s["at"], s["label"], "%.6g" % s["change"], s["verdict"], "%.4g" % s["p"],
            s["significance"]) for m in tr["metrics"] if m["event"] == "get_pfn" for s in m["steps"]]
flagged = sorted((r["event"], r["metric"]) for r in pair if r["event"] != "get_pfn" and
                 (r["verdict"] != "~" or r["significance"] == "significant"))
at4 = sorted((e, m) for e, m, a in steps if a == 3)
print(len(steps), [a for e, m, a in steps if a == 1], get_pfn, len(at4), at4 == flagged)
EOF
)
expect report-trend-steps "$got" \
	"16 [] [('mean', 2, '3-get_pfn-x4.json', '3', 'REGRESSION', '0.1796', 'not significant'), ('p50', 2, '3-get_pfn-x4.json', '3.00009', 'REGRESSION', '0', 'significant')] 14 True"
"$GT" report "${TREND[@]}" >"$W/trend.txt" 2>&1
missing=
while IFS= read -r want; do
	grep -qxF -- "$want" "$W/trend.txt" || missing+=" [$want]"
done <<'EOF'
records, oldest first:
   1  1-default.json     7.3.4-gmemtrace-00019-ge3ff624a4de9, 3 runs (events)
   3  3-get_pfn-x4.json  7.3.4-gmemtrace-00019-ge3ff624a4de9, 3 runs (events)
   4  4-debug.json       7.3.4-gmemtrace-debug-00019-ge3ff624a4de9, 3 runs (events)
  kernel release   CHANGES  1 1-default.json: 7.3.4-gmemtrace-00019-ge3ff624a4de9
                            4 4-debug.json: 7.3.4-gmemtrace-debug-00019-ge3ff624a4de9
  cpu model                 not recorded
EVENT              METRIC               1            2            3            4   STEPS
get_pfn            count/run           16           16           16           16
get_pfn            mean         37.499 us    37.499 us   149.996 us*  115.329 us   at 3 3-get_pfn-x4.json: +300.0% REGRESSION p=0.1796
get_pfn            p50          32.767 us    32.767 us   131.071 us*  131.071 us   at 3 3-get_pfn-x4.json: +300.0% REGRESSION p<0.0001
get_pfn            p99         117.750 us   117.750 us   471.003 us   236.713 us
allocate           mean          1.072 ms     1.072 ms     1.072 ms    10.386 ms*  at 4 4-debug.json: +868.9% REGRESSION p=0.0002
EVENT              METRIC                         1                      2                      3                      4
get_pfn            mean         54.743 +- 35.812 us    54.743 +- 35.812 us  218.971 +- 143.248 us*  167.454 +- 96.172 us
16 steps in 16 of 45 metrics: 16 beyond noise, 13 significant (P < 0.05)
of 135 changes tested, about 6.8 would differ significantly by chance
EOF
# 16 steps, in both tables, and the two lines that say what * means.
[ -z "$missing" ] && [ "$(grep -c '\*' "$W/trend.txt")" = 34 ] && pass "report-trend-text" ||
	fail "report-trend-text" "missing:$missing; $(grep -c '\*' "$W/trend.txt") lines with a step"
# What changes in the environment, and at which record: the fixtures
# have no environment, the copies of the environment test do.
ENV4=("$BASE" "$W/env-base.json" "$W/env-cand.json" "$CAND")
"$GT" report "${ENV4[@]}" >"$W/trend-env.txt" 2>&1
missing=
while IFS= read -r want; do
	grep -qxF -- "$want" "$W/trend-env.txt" || missing+=" [$want]"
done <<'EOF'
  host                      (none)
  kernel release   CHANGES  1 record-default.json: 7.3.4-gmemtrace-00019-ge3ff624a4de9
                            3 env-cand.json: 7.3.4-gmemtrace-debug-00019-ge3ff624a4de9
  options          CHANGES  1 record-default.json: not recorded
                            2 env-base.json: -r 3
                            3 env-cand.json: -r 3 --fentry
                            4 record-debug.json: not recorded
  source                    tracepoint
EOF
[ -z "$missing" ] && [ "$(grep -c CHANGES "$W/trend-env.txt")" = 8 ] && pass "report-trend-environment" ||
	fail "report-trend-environment" "missing:$missing; $(grep -c CHANGES "$W/trend-env.txt") CHANGES"
got=$("$GT" report -j "${ENV4[@]}" | python3 -c 'import json, sys
ch = json.load(sys.stdin)["trend"]["environment_changes"]
print(" ".join("%s:%d" % (c["field"], c["at"]) for c in ch))
print([(c["label"], c["from"], c["to"]) for c in ch if c["field"] == "options"])')
expect report-trend-environment-json "$got" "kernel_release:2 kernel_config_sha256:1 kernel_config_sha256:2 \
kernel_config_sha256:3 kernel_cmdline:1 kernel_cmdline:3 cpu_model:1 cpu_model:3 cpus:1 cpus:3 \
host_kind:1 host_kind:3 gmemtrace:1 gmemtrace:3 options:1 options:2 options:3
[('env-base.json', None, '-r 3'), ('env-cand.json', '-r 3', '-r 3 --fentry'), ('record-debug.json', '-r 3 --fentry', None)]"
# Records of the same name are told apart by their paths.
mkdir "$W/a" "$W/b" "$W/c"
cp "$BASE" "$W/a/r.json"
cp "$BASE" "$W/b/r.json"
cp "$CAND" "$W/c/r.json"
got=$("$GT" report -j "$W/a/r.json" "$W/b/r.json" "$W/c/r.json" | python3 -c 'import json, sys
print(" ".join(r["label"] for r in json.load(sys.stdin)["trend"]["records"]))')
expect report-trend-labels "$got" "$W/a/r.json $W/b/r.json $W/c/r.json"

head -c 700 "$BASE" >"$W/truncated.json"
expect_error report-trend-bad-record 1 "truncated.json: not a gmemtrace record \(bad JSON" \
	"$GT" report "$BASE" "$CAND" "$W/truncated.json"
expect_error report-truncated 1 "truncated.json: not a gmemtrace record \(bad JSON: line [0-9]+, column [0-9]+: unexpected end of input \(truncated\?\)" \
	"$GT" report "$W/truncated.json" "$CAND"
expect_error report-foreign 1 "/bin/true: not a gmemtrace record \(bad JSON" "$GT" report "$BASE" /bin/true
printf '{"format": "gmemtrace-record"\n "version": 1}' >"$W/comma.json"
expect_error report-bad-json-position 1 "^gmemtrace: .*comma.json: not a gmemtrace record \(bad JSON: line 2, column 10: '}' expected near '\"version\"'\)$" \
	"$GT" report "$W/comma.json" "$CAND"
printf '{"format": "gmemtrace-record", "format": "x"}' >"$W/dup.json"
expect_error report-duplicate-key 1 "dup.json: not a gmemtrace record \(bad JSON: line 1, column [0-9]+: duplicate object key" \
	"$GT" report "$W/dup.json" "$CAND"
echo '{"format": "prometheus", "runs": []}' >"$W/other.json"
expect_error report-other-json 1 'other.json: not a gmemtrace record \(no "format": "gmemtrace-record"\)' \
	"$GT" report "$W/other.json" "$CAND"
sed 's/"version": 1,/"version": 2,/' "$BASE" >"$W/newer.json"
expect_error report-newer 1 "newer.json: record version 2, this gmemtrace reads version 1" \
	"$GT" report "$W/newer.json" "$CAND"
expect_error report-missing 1 "nope.json: No such file or directory" "$GT" report "$W/nope.json" "$CAND"
"$GT" report "$BASE" >/dev/null 2>"$W/err"
expect report-one-file "$?:$(head -n1 "$W/err")" \
	"2:gmemtrace: report: need at least two record files: BASE CAND, or RECORD... oldest first"

# The page's environment: one cell where the records agree, two where not.
"$GT" report --html "$W/env.html" "$W/env-base.json" "$W/env-cand.json" >/dev/null 2>&1
if grep -qF '<tr class="differs"><td>kernel config <b>differs</b></td><td>cd69f98a06748cbd55a2046a0436aaff9f52c5943c458029e8590e3618f2598e</td><td>ddd1e79797212123d57ce39d631e8199e8db272421b5f3f02f5ebde76dcf2680</td></tr>' "$W/env.html" &&
	grep -qF '<tr><td>cpu model</td><td colspan="2">AMD EPYC 7763 64-Core Processor</td></tr>' "$W/env.html"; then
	pass "report-html-environment"
else
	fail "report-html-environment" "$(grep -A3 'id="environment"' "$W/env.html" | head -c 400)"
fi

# The HTML page, rendered by headless Chromium.
CHROMIUM=$(command -v chromium || command -v chromium-browser)
if [ -z "$CHROMIUM" ]; then
	skip "report-html-chromium" "chromium not installed (Debian: chromium)"
	exit 0
fi
"$GT" report --html "$W/report.html" "$BASE" "$CAND" >/dev/null 2>"$W/err" ||
	fail "report-html" "$(cat "$W/err")"
if grep -qE 'src=|href=|<script|url\(' "$W/report.html"; then
	fail "report-html-self-contained" "references something: $(grep -oE 'src=[^ ]*|href=[^ ]*|<script|url\([^)]*' "$W/report.html" | head -3)"
else
	pass "report-html-self-contained"
fi
# chrome [OPTION...] [PAGE]: headless Chromium on PAGE (default report.html in $W).
chrome()
{
	local page=report.html

	[[ ${!#} == *.html ]] && page=${!#} && set -- "${@:1:$#-1}"
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
		--no-first-run --user-data-dir="$W/chrome" "$@" "file://$W/$page" 2>>"$W/chrome.log"
}
# screenshot NAME PAGE HEIGHT COLOR MIN COLOR MIN: PAGE's first HEIGHT
# pixels are not blank, and have more than MIN pixels of each COLOR.
screenshot()
{
	chrome --screenshot="$W/$1.png" --window-size=1200,"$3" "$2" >/dev/null
	if [ -s "$W/$1.png" ] &&
		python3 "$ROOT/tests/host/png_stats.py" "$W/$1.png" "$4" "$6" >"$W/png" &&
		awk -F'[= ]' -v c1="$4" -v m1="$5" -v c2="$6" -v m2="$7" '/^size=/ { ok = $4 > 0.02 }
			$1 == c1 { a = $2 > m1 } $1 == c2 { b = $2 > m2 } END { exit !(ok && a && b) }' "$W/png"; then
		pass "$1"
	else
		fail "$1" "$(tr '\n' ' ' <"$W/png" 2>/dev/null) $(tail -n 3 "$W/chrome.log")"
	fi
}
# text_check NAME PAGE: no two texts of a chart of PAGE overlap, none
# sticks out of its chart, as Chromium lays them out (svg_text_check.js
# run in a copy of the page).
text_check()
{
	local got

	{ sed '/<\/body>/,$d' "$W/$2"; echo '<script>'; cat "$ROOT/tests/host/svg_text_check.js"
	  echo '</script></body></html>'; } >"$W/check-$2"
	got=$(chrome --dump-dom "check-$2" | sed -n 's/.*<pre id="svg-text-check">//p')
	if [[ $got =~ ^texts=([0-9]+)\ overlaps=0\ outside=0$ ]] && [ "${BASH_REMATCH[1]}" -ge "${3:-1}" ]; then
		pass "$1"
	else
		fail "$1" "$got $(chrome --dump-dom "check-$2" | sed -n '/<pre id="svg-text-check">/,/<\/pre>/p' |
			sed -n 2,6p | tr '\n' ';')"
	fi
}
chrome --dump-dom >"$W/dom.html"
missing=
for want in '<h1>gmemtrace report: events</h1>' '<h2 id="regressions">Regressions and changes</h2>' \
	'<h2 id="rates">Event rates</h2>' '<h2 id="latency">Latency histograms</h2>' \
	'<h3 id="hist-get_pfn">get_pfn</h3>' '<h2 id="all">All metrics</h2>' \
	'<h2 id="significant">Significant differences</h2>' '<h2 id="means">Means and significance</h2>' \
	'<h2 id="env">Environment</h2>' '<tr class="differs"><td>kernel release <b>differs</b></td>' \
	'<td>allocate</td><td>mean</td><td>1.042 ± 0.331 ms</td><td>10.252 ± 0.637 ms</td><td>+884.0%</td><td title="t = 22.225, df = 3.00">0.0002</td><td>significant</td>' \
	'class="series-base"' 'class="series-cand"' 'candidate</td>'; do
	grep -qF -- "$want" "$W/dom.html" || missing+=" $want"
done
[ -z "$missing" ] && pass "report-html-dom" || fail "report-html-dom" "missing:$missing"
# Both series' values on the charts: every event's two rates, every
# non-empty bucket's two shares.
rates=$(sed -n '/<svg id="rates-chart"/,/<\/svg>/p' "$W/dom.html")
missing=
for want in '<text class="value value-base" x="188.5" y="219.0">68.1/s</text>' \
	'<text class="value value-cand" x="159.2" y="231.0">10.4/s</text>'; do
	grep -qF -- "$want" <<<"$rates" || missing+=" $want"
done
hist=$(sed -n '/<h3 id="hist-get_pfn">/,/<\/svg>/p' "$W/dom.html")
for want in '<text class="value value-base" x="60.5" y="33.0" transform="rotate(-90 60.5 33.0)">81.2%</text>' \
	'<text class="value value-cand" x="150.5" y="33.0" transform="rotate(-90 150.5 33.0)">81.2%</text>' \
	'<text class="value value-cand" x="188.5" y="156.1" transform="rotate(-90 188.5 156.1)">18.8%</text>'; do
	grep -qF -- "$want" <<<"$hist" || missing+=" $want"
done
got="$(grep -c 'class="value value-base"' <<<"$rates") $(grep -c 'class="value value-cand"' <<<"$rates")"
[ -z "$missing" ] && [ "$got" = "13 13" ] && pass "report-html-values-both" ||
	fail "report-html-values-both" "$got value labels of base and cand in the rates; missing:$missing"
text_check report-html-labels-apart report.html 100
screenshot report-html-screenshot report.html 2400 '#4e79a7' 500 '#f28e2b' 500

# The trend page: one chart per event and metric, every record on its x
# axis, each step marked at the record it is put down to with its change
# and test in its tooltip, a table of the steps; nothing fetched, no text
# of a chart over another.
"$GT" report --html "$W/trend.html" "${TREND[@]}" >/dev/null 2>"$W/err" ||
	fail "report-trend-html" "$(cat "$W/err")"
if grep -qE 'src=|href=|<script|url\(' "$W/trend.html"; then
	fail "report-trend-html-self-contained" "$(grep -oE 'src=[^ ]*|href=[^ ]*|<script|url\([^)]*' "$W/trend.html" | head -3)"
else
	pass "report-trend-html-self-contained"
fi
chrome --dump-dom trend.html >"$W/trend-dom.html"
if python3 - "$W/trend-dom.html" "$W/trend.json" >"$W/check" 2>&1 <<'EOF'; then
import json, re, sys
dom = open(sys.argv[1]).read()
tr = json.load(open(sys.argv[2]))["trend"]
fails = []
for want in ('<h1>gmemtrace report: trend of 4 records: events</h1>', '<h2 id="env">Environment</h2>',
             '<h2 id="steps">Steps</h2>', '<h2 id="trends">Trends</h2>', '<h2 id="all">All metrics</h2>',
             '<h3 id="trend-get_pfn">get_pfn</h3>',
             '<tr class="differs"><td>kernel release <b>changes</b></td><td><b>1 1-default.json:</b> '
             '7.3.4-gmemtrace-00019-ge3ff624a4de9<br><b>4 4-debug.json:</b> 7.3.4-gmemtrace-debug-00019-ge3ff624a4de9</td></tr>',
             '<tr class="REGRESSION"><td>3 3-get_pfn-x4.json</td><td>get_pfn</td><td>mean</td><td>37.499 us</td>'
             '<td>149.996 us</td><td>+300.0%</td><td>86.8%</td><td>REGRESSION</td><td>+300.0%</td><td>0.1796</td>'
             '<td>not significant</td></tr>'):
    if want not in dom:
        fails.append("no " + want)
figs = dict(re.findall(r'<figure class="trend" id="trend-([^"]+)">(.*?)</figure>', dom, re.S))
want = ["%s-%s" % (m["event"], m["metric"].replace("/", "-")) for m in tr["metrics"]]
if sorted(figs) != sorted(want):
    fails.append("charts %d, want %d: %s" % (len(figs), len(want), sorted(set(figs) ^ set(want))))
steps = {"%s-%s" % (m["event"], m["metric"].replace("/", "-")): [s["at"] for s in m["steps"]]
         for m in tr["metrics"]}
marks = 0
for name, fig in figs.items():
    labels = re.findall(r'<text class="axis-label"[^>]*>([^<]*)<title>', fig)
    if labels != ["1 1-default\u2026", "2 2-same\u2026", "3 3-get_pfn-x4\u2026", "4 4-debug\u2026"]:
        fails.append("%s: x labels %r" % (name, labels))
    xs = [float(x) for x in re.findall(r'<circle class="point" cx="([0-9.]+)"', fig)]
    at = [xs.index(float(x)) for x in re.findall(r'<path class="step-marker[^"]*" d="M([0-9.]+) ', fig)]
    marks += len(at)
    if len(xs) != 4 or at != steps.get(name):
        fails.append("%s: points %r, markers at %r, want %r" % (name, xs, at, steps.get(name)))
titles = re.findall(r'<path class="step-marker step-REGRESSION"[^>]*><title>([^<]*)</title>',
                    figs.get("get_pfn-mean", "") + figs.get("get_pfn-p50", ""))
if titles != ["step at 3 3-get_pfn-x4.json: +300.0% REGRESSION p=0.1796",
              "step at 3 3-get_pfn-x4.json: +300.0% REGRESSION p&lt;0.0001"]:
    fails.append("get_pfn's markers: %r" % titles)
if marks != 16 or len(re.findall(r'<tr class="[^"]*"><td>[0-9]+ [^<]*</td><td>', dom)) != 16:
    fails.append("%d markers; want 16 and 16 rows of steps" % marks)
print("\n".join(fails))
sys.exit(1 if fails else 0)
EOF
	pass "report-trend-html-dom"
else
	fail "report-trend-html-dom" "$(head -c 600 "$W/check")"
fi
text_check report-trend-html-labels-apart trend.html 400
# Many records with long names: shortened to what tells them apart, and
# still apart.
mkdir "$W/many"
for i in $(seq -w 1 24); do
	cp "${TREND[$(((10#$i - 1) / 8))]}" "$W/many/gmemtrace-record-commit-$i-e3ff624a4de9.json"
done
"$GT" report --html "$W/many.html" "$W/many"/*.json >/dev/null 2>"$W/err" ||
	fail "report-trend-html-many" "$(cat "$W/err")"
grep -qF '>12 …12…<title>12 gmemtrace-record-commit-12-e3ff624a4de9.json (' "$W/many.html" ||
	fail "report-trend-html-many" "no label '12 …12…': $(grep -m1 -o 'class="axis-label"[^>]*>[^<]*' "$W/many.html")"
text_check report-trend-html-many-labels-apart many.html 1000
# The charts' points and lines, and the markers of the regressions.
screenshot report-trend-html-screenshot trend.html 5000 '#4e79a7' 2000 '#d62728' 200
