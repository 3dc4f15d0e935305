// SPDX-License-Identifier: GPL-2.0
/*
 * tools/gmemtrace/report_svg.c: escaping, labels cut in the middle (never
 * inside a UTF-8 character), and the SVG of a turned axis label and of a
 * value.
 */
#include <stdlib.h>

#include "report_svg.h"
#include "unit.h"

/* What @call writes to f, as a string (valid until the next CAPTURE). */
#define CAPTURE(call) ({						\
	static char *buf_;						\
	size_t len_;							\
	FILE *f;							\
									\
	free(buf_);							\
	buf_ = NULL;							\
	f = open_memstream(&buf_, &len_);				\
	call;								\
	fclose(f);							\
	buf_;								\
})

static void abbrev(const char *name, const char *s, size_t max, const char *want)
{
	char buf[128];

	rep_abbrev(s, max, buf, sizeof(buf));
	unit_check_str(name, buf, want);
}

int main(void)
{
	abbrev("report_svg:abbrev-short", "1 1-default.json", 18, "1 1-default.json");
	abbrev("report_svg:abbrev-exact", "123456789012345678", 18, "123456789012345678");
	/* 18: 5 characters before the ellipsis, 12 after: more of the end. */
	abbrev("report_svg:abbrev-long", "12 gmemtrace-record-commit-12-e3ff624a4de9.json", 18,
	       "12 gm\u202624a4de9.json");
	/* Ten 2-byte ä: byte 3 is inside the second, the cut moves to its start. */
	abbrev("report_svg:abbrev-utf8",
	       "\u00e4\u00e4\u00e4\u00e4\u00e4\u00e4\u00e4\u00e4\u00e4\u00e4.json", 10,
	       "\u00e4\u2026\u00e4.json");
	unit_check_str("report_svg:esc", CAPTURE(rep_html_esc(f, "<a href=\"x\">&</a>")),
		       "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
	unit_check_str("report_svg:xlabel",
		       CAPTURE(rep_svg_xlabel(f, 82, 190.5, "1 a<b", "1 a<b (x/a<b)")),
		       "<text class=\"axis-label\" x=\"82.0\" y=\"190.5\" text-anchor=\"end\" "
		       "transform=\"rotate(-45 82.0 190.5)\">1 a&lt;b<title>1 a&lt;b (x/a&lt;b)</title></text>\n");
	unit_check_str("report_svg:xlabel-no-title", CAPTURE(rep_svg_xlabel(f, 1, 2, "x", NULL)),
		       "<text class=\"axis-label\" x=\"1.0\" y=\"2.0\" text-anchor=\"end\" "
		       "transform=\"rotate(-45 1.0 2.0)\">x</text>\n");
	unit_check_str("report_svg:value",
		       CAPTURE(rep_svg_value(f, "value-cand", 150.5, 33, 1, "81.2%")),
		       "<text class=\"value value-cand\" x=\"150.5\" y=\"33.0\" "
		       "transform=\"rotate(-90 150.5 33.0)\">81.2%</text>\n");
	return unit_exit();
}
