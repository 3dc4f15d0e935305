// SPDX-License-Identifier: GPL-2.0
/* tools/gmemtrace/stat_fmt.c: stat's text and JSON of a snapshot. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "json_writer.h"
#include "snap.h"
#include "stat_fmt.h"
#include "unit.h"

int main(void)
{
	struct gmt_snapshot snap = unit_snapshot();
	struct gmt_stat_view view = { .events = GMT_EV_ALL, .no_hist = true, .now = 3661 };
	struct json_writer *jw;
	FILE *f = tmpfile();

	setenv("TZ", "UTC", 1);
	tzset();
	gmt_stat_text(f, &snap, &view);
	CHECK_STR("stat-fmt:text", unit_slurp(f),
		  "01:01:01\n"
		  "\nno VM known (reclaims of pfns whose make_private was not seen):\n"
		  "  EVENT                   COUNT   ERRORS    AVG(us)    P99(us)    MAX(us)\n"
		  "  arch_reclaim                2        0          -          -          -\n"
		  "\nVM 42: arch-private pfns now 16, huge coverage 100.0% (512 of 512 private pages)\n"
		  "  EVENT                   COUNT   ERRORS    AVG(us)    P99(us)    MAX(us)\n"
		  "  create                      1        0          -          -          -\n"
		  "  get_pfn                     3        1      2.000      3.000      3.000\n"
		  "\ndropped updates: 5 (an in-kernel map was full: counts are low)\n");

	/* -e: only the events asked for. */
	fclose(f);
	f = tmpfile();
	jw = jw_new(f);
	view.events = GMT_EV_BIT(GMT_EV_GET_PFN);
	view.interval_s = 1;
	gmt_stat_json(jw, &snap, &view);
	jw_destroy(&jw);
	fflush(f);
	CHECK_STR("stat-fmt:json", unit_slurp(f),
		  "{\"time_s\":3661,\"interval_s\":1,\"dropped_updates\":5,\"dropped\":5,\"vms\":["
		  "{\"vm_pid\":0,\"arch_private_pfns\":0,\"stats\":{}},"
		  "{\"vm_pid\":42,\"arch_private_pfns\":16,\"private_pages\":512,"
		  "\"private_huge_pages\":512,\"stats\":{\"get_pfn\":{\"count\":3,\"errors\":1,"
		  "\"sum_ns\":6000,\"max_ns\":3000,\"p50_ns\":2047,\"p90_ns\":3000,\"p99_ns\":3000,"
		  "\"hist_ns\":[{\"lo\":512,\"hi\":1023,\"count\":1},{\"lo\":1024,\"hi\":2047,"
		  "\"count\":1},{\"lo\":2048,\"hi\":4095,\"count\":1}]}}}]}\n");
	fclose(f);

	/* Without -A: no arch-private figure, rather than one of 0. */
	snap.arch = false;
	view.events = GMT_EV_ALL;
	f = tmpfile();
	gmt_stat_text(f, &snap, &view);
	CHECK_STR("stat-fmt:text-no-arch", unit_slurp(f),
		  "01:01:01\n"
		  "\nno VM known (reclaims: -A attributes them):\n"
		  "  EVENT                   COUNT   ERRORS    AVG(us)    P99(us)    MAX(us)\n"
		  "  arch_reclaim                2        0          -          -          -\n"
		  "\nVM 42: huge coverage 100.0% (512 of 512 private pages)\n"
		  "  EVENT                   COUNT   ERRORS    AVG(us)    P99(us)    MAX(us)\n"
		  "  create                      1        0          -          -          -\n"
		  "  get_pfn                     3        1      2.000      3.000      3.000\n"
		  "\ndropped updates: 5 (an in-kernel map was full: counts are low)\n");
	fclose(f);
	f = tmpfile();
	jw = jw_new(f);
	view.events = GMT_EV_BIT(GMT_EV_CREATE);
	gmt_stat_json(jw, &snap, &view);
	jw_destroy(&jw);
	fflush(f);
	CHECK_STR("stat-fmt:json-no-arch", unit_slurp(f),
		  "{\"time_s\":3661,\"interval_s\":1,\"dropped_updates\":5,\"dropped\":5,\"vms\":["
		  "{\"vm_pid\":0,\"stats\":{}},"
		  "{\"vm_pid\":42,\"private_pages\":512,\"private_huge_pages\":512,"
		  "\"stats\":{\"create\":{\"count\":1,\"errors\":0}}}]}\n");
	fclose(f);
	return unit_exit();
}
