// SPDX-License-Identifier: GPL-2.0
/* gmemtrace trace's output: one line of text or JSON per event. */
#include "events.h"
#include "json_writer.h"
#include "trace_fmt.h"

void gmt_trace_header(const struct gmt_trace_fmt *t)
{
	if (t->jw)
		return;
	if (t->timestamps)
		fprintf(t->f, "%-12s ", "TIME(s)");
	fprintf(t->f, "%-16s %-7s %-7s %-8s %-18s ", "COMM", "PID", "VM", "INO", "EVENT");
	if (t->durations)
		fprintf(t->f, "%10s ", "DUR(us)");
	fprintf(t->f, "DETAILS\n");
}

static void print_json(struct json_writer *jw, const struct gmt_event *e)
{
	jw_start_object(jw);
	jw_u64_field(jw, "ts_ns", e->ts);
	jw_string_field(jw, "event", gmt_events[e->type].name);
	jw_string_field(jw, "comm", e->comm);
	jw_u64_field(jw, "pid", e->pid);
	jw_u64_field(jw, "tid", e->tid);
	jw_u64_field(jw, "cpu", e->cpu);
	jw_s64_field(jw, "vm_pid", e->vm_pid);
	jw_u64_field(jw, "ino", e->ino);
	gmt_json_fields(jw, e);
	if (gmt_events[e->type].timed)
		jw_u64_field(jw, "dur_ns", e->dur_ns);
	jw_string_field(jw, "source", gmt_source_name(e->source));
	jw_end_object(jw);
	jw_eol(jw);
}

static void print_text(const struct gmt_trace_fmt *t, const struct gmt_event *e)
{
	char details[256];

	if (t->timestamps)
		fprintf(t->f, "%-12.6f ", (e->ts - t->first_ts) / 1e9);
	fprintf(t->f, "%-16.16s %-7u %-7d %-8llu %-18s ", e->comm, e->pid, e->vm_pid, e->ino,
		gmt_events[e->type].name);
	if (t->durations) {
		if (gmt_events[e->type].timed)
			fprintf(t->f, "%10.3f ", e->dur_ns / 1e3);
		else
			fprintf(t->f, "%10s ", "-");
	}
	gmt_format_fields(e, details, sizeof(details));
	fprintf(t->f, "%s\n", details);
}

void gmt_trace_print(struct gmt_trace_fmt *t, const struct gmt_event *e)
{
	if (e->type >= GMT_EV_MAX)
		return;
	if (!t->nr_events++)
		t->first_ts = e->ts;
	if (t->jw)
		print_json(t->jw, e);
	else
		print_text(t, e);
}
