/* SPDX-License-Identifier: GPL-2.0 */
/* The VMs of processes, found and opened through their descriptors. */
#ifndef GMT_VMS_H
#define GMT_VMS_H

/* A VM: the process holding it and its descriptor there. */
struct gmt_vm {
	int pid;
	int fd;
};

/* The VMs found by gmt_vm_list(). */
struct gmt_vm_list {
	struct gmt_vm *vms;	/* malloc()ed */
	int nr;
	int unreadable;		/* processes whose descriptors we may not read */
};

/*
 * The VMs of process @pid, or of every process if @pid is 0, in @l, to be
 * released with gmt_vm_list_free(): 0 or -errno.
 */
int gmt_vm_list(int pid, struct gmt_vm_list *l);
void gmt_vm_list_free(struct gmt_vm_list *l);

/*
 * The one VM named by "PID" or "PID:FD" (@arg) in @vm: 0, or after
 * printing why not, 2 if @arg is malformed and 1 if it names no single VM.
 */
int gmt_vm_resolve(const char *arg, struct gmt_vm *vm);

/*
 * A descriptor of @vm in this process (pidfd_getfd(), which needs ptrace
 * access to its process), or -errno.
 */
int gmt_vm_open(const struct gmt_vm *vm);

struct gmt_kvm_stats;
/*
 * The binary statistics of @vm in @s, opened through a descriptor that is
 * closed again, so that we never hold the VM: 0 or -errno.
 */
int gmt_vm_stats_open(const struct gmt_vm *vm, struct gmt_kvm_stats *s);

#endif
