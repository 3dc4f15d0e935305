// SPDX-License-Identifier: GPL-2.0
/*
 * gmemtrace report RECORD...: the trend of every metric over three or more
 * records in commit order.  Each record's value is its median over the
 * runs (and mean and standard deviation), as in the comparison of two;
 * each record is compared with the one before it exactly as BASE with
 * CAND, and what that comparison flags is a step, put down to the later
 * record.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "events.h"
#include "report_trend.h"
#include "tool.h"

static const char *basename_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash && slash[1] ? slash + 1 : path;
}

/* Basenames, unless two are alike: then the paths, as given. */
static int make_labels(struct rep_trend *tr)
{
	bool alike = false;
	size_t i, j;

	for (i = 0; i < tr->nrecords; i++)
		for (j = 0; j < i; j++)
			alike |= !strcmp(basename_of(tr->records[i].path),
					 basename_of(tr->records[j].path));
	tr->labels = calloc(tr->nrecords, sizeof(*tr->labels));
	if (!tr->labels)
		return -1;
	for (i = 0; i < tr->nrecords; i++) {
		const char *p = tr->records[i].path;

		tr->labels[i] = strdup(alike ? p : basename_of(p));
		if (!tr->labels[i])
			return -1;
	}
	return 0;
}

int rep_trend_load(struct rep_trend *tr, char *const *paths, size_t n)
{
	size_t i;

	tr->records = calloc(n, sizeof(*tr->records));
	if (!tr->records) {
		gmt_err("out of memory");
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (rep_load(paths[i], &tr->records[i]))
			return -1;
		tr->nrecords++;
	}
	if (make_labels(tr)) {
		gmt_err("out of memory");
		return -1;
	}
	return 0;
}

void rep_trend_free(struct rep_trend *tr)
{
	size_t i;

	for (i = 0; i < tr->nrecords; i++) {
		rep_free(&tr->records[i]);
		if (tr->labels)
			free(tr->labels[i]);
	}
	free(tr->records);
	free(tr->labels);
	free(tr->series);
	free(tr->point_buf);
	free(tr->pair_buf);
	memset(tr, 0, sizeof(*tr));
}

bool rep_is_step(const struct rep_row *pair)
{
	return pair->verdict != V_SAME || pair->welch.verdict == GMT_SIGNIFICANT;
}

void rep_step_text(const struct rep_row *pair, char *buf, size_t len)
{
	char change[16], p[16];
	int n;

	if (pair->verdict == V_NEW || pair->verdict == V_GONE) {
		snprintf(buf, len, "%s", rep_verdict_name(pair->verdict));
		return;
	}
	/* Flagged by Welch's test alone: what it tested, the change of the means. */
	if (pair->verdict == V_SAME) {
		rep_format_change(pair->change, change, sizeof(change));
		n = snprintf(buf, len, "means %s significant", change);
	} else {
		rep_format_change(pair->delta, change, sizeof(change));
		n = snprintf(buf, len, "%s %s", change, rep_verdict_name(pair->verdict));
	}
	if (isnan(pair->welch.p) || n < 0 || (size_t)n >= len)
		return;
	rep_format_p(pair->welch.p, p, sizeof(p));
	snprintf(buf + n, len - n, " p%s%s", p[0] == '<' ? "" : "=", p);
}

bool rep_trend_env_changes(const struct rep_trend *tr, size_t i)
{
	size_t r;

	for (r = 1; r < tr->nrecords; r++)
		if (rep_env_field_differs(&tr->records[r - 1], &tr->records[r], i))
			return true;
	return false;
}

/* Whether any record has @t. */
static bool in_any(const struct rep_trend *tr, unsigned int t)
{
	size_t r;

	for (r = 0; r < tr->nrecords; r++)
		if (rep_present(&tr->records[r], t))
			return true;
	return false;
}

static void fill_series(const struct rep_trend *tr, struct rep_series *s)
{
	size_t r;

	for (r = 0; r < tr->nrecords; r++) {
		struct rep_point *pt = &s->points[r];

		pt->present = rep_present(&tr->records[r], s->type);
		pt->median = rep_median(&tr->records[r], s->type, s->metric, &pt->noise, &pt->s);
		if (!r)
			continue;
		rep_compare_one(&tr->records[r - 1], &tr->records[r], s->type, s->metric,
				tr->threshold, tr->alpha, &s->pairs[r - 1]);
		s->nsteps += rep_is_step(&s->pairs[r - 1]);
	}
}

int rep_trend_compute(struct rep_trend *tr)
{
	size_t max = GMT_ST_MAX * REP_METRICS, m, n = tr->nrecords;
	unsigned int t;

	tr->series = calloc(max, sizeof(*tr->series));
	tr->point_buf = calloc(max * n, sizeof(*tr->point_buf));
	tr->pair_buf = calloc(max * (n - 1), sizeof(*tr->pair_buf));
	if (!tr->series || !tr->point_buf || !tr->pair_buf)
		return -1;
	for (t = 0; t < GMT_ST_MAX; t++) {
		if (!in_any(tr, t))
			continue;
		for (m = 0; m < REP_METRICS; m++) {
			struct rep_series *s = &tr->series[tr->nseries];

			if (!rep_metric_applies(t, rep_metrics[m]))
				continue;
			s->type = t;
			s->metric = rep_metrics[m];
			s->points = &tr->point_buf[tr->nseries * n];
			s->pairs = &tr->pair_buf[tr->nseries * (n - 1)];
			fill_series(tr, s);
			tr->nseries++;
		}
	}
	return 0;
}
