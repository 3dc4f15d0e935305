// SPDX-License-Identifier: GPL-2.0
/*
 * gmemtrace report --html RECORD...: the trend page, self-contained like
 * the two-record one.  The records and what changes in their environment,
 * the steps, then one line chart per event and metric: the records on
 * the x axis, oldest first, each median a point, the mean +- sd a bar,
 * each step marked at the record it is put down to, its change written
 * above it and its test in its tooltip; last, every value in a table.
 */
#include <ctype.h>
#include <math.h>
#include <string.h>

#include "events.h"
#include "report_svg.h"
#include "report_trend.h"

#define UP_COLOR	"#d62728"	/* a regression */
#define DOWN_COLOR	"#2ca02c"	/* an improvement */
#define OTHER_COLOR	"#9467bd"	/* a count changed, new, gone; a mean significant */
#define SD_COLOR	"#b0b0b0"

/* Chart geometry: the plot, its margins, the least room per record. */
#define PLOT_H		140
#define TOP		36
#define LEFT		64
#define RIGHT		16
#define PAD		18
#define MIN_STEP_X	20
#define LABEL_MAX	18

static const char css[] =
	".charts{display:flex;flex-wrap:wrap;gap:8px 28px}figure{margin:0 0 12px}"
	"figcaption{font-weight:bold}\n"
	".key i{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:middle}\n"
	"#metrics td.step{font-weight:bold}#metrics td,#steps-table td:nth-child(-n+7)"
	"{white-space:nowrap}#steps-table td{padding:3px 6px}\n"
	"#records td,#records th,#steps-table td:nth-child(-n+3),#steps-table th:nth-child(-n+3)"
	"{text-align:left}\n";

static const char *step_color(const struct rep_row *p)
{
	if (p->verdict == V_REGRESSION)
		return UP_COLOR;
	if (p->verdict == V_IMPROVEMENT)
		return DOWN_COLOR;
	return OTHER_COLOR;
}

/* The class of a step: its verdict, or "significant" for Welch's test alone. */
static const char *step_class(const struct rep_row *p)
{
	return p->verdict == V_SAME ? "significant" : rep_verdict_name(p->verdict);
}

/* "get_pfn-count-run": an id for @s. */
static void series_id(FILE *f, const struct rep_series *s)
{
	const char *m;

	fprintf(f, "%s-", gmt_stat_name(s->type));
	for (m = rep_metric_name(s->metric); *m; m++)
		fputc(*m == '/' ? '-' : *m, f);
}

static void records(FILE *f, const struct rep_trend *tr)
{
	const struct rep_record *last = &tr->records[tr->nrecords - 1];
	char title[128];
	size_t i;

	snprintf(title, sizeof(title), "trend of %zu records: %s", tr->nrecords, last->scenario);
	rep_html_head(f, title, css);
	fputs("<h1>gmemtrace report: ", f);
	rep_html_esc(f, title);
	fputs("</h1>\n<p>Oldest first.  Each record is compared with the one before it, as "
	      "<code>gmemtrace report</code> compares two, and what that flags is a step, put down "
	      "to the later record.</p>\n<table id=\"records\"><tr><th>#</th><th>label</th>"
	      "<th>file</th><th>kernel</th><th>series</th><th>runs</th><th>recorded</th>"
	      "<th>host</th></tr>\n", f);
	for (i = 0; i < tr->nrecords; i++) {
		const struct rep_record *r = &tr->records[i];
		const char *cells[] = { tr->labels[i], r->path, r->release,
					r->series[0] ? r->series : "-" };
		size_t c;

		fprintf(f, "<tr><td>%zu</td>", i + 1);
		for (c = 0; c < sizeof(cells) / sizeof(cells[0]); c++) {
			fputs("<td>", f);
			rep_html_esc(f, cells[c]);
			fputs("</td>", f);
		}
		fprintf(f, "<td>%zu</td><td>", r->nruns);
		rep_html_esc(f, r->created);
		fputs("</td><td>", f);
		rep_html_esc(f, r->host);
		fputs("</td></tr>\n", f);
	}
	fputs("</table>\n", f);
}

/* A field that changes: its value at the first record and at each that changes it. */
static void env_changes(FILE *f, const struct rep_trend *tr, size_t i)
{
	size_t r;

	fprintf(f, "<tr class=\"differs\"><td>%s <b>changes</b></td><td>", rep_env_name(i));
	for (r = 0; r < tr->nrecords; r++) {
		if (r && !rep_env_field_differs(&tr->records[r - 1], &tr->records[r], i))
			continue;
		fprintf(f, "%s<b>%zu ", r ? "<br>" : "", r + 1);
		rep_html_esc(f, tr->labels[r]);
		fputs(":</b> ", f);
		rep_html_esc(f, tr->records[r].env[i] ?: "not recorded");
	}
	fputs("</td></tr>\n", f);
}

static void environment(FILE *f, const struct rep_trend *tr)
{
	size_t i;

	fputs("<h2 id=\"env\">Environment</h2>\n<table id=\"environment\">"
	      "<tr><th></th><th>value, and each record that changes it</th></tr>\n", f);
	for (i = 0; i < REP_ENV_FIELDS; i++) {
		if (rep_trend_env_changes(tr, i)) {
			env_changes(f, tr, i);
			continue;
		}
		fprintf(f, "<tr><td>%s</td><td>", rep_env_name(i));
		rep_html_esc(f, tr->records[0].env[i] ?: "not recorded");
		fputs("</td></tr>\n", f);
	}
	fputs("</table>\n", f);
}

static void step_row(FILE *f, const struct rep_trend *tr, const struct rep_series *s, size_t r)
{
	const struct rep_row *p = &s->pairs[r - 1];
	char from[32], to[32], d[16], md[16], pv[16];

	rep_format(s->metric, p->base, from, sizeof(from));
	rep_format(s->metric, p->cand, to, sizeof(to));
	rep_format_change(p->delta, d, sizeof(d));
	rep_format_change(p->change, md, sizeof(md));
	rep_format_p(p->welch.p, pv, sizeof(pv));
	fprintf(f, "<tr class=\"%s\"><td>%zu ", step_class(p), r + 1);
	rep_html_esc(f, tr->labels[r]);
	fprintf(f, "</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%.1f%%</td>"
		"<td>%s</td><td>%s</td><td>", gmt_stat_name(s->type), rep_metric_name(s->metric),
		from, to, d, p->noise * 100, rep_verdict_name(p->verdict), md);
	rep_html_esc(f, pv);
	fprintf(f, "</td><td>%s</td></tr>\n", gmt_signif_name(p->welch.verdict));
}

/* Every step, record by record. */
static void steps(FILE *f, const struct rep_trend *tr)
{
	size_t r, i, n = 0;

	fprintf(f, "<h2 id=\"steps\">Steps</h2>\n<p>A step is a change from a record to the next "
		"beyond %.0f%% and twice the noise (the relative half-spread of the runs), or a "
		"significant difference of the means (p of Welch's two-sided t-test &lt; %g).</p>\n"
		"<table id=\"steps-table\"><tr><th>at record</th><th>event</th><th>metric</th>"
		"<th>from</th><th>to</th><th>change</th><th>noise</th><th>verdict</th>"
		"<th>mean change</th><th>p</th><th>significance</th></tr>\n",
		tr->threshold * 100, tr->alpha);
	for (r = 1; r < tr->nrecords; r++) {
		for (i = 0; i < tr->nseries; i++) {
			if (!rep_is_step(&tr->series[i].pairs[r - 1]))
				continue;
			step_row(f, tr, &tr->series[i], r);
			n++;
		}
	}
	fputs("</table>\n", f);
	if (!n)
		fputs("<p id=\"no-steps\">No step: every metric stays within the noise.</p>\n", f);
}

/* What every chart of the page shares: the x axis. */
struct axis {
	size_t pre, suf;	/* bytes every label has at its start, its end */
	bool cut;		/* labels too long: go without them */
	double left;		/* the y axis: room for the first label, turned */
	double dx;		/* room per record */
	int width, height;
};

/* One chart: the axis, and the top of its y axis. */
struct chart {
	const struct axis *ax;
	double ymax;
};

static double cx(const struct chart *c, size_t r)
{
	return c->ax->left + PAD + r * c->ax->dx;
}

static double cy(const struct chart *c, double v)
{
	return TOP + PLOT_H - (c->ymax > 0 ? v / c->ymax * PLOT_H : 0);
}

/* What every label has at its start and its end, in whole words. */
static void common_ends(const struct rep_trend *tr, struct axis *ax)
{
	const char *first = tr->labels[0];
	size_t len = strlen(first), pre = len, suf = len, r, i, n;

	for (r = 1; r < tr->nrecords; r++) {
		const char *l = tr->labels[r];

		n = strlen(l);
		for (i = 0; i < pre && l[i] == first[i]; i++)
			;
		pre = i;
		for (i = 0; i < suf && i < n && l[n - 1 - i] == first[len - 1 - i]; i++)
			;
		suf = i;
	}
	/* "commit-" of "commit-10" and "commit-12", not "commit-1". */
	while (pre && isalnum((unsigned char)first[pre - 1]))
		pre--;
	while (suf && isalnum((unsigned char)first[len - suf]))
		suf--;
	ax->pre = pre;
	ax->suf = suf;
}

/*
 * "3 c.json": record @r's number and label.  When a label is too long for
 * the axis, each goes without what every label has at its start and end,
 * and, still too long, is cut in the middle: "12 …4f2a1c…" of
 * "12 record-4f2a1c.json".
 */
static void x_label(const struct rep_trend *tr, const struct axis *ax, size_t r, char *buf,
		    size_t len)
{
	const char *l = tr->labels[r];
	size_t n = strlen(l);
	char full[512];

	if (ax->cut && ax->pre + ax->suf < n)
		snprintf(full, sizeof(full), "%zu %s%.*s%s", r + 1, ax->pre ? "\u2026" : "",
			 (int)(n - ax->pre - ax->suf), l + ax->pre, ax->suf ? "\u2026" : "");
	else
		snprintf(full, sizeof(full), "%zu %s", r + 1, l);
	rep_abbrev(full, LABEL_MAX, buf, len);
}

/* Characters, not bytes, of UTF-8 @s. */
static size_t chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += (*s & 0xc0) != 0x80;
	return n;
}

static void axis_geometry(const struct rep_trend *tr, struct axis *ax)
{
	double angle = REP_SVG_LABEL_ANGLE * M_PI / 180, plot_w = 440 - 2 * PAD;
	size_t r, n = tr->nrecords, longest = 0;
	char label[64];

	common_ends(tr, ax);
	ax->cut = false;
	for (r = 0; r < n; r++)
		ax->cut |= snprintf(label, sizeof(label), "%zu %s", r + 1,
				    tr->labels[r]) > LABEL_MAX;
	for (r = 0; r < n; r++) {
		x_label(tr, ax, r, label, sizeof(label));
		longest = chars(label) > longest ? chars(label) : longest;
	}
	/* Turned labels, of characters of at most 7 pixels, the first to the left. */
	ax->left = fmax(LEFT, longest * 7 * cos(angle) - PAD);
	ax->dx = fmax(plot_w / (n - 1), MIN_STEP_X);
	ax->width = ax->left + 2 * PAD + ax->dx * (n - 1) + RIGHT;
	ax->height = TOP + PLOT_H + 24 + longest * 7 * sin(angle);
}

/* The top of the y axis: above every median and mean + sd. */
static void chart_range(const struct rep_trend *tr, const struct rep_series *s, struct chart *c)
{
	size_t r;

	c->ymax = 0;
	for (r = 0; r < tr->nrecords; r++)
		if (s->points[r].present)
			c->ymax = fmax(c->ymax, fmax(s->points[r].median,
						     s->points[r].s.mean + s->points[r].s.sd));
	c->ymax = c->ymax > 0 ? c->ymax * 1.1 : 1;
}

static void axes(FILE *f, const struct rep_trend *tr, const struct rep_series *s,
		 const struct chart *c)
{
	const struct axis *ax = c->ax;
	char v[32], label[64], full[512];
	size_t r;
	int i;

	for (i = 0; i <= 2; i++) {
		double val = c->ymax * i / 2;

		rep_format_short(s->metric, val, v, sizeof(v));
		fprintf(f, "<line x1=\"%.1f\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e4e4e4\"/>\n",
			ax->left, ax->width - RIGHT, cy(c, val), cy(c, val));
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
			ax->left - 6, cy(c, val) + 4, v);
	}
	for (r = 0; r < tr->nrecords; r++) {
		x_label(tr, ax, r, label, sizeof(label));
		snprintf(full, sizeof(full), "%zu %s (%s)", r + 1, tr->labels[r],
			 tr->records[r].path);
		rep_svg_xlabel(f, cx(c, r) + 4, TOP + PLOT_H + 14, label, full);
	}
}

/* Record @r's point: its mean +- sd as a bar, its median as a dot. */
static void point(FILE *f, const struct rep_trend *tr, const struct rep_series *s,
		  const struct chart *c, size_t r)
{
	const struct rep_point *pt = &s->points[r];
	char med[32], pm[64];
	double x = cx(c, r);

	rep_format(s->metric, pt->median, med, sizeof(med));
	rep_format_pm(s->metric, &pt->s, "&#177;", pm, sizeof(pm));
	fprintf(f, "<line class=\"sd\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
		"stroke=\"" SD_COLOR "\" stroke-width=\"5\"><title>mean %s</title></line>\n",
		x, x, cy(c, fmax(0, pt->s.mean - pt->s.sd)), cy(c, pt->s.mean + pt->s.sd), pm);
	fprintf(f, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"" BASE_COLOR
		"\"><title>%zu ", x, cy(c, pt->median), r + 1);
	rep_html_esc(f, tr->labels[r]);
	fprintf(f, ": median %s, mean %s</title></circle>\n", med, pm);
	if (c->ax->dx < 56)
		return;
	rep_format_short(s->metric, pt->median, med, sizeof(med));
	/* Above a step's marker too. */
	fprintf(f, "<text class=\"value\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
		x, cy(c, pt->median) - 11, med);
}

/*
 * The step put down to record @r: a dashed line up to its change, a
 * triangle on the point, pointing up or down, the whole test in the tooltip.
 */
static void step_mark(FILE *f, const struct rep_trend *tr, const struct rep_series *s,
		      const struct chart *c, size_t r)
{
	const struct rep_row *p = &s->pairs[r - 1];
	double x = cx(c, r), y = cy(c, p->cand), d = p->cand >= p->base ? -1 : 1;
	const char *color = step_color(p);
	char text[96], change[16];

	rep_step_text(p, text, sizeof(text));
	fprintf(f, "<line class=\"step-line\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" "
		"stroke=\"%s\" stroke-dasharray=\"4 3\"/>\n", x, x, TOP - 10, TOP + PLOT_H, color);
	fprintf(f, "<path class=\"step-marker step-%s\" d=\"M%.1f %.1fl7 %.1fh-14z\" fill=\"%s\" "
		"stroke=\"#fff\"><title>step at %zu ", step_class(p), x, y + 8 * d, -14 * d, color,
		r + 1);
	rep_html_esc(f, tr->labels[r]);
	fprintf(f, ": %s</title></path>\n", text);
	if (c->ax->dx < 48)
		return;
	if (p->verdict == V_NEW || p->verdict == V_GONE)
		snprintf(change, sizeof(change), "%s", rep_verdict_name(p->verdict));
	else
		snprintf(change, sizeof(change), "%+.0f%%",
			 (p->verdict == V_SAME ? p->change : p->delta) * 100);
	fprintf(f, "<text class=\"step-label\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" "
		"fill=\"%s\">%s</text>\n", x, TOP - 14, color, change);
}

static void chart(FILE *f, const struct rep_trend *tr, const struct axis *ax,
		  const struct rep_series *s)
{
	struct chart c = { .ax = ax };
	size_t r;

	chart_range(tr, s, &c);
	fputs("<figure class=\"trend\" id=\"trend-", f);
	series_id(f, s);
	fprintf(f, "\"><figcaption>%s %s</figcaption>\n<svg class=\"trend-chart\" width=\"%d\" "
		"height=\"%d\" role=\"img\">\n", gmt_stat_name(s->type), rep_metric_name(s->metric),
		ax->width, ax->height);
	axes(f, tr, s, &c);
	for (r = 1; r < tr->nrecords; r++) {
		const struct rep_point *a = &s->points[r - 1], *b = &s->points[r];

		if (!a->present || !b->present)
			continue;
		fprintf(f, "<line class=\"trend-line\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" "
			"stroke=\"%s\" stroke-width=\"2\"/>\n", cx(&c, r - 1), cx(&c, r),
			cy(&c, a->median), cy(&c, b->median),
			rep_is_step(&s->pairs[r - 1]) ? step_color(&s->pairs[r - 1]) : BASE_COLOR);
	}
	for (r = 0; r < tr->nrecords; r++)
		if (s->points[r].present)
			point(f, tr, s, &c, r);
	for (r = 1; r < tr->nrecords; r++)
		if (rep_is_step(&s->pairs[r - 1]))
			step_mark(f, tr, s, &c, r);
	fputs("</svg></figure>\n", f);
}

static void charts(FILE *f, const struct rep_trend *tr)
{
	unsigned int type = GMT_ST_MAX;
	struct axis ax;
	size_t i;

	axis_geometry(tr, &ax);
	fputs("<h2 id=\"trends\">Trends</h2>\n<p class=\"key\">"
	      "<i style=\"background:" BASE_COLOR "\"></i>median over the runs"
	      "<i style=\"background:" SD_COLOR "\"></i>mean &#177; sd"
	      "<i style=\"background:" UP_COLOR "\"></i>step: regression"
	      "<i style=\"background:" DOWN_COLOR "\"></i>improvement"
	      "<i style=\"background:" OTHER_COLOR "\"></i>other change or significant difference"
	      "</p>\n<p>A step is marked at the record it is put down to, its change above the "
	      "chart; hover over a marker for its test, over a point for its values.</p>\n", f);
	for (i = 0; i < tr->nseries; i++) {
		const struct rep_series *s = &tr->series[i];

		if (s->type != type) {
			if (type != GMT_ST_MAX)
				fputs("</div>\n", f);
			type = s->type;
			fprintf(f, "<h3 id=\"trend-%s\">%s</h3>\n<div class=\"charts\">\n",
				gmt_stat_name(type), gmt_stat_name(type));
		}
		chart(f, tr, &ax, s);
	}
	if (type != GMT_ST_MAX)
		fputs("</div>\n", f);
}

/* Every value: the medians, record by record, the steps marked. */
static void values(FILE *f, const struct rep_trend *tr)
{
	char v[32], text[96];
	size_t i, r;

	fputs("<h2 id=\"all\">All metrics</h2>\n<p>Medians over the runs; a step in bold, "
	      "its change in the tooltip.</p>\n<table id=\"metrics\"><tr><th>event</th>"
	      "<th>metric</th>", f);
	for (r = 0; r < tr->nrecords; r++) {
		fprintf(f, "<th title=\"");
		rep_html_esc(f, tr->labels[r]);
		fprintf(f, "\">%zu</th>", r + 1);
	}
	fputs("</tr>\n", f);
	for (i = 0; i < tr->nseries; i++) {
		const struct rep_series *s = &tr->series[i];

		fprintf(f, "<tr><td>%s</td><td>%s</td>", gmt_stat_name(s->type),
			rep_metric_name(s->metric));
		for (r = 0; r < tr->nrecords; r++) {
			if (s->points[r].present)
				rep_format(s->metric, s->points[r].median, v, sizeof(v));
			else
				strcpy(v, "-");
			if (!r || !rep_is_step(&s->pairs[r - 1])) {
				fprintf(f, "<td>%s</td>", v);
				continue;
			}
			rep_step_text(&s->pairs[r - 1], text, sizeof(text));
			fprintf(f, "<td class=\"step %s\" title=\"", step_class(&s->pairs[r - 1]));
			rep_html_esc(f, text);
			fprintf(f, "\">%s*</td>", v);
		}
		fputs("</tr>\n", f);
	}
	fputs("</table>\n", f);
}

void rep_trend_write_html(FILE *f, const struct rep_trend *tr)
{
	records(f, tr);
	environment(f, tr);
	steps(f, tr);
	charts(f, tr);
	values(f, tr);
	fputs("</body></html>\n", f);
}
