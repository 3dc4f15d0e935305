/* SPDX-License-Identifier: GPL-2.0 */
/* gmemtrace trace's output: one line of text or JSON per event. */
#ifndef GMT_TRACE_FMT_H
#define GMT_TRACE_FMT_H

#include <stdbool.h>
#include <stdio.h>

#include "gmemtrace.h"

struct json_writer;

struct gmt_trace_fmt {
	FILE *f;
	struct json_writer *jw;		/* JSON lines, or NULL for text */
	bool timestamps;		/* -T: a time column */
	bool durations;			/* -d: a duration column */
	unsigned long long nr_events;
	unsigned long long first_ts;	/* monotonic ns of the first event */
};

/* The column header of the text output (nothing for JSON). */
void gmt_trace_header(const struct gmt_trace_fmt *t);
/* One event, as a line. */
void gmt_trace_print(struct gmt_trace_fmt *t, const struct gmt_event *e);

#endif
