// SPDX-License-Identifier: GPL-2.0
/*
 * KVM's binary statistics of a VM: the header and descriptors are read
 * once, the values on every gmt_kvm_stats_read().  See "KVM_GET_STATS_FD"
 * in the kernel's Documentation/virt/kvm/api.rst.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>

#include "kvm_stats.h"

static int read_exact(int fd, void *buf, size_t len, off_t off)
{
	ssize_t n = pread(fd, buf, len, off);

	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EIO;
}

int gmt_kvm_stats_open(int vm_fd, struct gmt_kvm_stats *s)
{
	struct kvm_stats_desc *d;
	size_t end = 0;
	__u32 i;
	int r;

	memset(s, 0, sizeof(*s));
	s->fd = ioctl(vm_fd, KVM_GET_STATS_FD, NULL);
	if (s->fd < 0) {
		s->fd = -1;
		return -errno;
	}
	r = read_exact(s->fd, &s->hdr, sizeof(s->hdr), 0);
	if (!r && !s->hdr.name_size)
		r = -EPROTO;
	if (r)
		goto err;
	s->desc_size = sizeof(struct kvm_stats_desc) + s->hdr.name_size;
	s->descs = calloc(s->hdr.num_desc, s->desc_size);
	r = -ENOMEM;
	if (!s->descs)
		goto err;
	r = read_exact(s->fd, s->descs, s->hdr.num_desc * s->desc_size,
		       s->hdr.desc_offset);
	if (r)
		goto err;
	for (i = 0; i < s->hdr.num_desc; i++) {
		d = (struct kvm_stats_desc *)(s->descs + i * s->desc_size);
		d->name[s->hdr.name_size - 1] = 0;
		if (d->offset / sizeof(__u64) + d->size > end)
			end = d->offset / sizeof(__u64) + d->size;
	}
	s->data_len = end;
	s->data = calloc(end ?: 1, sizeof(__u64));
	r = -ENOMEM;
	if (!s->data)
		goto err;
	r = gmt_kvm_stats_read(s);
	if (!r)
		return 0;
err:
	gmt_kvm_stats_close(s);
	return r;
}

int gmt_kvm_stats_read(struct gmt_kvm_stats *s)
{
	return read_exact(s->fd, s->data, s->data_len * sizeof(__u64),
			  s->hdr.data_offset);
}

int gmt_kvm_stats_get(const struct gmt_kvm_stats *s, const char *name, __u64 *val)
{
	const struct kvm_stats_desc *d;
	__u32 i;

	for (i = 0; i < s->hdr.num_desc; i++) {
		d = (const struct kvm_stats_desc *)(s->descs + i * s->desc_size);
		if (!strcmp(d->name, name)) {
			*val = s->data[d->offset / sizeof(__u64)];
			return 0;
		}
	}
	return -ENOENT;
}

void gmt_kvm_stats_close(struct gmt_kvm_stats *s)
{
	if (s->fd >= 0)
		close(s->fd);
	free(s->descs);
	free(s->data);
	memset(s, 0, sizeof(*s));
	s->fd = -1;
}
