// SPDX-License-Identifier: GPL-2.0
/* tools/gmemtrace/prom.c: the Prometheus text of a snapshot. */
#include <stdio.h>
#include <string.h>

#include "prom.h"
#include "snap.h"
#include "unit.h"

/* Whether @text has the line @line. */
static const char *has_line(const char *text, const char *line)
{
	size_t n = strlen(line);
	const char *p;

	for (p = text; (p = strstr(p, line)); p += n)
		if ((p == text || p[-1] == '\n') && p[n] == '\n')
			return "yes";
	return "no";
}

static unsigned long long count_prefix(const char *text, const char *prefix)
{
	unsigned long long n = 0;
	const char *p = text;

	for (; *p; p = strchr(p, '\n') + 1) {
		n += !strncmp(p, prefix, strlen(prefix));
		if (!strchr(p, '\n'))
			break;
	}
	return n;
}

int main(void)
{
	struct gmt_snapshot snap = unit_snapshot();
	FILE *f = tmpfile();
	const char *out;
	static const char *const lines[] = {
		"# TYPE gmemtrace_events_total counter",
		"gmemtrace_events_total{vm_pid=\"0\",event=\"arch_reclaim\"} 2",
		"gmemtrace_events_total{vm_pid=\"42\",event=\"create\"} 1",
		"gmemtrace_events_total{vm_pid=\"42\",event=\"get_pfn\"} 3",
		"gmemtrace_event_errors_total{vm_pid=\"42\",event=\"get_pfn\"} 1",
		"# TYPE gmemtrace_event_duration_seconds histogram",
		"gmemtrace_event_duration_seconds_bucket{vm_pid=\"42\",event=\"get_pfn\",le=\"5.12e-07\"} 0",
		"gmemtrace_event_duration_seconds_bucket{vm_pid=\"42\",event=\"get_pfn\",le=\"1.024e-06\"} 1",
		"gmemtrace_event_duration_seconds_bucket{vm_pid=\"42\",event=\"get_pfn\",le=\"2.048e-06\"} 2",
		"gmemtrace_event_duration_seconds_bucket{vm_pid=\"42\",event=\"get_pfn\",le=\"4.096e-06\"} 3",
		"gmemtrace_event_duration_seconds_bucket{vm_pid=\"42\",event=\"get_pfn\",le=\"+Inf\"} 3",
		"gmemtrace_event_duration_seconds_sum{vm_pid=\"42\",event=\"get_pfn\"} 0.000006000",
		"gmemtrace_event_duration_seconds_count{vm_pid=\"42\",event=\"get_pfn\"} 3",
		"# TYPE gmemtrace_arch_private_pfns gauge",
		"gmemtrace_arch_private_pfns{vm_pid=\"42\"} 16",
		"gmemtrace_private_pages{vm_pid=\"42\"} 512",
		"gmemtrace_private_huge_pages{vm_pid=\"42\"} 512",
		"gmemtrace_dropped_updates_total 5",
	};
	char name[64];
	size_t i;

	gmt_prom_write(f, &snap);
	out = unit_slurp(f);
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		snprintf(name, sizeof(name), "prom:line-%zu", i);
		CHECK_STR(name, has_line(out, lines[i]), "yes");
	}
	/* Only timed events have histograms: 36 buckets and +Inf each. */
	CHECK_U64("prom:buckets", count_prefix(out, "gmemtrace_event_duration_seconds_bucket"), 37);
	/* No gauge for VM 0, which is no VM. */
	CHECK_U64("prom:no-vm0-gauge", count_prefix(out, "gmemtrace_arch_private_pfns{vm_pid=\"0\"}"), 0);
	CHECK_U64("prom:families", count_prefix(out, "# TYPE "), 7);
	/* Without -A there is no arch-private gauge, not a gauge of 0. */
	snap.arch = false;
	fclose(f);
	f = tmpfile();
	gmt_prom_write(f, &snap);
	out = unit_slurp(f);
	CHECK_U64("prom:no-arch-gauge", count_prefix(out, "gmemtrace_arch_private_pfns"), 0);
	CHECK_U64("prom:no-arch-families", count_prefix(out, "# TYPE "), 6);
	CHECK_STR("prom:no-arch-coverage", has_line(out, "gmemtrace_private_pages{vm_pid=\"42\"} 512"),
		  "yes");
	snap.arch = true;
	/* A VM that is gone has no coverage gauges. */
	unit_vms[0].have_coverage = false;
	fclose(f);
	f = tmpfile();
	gmt_prom_write(f, &snap);
	out = unit_slurp(f);
	CHECK_U64("prom:gone-vm", count_prefix(out, "gmemtrace_private_pages{"), 0);
	fclose(f);
	return unit_exit();
}
