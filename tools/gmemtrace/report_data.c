// SPDX-License-Identifier: GPL-2.0
/*
 * gmemtrace report's data: loading record files with jansson (refusing
 * foreign or truncated ones with one clear line) and comparing them
 * metric by metric: medians against a noise estimate from the spread of
 * the runs, and means by Welch's t-test.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "events.h"
#include "histogram.h"
#include "record.h"
#include "report.h"
#include "tool.h"

#define MAX_FILE	(64 << 20)

/* The environment: where each field is in a record, member of @obj or of the top. */
static const struct {
	const char *name;		/* as report shows it */
	const char *key;		/* in report -j */
	const char *obj, *member;
} env_fields[REP_ENV_FIELDS] = {
	{ "host", "host", NULL, "host" },
	{ "kernel release", "kernel_release", "kernel", "release" },
	{ "kernel config", "kernel_config_sha256", "environment", "kernel_config_sha256" },
	{ "kernel cmdline", "kernel_cmdline", "environment", "kernel_cmdline" },
	{ "cpu model", "cpu_model", "environment", "cpu_model" },
	{ "cpus", "cpus", "environment", "cpus" },
	{ "host kind", "host_kind", "environment", "host_kind" },
	{ "gmemtrace", "gmemtrace", "environment", "gmemtrace" },
	{ "options", "options", "environment", "options" },
	{ "source", "source", NULL, "source" },
	{ "scenario", "scenario", NULL, "scenario" },
	{ "command", "command", NULL, "command" },
};

/* Member @key of object @o as a number, or @def. */
static double num(const json_t *o, const char *key, double def)
{
	json_t *v = json_object_get(o, key);

	return json_is_number(v) ? json_number_value(v) : def;
}

static char *dup_str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return strdup(s ? s : "");
}

static int event_type(const char *name)
{
	unsigned int t;

	for (t = 0; t < GMT_ST_MAX; t++)
		if (!strcmp(gmt_stat_name(t), name))
			return t;
	return -1;
}

static int load_event(const char *path, size_t run, const char *name, const json_t *e,
		      struct rep_event *out)
{
	const json_t *hist = json_object_get(e, "hist_ns");
	size_t i;

	if (!json_is_object(e) || num(e, "count", -1) < 0) {
		gmt_err("%s: run %zu: event '%s' has no count", path, run + 1, name);
		return -1;
	}
	out->present = true;
	out->count = num(e, "count", 0);
	out->errors = num(e, "errors", 0);
	out->sum_ns = num(e, "sum_ns", 0);
	out->max_ns = num(e, "max_ns", 0);
	out->p50_ns = num(e, "p50_ns", 0);
	out->p90_ns = num(e, "p90_ns", 0);
	out->p99_ns = num(e, "p99_ns", 0);
	for (i = 0; i < json_array_size(hist); i++) {
		const json_t *b = json_array_get(hist, i);
		unsigned int slot = gmt_log2_slot((unsigned long long)num(b, "lo", 0));

		if (slot < GMT_HIST_SLOTS)
			out->slots[slot] = num(b, "count", 0);
	}
	return 0;
}

/*
 * Field @i of the environment in @root as text into @out: a string as it
 * is, a number, an array of strings joined by spaces; NULL when absent or
 * of another type.  0, or -1 when out of memory.
 */
static int env_text(const json_t *root, size_t i, char **out)
{
	const json_t *v, *e;
	size_t j, len = 1;
	char text[32];

	v = env_fields[i].obj ? json_object_get(root, env_fields[i].obj) : root;
	v = json_object_get(v, env_fields[i].member);
	*out = NULL;
	if (json_is_string(v)) {
		*out = strdup(json_string_value(v));
	} else if (json_is_number(v)) {
		snprintf(text, sizeof(text), "%.15g", json_number_value(v));
		*out = strdup(text);
	} else if (json_is_array(v)) {
		json_array_foreach(v, j, e)
			len += strlen(json_string_value(e) ?: "") + 1;
		*out = calloc(1, len);
		json_array_foreach(v, j, e) {
			if (!*out)
				break;
			if (j)
				strcat(*out, " ");
			strcat(*out, json_string_value(e) ?: "");
		}
	} else {
		return 0;
	}
	return *out ? 0 : -1;
}

/*
 * The JSON document in @path (jansson), or NULL after one line saying
 * why, with the line and column where parsing stopped.
 */
static json_t *load_json(const char *path)
{
	json_error_t e;
	json_t *root;
	FILE *f;

	f = fopen(path, "r");
	if (!f) {
		gmt_err("%s: %s", path, strerror(errno));
		return NULL;
	}
	/* As reals: the writer's u64 (a histogram's last bound) can pass INT64_MAX. */
	root = json_loadf(f, JSON_REJECT_DUPLICATES | JSON_DECODE_INT_AS_REAL, &e);
	fclose(f);
	if (root)
		return root;
	if (json_error_code(&e) == json_error_premature_end_of_input)
		gmt_err("%s: not a gmemtrace record (bad JSON: line %d, column %d: unexpected end of input (truncated?))",
			path, e.line, e.column);
	else
		gmt_err("%s: not a gmemtrace record (bad JSON: line %d, column %d: %s)", path,
			e.line, e.column, e.text);
	return NULL;
}

int rep_load(const char *path, struct rep_record *r)
{
	const json_t *runs, *evs, *run, *e;
	const char *fmt, *name;
	struct stat st;
	json_t *root;
	size_t i;
	int t, rc = -1;

	memset(r, 0, sizeof(*r));
	r->path = path;
	if (!stat(path, &st) && st.st_size > MAX_FILE) {
		gmt_err("%s: larger than 64 MiB", path);
		return -1;
	}
	root = load_json(path);
	if (!root)
		return -1;
	fmt = json_string_value(json_object_get(root, "format"));
	if (!fmt || strcmp(fmt, GMT_RECORD_FORMAT)) {
		gmt_err("%s: not a gmemtrace record (no \"format\": \"%s\")", path,
			GMT_RECORD_FORMAT);
		goto out;
	}
	if (num(root, "version", -1) != GMT_RECORD_VERSION) {
		gmt_err("%s: record version %g, this gmemtrace reads version %d", path,
			num(root, "version", -1), GMT_RECORD_VERSION);
		goto out;
	}
	runs = json_object_get(root, "runs");
	if (!json_array_size(runs)) {
		gmt_err("%s: the record has no runs", path);
		goto out;
	}
	r->runs = calloc(json_array_size(runs), sizeof(*r->runs));
	if (!r->runs) {
		gmt_err("out of memory");
		goto out;
	}
	r->nruns = json_array_size(runs);
	json_array_foreach(runs, i, run) {
		r->runs[i].wall_ns = num(run, "wall_ns", 0);
		r->runs[i].dropped = num(run, "dropped_updates", 0);
		r->dropped += r->runs[i].dropped;
		evs = json_object_get(run, "events");
		if (r->runs[i].wall_ns <= 0 || !json_is_object(evs)) {
			gmt_err("%s: run %zu has no wall_ns or no events", path, i + 1);
			goto out;
		}
		json_object_foreach((json_t *)evs, name, e) {
			t = event_type(name);
			if (t >= 0 && load_event(path, i, name, e, &r->runs[i].ev[t]))
				goto out;
		}
	}
	r->scenario = dup_str(root, "scenario");
	r->series = dup_str(root, "series");
	r->created = dup_str(root, "created");
	r->host = dup_str(root, "host");
	r->source = dup_str(root, "source");
	r->release = dup_str(json_object_get(root, "kernel"), "release");
	for (i = 0; i < REP_ENV_FIELDS; i++) {
		if (env_text(root, i, &r->env[i])) {
			gmt_err("out of memory");
			goto out;
		}
	}
	rc = 0;
out:
	json_decref(root);
	if (rc)
		rep_free(r);
	return rc;
}

void rep_free(struct rep_record *r)
{
	size_t i;

	free(r->runs);
	free(r->scenario);
	free(r->series);
	free(r->created);
	free(r->host);
	free(r->source);
	free(r->release);
	for (i = 0; i < REP_ENV_FIELDS; i++)
		free(r->env[i]);
	memset(r, 0, sizeof(*r));
}

static double metric_value(const struct rep_run *run, unsigned int t, enum rep_metric m)
{
	const struct rep_event *e = &run->ev[t];

	switch (m) {
	case M_COUNT: return e->count;
	case M_RATE: return e->count / (run->wall_ns / 1e9);
	case M_MEAN: return e->count ? e->sum_ns / e->count : 0;
	case M_P50: return e->p50_ns;
	case M_P99: return e->p99_ns;
	case M_MAX: return e->max_ns;
	}
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The median of @v, sorted in place. */
static double median_of(double *v, size_t n)
{
	qsort(v, n, sizeof(v[0]), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double rep_median(const struct rep_record *r, unsigned int t, enum rep_metric m, double *noise,
		  struct gmt_sample *s)
{
	double v[r->nruns], med;
	size_t i;

	for (i = 0; i < r->nruns; i++)
		v[i] = metric_value(&r->runs[i], t, m);
	if (s)
		gmt_sample_of(v, r->nruns, s);
	med = median_of(v, r->nruns);
	*noise = med ? (v[r->nruns - 1] - v[0]) / 2 / med : 0;
	return med;
}

double rep_rate(const struct rep_record *r, unsigned int type)
{
	double noise;

	return rep_median(r, type, M_RATE, &noise, NULL);
}

void rep_hist_share(const struct rep_record *r, unsigned int type, double *share)
{
	double v[r->nruns], total;
	unsigned int s;
	size_t i;

	for (s = 0; s < GMT_HIST_SLOTS; s++) {
		for (i = 0; i < r->nruns; i++) {
			const struct rep_event *e = &r->runs[i].ev[type];

			total = e->count ? e->count : 1;
			v[i] = e->slots[s] / total;
		}
		share[s] = median_of(v, r->nruns);
	}
}

bool rep_present(const struct rep_record *r, unsigned int t)
{
	size_t i;

	for (i = 0; i < r->nruns; i++)
		if (r->runs[i].ev[t].present)
			return true;
	return false;
}

/* Higher is worse for latencies, lower for rates; counts just change. */
static enum rep_verdict judge(double threshold, const struct rep_row *row)
{
	double limit = fmax(threshold, 2 * row->noise);

	if (row->metric == M_COUNT)
		return row->base == row->cand ? V_SAME : V_CHANGED;
	if (fabs(row->delta) <= limit)
		return V_SAME;
	if (row->metric == M_RATE)
		return row->delta < 0 ? V_REGRESSION : V_IMPROVEMENT;
	return row->delta > 0 ? V_REGRESSION : V_IMPROVEMENT;
}

const enum rep_metric rep_metrics[REP_METRICS] = { M_COUNT, M_RATE, M_MEAN, M_P50, M_P99 };

bool rep_metric_applies(unsigned int t, enum rep_metric m)
{
	if (m >= M_MEAN && !gmt_stat_timed(t))
		return false;
	return t < GMT_EV_MAX || m != M_RATE;
}

void rep_compare_one(const struct rep_record *a, const struct rep_record *b, unsigned int t,
		     enum rep_metric m, double threshold, double alpha, struct rep_row *row)
{
	bool in_a = rep_present(a, t), in_b = rep_present(b, t);
	double na, nb;

	row->type = t;
	row->metric = m;
	row->base = rep_median(a, t, m, &na, &row->sb);
	row->cand = rep_median(b, t, m, &nb, &row->sc);
	row->noise = fmax(na, nb);
	row->delta = row->base ? (row->cand - row->base) / row->base : 0;
	if (in_a != in_b)
		row->verdict = in_b ? V_NEW : V_GONE;
	else
		row->verdict = in_a ? judge(threshold, row) : V_SAME;
	row->change = gmt_rel_change(row->sb.mean, row->sc.mean);
	gmt_welch_test(&row->sb, &row->sc, alpha, &row->welch);
}

int rep_compare(struct rep_report *rep)
{
	unsigned int t;
	size_t m;

	rep->rows = calloc(GMT_ST_MAX * REP_METRICS, sizeof(*rep->rows));
	if (!rep->rows)
		return -1;
	for (t = 0; t < GMT_ST_MAX; t++) {
		if (!rep_present(&rep->base, t) && !rep_present(&rep->cand, t))
			continue;
		for (m = 0; m < REP_METRICS; m++) {
			if (!rep_metric_applies(t, rep_metrics[m]))
				continue;
			rep_compare_one(&rep->base, &rep->cand, t, rep_metrics[m], rep->threshold,
					rep->alpha, &rep->rows[rep->nrows++]);
		}
	}
	return 0;
}

const char *rep_env_name(size_t i)
{
	return env_fields[i].name;
}

const char *rep_env_key(size_t i)
{
	return env_fields[i].key;
}

bool rep_env_field_differs(const struct rep_record *a, const struct rep_record *b, size_t i)
{
	const char *x = a->env[i], *y = b->env[i];

	return x && y ? strcmp(x, y) != 0 : x != y;
}

bool rep_env_differs(const struct rep_report *rep, size_t i)
{
	return rep_env_field_differs(&rep->base, &rep->cand, i);
}

const char *rep_metric_name(enum rep_metric m)
{
	static const char *const names[] = {
		[M_COUNT] = "count/run", [M_RATE] = "rate", [M_MEAN] = "mean",
		[M_P50] = "p50", [M_P99] = "p99", [M_MAX] = "max",
	};

	return names[m];
}

const char *rep_verdict_name(enum rep_verdict v)
{
	static const char *const names[] = {
		[V_SAME] = "~", [V_CHANGED] = "CHANGED", [V_REGRESSION] = "REGRESSION",
		[V_IMPROVEMENT] = "improvement", [V_NEW] = "new", [V_GONE] = "gone",
	};

	return names[v];
}

/* How values of @m near @v are printed: v / *scale, *decimals, then *unit. */
static void unit_for(enum rep_metric m, double v, double *scale, int *decimals,
		     const char **unit)
{
	static const struct {
		double scale;
		const char *unit;
	} units[] = { { 1e9, " s" }, { 1e6, " ms" }, { 1e3, " us" } };
	size_t i;

	*scale = 1;
	*decimals = m == M_RATE;
	*unit = m == M_RATE ? "/s" : "";
	if (m == M_COUNT || m == M_RATE)
		return;
	*unit = " ns";
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (v >= units[i].scale) {
			*scale = units[i].scale;
			*unit = units[i].unit;
			*decimals = 3;
			return;
		}
	}
}

void rep_format(enum rep_metric m, double v, char *buf, size_t len)
{
	const char *unit;
	double scale;
	int dec;

	unit_for(m, v, &scale, &dec, &unit);
	snprintf(buf, len, "%.*f%s", dec, v / scale, unit);
}

void rep_format_short(enum rep_metric m, double v, char *buf, size_t len)
{
	const char *unit;
	double scale;
	int dec;

	unit_for(m, v, &scale, &dec, &unit);
	v /= scale;
	if (fabs(v) >= 100 || v == 0)
		snprintf(buf, len, "%.0f%s", v, unit);
	else
		snprintf(buf, len, "%.3g%s", v, unit);
}

void rep_format_pm(enum rep_metric m, const struct gmt_sample *s, const char *pm, char *buf,
		   size_t len)
{
	const char *unit;
	double scale;
	int dec;

	unit_for(m, s->mean, &scale, &dec, &unit);
	/* A mean count is rarely whole. */
	if (m == M_COUNT)
		dec = 1;
	snprintf(buf, len, "%.*f %s %.*f%s", dec, s->mean / scale, pm, dec, s->sd / scale, unit);
}

void rep_format_change(double change, char *buf, size_t len)
{
	if (isnan(change))
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%+.1f%%", change * 100);
}

void rep_format_p(double p, char *buf, size_t len)
{
	if (isnan(p))
		snprintf(buf, len, "-");
	else if (p < 0.0001)
		snprintf(buf, len, "<0.0001");
	else
		snprintf(buf, len, "%.4f", p);
}
