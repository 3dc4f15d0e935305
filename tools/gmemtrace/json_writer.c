// SPDX-License-Identifier: GPL-2.0
/*
 * Streaming JSON writer.
 *
 * Only two facts are needed to place commas: whether the innermost open
 * container already holds an element, and whether a name was just written
 * (its value then follows the colon directly).  When a container is closed
 * its parent always holds at least that container, so no per-level stack is
 * kept and nesting depth is limited only by the width of @depth.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "json_writer.h"

#define JW_INDENT	4

struct json_writer {
	FILE *f;
	unsigned int depth;	/* open containers */
	bool first;		/* innermost container has no element yet */
	bool after_name;	/* a name was written, its value comes next */
	bool pretty;
};

struct json_writer *jw_new(FILE *f)
{
	struct json_writer *jw;

	if (!f) {
		errno = EINVAL;
		return NULL;
	}
	jw = calloc(1, sizeof(*jw));
	if (!jw)
		return NULL;
	jw->f = f;
	jw->first = true;
	return jw;
}

void jw_destroy(struct json_writer **jw)
{
	if (!jw || !*jw)
		return;
	fflush((*jw)->f);
	free(*jw);
	*jw = NULL;
}

void jw_pretty(struct json_writer *jw, bool on)
{
	if (jw)
		jw->pretty = on;
}

static void jw_newline(struct json_writer *jw)
{
	unsigned long n = (unsigned long)jw->depth * JW_INDENT;

	fputc('\n', jw->f);
	while (n--)
		fputc(' ', jw->f);
}

/* Whatever goes before a name or a value at the current position. */
static void jw_sep(struct json_writer *jw)
{
	if (jw->after_name) {
		jw->after_name = false;
		return;
	}
	/* Top-level values are separated by jw_eol(), never by commas. */
	if (!jw->depth)
		return;
	if (!jw->first)
		fputc(',', jw->f);
	if (jw->pretty)
		jw_newline(jw);
	jw->first = false;
}

static void jw_start(struct json_writer *jw, char c)
{
	if (!jw)
		return;
	jw_sep(jw);
	fputc(c, jw->f);
	if (jw->depth < ~0U)
		jw->depth++;
	jw->first = true;
}

static void jw_end(struct json_writer *jw, char c)
{
	if (!jw)
		return;
	/* An end without a matching start is ignored. */
	if (!jw->depth)
		return;
	jw->after_name = false;
	jw->depth--;
	if (jw->pretty && !jw->first)
		jw_newline(jw);
	fputc(c, jw->f);
	jw->first = false;
}

void jw_start_object(struct json_writer *jw)
{
	jw_start(jw, '{');
}

void jw_end_object(struct json_writer *jw)
{
	jw_end(jw, '}');
}

void jw_start_array(struct json_writer *jw)
{
	jw_start(jw, '[');
}

void jw_end_array(struct json_writer *jw)
{
	jw_end(jw, ']');
}

/*
 * The length of the well-formed UTF-8 sequence at @p (RFC 3629: no
 * overlong forms, surrogates or code points above U+10FFFF), or 0.
 */
static int utf8_len(const unsigned char *p)
{
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		return (p[1] & 0xc0) == 0x80 ? 2 : 0;
	if (p[0] >= 0xe0 && p[0] <= 0xef) {
		if ((p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80 ||
		    (p[0] == 0xe0 && p[1] < 0xa0) || (p[0] == 0xed && p[1] > 0x9f))
			return 0;
		return 3;
	}
	if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		if ((p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80 || (p[3] & 0xc0) != 0x80 ||
		    (p[0] == 0xf0 && p[1] < 0x90) || (p[0] == 0xf4 && p[1] > 0x8f))
			return 0;
		return 4;
	}
	return 0;
}

/*
 * RFC 8259 section 7: quote, backslash and C0 controls are escaped.  JSON
 * text is UTF-8 (section 8.1): a byte that starts no valid sequence (a
 * Latin-1 command line, say) is written as the code point of the same
 * value, \u00XX, so that readers accept the document.
 */
static void jw_quote(FILE *f, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s, *run = p;
	int n;

	fputc('"', f);
	for (; *p; p++) {
		if (*p >= 0x80 && (n = utf8_len(p))) {
			p += n - 1;
			continue;
		}
		if (*p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
			continue;
		/* What needs no escaping goes out in one piece. */
		fwrite(run, 1, p - run, f);
		run = p + 1;
		switch (*p) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\b':
			fputs("\\b", f);
			break;
		case '\f':
			fputs("\\f", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			fputs("\\u00", f);
			fputc(hex[*p >> 4], f);
			fputc(hex[*p & 0xf], f);
		}
	}
	fwrite(run, 1, p - run, f);
	fputc('"', f);
}

void jw_name(struct json_writer *jw, const char *name)
{
	if (!jw)
		return;
	jw_sep(jw);
	jw_quote(jw->f, name ? name : "");
	fputc(':', jw->f);
	if (jw->pretty)
		fputc(' ', jw->f);
	jw->after_name = true;
}

/* A scalar written as-is. */
static void jw_raw(struct json_writer *jw, const char *text)
{
	if (!jw)
		return;
	jw_sep(jw);
	fputs(text, jw->f);
}

void jw_string(struct json_writer *jw, const char *s)
{
	if (!jw)
		return;
	if (!s) {
		jw_null(jw);
		return;
	}
	jw_sep(jw);
	jw_quote(jw->f, s);
}

/* @v in decimal, ending at @end (which gets the NUL): its first digit. */
static char *u64_dec(char *end, unsigned long long v)
{
	*end = '\0';
	do {
		*--end = '0' + v % 10;
		v /= 10;
	} while (v);
	return end;
}

void jw_u64(struct json_writer *jw, unsigned long long v)
{
	char buf[24];

	jw_raw(jw, u64_dec(buf + sizeof(buf) - 1, v));
}

void jw_s64(struct json_writer *jw, long long v)
{
	char buf[24], *p;

	p = u64_dec(buf + sizeof(buf) - 1, v < 0 ? -(unsigned long long)v : (unsigned long long)v);
	if (v < 0)
		*--p = '-';
	jw_raw(jw, p);
}

void jw_float(struct json_writer *jw, double v)
{
	char buf[32], *p;

	if (!isfinite(v)) {
		jw_null(jw);
		return;
	}
	snprintf(buf, sizeof(buf), "%.6g", v);
	/* A locale with a decimal comma must not leak into the JSON. */
	for (p = buf; *p; p++)
		if (*p == ',')
			*p = '.';
	jw_raw(jw, buf);
}

void jw_bool(struct json_writer *jw, bool v)
{
	jw_raw(jw, v ? "true" : "false");
}

void jw_null(struct json_writer *jw)
{
	jw_raw(jw, "null");
}

void jw_string_field(struct json_writer *jw, const char *name, const char *s)
{
	jw_name(jw, name);
	jw_string(jw, s);
}

void jw_u64_field(struct json_writer *jw, const char *name,
		  unsigned long long v)
{
	jw_name(jw, name);
	jw_u64(jw, v);
}

void jw_s64_field(struct json_writer *jw, const char *name, long long v)
{
	jw_name(jw, name);
	jw_s64(jw, v);
}

void jw_float_field(struct json_writer *jw, const char *name, double v)
{
	jw_name(jw, name);
	jw_float(jw, v);
}

void jw_bool_field(struct json_writer *jw, const char *name, bool v)
{
	jw_name(jw, name);
	jw_bool(jw, v);
}

void jw_hex_field(struct json_writer *jw, const char *name,
		  unsigned long long v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "0x%llx", v);
	jw_string_field(jw, name, buf);
}

void jw_eol(struct json_writer *jw)
{
	if (!jw)
		return;
	fputc('\n', jw->f);
	/* A dangling name does not carry over to the next value. */
	jw->after_name = false;
}
