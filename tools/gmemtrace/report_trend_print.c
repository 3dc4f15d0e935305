// SPDX-License-Identifier: GPL-2.0
/*
 * gmemtrace report RECORD...: the trend as text (one row per metric, a
 * column per record, the steps marked and listed) and as JSON.
 */
#include <stdlib.h>
#include <string.h>

#include "events.h"
#include "json_writer.h"
#include "report_trend.h"

static void print_records(const struct rep_trend *tr)
{
	size_t i, w = 0;

	for (i = 0; i < tr->nrecords; i++)
		w = strlen(tr->labels[i]) > w ? strlen(tr->labels[i]) : w;
	printf("records, oldest first:\n");
	for (i = 0; i < tr->nrecords; i++) {
		const struct rep_record *r = &tr->records[i];

		printf("  %2zu  %-*s  %s, %zu runs (%s)\n", i + 1, (int)w, tr->labels[i],
		       r->release, r->nruns, r->scenario);
	}
	putchar('\n');
}

/* A field's value at the first record and at every record that changes it. */
static void print_env(const struct rep_trend *tr)
{
	size_t i, r;

	printf("environment:\n");
	for (i = 0; i < REP_ENV_FIELDS; i++) {
		if (!rep_trend_env_changes(tr, i)) {
			printf("  %-16s          %s\n", rep_env_name(i),
			       tr->records[0].env[i] ?: "not recorded");
			continue;
		}
		for (r = 0; r < tr->nrecords; r++) {
			if (r && !rep_env_field_differs(&tr->records[r - 1], &tr->records[r], i))
				continue;
			printf("  %-16s %-7s  %zu %s: %s\n", r ? "" : rep_env_name(i),
			       r ? "" : "CHANGES", r + 1, tr->labels[r],
			       tr->records[r].env[i] ?: "not recorded");
		}
	}
	putchar('\n');
}

static void print_dropped(const struct rep_trend *tr)
{
	const char *sep = "warning: the kernel lost statistics updates in";
	size_t r;

	for (r = 0; r < tr->nrecords; r++) {
		if (!tr->records[r].dropped)
			continue;
		printf("%s %zu %s (%.0f)", sep, r + 1, tr->labels[r], tr->records[r].dropped);
		sep = ",";
	}
	if (sep[0] == ',')
		printf(":\n         their counts are low (gmemtrace stat: dropped updates)\n\n");
}

static void print_header(const struct rep_trend *tr, int width, const char *last)
{
	size_t r;

	printf("%-18s %-10s", "EVENT", "METRIC");
	for (r = 0; r < tr->nrecords; r++)
		printf(" %*zu%s", width, r + 1, r + 1 < tr->nrecords || *last ? " " : "");
	printf("%s\n", last);
}

/*
 * Record @r's cell of @s, @v in @width, '*' after it where a step is, the
 * change from the record before; no blank at the end of a line (@more:
 * whether anything follows).
 */
static void print_cell(const struct rep_trend *tr, const struct rep_series *s, size_t r,
		       int width, const char *v, bool more)
{
	bool step = r && rep_is_step(&s->pairs[r - 1]);

	printf(" %*s%s", width, v, step ? "*" : r + 1 < tr->nrecords || more ? " " : "");
}

/* The steps of @s, "at 3 c.json: +43.0% REGRESSION p=0.0012; at ...". */
static void print_steps(const struct rep_trend *tr, const struct rep_series *s)
{
	const char *sep = "  ";
	char text[96];
	size_t r;

	for (r = 1; r < tr->nrecords; r++) {
		if (!rep_is_step(&s->pairs[r - 1]))
			continue;
		rep_step_text(&s->pairs[r - 1], text, sizeof(text));
		printf("%sat %zu %s: %s", sep, r + 1, tr->labels[r], text);
		sep = "; ";
	}
}

/* One row per metric, a column per record: the medians and the steps, or the means +- sd. */
static void print_table(const struct rep_trend *tr, bool means)
{
	int width = means ? 21 : 11;
	char v[48];
	size_t i, r;

	print_header(tr, width, means ? "" : "  STEPS");
	for (i = 0; i < tr->nseries; i++) {
		const struct rep_series *s = &tr->series[i];

		printf("%-18s %-10s", gmt_stat_name(s->type), rep_metric_name(s->metric));
		for (r = 0; r < tr->nrecords; r++) {
			if (!s->points[r].present)
				strcpy(v, "-");
			else if (means)
				rep_format_pm(s->metric, &s->points[r].s, "+-", v, sizeof(v));
			else
				rep_format(s->metric, s->points[r].median, v, sizeof(v));
			print_cell(tr, s, r, width, v, !means && s->nsteps);
		}
		if (!means)
			print_steps(tr, s);
		putchar('\n');
	}
}

static void print_summary(const struct rep_trend *tr)
{
	size_t i, r, steps = 0, metrics = 0, beyond = 0, significant = 0, tested = 0, pairs = 0;

	for (i = 0; i < tr->nseries; i++) {
		const struct rep_series *s = &tr->series[i];

		steps += s->nsteps;
		metrics += s->nsteps > 0;
		for (r = 0; r + 1 < tr->nrecords; r++) {
			beyond += s->pairs[r].verdict != V_SAME;
			significant += s->pairs[r].welch.verdict == GMT_SIGNIFICANT;
			tested += s->pairs[r].welch.verdict != GMT_TOO_FEW;
			pairs++;
		}
	}
	printf("\n%zu step%s in %zu of %zu metrics: %zu beyond noise, %zu significant (P < %g)\n",
	       steps, steps == 1 ? "" : "s", metrics, tr->nseries, beyond, significant, tr->alpha);
	if (tested)
		printf("of %zu changes tested, about %.1f would differ significantly by chance\n",
		       tested, tested * tr->alpha);
	if (tested < pairs)
		printf("%zu changes not tested: too few runs (a record of one run has no variance)\n",
		       pairs - tested);
}

void rep_trend_print_text(const struct rep_trend *tr)
{
	print_records(tr);
	print_env(tr);
	print_dropped(tr);
	printf("Medians over the runs, record by record.  A step (*) is what comparing a record\n"
	       "with the one before flags: a change beyond %.0f%% and twice the noise, or a\n"
	       "significant difference of the means (Welch's P < %g).\n\n", tr->threshold * 100,
	       tr->alpha);
	print_table(tr, false);
	printf("\nMeans over the runs +- sample standard deviation, record by record; * marks a\n"
	       "step.\n\n");
	print_table(tr, true);
	print_summary(tr);
}

/* Which fields change, and where: one object per change. */
static void json_env_changes(struct json_writer *jw, const struct rep_trend *tr)
{
	size_t i, r;

	jw_name(jw, "environment_changes");
	jw_start_array(jw);
	for (i = 0; i < REP_ENV_FIELDS; i++) {
		for (r = 1; r < tr->nrecords; r++) {
			if (!rep_env_field_differs(&tr->records[r - 1], &tr->records[r], i))
				continue;
			jw_start_object(jw);
			jw_string_field(jw, "field", rep_env_key(i));
			jw_u64_field(jw, "at", r);
			jw_string_field(jw, "label", tr->labels[r]);
			jw_string_field(jw, "from", tr->records[r - 1].env[i]);
			jw_string_field(jw, "to", tr->records[r].env[i]);
			jw_end_object(jw);
		}
	}
	jw_end_array(jw);
}

static void json_series(struct json_writer *jw, const struct rep_trend *tr,
			const struct rep_series *s)
{
	size_t r;

	jw_start_object(jw);
	jw_string_field(jw, "event", gmt_stat_name(s->type));
	jw_string_field(jw, "metric", rep_metric_name(s->metric));
	jw_name(jw, "values");
	jw_start_array(jw);
	for (r = 0; r < tr->nrecords; r++) {
		const struct rep_point *pt = &s->points[r];

		jw_start_object(jw);
		jw_bool_field(jw, "present", pt->present);
		jw_float_field(jw, "median", pt->median);
		jw_float_field(jw, "noise", pt->noise);
		jw_float_field(jw, "mean", pt->s.mean);
		jw_float_field(jw, "stddev", pt->s.sd);
		jw_end_object(jw);
	}
	jw_end_array(jw);
	jw_name(jw, "steps");
	jw_start_array(jw);
	for (r = 1; r < tr->nrecords; r++) {
		const struct rep_row *p = &s->pairs[r - 1];

		if (!rep_is_step(p))
			continue;
		jw_start_object(jw);
		jw_u64_field(jw, "at", r);
		jw_string_field(jw, "label", tr->labels[r]);
		jw_float_field(jw, "from", p->base);
		jw_float_field(jw, "to", p->cand);
		jw_float_field(jw, "change", p->delta);
		jw_float_field(jw, "noise", p->noise);
		jw_string_field(jw, "verdict", rep_verdict_name(p->verdict));
		rep_json_test(jw, p);
		jw_end_object(jw);
	}
	jw_end_array(jw);
	jw_end_object(jw);
}

int rep_trend_print_json(const struct rep_trend *tr)
{
	struct json_writer *jw = jw_new(stdout);
	size_t i;

	if (!jw)
		return -1;
	jw_start_object(jw);
	jw_name(jw, "trend");
	jw_start_object(jw);
	jw_name(jw, "records");
	jw_start_array(jw);
	for (i = 0; i < tr->nrecords; i++) {
		jw_start_object(jw);
		jw_string_field(jw, "label", tr->labels[i]);
		rep_json_record(jw, &tr->records[i]);
		jw_end_object(jw);
	}
	jw_end_array(jw);
	json_env_changes(jw, tr);
	jw_float_field(jw, "threshold", tr->threshold);
	jw_string_field(jw, "test", "welch_t_two_sided");
	jw_float_field(jw, "alpha", tr->alpha);
	jw_name(jw, "metrics");
	jw_start_array(jw);
	for (i = 0; i < tr->nseries; i++)
		json_series(jw, tr, &tr->series[i]);
	jw_end_array(jw);
	jw_end_object(jw);
	jw_end_object(jw);
	jw_eol(jw);
	jw_destroy(&jw);
	return 0;
}
