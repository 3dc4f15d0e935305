// SPDX-License-Identifier: GPL-2.0
/* tools/gmemtrace/trace_fmt.c: trace's text and JSON lines. */
#include <stdlib.h>
#include <string.h>

#include "json_writer.h"
#include "trace_fmt.h"
#include "unit.h"

static const struct gmt_event punch = {
	.ts = 5000001000ULL, .ino = 1234, .dur_ns = 2500, .start = 0, .end = 1,
	.vm_pid = 77, .type = GMT_EV_PUNCH_HOLE, .pid = 77, .tid = 78, .cpu = 1,
	.source = GMT_SRC_TRACEPOINT, .comm = "gmem-workload",
};

/* @t's output for @e, as a string the caller frees. */
static char *fmt(struct gmt_trace_fmt *t, const struct gmt_event *e, bool header)
{
	char *buf = NULL;
	size_t len = 0;

	t->f = open_memstream(&buf, &len);
	if (t->jw)
		t->jw = jw_new(t->f);
	if (header)
		gmt_trace_header(t);
	gmt_trace_print(t, e);
	jw_destroy(&t->jw);
	fclose(t->f);
	return buf;
}

int main(void)
{
	struct gmt_trace_fmt t = { 0 };
	struct gmt_event bad = punch;
	char *s;

	s = fmt(&t, &punch, true);
	CHECK_STR("trace_fmt:text",  s,
		  "COMM             PID     VM      INO      EVENT              DETAILS\n"
		  "gmem-workload    77      77      1234     punch_hole         start=0 end=0x1 ret=0\n");
	free(s);

	memset(&t, 0, sizeof(t));
	t.timestamps = t.durations = true;
	s = fmt(&t, &punch, false);
	CHECK_STR("trace_fmt:text-T-d", s,
		  "0.000000     gmem-workload    77      77      1234     punch_hole              2.500 start=0 end=0x1 ret=0\n");
	free(s);
	CHECK_U64("trace_fmt:count", t.nr_events, 1);

	memset(&t, 0, sizeof(t));
	t.jw = (struct json_writer *)1;	/* fmt() makes a real one */
	s = fmt(&t, &punch, true);
	CHECK_STR("trace_fmt:json", s,
		  "{\"ts_ns\":5000001000,\"event\":\"punch_hole\",\"comm\":\"gmem-workload\","
		  "\"pid\":77,\"tid\":78,\"cpu\":1,\"vm_pid\":77,\"ino\":1234,\"start\":0,"
		  "\"end\":1,\"ret\":0,\"dur_ns\":2500,\"source\":\"tracepoint\"}\n");
	free(s);

	memset(&t, 0, sizeof(t));
	bad.type = GMT_EV_MAX;
	s = fmt(&t, &bad, false);
	CHECK_STR("trace_fmt:unknown-type-skipped", s, "");
	free(s);
	CHECK_U64("trace_fmt:unknown-type-not-counted", t.nr_events, 0);
	return unit_exit();
}
