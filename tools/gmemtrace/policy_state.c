// SPDX-License-Identifier: GPL-2.0
/*
 * guest_memfd policy state as the kernel keeps it, without debugfs: a
 * VM's own policy and what any policy did for the VM in its binary
 * statistics (gmem_policy_*), the system-wide policy in
 * /sys/class/misc/kvm/guest_memfd_policy/.  Both are readable without
 * root; the names of per-VM policies need the struct_ops map, i.e. root.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <linux/kvm.h>

#include "policy_state.h"

static int read_sysfs(const char *file, char *buf, size_t len)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), GMT_POLICY_SYSFS "/%s", file);
	f = fopen(path, "r");
	if (!f)
		return -errno;
	if (!fgets(buf, (int)len, f))
		buf[0] = 0;
	fclose(f);
	buf[strcspn(buf, "\n")] = 0;
	return 0;
}

static int sysfs_u64(const char *file, unsigned long long *val)
{
	char buf[64];
	int r = read_sysfs(file, buf, sizeof(buf));

	if (!r)
		*val = strtoull(buf, NULL, 10);
	return r;
}

int gmt_policy_system(struct gmt_policy_state *st)
{
	unsigned long long map_id = 0;
	char buf[256];
	int r, n;

	memset(st, 0, sizeof(*st));
	r = read_sysfs("name", st->name, sizeof(st->name));
	if (r)
		return r;
	r = sysfs_u64("map_id", &map_id) ?: sysfs_u64("calls", &st->calls) ?:
	    sysfs_u64("allowed", &st->allowed) ?: sysfs_u64("denied", &st->denied) ?:
	    sysfs_u64("deferred", &st->deferred) ?: sysfs_u64("invalid", &st->invalid) ?:
	    sysfs_u64("slow", &st->slow) ?: sysfs_u64("defer_expired", &st->defer_expired) ?:
	    sysfs_u64("ejections", &st->ejections) ?:
	    read_sysfs("last_exit", buf, sizeof(buf));
	if (r)
		return r;
	st->map_id = (unsigned int)map_id;
	n = sscanf(buf, "%u %u %lld %u %llu %63s", &st->exit.kind, &st->exit.op,
		   &st->exit.value, &st->exit.map_id, &st->exit.time_ns, st->exit.name);
	return n >= 5 ? 0 : -EPROTO;
}

int gmt_policy_vm(const struct gmt_kvm_stats *s, struct gmt_policy_state *st)
{
	static const struct {
		const char *name;
		size_t off;
	} fields[] = {
#define F(n) { "gmem_policy_" #n, offsetof(struct gmt_policy_state, n) }
		F(calls), F(allowed), F(denied), F(deferred), F(invalid), F(slow),
		F(defer_expired), F(ejections),
#undef F
	};
	__u64 v, kind, op, map_id;
	size_t i;

	memset(st, 0, sizeof(*st));
	if (gmt_kvm_stats_get(s, "gmem_policy_map_id", &v))
		return -ENOENT;
	st->map_id = (unsigned int)v;
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		if (gmt_kvm_stats_get(s, fields[i].name, &v))
			return -ENOENT;
		*(unsigned long long *)((char *)st + fields[i].off) = v;
	}
	if (gmt_kvm_stats_get(s, "gmem_policy_exit_kind", &kind) ||
	    gmt_kvm_stats_get(s, "gmem_policy_exit_op", &op) ||
	    gmt_kvm_stats_get(s, "gmem_policy_exit_value", &v) ||
	    gmt_kvm_stats_get(s, "gmem_policy_exit_map_id", &map_id) ||
	    gmt_kvm_stats_get(s, "gmem_policy_exit_time", &st->exit.time_ns))
		return -ENOENT;
	st->exit.kind = (unsigned int)kind;
	st->exit.op = (unsigned int)op;
	st->exit.value = (long long)v;
	st->exit.map_id = (unsigned int)map_id;
	if (st->map_id)
		gmt_policy_map_name(st->map_id, st->name, sizeof(st->name));
	if (st->exit.map_id)
		gmt_policy_map_name(st->exit.map_id, st->exit.name, sizeof(st->exit.name));
	return 0;
}

int gmt_gmem_vm(const struct gmt_kvm_stats *s, struct gmt_gmem_counts *c)
{
	__u64 v;

#define GMT_GMEM_READ(n)					\
	if (gmt_kvm_stats_get(s, "gmem_" #n, &v))		\
		return -ENOENT;					\
	c->n = v;
	GMT_GMEM_COUNTERS(GMT_GMEM_READ)
#undef GMT_GMEM_READ
	return 0;
}

void gmt_policy_map_name(unsigned int map_id, char *buf, size_t len)
{
	struct bpf_map_info info = {};
	__u32 info_len = sizeof(info);
	int fd = bpf_map_get_fd_by_id(map_id);

	buf[0] = 0;
	if (fd < 0)
		return;
	if (!bpf_map_get_info_by_fd(fd, &info, &info_len))
		snprintf(buf, len, "%s", info.name);
	close(fd);
}

const char *gmt_policy_op(unsigned int op)
{
	switch (op) {
	case KVM_GMEM_POLICY_OP_CONVERT:
		return "convert";
	case KVM_GMEM_POLICY_OP_SPLIT:
		return "split";
	case KVM_GMEM_POLICY_OP_MERGE:
		return "merge";
	default:
		return "";
	}
}

const char *gmt_policy_exit_kind(unsigned int kind)
{
	static const char * const kinds[] = {
		[KVM_GMEM_POLICY_EXIT_NONE] = "none",
		[KVM_GMEM_POLICY_EXIT_DETACHED] = "detached",
		[KVM_GMEM_POLICY_EXIT_INVALID] = "invalid",
		[KVM_GMEM_POLICY_EXIT_SLOW] = "slow",
		[KVM_GMEM_POLICY_EXIT_KILLED] = "killed",
	};

	return kind < sizeof(kinds) / sizeof(kinds[0]) ? kinds[kind] : "unknown";
}

void gmt_policy_exit_str(const struct gmt_policy_exit *e, char *buf, size_t len)
{
	const char *op = gmt_policy_op(e->op);

	switch (e->kind) {
	case KVM_GMEM_POLICY_EXIT_NONE:
		snprintf(buf, len, "none");
		break;
	case KVM_GMEM_POLICY_EXIT_DETACHED:
		snprintf(buf, len, "detached");
		break;
	case KVM_GMEM_POLICY_EXIT_INVALID:
		snprintf(buf, len, "ejected: %s returned %lld, out of contract", op, e->value);
		break;
	case KVM_GMEM_POLICY_EXIT_SLOW:
		snprintf(buf, len, "ejected: %s ran for %lld ms, over kvm.gmem_policy_max_op_ms",
			 op, e->value);
		break;
	case KVM_GMEM_POLICY_EXIT_KILLED:
		snprintf(buf, len, "ejected: kvm.gmem_policies=N (kill switch)");
		break;
	default:
		snprintf(buf, len, "stopped (exit kind %u)", e->kind);
	}
}
