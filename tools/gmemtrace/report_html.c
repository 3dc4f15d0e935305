// SPDX-License-Identifier: GPL-2.0
/*
 * gmemtrace report --html: one self-contained page (inline CSS and SVG, no
 * script, nothing fetched) with the records' environments, the regressions
 * and significant changes first, then a chart of every event's rate and one of every latency
 * histogram, base against candidate, then the full tables: medians, and
 * means with Welch's test.
 */
#include <math.h>

#include "events.h"
#include "histogram.h"
#include "report.h"
#include "report_svg.h"

static void head(FILE *f, const struct rep_report *rep)
{
	rep_html_head(f, rep->cand.scenario, "");
}

static void meta(FILE *f, const struct rep_report *rep)
{
	const struct rep_record *r[2] = { &rep->base, &rep->cand };
	int i;

	fputs("<h1>gmemtrace report: ", f);
	rep_html_esc(f, rep->cand.scenario);
	fputs("</h1>\n<table id=\"records\"><tr><th></th><th>file</th><th>kernel</th>"
	      "<th>series</th><th>runs</th><th>recorded</th><th>host</th></tr>\n", f);
	for (i = 0; i < 2; i++) {
		fprintf(f, "<tr><td><span style=\"color:%s\">&#9632;</span> %s</td><td>",
			i ? CAND_COLOR : BASE_COLOR, i ? "candidate" : "base");
		rep_html_esc(f, r[i]->path);
		fputs("</td><td>", f);
		rep_html_esc(f, r[i]->release);
		fputs("</td><td>", f);
		rep_html_esc(f, r[i]->series[0] ? r[i]->series : "-");
		fprintf(f, "</td><td>%zu</td><td>", r[i]->nruns);
		rep_html_esc(f, r[i]->created);
		fputs("</td><td>", f);
		rep_html_esc(f, r[i]->host);
		fputs("</td></tr>\n", f);
	}
	fputs("</table>\n", f);
}

/* The environments, field by field: one cell when they agree, two when not. */
static void environment(FILE *f, const struct rep_report *rep)
{
	const char *b, *c;
	size_t i;

	fputs("<h2 id=\"env\">Environment</h2>\n<table id=\"environment\">"
	      "<tr><th></th><th>base</th><th>candidate</th></tr>\n", f);
	for (i = 0; i < REP_ENV_FIELDS; i++) {
		b = rep->base.env[i] ?: "not recorded";
		c = rep->cand.env[i] ?: "not recorded";
		if (!rep_env_differs(rep, i)) {
			fprintf(f, "<tr><td>%s</td><td colspan=\"2\">", rep_env_name(i));
			rep_html_esc(f, b);
			fputs("</td></tr>\n", f);
			continue;
		}
		fprintf(f, "<tr class=\"differs\"><td>%s <b>differs</b></td><td>", rep_env_name(i));
		rep_html_esc(f, b);
		fputs("</td><td>", f);
		rep_html_esc(f, c);
		fputs("</td></tr>\n", f);
	}
	fputs("</table>\n", f);
}

static void row(FILE *f, const struct rep_row *r)
{
	char b[32], c[32];

	rep_format(r->metric, r->base, b, sizeof(b));
	rep_format(r->metric, r->cand, c, sizeof(c));
	fprintf(f, "<tr class=\"%s\"><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
		"<td>%+.1f%%</td><td>%.1f%%</td><td>%s</td></tr>\n",
		rep_verdict_name(r->verdict), gmt_stat_name(r->type), rep_metric_name(r->metric),
		b, c, r->delta * 100, r->noise * 100, rep_verdict_name(r->verdict));
}

static void table(FILE *f, const struct rep_report *rep, bool flagged_only, const char *id)
{
	size_t i, n = 0;

	fprintf(f, "<table id=\"%s\"><tr><th>event</th><th>metric</th><th>base</th><th>candidate</th>"
		"<th>delta</th><th>noise</th><th>verdict</th></tr>\n", id);
	for (i = 0; i < rep->nrows; i++) {
		enum rep_verdict v = rep->rows[i].verdict;

		if (flagged_only && v != V_REGRESSION && v != V_CHANGED)
			continue;
		row(f, &rep->rows[i]);
		n++;
	}
	fputs("</table>\n", f);
	if (flagged_only && !n)
		fputs("<p id=\"no-regressions\">No regression or change beyond the noise.</p>\n", f);
}

static void means_row(FILE *f, const struct rep_row *r)
{
	char b[64], c[64], d[16], p[16];

	rep_format_pm(r->metric, &r->sb, "&plusmn;", b, sizeof(b));
	rep_format_pm(r->metric, &r->sc, "&plusmn;", c, sizeof(c));
	rep_format_change(r->change, d, sizeof(d));
	rep_format_p(r->welch.p, p, sizeof(p));
	fprintf(f, "<tr%s><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td",
		r->welch.verdict == GMT_SIGNIFICANT ? " class=\"significant\"" : "",
		gmt_stat_name(r->type), rep_metric_name(r->metric), b, c, d);
	if (!isnan(r->welch.df))
		fprintf(f, " title=\"t = %.3f, df = %.2f\"", r->welch.t, r->welch.df);
	fputc('>', f);
	rep_html_esc(f, p);
	fprintf(f, "</td><td>%s</td></tr>\n", gmt_signif_name(r->welch.verdict));
}

/* Means and Welch's test: every row, or only the significant ones. */
static void means_table(FILE *f, const struct rep_report *rep, bool significant_only,
			const char *id)
{
	size_t i, n = 0;

	fprintf(f, "<table id=\"%s\"><tr><th>event</th><th>metric</th>"
		"<th>base mean &plusmn; sd</th><th>candidate mean &plusmn; sd</th><th>change</th>"
		"<th>p</th><th>significance</th></tr>\n", id);
	for (i = 0; i < rep->nrows; i++) {
		if (significant_only && rep->rows[i].welch.verdict != GMT_SIGNIFICANT)
			continue;
		means_row(f, &rep->rows[i]);
		n++;
	}
	fputs("</table>\n", f);
	if (significant_only && !n)
		fputs("<p id=\"none-significant\">No significant difference.</p>\n", f);
}

/* Which test, at which level, and what that means. */
static void test_note(FILE *f, const struct rep_report *rep)
{
	fprintf(f, "<p class=\"test\">Means over the runs &plusmn; sample standard deviation; "
		"p of Welch's two-sided t-test of the means (hover over p for t and its degrees "
		"of freedom): significant when p &lt; %g, a %g%% false-positive rate per "
		"metric.</p>\n", rep->alpha, rep->alpha * 100);
}

static void key(FILE *f)
{
	fputs("<p class=\"key\"><span style=\"background:" BASE_COLOR "\"></span>base"
	      "<span style=\"background:" CAND_COLOR "\"></span>candidate</p>\n", f);
}

/* Horizontal bars: every event's rate, base over candidate, each with its value. */
static void rates(FILE *f, const struct rep_report *rep)
{
	double rb[GMT_EV_MAX], rc[GMT_EV_MAX], max = 0;
	const int left = 150, width = 560, bar = 12;
	unsigned int t, n = 0, y;
	char v[32];

	for (t = 0; t < GMT_EV_MAX; t++) {
		rb[t] = rep_rate(&rep->base, t);
		rc[t] = rep_rate(&rep->cand, t);
		max = fmax(max, fmax(rb[t], rc[t]));
		n += rb[t] > 0 || rc[t] > 0;
	}
	fputs("<h2 id=\"rates\">Event rates</h2>\n", f);
	key(f);
	if (!n || max <= 0) {
		fputs("<p>No events.</p>\n", f);
		return;
	}
	fprintf(f, "<svg id=\"rates-chart\" width=\"%d\" height=\"%d\" role=\"img\">\n",
		left + width + 90, n * (2 * bar + 10) + 10);
	for (t = 0, y = 5; t < GMT_EV_MAX; t++) {
		double wb = fmax(1, rb[t] / max * width), wc = fmax(1, rc[t] / max * width);

		if (rb[t] <= 0 && rc[t] <= 0)
			continue;
		fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n", left - 6,
			y + bar + 4, gmt_stat_name(t));
		rep_format(M_RATE, rb[t], v, sizeof(v));
		fprintf(f, "<rect class=\"series-base\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
			"fill=\"" BASE_COLOR "\"><title>base %s</title></rect>\n",
			left, y, wb, bar, v);
		rep_svg_value(f, "value-base", left + wb + 4, y + bar - 2, 0, v);
		rep_format(M_RATE, rc[t], v, sizeof(v));
		fprintf(f, "<rect class=\"series-cand\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
			"fill=\"" CAND_COLOR "\"><title>candidate %s</title></rect>\n",
			left, y + bar, wc, bar, v);
		rep_svg_value(f, "value-cand", left + wc + 4, y + 2 * bar - 2, 0, v);
		y += 2 * bar + 10;
	}
	fputs("</svg>\n", f);
}

/* One bar of a histogram, its share on top, upright. */
static void hist_bar(FILE *f, const char *series, const char *color, const char *who, int x,
		     int bottom, double h, double share, const char *from)
{
	const int bw = 14;
	char v[16], cls[24];

	fprintf(f, "<rect class=\"series-%s\" x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" "
		"fill=\"%s\"><title>%s: %.1f%% from %s</title></rect>\n",
		series, x, bottom - h, bw, h, color, who, share * 100, from);
	if (share <= 0)
		return;
	snprintf(v, sizeof(v), "%.3g%%", share * 100);
	snprintf(cls, sizeof(cls), "value-%s", series);
	rep_svg_value(f, cls, x + bw / 2.0 + 3.5, bottom - h - 3, 1, v);
}

/*
 * Vertical bars per log2 bucket: the share of the events in each, every
 * bar's value on top, the buckets' lower bounds turned under the axis.
 */
static void histogram(FILE *f, const struct rep_report *rep, unsigned int t)
{
	const int height = 160, bw = 14, pair = 2 * bw + 10, top = 36, left = 50, bottom = 56;
	double sb[GMT_HIST_SLOTS], sc[GMT_HIST_SLOTS], max = 0;
	unsigned long long lo, hi;
	int first = -1, last = -1, s, x;

	rep_hist_share(&rep->base, t, sb);
	rep_hist_share(&rep->cand, t, sc);
	for (s = 0; s < GMT_HIST_SLOTS; s++) {
		if (sb[s] > 0 || sc[s] > 0) {
			first = first < 0 ? s : first;
			last = s;
		}
		max = fmax(max, fmax(sb[s], sc[s]));
	}
	if (first < 0)
		return;
	fprintf(f, "<h3 id=\"hist-%s\">%s</h3>\n", gmt_stat_name(t), gmt_stat_name(t));
	fprintf(f, "<svg class=\"histogram\" width=\"%d\" height=\"%d\" role=\"img\">\n",
		left + (last - first + 1) * pair + 10, top + height + bottom);
	fprintf(f, "<text x=\"4\" y=\"%d\">%.0f%%</text><text x=\"4\" y=\"%d\">0%%</text>\n",
		top + 10, max * 100, top + height);
	for (s = first, x = left; s <= last; s++, x += pair) {
		char label[32], full[48];

		gmt_slot_range(s, &lo, &hi);
		rep_format(M_MEAN, lo, label, sizeof(label));
		hist_bar(f, "base", BASE_COLOR, "base", x, top + height,
			 sb[s] / max * height, sb[s], label);
		hist_bar(f, "cand", CAND_COLOR, "candidate", x + bw, top + height,
			 sc[s] / max * height, sc[s], label);
		snprintf(full, sizeof(full), "from %s", label);
		rep_format_short(M_MEAN, lo, label, sizeof(label));
		rep_svg_xlabel(f, x + bw + 4, top + height + 14, label, full);
	}
	fputs("</svg>\n", f);
}

void rep_write_html(FILE *f, const struct rep_report *rep)
{
	unsigned int t;

	head(f, rep);
	meta(f, rep);
	environment(f, rep);
	fputs("<h2 id=\"regressions\">Regressions and changes</h2>\n", f);
	table(f, rep, true, "flagged");
	fputs("<h2 id=\"significant\">Significant differences</h2>\n", f);
	test_note(f, rep);
	means_table(f, rep, true, "significant-rows");
	rates(f, rep);
	fputs("<h2 id=\"latency\">Latency histograms</h2>\n<p>Share of each event's "
	      "operations per log2 bucket (median over the runs).</p>\n", f);
	key(f);
	for (t = 0; t < GMT_ST_MAX; t++)
		if (gmt_stat_timed(t))
			histogram(f, rep, t);
	fputs("<h2 id=\"all\">All metrics</h2>\n", f);
	table(f, rep, false, "metrics");
	fprintf(f, "<p>A change is flagged beyond %.0f%% and beyond twice the noise (the "
		"relative half-spread of the runs).</p>\n", rep->threshold * 100);
	fputs("<h2 id=\"means\">Means and significance</h2>\n", f);
	test_note(f, rep);
	means_table(f, rep, false, "means-rows");
	fputs("</body></html>\n", f);
}
