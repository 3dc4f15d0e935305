// SPDX-License-Identifier: GPL-2.0
/* gmemtrace stat's reports, from a snapshot and nothing else. */
#include <stdio.h>
#include <time.h>

#include "events.h"
#include "histogram.h"
#include "json_writer.h"
#include "record.h"
#include "stat_fmt.h"

static bool shown(const struct gmt_stat_view *view, unsigned int type)
{
	if (type == GMT_ST_ARCH_LIFETIME)
		return view->events & (GMT_EV_BIT(GMT_EV_ARCH_MAKE_PRIVATE) |
				       GMT_EV_BIT(GMT_EV_ARCH_RECLAIM));
	return type < GMT_EV_MAX && (view->events & GMT_EV_BIT(type));
}

/* "VM N[: arch-private pfns now A][, huge coverage P% (H of N private pages)]" */
static void vm_title(FILE *f, const struct gmt_snapshot *snap, int vm_pid)
{
	const struct gmt_snap_vm *vm = gmt_snapshot_vm(snap, vm_pid);
	const char *sep = ":";

	if (!vm_pid) {
		fprintf(f, snap->arch ?
			"\nno VM known (reclaims of pfns whose make_private was not seen):\n" :
			"\nno VM known (reclaims: -A attributes them):\n");
		return;
	}
	fprintf(f, "\nVM %d", vm_pid);
	if (snap->arch) {
		fprintf(f, ": arch-private pfns now %lld", vm ? vm->arch_private : 0);
		sep = ",";
	}
	if (vm && vm->have_coverage && vm->private_pages)
		fprintf(f, "%s huge coverage %.1f%% (%llu of %llu private pages)", sep,
			100.0 * vm->private_huge_pages / vm->private_pages,
			vm->private_huge_pages, vm->private_pages);
	fprintf(f, "\n");
}

void gmt_stat_text(FILE *f, const struct gmt_snapshot *snap, const struct gmt_stat_view *view)
{
	const struct gmt_stat_row *r;
	struct tm tm;
	int i, vm = -1;

	localtime_r(&view->now, &tm);
	fprintf(f, "%02d:%02d:%02d\n", tm.tm_hour, tm.tm_min, tm.tm_sec);
	if (!snap->nrows)
		fprintf(f, "  (no events)\n");
	for (i = 0; i < snap->nrows; i++) {
		r = &snap->rows[i];
		if (!shown(view, r->key.type))
			continue;
		if (r->key.vm_pid != vm) {
			vm = r->key.vm_pid;
			vm_title(f, snap, vm);
			fprintf(f, "  %-18s %10s %8s %10s %10s %10s\n", "EVENT", "COUNT", "ERRORS",
				"AVG(us)", "P99(us)", "MAX(us)");
		}
		fprintf(f, "  %-18s %10llu %8llu", gmt_stat_name(r->key.type), r->val.count,
			r->val.errors);
		if (gmt_stat_timed(r->key.type) && r->val.count)
			fprintf(f, " %10.3f %10.3f %10.3f\n", r->val.sum_ns / 1e3 / r->val.count,
				gmt_rec_pct(&r->val, 99) / 1e3, r->val.max_ns / 1e3);
		else
			fprintf(f, " %10s %10s %10s\n", "-", "-", "-");
	}
	if (snap->dropped)
		fprintf(f, "\ndropped updates: %llu (an in-kernel map was full: counts are low)\n",
			snap->dropped);
	if (view->no_hist)
		return;
	for (i = 0; i < snap->nrows; i++) {
		r = &snap->rows[i];
		if (!shown(view, r->key.type) || !gmt_stat_timed(r->key.type) || !r->val.count)
			continue;
		fprintf(f, "\n%s, VM %d:\n", gmt_stat_name(r->key.type), r->key.vm_pid);
		gmt_print_log2_hist(f, r->val.slots, GMT_HIST_SLOTS, "nsecs");
	}
	fprintf(f, "\n");
}

void gmt_stat_val_json(struct json_writer *jw, unsigned int type, const struct gmt_stat_val *v)
{
	jw_name(jw, gmt_stat_name(type));
	jw_start_object(jw);
	jw_u64_field(jw, "count", v->count);
	jw_u64_field(jw, "errors", v->errors);
	if (gmt_stat_timed(type)) {
		jw_u64_field(jw, "sum_ns", v->sum_ns);
		jw_u64_field(jw, "max_ns", v->max_ns);
		jw_u64_field(jw, "p50_ns", gmt_rec_pct(v, 50));
		jw_u64_field(jw, "p90_ns", gmt_rec_pct(v, 90));
		jw_u64_field(jw, "p99_ns", gmt_rec_pct(v, 99));
		jw_name(jw, "hist_ns");
		gmt_hist_json(jw, v->slots, GMT_HIST_SLOTS);
	}
	jw_end_object(jw);
}

void gmt_stat_json(struct json_writer *jw, const struct gmt_snapshot *snap,
		   const struct gmt_stat_view *view)
{
	const struct gmt_snap_vm *g;
	int i = 0, vm;

	jw_start_object(jw);
	jw_u64_field(jw, "time_s", view->now);
	jw_u64_field(jw, "interval_s", view->interval_s);
	jw_u64_field(jw, "dropped_updates", snap->dropped);
	/* Its name before 0.14, kept: fields are never renamed or removed. */
	jw_u64_field(jw, "dropped", snap->dropped);
	jw_name(jw, "vms");
	jw_start_array(jw);
	while (i < snap->nrows) {
		vm = snap->rows[i].key.vm_pid;
		g = gmt_snapshot_vm(snap, vm);
		jw_start_object(jw);
		jw_s64_field(jw, "vm_pid", vm);
		if (snap->arch)
			jw_s64_field(jw, "arch_private_pfns", g ? g->arch_private : 0);
		if (g && g->have_coverage) {
			jw_u64_field(jw, "private_pages", g->private_pages);
			jw_u64_field(jw, "private_huge_pages", g->private_huge_pages);
		}
		jw_name(jw, "stats");
		jw_start_object(jw);
		for (; i < snap->nrows && snap->rows[i].key.vm_pid == vm; i++)
			if (shown(view, snap->rows[i].key.type))
				gmt_stat_val_json(jw, snap->rows[i].key.type, &snap->rows[i].val);
		jw_end_object(jw);
		jw_end_object(jw);
	}
	jw_end_array(jw);
	jw_end_object(jw);
	jw_eol(jw);
}
