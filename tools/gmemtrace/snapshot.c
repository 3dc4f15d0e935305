// SPDX-License-Identifier: GPL-2.0
/* Reading the in-kernel statistics once, for every renderer. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "snapshot.h"
#include "tool.h"
#include "gmemtrace.skel.h"

static int cmp_row(const void *a, const void *b)
{
	const struct gmt_stat_row *x = a, *y = b;

	if (x->key.vm_pid != y->key.vm_pid)
		return x->key.vm_pid < y->key.vm_pid ? -1 : 1;
	return x->key.type < y->key.type ? -1 : x->key.type > y->key.type;
}

/*
 * Read and delete every entry in batches, so that an update is either in
 * this read or in the next one: a lookup then a delete would lose the
 * increments that land between the two.  0, or -errno (-EINVAL: the
 * kernel has no batch operations).
 */
static int take_rows(int fd, int max, struct gmt_snapshot *snap)
{
	struct gmt_stat_key *keys = calloc(max, sizeof(*keys));
	struct gmt_stat_val *vals = calloc(max, sizeof(*vals));
	__u32 batch, count;
	bool first = true;
	int i, r = 0;

	if (!keys || !vals) {
		r = -ENOMEM;
		goto out;
	}
	while (snap->nrows < max) {
		count = max - snap->nrows;
		r = bpf_map_lookup_and_delete_batch(fd, first ? NULL : &batch, &batch,
						    keys, vals, &count, NULL);
		r = r < 0 ? -errno : 0;
		for (i = 0; i < (int)count; i++) {
			snap->rows[snap->nrows].key = keys[i];
			snap->rows[snap->nrows++].val = vals[i];
		}
		first = false;
		if (r == -ENOENT) {	/* the last batch */
			r = 0;
			break;
		}
		if (r)
			break;
	}
out:
	free(keys);
	free(vals);
	return r;
}

/* Every entry of the stats map: it has room for all of them. */
static int read_rows(int fd, int max, bool reset, struct gmt_snapshot *snap)
{
	struct gmt_stat_key key, next;
	bool first = true;
	int i, r;

	snap->rows = calloc(max ?: 1, sizeof(*snap->rows));
	if (!snap->rows)
		return -ENOMEM;
	if (reset) {
		r = take_rows(fd, max, snap);
		if (r != -EINVAL && r != -ENOTSUP)
			goto sort;
		snap->nrows = 0;
	}
	while (snap->nrows < max &&
	       !bpf_map_get_next_key(fd, first ? NULL : &key, &next)) {
		first = false;
		key = next;
		if (!bpf_map_lookup_elem(fd, &key, &snap->rows[snap->nrows].val))
			snap->rows[snap->nrows++].key = key;
	}
	if (reset)
		for (i = 0; i < snap->nrows; i++)
			bpf_map_delete_elem(fd, &snap->rows[i].key);
	r = 0;
sort:
	qsort(snap->rows, snap->nrows, sizeof(*snap->rows), cmp_row);
	return r;
}

static void read_vm(int gauge_fd, struct gmt_snap_vm *vm)
{
	struct gmt_coverage cov;
	struct gmt_vm_gauge g;

	if (!bpf_map_lookup_elem(gauge_fd, &vm->vm_pid, &g))
		vm->arch_private = g.arch_private;
	if (!gmt_huge_coverage(vm->vm_pid, &cov)) {
		vm->have_coverage = true;
		vm->private_pages = cov.private_pages;
		vm->private_huge_pages = cov.private_huge_pages;
	}
}

int gmt_snapshot_take(struct gmt_session *s, bool reset, bool gauges,
		      struct gmt_snapshot *snap)
{
	struct bpf_map *stats = s->skel->maps.stats;
	int i, vm = 0, r;

	memset(snap, 0, sizeof(*snap));
	snap->dropped = gmt_self_counter(s, GMT_SELF_DROPPED_UPDATES);
	snap->arch = s->arch;
	r = read_rows(bpf_map__fd(stats), bpf_map__max_entries(stats), reset, snap);
	if (r) {
		gmt_snapshot_free(snap);
		return r;
	}
	snap->vms = calloc(snap->nrows ?: 1, sizeof(*snap->vms));
	if (!snap->vms)
		goto nomem;
	for (i = 0; i < snap->nrows; i++) {
		if (!snap->rows[i].key.vm_pid || snap->rows[i].key.vm_pid == vm)
			continue;
		vm = snap->rows[i].key.vm_pid;
		snap->vms[snap->nvms].vm_pid = vm;
		if (gauges)
			read_vm(bpf_map__fd(s->skel->maps.gauges), &snap->vms[snap->nvms]);
		snap->nvms++;
	}
	return 0;
nomem:
	gmt_snapshot_free(snap);
	return -ENOMEM;
}

void gmt_snapshot_free(struct gmt_snapshot *snap)
{
	free(snap->rows);
	free(snap->vms);
	memset(snap, 0, sizeof(*snap));
}

void gmt_snapshot_totals(const struct gmt_snapshot *snap, struct gmt_stat_val *tot)
{
	const struct gmt_stat_val *v;
	struct gmt_stat_val *t;
	int i, s;

	for (i = 0; i < snap->nrows; i++) {
		if (snap->rows[i].key.type >= GMT_ST_MAX)
			continue;
		v = &snap->rows[i].val;
		t = &tot[snap->rows[i].key.type];
		t->count += v->count;
		t->errors += v->errors;
		t->sum_ns += v->sum_ns;
		if (v->max_ns > t->max_ns)
			t->max_ns = v->max_ns;
		for (s = 0; s < GMT_HIST_SLOTS; s++)
			t->slots[s] += v->slots[s];
	}
}
