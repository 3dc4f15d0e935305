/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gmemtrace report RECORD...: three or more records in commit order, every
 * metric's trend over them and its steps, record to record.
 */
#ifndef GMT_REPORT_TREND_H
#define GMT_REPORT_TREND_H

#include <stdbool.h>
#include <stdio.h>

#include "report.h"

/* A metric in one record. */
struct rep_point {
	bool present;			/* the record has the event */
	double median, noise;		/* over the runs, as report compares them */
	struct gmt_sample s;		/* mean and standard deviation over the runs */
};

/* A metric of an event over the records. */
struct rep_series {
	unsigned int type;
	enum rep_metric metric;
	struct rep_point *points;	/* one per record */
	struct rep_row *pairs;		/* pairs[i - 1]: record i - 1 (base) against i (cand) */
	size_t nsteps;			/* pairs that are steps (rep_is_step()) */
};

struct rep_trend {
	struct rep_record *records;	/* oldest first */
	char **labels;			/* their basenames, or paths when two basenames are alike */
	size_t nrecords;
	double threshold;		/* as in struct rep_report */
	double alpha;
	struct rep_series *series;
	size_t nseries;
	struct rep_point *point_buf;	/* what series' points and pairs point into */
	struct rep_row *pair_buf;
};

/*
 * Load the @n records of @paths into @tr, oldest first; 0, or -1 after a
 * one-line error.  rep_trend_free() frees what was loaded in either case.
 */
int rep_trend_load(struct rep_trend *tr, char *const *paths, size_t n);
/* Every metric's series and steps; -1 when out of memory. */
int rep_trend_compute(struct rep_trend *tr);
void rep_trend_free(struct rep_trend *tr);

/*
 * Whether the change from a record to the next is a step: what the
 * comparison of the two would flag, a verdict other than ~ (beyond the
 * threshold and twice the noise, or a count that changed, an event new or
 * gone) or a significant difference of the means by Welch's test.
 */
bool rep_is_step(const struct rep_row *pair);
/*
 * A step in short: "+43.0% REGRESSION p=0.0012" (the change of the medians),
 * "means +2.1% significant p=0.0310" (by Welch's test alone), "new".
 */
void rep_step_text(const struct rep_row *pair, char *buf, size_t len);
/* Whether field @i of the environment changes from any record to the next. */
bool rep_trend_env_changes(const struct rep_trend *tr, size_t i);

void rep_trend_print_text(const struct rep_trend *tr);
/* 0, or -1 when out of memory. */
int rep_trend_print_json(const struct rep_trend *tr);
void rep_trend_write_html(FILE *f, const struct rep_trend *tr);

#endif
