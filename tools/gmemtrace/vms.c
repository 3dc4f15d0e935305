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

/* The VM descriptors of @pid appended to @vms from @n; the new count. */
static int list_pid(int pid, struct gmt_vm *vms, int n, int max)
{
	char path[300], target[64];
	struct dirent *de;
	ssize_t len;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%d/fd", pid);
	d = opendir(path);
	if (!d)
		return n;
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
		if (n < max)
			vms[n] = (struct gmt_vm){ .pid = pid, .fd = atoi(de->d_name) };
		n++;
	}
	closedir(d);
	return n;
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

int gmt_vm_list(int pid, struct gmt_vm *vms, int max)
{
	struct dirent *de;
	DIR *d;
	int n = 0;

	if (pid)
		return list_pid(pid, vms, 0, max);
	d = opendir("/proc");
	if (!d)
		return -errno;
	while ((de = readdir(d)))
		if (is_number(de->d_name))
			n = list_pid(atoi(de->d_name), vms, n, max);
	closedir(d);
	return n;
}

int gmt_vm_resolve(const char *arg, struct gmt_vm *vm)
{
	unsigned long long pid, fd;
	struct gmt_vm vms[16];
	const char *colon = strchr(arg, ':');
	char buf[32];
	int n, i;

	snprintf(buf, sizeof(buf), "%.*s", colon ? (int)(colon - arg) : (int)strlen(arg), arg);
	if (gmt_parse_ulong("--vm PID", buf, 4194304, &pid) ||
	    (colon && gmt_parse_ulong("--vm FD", colon + 1, 1 << 20, &fd)))
		return -1;
	if (!pid) {
		gmt_err("bad --vm PID '%s'", buf);
		return -1;
	}
	if (kill((pid_t)pid, 0) && errno == ESRCH) {
		gmt_err("--vm %s: no process %llu", arg, pid);
		return -1;
	}
	n = gmt_vm_list((int)pid, vms, 16);
	for (i = 0; colon && i < n && i < 16; i++)
		if (vms[i].fd == (int)fd) {
			*vm = vms[i];
			return 0;
		}
	if (colon) {
		gmt_err("--vm %s: descriptor %llu of process %llu is not a VM", arg, fd, pid);
		return -1;
	}
	if (n == 1) {
		*vm = vms[0];
		return 0;
	}
	snprintf(buf, sizeof(buf), "/proc/%llu/fd", pid);
	if (!n)
		gmt_err("--vm %s: process %llu has no VM%s", arg, pid,
			access(buf, R_OK) ? " (or its descriptors are not ours to read)" : "");
	else
		gmt_err("--vm %s: process %llu has %d VMs; name one as PID:FD (descriptors %d, %d%s)",
			arg, pid, n, vms[0].fd, vms[1].fd, n > 2 ? ", ..." : "");
	return -1;
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
