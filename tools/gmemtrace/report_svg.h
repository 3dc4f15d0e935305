/* SPDX-License-Identifier: GPL-2.0 */
/* gmemtrace report's pages: what the two-record page and the trend page share. */
#ifndef GMT_REPORT_SVG_H
#define GMT_REPORT_SVG_H

#include <stddef.h>
#include <stdio.h>

#define BASE_COLOR	"#4e79a7"
#define CAND_COLOR	"#f28e2b"

/* Axis labels: 11px text, turned this many degrees. */
#define REP_SVG_LABEL_ANGLE	45

/* @s with HTML's special characters escaped. */
void rep_html_esc(FILE *f, const char *s);
/* The page up to <body>: "gmemtrace report: @title" and the style, with @css added. */
void rep_html_head(FILE *f, const char *title, const char *css);
/* "a-long…name.json": @s cut in the middle to at most @max characters. */
void rep_abbrev(const char *s, size_t max, char *buf, size_t len);
/*
 * An x axis label whose end is at (@x, @y), turned up to the left so that
 * neighbours do not overlap; @full, when not NULL, as its tooltip.
 */
void rep_svg_xlabel(FILE *f, double x, double y, const char *text, const char *full);
/* A value on a chart: @text at (@x, @y), turned upright when @vertical. */
void rep_svg_value(FILE *f, const char *cls, double x, double y, int vertical, const char *text);

#endif
