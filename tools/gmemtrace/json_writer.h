/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Streaming JSON writer.  Values go straight to a FILE; commas between
 * elements are inserted automatically.  Compact output (one line per
 * top-level value) by default, indented output with jw_pretty().
 *
 * Several top-level values may be written to one stream (JSON Lines): end
 * each with jw_eol().  No comma is ever written between top-level values.
 *
 * Every function accepts a NULL writer and then does nothing.  Write errors
 * are not reported here; check ferror() on the stream.
 */
#ifndef GMEMTRACE_JSON_WRITER_H
#define GMEMTRACE_JSON_WRITER_H

#include <stdbool.h>
#include <stdio.h>

struct json_writer;

/* NULL with errno set on failure (ENOMEM, or EINVAL for a NULL @f). */
struct json_writer *jw_new(FILE *f);
/* Flushes the stream (which stays open), frees the writer, sets *jw = NULL. */
void jw_destroy(struct json_writer **jw);
/* Off by default: compact, one line.  On: four-space indentation. */
void jw_pretty(struct json_writer *jw, bool on);

void jw_start_object(struct json_writer *jw);
void jw_end_object(struct json_writer *jw);
void jw_start_array(struct json_writer *jw);
void jw_end_array(struct json_writer *jw);

/* Key of the next value inside an object. */
void jw_name(struct json_writer *jw, const char *name);

/* A NULL @s is written as null. */
void jw_string(struct json_writer *jw, const char *s);
void jw_u64(struct json_writer *jw, unsigned long long v);
void jw_s64(struct json_writer *jw, long long v);
/* "%.6g"; NaN and infinities are written as null. */
void jw_float(struct json_writer *jw, double v);
void jw_bool(struct json_writer *jw, bool v);
void jw_null(struct json_writer *jw);

/* Name and value in one call. */
void jw_string_field(struct json_writer *jw, const char *name, const char *s);
void jw_u64_field(struct json_writer *jw, const char *name,
		  unsigned long long v);
void jw_s64_field(struct json_writer *jw, const char *name, long long v);
void jw_float_field(struct json_writer *jw, const char *name, double v);
void jw_bool_field(struct json_writer *jw, const char *name, bool v);
/* The value as a string: "0x1a2b". */
void jw_hex_field(struct json_writer *jw, const char *name,
		  unsigned long long v);

/* "\n" and fflush(): ends a top-level value in a JSON Lines stream. */
void jw_eol(struct json_writer *jw);

#endif
