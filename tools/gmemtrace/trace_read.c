// SPDX-License-Identifier: GPL-2.0
/*
 * gmemtrace trace -r FILE: the records of a trace file (trace -w) through
 * the filters the BPF side applies live (gmt_filter_pass()) and the
 * formatter of live tracing (gmt_trace_print()); --header: what the file
 * says about itself.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "events.h"
#include "json_writer.h"
#include "tool.h"
#include "trace_file.h"
#include "trace_fmt.h"
#include "trace_read.h"

/* The name of the file's event @id, or NULL. */
static const char *event_name(const struct gmt_tf_reader *r, unsigned int id)
{
	unsigned int i;

	for (i = 0; i < r->h.nr_events; i++)
		if (r->events[i].id == id)
			return r->events[i].name;
	return NULL;
}

/* The writer's options as a command line: "-e fault -m 1234 -b 8 --fentry". */
static void options_of(const struct gmt_tf_reader *r, char *buf, size_t len)
{
	const struct gmt_filter *f = &r->h.filter;
	unsigned long long all = 0;
	const char *sep = "-e ";
	size_t n = 0;
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < r->h.nr_events; i++)
		all |= GMT_EV_BIT(r->events[i].id);
	for (i = 0; i < 64 && (f->events & all) != all && n < len; i++) {
		if (!(f->events & GMT_EV_BIT(i)) || !event_name(r, i))
			continue;
		n += snprintf(buf + n, len - n, "%s%s", sep, event_name(r, i));
		sep = ",";
	}
	if (f->tgid && n < len)
		n += snprintf(buf + n, len - n, "%s-p %d", n ? " " : "", f->tgid);
	if (f->vm_pid && n < len)
		n += snprintf(buf + n, len - n, "%s-m %d", n ? " " : "", f->vm_pid);
	if (f->ino && n < len)
		n += snprintf(buf + n, len - n, "%s-i %llu", n ? " " : "", f->ino);
	if (n < len)
		n += snprintf(buf + n, len - n, "%s-b %u", n ? " " : "", r->h.buffer_mb);
	if ((r->h.flags & GMT_TF_ARCH) && n < len)
		n += snprintf(buf + n, len - n, " -A");
	if ((r->h.flags & GMT_TF_FENTRY) && n < len)
		snprintf(buf + n, len - n, " --fentry");
}

/* "2025-11-24T16:00:00.123456789Z" */
static void iso_time(unsigned long long ns, char *buf, size_t len)
{
	time_t s = ns / 1000000000ULL;
	struct tm tm;
	char date[32];

	if (!gmtime_r(&s, &tm) || !strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm)) {
		snprintf(buf, len, "?");
		return;
	}
	snprintf(buf, len, "%s.%09lluZ", date, ns % 1000000000ULL);
}

static const char *clock_name(unsigned int clock)
{
	return clock == CLOCK_MONOTONIC ? "CLOCK_MONOTONIC" : "unknown";
}

static void header_json(const struct gmt_tf_reader *r, struct json_writer *jw,
			const char *options, const char *start)
{
	const struct gmt_tf_header *h = &r->h;
	unsigned int i;

	jw_start_object(jw);
	jw_string_field(jw, "format", "gmemtrace-trace");
	jw_u64_field(jw, "version", h->version);
	jw_u64_field(jw, "record_size", h->record_size);
	jw_string_field(jw, "kernel_release", h->release);
	jw_string_field(jw, "gmemtrace", h->tool);
	jw_string_field(jw, "source", gmt_source_name(h->source));
	jw_string_field(jw, "options", options);
	jw_string_field(jw, "clock", clock_name(h->clock));
	jw_u64_field(jw, "start_ns", h->start_ns);
	jw_u64_field(jw, "start_realtime_ns", h->start_realtime_ns);
	jw_string_field(jw, "start_time", start);
	jw_name(jw, "event_table");
	jw_start_array(jw);
	for (i = 0; i < h->nr_events; i++) {
		jw_start_object(jw);
		jw_string_field(jw, "name", r->events[i].name);
		jw_u64_field(jw, "id", r->events[i].id);
		jw_bool_field(jw, "timed", r->events[i].timed);
		jw_end_object(jw);
	}
	jw_end_array(jw);
	jw_name(jw, "record_layout");
	jw_start_array(jw);
	for (i = 0; i < h->nr_fields; i++) {
		jw_start_object(jw);
		jw_string_field(jw, "name", r->fields[i].name);
		jw_u64_field(jw, "offset", r->fields[i].offset);
		jw_u64_field(jw, "size", r->fields[i].size);
		jw_end_object(jw);
	}
	jw_end_array(jw);
	jw_bool_field(jw, "finished", r->finished);
	jw_u64_field(jw, "records", r->nr_records);
	jw_name(jw, "lost");
	if (r->finished)
		jw_u64(jw, r->trailer.nr_lost);
	else
		jw_null(jw);
	jw_name(jw, "end_ns");
	if (r->finished)
		jw_u64(jw, r->trailer.end_ns);
	else
		jw_null(jw);
	jw_end_object(jw);
	jw_eol(jw);
}

static void header_text(const struct gmt_tf_reader *r, FILE *f, const char *path,
			const char *options, const char *start)
{
	const struct gmt_tf_header *h = &r->h;
	unsigned long long end = r->trailer.end_ns;
	unsigned int i;

	fprintf(f, "%-12s %s\n", "file", path);
	fprintf(f, "%-12s gmemtrace trace file version %u, records of %u bytes\n", "format",
		h->version, h->record_size);
	fprintf(f, "%-12s %s\n", "kernel", h->release);
	fprintf(f, "%-12s %s\n", "gmemtrace", h->tool);
	fprintf(f, "%-12s %s\n", "source", gmt_source_name(h->source));
	fprintf(f, "%-12s %s\n", "options", options);
	fprintf(f, "%-12s %s\n", "clock", clock_name(h->clock));
	fprintf(f, "%-12s %llu.%09llu s, %s\n", "start", h->start_ns / 1000000000ULL,
		h->start_ns % 1000000000ULL, start);
	fprintf(f, "%-12s", "events");
	for (i = 0; i < h->nr_events; i++)
		fprintf(f, " %s=%u", r->events[i].name, r->events[i].id);
	fputc('\n', f);
	if (!r->finished) {
		fprintf(f, "%-12s %llu read, no trailer\n", "records", r->nr_records);
		return;
	}
	fprintf(f, "%-12s %llu.%09llu s (%.6f s after the start)\n", "end",
		end / 1000000000ULL, end % 1000000000ULL, ((double)end - h->start_ns) / 1e9);
	fprintf(f, "%-12s %llu\n", "records", r->nr_records);
	fprintf(f, "%-12s %llu\n", "lost", (unsigned long long)r->trailer.nr_lost);
}

static void print_header(const struct gmt_tf_reader *r, struct gmt_trace_fmt *fmt,
			 const char *path)
{
	char options[2048], start[64];

	options_of(r, options, sizeof(options));
	iso_time(r->h.start_realtime_ns, start, sizeof(start));
	if (fmt->jw)
		header_json(r, fmt->jw, options, start);
	else
		header_text(r, fmt->f, path, options, start);
}

int gmt_trace_read(const char *path, const struct gmt_opts *o, struct gmt_trace_fmt *fmt,
		   bool header)
{
	bool in = !strcmp(path, "-");
	struct gmt_tf_reader r;
	struct gmt_filter filter;
	struct gmt_event e;
	int ret, rc = 1;
	FILE *f;

	f = in ? fdopen(fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 0), "r") : fopen(path, "re");
	path = in ? "standard input" : path;
	if (!f) {
		gmt_err("%s: %s", path, strerror(errno));
		return 1;
	}
	setvbuf(f, NULL, _IOFBF, 1 << 18);
	if (gmt_tf_read_header(&r, f)) {
		gmt_err("%s: %s", path, r.err);
		goto out;
	}
	gmt_opts_filter(o, &filter);
	if (!header)
		gmt_trace_header(fmt);
	while ((ret = gmt_tf_read_record(&r, &e)) > 0)
		if (!header && gmt_filter_pass(&filter, e.type, e.pid, e.vm_pid, e.ino))
			gmt_trace_print(fmt, &e);
	if (header)
		print_header(&r, fmt, path);
	/* The records first, then what went wrong. */
	fflush(fmt->f);
	if (r.nr_unknown)
		gmt_warn("%s: %llu records of events this gmemtrace does not know, not printed",
			 path, r.nr_unknown);
	if (ret < 0) {
		gmt_err("%s: %s", path, r.err);
		goto out;
	}
	if (r.trailer.nr_lost && !header)
		gmt_warn("%s: %llu events lost when it was written (ring buffer full); %llu printed",
			 path, (unsigned long long)r.trailer.nr_lost, fmt->nr_events);
	rc = 0;
out:
	gmt_tf_reader_free(&r);
	fclose(f);
	return rc;
}
