/* SPDX-License-Identifier: GPL-2.0 */
/* gmemtrace stat's text and JSON reports: functions of a snapshot. */
#ifndef GMT_STAT_FMT_H
#define GMT_STAT_FMT_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>
#include <linux/types.h>

#include "snapshot.h"

struct json_writer;

/* What a report shows of a snapshot, and when it was taken. */
struct gmt_stat_view {
	__u64 events;			/* GMT_EV_BIT()s shown */
	bool no_hist;			/* -H */
	unsigned long long interval_s;	/* 0: one report at the end */
	time_t now;
};

/* The per-VM tables, the lost updates and, unless no_hist, histograms. */
void gmt_stat_text(FILE *f, const struct gmt_snapshot *snap, const struct gmt_stat_view *view);
/* One JSON object (docs/json.md), then a newline. */
void gmt_stat_json(struct json_writer *jw, const struct gmt_snapshot *snap,
		   const struct gmt_stat_view *view);
/* "NAME": {count, errors[, sum_ns, max_ns, p50/p90/p99_ns, hist_ns]}. */
void gmt_stat_val_json(struct json_writer *jw, unsigned int type, const struct gmt_stat_val *v);

#endif
