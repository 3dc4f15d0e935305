/* SPDX-License-Identifier: GPL-2.0 */
/* KVM's binary statistics of a VM (KVM_GET_STATS_FD), by name. */
#ifndef GMT_KVM_STATS_H
#define GMT_KVM_STATS_H

#include <stddef.h>
#include <linux/kvm.h>

struct gmt_kvm_stats {
	int fd;
	struct kvm_stats_header hdr;
	char *descs;			/* hdr.num_desc entries of desc_size */
	size_t desc_size;
	__u64 *data;
	size_t data_len;		/* in __u64 */
};

/* Open the statistics of the VM @vm_fd and read their descriptors. */
int gmt_kvm_stats_open(int vm_fd, struct gmt_kvm_stats *s);
/* Read the current values. */
int gmt_kvm_stats_read(struct gmt_kvm_stats *s);
/* The (first) value of statistic @name: 0, or -ENOENT if there is none. */
int gmt_kvm_stats_get(const struct gmt_kvm_stats *s, const char *name, __u64 *val);
void gmt_kvm_stats_close(struct gmt_kvm_stats *s);

#endif
