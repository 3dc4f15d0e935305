/* SPDX-License-Identifier: GPL-2.0 */
/* What the subcommands of the tool share. */
#ifndef GMT_TOOL_H
#define GMT_TOOL_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>
#include <linux/types.h>

#include "gmemtrace.h"

struct gmemtrace_bpf;

/* Options every BPF-using subcommand takes. */
struct gmt_opts {
	int tgid;			/* -p: only this process */
	int vm_pid;			/* -m/--vm: only this VM */
	unsigned long long ino;		/* -i/--ino: only this guest_memfd */
	__u64 events;			/* -e: GMT_EV_BIT()s */
	bool json;			/* -j */
	bool fentry;			/* --fentry: no tracepoints even if present */
	bool arch;			/* -A: follow each pfn's arch state */
	int verbose;			/* -v, repeatable */
	unsigned int rb_mb;		/* trace -b: ring buffer size, MiB */
	char **cmd;			/* -- COMMAND...: run it, stop when it exits */
};

/*
 * Handle a common option.  Returns 1 if @c was one, 0 if not, -1 (after
 * printing why) when its argument is bad.
 */
int gmt_common_opt(struct gmt_opts *o, int c, const char *arg);
void gmt_opts_init(struct gmt_opts *o);
/* The filters of -e, -p, -m and -i in @o. */
void gmt_opts_filter(const struct gmt_opts *o, struct gmt_filter *f);

/* Numbers from the command line; -1 after printing "bad NAME 'ARG'". */
int gmt_parse_ulong(const char *what, const char *arg, unsigned long long max,
		    unsigned long long *out);

/* Opening, loading and attaching the BPF side. */
struct gmt_session {
	struct gmemtrace_bpf *skel;
	bool tracepoints;		/* false: fentry/fexit */
	bool arch;			/* -A: arch state followed */
	__u64 attached;			/* GMT_EV_BIT()s with a program */
};

int gmt_session_open(struct gmt_session *s, const struct gmt_opts *o, bool trace,
		     bool stats);
void gmt_session_close(struct gmt_session *s);
unsigned long long gmt_self_counter(struct gmt_session *s, enum gmt_self_counter c);

/* SIGINT/SIGTERM: the first sets gmt_exiting, the second kills. */
extern volatile int gmt_exiting;
void gmt_setup_signals(void);

/* -- COMMAND: fork it stopped before exec; gmt_child_start() lets it go. */
int gmt_child_spawn(char **argv, pid_t *pid);
int gmt_child_start(void);
/* The tool failed before gmt_child_start(): the child exits unrun. */
void gmt_child_abort(pid_t pid);
/* 1 when the child has exited (its status in @status), 0 if running. */
int gmt_child_reap(pid_t pid, int *status);

/*
 * "gmemtrace: ..." on stderr, or with gmt_json_errors (-j), {"error": "..."}
 * on stdout, one line.
 */
void gmt_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
extern bool gmt_json_errors;
/*
 * The capabilities this process lacks to load BPF programs on guest_memfd,
 * in @buf ("" if none): CAP_BPF and CAP_PERFMON, or CAP_SYS_ADMIN, which
 * stands for both and is the only one the kernel gives a module's BTF to
 * (BPF_BTF_GET_FD_BY_ID): the events and kvm_gmem_ops are kvm.ko's when
 * KVM is a module.
 */
void gmt_missing_caps(char *buf, size_t len);
/* "gmemtrace: ..." on stderr, also under -j: what does not stop the command. */
void gmt_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* coverage.c: a VM's private pages, and those in 2M folios. */
struct gmt_coverage {
	unsigned long long private_pages;
	unsigned long long private_huge_pages;
};

int gmt_huge_coverage(int vm_pid, struct gmt_coverage *cov);

int cmd_trace(int argc, char **argv);
int cmd_stat(int argc, char **argv);
int cmd_record(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_policy(int argc, char **argv);

#endif
