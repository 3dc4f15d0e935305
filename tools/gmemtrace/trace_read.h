/* SPDX-License-Identifier: GPL-2.0 */
/* gmemtrace trace -r FILE: the events of a trace file, as trace prints them. */
#ifndef GMT_TRACE_READ_H
#define GMT_TRACE_READ_H

#include <stdbool.h>

struct gmt_opts;
struct gmt_trace_fmt;

/*
 * Print the records of the trace file @path that pass the filters of @o
 * through @fmt, as live tracing prints them; with @header, what the file
 * says about itself instead.  The exit status: 0, or 1 after one line
 * saying what is wrong with the file (the records before a truncation
 * are printed first).
 */
int gmt_trace_read(const char *path, const struct gmt_opts *o, struct gmt_trace_fmt *fmt,
		   bool header);

#endif
