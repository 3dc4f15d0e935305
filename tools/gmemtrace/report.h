/* SPDX-License-Identifier: GPL-2.0 */
/* gmemtrace report: two record files compared, metric by metric. */
#ifndef GMT_REPORT_H
#define GMT_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "gmemtrace.h"
#include "stats.h"

/* One event (or statistic) in one run of a record. */
struct rep_event {
	bool present;
	double count, errors, sum_ns, max_ns, p50_ns, p90_ns, p99_ns;
	unsigned long long slots[GMT_HIST_SLOTS];
};

struct rep_run {
	double wall_ns;
	double dropped;			/* updates lost: its counts are low */
	struct rep_event ev[GMT_ST_MAX];
};

/* Fields of a record's environment report shows (rep_env_name()). */
#define REP_ENV_FIELDS	12

/* A record file, loaded. */
struct rep_record {
	const char *path;
	char *scenario, *release, *series, *created, *host, *source;
	size_t nruns;
	struct rep_run *runs;
	double dropped;			/* over every run */
	char *env[REP_ENV_FIELDS];	/* as text; NULL when the file does not say */
};

enum rep_metric { M_COUNT, M_RATE, M_MEAN, M_P50, M_P99, M_MAX };

/* The metrics a report compares, in its order. */
#define REP_METRICS	5
extern const enum rep_metric rep_metrics[REP_METRICS];

enum rep_verdict { V_SAME, V_CHANGED, V_REGRESSION, V_IMPROVEMENT, V_NEW, V_GONE };

/*
 * A metric of an event in both records: medians over the runs and noise,
 * means and standard deviations, and Welch's test of the means.
 */
struct rep_row {
	unsigned int type;
	enum rep_metric metric;
	double base, cand;		/* medians */
	double delta;			/* (cand - base) / base, 0 if base is 0 */
	double noise;			/* relative half-spread, the larger of the two */
	enum rep_verdict verdict;
	struct gmt_sample sb, sc;	/* base's and cand's runs */
	double change;			/* of the means, relative; NaN if only base's is 0 */
	struct gmt_welch welch;		/* cand's mean against base's, at @alpha */
};

struct rep_report {
	struct rep_record base, cand;
	double threshold;		/* smallest relative change flagged */
	double alpha;			/* significance level of Welch's test */
	struct rep_row *rows;
	size_t nrows;
};

/* Load @path; 0, or -1 after a one-line error naming the file. */
int rep_load(const char *path, struct rep_record *r);
void rep_free(struct rep_record *r);
/* Compare base and cand into rows; -1 when out of memory. */
int rep_compare(struct rep_report *rep);
/* Whether a report has a row for @m of @t (a rate, a latency: not for every statistic). */
bool rep_metric_applies(unsigned int t, enum rep_metric m);
/* Whether any run of @r has @t. */
bool rep_present(const struct rep_record *r, unsigned int t);
/*
 * Median of @m over the runs; the relative half-spread goes to @noise,
 * the mean and standard deviation to @s when not NULL.
 */
double rep_median(const struct rep_record *r, unsigned int t, enum rep_metric m, double *noise,
		  struct gmt_sample *s);
/* One row: @m of @t in @a (base) against @b (cand), verdict and Welch's test. */
void rep_compare_one(const struct rep_record *a, const struct rep_record *b, unsigned int t,
		     enum rep_metric m, double threshold, double alpha, struct rep_row *row);

/* "kernel config": field @i of the environment, for people. */
const char *rep_env_name(size_t i);
/* "kernel_config_sha256": its name in JSON. */
const char *rep_env_key(size_t i);
/* Whether base and cand differ in it (or only one says). */
bool rep_env_differs(const struct rep_report *rep, size_t i);
/* Whether @a and @b differ in field @i (or only one says). */
bool rep_env_field_differs(const struct rep_record *a, const struct rep_record *b, size_t i);

const char *rep_metric_name(enum rep_metric m);
const char *rep_verdict_name(enum rep_verdict v);
/* "1.23 us", "16", "512.0/s": a value of @metric for people. */
void rep_format(enum rep_metric m, double v, char *buf, size_t len);
/* "16.4 us", "1.05 ms", "8.5/s": three significant digits (or whole), for charts. */
void rep_format_short(enum rep_metric m, double v, char *buf, size_t len);
/* "37.499 +- 2.105 us": a mean and standard deviation, in the mean's unit, @pm between. */
void rep_format_pm(enum rep_metric m, const struct gmt_sample *s, const char *pm, char *buf,
		   size_t len);
/* "+12.3%", or "-" when there is none (NaN). */
void rep_format_change(double change, char *buf, size_t len);
/* "0.0123", "<0.0001", or "-" when there is none (NaN). */
void rep_format_p(double p, char *buf, size_t len);
/* Median over the runs of @type's histogram share per slot (0..1), for charts. */
void rep_hist_share(const struct rep_record *r, unsigned int type, double *share);
/* Median over the runs of @type's rate per second. */
double rep_rate(const struct rep_record *r, unsigned int type);

void rep_write_html(FILE *f, const struct rep_report *rep);

struct json_writer;
/* Members of an object: @r's path, scenario, kernel, runs and environment. */
void rep_json_record(struct json_writer *jw, const struct rep_record *r);
/* Members of an object: @r's change of the means and Welch's test of it. */
void rep_json_test(struct json_writer *jw, const struct rep_row *r);

#endif
