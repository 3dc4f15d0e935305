// SPDX-License-Identifier: GPL-2.0
/*
 * The VMs of processes: a VM is a descriptor whose /proc/PID/fd link reads
 * "anon_inode:kvm-vm"; another process's descriptor is duplicated into
 * ours with pidfd_getfd().
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

#include "kvm_stats.h"
#include "tool.h"
#include "vms.h"

static int is_number(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* Whether @pid is a kernel thread (PF_KTHREAD in /proc/PID/stat's flags). */
static int is_kthread(int pid)
{
	char path[64], buf[512], *p;
	unsigned long flags = 0;
	FILE *f;
	int i;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	f = fopen(path, "r");
	if (!f)
		return 0;
	p = fgets(buf, sizeof(buf), f) ? strrchr(buf, ')') : NULL;
	fclose(f);
	/* ") S ppid pgrp session tty_nr tpgid flags" */
	for (i = 0; p && i < 7; i++)
		p = strchr(p + 1, ' ');
	if (p)
		flags = strtoul(p + 1, NULL, 10);
	return !!(flags & 0x00200000);
}

/* Append the VM descriptors of @pid to @l: 0 or -ENOMEM. */
static int list_pid(int pid, struct gmt_vm_list *l, int *cap)
{
	char path[300], target[64];
	struct gmt_vm *vms;
	struct dirent *de;
	ssize_t len;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%d/fd", pid);
	d = opendir(path);
	if (!d) {
		/* Gone since /proc was read, or a kernel thread: not hidden. */
		l->unreadable += errno != ENOENT && !is_kthread(pid);
		return 0;
	}
	while ((de = readdir(d))) {
		if (!is_number(de->d_name))
			continue;
		snprintf(path, sizeof(path), "/proc/%d/fd/%s", pid, de->d_name);
		len = readlink(path, target, sizeof(target) - 1);
		if (len < 0)
			continue;
		target[len] = 0;
		if (strcmp(target, "anon_inode:kvm-vm"))
			continue;
		if (l->nr == *cap) {
			vms = realloc(l->vms, (*cap ? 2 * *cap : 16) * sizeof(*vms));
			if (!vms) {
				closedir(d);
				return -ENOMEM;
			}
			l->vms = vms;
			*cap = *cap ? 2 * *cap : 16;
		}
		l->vms[l->nr++] = (struct gmt_vm){ .pid = pid, .fd = atoi(de->d_name) };
	}
	closedir(d);
	return 0;
}

/* Whether our descriptor @fd is a VM. */
static int is_vm_fd(int fd)
{
	char path[64], target[64];
	ssize_t len;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	len = readlink(path, target, sizeof(target) - 1);
	if (len < 0)
		return 0;
	target[len] = 0;
	return !strcmp(target, "anon_inode:kvm-vm");
}

int gmt_vm_list(int pid, struct gmt_vm_list *l)
{
	struct dirent *de;
	int cap = 0, r = 0;
	DIR *d;

	*l = (struct gmt_vm_list){ 0 };
	if (pid)
		r = list_pid(pid, l, &cap);
	else if (!(d = opendir("/proc")))
		r = -errno;
	else {
		while (!r && (de = readdir(d)))
			if (is_number(de->d_name))
				r = list_pid(atoi(de->d_name), l, &cap);
		closedir(d);
	}
	if (r)
		gmt_vm_list_free(l);
	return r;
}

void gmt_vm_list_free(struct gmt_vm_list *l)
{
	free(l->vms);
	*l = (struct gmt_vm_list){ 0 };
}

int gmt_vm_resolve(const char *arg, struct gmt_vm *vm)
{
	unsigned long long pid, fd;
	const char *colon = strchr(arg, ':');
	struct gmt_vm_list l;
	char buf[32];
	int i, r = 1;

	snprintf(buf, sizeof(buf), "%.*s", colon ? (int)(colon - arg) : (int)strlen(arg), arg);
	if (gmt_parse_ulong("--vm PID", buf, 4194304, &pid) ||
	    (colon && gmt_parse_ulong("--vm FD", colon + 1, 1 << 20, &fd)))
		return 2;
	if (!pid) {
		gmt_err("bad --vm PID '%s'", buf);
		return 2;
	}
	if (kill((pid_t)pid, 0) && errno == ESRCH) {
		gmt_err("--vm %s: no process %llu", arg, pid);
		return 1;
	}
	i = gmt_vm_list((int)pid, &l);
	if (i) {
		gmt_err("--vm %s: %s", arg, strerror(-i));
		return 1;
	}
	for (i = 0; colon && i < l.nr; i++)
		if (l.vms[i].fd == (int)fd) {
			*vm = l.vms[i];
			r = 0;
		}
	if (colon && r)
		gmt_err("--vm %s: descriptor %llu of process %llu is not a VM%s", arg, fd, pid,
			l.unreadable ? " (its descriptors are not ours to read)" : "");
	else if (!colon && l.nr == 1) {
		*vm = l.vms[0];
		r = 0;
	} else if (!colon && !l.nr)
		gmt_err("--vm %s: process %llu has no VM%s", arg, pid,
			l.unreadable ? " (or its descriptors are not ours to read)" : "");
	else if (!colon)
		gmt_err("--vm %s: process %llu has %d VMs; name one as PID:FD (descriptors %d, %d%s)",
			arg, pid, l.nr, l.vms[0].fd, l.vms[1].fd, l.nr > 2 ? ", ..." : "");
	gmt_vm_list_free(&l);
	return r;
}

int gmt_vm_open(const struct gmt_vm *vm)
{
	int pidfd, fd;

	if (vm->pid == getpid()) {
		fd = dup(vm->fd);
		return fd < 0 ? -errno : fd;
	}
	pidfd = (int)syscall(SYS_pidfd_open, vm->pid, 0);
	if (pidfd < 0)
		return -errno;
	fd = (int)syscall(SYS_pidfd_getfd, pidfd, vm->fd, 0);
	if (fd < 0)
		fd = -errno;
	close(pidfd);
	/* The process may have closed the VM and reused the number since. */
	if (fd >= 0 && !is_vm_fd(fd)) {
		close(fd);
		fd = -ESTALE;
	}
	return fd;
}

int gmt_vm_stats_open(const struct gmt_vm *vm, struct gmt_kvm_stats *s)
{
	int fd = gmt_vm_open(vm), r;

	if (fd < 0)
		return fd;
	r = gmt_kvm_stats_open(fd, s);
	close(fd);
	return r;
}
