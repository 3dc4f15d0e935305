/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the kernel says about guest_memfd policies: a VM's, from its binary
 * statistics, and the system-wide one, from sysfs.
 */
#ifndef GMT_POLICY_STATE_H
#define GMT_POLICY_STATE_H

#include <stdbool.h>
#include <stddef.h>

#include "kvm_stats.h"

#define GMT_POLICY_SYSFS	"/sys/class/misc/kvm/guest_memfd_policy"

/* Why a policy last stopped (KVM_GMEM_POLICY_EXIT_*). */
struct gmt_policy_exit {
	unsigned int kind;
	unsigned int op;		/* KVM_GMEM_POLICY_OP_* */
	long long value;
	unsigned int map_id;
	unsigned long long time_ns;	/* CLOCK_BOOTTIME */
	char name[64];			/* "" if unknown */
};

struct gmt_policy_state {
	char name[64];			/* "" if unknown (not root) or none */
	unsigned int map_id;		/* 0: no policy of its own */
	unsigned long long calls, allowed, denied, deferred, invalid, slow;
	unsigned long long defer_expired, ejections;
	struct gmt_policy_exit exit;
};

/*
 * The system-wide policy: 0, -ENOENT if the kernel has no guest_memfd
 * policies (or KVM is not loaded), or another -errno.
 */
int gmt_policy_system(struct gmt_policy_state *st);

/* A VM's policy from its statistics (read by the caller): 0 or -ENOENT. */
int gmt_policy_vm(const struct gmt_kvm_stats *s, struct gmt_policy_state *st);

/* A VM's guest_memfd counters (gmem_* statistics), in this order. */
#define GMT_GMEM_COUNTERS(X)						\
	X(private_pages) X(shared_pages) X(private_huge_pages)		\
	X(shared_huge_pages) X(to_private) X(to_shared) X(split_convert)	\
	X(split_punch) X(merge_uniform) X(merge_policy)

struct gmt_gmem_counts {
#define GMT_GMEM_FIELD(n) unsigned long long n;
	GMT_GMEM_COUNTERS(GMT_GMEM_FIELD)
#undef GMT_GMEM_FIELD
};

/* A VM's guest_memfd counters from its statistics: 0 or -ENOENT. */
int gmt_gmem_vm(const struct gmt_kvm_stats *s, struct gmt_gmem_counts *c);

/* The name of struct_ops map @map_id if we may look it up, else "". */
void gmt_policy_map_name(unsigned int map_id, char *buf, size_t len);

/* A line such as "ejected: convert returned 1, out of contract". */
void gmt_policy_exit_str(const struct gmt_policy_exit *e, char *buf, size_t len);

/* "convert", "split", "merge", or "" (KVM_GMEM_POLICY_OP_NONE). */
const char *gmt_policy_op(unsigned int op);

/* "none", "detached", "invalid", "slow", "killed" or "unknown". */
const char *gmt_policy_exit_kind(unsigned int kind);

#endif
