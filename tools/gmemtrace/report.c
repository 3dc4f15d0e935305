// SPDX-License-Identifier: GPL-2.0
/*
 * gmemtrace report BASE CAND: show what the two records were measured on,
 * compare them metric by metric, flag what moved beyond the noise of the
 * runs, test the means for a significant difference, and optionally write
 * a self-contained HTML page with charts.  gmemtrace report RECORD...:
 * the same for three or more records in commit order, record after record,
 * as a trend (report_trend*.c).
 */
#include <getopt.h>
#include <stdbool.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "events.h"
#include "json_writer.h"
#include "opts.h"
#include "report.h"
#include "report_trend.h"
#include "tool.h"

/* What the options set. */
struct report_opts {
	double threshold;
	const char *html;
	bool json;
};

enum { OPT_HTML = GMT_OPT_OWN };

static int report_opt(void *ctx, int key, const char *arg)
{
	struct report_opts *ro = ctx;
	unsigned long long pct;

	switch (key) {
	case 't':
		if (gmt_parse_ulong("threshold", arg, 1000, &pct))
			return 1;
		ro->threshold = pct / 100.0;
		break;
	case OPT_HTML:
		ro->html = arg;
		break;
	case 'j':
		ro->json = true;
		break;
	}
	return 0;
}

static const struct gmt_opt report_options[] = {
	{ 't', "threshold", "PCT", "smallest change flagged, percent (default 5)" },
	{ OPT_HTML, "html", "FILE", "also write a self-contained HTML page with charts" },
	{ 'j', "json", NULL, "JSON output" },
	{ 0 }
};

static const struct gmt_cmd_spec report_spec = {
	.usage = "gmemtrace report [OPTIONS] BASE CAND\n"
		 "gmemtrace report [OPTIONS] RECORD RECORD RECORD...",
	.about = "Compare two files of 'gmemtrace record': first their environments\n"
		 "(kernel, its configuration and command line, CPU, host, gmemtrace's\n"
		 "version and options), flagging what differs; then for every event,\n"
		 "the count per run, the rate and the latencies (mean, p50, p99;\n"
		 "medians over the runs), their change from BASE to CAND, and a verdict.\n"
		 "A change is flagged only beyond the threshold and beyond twice the\n"
		 "noise, the relative half-spread of the runs (the larger of the two\n"
		 "records').  Then the means and standard deviations over the runs, the\n"
		 "change of the means and its significance by Welch's two-sided t-test\n"
		 "at alpha 0.05 (a 5% false-positive rate per metric).\n"
		 "\n"
		 "With three or more records, in commit order (oldest first): the trend\n"
		 "of every metric over them, each record's median and mean +- sd, and\n"
		 "its steps.  Each record is compared with the one before as CAND with\n"
		 "BASE, and what that flags (a verdict other than ~, or a significant\n"
		 "difference) is a step, put down to the later record: its file's\n"
		 "basename (the path, when two basenames are alike).\n",
	.opts = report_options,
	.epilog = "Verdicts: ~ (within noise), REGRESSION, improvement, CHANGED (a count:\n"
		  "counts are exact), new, gone.  Exit status 0 when the comparison was\n"
		  "made, whatever it found; 1 for an unreadable record.\n",
	.own = report_opt,
};

/* Medians, their change and noise, and the threshold's verdict. */
static void print_medians(const struct rep_report *rep)
{
	char b[32], c[32];
	size_t i, flagged = 0;

	printf("%-18s %-10s %14s %14s %9s %8s  %s\n", "EVENT", "METRIC", "BASE", "CAND", "DELTA",
	       "NOISE", "VERDICT");
	for (i = 0; i < rep->nrows; i++) {
		const struct rep_row *r = &rep->rows[i];

		rep_format(r->metric, r->base, b, sizeof(b));
		rep_format(r->metric, r->cand, c, sizeof(c));
		printf("%-18s %-10s %14s %14s %+8.1f%% %7.1f%%  %s\n", gmt_stat_name(r->type),
		       rep_metric_name(r->metric), b, c, r->delta * 100, r->noise * 100,
		       rep_verdict_name(r->verdict));
		flagged += r->verdict == V_REGRESSION || r->verdict == V_CHANGED;
	}
	printf("\n%zu regression%s or change%s beyond noise\n", flagged, flagged == 1 ? "" : "s",
	       flagged == 1 ? "" : "s");
}

/* Means and standard deviations, their change, and Welch's test. */
static void print_means(const struct rep_report *rep)
{
	size_t i, tested = 0, significant = 0;
	char b[48], c[48], d[16], p[16];

	printf("\nMeans over the runs +- sample standard deviation; P of Welch's two-sided t-test\n"
	       "of the means: significant when P < %g, a %g%% false-positive rate per metric.\n\n",
	       rep->alpha, rep->alpha * 100);
	printf("%-18s %-10s %22s %22s %9s %8s  %s\n", "EVENT", "METRIC", "BASE MEAN +- SD",
	       "CAND MEAN +- SD", "CHANGE", "P", "SIGNIFICANCE");
	for (i = 0; i < rep->nrows; i++) {
		const struct rep_row *r = &rep->rows[i];

		rep_format_pm(r->metric, &r->sb, "+-", b, sizeof(b));
		rep_format_pm(r->metric, &r->sc, "+-", c, sizeof(c));
		rep_format_change(r->change, d, sizeof(d));
		rep_format_p(r->welch.p, p, sizeof(p));
		printf("%-18s %-10s %22s %22s %9s %8s  %s\n", gmt_stat_name(r->type),
		       rep_metric_name(r->metric), b, c, d, p, gmt_signif_name(r->welch.verdict));
		tested += r->welch.verdict != GMT_TOO_FEW;
		significant += r->welch.verdict == GMT_SIGNIFICANT;
	}
	putchar('\n');
	if (tested)
		printf("%zu of %zu metrics differ significantly (P < %g); if nothing had changed,\n"
		       "about %.1f would by chance\n", significant, tested, rep->alpha,
		       tested * rep->alpha);
	if (tested < rep->nrows)
		printf("%zu not tested: too few runs (a record of one run has no variance)\n",
		       rep->nrows - tested);
}

/* The environments, field by field: one value, or both and DIFFERS. */
static void print_env(const struct rep_report *rep)
{
	const char *b, *c;
	size_t i;

	printf("environment:\n");
	for (i = 0; i < REP_ENV_FIELDS; i++) {
		b = rep->base.env[i] ?: "not recorded";
		c = rep->cand.env[i] ?: "not recorded";
		if (rep_env_differs(rep, i))
			printf("  %-16s DIFFERS  base: %s\n  %-16s          cand: %s\n",
			       rep_env_name(i), b, "", c);
		else
			printf("  %-16s          %s\n", rep_env_name(i), b);
	}
	putchar('\n');
}

static void print_text(const struct rep_report *rep)
{
	printf("base: %s  %s, %zu runs (%s)\n", rep->base.path, rep->base.release,
	       rep->base.nruns, rep->base.scenario);
	printf("cand: %s  %s, %zu runs (%s)\n\n", rep->cand.path, rep->cand.release,
	       rep->cand.nruns, rep->cand.scenario);
	print_env(rep);
	if (rep->base.dropped || rep->cand.dropped)
		printf("warning: the kernel lost %.0f statistics updates in base and %.0f in cand:\n"
		       "         their counts are low (gmemtrace stat: dropped updates)\n\n",
		       rep->base.dropped, rep->cand.dropped);
	print_medians(rep);
	print_means(rep);
}

void rep_json_record(struct json_writer *jw, const struct rep_record *r)
{
	size_t i;

	jw_string_field(jw, "path", r->path);
	jw_string_field(jw, "scenario", r->scenario);
	jw_string_field(jw, "kernel_release", r->release);
	jw_string_field(jw, "series", r->series);
	jw_u64_field(jw, "runs", r->nruns);
	jw_u64_field(jw, "dropped_updates", r->dropped);
	jw_name(jw, "environment");
	jw_start_object(jw);
	for (i = 0; i < REP_ENV_FIELDS; i++)
		jw_string_field(jw, rep_env_key(i), r->env[i]);
	jw_end_object(jw);
}

void rep_json_test(struct json_writer *jw, const struct rep_row *r)
{
	jw_float_field(jw, "mean_change", r->change);
	jw_float_field(jw, "t", r->welch.t);
	jw_float_field(jw, "df", r->welch.df);
	jw_float_field(jw, "p", r->welch.p);
	jw_string_field(jw, "significance", gmt_signif_name(r->welch.verdict));
}

static void json_record(struct json_writer *jw, const char *name, const struct rep_record *r)
{
	jw_name(jw, name);
	jw_start_object(jw);
	rep_json_record(jw, r);
	jw_end_object(jw);
}

/* 0, or -1 when out of memory. */
static int print_json(const struct rep_report *rep)
{
	struct json_writer *jw = jw_new(stdout);
	size_t i;

	if (!jw)
		return -1;
	jw_start_object(jw);
	json_record(jw, "base", &rep->base);
	json_record(jw, "cand", &rep->cand);
	jw_name(jw, "environment_differs");
	jw_start_array(jw);
	for (i = 0; i < REP_ENV_FIELDS; i++)
		if (rep_env_differs(rep, i))
			jw_string(jw, rep_env_key(i));
	jw_end_array(jw);
	jw_float_field(jw, "threshold", rep->threshold);
	jw_string_field(jw, "test", "welch_t_two_sided");
	jw_float_field(jw, "alpha", rep->alpha);
	jw_name(jw, "rows");
	jw_start_array(jw);
	for (i = 0; i < rep->nrows; i++) {
		const struct rep_row *r = &rep->rows[i];

		jw_start_object(jw);
		jw_string_field(jw, "event", gmt_stat_name(r->type));
		jw_string_field(jw, "metric", rep_metric_name(r->metric));
		jw_float_field(jw, "base", r->base);
		jw_float_field(jw, "cand", r->cand);
		jw_float_field(jw, "delta", r->delta);
		jw_float_field(jw, "noise", r->noise);
		jw_string_field(jw, "verdict", rep_verdict_name(r->verdict));
		jw_float_field(jw, "base_mean", r->sb.mean);
		jw_float_field(jw, "base_stddev", r->sb.sd);
		jw_float_field(jw, "cand_mean", r->sc.mean);
		jw_float_field(jw, "cand_stddev", r->sc.sd);
		rep_json_test(jw, r);
		jw_end_object(jw);
	}
	jw_end_array(jw);
	jw_end_object(jw);
	jw_eol(jw);
	jw_destroy(&jw);
	return 0;
}

/* The page of @rep, or of @tr when @rep is NULL. */
static int write_html(const char *path, const struct rep_report *rep, const struct rep_trend *tr)
{
	FILE *f = fopen(path, "w");

	if (!f) {
		gmt_err("--html %s: %m", path);
		return -1;
	}
	if (rep)
		rep_write_html(f, rep);
	else
		rep_trend_write_html(f, tr);
	if (ferror(f) | fclose(f)) {
		gmt_err("--html %s: write failed", path);
		return -1;
	}
	return 0;
}

/* Three or more records: their trend. */
static int report_trend(const struct report_opts *ro, char *const *paths, size_t n)
{
	struct rep_trend tr = { .threshold = ro->threshold, .alpha = GMT_ALPHA };
	int rc = 1;

	if (rep_trend_load(&tr, paths, n))
		goto out;
	if (rep_trend_compute(&tr) || (ro->json && rep_trend_print_json(&tr))) {
		gmt_err("out of memory");
		goto out;
	}
	if (!ro->json)
		rep_trend_print_text(&tr);
	if (ro->html && write_html(ro->html, NULL, &tr))
		goto out;
	rc = 0;
out:
	rep_trend_free(&tr);
	return rc;
}

int cmd_report(int argc, char **argv)
{
	struct report_opts ro = { .threshold = 0.05 };
	struct rep_report rep = { .alpha = GMT_ALPHA };
	int rc = 1;

	rc = gmt_parse(argc, argv, &report_spec, NULL, &ro);
	if (rc)
		return rc == 1 ? 0 : rc;
	rc = 1;
	rep.threshold = ro.threshold;
	if (argc - optind < 2) {
		gmt_err("report: need at least two record files: BASE CAND, or RECORD... oldest first");
		gmt_usage(&report_spec, stderr);
		return 2;
	}
	if (argc - optind > 2)
		return report_trend(&ro, argv + optind, argc - optind);
	if (rep_load(argv[optind], &rep.base))
		return 1;
	if (rep_load(argv[optind + 1], &rep.cand))
		goto out;
	if (rep_compare(&rep)) {
		gmt_err("out of memory");
		goto out;
	}
	if (ro.json && print_json(&rep)) {
		gmt_err("out of memory");
		goto out;
	}
	if (!ro.json)
		print_text(&rep);
	if (ro.html && write_html(ro.html, &rep, NULL))
		goto out;
	rc = 0;
out:
	free(rep.rows);
	rep_free(&rep.base);
	rep_free(&rep.cand);
	return rc;
}
