// SPDX-License-Identifier: GPL-2.0
/*
 * gmemtrace report's pages, what they share: escaping, the head and its
 * style, and the labels of inline SVG charts, turned and shortened so that
 * neighbours never overlap.
 */
#include <string.h>

#include "report_svg.h"

void rep_html_esc(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		default: fputc(*s, f);
		}
	}
}

void rep_html_head(FILE *f, const char *title, const char *css)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>gmemtrace report: ", f);
	rep_html_esc(f, title);
	fputs("</title>\n<style>\n"
	      "body{font:14px/1.4 system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222}\n"
	      "table{border-collapse:collapse;margin:1em 0}td,th{padding:3px 10px;text-align:right;"
	      "border-bottom:1px solid #ddd}th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}\n"
	      ".REGRESSION{background:#fdd;font-weight:bold}.CHANGED{background:#ffe6b3}"
	      ".improvement{background:#dfd}.significant td:last-child{font-weight:bold}\n"
	      ".differs{background:#ffe6b3}.differs td:first-child b{color:#b00}\n"
	      "#environment td,#environment th{text-align:left}"
	      "#environment td:first-child{white-space:nowrap}"
	      "#environment td+td{overflow-wrap:anywhere}\n"
	      ".key span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px}\n"
	      "svg text{font:11px sans-serif}svg text.value{font-size:10px;fill:#444}\n", f);
	fputs(css, f);
	fputs("</style></head><body>\n", f);
}

/* @i, or before it the start of the UTF-8 character @i is in. */
static size_t char_start(const char *s, size_t i)
{
	while (i && (s[i] & 0xc0) == 0x80)
		i--;
	return i;
}

void rep_abbrev(const char *s, size_t max, char *buf, size_t len)
{
	size_t n = strlen(s), head, tail;

	if (n <= max || max < 3) {
		snprintf(buf, len, "%s", s);
		return;
	}
	/* Keep more of the end: the part of a file name that tells records apart. */
	head = char_start(s, (max - 1) / 3);
	tail = char_start(s, n - (max - 1 - head));
	snprintf(buf, len, "%.*s\u2026%s", (int)head, s, s + tail);
}

void rep_svg_xlabel(FILE *f, double x, double y, const char *text, const char *full)
{
	fprintf(f, "<text class=\"axis-label\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" "
		"transform=\"rotate(-%d %.1f %.1f)\">", x, y, REP_SVG_LABEL_ANGLE, x, y);
	rep_html_esc(f, text);
	if (full) {
		fputs("<title>", f);
		rep_html_esc(f, full);
		fputs("</title>", f);
	}
	fputs("</text>\n", f);
}

void rep_svg_value(FILE *f, const char *cls, double x, double y, int vertical, const char *text)
{
	fprintf(f, "<text class=\"value %s\" x=\"%.1f\" y=\"%.1f\"", cls, x, y);
	if (vertical)
		fprintf(f, " transform=\"rotate(-90 %.1f %.1f)\"", x, y);
	fputc('>', f);
	rep_html_esc(f, text);
	fputs("</text>\n", f);
}
