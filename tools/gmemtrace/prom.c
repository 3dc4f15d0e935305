// SPDX-License-Identifier: GPL-2.0
/* Prometheus text exposition of gmemtrace stat's statistics. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "events.h"
#include "prom.h"
#include "tool.h"

/*
 * Buckets of the duration histograms: the log2 slots 0..PROM_SLOTS-1 (up
 * to 2^36 ns, about 69 s), the same for every series so that dashboards
 * can sum them; slower operations land in +Inf only.
 */
#define PROM_SLOTS	36

static void labels(FILE *f, const struct gmt_stat_row *r)
{
	fprintf(f, "{vm_pid=\"%d\",event=\"%s\"", r->key.vm_pid, gmt_stat_name(r->key.type));
}

static void family(FILE *f, const char *name, const char *type, const char *help)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void counters(FILE *f, const struct gmt_stat_row *rows, int n, bool errors)
{
	const char *name = errors ? "gmemtrace_event_errors_total" : "gmemtrace_events_total";
	int i;

	family(f, name, "counter", errors ?
	       "guest_memfd events that returned an error, per VM (vm_pid) and event." :
	       "guest_memfd events, per VM (vm_pid, 0: unknown) and event.");
	for (i = 0; i < n; i++) {
		if (rows[i].key.type >= GMT_EV_MAX)
			continue;
		fputs(name, f);
		labels(f, &rows[i]);
		fprintf(f, "} %llu\n", errors ? rows[i].val.errors : rows[i].val.count);
	}
}

static void histograms(FILE *f, const struct gmt_stat_row *rows, int n)
{
	const char *name = "gmemtrace_event_duration_seconds";
	unsigned long long cum;
	int i, s;

	family(f, name, "histogram",
	       "How long guest_memfd operations took (arch_lifetime: how long a pfn kept "
	       "its arch state), log2 buckets.");
	for (i = 0; i < n; i++) {
		const struct gmt_stat_val *v = &rows[i].val;

		if (!gmt_stat_timed(rows[i].key.type))
			continue;
		cum = 0;
		for (s = 0; s < PROM_SLOTS; s++) {
			cum += v->slots[s];
			fprintf(f, "%s_bucket", name);
			labels(f, &rows[i]);
			/* Slot s holds values below 2^(s+1) ns. */
			fprintf(f, ",le=\"%.9g\"} %llu\n", (double)(2ULL << s) / 1e9, cum);
		}
		fprintf(f, "%s_bucket", name);
		labels(f, &rows[i]);
		fprintf(f, ",le=\"+Inf\"} %llu\n", v->count);
		fprintf(f, "%s_sum", name);
		labels(f, &rows[i]);
		fprintf(f, "} %.9f\n", v->sum_ns / 1e9);
		fprintf(f, "%s_count", name);
		labels(f, &rows[i]);
		fprintf(f, "} %llu\n", v->count);
	}
}

/* Per-VM gauges, once per VM of @snap; coverage while the VM lives. */
static void gauges(FILE *f, const struct gmt_snapshot *snap)
{
	const struct gmt_snap_vm *vm;
	int i, which;

	static const char *const names[] = {
		"gmemtrace_arch_private_pfns", "gmemtrace_private_pages",
		"gmemtrace_private_huge_pages",
	};
	static const char *const help[] = {
		"pfns of the VM with live arch (RMP) state.",
		"Private guest_memfd pages bound to the VM (while it lives).",
		"Of those, pages in 2M folios (huge coverage = huge / private).",
	};

	/* The arch-private gauge only when arch state is followed (-A). */
	for (which = snap->arch ? 0 : 1; which < 3; which++) {
		family(f, names[which], "gauge", help[which]);
		for (i = 0; i < snap->nvms; i++) {
			vm = &snap->vms[i];
			if (which == 0)
				fprintf(f, "%s{vm_pid=\"%d\"} %lld\n", names[0], vm->vm_pid,
					vm->arch_private);
			else if (vm->have_coverage)
				fprintf(f, "%s{vm_pid=\"%d\"} %llu\n", names[which], vm->vm_pid,
					which == 1 ? vm->private_pages : vm->private_huge_pages);
		}
	}
}

void gmt_prom_write(FILE *f, const struct gmt_snapshot *snap)
{
	counters(f, snap->rows, snap->nrows, false);
	counters(f, snap->rows, snap->nrows, true);
	histograms(f, snap->rows, snap->nrows);
	gauges(f, snap);
	family(f, "gmemtrace_dropped_updates_total", "counter",
	       "Statistics updates lost because an in-kernel map was full.");
	fprintf(f, "gmemtrace_dropped_updates_total %llu\n", snap->dropped);
}

int gmt_prom_write_file(const char *path, const struct gmt_snapshot *snap)
{
	char tmp[4096];
	FILE *f;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp)) {
		gmt_err("--prom %s: path too long", path);
		return -1;
	}
	f = fopen(tmp, "w");
	if (!f) {
		gmt_err("--prom %s: %s", tmp, strerror(errno));
		return -1;
	}
	gmt_prom_write(f, snap);
	if (fclose(f) || rename(tmp, path)) {
		gmt_err("--prom %s: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}
